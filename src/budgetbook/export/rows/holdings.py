"""Export resources of 公務車輛明細表, 現有辦公房舍明細表, 補助經費分析表, 捐助經費分析表.

Grant resources hold the finest rows (a subsidy's recipients, a donation's items) so their
amounts add up; group totals and the table's 合計 go to the `*-totals` resources.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from ...model.base import Loc
from ...model.holdings import GrantAmounts
from ..resource import NOT_SEARCHED, Resource

if TYPE_CHECKING:
    from ...model import Book


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


class VehicleRowOut(BaseModel):
    group: str | None
    name: str
    count: int | None
    passengers: int | None
    acquired: str | None
    displacement_cc: int | None
    fuel_litres: int | None
    fuel_unit_price: str | None
    fuel_cost: int | None
    maintenance: int | None
    other: int | None
    amount: int | None
    description: str | None
    work_plan: str | None = Field(None, description="業務計畫-工作計畫 it is listed under (city)")
    displacement: str | None = Field(None, description="汽缸總排氣量 as printed (city)")
    license_tax: int | None = Field(None, description="牌照稅 (city)")
    fuel_use_fee: int | None = Field(
        None, description="燃料使用費 or 公路使用養護安全管理費 (city)")
    insurance: int | None = Field(None, description="車輛保險費 (city)")
    inspection: int | None = Field(None, description="車輛檢驗費 (city)")
    source: Loc


class OfficeRowOut(BaseModel):
    number: str
    name: str
    parent: str | None
    owned_units: str | None
    owned_area: str | None
    owned_cost: int | None
    owned_maintenance: int | None
    free_units: str | None
    free_area: str | None
    free_maintenance: int | None
    rented_units: str | None
    rented_area: str | None
    rented_deposit: int | None
    rented_rent: int | None
    rented_maintenance: int | None
    total_area: str | None
    total_deposit: int | None
    total_rent: int | None
    total_maintenance: int | None
    source: Loc
    right_half_loc: Loc | None


class _Amounts(BaseModel):
    amount: int | None
    personnel: int | None
    operating: int | None
    current_other: int | None
    land: int | None
    construction: int | None
    capital_other: int | None


class SubsidyRowOut(_Amounts):
    work_plan_code: str
    work_plan_name: str
    item_number: str
    item_name: str
    number: str
    name: str
    budget_year: str | None
    years: str | None
    description: str | None
    source: Loc


class DonationRowOut(_Amounts):
    category: str
    object_code: str
    object_name: str
    group_number: str
    work_plan_code: str
    work_plan_name: str
    number: str
    name: str
    recipient_number: str | None
    recipient: str | None
    years: str | None
    description: str | None
    source: Loc


class GrantTotalOut(_Amounts):
    level: str = Field(json_schema_extra=NOT_SEARCHED)  # total, category, object, work_plan, item
    object_code: str | None
    work_plan_code: str | None
    number: str | None
    source: Loc


def _amounts(r: GrantAmounts) -> dict[str, Any]:
    return {k: getattr(r, k) for k in _Amounts.model_fields}


def _vehicles(book: Book) -> Iterator[VehicleRowOut]:
    for r in book.vehicles.rows if book.vehicles else []:
        yield VehicleRowOut(**r.model_dump(include=set(VehicleRowOut.model_fields) - {
            "fuel_unit_price", "source", "amount"}), fuel_unit_price=_dec(r.fuel_unit_price),
            amount=r.amount,
            source=r.loc)


def _offices(book: Book) -> Iterator[OfficeRowOut]:
    for r in book.offices.rows if book.offices else []:
        data = r.model_dump(include=set(OfficeRowOut.model_fields) - {"source", "right_half_loc"})
        for k in ("owned_area", "free_area", "rented_area", "total_area"):
            data[k] = _dec(getattr(r, k))
        yield OfficeRowOut(**data, source=r.loc, right_half_loc=r.locs.get("total_area"))


def _subsidies(book: Book) -> Iterator[SubsidyRowOut]:
    for g in book.subsidies.groups if book.subsidies else []:
        for item in g.items:
            for r in item.recipients:
                yield SubsidyRowOut(
                    **_amounts(r), work_plan_code=g.work_plan_code, work_plan_name=g.work_plan_name,
                    item_number=item.number, item_name=item.name, number=r.number, name=r.name,
                    budget_year=r.budget_year, years=r.years,
                    description=r.description.text if r.description else None, source=r.loc,
                )


def _subsidy_totals(book: Book) -> Iterator[GrantTotalOut]:
    if not book.subsidies:
        return
    t = book.subsidies.total
    if t:
        yield GrantTotalOut(**_amounts(t), level="total", object_code=None, work_plan_code=None,
                            number=None, source=t.loc)
    for g in book.subsidies.groups:
        yield GrantTotalOut(**_amounts(g), level="work_plan", object_code=None,
                            work_plan_code=g.work_plan_code, number=g.number, source=g.loc)
        for i in g.items:
            yield GrantTotalOut(**_amounts(i), level="item", object_code=None,
                                work_plan_code=g.work_plan_code, number=i.number, source=i.loc)


def _donations(book: Book) -> Iterator[DonationRowOut]:
    for c in book.donations.categories if book.donations else []:
        for o in c.objects:
            for g in o.groups:
                for r in g.items:
                    yield DonationRowOut(
                        **_amounts(r), category=c.name, object_code=o.object_code,
                        object_name=o.object_name, group_number=g.number,
                        work_plan_code=g.work_plan_code, work_plan_name=g.work_plan_name,
                        number=r.number, name=r.name, recipient_number=r.recipient_number,
                        recipient=r.recipient, years=r.years,
                        description=r.description.text if r.description else None,
                        source=r.loc,
                    )


def _donation_totals(book: Book) -> Iterator[GrantTotalOut]:
    if not book.donations:
        return
    t = book.donations.total
    if t:
        yield GrantTotalOut(**_amounts(t), level="total", object_code=None, work_plan_code=None,
                            number=None, source=t.loc)
    for c in book.donations.categories:
        yield GrantTotalOut(**_amounts(c), level="category", object_code=None,
                            work_plan_code=None, number=c.number, source=c.loc)
        for o in c.objects:
            yield GrantTotalOut(**_amounts(o), level="object", object_code=o.object_code,
                                work_plan_code=None, number=None, source=o.loc)
            for g in o.groups:
                yield GrantTotalOut(**_amounts(g), level="work_plan", object_code=o.object_code,
                                    work_plan_code=g.work_plan_code, number=g.number,
                                    source=g.loc)


RESOURCES: list[Resource] = [
    Resource("vehicles", "公務車輛明細表", VehicleRowOut, _vehicles,
             "One row per kind of vehicle; amount = 油料費 + 養護費 + 其他 (a city's: 牌照稅 + "
             "燃料使用費 + 油料費 + 養護費 + 保險費 + 檢驗費), in the book's unit."),
    Resource("offices", "現有辦公房舍明細表", OfficeRowOut, _offices,
             "One row per category of premises; areas in 平方公尺, money in the book's unit."),
    Resource("subsidies", "補助經費分析表", SubsidyRowOut, _subsidies,
             "One row per recipient (受補助機關) of a subsidy item, by work plan."),
    Resource("subsidy-totals", "補助經費分析表 合計", GrantTotalOut, _subsidy_totals,
             "Printed totals: the table's 合計 (work_plan_code empty), work plans and items."),
    Resource("donations", "捐助經費分析表", DonationRowOut, _donations,
             "One row per donation item, with its 用途別科目 and work plan."),
    Resource("donation-totals", "捐助經費分析表 合計", GrantTotalOut, _donation_totals,
             "Printed totals: the table's 合計, categories, 用途別科目 and work-plan groups."),
]
