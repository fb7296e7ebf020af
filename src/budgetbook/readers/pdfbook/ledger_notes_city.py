"""歲入項目說明提要與預算明細表, a city's form of 歲入項目說明提要表: one item per page or run of
pages.

    來源別子目及  <11-digit code>          承辦單位 <units>     預算金額   <amount>元 (or 千元)
    細目與編號    <目 name>-<節 name>        (units and name wrap onto the rows around)
    一、項目內容： <text>                   <- numbered parts, each label's text right of its
    二、法令依據： <text>                      colon and on the rows below; a vertical 歲入項目
    三、計算方法： …                           說明 in the left margin, one character a row
    科目名稱及編號 單位 數量 單價 預算數 說明及收入依據   <- the detail table, maybe on the
    合計                                <total>               pages after

The item is a RevenueNote: its code, name (the 節's, after the `-`), 承辦單位, 預算金額 in the
book's unit (a `12千元` is 12,000 元), 一、項目內容 and 二、法令依據, and the whole 說明 with
every part under its label. The detail table's lines have no place in the model (yet): its
合計 is checked against the 預算金額 and a difference reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...model.base import Loc, TextBlock
from ...model.ledgers import RevenueNote
from ...numbers import parse_amount
from ...pdf import PdfLine
from .layout import Cell, TablePage, label_span, squash
from .ledger_cells import block, labelled

if TYPE_CHECKING:
    from . import PdfContext

_CODE = re.compile(r"(?<![0-9A-Za-z])\d{11}(?![0-9A-Za-z])")
_AMOUNT = re.compile(r"(\d[\d,]*)\s*(千元|元)")
_PART = re.compile(r"^([一二三四五六七八九十]+)\s*[、.．]\s*([^：:\s]{2,8})\s*[：:]")
_NAME_LABELS = ("來源別子目及", "細目與編號", "細目編號")
# a city's page label at the foot: its agency code, then the page's number (`01-234 - 5`)
_PAGE_LABEL = re.compile(r"^(?:\d{2}-?)?\d{3}-\d{1,4}頁?$")


def is_city_form(pages: Sequence[TablePage]) -> bool:
    return any(_top_row(tp.rows) is not None for tp in pages) and not any(
        "來源子目及" in squash(r.text) for tp in pages for r in tp.rows[:8])


def _top_row(rows: Sequence[PdfLine]) -> int | None:
    return next((i for i, r in enumerate(rows[:12]) if "承辦單位" in squash(r.text)
                 and "預算金額" in squash(r.text)), None)


def _cell(line: PdfLine, x0: float, x1: float = 1e9) -> Cell | None:
    """The characters of `line` lying between x0 and x1 (by their centre), as one cell."""
    offs = [o for o, c, b in line.chars() if not c.isspace() and x0 <= (b.x0 + b.x1) / 2 < x1]
    if not offs:
        return None
    start, end = min(offs), max(offs) + 1
    return Cell(line.text[start:end].strip(), line, start, end)


class _Item:
    def __init__(self, code: Cell, name: str, units: list[Cell], amount: Cell | None):
        self.code, self.name, self.units, self.amount = code, name, units, amount
        self.parts: list[tuple[str, str, list[Cell]]] = []  # number, label, text cells
        self.detail_total: Cell | None = None


def read_city_notes(ctx: PdfContext, sid: str, pages: list[TablePage]) -> list[RevenueNote]:
    items: list[_Item] = []
    for tp in pages:
        rows = [r for r in tp.rows if r.text.strip() and not r.text.startswith("[")]
        if rows and _PAGE_LABEL.match(squash(rows[-1].text)):
            rows.pop()
        top = _top_row(rows)
        start = 0
        if top is not None:
            item = _top(ctx, sid, tp, rows, top)
            if item is None:
                continue
            items.append(item)
            start = top + 1
        elif not items:
            ctx.report("unparsed", sid, rows[0].no if rows else None,
                       f"page {tp.number}: rows before any item's 來源別子目及 block")
            continue
        _body(items[-1], rows[start:])
    return [_note(ctx, sid, it) for it in items]


def _top(ctx: PdfContext, sid: str, tp: TablePage, rows: list[PdfLine], at: int
         ) -> _Item | None:
    head = rows[at]
    units_label, amount_label = label_span(head, "承辦單位"), label_span(head, "預算金額")
    first = next((i for i, r in enumerate(rows) if "單位：" in squash(r.text)), -1) + 1
    end = next((i for i in range(at + 1, len(rows)) if _PART.match(rows[i].text.strip())
                or "科目名稱及編號" in squash(rows[i].text)), len(rows))
    block_rows = rows[first:end]
    left = max((s[1] for r in block_rows for w in _NAME_LABELS if (s := label_span(r, w))),
               default=None)
    if units_label is None or amount_label is None or left is None:
        ctx.report("unparsed", sid, head.no, f"page {tp.number}: 來源別子目及 block not read")
        return None
    names: list[Cell] = []
    units: list[Cell] = []
    amount = None
    for r in block_rows:
        if (c := _cell(r, left + 0.5, units_label[0] - 0.5)) is not None:
            names.append(c)
        if (c := _cell(r, units_label[1] + 0.5, amount_label[0] - 0.5)) is not None:
            units.append(c)
        if (c := _cell(r, amount_label[1] + 0.5)) is not None and _AMOUNT.search(c.text):
            amount = c
    code = None
    for c in names:
        if (m := _CODE.search(c.line.text, c.start, c.end)) is not None:
            code = Cell(m.group(), c.line, m.start(), m.end())
            break
    if code is None:
        ctx.report("unparsed", sid, head.no, f"page {tp.number}: no 11-digit item code")
        return None
    name = "".join(squash(c.text) for c in names).replace(code.text, "", 1)
    return _Item(code, name.rsplit("-", 1)[-1], units, amount)


def _body(item: _Item, rows: list[PdfLine]) -> None:
    """The numbered parts of the 說明 and the detail table's 合計."""
    text_x: float | None = None
    for i, r in enumerate(rows):
        key = squash(r.text)
        if "科目名稱及編號" in key and "預算數" in key:
            _detail_total(item, r, rows[i + 1:])
            return
        m = _PART.match(r.text.strip())
        if m:
            colon = next(b for o, c, b in r.chars() if c in "：:")
            text_x = colon.x1
            cell = _cell(r, text_x)
            item.parts.append((m.group(1), m.group(2), [cell] if cell else []))
        elif item.parts and text_x is not None:
            cell = _cell(r, text_x - 2)
            if cell is not None:
                item.parts[-1][2].append(cell)


