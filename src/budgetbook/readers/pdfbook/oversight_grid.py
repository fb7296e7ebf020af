"""Rows of the oversight tables as cells, each cell taken from the page that shows it.

A wide table is printed as a two-page spread whose every PDF page holds the text of the whole
spread, cropped to its own half: the left page carries the right half's characters at x beyond
its width, the right page the left half's at negative x. Two consecutive pages of one table
whose rows read the same are such a pair; a row's cell is taken from the page on which it is
visible, so that its box lies where a viewer shows it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from ...model.base import Loc, TextBlock
from ...numbers import parse_amount
from ...pdf import PdfLine
from .layout import Cell, Column, TablePage, label_span, squash


@dataclass
class Sheet:
    """One PDF page of a table: its columns (from its own header) and the rows below it."""

    page: TablePage
    columns: list[Column]
    body: list[PdfLine]


@dataclass
class GridRow:
    """One printed row: its line on each page of the spread, and its cells by column."""

    lines: list[PdfLine]
    cells: dict[str, Cell]

    @property
    def line(self) -> PdfLine:
        return self.lines[0]

    def text(self, name: str) -> str:
        cell = self.cells.get(name)
        return cell.text if cell else ""


_ENUM = re.compile(r"^(?:\d{1,2}\s*[.．](?!\d)|[(（]\s*(?:\d{1,2}|[一二三四五六七八九十]+)\s*[)）]"
                   r"|[一二三四五六七八九十]+、)")
_FIGURE = re.compile(r"^-?[\d,.]+$|^-$")


def cells(line: PdfLine, columns: Sequence[Column],
          numeric: Collection[str] | None = None) -> dict[str, Cell]:
    """The row's words (runs of characters between spaces) by column, each word whole to the
    column whose header label its centre falls under, else to the nearest label: words, not
    characters, since a right-aligned figure reaches past the middle between two labels and a
    left-aligned text starts left of its centred label. Figures are matched one to a column,
    nearest first, so that two figures never share a cell; with `numeric` given, a figure goes
    to a text column only when it is under it or much nearer it (a 領域代碼 wrapped alone)."""
    words = []
    for m in re.finditer(r"\S+", line.text):
        box = line.box(m.start(), m.end())
        if box is not None:
            words.append((m.start(), m.end(), (box.x0 + box.x1) / 2))

    def distance(c: Column, centre: float) -> float:
        return 0 if c.x0 <= centre <= c.x1 else min(abs(centre - c.x0), abs(centre - c.x1))

    def figure_column(name: str) -> bool:
        return numeric is None or name in numeric

    owner: dict[int, str] = {}
    pairs = sorted((distance(c, w[2]) * (1 if figure_column(c.name) else 2), i, c.name)
                   for i, w in enumerate(words)
                   if _FIGURE.match(line.text[w[0]:w[1]]) for c in columns)
    full: set[str] = set()
    for _, i, name in pairs:
        if i not in owner and name not in full:
            owner[i] = name
            if figure_column(name):
                full.add(name)
    spans: dict[str, tuple[int, int]] = {}
    for i, (a, b, centre) in enumerate(words):
        name = owner.get(i) or min(columns, key=lambda c: distance(c, centre)).name
        start, end = spans.get(name, (a, b))
        spans[name] = (min(start, a), max(end, b))
    return {name: Cell(line.text[a:b], line, a, b) for name, (a, b) in spans.items()}


def _visible(cell: Cell, width: float) -> bool:
    box = cell.loc.box
    return box is not None and 0 <= (box[0] + box[2]) / 2 <= width


def _same(a: Sheet, b: Sheet) -> bool:
    return len(a.body) == len(b.body) and all(
        squash(x.text) == squash(y.text) for x, y in zip(a.body, b.body, strict=True))


def grid(sheets: Sequence[Sheet], numeric: Collection[str] | None = None
         ) -> list[list[GridRow]]:
    """The rows of each printed page (a spread counts once), cells from the visible side."""
    out: list[list[GridRow]] = []
    i = 0
    while i < len(sheets):
        group = [sheets[i]]
        if i + 1 < len(sheets) and _same(sheets[i], sheets[i + 1]):
            group.append(sheets[i + 1])
        i += len(group)
        rows = []
        for k in range(len(group[0].body)):
            got: dict[str, Cell] = {}
            lines = [s.body[k] for s in group]
            for s in group:
                for name, cell in cells(s.body[k], s.columns, numeric).items():
                    if name not in got and (len(group) == 1 or _visible(cell, s.page.page.width)):
                        got[name] = cell
            rows.append(GridRow(lines, got))
        out.append(rows)
    return out


def sheets(pages: Sequence[TablePage], header: Callable[[list[PdfLine]],
           tuple[int, list[Column]] | None], report: Callable[[int, str], None]) -> list[Sheet]:
    """Each page with the columns its own header row gives (widened to meet halfway)."""
    out = []
    for p in pages:
        found = header(p.rows)
        if found is None:
            report(p.rows[0].no if p.rows else 0, f"page {p.number}: column header not found")
            continue
        at, cols = found
        out.append(Sheet(p, cols, p.rows[at + 1:]))
    return out


def is_footer(row: GridRow) -> bool:
    """The page-number row under a table (`12  13`, or a city's `01-234 - 5`: the
    agency's number, then the page's)."""
    key = squash(row.line.text)
    return (key.isdigit() and len(key) <= 8) or bool(re.fullmatch(r"\d{2}-\d{3}-\d{1,4}", key))


def amount(cell: Cell | None, report: Callable[[int, str], None]) -> int | None:
    """The figure of a cell; an unreadable one is reported, never guessed."""
    if cell is None or not cell.text:
        return None
    try:
        return parse_amount(cell.text)
    except ValueError:
        report(cell.line.no, f"not an amount: {cell.text!r}")
        return None


def figures(row: GridRow, names: Sequence[str], main: str,
            report: Callable[[int, str], None]) -> tuple[dict[str, int | None], Loc, dict[str, Loc]]:
    """The figures of `names` in a row, the main figure's location and every other's."""
    values: dict[str, int | None] = {}
    locs: dict[str, Loc] = {}
    for name in names:
        cell = row.cells.get(name)
        values[name] = amount(cell, report)
        if cell is not None and cell.text:
            locs[name] = cell.loc
    loc = locs.pop(main, None) or next(iter(locs.values()), None) or Loc(
        line=row.line.no, page=row.line.page)
    return values, loc, locs


def header_by_labels(rows: Sequence[PdfLine], labels: Sequence[tuple[str, str]],
                     body: Callable[[str], bool], after_row: bool = False
                     ) -> tuple[int, list[Column]] | None:
    """Columns from a header printed over several rows: each label (left to right) looked for
    in any row above the first body row (`body(squashed text)`), right of the one before."""
    start = next((i for i, ln in enumerate(rows) if body(squash(ln.text))), None)
    if start is None:
        return None
    start += after_row  # `body` names the header's last row rather than the first body row
    cols: list[Column] = []
    after = -1e9
    for name, words in labels:
        spans = [s for ln in rows[:start] if (s := label_span(ln, words, after))]
        if not spans:
            return None
        x0, x1 = min(spans)
        cols.append(Column(name, x0, x1))
        after = x1
    return start - 1, cols


def join_words(text: str) -> str:
    """A cell's text without the spaces of letter-spacing and column gaps, keeping one between
    two Latin words (`IDentity Online`). Wrapped lines join with nothing between: the columns
    wrap by width, in the middle of a word or a number as readily as between words."""
    return re.sub(r"\s+", lambda m: " " if _latin(text, m.start() - 1) and _latin(
        text, m.end()) else "", text.strip())


def _latin(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isascii() and text[i].isalnum()


class Block:
    """Wrapped text of one cell, joined without spaces (CJK), with its first and last line."""

    def __init__(self) -> None:
        self.parts: list[tuple[Cell, str]] = []

    def add(self, row: GridRow, name: str) -> None:
        cell = row.cells.get(name)
        if cell is not None and cell.text:
            self.parts.append((cell, join_words(cell.text)))

    def _pieces(self) -> list[str]:
        # a line opening a list item (`1.`, `(2)`, `三、`) starts a line of the text, as the
        # text readers and the audit's reading of stated amounts expect
        return [("\n" if i and _ENUM.match(t) else "") + t for i, (_, t) in enumerate(self.parts)]

    def text(self) -> str:
        return "".join(self._pieces())

    def block(self, table: str) -> TextBlock | None:
        if not self.parts:
            return None
        marks, at = [], 0
        for i, ((cell, _), piece) in enumerate(zip(self.parts, self._pieces(), strict=True)):
            if i:
                marks.append((at + piece.startswith("\n"), cell.loc))
            at += len(piece)
        first = self.parts[0][0]
        return TextBlock(text=self.text(), loc=first.loc, end_line=self.parts[-1][0].line.no,
                         table=table, marks=marks)
