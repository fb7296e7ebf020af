"""Text helpers shared by the oversight readers: printed width, joining wrapped lines, Chinese
ordinals, and recognising the page furniture (agency name fragments, year and unit lines)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ...model.base import Loc, TextBlock
from ...text import Document, Line
from .textmarks import attach

_CN_DIGITS = "零一二三四五六七八九"
CN_NUMERAL = "零〇一二三四五六七八九十百0123456789"
# a list item opening a line: 1.  (1)  ( 1)  (一)  一、   (not a decimal such as 3.5)
_ENUM = re.compile(
    r"^(?:\d{1,2}\s*[.．](?!\d)|[(（]\s*(?:\d{1,2}|[一二三四五六七八九十]+)\s*[)）]|[一二三四五六七八九十]+、)"
)
_SPACES = re.compile(r"\s+")


def width(text: str) -> int:
    """Printed width: wide (CJK, full-width) characters count two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text.strip())


def cn_number(s: str) -> int | None:
    """一 -> 1, 十一 -> 11, 三十七 -> 37, 一0二 (digits as printed, 一０二) -> 102."""
    s = s.replace("〇", "零")
    if not s or any(ch not in CN_NUMERAL for ch in s):
        return None
    if "十" not in s and "百" not in s:
        out = 0
        for ch in s:
            out = out * 10 + (int(ch) if ch.isdigit() else _CN_DIGITS.index(ch))
        return out
    total, current = 0, 0
    for ch in s:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = int(ch) if ch.isdigit() else _CN_DIGITS.index(ch)
    return total + current


def _glue(left: str, right: str) -> str:
    """CJK joins without a space; two ASCII words keep one; a number wrapped mid-way
    (`經費12` / `千元`, `1` / `2,345`) joins without."""
    if not left:
        return right
    a, b = left[-1], right[:1]
    if a.isascii() and a.isalpha() and b.isascii() and b.isalnum():
        return f"{left} {right}"
    return left + right


def join_lines(texts: Sequence[str]) -> str:
    """Wrapped lines joined back into sentences; a line opening a list item starts a new line."""
    out = ""
    for raw in texts:
        t = _SPACES.sub(" ", raw.strip())
        if not t:
            continue
        out = f"{out}\n{t}" if out and _ENUM.match(t) else _glue(out, t)
    return out


def block(lines: Sequence[tuple[int, str]], table: str) -> TextBlock | None:
    """A TextBlock from (line number, text) fragments."""
    parts = [(no, t) for no, t in lines if t.strip()]
    if not parts:
        return None
    return attach(TextBlock(
        text=join_lines([t for _, t in parts]),
        loc=Loc(line=min(no for no, _ in parts)),
        end_line=max(no for no, _ in parts),
        table=table,
    ), parts, join_lines)


def agency_name(doc: Document) -> str:
    """The agency's full name: the line every page header prints next to its year line (the
    first line of the book only when no page header says otherwise: sections can be reordered,
    so the book need not open with a page header)."""
    from .ledger_text import agency_header

    found = agency_header(doc)
    if found:
        return found
    for ln in doc.lines[:40]:
        if ln.key:
            return ln.key
    return ""


def is_furniture(ln: Line, agency: str) -> bool:
    """A page-header line: the agency's name or a fragment of it (wide titles split the name
    over the page halves), the year line, the unit line, a lone page number."""
    key = ln.key
    if not key:
        return True
    if "中華民國" in key or "單位：" in key or "新臺幣千元" in key or "新台幣千元" in key:
        return True
    if key.isdigit() and len(key) <= 3 and ln.text.startswith(" " * 8):
        return True  # a page number far to the right
    if agency and len(key) >= 2 and (agency.startswith(key) or agency.endswith(key)):
        return True
    return bool(re.fullmatch(r"\d{2,3}年度", key))
