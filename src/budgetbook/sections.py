"""Finding the sections of a book by their titles, never by line numbers.

Every page of a multi-page section repeats its title, so a section is the union of spans, each
running from a title line to the next line that carries a different section's title. The page
header lines printed just before a title (column headers, agency) fall at the end of the previous
span; readers skip header lines as part of reading their table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .text import Document, Line
from .vocab.sections import SECTION_TITLES

PAGE_MARK = "中華民國"  # every page header carries the year line "中華民國 115年度"
_FRAGMENT_WINDOW = 3


@dataclass
class Section:
    id: str
    title: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # [start, end) line numbers

    @property
    def start(self) -> int:
        return self.spans[0][0]

    def lines(self, doc: Document) -> list[Line]:
        """The non-blank lines of every span, in book order."""
        out: list[Line] = []
        for start, end in self.spans:
            out.extend(doc.nonblank(start, end))
        return out


def _title_of(key: str, near_page_mark: bool) -> str | None:
    for s in SECTION_TITLES:
        if key == s.title:
            return s.id
    # the 決議 title is printed spaced out and sometimes followed by 辦理情形 on the next line
    for s in SECTION_TITLES:
        if near_page_mark and key in s.fragments:
            return s.id
    for s in SECTION_TITLES:
        if key in s.fragments and len(key) >= 8:
            return s.id
    return None


def title_lines(doc: Document) -> list[tuple[int, str]]:
    """(line number, section id) of every title line, in order."""
    nb = doc.nonblank()
    keys = [ln.key for ln in nb]  # squashed once: the window below revisits each line
    marks = [k.startswith(PAGE_MARK) for k in keys]
    found: list[tuple[int, str]] = []
    for i, key in enumerate(keys):
        if not key or len(key) > 30:
            continue
        near = any(marks[max(0, i - _FRAGMENT_WINDOW) : i + _FRAGMENT_WINDOW + 1])
        sid = _title_of(key, near)
        if sid:
            found.append((nb[i].no, sid))
    return found


_LEAD_WINDOW = 40


def _lead_start(nb: list[Line], index: dict[int, int], title_no: int, floor: int,
                terms: tuple[str, ...]) -> int:
    """Where a section opens when its first page prints the column header (and 合計 row) above
    the title: the run of lines just before the title made of the table's header words or
    short page furniture (`中華民國`, a fragment of the agency name), from its first line
    without figures (the run must not take the previous table's last 合計 row)."""
    i = index[title_no] - 1
    run: list[Line] = []
    while i >= 0 and nb[i].no > floor and len(run) < _LEAD_WINDOW:
        key = nb[i].key
        short = len(key) <= 4 and not any(c.isdigit() for c in key)
        if not (short or any(t in key for t in terms)):
            break
        run.append(nb[i])
        i -= 1
    run.reverse()
    while run and any(c.isdigit() for c in run[0].key):
        run.pop(0)
    return run[0].no if run else title_no


def find_sections(doc: Document) -> dict[str, Section]:
    """Sections by id; a section absent from the book is absent from the result."""
    marks = title_lines(doc)
    leads = {s.id: s.lead for s in SECTION_TITLES if s.lead}
    if leads and marks:
        nb = doc.nonblank()
        index = {ln.no: i for i, ln in enumerate(nb)}
        moved: list[tuple[int, str]] = []
        for k, (no, sid) in enumerate(marks):
            first = k == 0 or marks[k - 1][1] != sid
            if sid in leads and first:
                floor = marks[k - 1][0] if k else 0
                no = _lead_start(nb, index, no, floor, leads[sid])
            moved.append((no, sid))
        marks = moved
    sections: dict[str, Section] = {}
    end_of_book = len(doc.lines) + 1
    # collapse consecutive marks of the same section into one span
    spans: list[tuple[str, int]] = []
    for no, sid in marks:
        if spans and spans[-1][0] == sid:
            continue
        spans.append((sid, no))
    for k, (sid, start) in enumerate(spans):
        end = spans[k + 1][1] if k + 1 < len(spans) else end_of_book
        title = next(s.title for s in SECTION_TITLES if s.id == sid)
        sections.setdefault(sid, Section(sid, title)).spans.append((start, end))
    return sections
