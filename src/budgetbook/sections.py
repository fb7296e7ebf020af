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


def find_sections(doc: Document) -> dict[str, Section]:
    """Sections by id; a section absent from the book is absent from the result."""
    marks = title_lines(doc)
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
