"""預算員額說明表 of 預算總說明: staff categories as columns (職員 警察 … 合計), rows
上年度編列 / 本年度增(減) / 合計 under a 業務計畫, and the 增減說明 text at the right.

Columns come from the page's own category header row (a label printed over two rows, 駐外 over
雇員, is stacked back together); a row's kind from the words left of the figures, printed on
the figures' line or just above and below it (本年度 / 增(減)).
"""

from __future__ import annotations

import re
from statistics import median

from ...model.base import Loc
from ...model.overview import StaffCount, StaffingSummary
from ...numbers import parse_amount
from ...pdf import PdfLine
from . import PdfContext
from .layout import Column, line_loc, squash
from .overview_text import PART, TABLE, Ln, block, span, split_colon

_FIGURE = re.compile(r"^(?:\(\s*[\d,]+\s*\)|-?[\d,]*\d|-)$")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_YEAR = re.compile(r"(\d{2,3})\s*年度")

Token = tuple[str, int, int, float, float, float]  # text, start, end, x0, x1, vertical centre


def _tokens(line: PdfLine) -> list[Token]:
    out = []
    for m in re.finditer(r"\S+", line.text):
        b = line.box(m.start(), m.end())
        if b is not None:
            out.append((m.group(), m.start(), m.end(), b.x0, b.x1, (b.top + b.bottom) / 2))
    return out


def _categories(header: list[Ln]) -> list[Column]:
    """The category row (the header row with most words; single letters of one label joined)
    with labels stacked over the rows above and below it where it prints none."""
    rows = [_tokens(ln.line) for ln in header]
    at = max(range(len(rows)), key=lambda i: len(rows[i]))
    cols: list[Column] = []
    for text, _, _, x0, x1, _ in rows[at]:
        if cols and len(text) == 1 and len(cols[-1].name) == 1:
            cols[-1] = Column(cols[-1].name + text, cols[-1].x0, x1)  # 合  計
        else:
            cols.append(Column(text, x0, x1))
    lo, hi = cols[0].x0, cols[-1].x1
    stacked: list[Column] = []
    for i in (at - 1, at + 1):
        for text, _, _, x0, x1, _ in rows[i] if 0 <= i < len(rows) else []:
            if not _CJK.match(text) or x0 < lo or x1 > hi or any(
                    x0 < c.x1 and c.x0 < x1 for c in cols):
                continue
            same = next((c for c in stacked if x0 < c.x1 and c.x0 < x1), None)
            if same is None:
                stacked.append(Column(text, x0, x1))
            else:
                same.name += text
    return sorted(cols + stacked, key=lambda c: c.x0)


def _amount(text: str) -> int | None:
    m = re.fullmatch(r"\(\s*([\d,]+)\s*\)", text)  # (3): a decrease
    if m is None:
        return parse_amount(text)
    value = parse_amount(m.group(1))
    return None if value is None else -value


def read_staffing(head: Ln, lines: list[Ln], ctx: PdfContext) -> StaffingSummary | None:
    """The table under its heading: StaffCount per category with the previous year's posts
    (上年度編列) and this year's (合計); 增(減) is checked against their difference."""
    def figures(ln: Ln) -> list[Token]:
        return [t for t in _tokens(ln.line) if _FIGURE.match(t[0])]

    first = next((i for i, ln in enumerate(lines) if len(figures(ln)) >= 3), None)
    m = PART.match(head.text)
    title = split_colon(m.group(2) if m else head.text)[0]
    if first is None:
        ctx.report("unparsed", TABLE, head.no, "預算員額說明表: no row of figures")
        return None
    header = [ln for ln in lines[:first] if not any(_FIGURE.match(t[0]) for t in _tokens(ln.line))
              or "年度" in ln.key]
    cols = _categories(header)
    gap = median([b.x0 - a.x1 for a, b in zip(cols, cols[1:], strict=False)] or [4.0]) / 2
    lo, hi = cols[0].x0 - gap, cols[-1].x1 + gap
    years = [int(y) for ln in header for y in _YEAR.findall(ln.text)]
    body = [ln for ln in lines if ln not in header]
    fig_rows = [ln for ln in body if len([t for t in figures(ln) if lo <= (t[3] + t[4]) / 2 <= hi]) >= 3]
    # each row's kind: words left of the figures, on its line or the nearest line above/below
    kinds: dict[int, str] = {ln.no: "" for ln in fig_rows}
    plan_edge = _plan_edge(header, lo)
    note: list[Ln] = []
    for ln in body:
        toks = _tokens(ln.line)
        words = "".join(t[0] for t in toks if plan_edge <= t[3] and t[4] < lo)
        if words:
            near = min(fig_rows, key=lambda r: abs(_mid(r) - _mid(ln)))
            kinds[near.no] += words
        right = [t for t in toks if (t[3] + t[4]) / 2 > hi]
        if right:
            part = span(ln.line, right[0][1])
            if part is not None:
                note.append(part)
    got: dict[str, dict[str, tuple[int | None, Loc]]] = {}
    for ln in fig_rows:
        kind = _kind(kinds[ln.no])
        if kind is None or kind in got:
            ctx.report("unparsed", TABLE, ln.no, f"預算員額說明表: row {kinds[ln.no]!r} not read")
            continue
        got[kind] = {}
        for text, start, end, x0, x1, _ in figures(ln):
            centre = (x0 + x1) / 2
            if not lo <= centre <= hi:
                continue
            col = min(cols, key=lambda c: abs(c.centre - centre))
            got[kind][col.name] = (_amount(text), line_loc(ln.line, start, end))
    rows = _rows(cols, got, ctx, head.no)
    return StaffingSummary(title=squash(title), loc=head.loc,
                           last_year=min(years[:2]) if len(years) >= 2 else None,
                           year=max(years[:2]) if years else None,
                           rows=rows, explanation=block(note))


def _mid(ln: Ln) -> float:
    b = ln.line.box()
    return 0.0 if b is None else (b.top + b.bottom) / 2


def _plan_edge(header: list[Ln], lo: float) -> float:
    """Where the row-kind column (年度及類別) starts: words left of it name the 業務計畫."""
    for ln in header:
        for text, _, _, x0, _, _ in _tokens(ln.line):
            if "類別" in text and x0 < lo:
                return x0 - 2
    return -1e9


def _kind(words: str) -> str | None:
    if "上年度" in words:
        return "last"
    if "增" in words or "減" in words:
        return "change"
    if "合計" in words or "本年度" in words:
        return "count"
    return None


def _rows(cols: list[Column], got: dict[str, dict[str, tuple[int | None, Loc]]],
          ctx: PdfContext, line: int) -> list[StaffCount]:
    if "last" not in got or "count" not in got:
        ctx.report("unparsed", TABLE, line, "預算員額說明表: 上年度 or 合計 row not found")
    out = []
    for c in cols:
        last, count, change = (got.get(k, {}).get(c.name) for k in ("last", "count", "change"))
        if count is None and last is None:
            continue
        row = StaffCount(loc=(count or last)[1], table=TABLE, name=c.name,  # type: ignore[index]
                         last_year_count=last[0] if last else None,
                         count=count[0] if count else None)
        if last and count:
            row.locs["last_year_count"] = last[1]
        if change and last and count and None not in (last[0], count[0], change[0]) \
                and last[0] + change[0] != count[0]:  # type: ignore[operator]
            ctx.report("inconsistent", TABLE, change[1].line,
                       f"預算員額說明表 {c.name}: 上年度 {last[0]} + 增減 {change[0]} ≠ {count[0]}")
        out.append(row)
    return out
