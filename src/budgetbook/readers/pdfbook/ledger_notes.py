"""PDF reader of 歲入項目說明提要表: one item (a 節, or a 目 without 節) per page or run of pages.

    來源子目及  <目 code>  -<節 code>                       | 承辦單位 text (wraps above and
                預算金額  <amount>  承辦單位               |   below, right of its label)
    細目與編號  <目 name>  -<節 name>
    歲 入 項 目 說 明
    一、項目內容                 二、法令依據               <- two columns of text
    金 額 及 說 明
    款 項 目 節 名 稱 金 額 說 明                            <- the item's branch of the tree,
    <code> / <ordinal> <name> <amount> <說明 of the amount>     as in 歲入來源別預算表

A long item goes on over pages that print its top again; they are one item. The tree gives the
item's ordinal and repeats its amount (checked against the top's, never replaced by it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...model.base import TextBlock
from ...model.ledgers import RevenueNote
from ...pdf import PdfLine
from ..booktext.ledger_codes import revenue_level, revenue_parent
from .layout import Cell, Column, TablePage, find_header, squash
from .ledger_cells import (
    CODE,
    Report,
    block,
    figure,
    is_page_number,
    labelled,
    row_cells,
    split_tail,
    text_of,
)

if TYPE_CHECKING:
    from . import PdfContext

_TOP = [("label", "來源子目及"), ("amount_label", "預算金額"), ("units_label", "承辦單位")]


@dataclass
class Item:
    codes: list[Cell]  # as printed on the top: [目, 節] or [目]
    names: list[Cell]
    amount: Cell | None
    units: list[Cell] = field(default_factory=list)
    content: list[Cell] = field(default_factory=list)
    basis: list[Cell] = field(default_factory=list)
    tree: dict[str, tuple[Cell | None, str | None]] = field(default_factory=dict)  # code -> amount, ordinal

    @property
    def code(self) -> str:
        return squash(self.codes[-1].text).lstrip("-")


def read_notes(ctx: PdfContext, sid: str, sub_unit: str) -> list[RevenueNote]:
    report = Report(ctx, sid)
    items: list[Item] = []
    for page in ctx.tables(sid, sub_unit):
        item = _top(page, report)
        if item is None:
            continue
        if items and items[-1].code == item.code:  # the item goes on from the page before
            item = items[-1]
        else:
            items.append(item)
        _parts(page, item)
        _tree(page, item, report)
    return [_note(it, sid, report) for it in items]


def _index(page: TablePage, words: str) -> int | None:
    return next((i for i, r in enumerate(page.rows) if words in squash(r.text)), None)


def _top(page: TablePage, report: Report) -> Item | None:
    rows = page.rows
    found = find_header(rows, _TOP)
    end = _index(page, "歲入項目說明")
    if found is None or end is None:
        report("unparsed", rows[0].no if rows else None,
               f"page {page.number}: no 來源子目及 / 預算金額 / 承辦單位 block")
        return None
    at, (label, amount_label, units_label) = found
    start = next((i + 1 for i, r in enumerate(rows[:at]) if "中華民國" in r.text
                  or "單位：" in r.text), 0)
    cols = [Column("label", label.x0, label.x1), Column("text", label.x1 + 1, 0),
            Column("amount", amount_label.x1 + 1, 0), Column("units_label", units_label.x0, 0),
            Column("units", units_label.x1 + 1, 0)]
    codes: list[Cell] = []
    names: list[Cell] = []
    amount = None
    units: list[Cell] = []
    for i in range(start, end):
        cells = row_cells(rows[i], cols)
        text = cells.get("text")
        if i == at and text:
            codes = _pieces(text)
        elif text and "預算金額" not in squash(text.text):
            names.extend(_pieces(text))
        if cells.get("amount"):
            amount = cells["amount"]
        if cells.get("units"):
            units.append(cells["units"])
    if not codes or not all(CODE.fullmatch(squash(c.text).lstrip("-")) for c in codes):
        report("unparsed", rows[at].no, f"page {page.number}: no item code on {rows[at].text!r}")
        return None
    return Item(codes, names, amount, units)


def _pieces(cell: Cell) -> list[Cell]:
    """`0412340300  -0412340301`: the 目's and the 節's, split at the gap before the `-`."""
    text = cell.line.text
    cut = text.find(" -", cell.start, cell.end)
    if cut < 0:
        return [cell]
    return [Cell(text[cell.start:cut].strip(), cell.line, cell.start, cut),
            Cell(text[cut + 1:cell.end].strip(), cell.line, cut + 1, cell.end)]


def _parts(page: TablePage, item: Item) -> None:
    """一、項目內容 (left) and 二、法令依據 (right, from its label's left edge)."""
    rows = page.rows
    found = find_header(rows, [("content", "一、項目內容"), ("basis", "二、法令依據")])
    end = _index(page, "金額及說明")
    if found is None or end is None:
        return
    at, (_, basis) = found
    cols = [Column("content", -1e9, 0), Column("basis", basis.x0 - 2, 0)]
    for i in range(at + 1, end):
        cells = _by_start(rows[i], cols)
        if cells.get("content"):
            item.content.append(cells["content"])
        if cells.get("basis"):
            item.basis.append(cells["basis"])


def _by_start(line: PdfLine, cols: list[Column]) -> dict[str, Cell]:
    """Text columns are left-aligned: a token belongs to the last column starting left of it."""
    spans: dict[str, tuple[int, int]] = {}
    for m in re.finditer(r"\S+", line.text):
        box = line.box(m.start(), m.end())
        if box is None:
            continue
        name = [c for c in cols if c.x0 <= box.x0][-1].name
        s, e = spans.get(name, (m.start(), m.end()))
        spans[name] = (min(s, m.start()), max(e, m.end()))
    return {k: Cell(line.text[s:e], line, s, e) for k, (s, e) in spans.items()}


def _tree(page: TablePage, item: Item, report: Report) -> None:
    """The item's branch: each code's amount and ordinal (an ordinal may print on the row
    under its name)."""
    rows = page.rows
    found = find_header(rows, [("left", "款"), ("name", "名稱"), ("amount", "金額")])
    if found is None:
        return
    at, (left, _, amount) = found
    cols = [Column("left", left.x0, 0), Column("amount", amount.x0, 0)]
    code: str | None = None
    last: str | None = None
    for i in range(at + 1, len(rows)):
        if is_page_number(rows, i):
            continue
        cells = row_cells(rows[i], cols)
        name = cells.get("left")
        key = squash(text_of(name.line, name.start, name.end)) if name else ""
        fig, _ = split_tail(cells.get("amount"), bool(name), amount.x1, report)
        if CODE.fullmatch(key):
            code = key
        elif key.isdigit() and last and item.tree[last][1] is None:
            item.tree[last] = (item.tree[last][0], key)
        elif key and code:
            head = key[:len(key) - len(key.lstrip("0123456789"))]
            item.tree[code] = (fig, head or None)
            last, code = code, None


def _note(it: Item, sid: str, report: Report) -> RevenueNote:
    code = it.code
    amount, printed = figure(it.amount, report)
    tree_amount, ordinal = it.tree.get(code, (None, None))
    in_tree, tree_printed = figure(tree_amount, report)
    line = it.codes[-1].line.no
    if not printed:
        report("unparsed", line, f"item {code}: no 預算金額 read")
    if tree_printed and in_tree != amount:
        report("inconsistent", tree_amount.line.no if tree_amount else line,
               f"item {code}: 預算金額 {amount} but the tree prints {in_tree}")
    parent = revenue_parent(code)
    printed_codes = {squash(c.text).lstrip("-") for c in it.codes} | set(it.tree)
    name_cell = it.names[-1] if it.names else None
    name = squash(text_of(name_cell.line, name_cell.start, name_cell.end)).lstrip("-") \
        if name_cell else ""
    locs = {"code": it.codes[-1].loc}
    if name_cell:
        locs["name"] = name_cell.loc
    if it.units:
        locs["units"] = it.units[0].loc
    if tree_amount is not None and tree_printed:
        locs["tree_amount"] = tree_amount.loc
    units = block(it.units, sid)
    content, basis = block(it.content, sid), block(it.basis, sid)
    return RevenueNote(
        loc=it.amount.loc if it.amount and printed else it.codes[-1].loc, locs=locs, table=sid,
        code=code, name=name, level=revenue_level(code), ordinal=ordinal,
        parent_code=parent if parent in printed_codes else None, amount=amount,
        units=units.text if units else None, content=content, legal_basis=basis,
        description=_description(content, basis, sid))


def _description(content: TextBlock | None, basis: TextBlock | None,
                 sid: str) -> TextBlock | None:
    """The whole 說明 of the upper half: both parts under their labels, each part's lines
    marked where they start."""
    return labelled((("一、項目內容：", content), ("二、法令依據：", basis)), sid)
