"""Export resources of 派員出國計畫預算總表/類別表 and 歲出按職能及經濟性綜合分類表."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, Field

from ...model import Book
from ...model.base import Loc
from ...model.travel import ECONOMIC_COLUMNS, FunctionalRow
from ..resource import NOT_SEARCHED, Resource


class OverseasTravelRow(BaseModel):
    name: str
    item_no: str | None
    work_plan: str | None
    work_plan_code: str | None
    category: str | None
    category_group: str | None
    group: str | None
    field_code: str | None
    destination: str | None
    persons: int | None
    days: int | None
    transport: int | None
    living: int | None
    office: int | None
    books: int | None
    amount: int | None
    topics: str | None
    source: Loc


class OverseasTravelSummaryRow(BaseModel):
    name: str
    is_total: bool
    trips: int | None  # 本年度計畫項數
    persons: int | None  # not printed: the 總表 gives person-days only
    days: int | None  # not printed: the 總表 gives person-days only
    person_days: int | None
    amount: int | None
    last_year_trips: int | None
    last_year_person_days: int | None
    last_year_amount: int | None
    source: Loc


class FunctionalEconomicRow(BaseModel):
    row_name: str
    row_code: str | None
    is_total: bool
    column: str = Field(json_schema_extra=NOT_SEARCHED)  # field name of the economic column
    column_label: str  # its zh-TW heading
    amount: int | None
    source: Loc


def _travel(book: Book) -> Iterator[OverseasTravelRow]:
    if book.travel_categories is None:
        return
    for p in book.travel_categories.plans:
        yield OverseasTravelRow(
            name=p.name, item_no=p.item_no, work_plan=p.work_plan,
            work_plan_code=p.work_plan_code, category=p.category,
            category_group=p.category_group, group=p.group, field_code=p.field_code,
            destination=p.destination, persons=p.persons, days=p.days, transport=p.transport,
            living=p.living, office=p.office, books=p.books, amount=p.amount,
            topics=p.topics.text if p.topics else None, source=p.loc,
        )


def _summary(book: Book) -> Iterator[OverseasTravelSummaryRow]:
    if book.travel_summary is None:
        return
    rows = list(book.travel_summary.rows)
    if book.travel_summary.total is not None:
        rows.append(book.travel_summary.total)
    for r in rows:
        yield OverseasTravelSummaryRow(
            name=r.category, is_total=r.is_total, trips=r.plans, persons=None, days=None,
            person_days=r.person_days, amount=r.amount, last_year_trips=r.last_year_plans,
            last_year_person_days=r.last_year_person_days,
            last_year_amount=r.last_year_amount, source=r.loc,
        )


def _cells(row: FunctionalRow) -> Iterator[FunctionalEconomicRow]:
    for field, label in ECONOMIC_COLUMNS:
        yield FunctionalEconomicRow(
            row_name=row.name, row_code=row.code, is_total=row.is_total, column=field,
            column_label=label, amount=getattr(row, field), source=row.loc_of(field),
        )


def _functional(book: Book) -> Iterator[FunctionalEconomicRow]:
    if book.functional is None:
        return
    for row in book.functional.rows:
        yield from _cells(row)
    if book.functional.total is not None:
        yield from _cells(book.functional.total)


RESOURCES: list[Resource] = [
    Resource("overseas-travel", "派員出國計畫預算類別表", OverseasTravelRow, _travel,
             "one row per plan of travel abroad"),
    Resource("overseas-travel-summary", "派員出國計畫預算總表", OverseasTravelSummaryRow,
             _summary, "one row per 類別 and the 合計 row"),
    Resource("functional-economic", "歲出按職能及經濟性綜合分類表", FunctionalEconomicRow,
             _functional, "one row per (職能 row, economic column) cell"),
]
