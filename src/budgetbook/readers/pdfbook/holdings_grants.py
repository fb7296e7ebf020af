"""Readers of 補助經費分析表 (subsidies) and 捐助經費分析表 (donations) from a PDF book.

Both are spreads (labels, 補助內容/捐助內容 and the first 經常門 columns on the left page, the
other columns and 合計 on the right), read as one by `holdings_layout.rows`. Each row's kind is
told by how its label starts: `合計`; subsidies `1.1234561000` (work plan, its name on the row
below), `(1)` item with its code (`01`), `[1]` recipient; donations `1.` category, `4040` object,
`(1)1234561000` work plan, `[1]` item. Rows without figures continue the label, the 捐助對象 or
the 補助內容/捐助內容 of the row above (also across pages).
"""

from __future__ import annotations

import re
from typing import Any

from ...model.holdings import (
    DonationCategory,
    DonationGroup,
    DonationItem,
    DonationObject,
    DonationTable,
    DonationTotal,
    SubsidyGroup,
    SubsidyItem,
    SubsidyRecipient,
    SubsidyTable,
    SubsidyTotal,
)
from . import PdfContext
from .holdings_layout import Row, amount, join, rows, text_block
from .layout import Cell, squash

GRANT = ("personnel", "operating", "current_other", "land", "construction", "capital_other",
         "amount")
_MONEY = [("personnel", "人事費"), ("operating", "業務費"), ("current_other", "其{o}"),
          ("land", "土地"), ("construction", "營建工程"), ("capital_other", "其{o}"),
          ("amount", "合計")]
# the 合計 label stands on a row of its own between the label row and the 人事費 row
DEPTH = 3
_CODE = re.compile(r"^(\d{2})(?:\s+(.*))?$")  # the code printed before 經常性 / 115-118
_TRAILING_CODE = re.compile(r"^(.*?)\s+(\d{2})$")


def _labels(lead: list[tuple[str, str]], other: str, land: bool) -> list[tuple[str, str]]:
    money = [(n, w.format(o=other)) for n, w in _MONEY if land or n != "land"]
    return lead + money


class _Reader:
    """What the rows of one table build: the open record of each level, the text a row without
    figures continues, and each leaf's 內容 cells (joined once the table is read)."""

    def __init__(self, ctx: PdfContext, table: str):
        self.ctx = ctx
        self.table = table
        self.target: tuple[Any, str] | None = None  # (record, field) a wrapped label continues
        self.leaf: Any = None
        self.texts: list[tuple[Any, list[Cell]]] = []  # leaf -> its 內容 cells

    def record(self, cls: Any, row: Row, **fields: Any) -> Any:
        """A record from the row's figures: `loc` the 合計 cell's, each other figure its own."""
        cells = {n: row.cells[n] for n in (*GRANT, "budget_year", "years") if row.text(n)}
        values: dict[str, Any] = {}
        for n in GRANT:
            if n in cells:
                try:
                    values[n] = amount(cells[n].text)
                except ValueError as exc:
                    self.ctx.report("unparsed", self.table, row.line.no, f"{n}: {exc}")
        main = cells.get("amount") or next(iter(cells.values()), None) or row.cells["name"]
        return cls(loc=main.loc, table=self.table, **fields, **values,
                   locs={n: c.loc for n, c in cells.items() if c is not main})

    def open_leaf(self, rec: Any, row: Row, text_field: str = "description") -> None:
        self.leaf = rec
        self.texts.append((rec, [row.cells[text_field]] if row.text(text_field) else []))

    def go_on(self, row: Row, extra: tuple[str, ...] = ()) -> None:
        """A row without figures: its label continues the open label, its other text the leaf's."""
        name = row.text("name")
        if name and self.target is not None:
            rec, attr = self.target
            setattr(rec, attr, join([getattr(rec, attr) or "", name]))
        for f in extra:
            if row.text(f) and self.leaf is not None:
                setattr(self.leaf, f, join([getattr(self.leaf, f) or "", row.text(f)]))
        if row.text("description") and self.texts and self.leaf is self.texts[-1][0]:
            self.texts[-1][1].append(row.cells["description"])
        elif row.text("description"):
            self.ctx.report("unparsed", self.table, row.line.no,
                            f"內容 outside any row: {row.text('description')}")

    def finish(self) -> None:
        for rec, cells in self.texts:
            rec.description = text_block(cells, self.table)

    def stray(self, row: Row, what: str) -> None:
        self.ctx.report("unparsed", self.table, row.line.no, f"{what}: {squash(row.line.text)}")


def _has_figures(row: Row) -> bool:
    return any(row.text(n) for n in (*GRANT, "budget_year"))


def _code(row: Row) -> tuple[str | None, str, str | None]:
    """The row's code (`01`), its label and its 起訖 (`經常性`, `115-118`): the code is printed
    between label and 起訖 and can fall in either cell."""
    name, years = row.text("name"), row.text("years")
    if m := _CODE.match(years):
        return m.group(1), name, m.group(2)
    if m := _TRAILING_CODE.match(name):
        return m.group(2), m.group(1), years or None
    return None, name, years or None


