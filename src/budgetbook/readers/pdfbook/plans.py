"""Reader of 歲出計畫提要及分支計畫概況表 (section id `plans`) from a PDF book.

Each page prints, under its title, the work plan's row (`工作計畫名稱及編號 <code> <name> 預算金額
<amount>`), on the work plan's first page its 計畫內容 and 預期成果 side by side under their labels,
then the table's header (分支計畫及用途別科目 | 金額 | 承辦單位 | 說明) and its rows: a sub-plan
(`01 <name>  <amount>`), its 用途別科目 lines (`2000 業務費 <amount>`, indented `2039 委辦費
<amount>`), with the 承辦單位 and 說明 columns running down beside them. A work plan printed
over several pages repeats its row on each: consecutive pages of one code are one work plan,
and a sub-plan or its 說明 carries on from the page before. Columns come from each page's header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...model.base import Loc
from ...model.plans import ObjectLine, SubPlan, WorkPlan
from ...numbers import parse_amount
from ...pdf import PdfLine
from ...vocab.object_codes import is_object_code, level_of, parent_of
from . import PdfContext
from .layout import Cell, Column, TablePage, between, find_header, line_loc, split_cells, squash
from .plans_text import TABLE, after_label, clean, text_block, text_columns, units_of

_WP_LABEL = "工作計畫名稱及編號"
_AMOUNT_LABEL = "預算金額"
_TEXT_LABELS = [("content", "計畫內容"), ("results", "預期成果")]
_TABLE_LABELS = [("name", "分支計畫及用途別科目"), ("amount", "金額"), ("units", "承辦單位"),
                 ("desc", "說明")]
_CODE = re.compile(r"(?<!\d)\d{10}(?!\d)")
_AMOUNT = re.compile(r"-?\d[\d,]*|-")
_SUB_PLAN = re.compile(r"^(\d{2})(?!\d)\s*(\S.*)$")
_OBJECT = re.compile(r"^(\d{4})(?!\d)\s*(\S.*)$")


def _spaced(label: str) -> re.Pattern[str]:
    # a label may be letter-spaced (`預 算 金 額`)
    return re.compile(r"\s*".join(map(re.escape, label)))


_WP_RE, _AMOUNT_RE = _spaced(_WP_LABEL), _spaced(_AMOUNT_LABEL)


@dataclass
class _Sub:
    no: str
    name: str
    amount: int | None
    loc: Loc
    locs: dict[str, Loc]
    units: list[Cell] = field(default_factory=list)
    desc: list[Cell] = field(default_factory=list)
    objects: list[ObjectLine] = field(default_factory=list)


@dataclass
class _Plan:
    code: str
    name: str
    amount: int | None
    loc: Loc
    locs: dict[str, Loc]
    content: list[Cell] = field(default_factory=list)
    results: list[Cell] = field(default_factory=list)
    text_cols: list[Column] | None = None
    objects: list[ObjectLine] = field(default_factory=list)
    subs: list[_Sub] = field(default_factory=list)
    last: _Sub | ObjectLine | None = None  # the record a wrapped name continues
    head_name: str = ""  # the name as the work plan's row prints it, before a wrapped part
    name_span: tuple[float, float] = (0.0, 0.0)


def read(ctx: PdfContext, sub_unit: str) -> dict[str, Any]:
    """Book fields read from this section for one sub-unit: {"work_plans": [...]}."""
    pages = ctx.tables(TABLE, sub_unit)
    if not pages:
        return {}
    plans: list[_Plan] = []
    for tp in pages:
        _read_page(ctx, tp, plans)
    return {"work_plans": [_build(p) for p in plans]}


def _body(tp: TablePage) -> list[PdfLine]:
    """The page's rows without its page number: a last row of bare digits centred on the page."""
    rows = list(tp.rows)
    if rows and rows[-1].text.strip().isdigit():
        box = rows[-1].box()
        if box and abs((box.x0 + box.x1) / 2 - tp.page.width / 2) < tp.page.width * 0.05:
            rows.pop()
    return rows


