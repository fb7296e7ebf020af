"""A book's rebuilt text: pages → lines, numbered 1-based across the whole book, with the box
of any character span of any line.

The text is what `budgetbook text` prints and what `source_line` counts in. Every page adds:

1. one header line, `=== page N ===` (or `=== page N: no text layer (image only) ===`), which
   counts as a line, so the printed text of the whole book is exactly the numbered text;
2. its rows, top to bottom;
3. its margin labels, one line each, `[left margin] 業務計畫｜工作計畫`, after the rows, so
   they are kept (a reader can name the plan a page belongs to) but never inside a row.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ReadError
from .chars import PageChars, page_chars
from .document import load_page, open_pdf
from .margins import margin_columns
from .rows import Row, rebuild_rows, stacked_row

if TYPE_CHECKING:
    from ..text import Document

HEADER, ROW, MARGIN = "header", "row", "margin"
# PDFium keeps what it parsed (fonts, shared objects) for as long as a document is open, so a
# long book's memory grows page by page (docs/benchmarks.md has the figures);
# reopening the file every so many pages lets it go (47 MiB) at no measurable cost in time.
REOPEN_EVERY = 40


@dataclass(frozen=True, slots=True)
class Box:
    """A box on a page: PDF points, origin at the top left of the page as displayed."""

    page: int  # 1-based, as a viewer numbers pages
    x0: float
    top: float
    x1: float
    bottom: float

    def __str__(self) -> str:  # the FDP's source_bbox form
        return f"{self.x0:.1f},{self.top:.1f},{self.x1:.1f},{self.bottom:.1f}"


class PageBoxes:
    """The boxes of one page's characters, kept once per page as four float32 arrays (a 392-page
    book has some 300,000 characters); lines refer to them by index."""

    __slots__ = ("page", "x0", "top", "x1", "bottom")

    def __init__(self, chars: PageChars):
        self.page = chars.number
        self.x0 = array("f", chars.x0)
        self.top = array("f", chars.top)
        self.x1 = array("f", chars.x1)
        self.bottom = array("f", chars.bottom)

    def box(self, indices: Sequence[int]) -> Box:
        if len(indices) == 1:  # one character (the table readers ask for each): no min/max
            i = indices[0]
            return Box(self.page, self.x0[i], self.top[i], self.x1[i], self.bottom[i])
        return Box(self.page, min(self.x0[i] for i in indices), min(self.top[i] for i in indices),
                   max(self.x1[i] for i in indices), max(self.bottom[i] for i in indices))


_NO_CHARS = array("I")


class PdfLine:
    """One line of the rebuilt text, with the box of each of its visible characters (spaces
    rebuilt from gaps have none)."""

    __slots__ = ("no", "page", "kind", "text", "_offsets", "_chars", "_boxes")

    def __init__(self, no: int, page: int, kind: str, text: str,
                 row: Row | None = None, boxes: PageBoxes | None = None):
        self.no = no
        self.page = page
        self.kind = kind  # HEADER, ROW or MARGIN
        self.text = text
        self._offsets = row.offsets if row else _NO_CHARS
        self._chars = row.chars if row else _NO_CHARS
        self._boxes = boxes

    def box(self, start: int = 0, end: int | None = None) -> Box | None:
        """The box around the visible characters at text offsets start <= o < end (Python
        slice bounds); None when the span holds only spaces or the line has no characters."""
        stop = len(self.text) if end is None else end
        lo = bisect_left(self._offsets, start)
        hi = bisect_left(self._offsets, stop)
        if lo >= hi or self._boxes is None:
            return None
        return self._boxes.box(self._chars[lo:hi])

    def chars(self) -> list[tuple[int, str, Box]]:
        """Every visible character: its offset in the text, the character and its box."""
        if self._boxes is None:
            return []
        b = self._boxes  # built on each call: kept, they would double the book's memory
        return [(o, self.text[o], Box(b.page, b.x0[i], b.top[i], b.x1[i], b.bottom[i]))
                for o, i in zip(self._offsets, self._chars, strict=True)]

    def __repr__(self) -> str:
        return f"PdfLine({self.no}, page {self.page}, {self.kind}, {self.text!r})"


@dataclass(slots=True)
class PdfPage:
    """One page: its size as displayed and its lines (header, rows, margin labels)."""

    number: int
    width: float
    height: float
    rotation: int
    lines: list[PdfLine]
    note: str | None = None  # "page N: no text layer (...)" for a page without text
    unread_fonts: dict[str, int] = field(default_factory=dict)  # see chars.PageChars

    @property
    def has_text(self) -> bool:
        return self.note is None

    @property
    def rows(self) -> list[PdfLine]:
        return [ln for ln in self.lines if ln.kind == ROW]

    @property
    def margin_labels(self) -> list[PdfLine]:
        return [ln for ln in self.lines if ln.kind == MARGIN]


@dataclass(slots=True)
class PdfText:
    """The rebuilt text of a PDF: pages, and lines numbered 1-based across the book."""

    path: str
    page_count: int  # pages in the file (more than len(pages) when reading stopped early)
    pages: list[PdfPage]
    lines: list[PdfLine]
    title: str = ""  # the document's own Title (its information dictionary), when it has one

    @property
    def notes(self) -> list[str]:
        """What the reader should be told: each page without a text layer."""
        return [p.note for p in self.pages if p.note]

    def unread_fonts(self, pages: list[PdfPage] | None = None) -> dict[str, list[int]]:
        """Each font of which PDFium gave no character on this machine, with its pages (of
        `pages`, default all)."""
        out: dict[str, list[int]] = {}
        for p in self.pages if pages is None else pages:
            for name in p.unread_fonts:
                out.setdefault(name, []).append(p.number)
        return out

    def font_notes(self, pages: list[PdfPage] | None = None) -> list[str]:
        """What the reader (and `budgetbook text`) should say of each such font."""
        out = []
        for font, numbers in self.unread_fonts(pages).items():
            shown = ", ".join(map(str, numbers[:5])) + (
                f" and {len(numbers) - 5} more" if len(numbers) > 5 else "")
            out.append(f"font {font}, which the PDF does not embed, is not on this machine: "
                       f"its text is missing from page{'s' if len(numbers) > 1 else ''} "
                       f"{shown}, and the tables printed in it may be misread; install a font "
                       "for its script (for Chinese, e.g. Debian's fonts-noto-cjk) and read "
                       "the book again")
        return out

    def line(self, no: int) -> PdfLine:
        """Line `no` (1-based)."""
        if not 1 <= no <= len(self.lines):
            raise IndexError(f"line {no} is not in 1..{len(self.lines)}")
        return self.lines[no - 1]

    def page(self, number: int) -> PdfPage:
        """Page `number` (1-based)."""
        if not 1 <= number <= len(self.pages):
            raise IndexError(f"page {number} is not in 1..{len(self.pages)}")
        return self.pages[number - 1]

    def box(self, no: int, start: int = 0, end: int | None = None) -> Box | None:
        """The box (with its page) of columns start..end (slice bounds) of line `no`."""
        return self.line(no).box(start, end)

    def text(self) -> str:
        """The whole rebuilt text, one line per line, as `budgetbook text` prints it."""
        return "\n".join(ln.text for ln in self.lines)

    def document(self) -> Document:
        """The text as a `budgetbook.text.Document`, numbered exactly as here, for the text
        readers (which normalise character variants without moving columns)."""
        from ..text import from_text

        doc = from_text(self.text(), path=self.path)
        doc.encoding = "pdf"
        doc.line_pages = [ln.page for ln in self.lines]
        boxes = [ln.box() for ln in self.lines]
        doc.line_boxes = [str(b) if b else None for b in boxes]
        doc.pdf_path = self.path
        return doc


def _page_lines(chars: PageChars, first_no: int) -> tuple[list[PdfLine], str | None]:
    number = chars.number
    if not chars.text:
        note = f"page {number}: no text layer ({chars.what_instead})"
        return [PdfLine(first_no, number, HEADER, f"=== {note} ===")], note
    lines = [PdfLine(first_no, number, HEADER, f"=== page {number} ===")]
    boxes = PageBoxes(chars)
    columns, taken = margin_columns(chars)
    body = [i for i in range(len(chars)) if i not in taken] if taken else list(range(len(chars)))
    for row in rebuild_rows(chars, body):
        lines.append(PdfLine(first_no + len(lines), number, ROW, row.text, row, boxes))
    for side, column in columns:
        row = stacked_row(column, chars.text, prefix=f"[{side} margin] ")
        lines.append(PdfLine(first_no + len(lines), number, MARGIN, row.text, row, boxes))
    return lines, None


def read_pdf(path: str | Path, *, last_page: int | None = None,
             progress: Callable[[int, int], None] | None = None) -> PdfText:
    """Rebuild the text of the PDF at `path`, pages 1..last_page (default: all; line numbers
    depend on every page before, so a range always starts at page 1).

    `progress(done, total)` is called after each page. Raises `ReadError` for a file that is
    no readable PDF, and for a PDF without a text layer on any page (a scanned book).
    """
    name = str(path)
    doc = open_pdf(path)
    try:
        count = len(doc)
        title = str(doc.get_metadata_dict().get("Title") or "")
        if count == 0:
            raise ReadError("PDF without pages", path=name)
        total = count if last_page is None else max(0, min(last_page, count))
        pages: list[PdfPage] = []
        lines: list[PdfLine] = []
        for index in range(total):
            if index and index % REOPEN_EVERY == 0:
                doc.close()
                doc = open_pdf(path)
            page = load_page(doc, index, name)
            try:
                chars = page_chars(page, index + 1)
            finally:
                page.close()
            page_lines, note = _page_lines(chars, len(lines) + 1)
            pages.append(PdfPage(chars.number, chars.width, chars.height, chars.rotation,
                                 page_lines, note, chars.unread_fonts))
            lines.extend(page_lines)
            if progress:
                progress(index + 1, total)
    finally:
        doc.close()
    if pages and all(p.note for p in pages) and total == count:
        raise ReadError(f"no text layer on any of its {count} page(s) (a scanned book?); "
                        "budgetbook reads the text layer of a PDF and does no OCR", path=name)
    return PdfText(name, count, pages, lines, title)