def _detail_total(item: _Item, head: PdfLine, rows: list[PdfLine]) -> None:
    amount = label_span(head, "預算數")
    note = label_span(head, "說明")
    if amount is None:
        return
    for r in rows:
        if squash(r.text).startswith("合計"):
            cell = _cell(r, amount[0] - 60, note[0] - 1 if note else 1e9)
            if cell is not None:
                item.detail_total = cell
            return


def _note(ctx: PdfContext, sid: str, it: _Item) -> RevenueNote:
    code = it.code.text
    amount = None
    if it.amount is not None and (m := _AMOUNT.search(it.amount.text)):
        printed = parse_amount(m.group(1))
        amount = None if printed is None else printed * (1000 if m.group(2) == "千元" else 1)
    else:
        ctx.report("unparsed", sid, it.code.line.no, f"item {code}: no 預算金額 read")
    if it.detail_total is not None:
        try:
            total = parse_amount(it.detail_total.text.split()[-1])
        except ValueError:
            total = None
        if total != amount:
            ctx.report("inconsistent", sid, it.detail_total.line.no,
                       f"item {code}: 預算金額 {amount} but its detail table's 合計 {total}")
    level = 3 if code.endswith("00") else 4
    parent = code[:-4] + "0000" if level == 3 else code[:-2] + "00"
    parts = {label: block(cells, sid) for _, label, cells in it.parts}
    units = "".join(squash(c.text) for c in it.units) or None
    locs: dict[str, Loc] = {"code": it.code.loc}
    if it.units:
        locs["units"] = it.units[0].loc
    return RevenueNote(
        loc=it.amount.loc if it.amount is not None else it.code.loc, locs=locs, table=sid,
        code=code, name=it.name, level=level, parent_code=parent, amount=amount, units=units,
        content=parts.get("項目內容"), legal_basis=parts.get("法令依據"),
        description=_description(it, sid))


def _description(it: _Item, sid: str) -> TextBlock | None:
    """The whole 說明: every part under its label, each part's lines marked where they start."""
    return labelled(((f"{no}、{label}：", block(cells, sid)) for no, label, cells in it.parts),
                    sid)
