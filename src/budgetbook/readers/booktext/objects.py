"""Reader of 各項費用彙計表, 歲出一級用途別科目分析表, 資本支出分析表, 人事費彙計表, 預算員額明細表.

Each table has its own module; this one runs them and links the unit rows of the analysis
tables to their 10-digit 科目 codes, which only the coded tables and the column header of
各項費用彙計表 print.
"""

from __future__ import annotations

from typing import Any

from ...model.objects import CapitalExpenditure, CostSummary, ObjectAnalysis, StaffingTable
from .context import ReadContext
from .objects_analysis import read_object_analysis
from .objects_capital import read_capital
from .objects_cost import read_cost_summary
from .objects_staff import read_personnel_costs, read_staffing


def read(ctx: ReadContext) -> dict[str, Any]:
    """Book fields read from these sections."""
    analysis = read_object_analysis(ctx)
    work_plans = [r.name for r in analysis.rows if r.level == "work_plan"] if analysis else []
    cost = read_cost_summary(ctx, work_plans)
    capital = read_capital(ctx)
    staffing = read_staffing(ctx)
    if analysis:
        _link_codes(analysis, cost, capital, staffing)
    return {
        "cost_summary": cost,
        "object_analysis": analysis,
        "capital": capital,
        "personnel_costs": read_personnel_costs(ctx),
        "staffing": staffing,
    }


def _link_codes(analysis: ObjectAnalysis, cost: CostSummary | None,
                capital: CapitalExpenditure | None, staffing: StaffingTable | None) -> None:
    """Give each analysis row the code another table prints for the same name and level; a
    政事別 without one takes its work plans' 政事別 and agency digits (PPAAAA0000)."""
    codes: dict[tuple[str, str], str] = {}
    for table in (capital, staffing):
        for r in table.rows if table else []:
            codes.setdefault((r.level, r.name), r.code)
    for col in cost.columns if cost else []:
        if col.code:
            codes.setdefault(("work_plan", col.name), col.code)
    function = None
    for row in analysis.rows:
        row.code = codes.get((row.level, row.name))
        if row.level == "function":
            function = row
        elif row.level == "work_plan" and function is not None and row.code:
            if function.code is None:
                function.code = row.code[:6] + "0000"
