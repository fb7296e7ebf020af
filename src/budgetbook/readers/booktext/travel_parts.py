"""Line-level parsing of 派員出國計畫預算類別表: the two parts every plan is printed in.

A plan's left part starts with 天數, 人數, 交通費, 生活費 glued before its name (`5 12 645410
<plan name> -`), then the 領域代碼, the 擬前往國家或地區 (a narrow column) and the
議題 text. Its right part starts with (天數,) 合計 and 辦公費 before the 歸屬預算科目 and the first
出國地點 (`5 1,160105 <work plan> <place>`), then the recent trips as vertical lists: places,
persons, costs, periods (`113.09`). Each page prints every plan twice, in two part orders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...numbers import parse_amount
from ...text import Line
from .travel_common import candidates

HEADING = re.compile(r"^[一二三四五六七八九十]+[．.、·]\s*(\S.*)$")  # 一．<sub-heading>
PERIOD = re.compile(r"^\d{2,3}\.\d{1,2}$")
LEAD = re.compile(r"^\s*(?P<figs>[\d,\-\s]*\d[\d,\-\s]*?)\s*(?P<rest>[^\W\d_].*)$")
NAME_END = re.compile(r"^(?P<name>.*?)\s*-\s*(?P<code>\d+)?\s*$")
ITEM_NO = re.compile(r"^0\d$")
# Words of the table's own column headers; a line made of them closes what is being read.
HEADER_WORDS = (
    "預算", "辦公費", "合計", "出國地點", "歸屬預算科目", "最近三次", "國外旅費", "出國期間",
    "出國人數", "計畫名稱", "擬前往", "家或地區", "主要會議議題", "談判重點", "預計天數",
    "交通費", "擬派人數", "旅費", "生活費", "單位：", "中華民國", "年度",
)


def is_header(key: str) -> bool:
    if not any(w in key for w in HEADER_WORDS):
        return False
    rest = re.sub(r"\d", "", key)
    for w in sorted(HEADER_WORDS, key=len, reverse=True):
        rest = rest.replace(w, "")
    return len(rest) <= 1


def is_period_line(key_text: str) -> bool:
    parts = key_text.split()
    return bool(parts) and all(PERIOD.match(p) for p in parts)


def is_figures(text: str) -> bool:
    return bool(re.fullmatch(r"[\d,\-\s]+", text)) and any(c.isdigit() for c in text)


@dataclass
class LeftPart:
    line: Line
    figures: str  # the glued figure text before the name
    name_lines: list[Line] = field(default_factory=list)
    name: str = ""
    field_code: str | None = None
    destination: list[Line] = field(default_factory=list)
    topics: list[Line] = field(default_factory=list)
    name_done: bool = False


@dataclass
class RightPart:
    line: Line
    figures: str
    work_plan: str | None
    places: list[tuple[str, int]] = field(default_factory=list)
    numbers: list[tuple[int | None, int]] = field(default_factory=list)
    periods: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Part:
    """One plan as read in one rendering."""

    left: LeftPart | None = None
    right: RightPart | None = None
    item_no: tuple[str, int] | None = None
    group: str | None = None


def join_text(pieces: list[str]) -> str:
    """Join wrapped lines: CJK without a space, a space kept between ASCII words."""
    out = ""
    for p in (s.strip() for s in pieces):
        if not p:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum():
            out += " "
        out += p
    return out


def _match_plan(rest_key: str, work_plans: dict[str, str]) -> str | None:
    for name in sorted(work_plans, key=len, reverse=True):
        if rest_key.startswith(name):
            return name
    return None


def parse_segment(lines: list[Line], work_plans: dict[str, str], junk: set[str]) -> list[Part]:
    """Plans of one rendering (a run of lines between two header blocks), in order."""
    parts: list[Part] = []
    group: str | None = None
    cur: Part | None = None
    mode = ""  # "left" or "right": which part of `cur` the following lines continue

    def followed_by_periods(i: int) -> bool:
        for nxt in lines[i + 1 :]:
            if PERIOD.match(nxt.key) or is_period_line(nxt.text):
                return True
            if LEAD.match(nxt.text) and not is_figures(nxt.text):
                return False
        return False

    for i, ln in enumerate(lines):
        key = ln.key
        if not key or key in junk or is_header(key) or key.startswith(("－", "-")):
            continue  # page headers and the category subtitle (－開會、談判)
        m = HEADING.match(ln.text.strip())
        if m and not is_figures(ln.text):
            group, mode = m.group(1).strip(), ""
            continue
        if ITEM_NO.match(key) and cur is not None and cur.item_no is None and mode != "right":
            cur.item_no = (key, ln.no)
            mode = ""
            continue
        lead = LEAD.match(ln.text)
        if lead and not is_figures(ln.text):
            figs, rest = lead.group("figs").strip(), lead.group("rest")
            plan = _match_plan(re.sub(r"\s+", "", rest), work_plans)
            if plan is not None or followed_by_periods(i):
                item_no = None
                if re.match(r"^0\d", figs) and not re.match(r"^0\d[,]", figs):
                    item_no, figs = (figs[:2], ln.no), figs[2:].strip()
                right = RightPart(ln, figs, plan)
                tail = re.sub(r"\s+", "", rest)[len(plan) if plan else 0 :]
                if plan is None:  # unknown plan name: the 科目 is the first word of the rest
                    words = rest.split()
                    right.work_plan = words[0] if words else None
                    tail = "".join(words[1:])
                if tail:
                    right.places.append((tail, ln.no))
                if cur is None or cur.right is not None:
                    cur = Part(group=group)
                    parts.append(cur)
                cur.right, mode = right, "right"
                if item_no and cur.item_no is None:
                    cur.item_no = item_no
                continue
            if candidates(figs, 4):
                left = LeftPart(ln, figs)
                left.name_lines.append(ln)
                _name_piece(left, rest)
                if cur is None or cur.left is not None:
                    cur = Part(group=group)
                    parts.append(cur)
                cur.left, mode = left, "left"
                continue
        if cur is None:
            continue
        if mode == "right" and cur.right is not None:
            _right_line(cur.right, ln)
        elif mode == "left" and cur.left is not None:
            _left_line(cur.left, ln)
    return parts


def _name_piece(left: LeftPart, text: str) -> None:
    m = NAME_END.match(text.strip())
    if m and (m.group("code") or text.strip().endswith("-")):
        left.name += m.group("name").strip()
        left.field_code = m.group("code")
        left.name_done = True
    else:
        left.name += text.strip()


def _left_line(left: LeftPart, ln: Line) -> None:
    text = ln.text.strip()
    if not left.name_done:
        left.name_lines.append(ln)
        _name_piece(left, text)
        return
    if left.field_code is None and not left.destination and not left.topics and text.isdigit():
        left.field_code = text
        return
    narrow = len(ln.key) <= 6 and not ln.key.endswith("。") and not re.match(r"^\d+[.、]", ln.key)
    if not left.topics and narrow and not ln.raw.startswith(("\u3000", " ")):
        left.destination.append(ln)
    else:
        left.topics.append(ln)


def _right_line(right: RightPart, ln: Line) -> None:
    text = ln.text.strip()
    if is_period_line(text):
        right.periods.extend((p, ln.no) for p in text.split())
    elif is_figures(text):
        for tok in text.split():
            try:
                right.numbers.append((parse_amount(tok), ln.no))
            except ValueError:
                right.numbers.append((None, ln.no))
    elif not right.numbers and not right.periods:
        right.places.append((ln.key, ln.no))
