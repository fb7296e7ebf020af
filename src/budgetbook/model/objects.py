"""Model of the object-class tables of a unit budget book.

各項費用彙計表 (CostSummary), 歲出一級用途別科目分析表 (ObjectAnalysis), 資本支出分析表
(CapitalExpenditure), 人事費彙計表 (PersonnelCosts), 預算員額明細表 (StaffingTable).
Amounts are thousands of NTD as printed; a printed `-` is None.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .base import Loc, Located, Record, TextBlock

# Rows of the analysis tables follow the 科目 hierarchy: 主管, 機關, 政事別, 工作計畫.
UnitLevel = Literal["ministry", "agency", "function", "work_plan"]


class _Table(Located):
    """A table as a whole; its `loc` is where its title is printed."""

    table: str = Field(description="section id")


# --- 各項費用彙計表 -------------------------------------------------------------------------


class WorkPlanColumn(BaseModel):
    """A work-plan column (工作計畫) of 各項費用彙計表."""

    model_config = ConfigDict(extra="forbid")

    code: str | None = Field(None, description="10-digit 科目 code of the work plan")
    name: str


class CostSummaryRow(Record):
    """One 用途別科目 row: `amounts` aligned with CostSummary.columns, `total` the 合計 column."""

    code: str = Field(description="用途別科目 code: 4 digits in a central book (2039), "
                                  "6 in a city's (203900)")
    name: str
    level: Literal[1, 2] = Field(description="1 for 1000 (city 100000) 人事費, "
                                             "2 for 1015 (101500) 法定編制人員待遇")
    parent_code: str | None = Field(None, description="first-level code of a second-level row")
    amounts: list[int | None]
    total: int | None


class CostSummaryTotal(Record):
    """The 合計 row: column totals aligned with CostSummary.columns."""

    amounts: list[int | None]
    total: int | None


class CostSummary(_Table):
    """各項費用彙計表: 用途別科目 rows × work-plan columns, plus the 合計 column and row."""

    columns: list[WorkPlanColumn] = Field(default_factory=list)
    rows: list[CostSummaryRow] = Field(default_factory=list)
    total: CostSummaryTotal | None = None


# --- 歲出一級用途別科目分析表 -----------------------------------------------------------------

# (field, 經常/資本, printed column name) in the book's column order.
ANALYSIS_COLUMNS: tuple[tuple[str, str | None, str], ...] = (
    ("personnel", "經常支出", "人事費"),
    ("operating", "經常支出", "業務費"),
    ("grants", "經常支出", "獎補助費"),
    ("debt", "經常支出", "債務費"),
    ("reserve", "經常支出", "預備金"),
    ("current_subtotal", "經常支出", "小計"),
    ("capital_operating", "資本支出", "業務費"),
    ("equipment_investment", "資本支出", "設備及投資"),
    ("capital_grants", "資本支出", "獎補助費"),
    ("capital_reserve", "資本支出", "預備金"),
    ("capital_subtotal", "資本支出", "小計"),
    ("total", None, "合計"),
)


class ObjectAnalysisRow(Record):
    """A row (主管, 機關, 政事別 or 工作計畫) of 歲出一級用途別科目分析表. The left page half holds
    經常支出 人事費..債務費; the other figures come from the right half (see `lines`)."""

    ordinal: str | None = Field(None, description="款/項/目 ordinal as printed")
    code: str | None = Field(None, description="10-digit 科目 code when another table names it")
    name: str
    level: UnitLevel
    personnel: int | None = None
    operating: int | None = None
    grants: int | None = None
    debt: int | None = None
    reserve: int | None = None
    current_subtotal: int | None = None
    capital_operating: int | None = None
    equipment_investment: int | None = None
    capital_grants: int | None = None
    capital_reserve: int | None = None
    capital_subtotal: int | None = None
    total: int | None = None
    printed: bool = Field(True, description="False for a heading row printed without figures")


class ObjectAnalysis(_Table):
    """歲出一級用途別科目分析表."""

    rows: list[ObjectAnalysisRow] = Field(default_factory=list)


# --- 資本支出分析表 ----------------------------------------------------------------------

CAPITAL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("land", "土地"),
    ("buildings", "房屋建築及設備"),
    ("public_works", "公共建設及設施"),
    ("machinery", "機械設備"),
    ("transport", "運輸設備"),
    ("it_equipment", "資訊軟硬體設備"),
    ("misc_equipment", "雜項設備"),
    ("rights", "權利"),
    ("investment", "投資"),
    ("other_capital", "其他資本支出"),
    ("total", "合計"),
)


class CapitalExpenditureRow(Record):
    """A row of 資本支出分析表; 土地..機械設備 from the left half, the rest from the right."""

    ordinal: str | None = None
    code: str = Field(description="10-digit 科目 code")
    name: str
    level: UnitLevel
    land: int | None = None
    buildings: int | None = None
    public_works: int | None = None
    machinery: int | None = None
    transport: int | None = None
    it_equipment: int | None = None
    misc_equipment: int | None = None
    rights: int | None = None
    investment: int | None = None
    other_capital: int | None = None
    total: int | None = None
    printed: bool = True


class CapitalExpenditureTotal(Record):
    """The 合計 row a city's 資本支出分析表 prints above its coded rows (a central book's
    agency row plays its part)."""

    land: int | None = None
    buildings: int | None = None
    public_works: int | None = None
    machinery: int | None = None
    transport: int | None = None
    it_equipment: int | None = None
    misc_equipment: int | None = None
    rights: int | None = None
    investment: int | None = None
    other_capital: int | None = None
    total: int | None = None


class CapitalExpenditure(_Table):
    """資本支出分析表."""

    rows: list[CapitalExpenditureRow] = Field(default_factory=list)
    total: CapitalExpenditureTotal | None = Field(None, description="合計 row, when printed")


# --- 人事費彙計表 ------------------------------------------------------------------------


class PersonnelCategory(Record):
    """A category (一、民意代表待遇 …) with its amount and 說明. A city's table prints the
    categories as columns: each is the column's figure on its 合計 row, with no ordinal."""

    ordinal: str | None = Field(None, description="Chinese ordinal as printed, e.g. 三")
    name: str
    amount: int | None
    description: TextBlock | None = None


