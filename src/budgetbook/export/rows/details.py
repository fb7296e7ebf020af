"""Export resources of 歲出計畫說明提要與各項費用明細表 (city books): every detail line of an
object line, and every case (案別) of a sub-plan with its multi-year total."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from ...model.base import Loc
from ..resource import Resource

if TYPE_CHECKING:
    from ...model import Book
    from ...model.plans import ObjectLine


class DetailLineRow(BaseModel):
    """One detail line (單位, 數量, 單價, 預算數, 說明) of a 用途別科目 line."""

    work_plan_code: str = Field(description="工作計畫 code (11 characters in city books)")
    sub_plan_no: str | None = Field(None, description="分支計畫 number; None for a work plan's "
                                    "own line")
    object_code: str = Field(description="the 用途別科目 line it details, e.g. 2054")
    case_no: str | None = Field(None, description="案別 number; empty outside a case")
    unit: str | None = Field(None, description="單位")
    quantity: str | None = Field(None, description="數量 as printed, e.g. 81×12")
    unit_price: float | None = Field(None, description="單價, in the book's unit")
    amount: int | None = Field(None, description="預算數, in the book's unit")
    total_cost: int | None = Field(None, description="multi-year total printed with it")
    description: str | None = Field(None, description="說明")
    source: Loc


class CaseRow(BaseModel):
    """One 案別 of a sub-plan: a numbered project with its own object lines."""

    work_plan_code: str
    sub_plan_no: str
    case_no: str
    name: str
    amount: int | None = Field(None, description="this year's amount, in the book's unit")
    total_cost: int | None = Field(None, description="multi-year total (總經費/總工程費)")
    description: str | None = Field(None, description="說明")
    source: Loc


def _details(code: str, no: str | None, case_no: str | None, lines: list[ObjectLine]
             ) -> Iterator[DetailLineRow]:
    for o in lines:
        for d in o.detail_lines:
            yield DetailLineRow(
                work_plan_code=code, sub_plan_no=no, object_code=o.code, case_no=case_no,
                unit=d.unit, quantity=d.quantity, unit_price=d.unit_price, amount=d.amount,
                total_cost=d.total_cost,
                description=d.description.text if d.description else None, source=d.loc)


def _detail_lines(book: Book) -> Iterator[DetailLineRow]:
    for wp in book.work_plans:
        yield from _details(wp.code, None, None, wp.object_lines)
        for sp in wp.sub_plans:
            yield from _details(wp.code, sp.no, None, sp.object_lines)
            for c in sp.cases:
                yield from _details(wp.code, sp.no, c.case_no, c.object_lines)


def _cases(book: Book) -> Iterator[CaseRow]:
    for wp in book.work_plans:
        for sp in wp.sub_plans:
            for c in sp.cases:
                yield CaseRow(work_plan_code=wp.code, sub_plan_no=sp.no, case_no=c.case_no,
                              name=c.name, amount=c.amount, total_cost=c.total_cost,
                              description=c.description.text if c.description else None,
                              source=c.loc)


RESOURCES: list[Resource] = [
    Resource("detail-lines", "各項費用明細", DetailLineRow, _detail_lines,
             "Every detail line of a 用途別科目 line (歲出計畫說明提要與各項費用明細表, city books)."),
    Resource("cases", "案別", CaseRow, _cases,
             "Cases (案別) of a sub-plan with their multi-year totals (city books)."),
]
