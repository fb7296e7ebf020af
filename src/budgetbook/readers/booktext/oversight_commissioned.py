"""Reader of 委辦經費分析表 (commissioned work analysis).

Every row (project, work plan subtotal, 合計) is printed in two renderings, each carrying the
row's six amounts. The first ("A") prints them in the order 其他 合計 - - 用人 業務: the first
four before the row's first marker line (`210 2,510--(1)名稱`), the last two before its second
(`1,230 1,070(1)名稱 115-115`). The second ("B") prints the same six in reverse order, glued
(`1,0701,230` after the name, `- - 2,510210` after the second marker). A page break can merge
both lines of a rendering into one, and repeats the values of an item continued on the next
page in front of the rest of its 委辦內容.

The header prints 用人費用 and 業務費用 in reverse (`業務費用用人費用`): the form's order is
用人 then 業務, which is the A order. Which rendering is A is decided per row by 合計 (the sum
of the other five), and glued runs are split by requiring the two renderings to agree; the
work plan subtotals and the table's 合計 decide what is still open.
"""

from __future__ import annotations

from itertools import product
from typing import Any

from ...model.base import Loc
from ...model.oversight import CommissionedProject, CommissionedTable, CommissionedTotal
from ...numbers import parse_amount, segmentations
from .context import ReadContext
from .oversight_commissioned_layout import TABLE, WIDTH, Amounts, LayoutRow, Parser
from .oversight_text import agency_name, block


def _options(runs: list[tuple[str, int]]) -> list[tuple[Amounts, tuple[int, ...]]]:
    """Every reading of a rendering's runs as WIDTH amounts (none negative), with their lines."""
    out: list[tuple[Amounts, tuple[int, ...]]] = [((), ())]
    for run, no in runs:
        segs = [
            s
            for s in segmentations(run, bare_max=3)
            if not any(t.startswith("-") and t != "-" for t in s)
        ]
        out = [
            (vals + tuple(parse_amount(t) for t in s), lines + (no,) * len(s))
            for vals, lines in out
            for s in segs
            if len(vals) + len(s) <= WIDTH
        ]
    return [o for o in out if len(o[0]) == WIDTH]


def _balanced(v: Amounts) -> bool:
    """A order: 合計 (second) is the sum of the other five."""
    rest = sum(x or 0 for i, x in enumerate(v) if i != 1)
    return (v[1] or 0) == rest


def _disagreement(
    opts: list[list[tuple[Amounts, tuple[int, ...]]]],
) -> tuple[tuple[Amounts, tuple[int, ...]], list[int]] | None:
    """When no reading of one rendering is a reading of the other (a figure printed differently
    in the two): the closest pair of readings, keeping the one that adds up, and the lines of
    the figures where the other differs."""
    best = None
    for v0, l0 in opts[0][:300]:
        for v1, l1 in opts[1][:300]:
            a, la = tuple(reversed(v1)), tuple(reversed(l1))
            diff = [i for i in range(WIDTH) if v0[i] != a[i]]
            ok0, ok1 = _balanced(v0), _balanced(a)
            score = (len(diff), not (ok0 or ok1))
            if best is None or score < best[0]:
                if ok1 and not ok0:
                    keep, wrong = (a, la), sorted({l0[i] for i in diff})
                elif ok0 and not ok1:
                    keep, wrong = (v0, l0), sorted({la[i] for i in diff})
                else:
                    keep, wrong = (v0, l0), sorted({l0[i] for i in diff} | {la[i] for i in diff})
                best = (score, keep, wrong)
    return (best[1], best[2]) if best else None


def _solve(r: LayoutRow, ctx: ReadContext | None = None) -> list[tuple[Amounts, tuple[int, ...]]]:
    """The A-ordered readings of a row that its renderings agree on and that add up. Renderings
    that print a figure differently are read as the one that adds up, and the other's differing
    figures are reported `inconsistent` at their lines."""
    per = 1 if r.kind == "total" else 2
    renders = [r.occs[i : i + per] for i in range(0, len(r.occs), per)][:2]
    opts = [_options([run for o in rend for run in o.runs]) for rend in renders]
    if len(opts) == 2:
        other = {v for v, _ in opts[1]}
        agreed = [(v, ln) for v, ln in opts[0] if tuple(reversed(v)) in other]
        if not agreed and ctx is not None:
            split = _disagreement(opts)
            if split is not None:
                keep, wrong = split
                for no in wrong:
                    ctx.report("inconsistent", TABLE, no,
                               f"amounts of {r.number or r.wp_code or '合計'} are printed "
                               f"differently in the table's two renderings")
                return [keep]
        back = {v: ln for v, ln in opts[1]}
        both = agreed + [
            (tuple(reversed(v)), tuple(reversed(back[tuple(reversed(v))]))) for v, _ in agreed
        ]
    else:
        both = (
            opts[0] + [(tuple(reversed(v)), tuple(reversed(ln))) for v, ln in opts[0]]
            if opts
            else []
        )
    found: dict[Amounts, tuple[int, ...]] = {}
    for v, ln in both:
        if _balanced(v):
            found.setdefault(v, ln)
    if not found and both:  # the renderings agree but do not add up: keep the printed order
        found[both[0][0]] = both[0][1]
    return list(found.items())


