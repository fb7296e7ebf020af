"""Prose helpers for 預算總說明: line widths, ordinals, and joining wrapped lines into sentences.

The overview is mostly prose in narrow table columns. The PDF wraps each column at a fixed width,
so a line's printed width (CJK characters count two columns, ASCII one) tells a name column from
a text column, and a short line ending in 。 marks the end of a paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ...model.base import Loc, TextBlock

TABLE = "overview"

CN_DIGITS = "零一二三四五六七八九十"
CN = f"[{CN_DIGITS}百]+"
# `一、<name>` top-level heading or work plan; `(一)前年度…` part heading
TOP = re.compile(rf"^({CN})、\s*(.*)$")
PART = re.compile(rf"^[(（]\s*({CN})\s*[)）]\s*(.*)$")
# `1.<text>…` numbered item (not a decimal like 1.23億); `(1)<text>…` sub-item
NUM = re.compile(r"^(\d{1,2})\s*[.．](?!\d)\s*(.*)$")
SUB = re.compile(r"^[(（]\s*(\d{1,2})\s*[)）]\s*(.*)$")
# a line that opens a list item inside prose
_ITEM = re.compile(rf"^(?:{CN}、|[(（]\s*(?:\d{{1,2}}|{CN})\s*[)）]|\d{{1,2}}\s*[.．](?!\d))")
TERMINAL = ("。", "；", ";", "：", ":")
_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Ln:
    """A line of the overview with page furniture removed; `brk` marks the first line after a
    page break (a dropped page or column header), where wrapped cells resume."""

    no: int
    text: str
    key: str
    brk: bool = False


def cn_number(s: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十 -> 20 (ordinals of headings and items)."""
    if not s or any(ch not in CN_DIGITS for ch in s):
        return None
    if "十" not in s:
        value = 0
        for ch in s:
            value = value * 10 + CN_DIGITS.index(ch)
        return value
    tens, _, ones = s.partition("十")
    return (CN_DIGITS.index(tens) if tens else 1) * 10 + (CN_DIGITS.index(ones) if ones else 0)


def width(text: str) -> int:
    """Printed width: wide (CJK, full-width) characters count two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text.strip())


def tidy(text: str) -> str:
    """One line's text: whitespace collapsed, and dropped between CJK characters (justified
    lines are printed `甲 乙 丙 丁`); spaces next to ASCII words and numbers are kept."""
    return _CJK_GAP.sub("", _SPACES.sub(" ", text.strip()))


def name_of(lines: list[Ln] | list[str]) -> str:
    """A name wrapped over several lines of a narrow column."""
    texts = [ln if isinstance(ln, str) else ln.text for ln in lines]
    return _join_wrapped([tidy(t) for t in texts if t.strip()])


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(TERMINAL)


def _glue(left: str, right: str) -> str:
    """Join a wrapped line to the next: CJK without a space; two ASCII words with one; a number
    wrapped mid-way (`123,4` / `67千元`) without."""
    if not left:
        return right
    if not right:
        return left
    a, b = left[-1], right[0]
    if a.isascii() and b.isascii() and a.isalnum() and b.isalnum():
        if not (a.isdigit() and b.isdigit()):
            return f"{left} {right}"
    return left + right


def _join_wrapped(parts: list[str]) -> str:
    out = ""
    for p in parts:
        out = _glue(out, p)
    return out


def join(lines: list[Ln]) -> str:
    """Prose of a block: wrapped lines joined; a list item or a new paragraph (after a short line
    ending a sentence) starts on its own line; a paragraph printed twice is kept once."""
    if not lines:
        return ""
    full = max(width(ln.text) for ln in lines)
    paragraphs: list[list[str]] = []
    prev: Ln | None = None
    for ln in lines:
        text = tidy(ln.text)
        if not text:
            continue
        new = prev is None or bool(_ITEM.match(text))
        if prev is not None and ends_sentence(prev.text) and width(prev.text) < 0.8 * full:
            new = True
        if new:
            paragraphs.append([text])
        else:
            paragraphs[-1].append(text)
        prev = ln
    out: list[str] = []
    for p in paragraphs:
        joined = _join_wrapped(p)
        if not out or out[-1] != joined:
            out.append(joined)
    return "\n".join(out)


def block(lines: list[Ln]) -> TextBlock | None:
    """A TextBlock of the lines, or None when there are none."""
    lines = [ln for ln in lines if ln.text.strip()]
    if not lines:
        return None
    return TextBlock(text=join(lines), loc=Loc(line=lines[0].no), end_line=lines[-1].no, table=TABLE)


def roc_year(text: str) -> int | None:
    """The ROC year a heading names: `前(113)年度` -> 113, `（114 年 1 月 1 日…` -> 114."""
    m = re.search(r"[(（]\s*(\d{2,3})\s*[)）]\s*年", text) or re.search(r"(\d{2,3})\s*年", text)
    return int(m.group(1)) if m else None


def strip_repeats(lines: list[Ln], key: str) -> list[Ln]:
    """Drop a table's column header repeated on every page; the next line is a page break."""
    out: list[Ln] = []
    brk = False
    for ln in lines:
        if ln.key == key:
            brk = True
            continue
        out.append(Ln(ln.no, ln.text, ln.key, ln.brk or brk))
        brk = False
    return out


def split_parts(lines: list[Ln]) -> tuple[list[Ln], list[tuple[str, Ln, list[Ln]]]]:
    """Lines before the first `(一)` heading, and (ordinal, heading, body) of each `(N)` part.

    Prose can list `(一)…` items too; a heading must carry the number after the previous
    heading's, so a list restarting at (一) inside a part stays in that part's body."""
    before: list[Ln] = []
    parts: list[tuple[str, Ln, list[Ln]]] = []
    last: int | None = None
    for ln in lines:
        m = PART.match(ln.text.strip())
        n = cn_number(m.group(1)) if m else None
        if m and n is not None and (last is None or n == last + 1):
            parts.append((m.group(1), ln, []))
            last = n
        elif parts:
            parts[-1][2].append(ln)
        else:
            before.append(ln)
    return before, parts
