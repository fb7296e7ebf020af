"""Model of 公務車輛明細表, 現有辦公房舍明細表, 補助經費分析表 and 捐助經費分析表.

Amounts are thousands of NTD as printed ("-" is None). Areas (平方公尺), the fuel unit price (元)
and the acquisition month (`106.08`) carry decimals, so they are kept as Decimal or str, never
floats.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from .base import Loc, Record, TextBlock


def _sum(*values: int | None) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


# --- 公務車輛明細表 ---------------------------------------------------------------------------


class VehicleRow(Record):
    """One line of 公務車輛明細表: a kind of vehicle (車輛種類) and its yearly running cost."""

    group: str | None = Field(None, description="heading the row is listed under, e.g. 現有車輛")
    name: str = Field(description="車輛種類, e.g. 首長專用車")
    count: int | None = Field(None, description="車輛數")
    passengers: int | None = Field(None, description="乘客人數 (不含司機)")
    acquired: str | None = Field(None, description="購置年月 as printed, ROC year.month (e.g. 106.08)")
    displacement_cc: int | None = Field(None, description="汽缸總排氣量 (立方公分)")
    fuel_litres: int | None = Field(None, description="油料費 數量 (公升)")
    fuel_unit_price: Decimal | None = Field(None, description="油料費 單價 (元)")
    fuel_cost: int | None = Field(None, description="油料費 金額 (千元)")
    maintenance: int | None = Field(None, description="養護費")
    other: int | None = Field(None, description="其他")
    description: str | None = Field(None, description="備註, e.g. the plate numbers")
    # a city's table: the work plan each vehicle is listed under, and its own cost columns
    work_plan: str | None = Field(None, description="業務計畫-工作計畫 it is listed under (city)")
    displacement: str | None = Field(
        None, description="汽缸總排氣量 as printed (city), e.g. a range 1201-1800 or horsepower")
    license_tax: int | None = Field(None, description="牌照稅 (city)")
    fuel_use_fee: int | None = Field(
        None, description="燃料使用費, or an electric vehicle's 公路使用養護安全管理費 (city)")
    insurance: int | None = Field(None, description="車輛保險費 (city)")
    inspection: int | None = Field(None, description="車輛檢驗費 (city)")

    @property
    def amount(self) -> int | None:
        """年需經費: 油料費 + 養護費 + 其他 (a city's: 牌照稅 + 燃料使用費 + 油料費 + 養護費 +
        保險費 + 檢驗費). The table prints no total column, so this is derived and not
        serialised (a dumped Book validates back unchanged)."""
        return _sum(self.fuel_cost, self.maintenance, self.other, self.license_tax,
                    self.fuel_use_fee, self.insurance, self.inspection)


class VehicleTotal(Record):
    """The 合計 row of 公務車輛明細表."""

    count: int | None = None
    fuel_litres: int | None = None
    fuel_cost: int | None = None
    maintenance: int | None = None
    other: int | None = None
    license_tax: int | None = None
    fuel_use_fee: int | None = None
    insurance: int | None = None
    inspection: int | None = None

    @property
    def amount(self) -> int | None:
        return _sum(self.fuel_cost, self.maintenance, self.other, self.license_tax,
                    self.fuel_use_fee, self.insurance, self.inspection)


class VehicleSubtotal(Record):
    """A city's subtotal of the vehicles of one work plan under one heading, printed on the
    row of the work plan's name."""

    group: str | None = Field(None, description="heading, e.g. 現有車輛")
    work_plan: str = Field(description="業務計畫-工作計畫")
    license_tax: int | None = None
    fuel_use_fee: int | None = None
    fuel_cost: int | None = None
    maintenance: int | None = None
    insurance: int | None = None
    inspection: int | None = None


class VehicleTable(BaseModel):
    """公務車輛明細表 (official vehicles)."""

    model_config = ConfigDict(extra="forbid")

    rows: list[VehicleRow] = Field(default_factory=list)
    total: VehicleTotal | None = None
    subtotals: list[VehicleSubtotal] = Field(default_factory=list, description="a city's")


# --- 現有辦公房舍明細表 -------------------------------------------------------------------------


class OfficeFigures(Record):
    """The figure columns of 現有辦公房舍明細表. The table is printed in two page halves: 自有 and
    無償借用 on the left, 有償租用或借用 and 合計 on the right; `lines` records the right half's line.
    A 單位數 is printed with its unit (`3筆`) and left blank when there is none."""

    owned_units: str | None = Field(None, description="自有 單位數 as printed (e.g. 3筆)")
    owned_area: Decimal | None = Field(None, description="自有 面積 (平方公尺)")
    owned_cost: int | None = Field(None, description="自有 取得成本")
    owned_maintenance: int | None = Field(None, description="自有 年需養護費")
    free_units: str | None = Field(None, description="無償借用 單位數")
    free_area: Decimal | None = Field(None, description="無償借用 面積")
    free_maintenance: int | None = Field(None, description="無償借用 年需養護費")
    rented_units: str | None = Field(None, description="有償租用或借用 單位數")
    rented_area: Decimal | None = Field(None, description="有償租用或借用 面積")
    rented_deposit: int | None = Field(None, description="有償租用或借用 押金")
    rented_rent: int | None = Field(None, description="有償租用或借用 租金")
    rented_maintenance: int | None = Field(None, description="有償租用或借用 年需養護費")
    total_area: Decimal | None = Field(None, description="合計 面積")
    total_deposit: int | None = Field(None, description="合計 押金")
    total_rent: int | None = Field(None, description="合計 租金")
    total_maintenance: int | None = Field(None, description="合計 年需養護費")