def _sum(rows: list[LayoutRow], pick: dict[int, Amounts]) -> Amounts:
    return tuple(
        None
        if all(pick[id(r)][i] is None for r in rows)
        else sum(pick[id(r)][i] or 0 for r in rows)
        for i in range(WIDTH)
    )


def _settle(
    ctx: ReadContext, group: list[LayoutRow], total: LayoutRow | None
) -> dict[int, Amounts]:
    """Choose each row's reading; where a row has several, keep the combinations whose sum
    matches the group's printed total."""
    pick: dict[int, Amounts] = {id(r): r.options[0][0] for r in group if r.options}
    open_rows = [r for r in group if len(r.options) > 1]
    if not open_rows:
        return pick
    fixed = [r for r in group if len(r.options) == 1]
    combos = list(product(*[[v for v, _ in r.options] for r in open_rows]))[:5000]
    ok = []
    for combo in combos:
        trial = dict(pick)
        trial.update({id(r): v for r, v in zip(open_rows, combo, strict=True)})
        if total is not None and len(total.options) == 1:
            if _sum(fixed + open_rows, trial) == total.options[0][0]:
                ok.append(combo)
    if len(ok) == 1:
        pick.update({id(r): v for r, v in zip(open_rows, ok[0], strict=True)})
        for r in open_rows:
            r.options = [o for o in r.options if o[0] == pick[id(r)]]
        return pick
    for r in open_rows:
        ctx.report(
            "ambiguous_number",
            TABLE,
            r.line,
            f"amounts of {r.number or r.wp_code} have {len(r.options)} readings the totals do not decide",
            [list(v) for v, _ in r.options],
        )
    return pick


def _fields(r: LayoutRow, values: Amounts) -> dict[str, Any]:
    """Model fields of a row's amounts, with the line of each figure printed off the row's line."""
    names = ("other_amount", "amount", None, None, "personnel_amount", "operating_amount")
    at = r.options[0][1] if r.options else (r.line,) * WIDTH
    lines = {k: no for k, no in zip(names, at, strict=True) if k and no != r.line}
    if r.years and r.years[1] != r.line:
        lines["years"] = r.years[1]
    return {
        "other_amount": values[0],
        "amount": values[1],
        "unnamed_amounts": [values[2], values[3]],
        "personnel_amount": values[4],
        "operating_amount": values[5],
        "lines": lines,
    }


def read_commissioned(ctx: ReadContext) -> CommissionedTable | None:
    lines = ctx.lines(TABLE)
    if not lines:
        return None
    parser = Parser(ctx)
    agency = agency_name(ctx.doc)
    for ln in lines[1:] if lines[0].key.startswith("委辦經費") else lines:
        parser.feed(ln, agency)
    rows = list(parser.rows.values())
    for r in rows:
        r.options = _solve(r, ctx)
        if not r.options:
            ctx.report(
                "unparsed", TABLE, r.line, f"no reading of the amounts of {r.number or 'the total'}"
            )
    wps = [r for r in rows if r.kind == "work_plan"]
    total = next((r for r in rows if r.kind == "total"), None)
    pick: dict[int, Amounts] = _settle(ctx, wps, total)
    for wp in wps:
        pick.update(
            _settle(ctx, [r for r in rows if r.kind == "project" and r.wp_code == wp.wp_code], wp)
        )
    if total is not None and total.options:
        pick[id(total)] = total.options[0][0]
    blank: Amounts = (None,) * WIDTH
    names = {wp.wp_code: "".join(wp.name) for wp in wps}
    projects = [
        CommissionedProject(
            loc=Loc(line=r.line),
            table=TABLE,
            work_plan_code=r.wp_code or "",
            work_plan_name=names.get(r.wp_code, ""),
            number=r.number or "",
            name="".join(r.name),
            years=r.years[0] if r.years else None,
            description=block(r.desc, TABLE),
            **_fields(r, pick.get(id(r), blank)),
        )
        for r in rows
        if r.kind == "project"
    ]
    totals = [
        CommissionedTotal(
            loc=Loc(line=r.line),
            table=TABLE,
            work_plan_code=r.wp_code,
            work_plan_name=names.get(r.wp_code) if r.wp_code else None,
            ordinal=r.number,
            **_fields(r, pick.get(id(r), blank)),
        )
        for r in wps + ([total] if total else [])
    ]
    _check(ctx, projects, totals)
    return CommissionedTable(projects=projects, totals=totals)


def _check(
    ctx: ReadContext, projects: list[CommissionedProject], totals: list[CommissionedTotal]
) -> None:
    """Report a subtotal the projects do not add up to (a misread, or the book's own error)."""
    cols = ("personnel_amount", "operating_amount", "other_amount", "amount")
    for t in totals:
        members = [
            p for p in projects if t.work_plan_code is None or p.work_plan_code == t.work_plan_code
        ]
        if t.work_plan_code is None:
            members = [x for x in totals if x.work_plan_code is not None]  # type: ignore[misc]
        for c in cols:
            got = sum(getattr(m, c) or 0 for m in members)
            if got != (getattr(t, c) or 0):
                ctx.report(
                    "inconsistent",
                    TABLE,
                    t.line,  # the line printing the row's 合計
                    f"{c} of {t.work_plan_code or '合計'}: printed {getattr(t, c)}, rows add up to {got}",
                )
