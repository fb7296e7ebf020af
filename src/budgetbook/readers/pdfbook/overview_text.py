"""Lines and prose of 預算總說明 in a PDF: the body lines of its pages (page furniture dropped),
their left edge, and wrapped lines joined back into sentences as TextBlocks.

A paragraph ends where a line ending a sentence stops short of the column's right edge; a list
item (`一、`, `(1)`, `1、`, `甲、`) starts a paragraph of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model.base import Loc, TextBlock
from ...pdf import PdfLine
from ..booktext.overview_text import tidy
from .layout import TablePage, line_loc, squash

TABLE = "overview"
CN = "[零一二三四五六七八九十百]+"
TOP = re.compile(rf"^({CN})\s*、\s*(.*)$")
PART = re.compile(rf"^[(（]\s*({CN})\s*[)）]\s*(.*)$")
NUM = re.compile(r"^(\d{1,2})\s*[、.．](?!\d)\s*(.*)$")
SUB = re.compile(r"^[(（]\s*(\d{1,2})\s*[)）]\s*(.*)$")
STEM = re.compile(r"^([甲乙丙丁戊己庚辛壬癸])\s*、\s*(.*)$")
_ITEM = re.compile(rf"^(?:{CN}\s*、|[(（]\s*(?:\d{{1,2}}|{CN})\s*[)）]|\d{{1,2}}\s*[、.．](?!\d)|"
                   r"[甲乙丙丁戊己庚辛壬癸]\s*、)")
_YEAR_LINE = re.compile(r"^中華民國\d{2,3}年度$")
# a city's page label: its agency code, then the page's number (`01-234-5`, `234-5`)
_CITY_PAGE_LABEL = re.compile(r"^(?:\d{2}-?)?\d{3}-\d{1,4}頁?$")
TERMINAL = ("。", "；", ";", "：", ":")


@dataclass(frozen=True)
class Ln:
    """A body line, or the part of one that falls in a column (`start`/`end` offsets)."""

    line: PdfLine
    text: str  # tidied: CJK without the spaces of justified printing
    x0: float
    x1: float
    brk: bool = False  # the first body line of its page
    start: int = 0
    end: int | None = None

    @property
    def key(self) -> str:
        return squash(self.text)

    @property
    def loc(self) -> Loc:
        return line_loc(self.line, self.start, self.end)

    @property
    def no(self) -> int:
        return self.line.no


def span(line: PdfLine, start: int = 0, end: int | None = None, brk: bool = False) -> Ln | None:
    """The visible part of line[start:end] as an Ln, or None when it holds nothing."""
    box = line.box(start, end)
    if box is None:
        return None
    return Ln(line, tidy(line.text[start:end]), box.x0, box.x1, brk, start, end)


def body(pages: list[TablePage]) -> list[Ln]:
    """The section's lines, without the year line under each page's title and the page number
    printed at its foot."""
    out: list[Ln] = []
    for page in pages:
        rows = [r for r in page.rows if r.text.strip()]
        if rows and _YEAR_LINE.match(squash(rows[0].text)):
            rows = rows[1:]
        if rows and (squash(rows[-1].text).isdigit()
                     or _CITY_PAGE_LABEL.match(squash(rows[-1].text))):
            rows = rows[:-1]
        first = True
        for r in rows:
            ln = span(r, brk=first)
            if ln is not None:
                out.append(ln)
                first = False
    return out


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(TERMINAL)


def glue(left: str, right: str) -> str:
    """Join a wrapped line to the next: CJK without a space, two ASCII words with one."""
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if a.isascii() and b.isascii() and a.isalnum() and b.isalnum() and not (
            a.isdigit() and b.isdigit()):
        return f"{left} {right}"
    return left + right


def name_of(lines: list[Ln]) -> str:
    out = ""
    for ln in lines:
        out = glue(out, ln.text)
    return out


def block(lines: list[Ln]) -> TextBlock | None:
    """The lines' prose as a TextBlock: wrapped lines joined, one paragraph a line."""
    lines = [ln for ln in lines if ln.text]
    if not lines:
        return None
    right = max(ln.x1 for ln in lines)
    text = ""
    marks: list[tuple[int, Loc]] = []
    prev: Ln | None = None
    for ln in lines:
        if prev is None:
            text = ln.text
        else:
            # a short line ending a sentence closes its paragraph; an item opens one
            short = prev.x1 < right - 1.5 * _char_width(prev)
            if _ITEM.match(ln.text) or (ends_sentence(prev.text) and short):
                text += "\n"
                marks.append((len(text), ln.loc))
                text += ln.text
            else:
                joined = glue(text, ln.text)
                marks.append((len(joined) - len(ln.text), ln.loc))
                text = joined
        prev = ln
    return TextBlock(text=text, loc=lines[0].loc, end_line=lines[-1].no, table=TABLE,
                     marks=marks)


def _char_width(ln: Ln) -> float:
    chars = ln.line.chars()
    return max((b.x1 - b.x0 for _, _, b in chars), default=10.0)


def split_colon(text: str) -> tuple[str, str]:
    """`機關主要職掌：本署掌理…` -> (title, the text after the colon)."""
    m = re.match(r"^(.*?)[：:]\s*(.*)$", text)
    return (m.group(1), m.group(2)) if m else (text, "")


def after(ln: Ln, prefix_chars: int) -> Ln:
    """The same line without its first `prefix_chars` visible characters (a numbering)."""
    offsets = [o for o, _, _ in ln.line.chars() if ln.start <= o < (ln.end or len(ln.line.text))]
    if prefix_chars >= len(offsets):
        return Ln(ln.line, "", ln.x1, ln.x1, ln.brk, ln.end or len(ln.line.text), ln.end)
    cut = span(ln.line, offsets[prefix_chars], ln.end, ln.brk)
    assert cut is not None
    return cut
