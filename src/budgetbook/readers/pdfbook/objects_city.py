"""歲出一級用途別科目分析表 in a city's layout: one page, no 款項目節 ordinals, each row's 11-digit
code on the row of its figures and its name on the row(s) below (`12345670100` / `一般行政`), the
合計 column first and every other column label printed vertically, one character a row
(`人` / `事` / `費`), under 經常支出 then 資本支出.

The columns are read from the page's own header: a vertical label is the characters stacked at
one x, top to bottom. A label printed a second time (業務費, 小計, ...) or 設備及投資 belongs to
資本支出.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ...model.objects import (
    CAPITAL_COLUMNS,
    CapitalExpenditure,
    CapitalExpenditureRow,
    CapitalExpenditureTotal,
    ObjectAnalysis,
    ObjectAnalysisRow,
    UnitLevel,
)
from ...pdf import PdfLine
from . import PdfContext
from .layout import Cell, TablePage, cell_label, line_loc, squash
from .objects_grid import (
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
from .objects_spread import header_row

TABLE = "object_analysis"
_CURRENT = {"人事費": "personnel", "業務費": "operating", "獎補助費": "grants", "債務費": "debt",
            "預備金": "reserve", "小計": "current_subtotal"}
_CAPITAL = {"人事費": "capital_personnel", "業務費": "capital_operating",
            "設備及投資": "equipment_investment", "獎補助費": "capital_grants",
            "預備金": "capital_reserve", "小計": "capital_subtotal"}
_FIELDS = set(ObjectAnalysisRow.model_fields)
_FIGURE = re.compile(r"^-?[\d,]+$|^-$")


def is_city_layout(page: TablePage) -> bool:
    """A page whose header prints 名稱及編號 and no 款 column."""
    return header_row(page) is None and any("名稱及編號" in squash(ln.text)
                                            for ln in page.rows[:12])


def _stacked(rows: Sequence[PdfLine]) -> list[Label]:
    """Vertical labels: the characters of the rows stacked at one x (within a few points)."""
    chars = sorted(((b.x0 + b.x1) / 2, i, ch, b.x0, b.x1)
                   for i, ln in enumerate(rows) for _, ch, b in ln.chars() if not ch.isspace())
    stacks: list[list[tuple[float, int, str, float, float]]] = []
    for c in chars:
        if stacks and abs(c[0] - sum(s[0] for s in stacks[-1]) / len(stacks[-1])) < 4:
            stacks[-1].append(c)
        else:
            stacks.append([c])
    out = []
    for s in stacks:
        s.sort(key=lambda c: c[1])
        out.append(Label("".join(c[2] for c in s), min(c[3] for c in s), max(c[4] for c in s)))
    return out


def _header(page: TablePage) -> tuple[int, list[Label]] | None:
    """Index of the first body row and the figure columns by field (`capital_personnel` has
    no field in the model)."""
    rows = page.rows
    head = next((i for i, ln in enumerate(rows) if "名稱及編號" in squash(ln.text)), None)
    if head is None:
        return None
    top = next((i for i, ln in enumerate(rows[:head]) if "經常支出" in squash(ln.text)), -1) + 1
    end = head + 1
    while end < len(rows) and not any(_FIGURE.match(c.text) for c in tokens(rows[end])):
        end += 1
    total = next((s[0] for ln in rows[top:end] if (s := label_spans(ln, "合計"))), None)
    if total is None:
        return None
    cols = [Label("total", total.x0, total.x1)]
    seen: set[str] = set()
    capital = False
    for lab in sorted(_stacked(rows[top:end]), key=lambda lb: lb.x0):
        if lab.name not in _CAPITAL or lab.x0 <= total.x1:
            continue
        capital = capital or lab.name in seen or lab.name not in _CURRENT
        seen.add(lab.name)
        cols.append(Label((_CAPITAL if capital else _CURRENT)[lab.name], lab.x0, lab.x1))
    return end, cols


def _level(code: str | None) -> UnitLevel:
    return "work_plan" if code and not code.endswith("0000") else "function"


def _coded_rows(ctx: PdfContext, table: str, page: TablePage, start: int,
                columns: list[Label]) -> list[dict[str, Any]]:
    """Rows from `start`: a code (or 合計) with its figures by column, its name on the rows
    below it."""
    first = min(c.centre for c in columns)
    row: dict[str, Any] | None = None
    rows: list[dict[str, Any]] = []
    for ln in body(page, start):
        cells = tokens(ln)
        figures = [c for c in cells if span(c)[1] >= first]
        words = [c for c in cells if span(c)[1] < first]
        code = next((c.text for c in words if PLAN_CODE.match(c.text)), None)
        label = text_of([c for c in words if c.text != code])
        if code or (figures and squash(label) == "合計"):
            row = {"code": code, "name": [] if code else ["合計"], "line": ln, "cells": {}}
            rows.append(row)
            for cell in figures:
                col = place(cell, columns)
                if col is None or col.name in row["cells"]:
                    ctx.report("unparsed", table, ln.no, f"figure {cell.text!r} not placed")
                    continue
                row["cells"][col.name] = cell
        elif row is not None and label and not figures:
            row["name"].append(label)  # the name, below its code, maybe wrapped
        elif label or figures:
            ctx.report("unparsed", table, ln.no, f"row not read: {ln.text.strip()!r}")
    return rows


def read_city_analysis(ctx: PdfContext, pages: list[TablePage]) -> ObjectAnalysis:
    out = ObjectAnalysis(table=TABLE, loc=line_loc(pages[0].page.rows[pages[0].title_row]))
    for page in pages:
        found = _header(page)
        if found is None:
            ctx.report("unparsed", TABLE, page.rows[0].no if page.rows else None,
                       f"page {page.number}: header (名稱及編號, 合計) not found")
            continue
        start, columns = found
        for r in _coded_rows(ctx, TABLE, page, start, columns):
            placed: dict[str, Cell] = {}
            for name, cell in r["cells"].items():
                if name in _FIELDS:
                    placed[name] = cell
                elif amount(ctx, TABLE, cell):
                    ctx.report("unparsed", TABLE, cell.line.no,
                               f"{cell.text} under {name}: no field for it")
            values = {k: amount(ctx, TABLE, c) for k, c in placed.items()}
            main = placed.get("total")
            out.rows.append(ObjectAnalysisRow(
                table=TABLE, loc=main.loc if main else line_loc(r["line"]),
                locs={k: c.loc for k, c in placed.items() if k != "total"}, ordinal=None,
                code=r["code"], name=join(r["name"]), level=_level(r["code"]),
                printed=bool(placed), **values))
    return out


# --- 資本支出分析表 --------------------------------------------------------------------------


def _cell_label(rows: Sequence[PdfLine], words: str, after: float) -> Label | None:
    """A 資本支出分析表 column label (`layout.cell_label`)."""
    found = cell_label(rows, words, after)
    return Label(words, found[0], found[1]) if found else None


def _capital_header(page: TablePage) -> tuple[int, list[Label]] | None:
    rows = page.rows
    head = next((i for i, ln in enumerate(rows) if "名稱及編號" in squash(ln.text)), None)
    if head is None:
        return None
    end = head + 1
    while end < len(rows) and not any(_FIGURE.match(c.text) for c in tokens(rows[end])):
        end += 1
    cols: list[Label] = []
    after = -1e9
    for name, words in (("total", "合計"), *CAPITAL_COLUMNS[:-1]):
        found = _cell_label(rows[:end], words, after)
        if found is None:
            return None
        cols.append(Label(name, found.x0, found.x1))
        after = found.x1
    return end, cols


def read_city_capital(ctx: PdfContext, pages: list[TablePage]) -> CapitalExpenditure:
    """資本支出分析表 in a city's layout: the 合計 column first, each row's code on the row of its
    figures; its 合計 row (above the coded rows) is the table's `total`."""
    table = "capital"
    out = CapitalExpenditure(table=table, loc=line_loc(pages[0].page.rows[pages[0].title_row]))
    for page in pages:
        found = _capital_header(page)
        if found is None:
            ctx.report("unparsed", table, page.rows[0].no if page.rows else None,
                       f"page {page.number}: header (名稱及編號, 合計, 土地 …) not found")
            continue
        start, columns = found
        for r in _coded_rows(ctx, table, page, start, columns):
            values = {k: amount(ctx, table, c) for k, c in r["cells"].items()}
            main = r["cells"].get("total")
            if r["code"] is None:  # the 合計 row
                if out.total is not None:
                    ctx.report("inconsistent", table, r["line"].no, "a second 合計 row")
                    continue
                out.total = CapitalExpenditureTotal(
                    table=table, loc=main.loc if main else line_loc(r["line"]),
                    locs={k: c.loc for k, c in r["cells"].items() if k != "total"}, **values)
                continue
            out.rows.append(CapitalExpenditureRow(
                table=table, loc=main.loc if main else line_loc(r["line"]),
                locs={k: c.loc for k, c in r["cells"].items() if k != "total"}, ordinal=None,
                code=r["code"], name=join(r["name"]), level=_level(r["code"]),
                printed=bool(r["cells"]), **values))
    return out
