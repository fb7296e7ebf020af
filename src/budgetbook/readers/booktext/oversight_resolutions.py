"""Reader of 決議、附帶決議及注意事項辦理情形 (resolutions of the legislature and the agency's
response to each).

The table has two text columns: 內容 (wide) and 辦理情形 (narrow). The extraction prints an
item's 內容 lines and drops its 辦理情形 lines in between wherever they fall on the page, so the
columns are told apart by layout:
- a 內容 line runs the full width of its column, except the last line of a paragraph;
- 辦理情形 lines are narrow, and where they interrupt the 內容 the 內容 resumes on a line
  that the extraction starts with a space;
- so a run of narrow lines followed by such a resumption is 辦理情形; a run of narrow lines
  that ends the item is 辦理情形, after at most one last 內容 line (the end of a sentence that
  the previous full line left open).
Items are numbered with Chinese numerals that restart under each heading (part 壹、貳…,
committee `…委員會審議結果`, scope `歲出部分第 12款第 4項…`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ...model.base import Loc
from ...model.oversight import Resolution, ResolutionsTable
from ...text import Line
from ...vocab.sections import BY_ID
from .context import ReadContext
from .oversight_text import CN_NUMERAL, agency_name, block, cn_number, is_furniture, width

TABLE = "resolutions"
_ITEM = re.compile(rf"^\s*([{CN_NUMERAL}]+)\s+(\S.*)$")
_PART = re.compile(r"^[壹貳參肆伍陸柒捌玖拾]+、")
_SCOPE = re.compile(r"^歲[入出]部分第\d+款")
_HEADER_KEYS = ("辦理情形", "項次內容", "項次內容辦理情形", "項次")
_HEADINGS = ("總預算案", "單位預算", "預算案")
_CLOSERS = ("。", "」", "）", ")", "；")
# how an agency's 辦理情形 opens: it names itself 本處/本署/本局/本部/本會/本院…
_RESPONSE_OPENINGS = ("遵照辦理", "本案", "本處", "本署", "本局", "本部", "本會", "本院", "本館",
                      "本所", "本中心", "(一)", "（一）")


@dataclass
class _Item:
    number: str
    ordinal: int | None
    line: int
    context: dict[str, str | None]
    lines: list[tuple[Line, str]] = field(default_factory=list)  # (line, text without number)


def _is_header(key: str) -> bool:
    title = BY_ID[TABLE]
    return (
        key in _HEADER_KEYS
        or key == title.title
        or key in title.fragments
        or (key.startswith("決議、附帶決議") and len(key) <= len(title.title) + 4)
    )


def _is_heading(key: str) -> bool:
    return key in _HEADINGS or (key.endswith(_HEADINGS) and len(key) <= 12 and "，" not in key)


def _split(item: _Item, full: int) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(內容, 辦理情形) fragments of an item."""
    rows = item.lines
    wide = [width(t) >= full for _, t in rows]
    resumes = [
        i > 0 and ln.text.startswith(" ") and not ln.text.startswith("  ")
        for i, (ln, _) in enumerate(rows)
    ]
    content: list[tuple[int, str]] = []
    response: list[tuple[int, str]] = []
    i = 0
    while i < len(rows):
        if wide[i] or i == 0:
            content.append((rows[i][0].no, rows[i][1]))
            i += 1
            continue
        j = i
        while j < len(rows) and not wide[j] and not (j > i and resumes[j]):
            j += 1
        run = [(ln.no, t) for ln, t in rows[i:j]]
        if j < len(rows) and resumes[j]:
            response += run  # an interruption: the 內容 resumes after it
        elif j < len(rows):
            content += run  # short lines inside the 內容 (ends of list items)
        else:
            prev = content[-1][1].rstrip() if content else ""
            head = run[0][1].strip()
            tail = bool(prev) and wide[i - 1] and not prev.endswith(_CLOSERS)
            if tail and not head.startswith(_RESPONSE_OPENINGS):
                content.append(run.pop(0))
            response += run
        i = j
    return content, response


def read_resolutions(ctx: ReadContext) -> ResolutionsTable | None:
    lines = ctx.lines(TABLE)
    if not lines:
        return None
    agency = agency_name(ctx.doc)
    context: dict[str, str | None] = {
        "heading": None,
        "part": None,
        "committee": None,
        "scope": None,
    }
    items: list[_Item] = []
    last_ordinal: int | None = None
    for ln in lines:
        key = ln.key
        if is_furniture(ln, agency) or _is_header(key):
            continue
        m = _ITEM.match(ln.text)
        ordinal = cn_number(m.group(1)) if m and not m.group(1).isdigit() else None
        if ordinal is not None and (last_ordinal is None or ordinal > last_ordinal):
            raw = ln.raw.split()[0] if ln.raw.split() else m.group(1)  # type: ignore[union-attr]
            items.append(_Item(raw, ordinal, ln.no, dict(context)))
            items[-1].lines.append((ln, m.group(2)))  # type: ignore[union-attr]
            last_ordinal = ordinal
            continue
        if _is_heading(key) and len(key) <= 12:
            context = {"heading": key, "part": None, "committee": None, "scope": None}
        elif _PART.match(key) and len(key) <= 20:
            context.update(part=key, committee=None, scope=None)
        elif key.endswith("審議結果") and len(key) <= 20:
            context.update(committee=key.removesuffix("審議結果"), scope=None)
        elif _SCOPE.match(key) and len(key) <= 30:
            context["scope"] = ln.text.strip()
        elif items:
            items[-1].lines.append((ln, ln.text))
            continue
        else:
            ctx.report("unparsed", TABLE, ln.no, f"text before the first item: {key[:20]}")
            continue
        last_ordinal = None  # item numbers restart under each heading
    widths = Counter(width(t) for it in items for _, t in it.lines)
    common = max(widths, key=lambda w: (widths[w], w)) if widths else 0
    full = int(common * 0.85)
    out = []
    for it in items:
        content, response = _split(it, full)
        text = block(content, TABLE)
        if text is None:
            ctx.report("unparsed", TABLE, it.line, f"item {it.number} has no 內容")
            continue
        out.append(
            Resolution(
                loc=Loc(line=it.line),
                table=TABLE,
                number=it.number,
                ordinal=it.ordinal,
                heading=it.context["heading"],
                part=it.context["part"],
                committee=it.context["committee"],
                scope=it.context["scope"],
                text=text,
                response=block(response, TABLE),
            )
        )
    return ResolutionsTable(items=out)
