"""Reader of 歲出計畫說明提要與各項費用明細表 (section id `detail_plans`), the city books' form of
the plans table, from a PDF book.

A work plan's first page opens with its header band (`業務計畫及工作計畫 名稱與編號`: the
11-character code and `業務計畫-工作計畫` names in the band's name column, 承辦單位, 預算金額),
then 計畫內容 and 預期成果, then the table (分支計畫及用途別科目 | 單位 | 數量 | 單價 | 預算數 | 說明):
`合計`, sub-plans (`02一般業務`), 用途別科目 lines at two levels, their detail lines, and cases
(`01-…` in 說明 beside an amount) with their own object lines. Later pages print only the
table's header and carry on the plan of the page before. The code is read from the band
only, never from 說明 text. Everything outside the table's frame is a margin label: the frame
is found from the page itself (the `單位：` statement ends at its right edge, and the page is
symmetric). The rows are read in `city_plans_rows`.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ...pdf import PdfLine
from . import PdfContext
from .city_plans_rows import TABLE, Plan, Table, build
from .layout import Column, TablePage, between, find_header, label_span, line_loc, split_cells
from .plans_text import clean

_LABELS = [("name", "用途別科目"), ("unit", "單位"), ("quantity", "數量"), ("price", "單價"),
           ("amount", "預算數"), ("desc", "說明")]
_CODE = re.compile(r"(?<![0-9A-Za-z])[0-9][0-9A-Za-z]{10}(?![0-9A-Za-z])")
_HEAD_AMOUNT = re.compile(r"(\d[\d,]*)\s*(千元|元)")
_PAGE_NO = re.compile(r"^[\dA-Za-z-]+\s*-\s*\d+$")
_CONTENT = ("計畫內容", "項目內容")
_RESULTS = "預期成果"


def read(ctx: PdfContext, sub_unit: str) -> dict[str, Any]:
    """Book fields read from this section for one sub-unit: {"work_plans": [...]}."""
    pages = ctx.tables(TABLE, sub_unit)
    if not pages:
        return {}
    plans: list[Plan] = []
    for tp in pages:
        _read_page(ctx, tp, plans)
    return {"work_plans": [build(ctx, p) for p in plans]}


def _label_start(row: PdfLine, first: Column) -> float:
    """Where the first column's label starts: `用途別科目` or `分支計畫及用途別科目`, its characters
    contiguous."""
    x0 = first.x0
    for b in sorted((b for _, c, b in row.chars() if not c.isspace() and b.x1 <= first.x0 + 0.5),
                    key=lambda b: -b.x0):
        if x0 - b.x1 > (b.x1 - b.x0) * 0.5:
            break
        x0 = b.x0
    return x0


def _frame(rows: list[PdfLine], first: Column, second: Column, head: list[PdfLine]
           ) -> tuple[float, float]:
    """The table frame's left and right edges, outside which stand the margin labels. Left:
    the leftmost code or `合計` of the name column (a margin label is neither), else an estimate
    from the column's label, which stands centred. Right: the right label's characters end at
    one x, right of where the `單位：` statement ends the page header (the frame's edge)."""
    starts = [b.x0 for r in rows for _, c, b in r.chars()
              if (c.isdigit() or c == "合") and b.x1 < second.x0]
    width = (first.x1 - first.x0) / 5
    left = min(starts) - 1.0 if starts else min(
        first.x0 - 2.5 * width, 2 * first.centre - (first.x1 + second.x0) / 2 - 1.0)
    edge = None
    for row in head[:4]:
        span = label_span(row, "單位：")
        if span is not None:
            edge = max(b.x1 for _, c, b in row.chars() if not c.isspace())
            break
    boxes = [b for r in rows for _, c, b in r.chars() if not c.isspace()]
    if edge is None or not boxes:
        return left, 1e9
    outer = max(b.x1 for b in boxes)
    if outer < edge + 2:
        return left, 1e9
    return left, min(b.x0 for b in boxes if b.x1 > outer - 1.5) - 0.1


def _amount_edge(rows: list[PdfLine], amount: Column, right: float) -> float | None:
    """Where 預算數 ends and 說明 starts: the figures are right-aligned, so most runs of digits
    that open the region end at one x (the column's edge); 說明 starts just right of it."""
    ends: Counter[float] = Counter()
    for row in rows:
        run = [(c, b) for _, c, b in row.chars() if not c.isspace()
               and amount.x0 <= (b.x0 + b.x1) / 2 < right]
        k = 0
        while k < len(run) and (run[k][0].isdigit() or run[k][0] == ","):
            k += 1
        if k and run[k - 1][0].isdigit():
            ends[round(run[k - 1][1].x1)] += 1
    if not ends:
        return None
    return ends.most_common(1)[0][0] + 1.5


def _body(tp: TablePage) -> list[PdfLine]:
    rows = [r for r in tp.rows if not r.text.startswith("[")]
    if rows and _PAGE_NO.match(rows[-1].text.strip()):
        rows.pop()
    return rows


def _read_page(ctx: PdfContext, tp: TablePage, plans: list[Plan]) -> None:
    rows = _body(tp)
    found = find_header(rows, _LABELS, depth=1)
    at = found[0] if found else len(rows)
    top = next((i + 1 for i, r in enumerate(rows[:4]) if label_span(r, "單位：")), 0)
    band_end = next((i for i, r in enumerate(rows[:at])
                     if any(label_span(r, w) for w in _CONTENT + (_RESULTS,))), at)
    band = rows[top:band_end]
    plan: Plan | None
    if any(label_span(r, "名稱與編號") or label_span(r, "業務計畫") for r in band):
        plan = _work_plan(ctx, tp, band, plans)
        if plan is None:
            return
        _text_rows(plan, rows[band_end:at], _right_of_text(rows[top:at]))
    elif plans:
        plan = plans[-1]  # a continuation page carries on the plan of the page before
    else:
        ctx.report("unparsed", TABLE, rows[0].no if rows else None,
                   f"page {tp.number}: table rows before any work plan's header band")
        return
    if found is None:  # a work plan's text may fill its first page
        if band_end == at:
            ctx.report("unparsed", TABLE, rows[0].no if rows else None,
                       f"page {tp.number}: no column header 用途別科目…說明; the page is not read")
        return
    cols = found[1]
    start = _label_start(rows[at], cols[0])
    left, right = _frame(rows[at + 1:], Column("name", start, cols[0].x1), cols[1], rows)
    columns = between(cols)
    columns[0] = Column(columns[0].name, left, columns[0].x1)
    columns[-1] = Column(columns[-1].name, columns[-1].x0, right)
    edge = _amount_edge(rows[at + 1:], columns[-2], right)
    if edge is not None:  # 說明 starts left of its centred label: the figures' edge decides
        columns[-2] = Column("amount", columns[-2].x0, edge)
        columns[-1] = Column("desc", edge, right)
    columns = [Column("_left", -1e9, left), *columns, Column("_right", right, 1e9)]
    first = at + 1
    if not all(label_span(rows[at], w) for _, w in _LABELS):
        first += 1  # a header printed over two rows: the second is no body row
    table = Table(ctx, plan)
    for row in rows[first:]:
        table.row(row, split_cells(row, columns))


def _right_of_text(rows: list[PdfLine]) -> float:
    """The right edge of the text above the table: the margin label's characters end at one
    x right of it (as in `_frame`), else there is none."""
    boxes = [b for r in rows for _, c, b in r.chars() if not c.isspace()]
    if not boxes:
        return 1e9
    outer = max(b.x1 for b in boxes)
    stack = [b for b in boxes if b.x1 > outer - 0.6]
    return min(b.x0 for b in stack) - 0.1 if len(stack) >= 3 else 1e9


def _work_plan(ctx: PdfContext, tp: TablePage, band: list[PdfLine], plans: list[Plan]
               ) -> Plan | None:
    """The work plan of a header band: code and names from the band's name column (between
    its label and 承辦), 預算金額 from the right of its label."""
    label_x1 = max((s[1] for r in band for w in ("業務計畫及工作計畫", "名稱與編號")
                    if (s := label_span(r, w))), default=None)
    right = _right_of_text(band)
    stop = min((s[0] for r in band if (s := label_span(r, "承辦"))), default=right)
    amount_x = max((s[1] for r in band for w in ("金額", "預算金額") if (s := label_span(r, w))),
                   default=stop)
    if label_x1 is None:
        ctx.report("unparsed", TABLE, band[0].no, f"page {tp.number}: header band without "
                   "its 業務計畫及工作計畫 label")
        return None
    pieces: list[tuple[PdfLine, int, int]] = []
    heads: list[tuple[PdfLine, int, int]] = []
    for row in band:
        name_at = [o for o, c, b in row.chars() if not c.isspace()
                   and b.x0 >= label_x1 - 0.5 and b.x1 <= stop + 0.5]
        if name_at:
            pieces.append((row, min(name_at), max(name_at) + 1))
        money = [o for o, c, b in row.chars() if not c.isspace() and amount_x - 0.5 <= b.x0
                 and b.x1 <= right + 0.5]
        if money:
            heads.append((row, min(money), max(money) + 1))
    text = "".join(clean(r.text[a:b]) for r, a, b in pieces)
    code_row = next(((r, a, m) for r, a, b in pieces
                     if (m := _CODE.search(r.text, a, b))), None)
    if code_row is None:
        ctx.report("unparsed", TABLE, band[0].no,
                   f"page {tp.number}: header band without an 11-character work plan code")
        return None
    row, _, m = code_row
    code = m.group()
    names = text.replace(code, "", 1)
    business, _, name = names.partition("-")
    if not name:
        business, name = "", names
    head_amount = None
    for r, a, b in heads:
        hm = _HEAD_AMOUNT.search(r.text, a, b)
        if hm:
            factor = 1000 if hm.group(2) == "千元" else 1
            head_amount = (int(hm.group(1).replace(",", "")) * factor,
                           line_loc(r, hm.start(1), hm.end(1)))
            break
    for plan in plans:
        if plan.code == code:  # one code on several pages (經常門, 資本門): one work plan
            plan.bands += 1
            if head_amount:
                plan.head_amounts.append(head_amount)
            return plan
    plan = Plan(code=code, name=name, business=business or None,
                code_loc=line_loc(row, m.start(), m.end()))
    if head_amount:
        plan.head_amounts.append(head_amount)
    plans.append(plan)
    return plan


def _text_rows(plan: Plan, rows: list[PdfLine], right: float) -> None:
    """計畫內容 (or 項目內容) and 預期成果: the text right of each label, to the frame."""
    target = plan.content
    cut: float | None = None
    for row in rows:
        for words, dest in ((w, plan.content) for w in _CONTENT):
            span = label_span(row, words + "：") or label_span(row, words)
            if span:
                target, cut = dest, span[1] + 1.5
        span = label_span(row, _RESULTS + "：") or label_span(row, _RESULTS)
        if span:
            target, cut = plan.results, span[1] + 1.5
        if cut is None:
            continue
        cells = split_cells(row, [Column("label", -1e9, cut), Column("text", cut, right),
                                  Column("_right", right, 1e9)])
        cell = cells.get("text")
        if cell is not None and clean(cell.text):
            target.append(cell)
