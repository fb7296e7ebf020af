"""The rows of 歲出計畫說明提要與各項費用明細表 (see `city_plans`), one row at a time, into a work
plan's sub-plans, object lines, detail lines and cases; and the plan built into the model.

A row is what its cells hold: a name (`合計`, `02一般業務`, `2054 一般事務費`) with its 預算數;
單位, 數量, 單價 and 預算數 without a name (a detail line of the last object line); a 預算數 with
`01-…` in 說明 (a case, whose object lines follow); or 說明 alone (the last record's text
carries on). 計畫說明 (`較上年度預算數…`) beside 合計 or a sub-plan is their text; a multi-year
total (總經費/總工程費) stated in a case's or line's 說明 is its `total_cost`, never summed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model.base import Loc, TextBlock
from ...model.plans import Case, DetailLine, ObjectLine, SubPlan, WorkPlan
from ...numbers import parse_amount
from ...pdf import PdfLine
from . import PdfContext
from .layout import Cell
from .plans_text import clean, text_block

TABLE = "detail_plans"
_SUB_PLAN = re.compile(r"^(\d{2})(?!\d)\s*(\S.*)$")
_OBJECT = re.compile(r"^([1-6]\d{3})(?!\d)\s*(\D.*)$")
_CASE = re.compile(r"^(\d{2})(\S?)-\s*(\S.*)$")  # `01建-置…`: the hyphen printed out of order
_BREAKDOWN = re.compile(r"^總(?:工程費|經費)")
_COMMA = re.compile(r"-?\d{1,3}(?:,\d{3})*")
_PRICE = re.compile(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?")
_STRAY = re.compile(r"(-?\d{1,3}(?:,\d{3})+|\d{1,3})\s*(\d{1,2}\.(?!\d).*)$")
_TOTAL = re.compile(r"總(?:經費|工程費)[^0-9。；]{0,20}?(\d[\d,]*)\s*(千元|元)")


@dataclass
class _Rec:
    """A record being read: the model's fields so far and its 說明 cells."""

    kind: str  # sub, object, detail, case
    fields: dict[str, object]
    loc: Loc
    locs: dict[str, Loc]
    desc: list[Cell] = field(default_factory=list)
    children: list[_Rec] = field(default_factory=list)
    cases: list[_Rec] = field(default_factory=list)


@dataclass
class Plan:
    code: str
    name: str
    business: str | None
    code_loc: Loc
    bands: int = 1
    head_amounts: list[tuple[int, Loc]] = field(default_factory=list)
    totals: list[tuple[int | None, Loc]] = field(default_factory=list)  # its 合計 rows
    content: list[Cell] = field(default_factory=list)
    results: list[Cell] = field(default_factory=list)
    desc: list[Cell] = field(default_factory=list)
    subs: list[_Rec] = field(default_factory=list)
    objects: list[_Rec] = field(default_factory=list)  # a plan without sub-plans prints these
    # where the rows stand: the current sub-plan, case, object lines, the record 說明 continues
    sub: _Rec | None = None
    case: _Rec | None = None
    level1: _Rec | None = None
    level2: _Rec | None = None
    last: _Rec | Plan | None = None
    breakdown: bool = False  # the rows detail a multi-year total (總經費), not this year's money


