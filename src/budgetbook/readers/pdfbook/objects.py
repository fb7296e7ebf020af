"""Reader of the object-class tables from a PDF book: 各項費用彙計表 and 人事費彙計表 here,
歲出一級用途別科目分析表, 資本支出分析表 and 預算員額明細表 (printed over two-page spreads) in
`objects_spread`.

各項費用彙計表 prints a few work-plan columns per page (each headed by its 10-digit code and
name), the 合計 column on the last pages; every page group repeats the object-class rows, so
rows are merged by their 4-digit code and columns by their code.
"""

from __future__ import annotations

import re
from typing import Any

from ...model.base import Loc, TextBlock
from ...model.objects import (
    CapitalExpenditure,
    CostSummary,
    CostSummaryRow,
    CostSummaryTotal,
    ObjectAnalysis,
    PersonnelCategory,
    PersonnelCosts,
    WorkPlanColumn,
)
from . import PdfContext
from .layout import Cell, TablePage, line_loc, squash
from .objects_city import is_city_layout, read_city_analysis, read_city_capital
from .objects_grid import (
    ORDINALS,
    PLAN_CODE,
    Label,
    amount,
    body,
    join,
    label_spans,
    place,
    span,
    text_of,
    tokens,
)
from .objects_personnel import (
    ANALYSIS,
    is_city_personnel,
    read_city_personnel,
    read_personnel_analysis,
)
from .objects_spread import read_analysis, read_capital
from .objects_staff import read_staffing

COST = "cost_summary"
PERSONNEL = "personnel_costs"
# a 用途別科目 code: 4 digits in a central book (1015), 6 in a city's (101500)
_OBJECT = re.compile(r"^(\d{4}|\d{6})(\D.*)$")
_CATEGORY = re.compile(rf"^([{ORDINALS}]+)、(.*)$")
TOTAL = "total"


def read(ctx: PdfContext, sub_unit: str) -> dict[str, Any]:
    """Book fields of the object-class tables of `sub_unit` ("" = the book's own)."""
    out: dict[str, Any] = {}
    for name, pages, reader in (
            ("cost_summary", ctx.tables(COST, sub_unit), read_cost_summary),
            ("object_analysis", ctx.tables("object_analysis", sub_unit), _analysis),
            ("capital", ctx.tables("capital", sub_unit), _capital),
            ("personnel_costs", ctx.tables(PERSONNEL, sub_unit), _personnel),
            ("personnel_analysis", ctx.tables(ANALYSIS, sub_unit),
             read_personnel_analysis),
            ("staffing", ctx.tables("staffing", sub_unit), read_staffing)):
        if pages:
            out[name] = reader(ctx, pages)
    if out.get("object_analysis"):
        _link_codes(out)
    if out.get("personnel_analysis") and out.get("cost_summary"):
        # each 人事費分析表 plan takes the code of the 各項費用彙計表 column of its name
        codes: dict[str, list[str]] = {}
        for col in out["cost_summary"].columns:
            if col.code:
                codes.setdefault(col.name, []).append(col.code)
        for plan in out["personnel_analysis"]:
            found = codes.get(plan.work_plan_name, [])
            plan.work_plan_code = found[0] if len(found) == 1 else None
    return out


def _analysis(ctx: PdfContext, pages: list[TablePage]) -> ObjectAnalysis:
    """A central book's two-page spreads with 款項目節, or a city's page of coded rows."""
    if all(is_city_layout(p) for p in pages):
        return read_city_analysis(ctx, pages)
    return read_analysis(ctx, pages)


def _personnel(ctx: PdfContext, pages: list[TablePage]) -> PersonnelCosts:
    """A central book's categories as rows, or a city's as columns."""
    if is_city_personnel(pages):
        return read_city_personnel(ctx, pages)
    return read_personnel(ctx, pages)


def _capital(ctx: PdfContext, pages: list[TablePage]) -> CapitalExpenditure:
    if all(is_city_layout(p) for p in pages):
        return read_city_capital(ctx, pages)
    return read_capital(ctx, pages)


def _link_codes(out: dict[str, Any]) -> None:
    """歲出一級用途別科目分析表 prints no codes: each row takes the code the capital or staffing
    table prints for the same level and name, or a work plan the code of its 各項費用彙計表
    column of the same name (as the text-book reader does)."""
    codes: dict[tuple[str, str], str] = {}
    for key in ("capital", "staffing"):
        for r in out[key].rows if out.get(key) else []:
            codes.setdefault((r.level, r.name), r.code)
    for col in out["cost_summary"].columns if out.get("cost_summary") else []:
        if col.code:
            codes.setdefault(("work_plan", col.name), col.code)
    for row in out["object_analysis"].rows:
        row.code = row.code or codes.get((row.level, row.name))


