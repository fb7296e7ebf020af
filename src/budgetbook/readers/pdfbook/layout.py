"""The pages of a PDF book as tables: which table each page prints (by its title), which
sub-unit's appendix it belongs to, its column header and its body rows split into cells.

Everything here is read from the page itself: a table's title among its first rows, a divider
page (`附錄(一) 某部某署`) opening a sub-unit's appendix, the column bounds from the page's own
header row (each label's characters give its column's extent; a character belongs to the column
whose extent is nearest its centre). No coordinate of any book is fixed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ...model.base import Loc
from ...pdf import PdfLine, PdfPage, PdfText
from ...text import squash as squash  # re-exported: the readers squash letter-spaced titles
from ...vocab.sections import SECTION_TITLES

TITLE_ROWS = 8  # a table's title is printed among the first rows of its page
_APPENDIX = re.compile(r"^附錄[（(]([一二三四五六七八九十]+)[)）](.*)$")
_YEAR = re.compile(r"中華民國(\d{2,3})年度")
# titles printed under other words than the standard list's (`宣導費` for `宣導經費`)
_VARIANTS = {"媒體政策及業務宣導費彙計表": "media", "辦理情形報告表": "resolutions",
             # a city's forms
             "歲入項目說明提要與預算明細表": "revenue_notes", "歲入預算表": "revenue",
             "歲出預算表": "expenditure_by_agency", "人事費分析表": "personnel_analysis"}


@dataclass
class Cell:
    """The characters of one row that fall in one column: their text and where they are."""

    text: str
    line: PdfLine
    start: int  # offsets in line.text (slice bounds)
    end: int

    @property
    def loc(self) -> Loc:
        box = self.line.box(self.start, self.end)
        return Loc(line=self.line.no, page=self.line.page,
                   box=(box.x0, box.top, box.x1, box.bottom) if box else None)


@dataclass
class Column:
    name: str
    x0: float
    x1: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class TablePage:
    """One page of a table."""

    page: PdfPage
    section: str  # id from vocab.sections
    sub_unit: str  # the appendix's sub-unit as its divider page names it; "" for the book's own
    title_row: int  # index in page.rows of the title
    rows: list[PdfLine] = field(default_factory=list)  # every row after the title

    @property
    def number(self) -> int:
        return self.page.number


def line_loc(line: PdfLine, start: int = 0, end: int | None = None) -> Loc:
    """The location of a span of a rebuilt line (the whole line by default)."""
    box = line.box(start, end)
    return Loc(line=line.no, page=line.page,
               box=(box.x0, box.top, box.x1, box.bottom) if box else None)


def _section_of(rows: Sequence[PdfLine]) -> tuple[str, int] | None:
    heads = [squash(ln.text) for ln in rows[:TITLE_ROWS]]
    if any("目次" in h for h in heads):
        return None  # the table of contents names every table
    for i, key in enumerate(heads):
        if "…" in key:
            continue
        for variant, sid in _VARIANTS.items():
            if variant in key:
                return sid, i
        for s in SECTION_TITLES:
            if s.title in key:
                return s.id, i
    return None


def classify(text: PdfText) -> list[TablePage]:
    """Every page that prints a known table, with its section and sub-unit, in page order.
    A page without a title continues the table of the page before (a long table's later pages
    print it too, but a continuation without one is kept rather than dropped)."""
    out: list[TablePage] = []
    sub_unit = ""
    for page in text.pages:
        rows = page.rows
        if not rows:
            continue
        head = [squash(r.text) for r in rows[:3]]
        m = _APPENDIX.match(head[0])
        if m and len(rows) <= 3:  # a divider: 附錄(一) then the sub-unit's name
            sub_unit = (m.group(2) or "".join(head[1:2])).strip()
            continue
        found = _section_of(rows)
        if found is None:
            continue
        sid, at = found
        out.append(TablePage(page, sid, sub_unit, at, rows[at + 1:]))
    return out


def by_section(pages: Iterable[TablePage], section: str, sub_unit: str | None = ""
               ) -> list[TablePage]:
    """The pages of one table: the book's own (sub_unit ""), one sub-unit's, or all (None)."""
    return [p for p in pages if p.section == section
            and (sub_unit is None or p.sub_unit == sub_unit)]


def sub_units(pages: Iterable[TablePage]) -> list[str]:
    seen: list[str] = []
    for p in pages:
        if p.sub_unit and p.sub_unit not in seen:
            seen.append(p.sub_unit)
    return seen


def years(text: PdfText) -> list[int]:
    """The ROC years the pages' headers print, one per page that prints one."""
    out = []
    for page in text.pages:
        for ln in page.rows[:TITLE_ROWS + 2]:
            m = _YEAR.search(squash(ln.text))
            if m:
                out.append(int(m.group(1)))
                break
    return out


