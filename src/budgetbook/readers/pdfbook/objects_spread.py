"""Readers of the coded tables printed over two-page spreads: 歲出一級用途別科目分析表,
資本支出分析表 and 預算員額明細表.

Each page of a spread carries the whole spread in its text layer, shifted so that its own half
lies on the page: the left page shows 款項目節, the names and the first columns, the right page
the rest. Both pages are read whole; a figure is then taken from the page that shows it, so
that its box is where a reader of the book sees it. Rows carry 款/項/目/節 ordinals (the level)
and, in the capital and staffing tables, their 10-digit code on the row above the name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ...model.objects import (
    ANALYSIS_COLUMNS,
    CAPITAL_COLUMNS,
    CapitalExpenditure,
    CapitalExpenditureRow,
    ObjectAnalysis,
    ObjectAnalysisRow,
    UnitLevel,
)
from ...pdf import PdfLine
from . import PdfContext
from .layout import Cell, TablePage, line_loc, squash
from .objects_grid import (
    AMOUNT_PREFIX,
    PLAN_CODE,
    Label,
    amount,
    body,
    join,
    label_spans,
    place,
    span,
    text_of,
    tokens,
    visible,
)

_LEVELS: dict[str, UnitLevel] = {"款": "ministry", "項": "agency", "目": "work_plan",
                                 "節": "work_plan"}
NOTE_ITEM = re.compile(r"^\d+\.")


@dataclass
class SpreadRow:
    ordinal: str | None
    ordinal_col: str | None
    code: str | None
    name: str
    name_line: PdfLine
    cells: dict[str, Cell] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str | None, str | None, str]:
        return self.ordinal, self.code, self.name


@dataclass
class SpreadPage:
    page: TablePage
    rows: list[SpreadRow]
    notes: list[Cell]  # 說明 text cells, in reading order


def _columns(rows: Sequence[PdfLine], at: int, labels: Sequence[tuple[str, str]]
             ) -> list[Label] | None:
    """Figure columns by label, each looked for right of the one before in the header row, then
    in the rows above and below it (a two-row header prints 合計 higher up)."""
    out: list[Label] = []
    after = -1e9
    for name, words in labels:
        found = None
        for ln in (rows[at], *rows[max(at - 2, 0):at], *rows[at + 1:at + 3]):
            spans = label_spans(ln, words, after)
            if spans:
                found = spans[0]
                break
        if found is None:
            return None
        out.append(Label(name, found.x0, found.x1))
        after = found.x1
    return out


def read_page(ctx: PdfContext, table: str, page: TablePage, columns: list[Label], start: int,
              ordinals: list[Label], notes: bool = False) -> SpreadPage:
    """The rows of one page from row `start`: ordinals, code, name, figures by column and, with
    `notes`, the 說明 text right of the last column (a figure glued to it is split off)."""
    notes_x = columns[-1].centre if notes else float("inf")
    edge = columns[-1].x1  # a figure of the last column starts left of its label's end
    name_x = ordinals[-1].x1 if ordinals else -1e9
    first = min(c.centre for c in columns)
    rows: list[SpreadRow] = []
    said: list[Cell] = []
    code: str | None = None
    for ln in body(page, start):
        cells: list[Cell] = []
        for cell in tokens(ln):
            x0, x1 = span(cell)
            m = AMOUNT_PREFIX.match(cell.text)
            if x1 <= notes_x or (m and m.end() == len(cell.text) and x0 < edge):
                cells.append(cell)
            elif m and x0 < edge:  # a figure glued to the 說明 after it
                cells.append(Cell(cell.text[:m.end()], ln, cell.start, cell.start + m.end()))
                said.append(Cell(cell.text[m.end():], ln, cell.start + m.end(), cell.end))
            else:
                said.append(cell)
        left = [c for c in cells if span(c)[1] < first]
        figures = [c for c in cells if span(c)[1] >= first]
        ords = [c for c in left if c.text.isdigit() and len(c.text) <= 3 and span(c)[1] <= name_x]
        words = [c for c in left if c not in ords]
        if len(words) == 1 and PLAN_CODE.match(words[0].text) and not figures and not ords:
            code = words[0].text
            continue
        name = text_of(words)
        if not name and not figures and not ords:
            continue
        if not figures and not ords and code is None and rows and name:
            rows[-1].name = join([rows[-1].name, name])  # a wrapped name
            continue
        ordinal = ords[0].text if ords else None
        col = None
        if ords:
            x = sum(span(ords[0])) / 2
            col = min(ordinals, key=lambda o: abs(o.centre - x)).name
        row = SpreadRow(ordinal, col, code, name, ln)
        code = None
        for cell in figures:
            where = place(cell, columns)
            if where is None or where.name in row.cells:
                ctx.report("unparsed", table, ln.no, f"figure {cell.text!r} of {name} not placed")
                continue
            row.cells[where.name] = cell
        rows.append(row)
    return SpreadPage(page, rows, said)


def _pages(ctx: PdfContext, table: str, pages: list[TablePage],
           labels: Sequence[tuple[str, str]]) -> list[SpreadPage]:
    out = []
    for page in pages:
        at = header_row(page)
        columns = None if at is None else _columns(page.rows, at, labels)
        if at is None or columns is None:
            ctx.report("unparsed", table, page.rows[0].no if page.rows else None,
                       f"page {page.number}: header row with {[w for _, w in labels]} not found")
            continue
        out.append(read_page(ctx, table, page, columns, at + 1, ordinals(page.rows[at])))
    return out


def header_row(page: TablePage) -> int | None:
    """The header row naming 款 項 目 節."""
    return next((i for i, ln in enumerate(page.rows) if squash(ln.text).startswith("款")), None)


def ordinals(line: PdfLine) -> list[Label]:
    return [Label(w, s.x0, s.x1) for w in "款項目節" for s in label_spans(line, w)[:1]]


def merged(pages: list[SpreadPage]) -> tuple[list[SpreadRow], list[Cell]]:
    """Rows of the spread: the two pages of a spread print the same rows; each figure is taken
    from the page on which it is visible. Notes are kept from the page that shows them."""
    rows: list[SpreadRow] = []
    notes: list[Cell] = []
    prev: SpreadPage | None = None
    for sp in pages:
        width = sp.page.page.width
        if prev is not None and [r.key for r in prev.rows] == [r.key for r in sp.rows]:
            base = rows[-len(sp.rows):] if sp.rows else []
            for mine, theirs in zip(base, sp.rows, strict=True):
                for name, cell in theirs.cells.items():
                    if name not in mine.cells or (visible(cell.loc, width) and not visible(
                            mine.cells[name].loc, prev.page.page.width)):
                        mine.cells[name] = cell
            prev = None
        else:
            rows.extend(sp.rows)
            prev = sp
        notes.extend(c for c in sp.notes if visible(c.loc, width))
    return rows, notes


def level_of(row: SpreadRow) -> UnitLevel:
    return _LEVELS.get(row.ordinal_col or "", "function")


def _figures(ctx: PdfContext, table: str, row: SpreadRow, main: str,
             ) -> tuple[dict[str, int | None], dict[str, Cell], Cell | None]:
    values = {k: amount(ctx, table, c) for k, c in row.cells.items()}
    return values, row.cells, row.cells.get(main)


def read_analysis(ctx: PdfContext, pages: list[TablePage]) -> ObjectAnalysis:
    table = "object_analysis"
    out = ObjectAnalysis(table=table, loc=line_loc(pages[0].page.rows[pages[0].title_row]))
    labels = [(f, w) for f, _, w in ANALYSIS_COLUMNS]
    rows, _ = merged(_pages(ctx, table, pages, labels))
    for r in rows:
        values, cells, main = _figures(ctx, table, r, "total")
        loc = main.loc if main else line_loc(r.name_line)
        out.rows.append(ObjectAnalysisRow(
            table=table, loc=loc, locs={k: c.loc for k, c in cells.items() if k != "total"},
            ordinal=r.ordinal, code=r.code, name=r.name, level=level_of(r),
            printed=bool(cells), **values))
    return out


def read_capital(ctx: PdfContext, pages: list[TablePage]) -> CapitalExpenditure:
    table = "capital"
    out = CapitalExpenditure(table=table, loc=line_loc(pages[0].page.rows[pages[0].title_row]))
    rows, _ = merged(_pages(ctx, table, pages, CAPITAL_COLUMNS))
    for r in rows:
        values, cells, main = _figures(ctx, table, r, "total")
        if r.code is None:
            ctx.report("unparsed", table, r.name_line.no, f"{r.name}: no 10-digit code above it")
            continue
        loc = main.loc if main else line_loc(r.name_line)
        out.rows.append(CapitalExpenditureRow(
            table=table, loc=loc, locs={k: c.loc for k, c in cells.items() if k != "total"},
            ordinal=r.ordinal, code=r.code, name=r.name, level=level_of(r),
            printed=bool(cells), **values))
    return out
