"""Layout shared by the holdings tables (vehicles, offices, subsidies, donations) of a PDF book.

A wide table is printed as a spread: the same text layer on two pages, the left page showing
the left half (the right half's characters lie beyond its right edge) and the next page the
right half (the left half's characters lie left of 0). Rows are read from the first page, and
each cell's location is taken from the page that shows it, so every figure gets a visible box.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ...model.base import TextBlock
from ...numbers import parse_amount
from ...pdf import PdfLine
from .layout import Cell, Column, TablePage, find_header, squash

Labels = Sequence[tuple[str, str]]
ReportFn = Callable[[str, str, int | None, str], None]  # PdfContext.report
# pdfium returns a soft hyphen at a line break (`MUA-` printed, U+FFFE or U+00AD extracted)
_SOFT_HYPHEN = re.compile("[\ufffe\u00ad]")


@dataclass
class Body:
    """The body rows of one page (after its own header) and its columns."""

    page: TablePage
    rows: list[PdfLine]
    columns: list[Column]


def body(tp: TablePage, variants: Sequence[Labels], depth: int = 1) -> Body | None:
    """The rows under the page's own header row (a header printed over two rows skips both).
    `variants`: the header's labels as different books print them (其它 or 其他), the first
    found is used. `depth` > 1: labels after the first may stand up to `depth` rows below it."""
    found = None
    for labels in variants:
        found = find_header(tp.rows, labels, depth)
        if found is not None:
            break
    if found is None:
        return None
    at, cols = found
    start = at + 1
    words = [w for _, w in labels]  # the variant found
    # header rows below the first print labels and no figure (a 合計 row prints figures)
    while (start < min(len(tp.rows), at + 1 + depth) and not re.search(r"\d", tp.rows[start].text)
           and any(w in squash(tp.rows[start].text) for w in words)):
        start += 1
    return Body(tp, tp.rows[start:], cols)



def split(line: PdfLine, columns: Sequence[Column], glued: bool = False) -> dict[str, Cell]:
    """The row's cells from runs of characters between gaps. Labels are centred over their
    columns while figures are right-aligned and text left-aligned, so a run is placed by its
    aligned edge: a figure (a run starting with a digit or `-`) in the column whose label ends
    nearest the figure's end; text in the first column whose label ends right of the text's
    start. Bounds halfway between labels would move a figure's last digit or a name's first
    character into the neighbouring column."""
    spans: dict[str, list[int]] = {}
    run: list[tuple[int, float, float]] = []

    def place() -> None:
        if not run:
            return
        x0, x1 = run[0][1], run[-1][2]
        if line.text[run[0][0]] == "-" or line.text[run[0][0]].isdigit():
            best = min(columns, key=lambda c: abs(c.x1 - x1))
        else:
            best = next((c for c in columns if c.x1 > x0), columns[-1])
        spans.setdefault(best.name, []).extend(r[0] for r in run)
        run.clear()

    prev = -2
    for offset, c, box in line.chars():
        # with `glued`, a text run into the figure before it (`1,234加班費`) is a run of its own
        after_figure = glued and run and not c.isdigit() and c not in ",." and \
            line.text[run[0][0]].isdigit() and line.text[run[-1][0]].isdigit()
        if c.isspace() or offset != prev + 1 or after_figure:
            place()
        if not c.isspace():
            run.append((offset, box.x0, box.x1))
        prev = offset
    place()
    out: dict[str, Cell] = {}
    for name, offsets in spans.items():
        start, end = min(offsets), max(offsets) + 1
        out[name] = Cell(line.text[start:end].strip(), line, start, end)
    return out


def _off_page(line: PdfLine, width: float) -> bool:
    return any(b.x0 > width + 1 or b.x1 < -1 for _, c, b in line.chars() if not c.isspace())


def _visible(cell: Cell, width: float) -> bool:
    box = cell.line.box(cell.start, cell.end)
    return box is not None and box.x0 >= -1 and box.x1 <= width + 1


@dataclass
class Row:
    """A body row: its line (on the first page of its spread) and its cells, each cell taken
    from the page that shows it."""

    line: PdfLine
    cells: dict[str, Cell]

    def text(self, name: str) -> str:
        cell = self.cells.get(name)
        return cell.text if cell else ""


def rows(pages: Sequence[TablePage], variants: Sequence[Labels], report: ReportFn,
         table: str,
         depth: int = 1) -> Iterator[Row]:
    """The body rows of a table's pages, a spread's two pages read as one. The second page of
    a spread prints the same rows (its header too, but partly left of the page, where a header
    is not looked for), so its rows pair with the first's by position and its columns are the
    first's moved by the shift between the two pages."""
    i = 0
    while i < len(pages):
        tp = pages[i]
        i += 1
        b = body(tp, variants, depth)
        if b is None:
            report("unparsed", table, tp.rows[0].no if tp.rows else None,
                   f"page {tp.number}: column header not found")
            continue
        width = tp.page.width
        partner: list[PdfLine] = []
        columns = b.columns
        if any(_off_page(ln, width) for ln in b.rows):
            nxt = pages[i] if i < len(pages) else None
            if nxt is not None and [squash(r.text) for r in nxt.rows] == [
                    squash(r.text) for r in tp.rows]:
                partner = nxt.rows[len(tp.rows) - len(b.rows):]
                shift = _shift(tp.rows, nxt.rows)
                columns = [Column(c.name, c.x0 + shift, c.x1 + shift) for c in b.columns]
                i += 1
            else:
                report("unparsed", table, b.rows[0].no if b.rows else None,
                       f"page {tp.number}: half a spread whose other half was not found")
        for k, ln in enumerate(b.rows):
            cells = split(ln, b.columns)
            if partner:
                other = split(partner[k], columns)
                for name, cell in cells.items():
                    if not _visible(cell, width) and name in other:
                        cells[name] = other[name]
            yield Row(ln, cells)


def _shift(first: Sequence[PdfLine], second: Sequence[PdfLine]) -> float:
    """How far the second page of a spread moves the same characters (the first row's first)."""
    for a, b in zip(first, second, strict=True):
        ca, cb = a.chars(), b.chars()
        if ca and cb:
            return cb[0][2].x0 - ca[0][2].x0
    return 0.0


def amount(text: str) -> int | None:
    """An amount cell: `1,234`, `-` (None); raises ValueError on anything else."""
    return parse_amount(text) if text else None


def decimal(text: str) -> Decimal | None:
    """An area or a unit price: `1,234.56`, `-` (None)."""
    if text in ("", "-"):
        return None
    if not re.fullmatch(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?", text):
        raise ValueError(f"not a decimal: {text!r}")
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(f"not a decimal: {text!r}") from exc


def join(parts: Sequence[str]) -> str:
    """Wrapped pieces of one text joined back (CJK text and broken plate numbers: no spaces)."""
    return _SOFT_HYPHEN.sub("-", "".join(p.strip() for p in parts))


def text_block(cells: Sequence[Cell], table: str) -> TextBlock | None:
    """A text block from the cells of consecutive rows, `marks` where each later row starts."""
    cells = [c for c in cells if c.text]
    if not cells:
        return None
    text = ""
    marks = []
    for c in cells:
        if text:
            marks.append((len(text), c.loc))
        text += join([c.text])
    return TextBlock(text=text, loc=cells[0].loc, end_line=cells[-1].line.no, table=table,
                     marks=marks)


__all__ = ["Body", "Row", "amount", "body", "decimal", "join", "rows", "split", "text_block"]