# --- columns from the page's own header row --------------------------------------------------

def label_span(line: PdfLine, label: str, after: float = -1.0) -> tuple[float, float] | None:
    """The horizontal extent of `label` in `line`, its characters matched in order with any
    spacing between them (a header prints `金       額`), starting right of `after`."""
    chars = [(c, b) for _, c, b in line.chars() if not c.isspace() and b.x0 > after]
    for i, (c, _) in enumerate(chars):
        if c != label[0]:
            continue
        j, k = i, 0
        while j < len(chars) and k < len(label) and chars[j][0] == label[k]:
            j += 1
            k += 1
        if k == len(label):
            return chars[i][1].x0, chars[j - 1][1].x1
    return None


def stacked_label_span(rows: Sequence[PdfLine], label: str) -> tuple[float, float] | None:
    """The horizontal extent of `label` printed stacked in a narrow column over several header
    rows (`擬前` / `往國` / `家`): a run of two or more of its first characters on one row, its
    rest continued by the characters of the rows below under that run."""
    rowchars = [[(c, b) for _, c, b in ln.chars() if not c.isspace()] for ln in rows]
    for r, chars in enumerate(rowchars):
        for i in range(len(chars)):
            k = 0
            while i + k < len(chars) and k < len(label) and chars[i + k][0] == label[k]:
                k += 1
            if k < 2 or k == len(label):
                continue
            x0, x1 = chars[i][1].x0, chars[i + k - 1][1].x1
            rest = label[k:]
            for below in rowchars[r + 1:]:
                under = "".join(c for c, b in below if x0 - 2 <= (b.x0 + b.x1) / 2 <= x1 + 2)
                if not under:
                    continue
                if under.startswith(rest):  # the label's end, maybe with more words
                    return x0, x1
                if not rest.startswith(under):
                    break
                rest = rest[len(under):]
    return None


def cell_label(rows: Sequence[PdfLine], words: str, after: float = -1e9, *, skip: str = "",
               partial: bool = False) -> tuple[float, float, int] | None:
    """`words` printed in one header cell over one or more rows (`房屋建` / `築及設` / `備`, or one
    character a row): a run of touching characters opening it on one row, right of `after`
    and not the tail of a longer word, the rest under that run on the rows below (characters
    in `skip` left out there). With `partial`, what is under the run may go on past the words
    (the start of the next label wrapped into the cell). Its extent and the last row it is
    printed on; letter-spaced words (a group's title) are no label."""
    chars = [[b for _, ch, b in ln.chars() if not ch.isspace()] for ln in rows]
    texts = [[ch for _, ch, b in ln.chars() if not ch.isspace()] for ln in rows]
    for r in range(len(rows)):
        bs, cs = chars[r], texts[r]
        for i in range(len(cs)):
            if bs[i].x0 <= after or cs[i] != words[0] or (i and bs[i].x0 - bs[i - 1].x1 < 2):
                continue
            k = 1
            while i + k < len(cs) and k < len(words) and cs[i + k] == words[k] \
                    and bs[i + k].x0 - bs[i + k - 1].x1 < 2:
                k += 1
            x0, x1 = bs[i].x0, bs[i + k - 1].x1
            rest, last = words[k:], r
            for below in range(r + 1, len(rows)):
                if not rest:
                    break
                under = "".join(c for c, b in zip(texts[below], chars[below], strict=True)
                                if x0 - 2 <= (b.x0 + b.x1) / 2 <= x1 + 2 and c not in skip)
                if not under:
                    continue
                if partial:
                    common = next((n for n in range(min(len(rest), len(under)), 0, -1)
                                   if rest.startswith(under[:n])), 0)
                else:
                    common = len(under) if rest.startswith(under) else 0
                if not common:
                    break
                rest, last = rest[common:], below
            if not rest:
                return x0, x1, last
    return None


