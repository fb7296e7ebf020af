"""Model of 歲出計畫提要及分支計畫概況表 (summary of expenditure programmes and sub-programmes).

A work plan (工作計畫, 10-digit 科目 code) holds its programme text (計畫內容, 預期成果) and its
sub-plans (分支計畫, numbered 01, 02 …). Each sub-plan lists its object-class lines
(用途別科目) at two printed levels, the handling units (承辦單位) and an explanation (說明).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Record, TextBlock


class ObjectLine(Record):
    """One 用途別科目 line: a first-level class (2000 業務費) or a second-level one under it
    (2039 委辦費, parent_code 2000)."""

    code: str = Field(description="4-digit object-class code, e.g. 2039")
    name: str = Field(description="name as printed, e.g. 委辦費")
    level: Literal[1, 2]
    amount: int | None = Field(description="thousands of NTD; None where printed '-'")
    parent_code: str | None = Field(None, description="first-level code of a level-2 line")


class SubPlan(Record):
    """One 分支計畫 of a work plan."""

    no: str = Field(description="sub-plan number as printed, e.g. 01")
    name: str
    amount: int | None = Field(description="thousands of NTD")
    units: list[str] = Field(default_factory=list, description="承辦單位, in printed order")
    description: TextBlock | None = Field(None, description="說明")
    object_lines: list[ObjectLine] = Field(default_factory=list, description="both levels")

    @property
    def first_level(self) -> list[ObjectLine]:
        return [o for o in self.object_lines if o.level == 1]

    @property
    def second_level(self) -> list[ObjectLine]:
        return [o for o in self.object_lines if o.level == 2]


class WorkPlan(Record):
    """One 工作計畫 with its text and sub-plans. `object_lines` holds the work plan's own
    用途別 lines where the table prints them above its sub-plans (many books do not)."""

    code: str = Field(description="10-digit 科目 code (政事別 2, agency 4, 業務計畫 2, 工作計畫 2 digits)")
    name: str
    amount: int | None = Field(description="預算金額, thousands of NTD")
    content: TextBlock | None = Field(None, description="計畫內容")
    expected_results: TextBlock | None = Field(None, description="預期成果")
    object_lines: list[ObjectLine] = Field(default_factory=list)
    sub_plans: list[SubPlan] = Field(default_factory=list)
