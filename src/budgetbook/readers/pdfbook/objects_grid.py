"""Shared pieces of the object-class tables' PDF readers: a row's whitespace-separated tokens as
cells, figure columns placed by the centres of the page's own header labels, and the figures of
a table printed over a two-page spread (each page's text layer holds the whole spread, shifted,
so a figure is taken from the page on which it is visible).

Figures are right-aligned in their cells and labels centred, so a figure ends right of its own
label's centre and left of the next one's: a token belongs to the last column whose label centre
lies left of its right edge. Text (names, 說明) is left-aligned and read separately.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...model.base import Loc
from ...numbers import parse_amount
from ...pdf import PdfLine
from . import PdfContext
from .layout import Cell, Column, TablePage, squash

_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
AMOUNT_PREFIX = re.compile(r"^(?:-?\d{1,3}(?:,\d{3})+|-?\d+|-)")
# a work plan's (or agency's) code: 10 digits in a central book, 11 in a city's (12345670101)
PLAN_CODE = re.compile(r"^\d{10,11}$")
# a printed page label at a page's foot: its number (`122`, `122 123` on a spread) or a city's
# agency code and number (`01-234 - 5`, `01234-5`, `012 - 3`, `01-234 - 56`)
_PAGE_FOOT = re.compile(r"^(?:\d{1,4}(?:\s+\d{1,4})*|(?:\d{2}-?\d{3}|\d{3})\s*-\s*\d{1,4}頁?)$")
ORDINALS = "一二三四五六七八九十"


Label = Column  # a column by its printed label: a name and where its characters lie


def tokens(line: PdfLine) -> list[Cell]:
    """The runs of visible characters of a row, each as a cell with its box."""
    return [Cell(m.group(), line, m.start(), m.end()) for m in re.finditer(r"\S+", line.text)]


def span(cell: Cell) -> tuple[float, float]:
    box = cell.line.box(cell.start, cell.end)
    return (box.x0, box.x1) if box else (0.0, 0.0)


def label_spans(line: PdfLine, words: str, after: float = -1e9) -> list[Label]:
    """Every occurrence of `words` in the line (characters in order, spaces between them
    allowed), left to right, starting right of `after`."""
    chars = [(c, b) for _, c, b in line.chars() if not c.isspace() and b.x0 > after]
    out: list[Label] = []
    i = 0
    while i <= len(chars) - len(words):
        if "".join(c for c, _ in chars[i:i + len(words)]) == words:
            out.append(Label(words, chars[i][1].x0, chars[i + len(words) - 1][1].x1))
            i += len(words)
        else:
            i += 1
    return out


def place(cell: Cell, columns: Sequence[Label]) -> Label | None:
    """The column of a right-aligned figure: the last whose label centre lies left of the
    figure's right edge (with a point of slack for a figure as narrow as `-`)."""
    _, x1 = span(cell)
    found = None
    for col in columns:
        if col.centre <= x1 + 1:
            found = col
    return found


def amount(ctx: PdfContext, table: str, cell: Cell) -> int | None:
    """The figure a cell prints; one that is no amount is reported, never guessed."""
    try:
        return parse_amount(cell.text)
    except ValueError:
        ctx.report("unparsed", table, cell.line.no,
                   f"not an amount in its column: {cell.text!r}")
        return None


def visible(loc: Loc, width: float) -> bool:
    """Whether a box lies on the page as displayed (a spread's other half lies off it)."""
    return loc.box is not None and loc.box[0] >= -0.5 and loc.box[2] <= width + 0.5


def join(parts: Sequence[str]) -> str:
    """Wrapped pieces of one text joined back: CJK runs without a space, Latin with one."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() \
                and part[0].isalnum():
            out += " "  # only between two Latin words
        out += part
    return out


def text_of(cells: Sequence[Cell]) -> str:
    """The text of the cells of one row, as printed, letter-spacing squashed for CJK."""
    return join([squash(c.text) if _CJK.search(c.text) else c.text for c in cells])


def body(page: TablePage, start: int) -> list[PdfLine]:
    """The page's rows from `start`, without its printed page label at the foot (a last row of
    bare numbers, `12` or `12 13` on a spread, or a city's `01-234 - 5`)."""
    rows = page.rows[start:]
    if rows and _PAGE_FOOT.match(rows[-1].text.strip()):
        rows = rows[:-1]
    return rows
