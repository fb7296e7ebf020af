"""Export resources of 委辦經費分析表, 媒體政策及業務宣導經費彙計表, 決議辦理情形."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ...model.base import Loc
from ..resource import NOT_SEARCHED, Resource

if TYPE_CHECKING:
    from ...model import Book
    from ...model.base import TextBlock


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CommissionedProjectRow(_Row):
    work_plan_code: str = Field(description="10-digit 科目 code of the work plan")
    work_plan_name: str
    number: str = Field(description="item number as printed, e.g. (21)")
    name: str = Field(description="委辦計畫")
    personnel_amount: int | None = Field(None, description="用人費用, thousands of NTD")
    operating_amount: int | None = Field(None, description="業務費用")
    other_amount: int | None = Field(None, description="third amount column (header not extracted)")
    amount: int | None = Field(None, description="合計")
    years: str | None = Field(None, description="委辦計畫起訖年度, e.g. 111-111")
    description: str | None = Field(None, description="委辦內容")
    source: Loc


class CommissionedTotalRow(_Row):
    work_plan_code: str | None = Field(None, description="None for the table's 合計")
    work_plan_name: str | None = None
    personnel_amount: int | None = Field(None, description="用人費用")
    operating_amount: int | None = Field(None, description="業務費用")
    other_amount: int | None = None
    amount: int | None = Field(None, description="合計")
    source: Loc


class MediaSpendingRow(_Row):
    work_plan_code: str | None = Field(
        None, description="10-digit code when the row is a work plan"
    )
    code: str = Field(description="10-digit 科目 code of the row")
    level: str = Field(description="ministry, agency, function, work_plan or sub",
                       json_schema_extra=NOT_SEARCHED)
    ordinal: str | None = Field(None, description="款/項/目/節 number as printed")
    name: str
    amount: int | None = Field(None, description="預算數, thousands of NTD")
    description: str | None = Field(None, description="預計執行內容")
    source: Loc


class ResolutionRow(_Row):
    number: str = Field(description="item number as printed; restarts under each heading")
    part: str | None = Field(None, description="e.g. 壹、通案決議部分")
    heading: str | None = Field(None, description="e.g. 總預算案")
    committee: str | None = None
    scope: str | None = Field(None, description="e.g. 歲出部分第 13款第 7項…")
    text: str = Field(description="內容")
    response: str | None = Field(None, description="辦理情形")
    source: Loc


def _text(block: TextBlock | None) -> str | None:
    return None if block is None else block.text


def _projects(book: Book) -> Iterator[CommissionedProjectRow]:
    for p in book.commissioned.projects if book.commissioned else []:
        yield CommissionedProjectRow(
            work_plan_code=p.work_plan_code,
            work_plan_name=p.work_plan_name,
            number=p.number,
            name=p.name,
            personnel_amount=p.personnel_amount,
            operating_amount=p.operating_amount,
            other_amount=p.other_amount,
            amount=p.amount,
            years=p.years,
            description=_text(p.description),
            source=p.loc,
        )


def _totals(book: Book) -> Iterator[CommissionedTotalRow]:
    for t in book.commissioned.totals if book.commissioned else []:
        yield CommissionedTotalRow(
            work_plan_code=t.work_plan_code,
            work_plan_name=t.work_plan_name,
            personnel_amount=t.personnel_amount,
            operating_amount=t.operating_amount,
            other_amount=t.other_amount,
            amount=t.amount,
            source=t.loc,
        )


def _media(book: Book) -> Iterator[MediaSpendingRow]:
    for r in book.media.rows if book.media else []:
        yield MediaSpendingRow(
            work_plan_code=r.code if r.level == "work_plan" else None,
            code=r.code,
            level=r.level,
            ordinal=r.ordinal,
            name=r.name,
            amount=r.amount,
            description=_text(r.description),
            source=r.loc,
        )


def _resolutions(book: Book) -> Iterator[ResolutionRow]:
    for r in book.resolutions.items if book.resolutions else []:
        yield ResolutionRow(
            number=r.number,
            part=r.part,
            heading=r.heading,
            committee=r.committee,
            scope=r.scope,
            text=r.text.text,
            response=_text(r.response),
            source=r.loc,
        )


RESOURCES: list[Resource] = [
    Resource(
        "commissioned-projects",
        "委辦經費分析表",
        CommissionedProjectRow,
        _projects,
        "One row per 委辦計畫 with its work plan.",
    ),
    Resource(
        "commissioned-totals",
        "委辦經費分析表（合計）",
        CommissionedTotalRow,
        _totals,
        "Work plan subtotals, then the table's 合計 (work_plan_code empty).",
    ),
    Resource(
        "media-spending",
        "媒體政策及業務宣導經費彙計表",
        MediaSpendingRow,
        _media,
        "One row per 科目 row; work_plan_code is set on work plan rows.",
    ),
    Resource(
        "resolutions",
        "決議、附帶決議及注意事項辦理情形",
        ResolutionRow,
        _resolutions,
        "One row per item, with its 內容 and 辦理情形.",
    ),
]
