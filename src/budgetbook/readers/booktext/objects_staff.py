"""Readers of 人事費彙計表 and 預算員額明細表.

人事費彙計表 prints `三、法定編制人員待遇 56,789 職員80人。` with the 說明 wrapping onto the next
lines. 預算員額明細表 is a wide coded table: the left half prints 職員 … 駕駛 (本年度, 上年度
each), the right half 約僱, 駐外雇員, 合計 (本年度, 上年度), 年需經費 (本年度, 上年度, 比較) and
then 聘用 (本年度, 上年度), glued (`-45612 20`) and sometimes after the 說明 notes. 合計 and
比較 decide among the readings.
"""

from __future__ import annotations

import re
from typing import Any

from ...model.base import Loc, TextBlock
from ...model.objects import (
    PersonnelCategory,
    PersonnelCosts,
    StaffCount,
    StaffingRow,
    StaffingTable,
)
from ...text import Line
from .context import ReadContext
from .objects_common import (
    CodedRow,
    amount,
    coded_halves,
    is_page_text,
    join_text,
    level_of,
    matches,
    pair_halves,
    readings,
    split_ordinal,
)
from .textmarks import attach

PERSONNEL = "personnel_costs"
STAFFING = "staffing"
_CATEGORY = re.compile(r"^([一二三四五六七八九十]+)、\s*(\S+?)\s*(-|\d{1,3}(?:,\d{3})*)(?:\s+(.*))?$")
_TOTAL = re.compile(r"^合計\s*(-|\d{1,3}(?:,\d{3})*)")

LEFT_CATEGORIES = ("職員", "警察", "法警", "駐警", "工友", "技工", "駕駛")
# the right half's printed order: (category or cost field, this-year/last-year slots)
RIGHT_SLOTS = (
    ("約僱", 0), ("約僱", 1), ("駐外雇員", 0), ("駐外雇員", 1), ("合計", 0), ("合計", 1),
    ("cost", 0), ("cost", 1), ("cost", 2), ("聘用", 0), ("聘用", 1),
)
_NOTE_START = re.compile(r"^\s*\d{1,2}\.\s*\D")
_NOTE_CONT = re.compile(r"^\s+[^\s\d]")
_NOTE_GLUED = re.compile(r"1\.(?=[^\d\s.,])")


# --- 人事費彙計表 ---------------------------------------------------------------------------


def read_personnel_costs(ctx: ReadContext) -> PersonnelCosts | None:
    if not ctx.has(PERSONNEL):
        return None
    table = PersonnelCosts(table=PERSONNEL, loc=Loc(line=ctx.sections[PERSONNEL].start))
    current: PersonnelCategory | None = None
    parts: list[Line] = []

    def close() -> None:
        if current is not None and parts:
            current.description = attach(TextBlock(
                text=join_text([p.text for p in parts]), loc=Loc(line=parts[0].no),
                end_line=parts[-1].no, table=PERSONNEL), [(p.no, p.text) for p in parts],
                join_text)

    for ln in ctx.lines(PERSONNEL):
        m = _CATEGORY.match(ln.text.strip())
        if m:
            close()
            ordinal, name, value, rest = m.groups()
            current = PersonnelCategory(loc=Loc(line=ln.no), table=PERSONNEL, ordinal=ordinal, name=name,
                                        amount=amount(value))
            table.categories.append(current)
            # the 說明 starts after the amount on the category's line
            parts = [Line(ln.no, ln.raw, rest.strip())] if rest and rest.strip() else []
            continue
        t = _TOTAL.match(ln.key)
        if t and table.total_loc is None:
            close()
            current, parts = None, []
            table.total, table.total_loc = amount(t.group(1)), Loc(line=ln.no)
            continue
        if is_page_text(ln):
            continue
        # a 說明 continues until its sentence ends; page headers follow a finished sentence
        if current is not None and parts and not parts[-1].text.rstrip().endswith("。"):
            parts.append(ln)
    close()
    if table.total_loc is None and table.categories:
        table.total = _sum([c.amount for c in table.categories])
    elif table.categories and table.total != _sum([c.amount for c in table.categories]):
        ctx.report("inconsistent", PERSONNEL, table.total_loc.line if table.total_loc else None,
                   f"合計 {table.total} differs from the categories' sum")
    return table


