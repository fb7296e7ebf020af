"""Reader of 各項費用彙計表: 用途別科目 rows × work-plan columns.

The extraction prints a row's figures out of column order, glued to the 4-digit object code:
a first-level row as `c2 … cN 名稱 c1 合計+code` (`- - -人事費 12,345 12,3451000`), a detail
row as `c2 … cN c1+code 合計 名稱` (`234 - -1,2342006 1,468水電費`), and the 合計 row as
`合計 cN … c1 合計` (the first page's 合計 row sits before the title, with the column header).
Each reading the number grammar allows is checked against the row's own 合計.
"""

from __future__ import annotations

import re

from ...model.base import Loc
from ...model.objects import CostSummary, CostSummaryRow, CostSummaryTotal, WorkPlanColumn
from ...text import Line
from .context import ReadContext
from .objects_common import (
    amount,
    is_page_text,
    line_runs,
    matches,
    name_of,
    preamble,
    readings,
    token_ok,
)

SID = "cost_summary"
_CODE = re.compile(r"\d{4}")
_HEADER_START = "工作計畫名稱及編號"


def read_cost_summary(ctx: ReadContext, known_names: list[str]) -> CostSummary | None:
    if not ctx.has(SID):
        return None
    section = ctx.lines(SID)
    lines = preamble(ctx, SID) + section
    table = CostSummary(table=SID, loc=Loc(line=ctx.sections[SID].start))
    header_lines, codes, names = _header(lines, known_names)
    if not codes:
        ctx.report("unparsed", SID, table.line, "work-plan column header (科目 codes) not found")
        return table
    if len(names) != len(codes):
        ctx.report("unparsed", SID, header_lines[0] if header_lines else table.line,
                   f"{len(codes)} work-plan codes but names {names}")
        names = (names + [""] * len(codes))[: len(codes)]
    table.columns = [WorkPlanColumn(code=c, name=n) for c, n in zip(codes, names, strict=True)]
    n = len(codes)
    skip = set(header_lines)
    for ln in lines:
        if ln.no in skip or is_page_text(ln):
            continue
        runs = line_runs(ln.text)
        if not runs:
            continue
        if "合計" in ln.key:
            if table.total is None:
                table.total = _total_row(ctx, ln, runs, n)
            continue
        name = name_of(ln.text)
        if not name or ln.no < ctx.sections[SID].start:
            continue
        row = _object_row(ctx, ln, runs, name, n)
        if row is not None:
            table.rows.append(row)
        elif len(runs) >= n:  # figures enough for a row, but no reading fits
            ctx.report("unparsed", SID, ln.no, f"cannot read object row: {ln.text.strip()}")
    if table.total is None:
        table.total = _find_total(ctx, table, n)
    _check(ctx, table)
    return table


def _header(lines: list[Line], known: list[str]) -> tuple[list[int], list[str], list[str]]:
    """(header line numbers, column codes, column names) of the first complete column header:
    from `工作計畫名稱及編號` to the line that ends with 合計."""
    start = next((i for i, ln in enumerate(lines) if _HEADER_START in ln.key), None)
    if start is None:
        return [], [], []
    block: list[Line] = []
    for ln in lines[start + 1 :]:
        block.append(ln)
        if ln.key.endswith("合計"):
            break
    codes: list[str] = []
    items: list[str | None] = []  # name fragments, None where a code stands
    for ln in block:
        for piece in re.split(r"(\d{10})", ln.text):
            if re.fullmatch(r"\d{10}", piece):
                codes.append(piece)
                items.append(None)
                continue
            frag = re.sub(r"\s+", "", piece)
            if frag.endswith("合計"):
                frag = frag[: -len("合計")]
            if frag:
                items.append(frag)
    header_nos = [lines[start].no] + [ln.no for ln in block]
    return header_nos, codes, _names(items, len(codes), known)


def _names(items: list[str | None], n: int, known: list[str]) -> list[str]:
    """Column names from the header fragments. A name wraps over lines (`<name head>` /
    `<name tail>`), so the fragments are split into the work plans' names where another table
    gives them, else grouped by the codes between them."""
    frags = [f for f in items if f is not None]
    joined = "".join(frags)
    if known:
        split = _partition(joined, sorted(set(known), key=len, reverse=True))
        if split is not None and len(split) == n:
            return split
    groups: list[str] = []
    prev_frag = False
    for it in items:
        if it is None:
            prev_frag = False
            continue
        if prev_frag:
            groups[-1] += it
        else:
            groups.append(it)
        prev_frag = True
    if len(groups) == n:
        return groups
    return frags


def _partition(text: str, names: list[str]) -> list[str] | None:
    if not text:
        return []
    for name in names:
        if text.startswith(name):
            rest = _partition(text[len(name) :], names)
            if rest is not None:
                return [name, *rest]
    return None


