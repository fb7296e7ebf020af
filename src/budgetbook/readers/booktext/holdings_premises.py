"""Readers of 公務車輛明細表 (vehicles) and 現有辦公房舍明細表 (offices).

Vehicle rows: `1 首長專用車 5 106.08 1,998 1,400 25.00 35 30 20 ABC-1234。` = 車輛數, 車輛種類,
乘客人數, 購置年月, 汽缸總排氣量, 油料 公升, 單價(元), 油料 金額, 養護費, 其他, 備註; the 合計 row
prints the money columns (and the fuel litres) only.
Offices: a left half (自有, 無償借用) then a right half (有償租用或借用, 合計); each half prints its
total row before the category rows, and the left total falls before the section title (with the
column header), so the table is read from its `區分` header on.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ...model.base import Loc
from ...model.holdings import (
    OfficeRow,
    OfficeTable,
    OfficeTotal,
    VehicleRow,
    VehicleTable,
    VehicleTotal,
)
from ...numbers import is_amount, parse_amount
from ...text import Line
from .context import ReadContext

_NUM = re.compile(r"\s*(-(?=\s|$)|\d[\d,]*(?:\.\d+)?)")
_UNITS = re.compile(r"^\d+[^\d\s,.\-]+$")  # 3筆
_GROUP = re.compile(r"^\D+[:：]$")  # 現有車輛:
_ROW_COUNT_FIRST = re.compile(r"^(\d+)\s*([^\d\s-][^\s]*)\s+(.*)$")
_OFFICE_ROW = re.compile(r"^(?:([一二三四五六七八九十]+)、|(\d+)\s+)\s*([^\d\s-][^\d-]*?)\s*((?:\d|-).*)?$")
# 預算員額 classes in the order the budget office prints them
STAFF_CLASSES = ("職員", "警察", "法警", "駐警", "工友", "技工", "駕駛", "聘用", "約僱", "駐外雇員")


def _numbers(text: str, limit: int | None = None) -> tuple[list[str], str]:
    """Leading number tokens of `text` (at most `limit`) and the text after them."""
    out: list[str] = []
    pos = 0
    while limit is None or len(out) < limit:
        m = _NUM.match(text, pos)
        if not m:
            break
        out.append(m.group(1))
        pos = m.end()
    return out, text[pos:].strip()


def _int(tok: str) -> int | None:
    return parse_amount(tok)


def _dec(tok: str) -> Decimal | None:
    return None if tok == "-" else Decimal(tok.replace(",", ""))


# --- vehicles -----------------------------------------------------------------------------


def read_vehicles(ctx: ReadContext) -> VehicleTable | None:
    if not ctx.has("vehicles"):
        return None
    table = VehicleTable()
    group: str | None = None
    for ln in ctx.lines("vehicles"):
        t = ln.text.strip()
        if _GROUP.match(ln.key):
            group = ln.key.rstrip(":：")
        elif ln.key.startswith("合計"):
            table.total = _vehicle_total(ctx, ln, table)
            break  # what follows is the next table's header
        elif m := _ROW_COUNT_FIRST.match(t):
            row = _vehicle_row(ctx, ln, m[2], m[1], m[3], group)
            if row:
                table.rows.append(row)
    return table


def _vehicle_row(ctx: ReadContext, ln: Line, name: str, count: str, rest: str,
                 group: str | None) -> VehicleRow | None:
    toks, remark = _numbers(rest, 8)
    shapes_ok = (
        len(toks) == 8
        and re.fullmatch(r"-|\d{2,3}\.\d{2}", toks[1])
        and re.fullmatch(r"-|\d+\.\d+", toks[4])
        and all(is_amount(toks[i]) for i in (0, 2, 3, 5, 6, 7))
        and is_amount(count)
    )
    if not shapes_ok:
        ctx.report("unparsed", "vehicles", ln.no, f"vehicle row not in the expected columns: {ln.text}")
        return None
    return VehicleRow(
        loc=Loc(line=ln.no), table="vehicles", group=group, name=name, count=_int(count),
        passengers=_int(toks[0]), acquired=None if toks[1] == "-" else toks[1],
        displacement_cc=_int(toks[2]), fuel_litres=_int(toks[3]), fuel_unit_price=_dec(toks[4]),
        fuel_cost=_int(toks[5]), maintenance=_int(toks[6]), other=_int(toks[7]),
        description=remark or None,
    )


def _vehicle_total(ctx: ReadContext, ln: Line, table: VehicleTable) -> VehicleTotal:
    toks, _ = _numbers(re.sub(r"^合\s*計", "", ln.text.strip()))
    bad = [t for t in toks if not is_amount(t)]
    if bad:  # figures the number grammar refuses (`1.5`, `0,12`): none of the row is taken
        ctx.report("unparsed", "vehicles", ln.no, f"合計 row with figures that are not "
                   f"amounts: {', '.join(bad)}")
        return VehicleTotal(loc=Loc(line=ln.no), table="vehicles")
    values = [_int(t) for t in toks]
    names = ["other", "maintenance", "fuel_cost", "fuel_litres", "count"]  # right-aligned
    fields = dict(zip(names, reversed(values), strict=False))
    if len(values) > len(names) or len(values) < 3:
        ctx.report("unparsed", "vehicles", ln.no, f"合計 row with {len(values)} figures")
    if "count" in fields and fields["count"] != sum(r.count or 0 for r in table.rows):
        ctx.report("inconsistent", "vehicles", ln.no, "合計 車輛數 is not the sum of the rows")
    return VehicleTotal(loc=Loc(line=ln.no), table="vehicles", **fields)


# --- offices ------------------------------------------------------------------------------

_LEFT = ("owned_area", "owned_cost", "owned_maintenance", "free_area", "free_maintenance")
_RIGHT = ("rented_area", "rented_deposit", "rented_rent", "rented_maintenance",
          "total_area", "total_deposit", "total_rent", "total_maintenance")
_AREAS = {"owned_area", "free_area", "rented_area", "total_area"}


def _office_lines(ctx: ReadContext) -> list[Line]:
    """The section's lines, from the column header printed just before its title."""
    nb = ctx.doc.nonblank()
    start = ctx.sections["offices"].start
    idx = next(i for i, ln in enumerate(nb) if ln.no >= start)
    for j in range(idx - 1, max(-1, idx - 16), -1):
        if nb[j].key.startswith("區分"):
            return nb[j:idx] + ctx.lines("offices")
    return ctx.lines("offices")


