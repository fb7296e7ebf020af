"""委辦經費分析表 and 媒體政策及業務宣導費彙計表 of a PDF book.

Both print a 科目 code on a row of its own or before its name, the name wrapping onto rows
without figures, and a text column (委辦內容, 預計執行內容) wrapping the same way."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from ...model.oversight import (
    CommissionedProject,
    CommissionedTable,
    CommissionedTotal,
    MediaLevel,
    MediaRow,
    MediaTable,
)
from . import PdfContext
from .layout import TablePage, squash
from .oversight import reporter
from .oversight_grid import Block, GridRow, figures, grid, header_by_labels, is_footer, sheets

_COMMISSIONED = [("name", "委辦計畫"), ("years", "起訖"), ("description", "委辦內容"),
                 ("personnel_amount", "用人費用"), ("operating_amount", "業務費用"),
                 ("other_amount", "其他"), ("equipment", "設備購置"), ("capital_other", "其他"),
                 ("amount", "合計")]
_FIGURES = [n for n, _ in _COMMISSIONED[3:]]
_WORK_PLAN = re.compile(r"^(\d+)\.\s*(\d{10})$")  # 1.1234560100
_SUB_PLAN = re.compile(r"^\d{10}$")  # a 分支計畫's subtotal under its work plan
_PROJECT = re.compile(r"^([(（]\d+[)）])\s*(.*)$")
_MEDIA = [("kuan", "款"), ("xiang", "項"), ("mu", "目"), ("jie", "節"), ("name", "名稱"),
          ("amount", "預算數"), ("description", "預計執行內容")]


def _has_figures(row: GridRow, names: list[str]) -> bool:
    return any(row.text(n) for n in names)


def read_commissioned(ctx: PdfContext, pages: list[TablePage]) -> CommissionedTable | None:
    table = "commissioned"
    report = reporter(ctx, table)
    numbers = reporter(ctx, table, "ambiguous_number")
    header = partial(header_by_labels, labels=_COMMISSIONED,
                     body=lambda key: "用人費用" in key, after_row=True)
    items: list[dict[str, Any]] = []  # rows in order, each with its wrapped name and content
    for page in grid(sheets(pages, header, report)):
        for row in page:
            name = squash(row.text("name"))
            if is_footer(row) or not (name or row.text("description")):
                continue
            if _has_figures(row, _FIGURES):
                values, loc, locs = figures(row, _FIGURES, "amount", numbers)
                items.append({"head": name, "values": values, "loc": loc, "locs": locs,
                              "name": Block(), "desc": Block(), "years": row.text("years"),
                              "line": row.line.no})
                items[-1]["desc"].add(row, "description")
            elif items:  # a wrapped name or 委辦內容
                items[-1]["name"].add(row, "name")
                items[-1]["desc"].add(row, "description")
            else:
                report(row.line.no, f"text before any row: {row.line.text.strip()!r}")
    projects: list[CommissionedProject] = []
    totals: list[CommissionedTotal] = []
    total = None
    wp_code, wp_name = "", ""
    for it in items:
        head, v = it["head"], it["values"]
        amounts = {"personnel_amount": v["personnel_amount"],
                   "operating_amount": v["operating_amount"], "other_amount": v["other_amount"],
                   "unnamed_amounts": [v["equipment"], v["capital_other"]],
                   "amount": v["amount"]}
        common = {"loc": it["loc"], "locs": it["locs"], "table": table, **amounts}
        if (m := _WORK_PLAN.match(head)) is not None:
            wp_code, wp_name = m.group(2), it["name"].text()
            totals.append(CommissionedTotal(work_plan_code=wp_code, work_plan_name=wp_name,
                                            ordinal=m.group(1), **common))
        elif head == "合計":
            total = CommissionedTotal(**common)
        elif _SUB_PLAN.match(head):
            continue  # a 分支計畫's subtotal: the model has no place for it; its projects
            # count under the work plan
        elif (m := _PROJECT.match(head)) is not None:
            name = m.group(2) + it["name"].text()
            projects.append(CommissionedProject(
                work_plan_code=wp_code, work_plan_name=wp_name, number=m.group(1), name=name,
                years=squash(it["years"]) or None, description=it["desc"].block(table),
                **common))
            if not wp_code:
                report(it["line"], f"project {name} before any work plan")
        else:
            report(it["line"], f"row not understood: {head!r}")
    if total is not None:
        totals.append(total)
    return CommissionedTable(projects=projects, totals=totals)


def _media_level(code: str) -> MediaLevel:
    if code.startswith("00"):
        return "ministry" if code[4:6] == "00" else "agency"
    if code[6:] == "0000":
        return "function"
    return "work_plan" if code[8:] == "00" else "sub"


def read_media(ctx: PdfContext, pages: list[TablePage]) -> MediaTable | None:
    table = "media"
    report = reporter(ctx, table)
    numbers = reporter(ctx, table, "ambiguous_number")
    header = partial(header_by_labels, labels=_MEDIA,
                     body=lambda key: bool(re.fullmatch(r"\d{10}", key)))
    rows: list[dict[str, Any]] = []
    code: str | None = None
    for page in grid(sheets(pages, header, report)):
        for row in page:
            name = squash(row.text("name"))
            if is_footer(row):
                continue
            if re.fullmatch(r"\d{10}", name):
                code = name  # the code row above its name
                continue
            ordinal = "".join(squash(row.text(c)) for c in ("kuan", "xiang", "mu", "jie"))
            if code is not None:
                values, loc, locs = figures(row, ["amount"], "amount", numbers)
                rows.append({"code": code, "ordinal": ordinal or None, "name": Block(),
                             "desc": Block(), "amount": values["amount"], "loc": loc})
                code = None
            elif not rows:
                report(row.line.no, f"text before any 科目: {row.line.text.strip()!r}")
                continue
            elif row.text("amount") or ordinal:
                report(row.line.no, f"figures without a 科目 code: {row.line.text.strip()!r}")
            rows[-1]["name"].add(row, "name")
            rows[-1]["desc"].add(row, "description")
    return MediaTable(rows=[MediaRow(
        loc=r["loc"], table=table, code=r["code"], level=_media_level(r["code"]),
        ordinal=r["ordinal"], name=r["name"].text(), amount=r["amount"],
        description=r["desc"].block(table)) for r in rows])

