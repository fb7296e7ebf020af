"""預算總說明 (overview) from a PDF: 一、現行法定職掌 (duties, divisions, 預算員額說明表),
二、施政目標與重點 (intro, goals text, the 年度重要施政計畫 table) and 三、以前年度…實施成果
(one table per period), any further part (四、…：無) kept as text.

Headings are told by their words and their numbering (each next to the one before), and, on a
page that prints a table, by starting left of the table's header: work plans inside a table
are numbered `一、` too, but they are printed inside the table's first column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...model.overview import Division, DivisionDuty, Duty, OtherPart, Overview, ResultsPart
from ..booktext.overview_text import cn_number, roc_year
from . import PdfContext
from .overview_staff import read_staffing
from .overview_tables import is_table_header, read_goals, read_programs
from .overview_text import (
    NUM,
    PART,
    STEM,
    SUB,
    TABLE,
    TOP,
    Ln,
    after,
    block,
    body,
    name_of,
    split_colon,
)

SECTION = "overview"
_KINDS = (("duties", ("法定職掌",)), ("policy", ("施政目標", "施政重點")),
          ("results", ("實施狀況", "實施成果", "成果概述")))
_PERIOD = re.compile(r"(前|上|本)\s*(?:[(（]\s*\d{2,3}\s*[)）])?\s*年度")
_DIVISION = re.compile(r"^(.{1,20}?)\s*[：:]\s*(.*)$")
# a book numbering its top level 壹、貳、 numbers the level below 一、 (its parts)
_FORMAL = re.compile(r"^([壹貳參叁肆伍陸柒捌玖拾]+)\s*、\s*(.*)$")
_PLAIN = str.maketrans("壹貳參叁肆伍陸柒捌玖拾", "一二三三四五六七八九十")


def _heading(text: str) -> re.Match[str] | None:
    return _FORMAL.match(text) or TOP.match(text) or PART.match(text)


@dataclass
class Part:
    number: str
    head: Ln
    lines: list[Ln] = field(default_factory=list)

    @property
    def title(self) -> str:
        m = _heading(self.head.text)
        return split_colon(m.group(2) if m else self.head.text)[0]

    def after_colon(self) -> list[Ln]:
        """The text printed after the heading's colon (`（一）機關主要職掌：本署掌理…`)."""
        m = _heading(self.head.text)
        rest = split_colon(m.group(2) if m else self.head.text)[1]
        if not rest:
            return []
        return [after(self.head, len(self.head.key) - len(re.sub(r"\s", "", rest)))]


@dataclass
class Top(Part):
    parts: list[Part] = field(default_factory=list)


def read(ctx: PdfContext, sub_unit: str) -> dict[str, Any]:
    """Book fields read from 預算總說明 (the book's own; appendices do not repeat it)."""
    lines = body(ctx.tables(SECTION, sub_unit))
    if not lines:
        return {}
    overview = Overview()
    for top in _outline(lines, ctx):
        kind = next((k for k, words in _KINDS if any(w in top.head.key for w in words)), None)
        if kind == "duties":
            _duties(top, overview, ctx)
        elif kind == "policy":
            _policy(top, overview, ctx)
        elif kind == "results":
            _results(top, overview, ctx)
        else:
            overview.other.append(_other(top))
            overview.other.extend(_other(part) for part in top.parts)
    return {"overview": overview}


def _outline(lines: list[Ln], ctx: PdfContext) -> list[Top]:
    """Top-level parts (`一、`) and their `(一)` parts; a heading on a page with a table must
    start clearly left of the table's header (work plans are numbered `一、` inside it)."""
    tops: list[Top] = []
    page, table_x0 = -1, None
    formal = any(_FORMAL.match(ln.text) for ln in lines)
    top_re, part_re = (_FORMAL, TOP) if formal else (TOP, PART)
    for ln in lines:
        if ln.line.page != page:
            page, table_x0 = ln.line.page, None
        if is_table_header(ln):
            table_x0 = ln.x0
        width = ln.line.chars()[0][2].x1 - ln.line.chars()[0][2].x0
        outside = table_x0 is None or ln.x0 < table_x0 - 2 * width
        top, part = top_re.match(ln.text), part_re.match(ln.text)
        if outside and top and cn_number(top.group(1).translate(_PLAIN)) == len(tops) + 1:
            tops.append(Top(top.group(1), ln))
        elif outside and part and tops and cn_number(part.group(1)) == len(tops[-1].parts) + 1:
            tops[-1].parts.append(Part(part.group(1), ln))
        elif tops and tops[-1].parts:
            tops[-1].parts[-1].lines.append(ln)
        elif tops:
            tops[-1].lines.append(ln)
        else:
            ctx.report("unparsed", TABLE, ln.no, "預算總說明: line before the first heading")
    return tops


def _other(part: Part) -> OtherPart:
    text = block(part.after_colon() + part.lines)
    if _is_chart(part.lines):
        text = None  # an organisation chart prints its boxes' words vertically: no prose
    return OtherPart(number=part.number, title=part.title, loc=part.head.loc, text=text)


def _is_chart(lines: list[Ln]) -> bool:
    tokens = [t for ln in lines for t in ln.line.text.split()]
    return bool(tokens) and sum(len(t) == 1 for t in tokens) > 0.6 * len(tokens)