def _object_row(ctx: ReadContext, ln: Line, runs: list[str], name: str,
                n: int) -> CostSummaryRow | None:
    """Read one 用途別科目 row; the name's position tells the token order."""
    before = line_runs(ln.text[: ln.text.find(name[0])]) if name else runs
    name_inside = 0 < len(before) < len(runs)
    orders = ("level1", "detail") if name_inside else ("detail", "level1")
    for order in orders:
        found = _readings(runs, n, order)
        if found:
            break
    if not found:
        return None
    if len(found) > 1:
        ctx.report("ambiguous_number", SID, ln.no,
                   f"object row {ln.text.strip()!r} has {len(found)} readings; the first is kept",
                   [[int(code), *vals, tot] for code, vals, tot in found])
    code, values, total = found[0]
    level = 1 if code.endswith("000") else 2
    return CostSummaryRow(
        loc=Loc(line=ln.no), table=SID, code=code, name=name, level=level,
        parent_code=None if level == 1 else code[0] + "000", amounts=values, total=total,
    )


def _readings(runs: list[str], n: int, order: str) -> list[tuple[str, list[int | None], int | None]]:
    out: list[tuple[str, list[int | None], int | None]] = []
    for reading in readings(runs, n + 2, code_digits=4):
        toks = [t for t, _ in reading]
        others, first = toks[: n - 1], toks[n - 1]
        code, total = (toks[n + 1], toks[n]) if order == "level1" else (toks[n], toks[n + 1])
        money = [*others, first, total]
        if not _CODE.fullmatch(code) or not all(token_ok(t, 3, False) for t in money):
            continue
        values = [amount(first), *(amount(t) for t in others)]
        tot = amount(total)
        if matches(tot, values):
            cand = (code, values, tot)
            if cand not in out:
                out.append(cand)
    return out


def _total_row(ctx: ReadContext, ln: Line, runs: list[str], n: int) -> CostSummaryTotal | None:
    """`合計 cN … c1` in one glued run, read from the end."""
    found: list[tuple[list[int | None], int | None]] = []
    for reading in readings(runs, n + 1):
        toks = [amount(t) for t, _ in reading]
        values = list(reversed(toks[1:]))
        if matches(toks[0], values) and (values, toks[0]) not in found:
            found.append((values, toks[0]))
    if not found:
        ctx.report("unparsed", SID, ln.no, f"cannot read the 合計 row: {ln.text.strip()}")
        return None
    if len(found) > 1:
        ctx.report("ambiguous_number", SID, ln.no, "合計 row has several readings",
                   [[t, *v] for v, t in found])
    values, total = found[0]
    return CostSummaryTotal(loc=Loc(line=ln.no), table=SID, amounts=values, total=total)


def _find_total(ctx: ReadContext, table: CostSummary, n: int) -> CostSummaryTotal | None:
    """The 合計 row printed away from the section (e.g. left at the end of the section before):
    the line anywhere in the book whose reading equals the first-level rows' column sums."""
    firsts = [r for r in table.rows if r.level == 1]
    if not firsts:
        return None
    want = [_col_sum([r.amounts[k] for r in firsts]) for k in range(n)]
    for ln in ctx.doc.nonblank():
        if "合計" not in ln.key:
            continue
        for reading in readings(line_runs(ln.text), n + 1):
            toks = [amount(t) for t, _ in reading]
            if list(reversed(toks[1:])) == want and matches(toks[0], want):
                return CostSummaryTotal(loc=Loc(line=ln.no), table=SID, amounts=want, total=toks[0])
    ctx.report("unparsed", SID, table.line, "合計 row not found")
    return None


def _col_sum(values: list[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _check(ctx: ReadContext, table: CostSummary) -> None:
    """Each first-level row is the sum of its detail rows, and the 合計 row of the first-level."""
    for parent in (r for r in table.rows if r.level == 1):
        kids = [r for r in table.rows if r.parent_code == parent.code]
        if not kids:
            continue
        for k, v in enumerate([*parent.amounts, parent.total]):
            got = _col_sum([(c.amounts + [c.total])[k] for c in kids])
            if (v or 0) != (got or 0):
                ctx.report("inconsistent", SID, parent.line,
                           f"{parent.code} column {k}: printed {v}, detail rows sum to {got}")
    if table.total:
        firsts = [r for r in table.rows if r.level == 1]
        for k, v in enumerate([*table.total.amounts, table.total.total]):
            got = _col_sum([(r.amounts + [r.total])[k] for r in firsts])
            if (v or 0) != (got or 0):
                ctx.report("inconsistent", SID, table.total.line,
                           f"合計 column {k}: printed {v}, first-level rows sum to {got}")