class OfficeRow(OfficeFigures):
    """One category of premises (一、辦公房屋; 二、機關宿舍 and its 1 首長宿舍 ...)."""

    number: str = Field(description="ordinal as printed: 一 for 一、辦公房屋, 1 for a sub-category")
    name: str = Field(description="區分, e.g. 辦公房屋, 單房間職務宿舍")
    parent: str | None = Field(None, description="name of the category a sub-category belongs to")


class OfficeTotal(OfficeFigures):
    """The 合計 row."""


class OfficeTable(BaseModel):
    """現有辦公房舍明細表 (office premises), with the 預算員額 printed in its header."""

    model_config = ConfigDict(extra="forbid")

    rows: list[OfficeRow] = Field(default_factory=list)
    total: OfficeTotal | None = None
    staff: dict[str, int] = Field(default_factory=dict, description="預算員額 by class (職員 ...)")
    staff_total: int | None = Field(None, description="預算員額 合計")
    staff_loc: Loc | None = None


# --- 補助經費分析表 / 捐助經費分析表 ---------------------------------------------------------------


class GrantAmounts(Record):
    """經費之用途分析: 經常門 (人事費, 業務費, 其他) and 資本門 (土地, 營建工程, 其他), 合計.
    Figures read from the right page half record their line in `lines`."""

    personnel: int | None = Field(None, description="經常門 人事費")
    operating: int | None = Field(None, description="經常門 業務費")
    current_other: int | None = Field(None, description="經常門 其他")
    land: int | None = Field(None, description="資本門 土地 (補助經費分析表 only)")
    construction: int | None = Field(None, description="資本門 營建工程")
    capital_other: int | None = Field(None, description="資本門 其他")
    amount: int | None = Field(None, description="合計")


class SubsidyRecipient(GrantAmounts):
    """A 受補助機關 line `[1]<recipient> 115-115` of an item, with its 補助內容."""

    number: str = Field(description="as printed, e.g. [1]")
    name: str = Field(description="受補助機關")
    budget_year: str | None = Field(None, description="列入預算年度 (ROC)")
    years: str | None = Field(None, description="計畫起訖年度 as printed, ROC start-end (e.g. 115-116)")
    description: TextBlock | None = Field(None, description="補助內容")


class SubsidyItem(GrantAmounts):
    """A 補助計畫 (`01(1)補助…`) and its recipients."""

    number: str = Field(description="as printed on the left half, e.g. 01(1)")
    name: str
    recipients: list[SubsidyRecipient] = Field(default_factory=list)


class SubsidyGroup(GrantAmounts):
    """The items of one work plan (工作計畫, `1.5212342000` + name) and their printed total."""

    number: str = Field(description="ordinal as printed, e.g. 1")
    work_plan_code: str
    work_plan_name: str
    items: list[SubsidyItem] = Field(default_factory=list)


class SubsidyTotal(GrantAmounts):
    """The 合計 row."""


class SubsidyTable(BaseModel):
    """補助經費分析表 (subsidies)."""

    model_config = ConfigDict(extra="forbid")

    groups: list[SubsidyGroup] = Field(default_factory=list)
    total: SubsidyTotal | None = None


class DonationItem(GrantAmounts):
    """A 捐助計畫 `[1]捐助…` with its 捐助對象 and 捐助內容."""

    number: str = Field(description="as printed, e.g. [1]")
    recipient_number: str | None = Field(None, description="number before 捐助對象, e.g. 01")
    name: str
    recipient: str | None = Field(None, description="捐助對象")
    years: str | None = Field(None, description="計畫起訖年度 as printed, ROC start-end (e.g. 115-116)")
    description: TextBlock | None = Field(None, description="捐助內容")


class DonationGroup(GrantAmounts):
    """The items of one work plan under one object class (`(1)5912341000` + name). One work
    plan can have two separate groups under the same object class."""

    number: str = Field(description="as printed, e.g. (1)")
    work_plan_code: str
    work_plan_name: str
    items: list[DonationItem] = Field(default_factory=list)


class DonationObject(GrantAmounts):
    """A 用途別科目 heading (`4040 對國內團體之捐助`)."""

    object_code: str
    object_name: str
    groups: list[DonationGroup] = Field(default_factory=list)


class DonationCategory(GrantAmounts):
    """A heading `1.對團體之捐助` / `2.對個人之捐助`."""

    number: str
    name: str
    objects: list[DonationObject] = Field(default_factory=list)


class DonationTotal(GrantAmounts):
    """The 合計 row."""


class DonationTable(BaseModel):
    """捐助經費分析表 (donations)."""

    model_config = ConfigDict(extra="forbid")

    categories: list[DonationCategory] = Field(default_factory=list)
    total: DonationTotal | None = None
