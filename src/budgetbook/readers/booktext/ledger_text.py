"""Text helpers for the ledger tables: telling page-header lines from data, joining wrapped
prose into sentences.

A multi-page table repeats its page header (agency, title, year line, column headers) on every
page, and the header of the next table falls at the end of a section's span. Header lines are
recognised by their vocabulary (column-header words, section titles, the `中華民國` year line)
and by the agency line that the book prints next to every year line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ...sections import title_lines
from ...text import Document, Line
from ...vocab.sections import SECTION_TITLES
from .context import ReadContext

CODE = re.compile(r"\d{10}")
YEAR_MARK = "中華民國"

# Column-header words of the three ledger tables, longest first so that removal is greedy.
_HEADER_WORDS = sorted(
    {
        "名稱及編號", "上年度預算數", "前年度決算數", "本年度預算數", "本年度與", "上年度比較",
        "經資門併計", "單位：新臺幣千元", "來源子目及", "細目與編號", "預算金額", "歲入項目說明",
        "金額及說明", "名稱", "金額", "說明", "科目", "款", "項", "目", "節", "及",
        *(s.title for s in SECTION_TITLES),
        *(f for s in SECTION_TITLES for f in s.fragments),
    },
    key=len,
    reverse=True,
)
_HEADER_RE = re.compile("|".join(re.escape(w) for w in _HEADER_WORDS))


def is_vocab_header(key: str) -> bool:
    """A line made only of column-header words, a section title, or the year line."""
    if not key:
        return True
    if key.startswith(YEAR_MARK):
        return True
    return _HEADER_RE.sub("", key) == ""


def agency_header(doc: Document) -> str | None:
    """The agency line of the page header: the key printed most often next to a year line."""
    nb = doc.nonblank()
    near: Counter[str] = Counter()
    for i, ln in enumerate(nb):
        if not ln.key.startswith(YEAR_MARK):
            continue
        for w in nb[max(0, i - 3) : i + 4]:
            if not is_vocab_header(w.key) and not re.search(r"\d", w.key):
                near[w.key] += 1
    best = near.most_common(1)
    return best[0][0] if best and best[0][1] >= 2 else None


class HeaderFilter:
    """Tells page-header lines from data lines in one document."""

    def __init__(self, ctx: ReadContext):
        self.agency = agency_header(ctx.doc)

    def is_header(self, ln: Line) -> bool:
        return is_vocab_header(ln.key) or (self.agency is not None and ln.key == self.agency)

    def data(self, lines: Iterable[Line]) -> list[Line]:
        return [ln for ln in lines if not self.is_header(ln)]


def page_header(ctx: ReadContext, section_id: str) -> list[Line]:
    """The header lines printed around each title line of a section (the contiguous header
    lines before and after every page's title)."""
    if section_id not in ctx.sections:
        return []
    hf = HeaderFilter(ctx)
    nb = ctx.doc.nonblank()
    index = {ln.no: i for i, ln in enumerate(nb)}
    out: list[Line] = []
    for no, sid in title_lines(ctx.doc):
        i = index.get(no)
        if sid != section_id or i is None:
            continue
        j = i - 1
        while j >= 0 and hf.is_header(nb[j]):
            out.append(nb[j])
            j -= 1
        j = i + 1
        while j < len(nb) and hf.is_header(nb[j]):
            out.append(nb[j])
            j += 1
    return out


def _glue(left: str, right: str) -> str:
    """Join two fragments: a space only between ASCII words (letters), none in CJK or inside
    a number that the PDF wrapped (`人事費1` + `2,345千元`)."""
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if a.isascii() and b.isascii() and a.isalnum() and b.isalnum() and (a.isalpha() or b.isalpha()):
        return f"{left} {right}"
    return left + right


def clean(text: str) -> str:
    """Collapse whitespace; keep a space only between ASCII words."""
    parts = text.split()
    out = ""
    for p in parts:
        out = _glue(out, p)
    return out


def join_lines(texts: Iterable[str]) -> str:
    out = ""
    for t in texts:
        out = _glue(out, clean(t))
    return out


def is_code(ln: Line) -> bool:
    """A 科目 code on its own line (matched on the text: spaces separate glued figures)."""
    return CODE.fullmatch(ln.text.strip()) is not None
