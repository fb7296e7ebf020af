"""Export resources of 各項費用彙計表, 歲出一級用途別科目分析表, 資本支出分析表, 人事費彙計表,
預算員額明細表: one flat row per cell, each with the source line of its figure."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from ...model.base import Loc
from ...model.objects import ANALYSIS_COLUMNS, CAPITAL_COLUMNS
from ..resource import NOT_SEARCHED, Resource

if TYPE_CHECKING:
    from ...model import Book


class CostSummaryCell(BaseModel):
    object_code: str | None
    object_name: str
    level: int | None
    work_plan_code: str | None
    work_plan_name: str | None  # None for the 合計 column
    amount: int | None
    source: Loc


class ObjectAnalysisCell(BaseModel):
    row_code: str | None
    ordinal: str | None
    row_name: str
    row_level: str = Field(json_schema_extra=NOT_SEARCHED)
    kind: str | None  # 經常支出 / 資本支出; None for 合計
    column: str  # the printed heading of the cell's column (人事費, 業務費 …)
    amount: int | None
    source: Loc


class CapitalCell(BaseModel):
    row_code: str
    ordinal: str | None
    row_name: str
    row_level: str = Field(json_schema_extra=NOT_SEARCHED)
    column: str  # the printed heading of the cell's column (人事費, 業務費 …)
    amount: int | None
    source: Loc


class PersonnelCostRow(BaseModel):
    ordinal: str | None
    name: str
    amount: int | None
    description: str | None
    source: Loc


class StaffingCategoryRow(BaseModel):
    name: str
    count: int | None
    last_year_count: int | None
    source: Loc


class StaffingUnitRow(BaseModel):
    unit_code: str
    unit_name: str
    unit_level: str = Field(json_schema_extra=NOT_SEARCHED)
    name: str
    count: int | None
    last_year_count: int | None
    source: Loc


def cost_summary_rows(book: Book) -> Iterator[CostSummaryCell]:
    t = book.cost_summary
    if t is None:
        return
    rows: list[tuple[str | None, str, int | None, Any]] = [
        (r.code, r.name, r.level, r) for r in t.rows]
    if t.total:
        rows.append((None, "合計", None, t.total))
    for code, name, level, r in rows:
        # each cell where it is printed (a PDF reader keeps every cell's own box)
        for i, (col, value) in enumerate(zip(t.columns, r.amounts, strict=False)):
            yield CostSummaryCell(object_code=code, object_name=name, level=level,
                                  work_plan_code=col.code, work_plan_name=col.name,
                                  amount=value, source=r.loc_of(f"amounts[{i}]"))
        yield CostSummaryCell(object_code=code, object_name=name, level=level,
                              work_plan_code=None, work_plan_name=None, amount=r.total,
                              source=r.loc_of("total"))


def object_analysis_rows(book: Book) -> Iterator[ObjectAnalysisCell]:
    t = book.object_analysis
    for row in t.rows if t else []:
        if not row.printed:
            continue
        for field, kind, name in ANALYSIS_COLUMNS:
            yield ObjectAnalysisCell(row_code=row.code, ordinal=row.ordinal, row_name=row.name,
                                     row_level=row.level, kind=kind, column=name,
                                     amount=getattr(row, field), source=row.loc_of(field))


def capital_rows(book: Book) -> Iterator[CapitalCell]:
    t = book.capital
    for row in t.rows if t else []:
        if not row.printed:
            continue
        for field, name in CAPITAL_COLUMNS:
            yield CapitalCell(row_code=row.code, ordinal=row.ordinal, row_name=row.name,
                              row_level=row.level, column=name, amount=getattr(row, field),
                              source=row.loc_of(field))


def personnel_rows(book: Book) -> Iterator[PersonnelCostRow]:
    t = book.personnel_costs
    if t is None:
        return
    for c in t.categories:
        yield PersonnelCostRow(ordinal=c.ordinal, name=c.name, amount=c.amount,
                               description=c.description.text if c.description else None,
                               source=c.loc)
    # the 合計 line when printed, else the title's line (the total is then the categories' sum)
    yield PersonnelCostRow(ordinal=None, name="合計", amount=t.total, description=None,
                           source=t.total_loc or t.loc)


def staffing_rows(book: Book) -> Iterator[StaffingCategoryRow]:
    row = book.staffing.agency_row if book.staffing else None
    for c in row.counts if row else []:
        yield StaffingCategoryRow(name=c.category, count=c.count,
                                  last_year_count=c.last_year_count, source=c.loc)


def staffing_unit_rows(book: Book) -> Iterator[StaffingUnitRow]:
    t = book.staffing
    for row in t.rows if t else []:
        for c in row.counts:
            yield StaffingUnitRow(unit_code=row.code, unit_name=row.name, unit_level=row.level,
                                  name=c.category, count=c.count,
                                  last_year_count=c.last_year_count, source=c.loc)


RESOURCES: list[Resource] = [
    Resource("cost-summary", "各項費用彙計表", CostSummaryCell, cost_summary_rows,
             "One row per cell: 用途別科目 × 工作計畫 (work_plan_code None: the 合計 column; "
             "object_code None: the 合計 row)."),
    Resource("object-class-analysis", "歲出一級用途別科目分析表", ObjectAnalysisCell,
             object_analysis_rows, "One row per cell: unit row × first-level class column."),
    Resource("capital-expenditure", "資本支出分析表", CapitalCell, capital_rows,
             "One row per cell: unit row × capital column."),
    Resource("personnel-costs", "人事費彙計表", PersonnelCostRow, personnel_rows,
             "One row per category plus the 合計 row."),
    Resource("staffing", "預算員額明細表", StaffingCategoryRow, staffing_rows,
             "The agency's budgeted posts per category plus 合計, this year and last year."),
    Resource("staffing-units", "預算員額明細表（各單位）", StaffingUnitRow, staffing_unit_rows,
             "Budgeted posts per category for every unit row (機關 and 工作計畫)."),
]