def _office_figures(ctx: ReadContext, ln: Line, text: str, names: tuple[str, ...],
                    unit_fields: dict[int, str]) -> dict[str, Any] | None:
    """Figures of one half: the numbers in column order; a 單位數 (`3筆`) is placed by how many
    numbers precede it (unit_fields: count of numbers before -> field)."""
    out: dict[str, Any] = {}
    numbers: list[str] = []
    for tok in text.split():
        if _UNITS.match(tok) and len(numbers) in unit_fields:
            out[unit_fields[len(numbers)]] = tok
        elif re.fullmatch(r"-|\d[\d,]*(?:\.\d+)?", tok):
            numbers.append(tok)
        else:
            return None
    if len(numbers) != len(names):
        ctx.report("unparsed", "offices", ln.no, f"{len(numbers)} figures, expected {len(names)}")
        return None
    bad = [tok for name, tok in zip(names, numbers, strict=True)
           if name not in _AREAS and not is_amount(tok)]
    if bad:
        ctx.report("unparsed", "offices", ln.no, f"figures that are not amounts: {', '.join(bad)}")
        return None
    for name, tok in zip(names, numbers, strict=True):
        out[name] = _dec(tok) if name in _AREAS else _int(tok)
    return out


def read_offices(ctx: ReadContext) -> OfficeTable | None:
    if not ctx.has("offices"):
        return None
    table = OfficeTable()
    right = False
    staff_lines: list[Line] = []
    in_staff = False
    r = 0  # next left row to receive its right half
    total: dict[str, Any] = {}
    for ln in _office_lines(ctx):
        t = ln.text.strip()
        key = ln.key
        if key.startswith("預算員額"):
            in_staff = True
        m = _OFFICE_ROW.match(t)
        if m:
            in_staff = False
        if in_staff:
            staff_lines.append(ln)
            continue
        if "有償租用" in key:
            right = True
            continue
        if m:
            figures = (
                _office_figures(ctx, ln, m[4] or "", _RIGHT, {0: "rented_units"}) if right
                else _office_figures(ctx, ln, m[4] or "", _LEFT, {0: "owned_units", 3: "free_units"})
            )
            if figures is None:
                continue
            if not right:
                number = m[1] or m[2]
                parent = None if m[1] else next(
                    (x.name for x in reversed(table.rows) if not x.number.isdigit()), None)
                table.rows.append(OfficeRow(loc=Loc(line=ln.no), table="offices", number=number,
                                            name=m[3].strip(), parent=parent, **figures))
            elif r < len(table.rows):
                row = table.rows[r]
                if row.name != m[3].strip():
                    ctx.report("inconsistent", "offices", ln.no,
                               f"right-half row {m[3].strip()} does not pair with {row.name}")
                for name, value in figures.items():
                    setattr(row, name, value)
                    row.set_loc(name, ln.no)
                r += 1
            continue
        body = re.sub(r"合\s*計", " ", t)
        if ("合計" in key and not right) or (right and re.fullmatch(r"[-\d,.\s]+", t)):
            figures = (
                _office_figures(ctx, ln, body, _RIGHT, {0: "rented_units"}) if right
                else _office_figures(ctx, ln, body, _LEFT, {0: "owned_units", 3: "free_units"})
            )
            if figures:
                if not total:
                    total["line"] = ln.no
                else:
                    total.setdefault("lines", {}).update({k: ln.no for k in figures})
                total.update(figures)
    if total:
        table.total = OfficeTotal(table="offices", **total)
    _read_staff(ctx, table, staff_lines)
    return table


def _read_staff(ctx: ReadContext, table: OfficeTable, lines: list[Line]) -> None:
    """預算員額 in the table header: class names and their figures are printed apart, the
    figures in the budget office's order of the classes."""
    if not lines:
        return
    text = "".join(ln.key for ln in lines)
    values: list[int] = []
    for ln in lines:
        if re.match(r"合計", ln.key):
            m = re.search(r"(\d+)", ln.key)
            table.staff_total = int(m[1]) if m else None
            continue
        values.extend(int(x) for x in re.findall(r"\d+", ln.text))
    present = [c for c in STAFF_CLASSES if c in text]
    table.staff_loc = Loc(line=lines[0].no)
    if len(values) != len(present):
        ctx.report("unparsed", "offices", lines[0].no,
                   f"預算員額: {len(values)} figures for {len(present)} classes")
        return
    table.staff = dict(zip(present, values, strict=True))
    if table.staff_total is not None and sum(values) != table.staff_total:
        ctx.report("inconsistent", "offices", lines[0].no, "預算員額 合計 is not the sum of the classes")
