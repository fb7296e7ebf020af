"""Reader of 歲出一級用途別科目分析表.

The left page half prints each row as `ordinal name 人事費 業務費 獎補助費 債務費`; the right half
glues the other eight figures in reverse column order (`合計 資本小計 資本預備金 資本獎補助費
設備及投資 資本業務費 經常小計 經常預備金`). The subtotals (經常小計 = the five 經常 columns,
資本小計 = the four 資本 columns, 合計 = both subtotals) decide among the glued readings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model.base import Loc
from ...model.objects import ANALYSIS_COLUMNS, ObjectAnalysis, ObjectAnalysisRow
from ...text import Line
from .context import ReadContext
from .objects_common import amount, is_page_text, line_runs, matches, readings

SID = "object_analysis"
LEFT = [f for f, _, _ in ANALYSIS_COLUMNS[:4]]
RIGHT = [f for f, _, _ in reversed(ANALYSIS_COLUMNS[4:])]  # printed order of the right half
_ORDINAL = re.compile(r"^(\d{1,3})\s+(\D.*)$")
# a name may hold digits inside a word (`5G`, `2030`計畫), never a figure: a digit run belongs
# to the name only when a letter or ideograph follows it
_ROW = re.compile(
    r"^([^\d\s,\-](?:[^\d,]|\d+(?=[A-Za-z\u3400-\u9fff]))*?)\s*([-\d][-\d,\s]*)?$"
)


@dataclass
class _Half:
    line: Line
    name: str
    ordinal: str | None
    runs: list[str]


def read_object_analysis(ctx: ReadContext) -> ObjectAnalysis | None:
    if not ctx.has(SID):
        return None
    table = ObjectAnalysis(table=SID, loc=Loc(line=ctx.sections[SID].start))
    lefts, rights = _halves(ctx.lines(SID))
    rows: list[ObjectAnalysisRow] = []
    seen_function = False
    for h in lefts:
        level = _level(h, seen_function)
        seen_function = seen_function or level == "function"
        row = ObjectAnalysisRow(loc=Loc(line=h.line.no), table=SID, ordinal=h.ordinal, name=h.name,
                                level=level, printed=bool(h.runs))
        rows.append(row)
    printed = [r for r in rows if r.printed]
    lefts_by_line = {h.line.no: h for h in lefts}
    k = 0
    for right in rights:
        # pair with the next printed left row of the same name
        j = next((i for i in range(k, len(printed)) if printed[i].name == right.name), None)
        if j is None:
            ctx.report("unparsed", SID, right.line.no, f"right-half row without a left half: "
                       f"{right.line.text.strip()}")
            continue
        k = j + 1
        _fill(ctx, printed[j], lefts_by_line[printed[j].line].runs, right)
    for row in printed:
        if row.total is None and not row.locs:
            ctx.report("unparsed", SID, row.line, f"no right-half figures for {row.name}")
    table.rows = rows
    return table


def _halves(lines: list[Line]) -> tuple[list[_Half], list[_Half]]:
    """Left-half rows (figures spaced, or an ordinal heading) and right-half rows (one run)."""
    lefts: list[_Half] = []
    rights: list[_Half] = []
    for ln in lines:
        if is_page_text(ln):
            continue
        text = ln.text.strip()
        ordinal = None
        m = _ORDINAL.match(text)
        if m:
            ordinal, text = m.group(1), m.group(2)
        m = _ROW.match(text)
        if not m:
            continue
        name = re.sub(r"\s+", "", m.group(1))
        figures = (m.group(2) or "").strip()
        runs = line_runs(figures)
        if ordinal is None and not runs:
            continue  # header text; a heading row always prints its ordinal in the left half
        if len(figures.split()) == 1 and ordinal is None and len(runs) == 1:
            rights.append(_Half(ln, name, None, runs))
        else:
            lefts.append(_Half(ln, name, ordinal, runs))
    return lefts, rights


def _level(h: _Half, seen_function: bool) -> str:
    """主管 and 機關 carry the 款 and 項 ordinals, 政事別 rows none, work plans the 目 ordinal."""
    if h.ordinal is None:
        return "function"
    if h.name.endswith("主管"):
        return "ministry"
    return "work_plan" if seen_function else "agency"


def _fill(ctx: ReadContext, row: ObjectAnalysisRow, left_runs: list[str], right: _Half) -> None:
    found: list[dict[str, int | None]] = []
    for lr in readings(left_runs, len(LEFT)):
        left = {f: amount(t) for f, (t, _) in zip(LEFT, lr, strict=True)}
        for rr in readings(right.runs, len(RIGHT)):
            vals = dict(left)
            vals.update({f: amount(t) for f, (t, _) in zip(RIGHT, rr, strict=True)})
            if _consistent(vals) and vals not in found:
                found.append(vals)
    if not found:
        ctx.report("unparsed", SID, right.line.no,
                   f"no reading of {row.name} agrees with its subtotals")
        return
    if len(found) > 1:
        ctx.report("ambiguous_number", SID, right.line.no,
                   f"{row.name}: {len(found)} readings agree with the subtotals; first kept",
                   [[v[f] for f, _, _ in ANALYSIS_COLUMNS] for v in found])
    for f, v in found[0].items():
        setattr(row, f, v)
    row.locs = {f: Loc(line=right.line.no) for f in RIGHT}


def _consistent(v: dict[str, int | None]) -> bool:
    current = [v["personnel"], v["operating"], v["grants"], v["debt"], v["reserve"]]
    capital = [v["capital_operating"], v["equipment_investment"], v["capital_grants"],
               v["capital_reserve"]]
    return (matches(v["current_subtotal"], current) and matches(v["capital_subtotal"], capital)
            and matches(v["total"], [v["current_subtotal"], v["capital_subtotal"]]))
