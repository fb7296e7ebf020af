"""Reader of 現有辦公房舍明細表 (offices) from a PDF book.

The table is a spread (自有 and 無償借用 on the left page, 有償租用或借用 and 合計 on the right),
read as one by `holdings_layout.rows`. Above the title each table prints its unit (`某部 彙編`,
or a sub-unit's name) and its 預算員額. A consolidated book prints the consolidated table (彙編)
then one per sub-unit among its own pages, so a sub-unit's table is looked for in its appendix
first and then among the book's own pages by the unit the page prints.
"""

from __future__ import annotations

import re
from typing import Any

from ...model.holdings import OfficeRow, OfficeTable, OfficeTotal
from . import PdfContext
from .holdings_layout import Row, amount, decimal, join, rows
from .layout import Cell, TablePage, line_loc, squash, sub_units

TABLE = "offices"
_LABELS = [("name", "區分"),
           ("owned_units", "單位數"), ("owned_area", "面積"), ("owned_cost", "取得成本"),
           ("owned_maintenance", "年需養護費"),
           ("free_units", "單位數"), ("free_area", "面積"), ("free_maintenance", "年需養護費"),
           ("rented_units", "單位數"), ("rented_area", "面積"), ("rented_deposit", "押金"),
           ("rented_rent", "租金"), ("rented_maintenance", "年需養護費"),
           ("total_area", "面積"), ("total_deposit", "押金"), ("total_rent", "租金"),
           ("total_maintenance", "年需養護費")]
_FIGURES = tuple(n for n, _ in _LABELS[1:])
_MAIN = "total_maintenance"  # the row's own total of money, its location the row's
_STAFF = re.compile(r"(\S+?)\s*[:：]?\s*(\d[\d,]*)\s*人")  # 職員 95 人, 合計: 1,234 人
_NUMBERED = re.compile(r"^(?:([一二三四五六七八九十]+)、|(\d+)\s*)(.+)$")
CONSOLIDATED = "彙編"


def _unit(tp: TablePage) -> str:
    """The unit a page prints above its title, its 預算員額 and title words removed."""
    text = "".join(squash(_STAFF.sub("", ln.text)) for ln in tp.page.rows[:tp.title_row + 1])
    for words in ("預算員額", "現有辦公房舍明細表", ":", "："):
        text = text.replace(words, "")
    return re.sub(r"^\(\d+\)-?\d+", "", text)  # the page label (1234)-56


def _pages(ctx: PdfContext, sub_unit: str) -> list[TablePage]:
    own = ctx.tables(TABLE, sub_unit)
    if own or not sub_unit:
        if not sub_unit and any(CONSOLIDATED in _unit(tp) for tp in own):
            return [tp for tp in own if CONSOLIDATED in _unit(tp)]
        if not sub_unit:  # the book's own table: not one that prints a sub-unit's name
            names = set(sub_units(ctx.pages))
            return [tp for tp in own if _unit(tp) not in names] or own
        return own
    return [tp for tp in ctx.tables(TABLE, "") if _unit(tp) == sub_unit]


def read_offices(ctx: PdfContext, sub_unit: str) -> OfficeTable | None:
    pages = _pages(ctx, sub_unit)
    if not pages:
        return None
    table = OfficeTable()
    _staff(table, pages[0])
    parent: str | None = None
    last: OfficeRow | None = None
    for row in rows(pages, [_LABELS], ctx.report, TABLE):
        name = row.text("name")
        key = squash(name)
        cells = {n: row.cells[n] for n in _FIGURES if row.text(n)}
        if key.startswith("合計"):
            table.total = _figures(ctx, OfficeTotal, row, cells, {})
            break  # 備註 follow
        if not cells:
            if last is not None and key:  # a wrapped name
                last.name = join([last.name, name])
            continue
        m = _NUMBERED.match(key)
        if not m:
            ctx.report("unparsed", TABLE, row.line.no, f"row without 區分: {squash(row.line.text)}")
            continue
        number = m.group(1) or m.group(2)
        if m.group(1):
            parent = m.group(3)
        found = _figures(ctx, OfficeRow, row, cells, {
            "number": number, "name": m.group(3), "parent": None if m.group(1) else parent})
        if isinstance(found, OfficeRow):
            table.rows.append(found)
            last = found
    return table


def _figures(ctx: PdfContext, cls: Any, row: Row, cells: dict[str, Cell],
             extra: dict[str, Any]) -> Any:
    values: dict[str, Any] = {}
    try:
        for n, c in cells.items():
            if n.endswith("_units"):
                values[n] = None if c.text == "-" else c.text
            elif n.endswith("_area"):
                values[n] = decimal(c.text)
            else:
                values[n] = amount(c.text)
    except ValueError as exc:
        ctx.report("unparsed", TABLE, row.line.no, f"office row: {exc}")
        return None
    main = cells.get(_MAIN) or next(iter(cells.values()))
    return cls(loc=main.loc, table=TABLE, **extra, **values,
               locs={n: c.loc for n, c in cells.items() if c is not main})


def _staff(table: OfficeTable, tp: TablePage) -> None:
    """預算員額 by class and its 合計, printed above the title."""
    for ln in tp.page.rows[:tp.title_row + 1]:
        for name, count in _STAFF.findall(ln.text):
            name = name.replace("預算員額", "")
            if table.staff_loc is None:
                table.staff_loc = line_loc(ln)
            if name == "合計":
                table.staff_total = int(count.replace(",", ""))
            else:
                table.staff[name] = int(count.replace(",", ""))