class Table:
    """The rows of one page, read into `plan`."""

    def __init__(self, ctx: PdfContext, plan: Plan) -> None:
        self.ctx, self.plan = ctx, plan

    def report(self, row: PdfLine, message: str) -> None:
        self.ctx.report("unparsed", TABLE, row.no, f"work plan {self.plan.code}: {message}")

    def row(self, row: PdfLine, cells: dict[str, Cell]) -> None:
        p = self.plan
        name, amount_cell, desc = cells.get("name"), cells.get("amount"), cells.get("desc")
        if amount_cell is not None and not _COMMA.fullmatch(amount_cell.text):
            # a list number (`1.`) or a long number without separators strayed from 說明
            amount_cell, desc = _stray(amount_cell, desc)
        if name is not None and clean(name.text):
            self._named(row, clean(name.text), name, amount_cell, desc)
            return
        figures = [cells.get(k) for k in ("unit", "quantity", "price")]
        if amount_cell is not None and any(figures):
            self._detail(row, cells, amount_cell, desc)
        elif amount_cell is not None and desc is not None and _CASE.match(clean(desc.text)):
            self._case(row, amount_cell, desc)
        elif amount_cell is not None and desc is not None and _BREAKDOWN.match(clean(desc.text)):
            self._breakdown(amount_cell)
        elif cells.get("unit") is not None and not any(figures[1:]) and amount_cell is None \
                and isinstance(p.last, _Rec) and p.last.kind == "detail":
            unit = cells["unit"]  # a unit wrapped in its cell (`臺、月、` / `張`)
            p.last.fields["unit"] = str(p.last.fields["unit"] or "") + clean(unit.text)
            if desc is not None:
                p.last.desc.append(desc)
        elif amount_cell is not None or any(figures):
            self.report(row, f"figures without a name or a case: {row.text.strip()}")
        elif desc is not None and p.last is not None:
            p.last.desc.append(desc)
        elif desc is not None:
            self.report(row, f"說明 before any row: {desc.text}")

    def _named(self, row: PdfLine, text: str, name: Cell, amount_cell: Cell | None,
               desc: Cell | None) -> None:
        p = self.plan
        amount = self._amount(amount_cell)
        loc = amount_cell.loc if amount_cell is not None else name.loc
        if amount_cell is None:
            if isinstance(p.last, _Rec) and p.last.kind in ("sub", "object"):
                p.last.fields["name"] = str(p.last.fields["name"]) + text  # a wrapped name
            else:
                self.report(row, f"{text} without a figure")
            return
        p.breakdown = False
        if text == "合計":
            p.totals.append((amount, loc))
            p.sub = p.case = p.level1 = p.level2 = None
            p.last = p
            if desc is not None:
                p.desc.append(desc)
            return
        obj, sub = _OBJECT.match(text), _SUB_PLAN.match(text)
        code_loc = Cell(name.text, row, name.start, name.start + 4).loc
        if obj:
            code = obj.group(1)
            level = 1 if code.endswith("000") else 2
            parent = None
            if level == 2:
                parent = p.level1.fields["code"] if p.level1 else code[0] + "000"
            rec = _Rec("object", {"code": code, "name": obj.group(2), "level": level,
                                  "amount": amount, "parent_code": parent}, loc,
                       {"code": code_loc})
            owner = p.case or p.sub
            (owner.children if owner is not None else p.objects).append(rec)
            if level == 1:
                p.level1, p.level2 = rec, None
            else:
                p.level2 = rec
        elif sub and not obj:
            rec = _Rec("sub", {"no": sub.group(1), "name": sub.group(2), "amount": amount}, loc,
                       {"no": code_loc})
            p.subs.append(rec)
            p.sub, p.case, p.level1, p.level2 = rec, None, None, None
        else:
            self.report(row, f"{text} {amount_cell.text} is neither a sub-plan nor an object "
                        "line")
            return
        if desc is not None:
            rec.desc.append(desc)
        p.last = rec

    def _breakdown(self, amount_cell: Cell) -> None:
        """`總工程費(或總經費)明細如下:` with the total: the case's multi-year total; the lines
        below break it down and hold no money of this year."""
        p = self.plan
        owner = p.case
        if owner is not None:
            owner.fields["total_cost"] = self._amount(amount_cell)
            owner.locs["total_cost"] = amount_cell.loc
        p.breakdown = True

    def _detail(self, row: PdfLine, cells: dict[str, Cell], amount_cell: Cell,
                desc: Cell | None) -> None:
        p = self.plan
        owner = p.level2 or p.level1
        if owner is None:
            self.report(row, f"detail line before any object line: {row.text.strip()}")
            return
        unit, qty, price = cells.get("unit"), cells.get("quantity"), cells.get("price")
        locs = {k: c.loc for k, c in (("unit", unit), ("quantity", qty), ("unit_price", price))
                if c is not None}
        price_value = None
        if price is not None:
            if _PRICE.fullmatch(price.text):
                price_value = float(price.text.replace(",", ""))
            else:
                self.report(row, f"單價 {price.text!r} is no figure")
        figure = self._amount(amount_cell)
        rec = _Rec("detail", {"unit": clean(unit.text) if unit else None,
                              "quantity": clean(qty.text) if qty else None,
                              "unit_price": price_value,
                              "amount": None if p.breakdown else figure},
                   amount_cell.loc, locs)
        if p.breakdown:
            rec.fields["total_cost"] = figure
        if desc is not None:
            rec.desc.append(desc)
        owner.children.append(rec)
        p.last = rec

    def _case(self, row: PdfLine, amount_cell: Cell, desc: Cell) -> None:
        p = self.plan
        if p.sub is None:
            self.report(row, f"case before any sub-plan: {desc.text}")
            return
        m = _CASE.match(clean(desc.text))
        assert m is not None
        rec = _Rec("case", {"case_no": m.group(1), "name": m.group(2) + m.group(3),
                            "amount": self._amount(amount_cell)}, amount_cell.loc,
                   {"case_no": desc.loc})
        p.sub.cases.append(rec)
        p.breakdown = False
        p.case, p.level1, p.level2, p.last = rec, None, None, rec

    def _amount(self, cell: Cell | None) -> int | None:
        if cell is None:
            return None
        try:
            return parse_amount(cell.text)
        except ValueError:
            self.ctx.report("ambiguous_number", TABLE, cell.line.no,
                            f"work plan {self.plan.code}: {cell.text!r} in 預算數 is no amount")
            return None


