"""Model of 預算總說明 (overview): the agency's duties, divisions, staffing summary, the year's
policy goals with its important plans, and the results of earlier years.

Every row is a Record of table "overview"; prose is kept as TextBlocks with the PDF's wrapped
lines joined back into sentences.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .base import Located, Record, TextBlock


class Duty(Record):
    """One numbered item of 機關主要職掌 (the agency's statutory duties)."""

    number: str = Field(description="the item's number as printed, e.g. '2'")
    text: TextBlock = Field(description="the whole item, sub-items on their own lines")
    items: list[str] = Field(default_factory=list, description="its (1) (2) … sub-items")


class DivisionDuty(Record):
    """One duty of a division in 內部分層業務."""

    number: str | None = Field(None, description="'(1)' numbering; None for an inline duty")
    text: str


class Division(Record):
    """A division (組/室) of the agency with its numbered duties (內部分層業務)."""

    number: str
    name: str
    duties: list[DivisionDuty] = Field(default_factory=list)


class StaffCount(Record):
    """One row of 預算員額說明表: a staff category and its posts in both years."""

    name: str = Field(description="category as printed: 職員, 聘用, 約僱, 技工, 工友, 駕駛, 合計")
    last_year_count: int | None = Field(None, description="posts in the previous year's budget")
    count: int | None = Field(None, description="posts in this year's budget")


class StaffingSummary(Located):
    """預算員額說明表: posts by category, with its explanation (比較增減內容)."""

    model_config = ConfigDict(extra="forbid")

    title: str
    table: str = "overview"
    last_year: int | None = Field(None, description="ROC year of the previous-year column")
    year: int | None = Field(None, description="ROC year of this year's column")
    rows: list[StaffCount] = Field(default_factory=list)
    explanation: TextBlock | None = None


class Goal(Record):
    """One 重要計畫項目 of 年度重要施政計畫, under its 工作計畫, with its 實施內容."""

    work_plan_number: str | None = None
    work_plan: str
    number: str = Field(description="the item's ordinal as printed: 一, 二, 三 …")
    name: str
    text: TextBlock | None = None


class ProgramResult(Record):
    """One 計畫 in the results of an earlier year (實施概況 name and 實施成果 text)."""

    period: str | None = Field(None, description="前年度 / 上年度 (the part's period)")
    roc_year: int | None = None
    work_plan_number: str | None = None
    work_plan: str
    name: str
    text: TextBlock | None = None


class ResultsPart(Located):
    """One part of 以前年度實施狀況及成果: (一)前年度…, (二)上年度已過期間…, or another part."""

    model_config = ConfigDict(extra="forbid")

    number: str = Field(description="the part's ordinal as printed, e.g. '一'")
    title: str
    table: str = "overview"
    period: str | None = Field(None, description="前年度 / 上年度 / 本年度")
    roc_year: int | None = None
    programs: list[ProgramResult] = Field(default_factory=list)
    text: TextBlock | None = Field(None, description="a part printed as prose, not as a table")


class OtherPart(Located):
    """A part of the overview this reader has no table for, kept as text."""

    model_config = ConfigDict(extra="forbid")

    number: str | None = None
    title: str
    table: str = "overview"
    text: TextBlock | None = None


class Overview(BaseModel):
    """預算總說明: 現行法定職掌, 施政目標與重點 and 以前年度實施狀況及成果."""

    model_config = ConfigDict(extra="forbid")

    duties: list[Duty] = Field(default_factory=list)
    divisions: list[Division] = Field(default_factory=list)
    staffing: StaffingSummary | None = None
    policy_title: str | None = None
    policy_intro: TextBlock | None = None
    policy_year: int | None = Field(None, description="ROC year named in (一)…年度施政目標")
    policy_goals: TextBlock | None = None
    goals: list[Goal] = Field(default_factory=list)
    results: list[ResultsPart] = Field(default_factory=list)
    other: list[OtherPart] = Field(default_factory=list)
