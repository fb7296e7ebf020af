"""公務車輛明細表 in a city's layout: the header's labels wrap inside their cells (`乘客` / `人數` /
`(不含` / `司機)`, `車` / `輛` / `數` one character a row), money in the book's unit, and
columns a central book does not print: the work plan (業務計畫及工作計畫名稱) each vehicle is
listed under, 牌照稅, 燃料使用費 (an electric car's 公路使用養護安全管理費), 車輛保險費 and
車輛檢驗費; 汽缸總排氣量 may be a range (`1201-1800`) or horsepower, kept as printed.

The body: a group heading (`現有車輛`, `本年度新增` / `車輛`) alone in the 車輛種類 column; a
work plan's name (`業務計畫` on the row of its subtotal, `工作計畫` below) with the group's
subtotal for it; a vehicle (車輛數 printed) with its kind, plate and displacement wrapping onto
the rows below; the 合計 row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ...model.base import Loc
from ...model.holdings import VehicleRow, VehicleSubtotal, VehicleTable, VehicleTotal
from ...pdf import PdfLine
from . import PdfContext
from .holdings_layout import amount, decimal, join, split
from .layout import Cell, Column, TablePage, cell_label, squash

TABLE = "vehicles"
# each column's label, or its alternatives, as printed in one header cell over several rows
_LABELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("work_plan", ("業務計畫及工作計畫名稱",)), ("count", ("車輛數",)), ("name", ("車輛種類",)),
    ("passengers", ("乘客人數",)), ("acquired", ("購置年月",)), ("displacement", ("汽缸總",)),
    ("license_tax", ("牌照稅",)), ("fuel_use_fee", ("燃料使用費", "公路使用養護安全管理費")),
    ("fuel_litres", ("數量",)), ("fuel_unit_price", ("單價",)), ("fuel_cost", ("金額",)),
    ("maintenance", ("養護費",)), ("insurance", ("車輛保險費",)),
    ("inspection", ("車輛檢驗費",)), ("description", ("備註",)))
_MONEY = ("license_tax", "fuel_use_fee", "fuel_cost", "maintenance", "insurance", "inspection")
_INTS = ("count", "passengers", "fuel_litres", *_MONEY)
_TEXT = ("work_plan", "name", "displacement", "description")
_FIGURE = re.compile(r"^-?[\d,]+$|^-$")


def city_header(page: TablePage) -> tuple[int, list[Column]] | None:
    """The first body row and the columns, each label's extent, left to right."""
    rows = page.rows[:24]
    cols: list[Column] = []
    after, end = -1e9, 0
    for name, alternatives in _LABELS:
        found = next((f for w in alternatives if (f := cell_label(rows, w, after, skip="()（）", partial=True))), None)
        if found is None:
            return None
        cols.append(Column(name, found[0], found[1]))
        after, end = found[1], max(end, found[2])
    return end + 1, cols


def is_city_vehicles(pages: Sequence[TablePage]) -> bool:
    return bool(pages) and all(city_header(p) is not None for p in pages)


def _extent(line: PdfLine) -> tuple[float, float]:
    boxes = [b for _, c, b in line.chars() if not c.isspace()]
    return min(b.top for b in boxes), max(b.bottom for b in boxes)


