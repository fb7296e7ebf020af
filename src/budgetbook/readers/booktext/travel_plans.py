"""Reader of 派員出國計畫預算類別表 (travel plans by category).

Every page holds a left half and a right half, and each half prints every plan in full but
with its two parts in a different order (see travel_parts). The two renderings are read
separately, matched plan by plan, and their glued figures narrowed to the readings both
allow; the plan's own sum (交通費 + 生活費 + 辦公費 = 合計) and the 總表's totals decide what
is left.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ...model.base import Loc, TextBlock
from ...model.travel import RecentTrip, TravelPlan
from ...text import Document, Line, squash
from .context import ReadContext
from .travel_common import Values, candidates, nz
from .travel_parts import Part, RightPart, join_text, parse_segment

TABLE = "travel_categories"
TITLE = "派員出國計畫預算類別表"
CODE = re.compile(r"^(?:\(\d+\)|\[\d+\]|\d+\.)?(\d{10})$")
# Markers that end one rendering (half page) and begin the next.
SEGMENT_MARKS = ("歸屬預算科目", "最近三次", "計畫名稱", TITLE)


@dataclass
class Reading:
    """The figures of one plan, narrowed over its renderings."""

    left: list[Values]  # (天數, 人數, 交通費, 生活費)
    right: list[Values]  # (天數, 合計, 辦公費)


_PLAN_HEAD = re.compile(r"預算金額(\d{10})\s*(\S.*)$")


def work_plan_names(doc: Document, ctx: ReadContext | None = None) -> dict[str, str]:
    """Name -> 10-digit code of every 科目 printed as a code line followed by its name.

    The pairs of 歲出計畫提要 (`預算金額5212342000 name`) and 歲出機關別預算表 come first: other
    tables (各項費用彙計表's column headers) print codes and names side by side, not in pairs,
    and the book's section order must not decide which reading wins."""
    out: dict[str, str] = {}
    if ctx is not None:
        for ln in ctx.lines("plans"):
            m = _PLAN_HEAD.search(ln.text)
            if m:
                out.setdefault(squash(m.group(2)), m.group(1))
        out.update({k: v for k, v in _code_name_pairs(ctx.lines("expenditure_by_agency")).items()
                    if k not in out})
    for k, v in _code_name_pairs(doc.nonblank()).items():
        out.setdefault(k, v)
    return out


def _code_name_pairs(nb: list[Line]) -> dict[str, str]:
    out: dict[str, str] = {}
    for i, ln in enumerate(nb[:-1]):
        m = CODE.match(ln.key)
        if not m:
            continue
        name = re.sub(r"[\d,\-]+$", "", nb[i + 1].key)
        if len(name) >= 2 and not any(c.isdigit() for c in name[:1]):
            out.setdefault(name, m.group(1))
    return out


def pages(lines: list[Line]) -> list[tuple[str | None, list[list[Line]]]]:
    """(category subtitle, renderings) of every page; a page starts at a title line."""
    out: list[tuple[str | None, list[list[Line]]]] = []
    subtitle: str | None = None
    segs: list[list[Line]] = [[]]
    for ln in lines:
        key = ln.key
        if key.startswith(TITLE):
            if any(segs):
                out.append((subtitle, [s for s in segs if s]))
            segs, subtitle = [[]], None
            rest = key[len(TITLE) :].lstrip("－-")
            subtitle = rest or None
            continue
        if key.startswith(("－", "-")) and len(key) > 1 and not any(c.isdigit() for c in key):
            subtitle = key.lstrip("－-")
            continue
        if any(m in key for m in SEGMENT_MARKS):
            if segs[-1]:
                segs.append([])
            continue
        segs[-1].append(ln)
    if any(segs):
        out.append((subtitle, [s for s in segs if s]))
    return out


Options = list[tuple[Values, Values | None]]


def read_plans(ctx: ReadContext, lines: list[Line],
               junk: set[str]) -> tuple[list[TravelPlan], list[Options]]:
    """Plans in book order, with the readings of their figures that remain open."""
    names = work_plan_names(ctx.doc, ctx)
    plans: list[TravelPlan] = []
    readings: list[Reading] = []
    for subtitle, renderings in pages(lines):
        parsed = [p for p in (parse_segment(s, names, junk) for s in renderings) if p]
        if not parsed:
            continue
        main = parsed[0]
        for twin in parsed[1:]:
            if len(twin) != len(main):
                ctx.report("inconsistent", TABLE, twin[0].left.line.no if twin[0].left else None,
                           f"a rendering lists {len(twin)} plans, the first {len(main)}")
        for k, part in enumerate(main):
            twins = [t[k] for t in parsed[1:] if k < len(t)]
            plan, reading = _plan(ctx, part, twins, subtitle, names)
            if plan is not None:
                plans.append(plan)
                readings.append(reading)
    return _settle(ctx, plans, readings)


def _plan(ctx: ReadContext, part: Part, twins: list[Part], subtitle: str | None,
          names: dict[str, str]) -> tuple[TravelPlan | None, Reading]:
    all_parts = [part, *twins]
    lefts = [p.left for p in all_parts if p.left]
    rights = [p.right for p in all_parts if p.right]
    if not lefts:
        line = part.right.line.no if part.right else None
        ctx.report("unparsed", TABLE, line, "a plan without its name and figures")
        return None, Reading([], [])
    left = lefts[0]
    for other in lefts[1:]:
        if other.name != left.name:
            ctx.report("inconsistent", TABLE, other.line.no,
                       f"plan printed as {left.name!r} and as {other.name!r}")
    reading = Reading(_narrow([candidates(x.figures, 4) for x in lefts]),
                      _narrow([candidates(x.figures, 3) for x in rights]) if rights else [])
    right = rights[0] if rights else None
    plan = TravelPlan(
        loc=Loc(line=left.line.no),
        table=TABLE,
        item_no=next((p.item_no[0] for p in all_parts if p.item_no), None),
        name=left.name,
        field_code=left.field_code,
        category_group=subtitle,
        group=part.group,
        destination=join_text([ln.text for ln in left.destination]) or None,
        topics=_block(left.topics),
        work_plan=right.work_plan if right else None,
        work_plan_code=names.get(right.work_plan) if right and right.work_plan else None,
    )
    item_line = next((p.item_no[1] for p in all_parts if p.item_no), None)
    if item_line is not None and item_line != plan.line:
        plan.set_loc("item_no", item_line)
    if right is not None:
        for f in ("office", "amount", "work_plan"):
            plan.set_loc(f, right.line.no)
        plan.recent_trips = _trips(ctx, right)
    return plan, reading


def _narrow(sets: list[list[Values]]) -> list[Values]:
    """Readings every rendering allows (the first rendering's if they share none)."""
    sets = [s for s in sets if s]
    if not sets:
        return []
    common = [v for v in sets[0] if all(v in s for s in sets[1:])]
    return common or sets[0]


def _block(lines: list[Line]) -> TextBlock | None:
    if not lines:
        return None
    return TextBlock(text=join_text([ln.text for ln in lines]), loc=Loc(line=lines[0].no),
                     end_line=lines[-1].no, table=TABLE)


def _trips(ctx: ReadContext, right: RightPart) -> list[RecentTrip]:
    n = len(right.periods) or len(right.places)
    if n == 0:
        return []
    nums = right.numbers
    if len(nums) != 2 * n or len(right.places) not in (n, 0):
        ctx.report("unparsed", TABLE, right.line.no,
                   f"recent trips: {len(right.places)} places, {len(nums)} figures, "
                   f"{len(right.periods)} periods")
    trips = []
    for i in range(n):
        place = right.places[i] if i < len(right.places) else None
        persons = nums[i] if i < len(nums) else None
        cost = nums[n + i] if n + i < len(nums) else None
        period = right.periods[i] if i < len(right.periods) else None
        anchor = persons or place or period
        assert anchor is not None
        trip = RecentTrip(loc=Loc(line=anchor[1]), table=TABLE,
                          destination=place[0] if place else None,
                          persons=persons[0] if persons else None,
                          cost=cost[0] if cost else None,
                          period=period[0] if period else None)
        for f, v in (("destination", place), ("cost", cost), ("period", period)):
            if v is not None and v[1] != trip.line:
                trip.set_loc(f, v[1])
        trips.append(trip)
    return trips


def _fits(left: Values, right: Values | None) -> bool:
    if right is None:
        return True
    days, amount, office = right
    return nz(days) == nz(left[0]) and nz(amount) == nz(left[2]) + nz(left[3]) + nz(office)


def _options(r: Reading) -> list[tuple[Values, Values | None]]:
    rights: list[Values | None] = list(r.right) or [None]
    opts = [(lv, rv) for lv, rv in itertools.product(r.left, rights) if _fits(lv, rv)]
    if not opts:  # drop the repeated 天數 of the right part, keep the sum
        opts = [(lv, rv) for lv, rv in itertools.product(r.left, rights)
                if rv is None or nz(rv[1]) == nz(lv[2]) + nz(lv[3]) + nz(rv[2])]
    return opts


def _settle(ctx: ReadContext, plans: list[TravelPlan],
            readings: list[Reading]) -> tuple[list[TravelPlan], list[Options]]:
    """Fix each plan's figures that its own sum decides; the rest wait for the 總表."""
    options = [_options(r) for r in readings]
    for plan, opts in zip(plans, options, strict=True):
        if len(opts) == 1:
            _apply(plan, opts[0])
    return plans, options


def _apply(plan: TravelPlan, opt: tuple[Values, Values | None]) -> None:
    lv, rv = opt
    plan.days, plan.persons, plan.transport, plan.living = lv
    if rv is not None:
        plan.amount, plan.office = rv[1], rv[2]


def decide(ctx: ReadContext, plans: list[TravelPlan], opts: list[Options],
           amount: int | None, person_days: int | None) -> None:
    """Settle ambiguous plans by the 總表's 本年度預算數 and 人天; report what stays open."""
    open_idx = [i for i, o in enumerate(opts) if len(o) != 1]
    if not open_idx:
        return
    choices = [opts[i] or [((None,) * 4, None)] for i in open_idx]
    good = []
    if amount is not None and person_days is not None and len(list(itertools.product(*choices))) < 20000:
        fixed_amount = sum(nz(p.amount) for i, p in enumerate(plans) if i not in open_idx)
        fixed_pd = sum(nz(p.days) * nz(p.persons) for i, p in enumerate(plans) if i not in open_idx)
        for combo in itertools.product(*choices):
            a = fixed_amount + sum(nz(rv[1]) if rv else 0 for _, rv in combo)
            pd = fixed_pd + sum(nz(lv[0]) * nz(lv[1]) for lv, _ in combo)
            if a == amount and pd == person_days:
                good.append(combo)
    for j, i in enumerate(open_idx):
        picks = {c[j] for c in good}
        if len(picks) == 1:
            _apply(plans[i], picks.pop())
            continue
        cands = [list(lv) + ([rv[1], rv[2]] if rv else []) for lv, rv in opts[i]]
        ctx.report("ambiguous_number", TABLE, plans[i].line,
                   f"figures of {plans[i].name!r}: (天數, 人數, 交通費, 生活費, 合計, 辦公費) "
                   "not decided by the plan's sum nor the 總表", cands)

