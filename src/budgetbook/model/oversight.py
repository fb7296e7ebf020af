"""Model of the oversight tables: 委辦經費分析表 (commissioned work), 媒體政策及業務宣導經費彙計表
(media and publicity spending) and 決議、附帶決議及注意事項辦理情形 (the legislature's resolutions
and how the agency acted on them).

Amounts are thousands of NTD as printed; `-` is None. Codes are strings.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .base import Record, TextBlock


class CommissionedAmounts(Record):
    """The amount columns of a 委辦經費分析表 row.

    The left page half prints 用人費用 and 業務費用 (經常門); the right half prints three more
    amounts and 合計, but its column headers do not survive the extraction: `other_amount` is
    the one that carries values, `unnamed_amounts` the two printed `-` throughout the seed.
    合計 = 用人費用 + 業務費用 + other_amount + unnamed_amounts.
    """

    personnel_amount: int | None = Field(None, description="用人費用")
    operating_amount: int | None = Field(None, description="業務費用")
    other_amount: int | None = Field(None, description="third amount column (header not extracted)")
    unnamed_amounts: list[int | None] = Field(
        default_factory=list, description="remaining right-half columns, in printed order"
    )
    amount: int | None = Field(None, description="合計")


class CommissionedProject(CommissionedAmounts):
    """One 委辦計畫 (commissioned project) under a work plan (工作計畫)."""

    work_plan_code: str = Field(description="10-digit 科目 code of the work plan")
    work_plan_name: str
    number: str = Field(description="item number as printed, e.g. (21)")
    name: str
    years: str | None = Field(None, description="委辦計畫起訖年度 as printed, ROC start-end (e.g. 115-116)")
    description: TextBlock | None = Field(None, description="委辦內容")


class CommissionedTotal(CommissionedAmounts):
    """A work plan's subtotal (work_plan_code set) or the table's 合計 (work_plan_code None)."""

    work_plan_code: str | None = None
    work_plan_name: str | None = None
    ordinal: str | None = Field(None, description="work plan ordinal as printed, e.g. 1")


class CommissionedTable(BaseModel):
    """委辦經費分析表."""

    model_config = ConfigDict(extra="forbid")

    projects: list[CommissionedProject] = Field(default_factory=list)
    totals: list[CommissionedTotal] = Field(
        default_factory=list, description="work plan subtotals, then the 合計 row"
    )

    @property
    def total(self) -> CommissionedTotal | None:
        return next((t for t in self.totals if t.work_plan_code is None), None)


MediaLevel = Literal["ministry", "agency", "function", "work_plan", "sub"]


class MediaRow(Record):
    """A 科目 row of 媒體政策及業務宣導經費彙計表: 主管 (ministry), 機關 (agency), 政事別 (function),
    工作計畫 (work plan) or a deeper 節."""

    code: str = Field(description="10-digit 科目 code")
    level: MediaLevel
    ordinal: str | None = Field(None, description="款/項/目/節 ordinal as printed")
    name: str
    amount: int | None = Field(None, description="預算數")
    extra_amounts: list[int | None] = Field(
        default_factory=list, description="further amount columns (media types) where printed"
    )
    description: TextBlock | None = Field(None, description="預計執行內容")


class MediaTable(BaseModel):
    """媒體政策及業務宣導經費彙計表."""

    model_config = ConfigDict(extra="forbid")

    rows: list[MediaRow] = Field(default_factory=list)

    @property
    def total(self) -> MediaRow | None:
        """The agency row, whose 預算數 is the table's total."""
        return next((r for r in self.rows if r.level == "agency"), None)

    @property
    def work_plans(self) -> list[MediaRow]:
        return [r for r in self.rows if r.level == "work_plan"]


class Resolution(Record):
    """One 決議/附帶決議/注意事項 and its 辦理情形."""

    number: str = Field(
        description="item number as printed (一, 十一, 一０二); restarts per heading"
    )
    ordinal: int | None = Field(None, description="the number as an integer")
    heading: str | None = Field(None, description="budget heading, e.g. 總預算案")
    part: str | None = Field(None, description="e.g. 壹、通案決議部分")
    committee: str | None = Field(None, description="e.g. 經濟委員會 (from …審議結果)")
    scope: str | None = Field(None, description="the budget item the resolution concerns, as printed (歲出部分第N款第N項<agency>)")
    text: TextBlock = Field(description="內容")
    response: TextBlock | None = Field(None, description="辦理情形")


class ResolutionsTable(BaseModel):
    """決議、附帶決議及注意事項辦理情形."""

    model_config = ConfigDict(extra="forbid")

    items: list[Resolution] = Field(default_factory=list)
