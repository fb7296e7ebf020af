"""PDF reader of 歲入來源別預算表, 歲出機關別預算表 (this module) and 歲入項目說明提要表
(`ledger_notes`).

Both 預算表 print, per row, the 10-digit code on a row of its own, then the row itself:

    款 項 目 節 | 名稱及編號 | 本年度預算數 | 上年度預算數 | [前年度決算數] | 比較 | 說明
      0412340101
             1 罰金罰鍰           -       -      2,345       - 前年度決算數係…

A name and a 說明 wrap onto the following rows (with no figures); a 說明 goes on over the page
break. Columns come from each page's own header row. The 主管 row prints no figures at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...model.base import Loc
from ...model.ledgers import AgencyExpenditureRow, ExpenditureKind, RevenueRow
from ...pdf import PdfLine
from ..booktext.ledger_codes import (
    KIND_LEVEL,
    expenditure_kind,
    expenditure_parent,
    revenue_level,
    revenue_parent,
)
from . import PdfContext
from .layout import Cell, Column, TablePage, find_header, label_span, squash
from .ledger_cells import (
    CODE,
    Report,
    block,
    figure,
    is_page_number,
    row_cells,
    split_tail,
    text_of,
)
from .ledger_notes import read_notes
from .ledger_notes_city import is_city_form, read_city_notes

REVENUE, EXPENDITURE, NOTES = "revenue", "expenditure_by_agency", "revenue_notes"
FIGURES = ("amount", "current_amount", "capital_amount", "last_year_amount",
           "prior_year_actual", "change")
ROW_FIGURES = FIGURES[:-1]  # the 比較 column is read with the 說明 glued to it
_LABELS = [("left", "款"), ("name", "名稱及編號"), ("amount", "預算數"),
           ("last_year_amount", "預算數"), ("prior_year_actual", "決算數"), ("change", "上年度比較")]
TOTAL_NAMES = ("合計", "總計")
_ORDINAL = re.compile(r"^(\d{1,3})(?!\d|,)\s*")
_CITY_CODE = re.compile(r"\d{10,11}")
_SUBTOTAL = re.compile(r"(?:經常門|資本門)合計")


def read(ctx: PdfContext, sub_unit: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if ctx.tables(REVENUE, sub_unit):
        out["revenue"] = read_revenue(ctx, sub_unit)
    if ctx.tables(EXPENDITURE, sub_unit):
        out["expenditure_by_agency"] = read_expenditure(ctx, sub_unit)
    if ctx.tables(NOTES, sub_unit):
        pages = ctx.tables(NOTES, sub_unit)
        out["revenue_notes"] = (read_city_notes(ctx, NOTES, pages) if is_city_form(pages)
                                else read_notes(ctx, NOTES, sub_unit))
    return out


@dataclass
class Draft:
    """A row being gathered from its code row, its own row and the rows it wraps onto."""

    code: Cell | None
    left: Cell | None
    figures: dict[str, Cell]
    name: list[Cell] = field(default_factory=list)
    desc: list[Cell] = field(default_factory=list)
    ordinal: str | None = None


def _columns(page: TablePage) -> tuple[int, list[Column], float] | None:
    """Header row index, the columns (ordinals and name as one region: ordinals are read off
    the front of its text) and the right edge of the 比較 label."""
    found = find_header(page.rows, _LABELS)
    if found is None:  # a book without 前年度決算數
        found = find_header(page.rows, [lb for lb in _LABELS if lb[0] != "prior_year_actual"])
    if found is None:
        found = _stacked_columns(page.rows)
    if found is None:
        return None
    at, cols = found
    return at, _split_amount(page.rows[at:at + 5], [cols[0], *cols[2:]]), cols[-1].x1


# a city's 歲入預算表 / 歲出預算表: the labels wrap over the rows above the one printing 款
_STACKED = [("left", "款"), ("name", "名稱及編號"), ("amount", "本年度預算數"),
            ("last_year_amount", "上年度"), ("prior_year_actual", "前年度"),
            ("change", "上年度比較")]


def _stacked_columns(rows: list[PdfLine]) -> tuple[int, list[Column]] | None:
    """The header's last row (款 … 名稱及編號) and the columns, each label the leftmost match
    right of the one before among that row and the few above it."""
    at = next((i for i, r in enumerate(rows[:16]) if "名稱及編號" in squash(r.text)
               and squash(r.text).startswith("款")), None)
    if at is None:
        return None
    head = rows[max(0, at - 5):at + 1]
    cols: list[Column] = []
    after = -1e9
    for name, words in _STACKED:
        spans = [sp for r in head if (sp := label_span(r, words, after))]
        if not spans:
            return None
        x0, x1 = min(spans)
        cols.append(Column(name, x0, x1))
        after = x1
    return at, cols


def _split_amount(head: list[PdfLine], cols: list[Column]) -> list[Column]:
    """A city's 歲入預算表 / 歲出預算表 prints 本年度預算數 as three columns under its label, 合計,
    經常門 and 資本門: the 合計 is the row's amount, the other two its parts."""
    amount = next(i for i, c in enumerate(cols) if c.name == "amount")
    lo = cols[amount - 1].x1 if amount else -1e9
    hi = cols[amount + 1].x0 if amount + 1 < len(cols) else 1e9
    spans = []
    for words in ("合計", "經常門", "資本門"):
        span = next((sp for r in head if (sp := label_span(r, words, lo))
                     and sp[1] < hi), None)
        if span is None:
            return cols
        spans.append(span)
    parts = [Column(n, *sp) for n, sp in zip(("amount", "current_amount", "capital_amount"),
                                              spans, strict=True)]
    return [*cols[:amount], *parts, *cols[amount + 1:]]


