"""Reader of 歲出計畫提要及分支計畫概況表 (section id `plans`).

Each page repeats the agency, the `中華民國…年度` line, the title, the work plan's header line
(`<amount>工作計畫名稱及編號 預算金額<code> <name>`) and, once the table has started, the column
header (extracted right to left: `說明承辦單位金額分支計畫及用途別科目`). Under a work plan come
its 計畫內容 and 預期成果 (see plans_text), then the table: a sub-plan line (`01 1,234,567<name>`),
its 用途別科目 lines (`2000 876,543 業務費`, `2039 865,432 委辦費`), and the 承辦單位 and 說明
text, which can be interleaved with object lines continued after a page break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...model.base import Loc
from ...model.plans import ObjectLine, SubPlan, WorkPlan
from ...numbers import is_amount, parse_amount
from ...text import Line
from ...vocab.object_codes import is_object_code, level_of, parent_of
from ...vocab.sections import BY_ID
from .context import ReadContext
from .plans_text import TABLE, programme_text, units_and_description

_TITLE = BY_ID[TABLE].title
_WP_LABELS = re.compile(r"工作計畫名稱及編號|預算金額")
_PAGE_YEAR = re.compile(r"^中華民國\d{2,3}年度")
_PAGE_NUMBER = re.compile(r"^\d{1,4}$")
_TOTAL_ROW = re.compile(r"[\d,\-]合計$")  # the next table's header row closes the section
_SUB_PLAN = re.compile(r"^(\d{2})\s+(-|\d[\d,]*)(\s*)(\S.*)$")
_OBJECT = re.compile(r"^(\d{4})\s*(-|\d{1,3}(?:,\d{3})+|\d+)\s*(\S.*)$")
_WIDE_GAP = re.compile(r"\S\s{3,}\S")
_OBJECT_NAME = re.compile(r"^[\u4e00-\u9fff（）()、·]{1,20}$")


def read(ctx: ReadContext) -> dict[str, Any]:
    """Book fields read from this section: {"work_plans": [...]}."""
    lines = _page_lines(ctx.lines(TABLE))
    if not lines:
        return {}
    drafts = _walk(ctx, lines)
    return {"work_plans": [_build(ctx, d) for d in drafts]}


# ---------------------------------------------------------------- page furniture

def _page_lines(lines: list[Line]) -> list[Line]:
    """The lines of the section without page headers, page numbers and the next section's
    header printed at the end of the last page."""
    out: list[Line] = []
    skipping = False
    for i, ln in enumerate(lines):
        key = ln.key
        if _PAGE_YEAR.match(key):
            skipping = False
            # the agency's name is printed just above the year line
            if out and i and out[-1].no == lines[i - 1].no and not re.search(r"\d", out[-1].key):
                out.pop()
            continue
        if skipping or key == _TITLE:
            continue
        if _PAGE_NUMBER.match(key) or _TOTAL_ROW.search(key) or _foreign(ln):
            skipping = True  # a page ends here; what follows up to the next header is not ours
            continue
        out.append(ln)
    return out


def _foreign(ln: Line) -> bool:
    """A column header of another table (`科     目`, `…名稱及編號`): this table's text lines
    keep single spaces; only its object lines and its own column header are spread out."""
    text = ln.text.strip()
    if "名稱及編號" in ln.key:  # every table's column header; ours only in the work plan line
        return _work_plan_header(ln) is None
    return bool(_WIDE_GAP.search(text)) and not _is_table_header(ln) and not _OBJECT.match(text)


def _is_table_header(ln: Line) -> bool:
    return "承辦單位" in ln.key and "用途別科目" in ln.key


def _work_plan_header(ln: Line) -> tuple[str, str, int | None] | None:
    """(code, name, amount) of a `…工作計畫名稱及編號 預算金額…` line."""
    if "工作計畫名稱及編號" not in ln.key:
        return None
    code = name = None
    amount: int | None = None
    for piece in _WP_LABELS.split(ln.text):
        piece = piece.strip()
        m = re.search(r"(?<!\d)\d{10}(?!\d)", piece)
        if m and code is None:
            code = m.group()
            name = (piece[: m.start()] + piece[m.end():]).strip()
        elif piece:
            try:
                amount = parse_amount(piece)
            except ValueError:
                pass
    if code is None:
        return None
    return code, name or "", amount


# ---------------------------------------------------------------- walking the lines

@dataclass
class _SubDraft:
    no: str
    line: Line
    candidates: list[tuple[int | None, str]]  # (amount, name) readings of the glued line
    objects: list[ObjectLine] = field(default_factory=list)
    text: list[Line] = field(default_factory=list)
    name_tail: str = ""


@dataclass
class _PlanDraft:
    code: str
    name: str
    amount: int | None
    line: Line
    text: list[Line] = field(default_factory=list)
    objects: list[ObjectLine] = field(default_factory=list)
    subs: list[_SubDraft] = field(default_factory=list)
    in_table: bool = False


def _walk(ctx: ReadContext, lines: list[Line]) -> list[_PlanDraft]:
    plans: list[_PlanDraft] = []
    for ln in lines:
        header = _work_plan_header(ln)
        if header:
            if not plans or plans[-1].code != header[0]:
                plans.append(_PlanDraft(*header, line=ln))
            elif header[2] != plans[-1].amount:
                # the same work plan's header repeats on each page, with the same amount
                ctx.report("inconsistent", TABLE, ln.no,
                           f"work plan {header[0]}: the page header prints {header[2]}, "
                           f"its first page {plans[-1].amount}")
            continue
        if not plans:
            ctx.report("unparsed", TABLE, ln.no, f"line before any work plan: {ln.text.strip()}")
            continue
        plan = plans[-1]
        if _is_table_header(ln):
            plan.in_table = True
        elif not plan.in_table:
            plan.text.append(ln)
        else:
            _table_line(ctx, plan, ln)
    return plans


def _table_line(ctx: ReadContext, plan: _PlanDraft, ln: Line) -> None:
    text = ln.text.strip()
    sub = _sub_plan_line(text, plan.subs[-1].no if plan.subs else None)
    if sub:
        plan.subs.append(_SubDraft(sub[0], ln, sub[1]))
        return
    m = _OBJECT.match(text)
    if m and is_object_code(m.group(1)) and _OBJECT_NAME.match(m.group(3)) and not is_amount(
            m.group(2)):  # an object line whose figure the number grammar refuses (`055`)
        ctx.report("unparsed", TABLE, ln.no,
                   f"object line {m.group(1)} {m.group(3)}: {m.group(2)!r} is not an amount")
        return
    obj = _object_line(ln, text)
    current = plan.subs[-1] if plan.subs else None
    if obj:
        target = current.objects if current else plan.objects
        if obj.level == 2:
            parent = next((o for o in reversed(target) if o.level == 1), None)
            if parent and parent.code[0] == obj.code[0]:
                obj.parent_code = parent.code
        target.append(obj)
    elif current is None:
        ctx.report("unparsed", TABLE, ln.no, f"text before the first sub-plan: {text}")
    elif not current.objects and not current.text and _OBJECT_NAME.match(text):
        current.name_tail += text  # a long sub-plan name wraps before its object lines
    else:
        current.text.append(ln)


def _sub_plan_line(text: str, prev_no: str | None) -> tuple[str, list[tuple[int | None, str]]] | None:
    m = _SUB_PLAN.match(text)
    if not m:
        return None
    no, run, space, rest = m.groups()
    if int(no) <= (int(prev_no) if prev_no else 0):
        return None  # sub-plans are numbered upwards from 01
    candidates = _readings(run, rest, glued=not space)
    return (no, candidates) if candidates else None


def _readings(run: str, rest: str, glued: bool) -> list[tuple[int | None, str]]:
    """(amount, name) readings of an amount glued to a name: the name may begin with digits
    (`8765G應用` is 876 + `5G應用` or 87 + `65G應用` …); with a space between, one reading."""
    out: list[tuple[int | None, str]] = []
    cuts = range(1, len(run) + 1) if glued else [len(run)]
    for k in cuts:
        head, tail = run[:k], run[k:]
        if tail.startswith(","):
            continue
        try:
            amount = parse_amount(head)
        except ValueError:
            continue
        name = (tail + rest).strip()
        if name and not re.match(r"[\d,]*,", name):  # a name never opens with a split amount
            out.append((amount, name))
    return out


def _object_line(ln: Line, text: str) -> ObjectLine | None:
    m = _OBJECT.match(text)
    if not m or not is_object_code(m.group(1)) or not _OBJECT_NAME.match(m.group(3)):
        return None
    code = m.group(1)
    level = level_of(code)
    return ObjectLine(
        loc=Loc(line=ln.no), table=TABLE, code=code, name=m.group(3), level=level,
        amount=parse_amount(m.group(2)), parent_code=parent_of(code),
    )


# ---------------------------------------------------------------- building the model

def _total(values: list[int | None]) -> int:
    return sum(v or 0 for v in values)


def _build(ctx: ReadContext, d: _PlanDraft) -> WorkPlan:
    content, results = programme_text(d.text)
    subs = [_build_sub(ctx, s) for s in d.subs]
    _check_objects(ctx, d.objects, d.amount, f"work plan {d.code}", d.line.no)
    if subs and d.amount is not None and _total([s.amount for s in subs]) != d.amount:
        ctx.report(
            "inconsistent", TABLE, d.line.no,
            f"sub-plans of {d.code} add to {_total([s.amount for s in subs]):,}, "
            f"the work plan prints {d.amount:,}",
        )
    return WorkPlan(
        loc=Loc(line=d.line.no), table=TABLE, code=d.code, name=d.name, amount=d.amount,
        content=content, expected_results=results, object_lines=d.objects, sub_plans=subs,
    )


def _build_sub(ctx: ReadContext, s: _SubDraft) -> SubPlan:
    level1 = [o.amount for o in s.objects if o.level == 1]
    amount, name = _choose(ctx, s, _total(level1) if level1 else None)
    units, units_line, description = units_and_description(s.text)
    lines = {"units": units_line} if units_line and units_line != s.line.no else {}
    _check_objects(ctx, s.objects, amount, f"sub-plan {s.no} {name}", s.line.no)
    return SubPlan(
        loc=Loc(line=s.line.no), table=TABLE, locs={k: Loc(line=v) for k, v in lines.items()}, no=s.no, name=name + s.name_tail,
        amount=amount, units=units, description=description, object_lines=s.objects,
    )


def _choose(ctx: ReadContext, s: _SubDraft, total: int | None) -> tuple[int | None, str]:
    """The reading of the sub-plan line that its object lines add up to."""
    if len(s.candidates) == 1:
        return s.candidates[0]
    confirmed = [c for c in s.candidates if total is not None and c[0] == total]
    if len(confirmed) == 1:
        return confirmed[0]
    ctx.report(
        "ambiguous_number", TABLE, s.line.no,
        f"sub-plan {s.no}: amount glued to a name beginning with digits; "
        "its object lines do not decide",
        [[c[0]] for c in s.candidates],
    )
    return s.candidates[-1]  # the longest amount, as the number grammar reads greedily


def _check_objects(ctx: ReadContext, objects: list[ObjectLine], amount: int | None,
                   what: str, line: int) -> None:
    """Second-level lines add to their first-level line, first-level lines to the plan."""
    level1 = [o for o in objects if o.level == 1]
    for top in level1:
        kids = [o.amount for o in objects if o.level == 2 and o.parent_code == top.code]
        if kids and _total(kids) != (top.amount or 0):
            ctx.report("inconsistent", TABLE, top.line,
                       f"{what}: lines under {top.code} add to {_total(kids):,}, "
                       f"{top.code} prints {top.amount or 0:,}")
    if level1 and amount is not None and _total([o.amount for o in level1]) != amount:
        ctx.report("inconsistent", TABLE, line,
                   f"{what}: first-level lines add to {_total([o.amount for o in level1]):,}, "
                   f"the plan prints {amount:,}")
