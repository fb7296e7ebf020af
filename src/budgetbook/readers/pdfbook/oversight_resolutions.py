"""立法院…決議、附帶決議及注意事項辦理情形報告表 of a PDF book: three ruled columns (項次,
內容, 辦理情形) whose header labels span their columns, so each character goes to the column
it lies in. A heading (`一、總預算案部分：`) prints its number in the 項次 column; a part
(`通案決議`, `某部部分：`) prints in the 內容 column without a number; an item (`(一)`) runs
with its 內容 and 辦理情形 over as many rows and pages as they take."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from ...model.oversight import Resolution, ResolutionsTable
from ..booktext.oversight_text import cn_number
from . import PdfContext
from .layout import TablePage, between, split_cells, squash
from .oversight import reporter
from .oversight_grid import Block, GridRow, Sheet, header_by_labels, is_footer, sheets

TABLE = "resolutions"
_LABELS = [("number", "項次"), ("text", "內容"), ("response", "辦理情形")]
_HEADING = re.compile(r"^[一二三四五六七八九十]+、$")
_ITEM = re.compile(r"^[(（]([一二三四五六七八九十百零〇0-9０]+)[)）]$")
_PART = re.compile(r"^\S{1,20}部分[：:]$")


def _rows(found: list[Sheet]) -> list[GridRow]:
    """Every row, split at the midpoints between the column labels (the columns are ruled:
    nothing is printed across a rule)."""
    out: list[GridRow] = []
    for sheet in found:
        cols = between(sheet.columns)
        out.extend(GridRow([ln], split_cells(ln, cols)) for ln in sheet.body)
    return out


def _ended(item: dict[str, Any]) -> bool:
    """An item whose 內容 closes a sentence: a `…部分：` line after it opens a new part rather
    than continuing it."""
    return bool(item["text"].text().endswith(("。", "」", "）", ")")))


def read_resolutions(ctx: PdfContext, pages: list[TablePage]) -> ResolutionsTable | None:
    report = reporter(ctx, TABLE)
    header = partial(header_by_labels, labels=_LABELS,
                     body=lambda key: "項次" in key, after_row=True)
    items: list[dict[str, Any]] = []
    heading: str | None = None
    part: str | None = None
    fresh = False  # after a heading, before its first item: a 內容 line is its part
    for row in _rows(sheets(pages, header, report)):
        number = squash(row.text("number"))
        text = squash(row.text("text"))
        if is_footer(row) or not (number or text or row.text("response")):
            continue
        if _HEADING.match(number):
            heading, part, fresh = text.rstrip("：:"), None, True
            continue
        m = _ITEM.match(number)
        if m is None and number:
            report(row.line.no, f"項次 not understood: {number!r}")
        if m is None and not row.text("response") and (fresh or (
                _PART.match(text) and (not items or _ended(items[-1])))):
            part = text.rstrip("：:") if part is None or not fresh else part + text.rstrip("：:")
            continue
        if m is not None:
            fresh = False
            items.append({"number": m.group(1), "heading": heading, "part": part,
                          "text": Block(), "response": Block(), "line": row.line.no})
        elif not items:
            report(row.line.no, f"text before any item: {row.line.text.strip()!r}")
            continue
        items[-1]["text"].add(row, "text")
        items[-1]["response"].add(row, "response")
    out: list[Resolution] = []
    for it in items:
        block = it["text"].block(TABLE)
        if block is None:
            report(it["line"], f"item ({it['number']}) without 內容")
            continue
        out.append(Resolution(
            loc=block.loc, table=TABLE, number=it["number"], ordinal=cn_number(it["number"]),
            heading=it["heading"], part=it["part"], text=block,
            response=it["response"].block(TABLE)))
    return ResolutionsTable(items=out)