def read_city_vehicles(ctx: PdfContext, pages: list[TablePage]) -> VehicleTable:
    """The rows of every page. A line printed tight under the one before (less than half its
    height between them) wraps that table row's text; any other starts a row."""
    table = VehicleTable()
    group: list[str] = []  # the heading, wrapped over one or more lines
    plan: list[str] = []  # 業務計畫, then 工作計畫 below it
    current: dict[str, Any] | None = None
    subtotal: VehicleSubtotal | None = None
    last = ""  # what the table row being read is: vehicle, heading, plan or total

    def flush() -> None:
        nonlocal current
        if current is not None:
            row = _vehicle(ctx, current)
            if row is not None:
                table.rows.append(row)
        current = None

    for tp in pages:
        found = city_header(tp)
        if found is None:
            ctx.report("unparsed", TABLE, None, f"page {tp.number}: column header not found")
            continue
        start, columns = found
        body = [r for r in tp.rows[start:] if r.text.strip() and not r.text.startswith("[")]
        bottom: float | None = None
        for k, line in enumerate(body):
            key = squash(line.text)
            cells = {n: c for n, c in split(line, columns).items() if c.text}
            money = {n: c for n, c in cells.items() if (n in _MONEY or n == "fuel_litres")
                     and _FIGURE.match(c.text)}
            if k == len(body) - 1 and re.fullmatch(r"\d+(?:-\d+)+頁?", key):
                continue  # the page label at the foot (`01-234 - 5`)
            if bottom is None and not money and "count" not in cells and "name" not in cells:
                continue  # the header's last words, below its labels (`司機)`, `公分)`)
            top, low = _extent(line)
            tight = bottom is not None and top - bottom < (low - top) / 2
            bottom = low
            name = squash(cells["name"].text) if "name" in cells else ""
            if tight and not money and "count" not in cells:
                if last == "vehicle" and current is not None:
                    for n in _TEXT:
                        if n in cells:
                            current["parts"].setdefault(n, []).append(cells[n].text)
                elif last == "heading" and set(cells) == {"name"}:
                    group.append(name)
                elif last == "plan" and set(cells) == {"work_plan"}:
                    plan.append(squash(cells["work_plan"].text))  # 工作計畫 under 業務計畫
                    if subtotal is not None:
                        subtotal.work_plan = "-".join(plan)
                else:
                    ctx.report("unparsed", TABLE, line.no, f"text not read: {key}")
                continue
            if name.startswith("合計") and money:
                flush()
                table.total, last = _total(ctx, cells), "total"
            elif "count" in cells:
                flush()
                current = {"cells": cells, "parts": {n: [cells[n].text] for n in _TEXT
                                                     if n in cells},
                           "group": join(group) or None, "plan": "-".join(plan) or None,
                           "line": line.no}
                last = "vehicle"
            elif "work_plan" in cells and money:
                flush()
                plan = [squash(cells["work_plan"].text)]
                subtotal = _subtotal(ctx, cells, join(group) or None)
                if subtotal is not None:
                    table.subtotals.append(subtotal)
                last = "plan"
            elif set(cells) == {"name"}:
                flush()
                group, plan, last = [name], [], "heading"
            else:
                ctx.report("unparsed", TABLE, line.no, f"row not read: {key}")
                last = ""
    flush()
    return table


def _vehicle(ctx: PdfContext, data: dict[str, Any]) -> VehicleRow | None:
    cells: dict[str, Cell] = data["cells"]
    values: dict[str, Any] = {}
    try:
        for f in _INTS:
            if f in cells:
                values[f] = amount(cells[f].text)
        if "fuel_unit_price" in cells:
            values["fuel_unit_price"] = decimal(cells["fuel_unit_price"].text)
    except ValueError as exc:
        ctx.report("unparsed", TABLE, data["line"], f"vehicle row: {exc}")
        return None
    parts = {n: join(p) for n, p in data["parts"].items()}
    displacement = parts.get("displacement") or None
    if displacement and displacement.isdigit():
        values["displacement_cc"] = int(displacement)
    acquired = cells["acquired"].text if "acquired" in cells else None
    main = cells.get("fuel_cost") or cells["count"]
    return VehicleRow(
        loc=main.loc, table=TABLE, group=data["group"], work_plan=data["plan"],
        name=parts.get("name", ""), acquired=None if acquired in (None, "-") else acquired,
        displacement=displacement, description=parts.get("description") or None,
        locs={f: c.loc for f, c in cells.items() if c is not main}, **values)


def _figures(ctx: PdfContext, cells: dict[str, Cell], names: Sequence[str]
             ) -> tuple[dict[str, int | None], dict[str, Loc], Loc | None] | None:
    try:
        values = {f: amount(cells[f].text) for f in names if f in cells}
    except ValueError as exc:
        ctx.report("unparsed", TABLE, next(iter(cells.values())).line.no, str(exc))
        return None
    main = cells.get("fuel_cost") or next((cells[f] for f in names if f in cells), None)
    locs = {f: cells[f].loc for f in values if cells[f] is not main}
    return values, locs, main.loc if main else None


def _subtotal(ctx: PdfContext, cells: dict[str, Cell], group: str | None
              ) -> VehicleSubtotal | None:
    got = _figures(ctx, cells, _MONEY)
    if got is None:
        return None
    values, locs, loc = got
    return VehicleSubtotal(loc=loc or cells["work_plan"].loc, table=TABLE, locs=locs,
                           group=group, work_plan=squash(cells["work_plan"].text), **values)


def _total(ctx: PdfContext, cells: dict[str, Cell]) -> VehicleTotal | None:
    got = _figures(ctx, cells, ("count", "fuel_litres", *_MONEY))
    if got is None:
        return None
    values, locs, loc = got
    return VehicleTotal(loc=loc or cells["name"].loc, table=TABLE, locs=locs, **values)