# --- 各項費用彙計表 -------------------------------------------------------------------------


def _title_loc(page: TablePage) -> Loc:
    return line_loc(page.page.rows[page.title_row])


def _cost_header(ctx: PdfContext, page: TablePage
                 ) -> tuple[int, list[Label], dict[str, str]] | None:
    """Index of the first body row, the figure columns (work plans by code, then 合計) and each
    work plan's name, from the page's own header rows."""
    rows = page.rows
    end = next((i for i, ln in enumerate(rows) if "科目名稱" in squash(ln.text)), None)
    if end is None:
        ctx.report("unparsed", COST, page.rows[0].no if rows else None,
                   f"page {page.number}: no header row (科目名稱及編號) found")
        return None
    codes: list[Label] = []
    code_row = None
    for i, ln in enumerate(rows[:end]):
        found = [c for c in tokens(ln) if PLAN_CODE.match(c.text)]
        if found:
            codes = [Label(c.text, *span(c)) for c in found]
            code_row = i
            break
    # a name starts at its cell's left border, somewhat left of its right-aligned code
    left = codes[0].x0 - (codes[0].x1 - codes[0].x0) / 3 if codes else 0.0
    total = None
    for ln in rows[:end + 1]:
        spans = label_spans(ln, "合計", after=left)
        if spans:
            total = Label(TOTAL, spans[0].x0, spans[0].x1)
    # a name wrapping below the 科目名稱 row (a city's) continues until the first body row,
    # the first with characters left of the figure columns
    start = end + 1
    while codes and start < len(rows) and not any(
            (box.x0 + box.x1) / 2 < left for _, ch, box in rows[start].chars()
            if not ch.isspace()) and not any(re.search(r"\d", c.text) for c in tokens(rows[start])):
        start += 1
    # names under each code, left-aligned in their cells. A central book prints the code
    # right-aligned, the name starting left of it (about where the code before it ends); a
    # city's prints name and code left-aligned together, a long name running on past the code.
    header = rows[(code_row or 0) + 1:start] if codes else []
    starts = [min(xs) for ln in header if (xs := [b.x0 for _, ch, b in ln.chars()
                                                  if not ch.isspace() and b.x1 > left])]
    aligned = bool(codes) and any(abs(x - codes[0].x0) < 1.5 for x in starts)
    names: dict[str, list[str]] = {c.name: [] for c in codes}
    for ln in header:
        per: dict[str, str] = {}
        for _, ch, box in ln.chars():
            mid = (box.x0 + box.x1) / 2
            if mid < left or (total and box.x0 >= total.x0 - 2):
                continue
            col = (next((c for c in reversed(codes) if box.x0 >= c.x0 - 1.5), None) if aligned
                   else next((c for c in codes if mid < c.x1), None))
            if col is not None and not ch.isspace():
                per[col.name] = per.get(col.name, "") + ch
        for code, text in per.items():
            names[code].append(text)
    columns = codes + ([total] if total else [])
    return start, columns, {k: join(v) for k, v in names.items()}


