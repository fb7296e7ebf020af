"""人事費彙計表 in a city's layout: the categories are columns (民意代表待遇 … 保險, then 合計 and
備註), each label printed vertically, one character a row, under a title across them
(全年度人事費); the rows are classes of staff (類別: 正式員額, the 職員 indented under it,
約聘僱人員, 其他人事費 …) with their 預算員額, the 合計 row first.

The columns come from the page's own header (each label's stack of characters), the body
from the characters' positions: a figure belongs to the column whose cell it is printed in
(the cells meet halfway between two labels), so a 備註 glued to the figure before it
(`1,234,000加班費`) is split where the cells meet. The 合計 row's figures are the table's
categories (as a central book prints them), its 合計 the table's total.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ...model.objects import (
    PERSONNEL_COLUMNS,
    PersonnelCategory,
    PersonnelClass,
    PersonnelCosts,
)
from ...numbers import parse_amount
from ...pdf import PdfLine
from . import PdfContext
from .layout import Cell, Column, TablePage, between, line_loc, split_cells, squash, vertical_labels
from .objects_grid import body

TABLE = "personnel_costs"
_LABELS = {"預算員額": "posts", **{label: f for f, label in PERSONNEL_COLUMNS},
           "合計": "total", "備註": "note", "類別": "name"}
_FIGURE = re.compile(r"^[\d,]+")


def _first_body(rows: Sequence[PdfLine]) -> int | None:
    """The 合計 row: the first row opening with 合計 and printing a figure."""
    return next((i for i, ln in enumerate(rows) if squash(ln.text).startswith("合計")
                 and any(c.isdigit() for c in ln.text)), None)


def city_header(page: TablePage) -> tuple[int, list[Column]] | None:
    """The first body row and the columns, from the vertical labels above it (a row printing
    a word of three or more characters across is a title over the labels, not one of them)."""
    rows = page.rows
    start = _first_body(rows)
    if start is None:
        return None
    head = [ln for ln in rows[:start] if not any(len(w) >= 3 for w in ln.text.split())]
    cols: list[Column] = []
    for text, x0, x1 in vertical_labels(head):
        name = next((f for label, f in _LABELS.items() if Counter(label) == Counter(text)), None)
        if name and not any(c.name == name for c in cols):
            cols.append(Column(name, x0, x1))
    if not {"name", "total"} <= {c.name for c in cols} or len(cols) < 4:
        return None
    return start, between(sorted(cols, key=lambda c: c.x0))


def is_city_personnel(pages: Sequence[TablePage]) -> bool:
    return all(city_header(p) is not None for p in pages)


def _figure(ctx: PdfContext, cell: Cell) -> tuple[int | None, str]:
    """The figure a cell opens with and the text glued after it (a 備註 run into it)."""
    text = cell.text.strip()
    m = _FIGURE.match(text)
    if not m:
        ctx.report("ambiguous_number", TABLE, cell.line.no, f"not an amount: {text!r}")
        return None, ""
    try:
        return parse_amount(m.group()), text[m.end():].strip()
    except ValueError:
        ctx.report("ambiguous_number", TABLE, cell.line.no, f"not an amount: {text!r}")
        return None, ""


def read_city_personnel(ctx: PdfContext, pages: list[TablePage]) -> PersonnelCosts:
    first = pages[0]
    out = PersonnelCosts(table=TABLE, loc=line_loc(first.page.rows[first.title_row]))
    parent: tuple[str, float] | None = None  # the class rows indented under it belong to
    for page in pages:
        found = city_header(page)
        if found is None:
            ctx.report("unparsed", TABLE, None, f"page {page.number}: header (類別 … 合計) "
                       "not found")
            continue
        start, columns = found
        left = None
        for ln in body(page, start):
            cells = split_cells(ln, columns)
            name_cell = cells.pop("name", None)
            note_cell = cells.pop("note", None)
            name = squash(name_cell.text) if name_cell else ""
            values: dict[str, int | None] = {}
            notes = [note_cell.text.strip()] if note_cell and note_cell.text.strip() else []
            for field, cell in cells.items():
                value, glued = _figure(ctx, cell)
                values[field] = value
                if glued:
                    notes.insert(0, glued)
            if not name:
                if out.classes and notes and not values:  # 備註 wrapped below its row
                    last = out.classes[-1]
                    last.note = "".join(filter(None, [last.note, *notes]))
                elif values or notes:
                    ctx.report("unparsed", TABLE, ln.no, f"row not read: {ln.text.strip()!r}")
                continue
            x0 = name_cell.loc.box[0] if name_cell and name_cell.loc.box else 0.0
            if left is None:
                left = x0
            under = None
            if x0 > left + 2 and parent is not None:
                under = parent[0]
            elif name != "合計":
                parent = (name, x0)
            main = cells.get("total")
            out.classes.append(PersonnelClass(
                table=TABLE, loc=main.loc if main else line_loc(ln),
                locs={k: c.loc for k, c in cells.items() if k != "total"}, name=name,
                parent=under, note="".join(notes) or None, **values))
    total = next((c for c in out.classes if c.name == "合計"), None)
    if total is not None:
        for field, label in PERSONNEL_COLUMNS:
            out.categories.append(PersonnelCategory(
                table=TABLE, loc=total.locs.get(field, total.loc), name=label,
                amount=getattr(total, field)))
        out.total, out.total_loc = total.total, total.loc
    elif pages:
        ctx.report("unparsed", TABLE, None, f"page {pages[0].number}: no 合計 row")
    return out
