"""Model of 歲出計畫提要及分支計畫概況表 (summary of expenditure programmes and sub-programmes).

A work plan (工作計畫, 10-digit 科目 code) holds its programme text (計畫內容, 預期成果) and its
sub-plans (分支計畫, numbered 01, 02 …). Each sub-plan lists its object-class lines
(用途別科目) at two printed levels, the handling units (承辦單位) and an explanation (說明).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Record, TextBlock


class DetailLine(Record):
    """One line of 各項費用明細 under a 用途別科目 line (city books): 單位, 數量, 單價, 預算數,
    說明, as printed. `quantity` keeps its printed form (`81×12` is the product of its
    factors); `total_cost` is a multi-year total (總經費) printed with the line, never summed
    with this year's money."""

    unit: str | None = Field(None, description="單位, e.g. 人、月")
    quantity: str | None = Field(None, description="數量 as printed, e.g. 1 or 81×12")
    unit_price: float | None = Field(None, description="單價, in the book's unit")
    amount: int | None = Field(None, description="預算數, in the book's unit")
    total_cost: int | None = Field(None, description="multi-year total printed with it")
    description: TextBlock | None = Field(None, description="說明")


class ObjectLine(Record):
    """One 用途別科目 line: a first-level class (2000 業務費) or a second-level one under it
    (2039 委辦費, parent_code 2000)."""

    code: str = Field(description="4-digit object-class code, e.g. 2039")
    name: str = Field(description="name as printed, e.g. 委辦費")
    level: Literal[1, 2]
    amount: int | None = Field(description="thousands of NTD; None where printed '-'")
    parent_code: str | None = Field(None, description="first-level code of a level-2 line")
    description: TextBlock | None = Field(None, description="說明 printed on the line")
    detail_lines: list[DetailLine] = Field(default_factory=list,
                                           description="各項費用明細 (city books)")


class Case(Record):
    """One 案別 of a sub-plan (city books): a numbered project (`01-…`) with its own object
    lines; `total_cost` is its multi-year total (總經費/總工程費), never summed."""

    case_no: str = Field(description="case number as printed, e.g. 01")
    name: str
    amount: int | None = Field(None, description="this year's amount, in the book's unit")
    total_cost: int | None = Field(None, description="multi-year total (總經費/總工程費)")
    description: TextBlock | None = Field(None, description="說明")
    object_lines: list[ObjectLine] = Field(default_factory=list, description="both levels")


class SubPlan(Record):
    """One 分支計畫 of a work plan."""

    no: str = Field(description="sub-plan number as printed, e.g. 01")
    name: str
    amount: int | None = Field(description="thousands of NTD")
    units: list[str] = Field(default_factory=list, description="承辦單位, in printed order")
    description: TextBlock | None = Field(None, description="說明")
    object_lines: list[ObjectLine] = Field(default_factory=list, description="both levels")
    cases: list[Case] = Field(default_factory=list, description="案別 (city books)")

    @property
    def first_level(self) -> list[ObjectLine]:
        return [o for o in self.object_lines if o.level == 1]

    @property
    def second_level(self) -> list[ObjectLine]:
        return [o for o in self.object_lines if o.level == 2]


class WorkPlan(Record):
    """One 工作計畫 with its text and sub-plans. `object_lines` holds the work plan's own
    用途別 lines where the table prints them above its sub-plans (many books do not)."""

    code: str = Field(description="10-digit 科目 code (政事別 2, agency 4, 業務計畫 2, 工作計畫 2 "
                      "digits); a city book's 11 characters, which may hold letters")
    name: str
    business_plan_name: str | None = Field(None, description="業務計畫 name, where printed")
    amount: int | None = Field(description="預算金額, thousands of NTD")
    content: TextBlock | None = Field(None, description="計畫內容")
    expected_results: TextBlock | None = Field(None, description="預期成果")
    object_lines: list[ObjectLine] = Field(default_factory=list)
    sub_plans: list[SubPlan] = Field(default_factory=list)
    description: TextBlock | None = Field(None, description="計畫說明 of its 合計 row (city books)")