def _stray(cell: Cell, desc: Cell | None) -> tuple[Cell | None, Cell | None]:
    """The amount and the 說明 of an amount cell holding more than a figure: a list number
    (`1.`) printed into the column after the amount, or text without an amount at all."""
    m = _STRAY.match(cell.text)
    if m is None:
        return None, _join(cell, desc)
    end = cell.start + len(cell.line.text[cell.start:]) - len(cell.line.text[cell.start:].lstrip())
    figure_end = end + m.end(1)
    rest_start = end + m.start(2)
    amount = Cell(m.group(1), cell.line, end, figure_end)
    rest = Cell(cell.line.text[rest_start:cell.end].strip(), cell.line, rest_start, cell.end)
    return amount, _join(rest, desc)


def _join(first: Cell, second: Cell | None) -> Cell:
    """Two cells of one row as one (a figure strayed left of its 說明)."""
    if second is None:
        return first
    return Cell(first.line.text[first.start:second.end].strip(), first.line, first.start,
                second.end)


def _text(cells: list[Cell]) -> TextBlock | None:
    block = text_block(cells)
    if block is not None:
        block.table = TABLE
    return block


def _total_cost(block: TextBlock | None) -> int | None:
    if block is None:
        return None
    m = _TOTAL.search(block.text.replace("\n", ""))
    if m is None:
        return None
    return int(m.group(1).replace(",", "")) * (1000 if m.group(2) == "千元" else 1)


def _object(r: _Rec) -> ObjectLine:
    details = []
    for d in r.children:
        block = _text(d.desc)
        fields = {"total_cost": _total_cost(block), **d.fields}
        details.append(DetailLine(loc=d.loc, locs=d.locs, table=TABLE, description=block,
                                  **fields))
    return ObjectLine(loc=r.loc, locs=r.locs, table=TABLE, description=_text(r.desc),
                      detail_lines=details, **r.fields)


def _case(r: _Rec) -> Case:
    block = _text(r.desc)
    fields = {"total_cost": _total_cost(block), **r.fields}
    return Case(loc=r.loc, locs=r.locs, table=TABLE, description=block,
                object_lines=[_object(o) for o in r.children], **fields)


def build(ctx: PdfContext, p: Plan) -> WorkPlan:
    amounts = [a for a, _ in p.totals]
    amount = None if not amounts or None in amounts else sum(a for a in amounts if a is not None)
    loc = p.totals[0][1] if p.totals else p.code_loc
    heads = sum(a for a, _ in p.head_amounts)
    if p.head_amounts and amount is not None and abs(heads - amount) >= 1000 * len(p.head_amounts):
        ctx.report("inconsistent", TABLE, p.head_amounts[0][1].line,
                   f"work plan {p.code}: 預算金額 {heads} in its header, 合計 {amount}")
    subs = [SubPlan(loc=s.loc, locs=s.locs, table=TABLE, description=_text(s.desc),
                    object_lines=[_object(o) for o in s.children],
                    cases=[_case(c) for c in s.cases], **s.fields)
            for s in p.subs]
    return WorkPlan(loc=loc, locs={"code": p.code_loc}, table=TABLE, code=p.code, name=p.name,
                    business_plan_name=p.business, amount=amount,
                    content=_text(p.content), expected_results=_text(p.results),
                    description=_text(p.desc), sub_plans=subs,
                    object_lines=[_object(o) for o in p.objects])