def drafts(ctx: PdfContext, sid: str, sub_unit: str) -> list[Draft]:
    report = Report(ctx, sid)
    out: list[Draft] = []
    code: Cell | None = None
    for page in ctx.tables(sid, sub_unit):
        found = _columns(page)
        if found is None:
            report("unparsed", page.rows[0].no if page.rows else None,
                   f"page {page.number}: no column header row found")
            continue
        at, cols, change_x1 = found
        rows = page.rows
        for i in range(at + 1, len(rows)):
            if is_page_number(rows, i):
                continue
            cells = row_cells(rows[i], cols)
            figs = {k: cells[k] for k in ROW_FIGURES if k in cells}
            change, desc = split_tail(cells.get("change"), bool(figs), change_x1, report)
            if change:
                figs["change"] = change
            left = cells.get("left")
            key = squash(left.text) if left else ""
            parts = left.text.split() if left else []
            if figs and 1 <= len(parts) <= 2 and _CITY_CODE.fullmatch(parts[-1]) and (
                    len(parts) == 1 or _ORDINAL.fullmatch(parts[0])) and left is not None:
                # a city's row: ordinal and code on the row of its figures, the name below
                at = left.start + left.text.rindex(parts[-1])
                out.append(Draft(Cell(parts[-1], left.line, at, at + len(parts[-1])), None, figs,
                                 ordinal=parts[0] if len(parts) == 2 else None))
                if desc:
                    out[-1].desc.append(desc)
                continue
            if _SUBTOTAL.fullmatch(key) and figs:
                continue  # 經常門合計: the part of 合計 a city prints above its rows
            if CODE.fullmatch(key) and not figs:
                if code is not None:
                    report("unparsed", code.line.no, f"code {code.text} without its row")
                code = left
                key, left = "", None
            if figs or (left and (code is not None or key in TOTAL_NAMES)):
                out.append(Draft(code, left, figs))
                code = None
            elif left and out:
                _wrapped(out[-1], left, report)
            elif left:
                report("unparsed", left.line.no, f"{left.text!r} before the table's first row")
            if desc:
                if out:
                    out[-1].desc.append(desc)
                else:
                    report("unparsed", desc.line.no, "說明 before the table's first row")
    if code is not None:
        report("unparsed", code.line.no, f"code {code.text} without its row")
    for d in out:
        _split_left(d)
    return out