def _is_footer(row: Row, last: set[int]) -> bool:
    return row.line.no in last and squash(row.line.text).isdigit()  # the page numbers


# --- 補助經費分析表 ---------------------------------------------------------------------------

_SUBSIDY = [_labels([("name", "補助計畫"), ("years", "起訖"), ("description", "補助內容"),
                     ("budget_year", "機關列入")], other, land=True) for other in ("它", "他")]


def read_subsidies(ctx: PdfContext, sub_unit: str) -> SubsidyTable | None:
    pages = ctx.tables("subsidies", sub_unit)
    if not pages:
        return None
    r = _Reader(ctx, "subsidies")
    table = SubsidyTable()
    last = {tp.rows[-1].no for tp in pages if tp.rows}
    group: SubsidyGroup | None = None
    item: SubsidyItem | None = None
    for row in rows(pages, _SUBSIDY, ctx.report, r.table, DEPTH):
        key = squash(row.text("name"))
        if _is_footer(row, last):
            continue
        if not _has_figures(row):
            r.go_on(row)
            continue
        r.leaf = None  # a row with figures ends the recipient above
        if key.startswith("合計"):
            table.total = r.record(SubsidyTotal, row)
            r.target = None
        elif m := re.match(r"^(\d+)\.(\d{10})$", key):
            group = r.record(SubsidyGroup, row, number=m[1], work_plan_code=m[2],
                             work_plan_name="")
            table.groups.append(group)
            r.target, item = (group, "work_plan_name"), None
        elif (m := re.match(r"^\((\d+)\)", key)) and group is not None:
            code, name, _ = _code(row)
            item = r.record(SubsidyItem, row, number=f"{code or ''}({m[1]})",
                            name=squash(name)[len(m[0]):])
            group.items.append(item)
            r.target = (item, "name")
        elif (m := re.match(r"^\[(\d+)\](.*)$", key)) and item is not None:
            _, _, years = _code(row)
            rec = r.record(SubsidyRecipient, row, number=f"[{m[1]}]", name=m[2], years=years,
                           budget_year=row.text("budget_year") or None)
            item.recipients.append(rec)
            r.target = (rec, "name")
            r.open_leaf(rec, row)
        else:
            r.stray(row, "row of no known kind")
    r.finish()
    return table


# --- 捐助經費分析表 ---------------------------------------------------------------------------

_DONATION = [_labels([("name", "捐助計畫"), ("years", "起訖"), ("recipient", "捐助對象"),
                      ("description", "捐助內容")], other, land=False) for other in ("他", "它")]


def read_donations(ctx: PdfContext, sub_unit: str) -> DonationTable | None:
    pages = ctx.tables("donations", sub_unit)
    if not pages:
        return None
    r = _Reader(ctx, "donations")
    table = DonationTable()
    last = {tp.rows[-1].no for tp in pages if tp.rows}
    cat: DonationCategory | None = None
    obj: DonationObject | None = None
    group: DonationGroup | None = None
    for row in rows(pages, _DONATION, ctx.report, r.table, DEPTH):
        key = squash(row.text("name"))
        if _is_footer(row, last):
            continue
        if not _has_figures(row):
            r.go_on(row, ("recipient",))
            continue
        r.leaf = None  # a row with figures ends the item above
        if key.startswith("合計"):
            table.total = r.record(DonationTotal, row)
            r.target = None
        elif m := re.match(r"^(\d+)\.(\D.*)$", key):
            cat = r.record(DonationCategory, row, number=m[1], name=m[2])
            table.categories.append(cat)
            r.target, obj, group = (cat, "name"), None, None
        elif (m := re.match(r"^(\d{4})(\D.*)$", key)) and cat is not None:
            obj = r.record(DonationObject, row, object_code=m[1], object_name=m[2])
            cat.objects.append(obj)
            r.target, group = (obj, "object_name"), None
        elif (m := re.match(r"^(\(\d+\))(\d{10})$", key)) and obj is not None:
            group = r.record(DonationGroup, row, number=m[1], work_plan_code=m[2],
                             work_plan_name="")
            obj.groups.append(group)
            r.target = (group, "work_plan_name")
        elif (m := re.match(r"^\[(\d+)\]", key)) and group is not None:
            code, name, years = _code(row)
            item = r.record(DonationItem, row, number=f"[{m[1]}]", recipient_number=code,
                            name=squash(name)[len(m[0]):], years=years,
                            recipient=row.text("recipient") or None)
            group.items.append(item)
            r.target = (item, "name")
            r.open_leaf(item, row)
        else:
            r.stray(row, "row of no known kind")
    r.finish()
    return table


__all__ = ["read_donations", "read_subsidies"]