# The category columns of a city's 人事費彙計表, in printed order: (field, label)
PERSONNEL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("representatives", "民意代表待遇"),
    ("political", "政務人員待遇"),
    ("statutory", "法定編制人員待遇"),
    ("contract", "約聘僱人員待遇"),
    ("workers", "技工及工友待遇"),
    ("bonus", "獎金"),
    ("other_pay", "其他給與"),
    ("overtime", "加班費"),
    ("retirement_benefits", "退休退職給付"),
    ("retirement_fund", "退休離職儲金"),
    ("insurance", "保險"),
)


class PersonnelClass(Record):
    """A row of a city's 人事費彙計表: a class of staff (正式員額, 約聘僱人員, 其他人事費 …, a
    class indented under another names it as `parent`) or the 合計 row, with its 預算員額
    and the year's cost by category."""

    name: str = Field(description="類別 as printed, or 合計")
    parent: str | None = Field(None, description="the class this one is printed under")
    posts: int | None = Field(None, description="預算員額")
    representatives: int | None = None
    political: int | None = None
    statutory: int | None = None
    contract: int | None = None
    workers: int | None = None
    bonus: int | None = None
    other_pay: int | None = None
    overtime: int | None = None
    retirement_benefits: int | None = None
    retirement_fund: int | None = None
    insurance: int | None = None
    total: int | None = Field(None, description="合計")
    note: str | None = Field(None, description="備註")


class PersonnelPlan(Record):
    """人事費分析表 (a city's): one work plan's 人事費 by class of staff, as 人事費彙計表 prints
    the agency's. `loc` is its 合計 row's 合計."""

    code: str | None = Field(None, description="the code printed before its names, as printed")
    names: str = Field(description="its names as printed: 政事別-業務計畫-工作計畫")
    work_plan_name: str = Field(description="工作計畫 (the last of its names)")
    work_plan_code: str | None = Field(
        None, description="the code of the 各項費用彙計表 column of the same name")
    total: int | None = Field(None, description="its 合計 row's 合計")
    classes: list[PersonnelClass] = Field(default_factory=list)


class PersonnelCosts(_Table):
    """人事費彙計表. The seed prints no 合計 line; `total` is then the categories' sum and
    `total_loc` None. A city's table (categories as columns, a row per class of staff) also
    keeps its rows in `classes`."""

    categories: list[PersonnelCategory] = Field(default_factory=list)
    total: int | None = None
    total_loc: Loc | None = None
    classes: list[PersonnelClass] = Field(default_factory=list)


# --- 預算員額明細表 ----------------------------------------------------------------------

STAFF_CATEGORIES: tuple[str, ...] = (
    "職員", "警察", "法警", "駐警", "工友", "技工", "駕駛", "聘用", "約僱", "駐外雇員", "合計",
)


class StaffCount(Record):
    """Budgeted posts of one category: this year (本年度) and last year (上年度)."""

    category: str
    count: int | None
    last_year_count: int | None


class StaffingRow(Record):
    """A unit row of 預算員額明細表 with its counts per category and 年需經費."""

    ordinal: str | None = None
    code: str
    name: str
    level: UnitLevel
    counts: list[StaffCount] = Field(default_factory=list)
    cost: int | None = Field(None, description="年需經費 本年度")
    cost_last_year: int | None = None
    cost_change: int | None = Field(None, description="比較 (本年度 - 上年度)")
    printed: bool = True

    def count_of(self, category: str) -> StaffCount | None:
        return next((c for c in self.counts if c.category == category), None)


class StaffingTable(_Table):
    """預算員額明細表; `notes` are the 說明 items (printed once per page half, kept once)."""

    rows: list[StaffingRow] = Field(default_factory=list)
    notes: list[TextBlock] = Field(default_factory=list)

    @property
    def agency_row(self) -> StaffingRow | None:
        """The 機關 row: the whole unit's staffing."""
        return next((r for r in self.rows if r.level == "agency" and r.printed), None)