def _wrapped(d: Draft, left: Cell, report: Report) -> None:
    """A row's name continued, or its ordinal printed on a row of its own."""
    m = re.match(r"(\d{1,2})\s{2,}(\S.*)$", left.text)
    if m and d.ordinal and not d.name and len(d.ordinal) + len(m.group(1)) <= 3:
        # a city's ordinal wrapped under itself (`00` / `3 某市政府某處`)
        d.ordinal += m.group(1)
        at = left.start + m.start(2)
        left = Cell(m.group(2), left.line, at, left.end)
    key = squash(left.text)
    if key.isdigit() and len(key) <= 3 and d.left is not None and not _ORDINAL.match(
            squash(d.left.text)):
        d.ordinal = key
    elif key.isdigit():
        report("unparsed", left.line.no, f"number {key} without a row")
    else:
        d.name.append(left)


def _split_left(d: Draft) -> None:
    """Ordinal (款/項/目/節 number) and name from the row's left region."""
    if d.left is None:
        return
    text = text_of(d.left.line, d.left.start, d.left.end)
    m = _ORDINAL.match(text)
    if m:
        d.ordinal = m.group(1)
        start = d.left.start + d.left.text.index(m.group(1)) + len(m.group(1))
        d.left = Cell(d.left.line.text[start:d.left.end].strip(), d.left.line,
                      start, d.left.end)


def fields(d: Draft, sid: str, report: Report, codes: set[str],
           parent_of: Callable[[str], str | None]) -> dict[str, Any]:
    parts = ([d.left] if d.left else []) + d.name
    name = "".join(squash(text_of(c.line, c.start, c.end)) for c in parts)
    values: dict[str, int | None] = {}
    locs: dict[str, Loc] = {}
    for k in FIGURES:
        values[k], printed = figure(d.figures.get(k), report)
        if printed:
            locs[k] = d.figures[k].loc
    if d.code is not None:
        locs["code"] = d.code.loc
    if parts:
        locs["name"] = parts[0].loc
    main = locs.pop("amount", None) or locs.get("name") or locs.get("code")
    code = squash(d.code.text) if d.code else None
    parent = parent_of(code) if code else None
    while parent is not None and parent not in codes and parent_of(parent) != parent:
        parent = parent_of(parent)  # a level the book does not print (a city's 職能)
    return {
        "loc": main or Loc(line=0), "locs": locs, "table": sid, "code": code, "name": name,
        "ordinal": d.ordinal, "parent_code": parent if parent in codes else None,
        **values, "description": block(d.desc, sid),
    }


def _check(d: Draft, sid: str, report: Report) -> bool:
    line = (d.left or d.code or next(iter(d.figures.values()))).line
    if d.code is None and not (d.left and squash(d.left.text) in TOTAL_NAMES):
        report("unparsed", line.no, "figures without a 科目 code")
        return False
    return True


def read_revenue(ctx: PdfContext, sub_unit: str) -> list[RevenueRow]:
    report = Report(ctx, REVENUE)
    rows = [d for d in drafts(ctx, REVENUE, sub_unit) if _check(d, REVENUE, report)]
    codes = {squash(d.code.text) for d in rows if d.code}
    out = []
    for d in rows:
        f = fields(d, REVENUE, report, codes, revenue_parent)
        out.append(RevenueRow(level=revenue_level(f["code"]) if f["code"] else 0, **f))
    return out


def read_expenditure(ctx: PdfContext, sub_unit: str) -> list[AgencyExpenditureRow]:
    report = Report(ctx, EXPENDITURE)
    rows = [d for d in drafts(ctx, EXPENDITURE, sub_unit) if _check(d, EXPENDITURE, report)]
    codes = {squash(d.code.text) for d in rows if d.code}
    out = []
    for d in rows:
        f = fields(d, EXPENDITURE, report, codes, expenditure_parent)
        kind: ExpenditureKind = expenditure_kind(f["code"]) if f["code"] else "total"
        out.append(AgencyExpenditureRow(level=KIND_LEVEL[kind], kind=kind, **f))
    return out


__all__ = ["read"]
