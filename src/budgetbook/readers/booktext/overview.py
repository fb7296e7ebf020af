"""Reader of 預算總說明 (overview): from the start of the book to the 主要表.

The overview is prose and narrow tables under numbered headings: 一、現行法定職掌 (with
(一)機關主要職掌, (二)內部分層業務, (三)…預算員額說明表), 二、…施政目標與重點 and
三、…以前年度實施狀況及成果. Headings are found by their words, not their order or number, so a
book that orders them differently reads the same. The page header (agency, 預算總說明, the
year line) repeats on every page and is dropped first.
"""

from __future__ import annotations

import re
from typing import Any

from ...model.base import Loc
from ...model.overview import OtherPart, Overview
from ...text import squash
from .context import ReadContext
from .overview_duties import read_divisions, read_duties, read_staffing
from .overview_policy import read_policy
from .overview_results import read_results
from .overview_text import (
    PART,
    TABLE,
    TOP,
    Ln,
    block,
    cn_number,
    ends_sentence,
    name_of,
    split_parts,
    width,
)

SECTION = "overview"
_YEAR_LINE = re.compile(r"^中華民國\d{2,3}年度$")
_END = "主要表"  # the divider page after the overview
# what a top-level heading is about, by the words it carries
_KINDS = (
    ("duties", ("法定職掌",)),
    ("policy", ("施政目標", "施政重點")),
    ("results", ("實施狀況", "實施成果", "成果概述")),
)


def read(ctx: ReadContext) -> dict[str, Any]:
    """Book fields read from 預算總說明."""
    lines = _body(ctx)
    if not lines:
        return {}
    overview = Overview()
    parts = _split(lines, ctx)
    policy_parts = [(h, b) for kind, h, b in parts if kind == "policy"]
    for head, body in policy_parts:
        policy = read_policy(head, body, ctx)
        overview.policy_title = overview.policy_title or policy.title
        overview.policy_intro = overview.policy_intro or policy.intro
        overview.policy_year = overview.policy_year or policy.year
        overview.policy_goals = overview.policy_goals or policy.goals_text
        overview.goals.extend(policy.goals)
        overview.other.extend(policy.other)
    known = list(dict.fromkeys(g.work_plan for g in overview.goals))
    parts = _split_extra(parts, known)
    for kind, head, body in parts:
        if kind == "duties":
            _read_duties_part(body, overview, ctx)
        elif kind == "results":
            overview.results.extend(read_results(head, body, known, ctx))
        elif kind == "other":
            top = TOP.match(head.text.strip())
            overview.other.append(OtherPart(
                number=top.group(1) if top else None,
                title=name_of([top.group(2) if top else head.text]),
                loc=Loc(line=head.no), text=block(body)))
    return {"overview": overview}


def _body(ctx: ReadContext) -> list[Ln]:
    """The section's lines up to 主要表, without the page header repeated on every page."""
    lines = ctx.lines(SECTION)
    end = next((i for i, ln in enumerate(lines) if ln.key == _END), len(lines))
    lines = lines[:end]
    titles = {i for i, ln in enumerate(lines) if ln.key == "預算總說明"}
    # the agency's name is the header line just above 預算總說明 (on page one, above the section)
    agency = {lines[i - 1].key for i in titles if i > 0 and len(lines[i - 1].key) <= 30}
    if lines:
        before = ctx.doc.nonblank(1, lines[0].no)
        if before and len(before[-1].key) <= 30 and not any(c.isdigit() for c in before[-1].key):
            agency.add(before[-1].key)
    out: list[Ln] = []
    brk = False
    for ln in lines:
        if ln.key == "預算總說明" or ln.key in agency or _YEAR_LINE.match(ln.key):
            brk = bool(out)
            continue
        out.append(Ln(ln.no, ln.text, ln.key, brk))
        brk = False
    return out


def _kind(ln: Ln) -> str | None:
    if not TOP.match(ln.text.strip()):
        return None
    return next((kind for kind, words in _KINDS if any(w in ln.key for w in words)), None)


def _split(lines: list[Ln], ctx: ReadContext) -> list[tuple[str, Ln, list[Ln]]]:
    """(kind, heading, body) for every top-level heading the reader knows by its words."""
    parts: list[tuple[str, Ln, list[Ln]]] = []
    for ln in lines:
        kind = _kind(ln)
        # each heading occurs once; a list item in prose that happens to carry a heading's
        # words repeats a kind or a number already taken
        if kind and all(k != kind and _number(h) != _number(ln) for k, h, _ in parts):
            parts.append((kind, ln, []))
        elif parts:
            parts[-1][2].append(ln)
        else:
            ctx.report("unparsed", TABLE, ln.no, "預算總說明: line before the first heading")
    return parts


def _split_extra(parts: list[tuple[str, Ln, list[Ln]]],
                 known: list[str]) -> list[tuple[str, Ln, list[Ln]]]:
    """Cut out further top-level parts (四、其他 …). Work plans and list items in prose share the
    `一、` numbering, so a heading must be numbered next after the one above it, be no work plan
    of the year, and either open (一) parts or be a short line after a finished sentence."""
    taken = {_number(h) for _, h, _ in parts}
    keys = [squash(k) for k in known]
    out: list[tuple[str, Ln, list[Ln]]] = []
    for kind, head, body in parts:
        current: tuple[str, Ln, list[Ln]] = (kind, head, [])
        out.append(current)
        number = _number(head)
        for i, ln in enumerate(body):
            n = _number(ln)
            if n is not None and number is not None and n == number + 1 and n not in taken \
                    and _is_heading(ln, body[i - 1] if i else head,
                                    body[i + 1] if i + 1 < len(body) else None, keys):
                current = ("other", ln, [])
                out.append(current)
                number = n
            else:
                current[2].append(ln)
    return out


def _number(ln: Ln) -> int | None:
    m = TOP.match(ln.text.strip())
    return cn_number(m.group(1)) if m else None


def _is_heading(ln: Ln, prev: Ln, nxt: Ln | None, keys: list[str]) -> bool:
    m = TOP.match(ln.text.strip())
    rest = squash(m.group(2)) if m else ""
    if not rest or any(k.startswith(rest) or rest.startswith(k) for k in keys):
        return False
    if nxt is not None and PART.match(nxt.text.strip()):
        return True
    return width(ln.text) <= 20 and not ends_sentence(ln.text) and (
        ends_sentence(prev.text) or prev is not None and _number(prev) is not None)


def _read_duties_part(body: list[Ln], overview: Overview, ctx: ReadContext) -> None:
    """一、現行法定職掌: its (一)(二)(三) parts, told apart by their words. The 預算員額說明表 is
    known by its own title, wherever it starts."""
    before, chunks = split_parts(body)
    for ln in before:
        ctx.report("unparsed", TABLE, ln.no, "現行法定職掌: line before the first part")
    for number, head, lines in chunks:
        at = next((i for i, ln in enumerate(lines) if "員額說明表" in ln.key), None)
        if at is not None:
            overview.staffing = read_staffing(lines[at:], ctx)
            lines = lines[:at]
        elif "員額說明表" in head.key:
            overview.staffing = read_staffing([head, *lines], ctx)
            continue
        if "職掌" in head.key:
            overview.duties.extend(read_duties(lines, ctx))
        elif "分層" in head.key or "業務" in head.key:
            overview.divisions.extend(read_divisions(lines, ctx))
        elif lines:
            m = PART.match(head.text.strip())
            overview.other.append(OtherPart(number=number, loc=Loc(line=head.no), text=block(lines),
                                            title=name_of([m.group(2) if m else head.text])))