def _duties(top: Top, overview: Overview, ctx: PdfContext) -> None:
    for ln in top.lines:
        ctx.report("unparsed", TABLE, ln.no, "現行法定職掌: line before the first part")
    for part in top.parts:
        if "員額說明表" in part.head.key:
            overview.staffing = read_staffing(part.head, part.lines, ctx)
        elif "職掌" in part.head.key and not any(NUM.match(ln.text) for ln in part.lines):
            overview.other.append(_other(part))  # prose without numbered items (a city's)
        elif "職掌" in part.head.key:
            overview.duties.extend(_duty_items(part, ctx))
        elif "分層" in part.head.key:
            divisions, rest = _divisions(part.lines)
            overview.divisions.extend(divisions)
            if rest:  # text around the divisions (the minister, the list's lead-in)
                overview.other.append(OtherPart(number=part.number, title=part.title,
                                                loc=part.head.loc, text=block(rest)))
        else:
            overview.other.append(_other(part))


def _items(lines: list[Ln], pattern: re.Pattern[str]) -> tuple[list[Ln], list[list[Ln]]]:
    """Lines before the first item, and each item's lines (its first line opens it)."""
    before: list[Ln] = []
    items: list[list[Ln]] = []
    for ln in lines:
        if pattern.match(ln.text):
            items.append([ln])
        elif items:
            items[-1].append(ln)
        else:
            before.append(ln)
    return before, items


def _strip(ln: Ln, pattern: re.Pattern[str]) -> tuple[str, Ln]:
    """The item's number and its line without the numbering."""
    m = pattern.match(ln.text)
    assert m is not None
    return m.group(1), after(ln, len(ln.key) - len(re.sub(r"\s", "", m.group(2))))


def _duty_items(part: Part, ctx: PdfContext) -> list[Duty]:
    """機關主要職掌: one Duty per `1、` item, its `(1)` sub-items listed too."""
    before, items = _items(part.lines, NUM)
    for ln in before:
        ctx.report("unparsed", TABLE, ln.no, "機關主要職掌: line before the first item")
    duties = []
    for item in items:
        number, first = _strip(item[0], NUM)
        text = block([first, *item[1:]])
        if text is None:
            ctx.report("unparsed", TABLE, item[0].no, "機關主要職掌: empty item")
            continue
        _, subs = _items(item[1:], SUB)
        duties.append(Duty(loc=item[0].loc, table=TABLE, number=number, text=text,
                           items=[name_of([_strip(s[0], SUB)[1], *s[1:]]) for s in subs]))
    return duties


def _divisions(lines: list[Ln]) -> tuple[list[Division], list[Ln]]:
    """內部分層業務: divisions `(1)綜合規劃司：` with `甲、` duties (or `1、組名：` with `(1)`
    duties in a book numbering one level up), a duty printed after the colon kept unnumbered.
    Lines that are no division's are returned as they are."""
    def named(ln: Ln, pattern: re.Pattern[str]) -> bool:
        m = pattern.match(ln.text)
        return bool(m and _DIVISION.match(m.group(2)))

    level, duty = (SUB, STEM) if any(named(ln, SUB) for ln in lines) else (NUM, SUB)
    divisions: list[Division] = []
    rest: list[Ln] = []
    groups: list[tuple[str | None, list[Ln]]] = []
    for ln in lines:
        if named(ln, level):
            number, head = _strip(ln, level)
            m = _DIVISION.match(head.text)
            assert m is not None
            groups = []
            if m.group(2):
                groups.append((None, [after(head, len(re.sub(r"\s", "", m.group(1))) + 1)]))
            divisions.append(Division(loc=ln.loc, table=TABLE, number=number,
                                      name=m.group(1), duties=[]))
            _close(divisions, groups)
        elif divisions and duty.match(ln.text):
            number, first = _strip(ln, duty)
            groups.append((number, [first]))
            _close(divisions, groups)
        elif divisions and groups and not level.match(ln.text) and not NUM.match(ln.text):
            groups[-1][1].append(ln)
            _close(divisions, groups)
        else:
            rest.append(ln)
    return divisions, rest


def _close(divisions: list[Division], groups: list[tuple[str | None, list[Ln]]]) -> None:
    """(Re)build the last division's duties from its groups of lines."""
    divisions[-1].duties = [
        DivisionDuty(loc=g[0].loc, table=TABLE, number=no, text=name_of(g)) for no, g in groups]


def _policy(top: Top, overview: Overview, ctx: PdfContext) -> None:
    overview.policy_title = top.title
    overview.policy_intro = block(top.lines)
    for part in top.parts:
        if "施政目標" in part.head.key:
            overview.policy_year = roc_year(part.head.text)
            overview.policy_goals = block(part.lines)
        elif "施政計畫" in part.head.key or any(is_table_header(ln) for ln in part.lines[:3]):
            overview.goals.extend(read_goals(part.lines, ctx))
        else:
            overview.other.append(_other(part))


def _results(top: Top, overview: Overview, ctx: PdfContext) -> None:
    parts = list(top.parts)
    if top.lines:  # a part printed without (一) numbering: the heading is its title
        parts.insert(0, Part("", top.head, top.lines))
    for part in parts:
        period = _PERIOD.search(part.head.key)
        result = ResultsPart(number=part.number, title=part.title, loc=part.head.loc,
                             period=f"{period.group(1)}年度" if period else None,
                             roc_year=roc_year(part.head.text))
        if any(is_table_header(ln) for ln in part.lines[:3]):
            result.programs = read_programs(part.lines, result, ctx)
        else:
            result.text = block(part.lines)
        overview.results.append(result)