def _sum(values: list[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


# --- 預算員額明細表 -------------------------------------------------------------------------


def _note_at(text: str) -> int | None:
    if _NOTE_START.match(text) or _NOTE_CONT.match(text):
        return 0
    m = _NOTE_GLUED.search(text)
    return m.start() if m else None


def read_staffing(ctx: ReadContext) -> StaffingTable | None:
    if not ctx.has(STAFFING):
        return None
    lines = ctx.lines(STAFFING)
    table = StaffingTable(table=STAFFING, loc=Loc(line=ctx.sections[STAFFING].start))
    for left, right in pair_halves(coded_halves(lines, _note_at)):
        table.rows.append(_staff_row(ctx, left, right))
    table.notes = _notes(ctx, lines)
    return table


def _staff_row(ctx: ReadContext, left: CodedRow, right: CodedRow | None) -> StaffingRow:
    level = level_of(left.code)
    row = StaffingRow(loc=Loc(line=left.line), table=STAFFING, code=left.code, name=left.name,
                      level=level, ordinal=left.ordinal)
    if not left.printed:
        row.printed = False
        return row
    if right is None or not right.printed:
        ctx.report("unparsed", STAFFING, left.line, f"no right-half figures for {left.code}")
        return row
    expect = level != "function" and left.ordinal is None
    found: list[tuple[list[Any], list[Any]]] = []
    printed: list[tuple[int, list[Any], list[Any], str | None]] = []  # readings that do not add up
    for lruns, lnos in left.prefixes():
        for lr in readings(lruns, 2 * len(LEFT_CATEGORIES) + int(expect)):
            for ordinal, toks in split_ordinal(lr, expect):
                lvals = [(amount(t), lnos[i]) for t, i in toks]
                for rruns, rnos in right.prefixes():
                    for rr in readings(rruns, len(RIGHT_SLOTS), negative=True):
                        rvals = [(amount(t), rnos[i]) for t, i in rr]
                        if _staff_consistent(lvals, rvals) and (lvals, rvals) not in found:
                            found.append((lvals, rvals))
                            row.ordinal = row.ordinal or ordinal
                        elif len(printed) < 1000:
                            printed.append((_staff_gap(lvals, rvals), lvals, rvals, ordinal))
        if found:
            break
    if not found and printed:
        # figures that parse but do not add up: read as printed (the reading closest to adding
        # up), reported at the line of the sums; the audit's sums point at the figure itself
        _, lvals, rvals, ordinal = min(printed, key=lambda o: o[0])
        found = [(lvals, rvals)]
        row.ordinal = row.ordinal or ordinal
        ctx.report("inconsistent", STAFFING, right.line,
                   f"{left.code}: 合計 or 比較 does not add up as printed")
    if not found:
        ctx.report("unparsed", STAFFING, left.line, f"no reading of {left.code} agrees with 合計")
        return row
    if len(found) > 1:
        ctx.report("ambiguous_number", STAFFING, right.line,
                   f"{left.code}: {len(found)} readings agree with 合計 and 比較; first kept",
                   [[v for v, _ in lv + rv] for lv, rv in found])
    lvals, rvals = found[0]
    counts: dict[str, list[tuple[int | None, int]]] = {}
    for k, cat in enumerate(LEFT_CATEGORIES):
        counts[cat] = [lvals[2 * k], lvals[2 * k + 1]]
    cost: list[tuple[int | None, int]] = []
    for (slot, _), val in zip(RIGHT_SLOTS, rvals, strict=True):
        (cost if slot == "cost" else counts.setdefault(slot, [])).append(val)
    for cat in (*LEFT_CATEGORIES, "聘用", "約僱", "駐外雇員", "合計"):
        (this, this_no), (last, last_no) = counts[cat]
        row.counts.append(StaffCount(loc=Loc(line=this_no), table=STAFFING, category=cat, count=this,
                                     last_year_count=last,
                                     locs={} if last_no == this_no else
                                     {"last_year_count": Loc(line=last_no)}))
    row.cost, row.cost_last_year, row.cost_change = (v for v, _ in cost)
    row.locs = {k: Loc(line=c[1])
                for k, c in zip(("cost", "cost_last_year", "cost_change"), cost, strict=True)}
    return row


def _staff_gap(lvals: list[Any], rvals: list[Any]) -> int:
    """How far a reading is from adding up: the sum of its identities' differences."""
    this = [v or 0 for v, _ in lvals[0::2]]
    last = [v or 0 for v, _ in lvals[1::2]]
    totals = [0, 0]
    cost: list[int] = []
    for (slot, year), (v, _) in zip(RIGHT_SLOTS, rvals, strict=True):
        if slot == "合計":
            totals[year] = v or 0
        elif slot == "cost":
            cost.append(v or 0)
        else:
            (this if year == 0 else last).append(v or 0)
    return (abs(totals[0] - sum(this)) + abs(totals[1] - sum(last))
            + abs(cost[0] - cost[1] - cost[2]))


def _staff_consistent(lvals: list[Any], rvals: list[Any]) -> bool:
    """合計 = the sum of the categories (each year); 比較 = 年需經費 本年度 - 上年度."""
    this = [v for v, _ in lvals[0::2]]
    last = [v for v, _ in lvals[1::2]]
    total_this = total_last = None
    for (slot, year), (v, _) in zip(RIGHT_SLOTS, rvals, strict=True):
        if slot == "合計":
            total_this, total_last = (v, total_last) if year == 0 else (total_this, v)
        elif slot != "cost":
            (this if year == 0 else last).append(v)
    cost = [v for (slot, _), (v, _) in zip(RIGHT_SLOTS, rvals, strict=True) if slot == "cost"]
    change_ok = (cost[0] or 0) - (cost[1] or 0) == (cost[2] or 0)
    return matches(total_this, this) and matches(total_last, last) and change_ok


def _notes(ctx: ReadContext, lines: list[Line]) -> list[TextBlock]:
    """The 說明 items, each once (every page half prints them); copies of an item that differ
    are reported `inconsistent` at the lines where they differ."""
    items: list[tuple[list[Line], list[str]]] = []
    current: tuple[list[Line], list[str]] | None = None
    for ln in lines:
        cut = _note_at(ln.text)
        if cut is None:
            current = None
            continue
        piece = ln.text[cut:]
        if _NOTE_START.match(piece) or cut > 0:
            current = ([ln], [piece.strip()])
            items.append(current)
        elif current is not None:
            current[0].append(ln)
            current[1].append(piece.strip())
    out: list[TextBlock] = []
    seen: set[str] = set()
    first: dict[str, tuple[list[Line], list[str]]] = {}
    for nos, texts in items:
        text = join_text(texts)
        number = re.match(r"\d{1,2}\.", texts[0])
        if number:
            copy = first.setdefault(number.group(), (nos, texts))
            if join_text(copy[1]) != text:
                differ = [(a.no, b.no) for a, b, x, y in zip(copy[0], nos, copy[1], texts,
                                                             strict=False) if x != y]
                for no in sorted({n for pair in differ or [(copy[0][0].no, nos[0].no)]
                                  for n in pair}):
                    ctx.report("inconsistent", STAFFING, no,
                               f"說明 {number.group()} is printed differently on each page half")
        if text in seen:
            continue
        seen.add(text)
        out.append(TextBlock(text=text, loc=Loc(line=nos[0].no), end_line=nos[-1].no, table=STAFFING))
    return out