def find_header(rows: Sequence[PdfLine], labels: Sequence[tuple[str, str]], depth: int = 1
                ) -> tuple[int, list[Column]] | None:
    """The first row printing every label (name, printed words) left to right, and the columns
    it gives; a header printed over several rows is looked for in each row and the `depth`
    below it. Labels may lie at any x: the right-hand page of a two-page table carries its
    left half's text at negative x."""
    for i, ln in enumerate(rows):
        key = squash(ln.text)
        if labels[0][1] not in key:
            continue
        cols: list[Column] = []
        after = -1e9
        for name, words in labels:
            span = None
            for cand in rows[i:i + depth + 1]:
                span = label_span(cand, words, after)
                if span:
                    break
            if span is None:
                break
            cols.append(Column(name, span[0], span[1]))
            after = span[1]
        if len(cols) == len(labels):
            return i, cols
    return None


def split_cells(line: PdfLine, columns: Sequence[Column]) -> dict[str, Cell]:
    """The row's characters by column: each visible character goes to the column whose extent
    it falls in, else to the nearest one (by distance to the extent); a column's cell spans
    from its first to its last character."""
    spans: dict[str, list[int]] = {}
    for offset, _, box in line.chars():
        centre = (box.x0 + box.x1) / 2
        best = min(columns, key=lambda c: 0 if c.x0 <= centre <= c.x1 else
                   min(abs(centre - c.x0), abs(centre - c.x1)))
        spans.setdefault(best.name, []).append(offset)
    out: dict[str, Cell] = {}
    for name, offsets in spans.items():
        start, end = min(offsets), max(offsets) + 1
        out[name] = Cell(line.text[start:end].strip(), line, start, end)
    return out


def vertical_labels(rows: Sequence[PdfLine]) -> list[tuple[str, float, float]]:
    """Labels printed vertically, one character a row: the characters at one x (their
    centres within a few points) top to bottom, with their extent. A label printed in two
    touching stacks (`商品及勞務` beside `購買支出`) is one: stacks whose boxes touch merge."""
    chars = sorted(((b.x0 + b.x1) / 2, i, ch, b.x0, b.x1) for i, ln in enumerate(rows)
                   for _, ch, b in ln.chars() if not ch.isspace())
    stacks: list[list[tuple[float, int, str, float, float]]] = []
    for c in chars:
        if stacks and abs(c[0] - sum(s[0] for s in stacks[-1]) / len(stacks[-1])) < 3:
            stacks[-1].append(c)
        else:
            stacks.append([c])
    spans = [("".join(c[2] for c in sorted(s, key=lambda c: c[1])),
              min(c[3] for c in s), max(c[4] for c in s)) for s in stacks]
    out: list[tuple[str, float, float]] = []
    for text, x0, x1 in spans:
        if out and x0 - out[-1][2] < 1.0:
            prev = out.pop()
            out.append((prev[0] + text, prev[1], x1))
        else:
            out.append((text, x0, x1))
    return out


def between(columns: Sequence[Column]) -> list[Column]:
    """Columns widened to meet halfway between neighbours, so a character printed outside its
    label's extent (a long name, a right-aligned figure) still falls in its own column."""
    out = []
    for i, c in enumerate(columns):
        left = -1e9 if i == 0 else (columns[i - 1].x1 + c.x0) / 2
        right = 1e9 if i == len(columns) - 1 else (c.x1 + columns[i + 1].x0) / 2
        out.append(Column(c.name, left, right))
    return out


# a table's title; a divider naming a group of tables (`二、主要表`) is none
_TABLE_TITLE = re.compile(r"^(?![一二三四五六七八九十]+、)[\u4e00-\u9fff、（）()]{3,30}表$")


def unread_tables(text: PdfText, known: Sequence[TablePage]) -> list[tuple[str, list[int]]]:
    """Tables the book prints that no reader knows yet: a title among a page's first rows (a
    short line ending in 表, e.g. 轉帳收支對照表) on a page no known table claims, with their
    pages, so that they are listed as not read rather than dropped unseen."""
    claimed = {tp.number for tp in known}
    found: dict[str, list[int]] = {}
    for page in text.pages:
        if page.number in claimed or not page.rows:
            continue
        heads = [squash(r.text) for r in page.rows[:TITLE_ROWS]]
        if any("目次" in h or "…" in h for h in heads):
            continue
        title = next((h for h in heads if _TABLE_TITLE.match(h)), None)
        if title:
            found.setdefault(title, []).append(page.number)
    return list(found.items())
