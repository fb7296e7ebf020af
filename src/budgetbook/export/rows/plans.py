"""Export resources of 歲出計畫提要及分支計畫概況表: work plans, sub-plans and object lines."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from ...model.base import Loc
from ..resource import NOT_SEARCHED, Resource

if TYPE_CHECKING:
    from ...model import Book


class ExpenditureLineRow(BaseModel):
    """One second-level 用途別科目 line of a sub-plan: the finest figure the table prints."""

    fiscal_year: int | None = Field(None, description="Gregorian fiscal year")
    agency_code: str | None = Field(None, description="4-digit agency code")
    work_plan_code: str = Field(description="10-digit 工作計畫 code")
    work_plan_name: str
    sub_plan_no: str = Field(description="分支計畫 number, e.g. 01")
    sub_plan_name: str
    object_level1_code: str | None = Field(None, description="first-level class, e.g. 2000")
    object_level1_name: str | None = None
    object_code: str = Field(description="second-level class, e.g. 2039")
    object_name: str
    amount: int | None = Field(None, description="thousands of NTD")
    source: Loc


class WorkPlanRow(BaseModel):
    code: str = Field(description="10-digit 工作計畫 code")
    name: str
    amount: int | None = Field(None, description="預算金額, thousands of NTD")
    last_year_amount: int | None = Field(None, description="from 歲出機關別預算表")
    change: int | None = Field(None, description="from 歲出機關別預算表")
    sub_plan_count: int
    content: str | None = Field(None, description="計畫內容")
    content_loc: Loc | None = None
    expected_results: str | None = Field(None, description="預期成果")
    expected_results_loc: Loc | None = None
    source: Loc


class SubPlanRow(BaseModel):
    work_plan_code: str
    sub_plan_no: str
    name: str
    amount: int | None = Field(None, description="thousands of NTD")
    units: str = Field(description="承辦單位 joined with 、")
    description: str | None = Field(None, description="說明")
    description_loc: Loc | None = None
    source: Loc


class ObjectLineRow(BaseModel):
    """Every 用途別科目 line at both levels, under a sub-plan or (where printed) a work plan."""

    work_plan_code: str
    sub_plan_no: str | None = Field(None, description="None for a work plan's own line")
    object_code: str
    object_name: str
    level: int = Field(description="1 or 2")
    parent_code: str | None = Field(None, json_schema_extra=NOT_SEARCHED)
    amount: int | None = Field(None, description="thousands of NTD")
    source: Loc


def _expenditure_lines(book: Book) -> Iterator[ExpenditureLineRow]:
    for wp in book.work_plans:
        for sp in wp.sub_plans:
            level1 = {o.code: o.name for o in sp.object_lines if o.level == 1}
            for o in sp.object_lines:
                if o.level != 2:
                    continue
                yield ExpenditureLineRow(
                    fiscal_year=book.fiscal_year, agency_code=book.agency_code,
                    work_plan_code=wp.code, work_plan_name=wp.name,
                    sub_plan_no=sp.no, sub_plan_name=sp.name,
                    object_level1_code=o.parent_code,
                    object_level1_name=level1.get(o.parent_code or ""),
                    object_code=o.code, object_name=o.name, amount=o.amount, source=o.loc,
                )


def _work_plans(book: Book) -> Iterator[WorkPlanRow]:
    # last year's figure and the change are printed in 歲出機關別預算表, read by another reader
    by_code = {getattr(r, "code", None): r for r in book.expenditure_by_agency}
    for wp in book.work_plans:
        ledger = by_code.get(wp.code)
        yield WorkPlanRow(
            code=wp.code, name=wp.name, amount=wp.amount,
            last_year_amount=getattr(ledger, "last_year_amount", None),
            change=getattr(ledger, "change", None),
            sub_plan_count=len(wp.sub_plans),
            content=wp.content.text if wp.content else None,
            content_loc=wp.content.loc if wp.content else None,
            expected_results=wp.expected_results.text if wp.expected_results else None,
            expected_results_loc=wp.expected_results.loc if wp.expected_results else None,
            source=wp.loc,
        )


def _sub_plans(book: Book) -> Iterator[SubPlanRow]:
    for wp in book.work_plans:
        for sp in wp.sub_plans:
            yield SubPlanRow(
                work_plan_code=wp.code, sub_plan_no=sp.no, name=sp.name, amount=sp.amount,
                units="、".join(sp.units),
                description=sp.description.text if sp.description else None,
                description_loc=sp.description.loc if sp.description else None,
                source=sp.loc,
            )


def _object_lines(book: Book) -> Iterator[ObjectLineRow]:
    for wp in book.work_plans:
        owners = [(None, wp.object_lines)] + [(sp.no, sp.object_lines) for sp in wp.sub_plans]
        for no, objects in owners:
            for o in objects:
                yield ObjectLineRow(
                    work_plan_code=wp.code, sub_plan_no=no, object_code=o.code,
                    object_name=o.name, level=o.level, parent_code=o.parent_code,
                    amount=o.amount, source=o.loc,
                )


RESOURCES: list[Resource] = [
    Resource("expenditure-lines", "歲出分支計畫用途別明細", ExpenditureLineRow,
             _expenditure_lines,
             "One row per second-level object class of each sub-plan (歲出計畫提要及分支計畫概況表)."),
    Resource("work-plans", "工作計畫", WorkPlanRow, _work_plans,
             "Work plans (工作計畫) with their budget; last year's amount from 歲出機關別預算表."),
    Resource("sub-plans", "分支計畫", SubPlanRow, _sub_plans,
             "Sub-plans (分支計畫) with their amount and handling units (承辦單位)."),
    Resource("object-lines", "分支計畫用途別科目", ObjectLineRow, _object_lines,
             "Every object-class line at both printed levels."),
]
