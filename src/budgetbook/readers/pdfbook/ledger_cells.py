"""Pieces shared by the PDF readers of the ledger tables: cell text without the doubled
glyphs of a fake-bold font, a figure cell parsed or reported, and wrapped text joined back
into a text block whose later lines keep their own location."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ...model.base import Loc, TextBlock
from ...numbers import parse_amount
from ...pdf import PdfLine
from .layout import Cell, Column, line_loc

if TYPE_CHECKING:
    from . import PdfContext

CODE = re.compile(r"\d{10}")
# a figure printed alone in its cell; anything else there is reported, never guessed
AMOUNT = re.compile(r"-|－|—|-?\d{1,3}(?:,\d{3})+|-?\d{1,3}")


def text_of(line: PdfLine, start: int, end: int) -> str:
    """The characters of line[start:end], a glyph printed twice on itself (a bold font drawn
    as two offset copies: `民民政支出`) kept once; the spaces of the rebuilt text kept."""
    out: list[str] = []
    prev: tuple[str, float, float] | None = None
    boxes = {o: (c, b.x0, b.x1) for o, c, b in line.chars() if start <= o < end}
    for o in range(start, end):
        ch = line.text[o]
        got = boxes.get(o)
        if got is None:
            out.append(ch)
            continue
        if prev and prev[0] == ch:
            overlap = min(prev[2], got[2]) - max(prev[1], got[1])
            if overlap > 0.5 * min(prev[2] - prev[1], got[2] - got[1]):
                continue
        out.append(ch)
        prev = got
    return "".join(out).strip()


def sub_cell(cell: Cell, start: int, end: int) -> Cell | None:
    """The part of `cell` from offset start to end, trimmed of spaces; None if blank."""
    text = cell.line.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Cell(text[start:end], cell.line, start, end) if start < end else None


def glue(left: str, right: str) -> str:
    """Join two wrapped fragments: a space only between ASCII words, none in CJK or inside a
    number the book wrapped (`業務費1` + `2,345千元`)."""
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if a.isascii() and b.isascii() and a.isalnum() and b.isalnum() and (a.isalpha() or b.isalpha()):
        return f"{left} {right}"
    return left + right


def clean(text: str) -> str:
    out = ""
    for part in text.split():
        out = glue(out, part)
    return out


def block(cells: Sequence[Cell], table: str) -> TextBlock | None:
    """The cells' text joined into one block; `marks` say where each later line starts."""
    if not cells:
        return None
    text = ""
    marks: list[tuple[int, Loc]] = []
    for i, c in enumerate(cells):
        piece = clean(text_of(c.line, c.start, c.end))
        if i:
            joined = glue(text, piece)
            marks.append((len(joined) - len(piece), c.loc))
            text = joined
        else:
            text = piece
    first, last = cells[0], cells[-1]
    return TextBlock(text=text, loc=line_loc(first.line, first.start, first.end),
                     end_line=last.line.no, table=table, marks=marks)


def labelled(parts: Iterable[tuple[str, TextBlock | None]], table: str) -> TextBlock | None:
    """Blocks joined into one, each after its label (一、項目內容：…), in order; `marks` say
    where each part and each of its later lines starts. None when every block is."""
    text = ""
    marks: list[tuple[int, Loc]] = []
    present = []
    for label, part in parts:
        if part is None:
            continue
        if text:
            marks.append((len(text), part.loc))
        at = len(text) + len(label)
        text += label + part.text
        marks.extend((at + off, where) for off, where in part.marks)
        present.append(part)
    if not present:
        return None
    return TextBlock(text=text, loc=present[0].loc, table=table, marks=marks,
                     end_line=max(b.end_line for b in present))


def figure(cell: Cell | None, report: Report) -> tuple[int | None, bool]:
    """(value, printed) of a figure cell; a cell that is not one figure is reported and read as
    not printed."""
    if cell is None or not cell.text:
        return None, False
    token = re.sub(r"\s+", "", cell.text)
    if AMOUNT.fullmatch(token):
        return parse_amount(token), True
    report("ambiguous_number" if re.fullmatch(r"[-\d,]+", token) else "unparsed",
           cell.line.no, f"cannot read {cell.text!r} as one figure")
    return None, False


class Report:
    """ctx.report bound to one table."""

    def __init__(self, ctx: PdfContext, table: str) -> None:
        self.ctx = ctx
        self.table = table

    def __call__(self, kind: str, line: int | None, message: str) -> None:
        self.ctx.report(kind, self.table, line, message)


def is_page_number(rows: Sequence[PdfLine], i: int) -> bool:
    """The page's own number, printed as the last row (`39`, or a city's agency number and
    page: `01234-5`, `012-3`, `01-234 - 5`)."""
    key = re.sub(r"\s+", "", rows[i].text)
    return i == len(rows) - 1 and re.fullmatch(r"\d{1,4}|\d{2,5}(?:-\d{3})?-\d{1,4}", key) is not None


# --- a row's tokens by column ------------------------------------------------------------------

def row_cells(line: PdfLine, columns: Sequence[Column]) -> dict[str, Cell]:
    """The row's cells. Figures are right-aligned under centred labels, so a label's extent
    says little about where its figures end (a wide figure reaches past the label's midpoint
    to the next): each space-separated token goes to the last column whose label starts left
    of the token's right edge."""
    spans: dict[str, tuple[int, int]] = {}
    for m in re.finditer(r"\S+", line.text):
        box = line.box(m.start(), m.end())
        if box is None:
            continue
        col = columns[0]
        for c in columns:
            if c.x0 <= box.x1:
                col = c
        s, e = spans.get(col.name, (m.start(), m.end()))
        spans[col.name] = (min(s, m.start()), max(e, m.end()))
    return {k: Cell(line.text[s:e], line, s, e) for k, (s, e) in spans.items()}


def split_tail(cell: Cell | None, figures: bool, label_x1: float, report: Report
               ) -> tuple[Cell | None, Cell | None]:
    """The last figure column and the 說明 after it share one region (the 說明 starts right at
    the column rule): (figure, text). The first token is the figure when it reads as one and
    the row prints other figures or the token starts left of the label's right edge (a 說明
    line starts right of it)."""
    if cell is None:
        return None, None
    text = cell.line.text
    m = re.compile(r"\S+").search(text, cell.start, cell.end)
    if m is None:
        return None, None
    token = m.group()
    box = cell.line.box(m.start(), m.end())
    starts_left = box is not None and box.x0 < label_x1
    if AMOUNT.fullmatch(token) and (figures or starts_left):
        return sub_cell(cell, m.start(), m.end()), sub_cell(cell, m.end(), cell.end)
    lead = re.match(r"-(?=[^\d,.\s])|-?\d{1,3}(?:,\d{3})+(?=[^\d,.\s])", token)
    if figures and lead:  # `-前年度…`: the figure printed against the 說明
        cut = m.start() + lead.end()
        return sub_cell(cell, m.start(), cut), sub_cell(cell, cut, cell.end)
    if figures:
        report("ambiguous_number" if re.match(r"[-\d]", token) else "unparsed", cell.line.no,
               f"no figure read at the start of {token!r}")
    return None, sub_cell(cell, cell.start, cell.end)
