"""Readers of 公務車輛明細表 (vehicles), 現有辦公房舍明細表 (offices), 補助經費分析表 (subsidies) and
捐助經費分析表 (donations) from a PDF book.

Vehicles: one row per kind of vehicle, its 車輛種類 and 備註 wrapping over the rows below (no
figures there); group headings (`現有車輛:`) on a row of their own; a 合計 row without 車輛數.
The other tables are in `holdings_offices` and `holdings_grants`.
"""

from __future__ import annotations

from typing import Any

from ...model.base import Loc
from ...model.holdings import VehicleRow, VehicleTable, VehicleTotal
from . import PdfContext
from .holdings_layout import Row, amount, decimal, join, rows
from .layout import Cell, squash

TABLE = "vehicles"
_LABELS = [("count", "車輛數"), ("name", "車輛種類"), ("passengers", "不含司機"),
           ("acquired", "年月"), ("displacement_cc", "(立方公分)"),
           ("fuel_litres", "數量(公升)"), ("fuel_unit_price", "單價(元)"), ("fuel_cost", "金額"), ("maintenance", "養護費"),
           ("other", "其他"), ("description", "備註")]
_INTS = ("passengers", "displacement_cc", "fuel_litres", "fuel_cost", "maintenance", "other")
_FIGURES = ("count", "passengers", "acquired", "displacement_cc", "fuel_litres",
            "fuel_unit_price", "fuel_cost", "maintenance", "other")
_TOTAL = ("count", "fuel_litres", "fuel_cost", "maintenance", "other")


def read(ctx: PdfContext, sub_unit: str) -> dict[str, Any]:
    from .holdings_grants import read_donations, read_subsidies
    from .holdings_offices import read_offices

    out: dict[str, Any] = {}
    for name, reader in (("vehicles", read_vehicles), ("offices", read_offices),
                         ("subsidies", read_subsidies), ("donations", read_donations)):
        table = reader(ctx, sub_unit)
        if table is not None:
            out[name] = table
    return out


def _figures(row: Row, names: tuple[str, ...]) -> dict[str, Cell]:
    return {n: row.cells[n] for n in names if row.text(n)}


def _is_page_number(row: Row, last: bool) -> bool:
    return last and squash(row.line.text).isdigit()


def read_vehicles(ctx: PdfContext, sub_unit: str) -> VehicleTable | None:
    from .holdings_vehicles import is_city_vehicles, read_city_vehicles

    pages = ctx.tables(TABLE, sub_unit)
    if not pages:
        return None
    if is_city_vehicles(pages):
        return read_city_vehicles(ctx, pages)
    table = VehicleTable()
    group: str | None = None
    current: dict[str, Any] | None = None  # the row being read: its cells and wrapped text

    def flush() -> None:
        nonlocal current
        if current is not None:
            row = _vehicle(ctx, current, group_of=current["group"])
            if row is not None:
                table.rows.append(row)
        current = None

    all_rows = list(rows(pages, [_LABELS], ctx.report, TABLE))
    last_lines = {tp.rows[-1].no for tp in pages if tp.rows}
    for row in all_rows:
        figures = _figures(row, _FIGURES)
        name = row.text("name")
        if squash(name).startswith("合計"):
            flush()
            table.total = _total(ctx, row)
            continue
        if "count" in figures:
            flush()
            current = {"cells": figures, "name": [name], "desc": [row.text("description")],
                       "group": group, "line": row.line.no}
        elif figures:
            if not _is_page_number(row, row.line.no in last_lines):
                ctx.report("unparsed", TABLE, row.line.no,
                           f"figures without 車輛數: {squash(row.line.text)}")
        elif squash(name).endswith((":", "：")) and not row.text("description"):
            flush()
            group = squash(name).rstrip(":：")
        elif current is not None:
            current["name"].append(name)
            current["desc"].append(row.text("description"))
        elif squash(row.line.text):
            ctx.report("unparsed", TABLE, row.line.no,
                       f"text outside any vehicle row: {squash(row.line.text)}")
    flush()
    return table


def _vehicle(ctx: PdfContext, data: dict[str, Any], group_of: str | None) -> VehicleRow | None:
    cells: dict[str, Cell] = data["cells"]
    values: dict[str, Any] = {}
    try:
        values["count"] = amount(cells["count"].text)
        for f in _INTS:
            if f in cells:
                values[f] = amount(cells[f].text)
        if "fuel_unit_price" in cells:
            values["fuel_unit_price"] = decimal(cells["fuel_unit_price"].text)
    except ValueError as exc:
        ctx.report("unparsed", TABLE, data["line"], f"vehicle row: {exc}")
        return None
    acquired = cells["acquired"].text if "acquired" in cells else None
    desc = join(data["desc"])
    # the row's money figure (油料費 金額) is its location, as the 合計 row's (which has no 車輛數)
    main = cells.get("fuel_cost") or cells["count"]
    return VehicleRow(
        loc=main.loc, table=TABLE, group=group_of, name=join(data["name"]),
        acquired=None if acquired in (None, "-") else acquired, description=desc or None,
        locs={f: c.loc for f, c in cells.items() if c is not main}, **values)


def _total(ctx: PdfContext, row: Row) -> VehicleTotal | None:
    cells = _figures(row, _TOTAL)
    stray = set(_figures(row, _FIGURES)) - set(cells)
    if stray:
        ctx.report("unparsed", TABLE, row.line.no, f"合計 row prints {sorted(stray)}")
    try:
        values = {f: amount(c.text) for f, c in cells.items()}
    except ValueError as exc:
        ctx.report("unparsed", TABLE, row.line.no, f"合計 row: {exc}")
        return None
    main = cells.get("fuel_cost") or next(iter(cells.values()), None)
    loc = main.loc if main else Loc(line=row.line.no)
    return VehicleTotal(loc=loc, table=TABLE,
                        locs={f: c.loc for f, c in cells.items() if c is not main}, **values)
