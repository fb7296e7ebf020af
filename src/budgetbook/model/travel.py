"""Model of 派員出國計畫預算總表 (travel summary), 派員出國計畫預算類別表 (travel plans by
category) and 歲出按職能及經濟性綜合分類表 (expenditure by function and economic type).

Amounts are thousands of NTD as printed; `-` is None.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .base import Record, TextBlock

TRAVEL_CATEGORIES = ("考察", "視察", "訪問", "開會", "談判", "進修", "研究", "實習")


class TravelSummaryRow(Record):
    """One row of 派員出國計畫預算總表: a 類別 (考察, 開會 ...) or the 合計 row.

    The book prints 人天 (person-days), not persons and days separately."""

    category: str = Field(description="類別 as printed, or 合計")
    is_total: bool = False
    plans: int | None = Field(None, description="本年度計畫項數")
    person_days: int | None = Field(None, description="本年度預計人天")
    amount: int | None = Field(None, description="本年度預算數")
    last_year_plans: int | None = Field(None, description="上年度計畫項數")
    last_year_person_days: int | None = Field(None, description="上年度核定人天")
    last_year_amount: int | None = Field(None, description="上年度預算數")


class TravelSummary(BaseModel):
    """派員出國計畫預算總表."""

    model_config = ConfigDict(extra="forbid")

    rows: list[TravelSummaryRow] = Field(default_factory=list, description="category rows")
    total: TravelSummaryRow | None = None


class RecentTrip(Record):
    """One of 最近三次有關同一出國計畫之實際執行情形 (printed as vertical lists)."""

    destination: str | None = Field(None, description="出國地點")
    persons: int | None = Field(None, description="出國人數")
    cost: int | None = Field(None, description="國外旅費")
    period: str | None = Field(None, description="出國期間, ROC year.month as printed (e.g. 113.09)")


class TravelPlan(Record):
    """One plan of 派員出國計畫預算類別表. `line` is the line of its name and figures."""

    item_no: str | None = Field(None, description="item number as printed (01)")
    name: str = Field(description="計畫名稱")
    field_code: str | None = Field(None, description="領域代碼 printed after the name")
    category_group: str | None = Field(None, description="類別 of the page, e.g. 開會、談判")
    category: str | None = Field(
        None, description="single 類別 when the 總表 decides it (the page may name several)"
    )
    group: str | None = Field(None, description="sub-heading, e.g. 定期會議")
    destination: str | None = Field(None, description="擬前往國家或地區")
    topics: TextBlock | None = Field(None, description="主要會議議題、談判重點等")
    days: int | None = Field(None, description="預計天數")
    persons: int | None = Field(None, description="擬派人數")
    transport: int | None = Field(None, description="旅費: 交通費")
    living: int | None = Field(None, description="旅費: 生活費")
    office: int | None = Field(None, description="辦公費")
    books: int | None = Field(None, description="書籍學雜等費 (a study trip's books and tuition)")
    amount: int | None = Field(None, description="合計")
    work_plan: str | None = Field(None, description="歸屬預算科目 (work plan name)")
    work_plan_code: str | None = Field(None, description="10-digit code of that work plan")
    recent_trips: list[RecentTrip] = Field(default_factory=list)


class TravelCategories(BaseModel):
    """派員出國計畫預算類別表."""

    model_config = ConfigDict(extra="forbid")

    plans: list[TravelPlan] = Field(default_factory=list)


# Economic columns of 歲出按職能及經濟性綜合分類表 in printed order: (field, zh label).
ECONOMIC_COLUMNS: tuple[tuple[str, str], ...] = (
    ("compensation", "受僱人員報酬"),
    ("goods_services", "商品及勞務購買支出"),
    ("interest", "債務利息"),
    ("land_rent", "土地租金支出"),
    ("current_transfer_enterprises", "經常移轉-對企業"),
    ("current_transfer_households", "經常移轉-對家庭及民間非營利機構"),
    ("current_transfer_government", "經常移轉-對政府"),
    ("current_transfer_abroad", "經常移轉-對國外"),
    ("current_total", "經常支出合計"),
    ("investment_public_enterprises", "投資及增資-對營業基金"),
    ("investment_special_funds", "投資及增資-對非營業特種基金"),
    ("investment_private_enterprises", "投資及增資-對民間企業"),
    ("capital_transfer_enterprises", "資本移轉-對企業"),
    ("capital_transfer_households", "資本移轉-對家庭及民間非營利機構"),
    ("capital_transfer_government", "資本移轉-對政府"),
    ("capital_transfer_abroad", "資本移轉-對國外"),
    ("land_purchase", "土地購入"),
    ("intangible_assets", "無形資產購入"),
    ("dwellings", "固定資本形成-住宅"),
    ("non_residential_buildings", "固定資本形成-非住宅房屋"),
    ("construction", "固定資本形成-營建工程"),
    ("transport_equipment", "固定資本形成-運輸工具"),
    ("land_improvement", "固定資本形成-土地改良"),
    ("machinery", "固定資本形成-機器及其他設備"),
    ("software", "固定資本形成-資訊軟體"),
    ("capital_total", "資本支出合計"),
    ("total", "總計"),
)
CURRENT_PARTS = tuple(f for f, _ in ECONOMIC_COLUMNS[:8])
CAPITAL_PARTS = tuple(f for f, _ in ECONOMIC_COLUMNS[9:25])


class FunctionalRow(Record):
    """A 職能 row (or the 總計 row) of 歲出按職能及經濟性綜合分類表; one field per economic
    column. Each half page prints a different set of columns, so `lines` holds the line of
    every value not on the row's own (left-half) line."""

    name: str = Field(description="職能 name, or 總計")
    code: str | None = Field(None, description="職能 code as printed (13)")
    is_total: bool = False
    compensation: int | None = None
    goods_services: int | None = None
    interest: int | None = None
    land_rent: int | None = None
    current_transfer_enterprises: int | None = None
    current_transfer_households: int | None = None
    current_transfer_government: int | None = None
    current_transfer_abroad: int | None = None
    current_total: int | None = None
    investment_public_enterprises: int | None = None
    investment_special_funds: int | None = None
    investment_private_enterprises: int | None = None
    capital_transfer_enterprises: int | None = None
    capital_transfer_households: int | None = None
    capital_transfer_government: int | None = None
    capital_transfer_abroad: int | None = None
    land_purchase: int | None = None
    intangible_assets: int | None = None
    dwellings: int | None = None
    non_residential_buildings: int | None = None
    construction: int | None = None
    transport_equipment: int | None = None
    land_improvement: int | None = None
    machinery: int | None = None
    software: int | None = None
    capital_total: int | None = None
    total: int | None = None


class FunctionalEconomic(BaseModel):
    """歲出按職能及經濟性綜合分類表."""

    model_config = ConfigDict(extra="forbid")

    rows: list[FunctionalRow] = Field(default_factory=list, description="職能 rows")
    total: FunctionalRow | None = None