def read_cost_summary(ctx: PdfContext, pages: list[TablePage]) -> CostSummary:
    table = CostSummary(table=COST, loc=_title_loc(pages[0]))
    plans: dict[str, str] = {}  # code -> name, in column order
    rows: dict[str, dict[str, Any]] = {}  # object code (or TOTAL) -> fields and cells
    last: dict[str, Any] | None = None
    for page in pages:
        header = _cost_header(ctx, page)
        if header is None:
            continue
        start, columns, names = header
        for code, name in names.items():
            plans.setdefault(code, name)
        for ln in body(page, start):
            cells = tokens(ln)
            first = columns[0].centre if columns else float("inf")
            text = [c for c in cells if span(c)[1] < first]
            figures = [c for c in cells if span(c)[1] >= first]
            label = text_of(text)
            m = _OBJECT.match(label)
            if not figures and m:  # a row with no figure in this page's columns
                last = rows.setdefault(m.group(1), {"name": m.group(2).strip(), "cells": {}})
                continue
            if not figures:
                if last is not None and label and not re.match(r"^\d+$", label):
                    last["name"] = join([last["name"], label])  # a wrapped name
                continue
            m = _OBJECT.match(label)
            key = m.group(1) if m else ("TOTAL" if squash(label) == "合計" else "")
            if not key:
                ctx.report("unparsed", COST, ln.no, f"row without 用途別 code: {ln.text.strip()!r}")
                continue
            row = rows.setdefault(key, {"name": m.group(2).strip() if m else "合計",
                                        "cells": {}})
            last = row
            for cell in figures:
                col = place(cell, columns)
                if col is None:
                    ctx.report("unparsed", COST, ln.no, f"figure outside every column: {cell.text}")
                    continue
                if col.name in row["cells"]:
                    ctx.report("inconsistent", COST, ln.no,
                               f"{key}: two figures in column {col.name}")
                row["cells"][col.name] = cell
    codes = list(plans)
    table.columns = [WorkPlanColumn(code=c, name=plans[c]) for c in codes]
    parent = None
    for key, row in rows.items():
        found: dict[str, Cell] = row["cells"]
        amounts = [amount(ctx, COST, found[c]) if c in found else None for c in codes]
        total_cell = found.get(TOTAL)
        main = total_cell or next(iter(found.values()))
        locs = {f"amounts[{i}]": found[c].loc for i, c in enumerate(codes) if c in found}
        total = amount(ctx, COST, total_cell) if total_cell else None
        if total_cell is None:
            ctx.report("unparsed", COST, main.line.no, f"{key}: no figure in the 合計 column")
        if key == "TOTAL":
            table.total = CostSummaryTotal(table=COST, loc=main.loc, locs=locs,
                                           amounts=amounts, total=total)
            continue
        level = 1 if not key[1:].strip("0") else 2  # 1000 人事費, 100000 人事費
        parent = key if level == 1 else parent
        table.rows.append(CostSummaryRow(
            table=COST, loc=main.loc, locs=locs, code=key, name=row["name"], level=level,
            parent_code=None if level == 1 else parent, amounts=amounts, total=total))
    return table


# --- 人事費彙計表 ---------------------------------------------------------------------------


def read_personnel(ctx: PdfContext, pages: list[TablePage]) -> PersonnelCosts:
    """Categories `一、民意代表待遇` with 金額 and a 說明 wrapping onto rows of its own."""
    table = PersonnelCosts(table=PERSONNEL, loc=_title_loc(pages[0]))
    notes: dict[int, list[tuple[Cell, str]]] = {}
    for page in pages:
        head = next(((i, ln) for i, ln in enumerate(page.rows)
                     if "金額" in squash(ln.text)), None)
        if head is None:
            ctx.report("unparsed", PERSONNEL, None, f"page {page.number}: no header (金額)")
            continue
        at, hl = head
        money, note = label_spans(hl, "金額"), label_spans(hl, "說明")
        if not money:
            continue
        note_x = note[0].x0 - (note[0].x0 - money[0].x1) / 2 if note else float("inf")
        for ln in body(page, at + 1):
            cells = tokens(ln)
            text = [c for c in cells if span(c)[1] < money[0].centre]
            figures = [c for c in cells if money[0].centre <= span(c)[1] and span(c)[0] < note_x]
            described = [c for c in cells if span(c)[0] >= note_x]
            label = text_of(text)
            m = _CATEGORY.match(label)
            if m and figures:
                cat = PersonnelCategory(table=PERSONNEL, loc=figures[0].loc, ordinal=m.group(1),
                                        name=m.group(2), amount=amount(ctx, PERSONNEL, figures[0]))
                table.categories.append(cat)
            elif squash(label) == "合計" and figures:
                table.total, table.total_loc = amount(ctx, PERSONNEL, figures[0]), figures[0].loc
            elif label or figures:
                ctx.report("unparsed", PERSONNEL, ln.no, f"row not read: {ln.text.strip()!r}")
                continue
            if described and table.categories:
                notes.setdefault(len(table.categories) - 1, []).extend(
                    (c, c.text) for c in described)
    for i, parts in notes.items():
        first, last = parts[0][0], parts[-1][0]
        table.categories[i].description = TextBlock(
            text=join([t for _, t in parts]), loc=line_loc(first.line),
            end_line=last.line.no, table=PERSONNEL)
    if table.total is None and table.categories:
        values = [c.amount for c in table.categories if c.amount is not None]
        table.total = sum(values) if values else None
    return table