def _read_page(ctx: PdfContext, tp: TablePage, plans: list[_Plan]) -> None:
    rows = _body(tp)
    head = next((i for i, r in enumerate(rows) if _WP_LABEL in squash(r.text)), None)
    if head is None:
        ctx.report("unparsed", TABLE, rows[0].no if rows else None,
                   f"page {tp.number}: no {_WP_LABEL} row; the page is not read")
        return
    known = len(plans)
    plan = _work_plan(ctx, rows[head], plans)
    if plan is None:
        return
    rest = rows[head + 1:]
    wrapped = 0  # a long name wraps in its cell, between the code and the 預算金額 label
    while wrapped < len(rest) and _within(rest[wrapped], plan.name_span):
        wrapped += 1
    if len(plans) > known:  # a later page repeats the wrapped rows: join them once
        plan.name += "".join(clean(r.text) for r in rest[:wrapped])
    rest = rest[wrapped:]
    table = find_header(rest, _TABLE_LABELS)
    at = table[0] if table else len(rest)
    _text_rows(ctx, plan, rest[:at])
    if table is None:
        if rest:
            ctx.report("unparsed", TABLE, rest[0].no,
                       f"page {tp.number}: no column header 分支計畫及用途別科目…說明")
        return
    columns = between(table[1])
    first = at + 1
    if not all(words in squash(rest[at].text) for _, words in _TABLE_LABELS):
        first += 1  # a header printed over two rows: the second is no body row
    for row in rest[first:]:
        _table_row(ctx, plan, row, columns)


def _work_plan(ctx: PdfContext, row: PdfLine, plans: list[_Plan]) -> _Plan | None:
    """The work plan of a page's `工作計畫名稱及編號 … 預算金額 …` row: a new one, or the one of
    the page before when the code repeats."""
    text = row.text
    wp, am = _WP_RE.search(text), _AMOUNT_RE.search(text)
    code = _CODE.search(text, wp.end() if wp else 0, am.start() if am else len(text))
    if wp is None or code is None:
        ctx.report("unparsed", TABLE, row.no, f"work plan row without a 10-digit code: "
                   f"{text.strip()}")
        return None
    name = clean(text[code.end():am.start() if am else len(text)])
    amount: int | None = None
    amount_loc = line_loc(row, code.start(), code.end())
    figure = _AMOUNT.search(text, am.end()) if am else None
    if figure is None:
        ctx.report("unparsed", TABLE, row.no, f"work plan {code.group()}: no 預算金額 figure")
    else:
        amount_loc = line_loc(row, figure.start(), figure.end())
        try:
            amount = parse_amount(figure.group())
        except ValueError:
            ctx.report("unparsed", TABLE, row.no,
                       f"work plan {code.group()}: 預算金額 {figure.group()!r} is no amount")
    if plans and plans[-1].code == code.group():
        prev = plans[-1]
        if amount != prev.amount or name != prev.head_name:
            ctx.report("inconsistent", TABLE, row.no,
                       f"work plan {code.group()}: this page prints {name} {amount}, its first "
                       f"page {prev.name} {prev.amount}")
        return prev
    plan = _Plan(code.group(), name, amount, amount_loc,
                 {"code": line_loc(row, code.start(), code.end())}, head_name=name)
    code_box, label_box = row.box(code.start(), code.end()), row.box(*am.span()) if am else None
    if code_box and label_box:
        plan.name_span = (code_box.x1, label_box.x0)
    plans.append(plan)
    return plan


def _within(row: PdfLine, span: tuple[float, float]) -> bool:
    chars = row.chars()
    return bool(chars) and all(span[0] <= b.x0 and b.x1 <= span[1] for _, _, b in chars)


def _text_rows(ctx: PdfContext, plan: _Plan, rows: list[PdfLine]) -> None:
    """計畫內容 and 預期成果: two text columns under their labels' row."""
    found = find_header(rows, _TEXT_LABELS)
    start = 0
    if found is not None:
        at, labels = found
        for row in rows[:at]:
            ctx.report("unparsed", TABLE, row.no, f"work plan {plan.code}: row above 計畫內容: "
                       f"{row.text.strip()}")
        plan.text_cols = text_columns(labels, _TEXT_LABELS[1][1])
        start = at
    elif rows and plan.text_cols is None:
        ctx.report("unparsed", TABLE, rows[0].no,
                   f"work plan {plan.code}: text rows without 計畫內容/預期成果 labels")
        return
    for i, row in enumerate(rows[start:]):
        assert plan.text_cols is not None
        cells = split_cells(row, plan.text_cols)
        for (name, label), target in zip(_TEXT_LABELS, (plan.content, plan.results),
                                         strict=True):
            cell = cells.get(name)
            if cell is not None and i == 0 and found is not None:
                cell = after_label(cell, label)  # the labels' row: text may follow a label
            if cell is not None:
                target.append(cell)


