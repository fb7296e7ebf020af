"""一、現行法定職掌: (一)機關主要職掌, (二)內部分層業務 and the 預算員額說明表.

Items follow the numbering grammar: `1.` items, `(1)` sub-items, and any other line continues the
item above it. A division is a `1.<division>：` item; a duty printed after its colon
(`3.<division>：<duty>。`) is an unnumbered duty of that division.
"""

from __future__ import annotations

import re

from ...model.base import Loc
from ...model.overview import Division, DivisionDuty, Duty, StaffCount, StaffingSummary
from ...numbers import is_amount, parse_amount
from .context import ReadContext
from .overview_text import NUM, SUB, TABLE, Ln, block, ends_sentence, join, name_of, width

# `1.<division>：…`: a division's name is short and ends at the first colon
_DIVISION = re.compile(r"^(.{1,20}?)\s*[：:]\s*(.*)$")
# a staffing row: a short CJK category, two counts (or -), then possibly explanation text
_STAFF_ROW = re.compile(
    r"^(?P<name>[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){0,7})\s+"
    r"(?P<a>\d[\d,]*|-)\s+(?P<b>\d[\d,]*|-)(?:\s*(?P<rest>[^\d\s,].*))?$"
)
_YEAR_COL = re.compile(r"(\d{2,3})\s*年度")
_TOTALS = ("合計", "總計")


def _items(lines: list[Ln], ctx: ReadContext, what: str) -> list[tuple[Ln, str, list[Ln]]]:
    """Split lines into `1.` items: (first line, number, lines of the item incl. the first)."""
    out: list[tuple[Ln, str, list[Ln]]] = []
    for ln in lines:
        m = NUM.match(ln.text.strip())
        if m:
            out.append((ln, m.group(1), [ln]))
        elif out:
            out[-1][2].append(ln)
        else:
            ctx.report("unparsed", TABLE, ln.no, f"{what}: line before the first numbered item")
    return out


def read_duties(lines: list[Ln], ctx: ReadContext) -> list[Duty]:
    """機關主要職掌: one Duty per `1.` item, its `(1)` sub-items kept on their own lines."""
    duties: list[Duty] = []
    for first, number, item in _items(lines, ctx, "機關主要職掌"):
        body = [Ln(ln.no, NUM.sub(r"\2", ln.text.strip()) if ln is first else ln.text, ln.key)
                for ln in item]
        text = block(body)
        if text is None:
            ctx.report("unparsed", TABLE, first.no, "機關主要職掌: empty numbered item")
            continue
        full = max(width(ln.text) for ln in item)
        subs: list[list[Ln]] = []
        current: list[Ln] | None = None
        for prev, ln in zip(item, item[1:], strict=False):
            m = SUB.match(ln.text.strip())
            if m:
                current = [Ln(ln.no, m.group(2), ln.key)]
                subs.append(current)
            elif current is not None and not _ends_paragraph(prev, full):
                current.append(ln)
            else:  # a paragraph after the sub-items belongs to the item, not to its last sub-item
                current = None
        items = [join(s) for s in subs]
        duties.append(Duty(loc=Loc(line=first.no), table=TABLE, number=number, text=text, items=items))
    return duties


def _ends_paragraph(ln: Ln, full: int) -> bool:
    """A short line ending a sentence closes its paragraph (the rule `join` applies)."""
    return ends_sentence(ln.text) and width(ln.text) < 0.8 * full


def read_divisions(lines: list[Ln], ctx: ReadContext) -> list[Division]:
    """內部分層業務: each `1.組名：` with its `(1)` duties (or the duty printed after the colon)."""
    divisions: list[Division] = []
    for first, number, item in _items(lines, ctx, "內部分層業務"):
        head = NUM.match(first.text.strip())
        assert head is not None
        m = _DIVISION.match(head.group(2))
        if not m:
            ctx.report("unparsed", TABLE, first.no, "內部分層業務: division without a colon")
            continue
        groups: list[tuple[Ln, str | None, list[Ln]]] = []
        if m.group(2).strip():
            groups.append((first, None, [Ln(first.no, m.group(2), first.key)]))
        for ln in item[1:]:
            s = SUB.match(ln.text.strip())
            if s:
                groups.append((ln, s.group(1), [Ln(ln.no, s.group(2), ln.key)]))
            elif groups:
                groups[-1][2].append(ln)
            else:
                ctx.report("unparsed", TABLE, ln.no, "內部分層業務: line before the first duty")
        duties = [
            DivisionDuty(loc=Loc(line=ln.no), table=TABLE, number=no, text=join(body))
            for ln, no, body in groups
        ]
        divisions.append(Division(loc=Loc(line=first.no), table=TABLE, number=number,
                                  name=name_of([m.group(1)]), duties=duties))
    return divisions


def read_staffing(lines: list[Ln], ctx: ReadContext) -> StaffingSummary | None:
    """預算員額說明表: the title line, header lines naming the two year columns, then rows
    `職員 80 80` with the 比較增減內容 text interleaved after the figures and between rows."""
    title_at = next((i for i, ln in enumerate(lines) if "員額說明表" in ln.key), None)
    if title_at is None:
        if lines:
            ctx.report("unparsed", TABLE, lines[0].no, "預算員額說明表: title not found")
        return None
    title = lines[title_at]
    years: list[int] = []
    rows: list[StaffCount] = []
    explanation: list[Ln] = []
    for ln in lines[title_at + 1 :]:
        m = _STAFF_ROW.match(ln.text.strip())
        if m and not (is_amount(m.group("a")) and is_amount(m.group("b"))):
            ctx.report("unparsed", TABLE, ln.no, f"預算員額說明表: counts the number grammar "
                       f"refuses ({m.group('a')!r}, {m.group('b')!r}): {ln.text.strip()}")
        elif m:
            last, this = (m.group("a"), m.group("b"))
            if len(years) == 2 and years[0] > years[1]:  # columns printed this year first
                last, this = this, last
            name = name_of([m.group("name")])
            rows.append(StaffCount(loc=Loc(line=ln.no), table=TABLE, name=name,
                                   last_year_count=parse_amount(last), count=parse_amount(this)))
            if m.group("rest"):
                explanation.append(Ln(ln.no, m.group("rest"), ln.key))
        elif not rows:
            # header lines: 區分 / 預算員額 / 比較增減內容 114年度 115年度
            years.extend(int(y) for y in _YEAR_COL.findall(ln.text))
        else:
            explanation.append(ln)
    if not rows:
        ctx.report("unparsed", TABLE, title.no, "預算員額說明表: no rows read")
    _check_total(rows, ctx)
    return StaffingSummary(
        title=name_of([title.text]), loc=Loc(line=title.no),
        last_year=min(years[:2]) if len(years) >= 2 else None,
        year=max(years[:2]) if len(years) >= 2 else (years[0] if years else None),
        rows=rows, explanation=block(explanation),
    )


def _check_total(rows: list[StaffCount], ctx: ReadContext) -> None:
    """The table's own 合計 must equal the sum of its categories; say so when it does not."""
    totals = [r for r in rows if r.name in _TOTALS]
    parts = [r for r in rows if r.name not in _TOTALS]
    if not totals or not parts:
        return
    for field in ("last_year_count", "count"):
        expected = sum(getattr(r, field) or 0 for r in parts)
        actual = getattr(totals[0], field) or 0
        if expected != actual:
            ctx.report("inconsistent", TABLE, totals[0].line,
                       f"預算員額說明表 {field}: 合計 {actual} but the categories sum to {expected}")
