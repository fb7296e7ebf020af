"""Export resources of 歲入來源別預算表, 歲出機關別預算表, 歲入項目說明提要表."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ...model.base import Loc
from ..resource import NOT_SEARCHED, Resource

if TYPE_CHECKING:
    from ...model import Book
    from ...model.base import TextBlock

TOTAL_CODE = "TOTAL"  # the 合計 row has no 科目 code; a key column must not be empty


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RevenueResourceRow(_Row):
    code: str = Field(description="10-digit 科目 code; TOTAL for the 合計 row")
    name: str
    level: int = Field(description="1 款, 2 項, 3 目, 4 節, 0 合計")
    ordinal: str | None = Field(None, description="款/項/目/節 number as printed")
    parent_code: str | None = Field(None, description="code of the row one level up",
                                       json_schema_extra=NOT_SEARCHED)
    amount: int | None = Field(None, description="本年度預算數, thousands of NTD")
    last_year_amount: int | None = Field(None, description="上年度預算數")
    prior_year_actual: int | None = Field(None, description="前年度決算數")
    change: int | None = Field(None, description="本年度與上年度比較")
    description: str | None = Field(None, description="說明")
    current_amount: int | None = Field(None, description="本年度預算數 經常門, where printed")
    capital_amount: int | None = Field(None, description="本年度預算數 資本門, where printed")
    source: Loc


class AgencyExpenditureResourceRow(_Row):
    code: str = Field(description="10-digit 科目 code; TOTAL for a 合計 row")
    name: str
    level: int = Field(description="1 主管, 2 機關, 3 政事別, 4 業務計畫, 5 工作計畫, 0 合計")
    kind: str = Field(description="ministry, agency, function, work_plan, task or total",
                      json_schema_extra=NOT_SEARCHED)
    parent_code: str | None = Field(None, description="code of the row one level up",
                                       json_schema_extra=NOT_SEARCHED)
    ordinal: str | None = Field(None, description="款/項/目/節 number as printed")
    amount: int | None = Field(None, description="本年度預算數, thousands of NTD")
    last_year_amount: int | None = Field(None, description="上年度預算數")
    prior_year_actual: int | None = Field(None, description="前年度決算數, where printed")
    change: int | None = Field(None, description="本年度與上年度比較")
    description: str | None = Field(None, description="說明")
    current_amount: int | None = Field(None, description="本年度預算數 經常門, where printed")
    capital_amount: int | None = Field(None, description="本年度預算數 資本門, where printed")
    source: Loc


class RevenueNoteResourceRow(_Row):
    code: str = Field(description="10-digit 科目 code of the item")
    name: str
    level: int = Field(description="3 目, 4 節")
    ordinal: str | None = None
    parent_code: str | None = Field(None, json_schema_extra=NOT_SEARCHED)
    amount: int | None = Field(None, description="預算金額, thousands of NTD")
    units: str | None = Field(None, description="承辦單位")
    content: str | None = Field(None, description="一、項目內容")
    legal_basis: str | None = Field(None, description="二、法令依據")
    description: str | None = Field(None, description="the whole 說明")
    source: Loc


def _text(block: TextBlock | None) -> str | None:
    return None if block is None else block.text


def _revenue(book: Book) -> Iterator[RevenueResourceRow]:
    for r in book.revenue:
        yield RevenueResourceRow(
            code=r.code or TOTAL_CODE, name=r.name, level=r.level, ordinal=r.ordinal,
            parent_code=r.parent_code,
            amount=r.amount, last_year_amount=r.last_year_amount,
            prior_year_actual=r.prior_year_actual, change=r.change,
            description=_text(r.description), current_amount=r.current_amount,
            capital_amount=r.capital_amount, source=r.loc,
        )


def _expenditure(book: Book) -> Iterator[AgencyExpenditureResourceRow]:
    for r in book.expenditure_by_agency:
        yield AgencyExpenditureResourceRow(
            code=r.code or TOTAL_CODE, name=r.name, level=r.level, kind=r.kind,
            parent_code=r.parent_code,
            ordinal=r.ordinal, amount=r.amount, last_year_amount=r.last_year_amount,
            prior_year_actual=r.prior_year_actual, change=r.change,
            description=_text(r.description), current_amount=r.current_amount,
            capital_amount=r.capital_amount, source=r.loc,
        )


def _notes(book: Book) -> Iterator[RevenueNoteResourceRow]:
    for n in book.revenue_notes:
        yield RevenueNoteResourceRow(
            code=n.code, name=n.name, level=n.level, ordinal=n.ordinal,
            parent_code=n.parent_code, amount=n.amount, units=n.units,
            content=_text(n.content), legal_basis=_text(n.legal_basis),
            description=_text(n.description), source=n.loc,
        )


RESOURCES: list[Resource] = [
    Resource("revenue", "歲入來源別預算表", RevenueResourceRow, _revenue,
             "Revenue by source: every 款/項/目/節 row and the 合計 row (code TOTAL)."),
    Resource("expenditure-by-agency", "歲出機關別預算表", AgencyExpenditureResourceRow,
             _expenditure,
             "Expenditure by agency: 主管, 機關, 政事別, 業務計畫 and 工作計畫 rows."),
    Resource("revenue-notes", "歲入項目說明提要表", RevenueNoteResourceRow, _notes,
             "Revenue items with their amount, 承辦單位 and 說明."),
]