def _table_row(ctx: PdfContext, plan: _Plan, row: PdfLine, columns: list[Column]) -> None:
    cells = split_cells(row, columns)
    name, amount_cell = cells.get("name"), cells.get("amount")
    current = plan.subs[-1] if plan.subs else None
    if name is not None:
        current = _name_cell(ctx, plan, row, name, amount_cell) or current
    elif amount_cell is not None:
        ctx.report("unparsed", TABLE, row.no,
                   f"work plan {plan.code}: figure {amount_cell.text} without a name")
    for key in ("units", "desc"):
        cell = cells.get(key)
        if cell is None:
            continue
        if current is None:
            ctx.report("unparsed", TABLE, row.no,
                       f"work plan {plan.code}: {cell.text} before its first sub-plan")
        else:
            (current.units if key == "units" else current.desc).append(cell)


def _amount(ctx: PdfContext, cell: Cell | None, what: str) -> int | None:
    if cell is None:
        return None
    try:
        return parse_amount(cell.text)
    except ValueError:
        ctx.report("ambiguous_number", TABLE, cell.line.no,
                   f"{what}: {cell.text!r} in the 金額 column is no amount")
        return None


def _name_cell(ctx: PdfContext, plan: _Plan, row: PdfLine, name: Cell,
               amount_cell: Cell | None) -> _Sub | None:
    """A sub-plan row, an object line, or a wrapped name; the new sub-plan when it opens one."""
    text = clean(name.text)
    obj, sub = _OBJECT.match(text), _SUB_PLAN.match(text)
    code_loc = line_loc(row, name.start, name.start + (4 if obj else 2))
    loc = amount_cell.loc if amount_cell is not None else name.loc
    if amount_cell is None:
        if obj and is_object_code(obj.group(1)):
            ctx.report("unparsed", TABLE, row.no, f"work plan {plan.code}: {text} has no "
                       "figure; read as a wrapped name, not as an object line")
        if plan.last is None:
            ctx.report("unparsed", TABLE, row.no, f"work plan {plan.code}: {text} without figure")
        else:
            plan.last.name += text  # a long name wraps onto rows without figures
        return None
    if obj and is_object_code(obj.group(1)):
        code = obj.group(1)
        current = plan.subs[-1] if plan.subs else None
        target = current.objects if current else plan.objects
        level = level_of(code)
        parent = None
        if level == 2:
            top = next((o for o in reversed(target) if o.level == 1), None)
            parent = top.code if top and top.code[0] == code[0] else parent_of(code)
        line = ObjectLine(loc=loc, locs={"code": code_loc}, table=TABLE, code=code,
                          name=obj.group(2), level=1 if level == 1 else 2,
                          amount=_amount(ctx, amount_cell, f"{plan.code} {code}"),
                          parent_code=parent)
        target.append(line)
        plan.last = line
        return None
    if sub:
        new = _Sub(sub.group(1), sub.group(2),
                   _amount(ctx, amount_cell, f"{plan.code} sub-plan {sub.group(1)}"),
                   loc, {"no": code_loc})
        if plan.subs and int(new.no) <= int(plan.subs[-1].no):
            ctx.report("inconsistent", TABLE, row.no, f"work plan {plan.code}: sub-plan "
                       f"{new.no} after {plan.subs[-1].no}")
        plan.subs.append(new)
        plan.last = new
        return new
    ctx.report("unparsed", TABLE, row.no,
               f"work plan {plan.code}: {text} {amount_cell.text} is neither a sub-plan nor "
               "an object line")
    return None


def _build(p: _Plan) -> WorkPlan:
    subs = []
    for s in p.subs:
        locs = dict(s.locs)
        if s.units:
            locs["units"] = s.units[0].loc
        subs.append(SubPlan(loc=s.loc, locs=locs, table=TABLE, no=s.no, name=s.name,
                            amount=s.amount, units=units_of(s.units),
                            description=text_block(s.desc), object_lines=s.objects))
    return WorkPlan(loc=p.loc, locs=p.locs, table=TABLE, code=p.code, name=p.name,
                    amount=p.amount, content=text_block(p.content),
                    expected_results=text_block(p.results), object_lines=p.objects,
                    sub_plans=subs)
