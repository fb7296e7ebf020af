"""人事費彙計表 in a city's layout: the categories are columns (民意代表待遇 … 保險, then 合計 and
備註), each label printed vertically, one character a row, under a title across them
(全年度人事費); the rows are classes of staff (類別: 正式員額, the 職員 indented under it,
約聘僱人員, 其他人事費 …) with their 預算員額, the 合計 row first.

The columns come from the page's own header (each label's stack of characters), the body
from the runs of characters between gaps: a figure (right-aligned) belongs to the column whose
label ends nearest its end, a text to the first column whose label ends right of its start;
a 備註 glued to the figure before it (`1,234,000加班費`) is cut off the figure. The 合計 row's figures are the table's
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
    PersonnelPlan,
)
from ...numbers import parse_amount
from ...pdf import PdfLine
from . import PdfContext
from .holdings_layout import split
from .layout import Cell, Column, TablePage, line_loc, squash, vertical_labels
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
    return start, sorted(cols, key=lambda c: c.x0)


def is_city_personnel(pages: Sequence[TablePage]) -> bool:
    return all(city_header(p) is not None for p in pages)


def _figure(ctx: PdfContext, table: str, cell: Cell) -> tuple[int | None, str]:
    """The figure a cell opens with and the text glued after it (a 備註 run into it)."""
    text = cell.text.strip()
    m = _FIGURE.match(text)
    if not m:
        ctx.report("ambiguous_number", table, cell.line.no, f"not an amount: {text!r}")
        return None, ""
    try:
        return parse_amount(m.group()), text[m.end():].strip()
    except ValueError:
        ctx.report("ambiguous_number", table, cell.line.no, f"not an amount: {text!r}")
        return None, ""


def _classes(ctx: PdfContext, page: TablePage, table: str) -> list[PersonnelClass]:
    """The class rows of one page: a class indented under another names it as its parent; a
    備註 wrapped below its row joins it."""
    found = city_header(page)
    if found is None:
        ctx.report("unparsed", table, None, f"page {page.number}: header (類別 … 合計) "
                   "not found")
        return []
    start, columns = found
    out: list[PersonnelClass] = []
    left: float | None = None
    parent: str | None = None
    for ln in body(page, start):
        cells = split(ln, columns, glued=True)
        name_cell = cells.pop("name", None)
        note_cell = cells.pop("note", None)
        name = squash(name_cell.text) if name_cell else ""
        values: dict[str, int | None] = {}
        notes = [note_cell.text.strip()] if note_cell and note_cell.text.strip() else []
        for field, cell in cells.items():
            value, glued = _figure(ctx, table, cell)
            values[field] = value
            if glued:
                notes.insert(0, glued)
        if not name:
            if out and notes and not values:  # 備註 wrapped below its row
                last = out[-1]
                last.note = "".join(filter(None, [last.note, *notes]))
            elif values or notes:
                ctx.report("unparsed", table, ln.no, f"row not read: {ln.text.strip()!r}")
            continue
        x0 = name_cell.loc.box[0] if name_cell and name_cell.loc.box else 0.0
        if left is None:
            left = x0
        under = None
        if x0 > left + 2 and parent is not None:
            under = parent
        elif name != "合計":
            parent = name
        main = cells.get("total")
        out.append(PersonnelClass(
            table=table, loc=main.loc if main else line_loc(ln),
            locs={k: c.loc for k, c in cells.items() if k != "total"}, name=name,
            parent=under, note="".join(notes) or None, **values))
    return out


def read_city_personnel(ctx: PdfContext, pages: list[TablePage]) -> PersonnelCosts:
    first = pages[0]
    out = PersonnelCosts(table=TABLE, loc=line_loc(first.page.rows[first.title_row]))
    for page in pages:
        out.classes.extend(_classes(ctx, page, TABLE))
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


# --- 人事費分析表 ---------------------------------------------------------------------------

ANALYSIS = "personnel_analysis"
# the work plan a page of 人事費分析表 is of, above its header: `<code>-<政事別>-<業務計畫>-<工作計畫>`
_PLAN = re.compile(r"^(\d{6,11})-(\S+?)(?:單位[：:].*)?$")


def read_personnel_analysis(ctx: PdfContext, pages: list[TablePage]) -> list[PersonnelPlan]:
    """人事費分析表: 人事費彙計表's form once per work plan, each page naming its work plan above
    its header (a plan printed over two pages names it on both)."""
    plans: list[PersonnelPlan] = []
    for page in pages:
        m = next((m for r in page.rows[:4] if (m := _PLAN.match(squash(r.text)))), None)
        if m is None:
            ctx.report("unparsed", ANALYSIS, page.rows[0].no if page.rows else None,
                       f"page {page.number}: no work plan named above the header")
            continue
        classes = _classes(ctx, page, ANALYSIS)
        if plans and plans[-1].names == m.group(2) and plans[-1].code == m.group(1):
            plans[-1].classes.extend(classes)
            continue
        total = next((c for c in classes if c.name == "合計"), None)
        plans.append(PersonnelPlan(
            table=ANALYSIS, loc=total.loc if total else line_loc(page.rows[0]),
            code=m.group(1), names=m.group(2), work_plan_name=m.group(2).rsplit("-", 1)[-1],
            total=total.total if total else None, classes=classes))
    return plans
