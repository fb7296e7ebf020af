"""二、…年度施政目標與重點: the intro, (一)…年度施政目標, and (二)年度重要施政計畫.

The plans table has three columns, 工作計畫名稱 | 重要計畫項目 | 實施內容, printed column after
column: `一、<work plan>` + `<wrapped name>` (a work plan, `、` after its ordinal; a justified
line is printed spaced out, `甲 乙 丙 丁`), then `一 <item>` + `<wrapped name>` (an item, a space
after its ordinal), then the item's text in wide lines. Names sit in a narrow column, so a short
line without a full stop continues a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model.base import Loc, TextBlock
from ...model.overview import Goal, OtherPart
from .context import ReadContext
from .overview_text import (
    CN,
    PART,
    TABLE,
    TOP,
    Ln,
    block,
    ends_sentence,
    name_of,
    roc_year,
    split_parts,
    strip_repeats,
    width,
)

NAME_MAX = 22  # columns: names wrap at about 8 CJK characters, prose at about 20
_ITEM_ROW = re.compile(rf"^(?:({CN})\s+|[(（]\s*({CN})\s*[)）]\s*)(\S.*)$")


@dataclass
class Policy:
    title: str | None = None
    intro: TextBlock | None = None
    year: int | None = None
    goals_text: TextBlock | None = None
    goals: list[Goal] = field(default_factory=list)
    other: list[OtherPart] = field(default_factory=list)


def read_policy(heading: Ln, body: list[Ln], ctx: ReadContext) -> Policy:
    top = TOP.match(heading.text.strip())
    policy = Policy(title=name_of([top.group(2) if top else heading.text]))
    intro, parts = split_parts(body)
    policy.intro = block(intro)
    for number, head, lines in parts:
        title = PART.match(head.text.strip())
        if "施政目標" in head.key:
            policy.year = roc_year(head.text)
            policy.goals_text = block(lines)
        elif "施政計畫" in head.key or _header_of(lines) is not None:
            policy.goals.extend(read_plans(lines, ctx))
        else:
            policy.other.append(OtherPart(number=number, loc=Loc(line=head.no), text=block(lines),
                                          title=name_of([title.group(2) if title else head.text])))
    return policy


def _header_of(lines: list[Ln]) -> str | None:
    """The column header row (`工作計畫名稱 重要計畫項目 實施內容`), repeated on every page."""
    for ln in lines[:3]:
        if "工作計畫" in ln.key and "實施" in ln.key:
            return ln.key
    return None


@dataclass
class _Item:
    first: Ln
    number: str
    wp_no: str | None
    wp: list[Ln]
    name: list[Ln]
    text: list[Ln] = field(default_factory=list)


def read_plans(lines: list[Ln], ctx: ReadContext) -> list[Goal]:
    """年度重要施政計畫: one Goal per 重要計畫項目, under the 工作計畫 printed before it."""
    header = _header_of(lines)
    rows = strip_repeats(lines, header) if header else lines
    items: list[_Item] = []
    wp_no: str | None = None
    wp: list[Ln] = []
    state = ""  # "wp" while reading a work plan's name, "name" an item's, "text" its text
    for ln in rows:
        t = ln.text.strip()
        short = width(t) <= NAME_MAX and not ends_sentence(t)
        top, item = TOP.match(t), _ITEM_ROW.match(t)
        # an item row opens with its ordinal; its name can be longer than the column is wide
        # (a renamed item in an edition that did not rewrap), so it gets twice the width
        item_row = item and width(t) <= 2 * NAME_MAX and not ends_sentence(t)
        if top and short:
            wp_no, wp, state = top.group(1), [Ln(ln.no, top.group(2), ln.key)], "wp"
        elif item_row:
            assert item is not None  # item_row implies it
            number = item.group(1) or item.group(2)
            items.append(_Item(ln, number, wp_no, wp, [Ln(ln.no, item.group(3), ln.key)]))
            state = "name"
        elif state == "wp" and short:
            wp.append(ln)
        elif state == "name" and short:
            items[-1].name.append(ln)
        elif items and state in ("name", "text"):
            items[-1].text.append(ln)
            state = "text"
        else:
            ctx.report("unparsed", TABLE, ln.no, "年度重要施政計畫: line outside any item")
    return [
        Goal(loc=Loc(line=it.first.no), table=TABLE,
             locs={"work_plan": Loc(line=it.wp[0].no)} if it.wp and it.wp[0].no != it.first.no else {},
             work_plan_number=it.wp_no, work_plan=name_of(it.wp), number=it.number,
             name=name_of(it.name), text=block(it.text))
        for it in items
    ]
