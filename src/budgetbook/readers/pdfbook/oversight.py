"""Oversight tables of a PDF book: 派員出國計畫預算總表 and 類別表, 歲出按職能及經濟性綜合
分類表, 委辦經費分析表, 媒體政策及業務宣導費彙計表, and the legislature's resolutions with
their 辦理情形. Columns come from each page's own header row (`oversight_grid`)."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from ...model.base import Loc
from ...model.travel import (
    ECONOMIC_COLUMNS,
    FunctionalEconomic,
    FunctionalRow,
    TravelSummary,
    TravelSummaryRow,
)
from . import PdfContext
from .layout import Column, label_span, squash, vertical_labels
from .oversight_grid import figures, grid, header_by_labels, is_footer, sheets

_SUMMARY = [("category", "類別"), ("plans", "計畫項數"), ("person_days", "人天"),
            ("amount", "預算數"), ("last_year_plans", "計畫項數"),
            ("last_year_person_days", "人天"), ("last_year_amount", "預算數")]
_FUNCTION = re.compile(r"^(\d{2})\s*(\S.*)$")
# 人天 printed as persons times days (`3人x4天`, a city's form): their product is the person-days
_PERSONS_DAYS = re.compile(r"^(\d+)\s*人\s*[xX×*＊]\s*(\d+)\s*天$")


def read(ctx: PdfContext, sub_unit: str) -> dict[str, Any]:
    from .oversight_commissioned import read_commissioned, read_media
    from .oversight_resolutions import read_resolutions
    from .oversight_travel import read_travel_categories

    out: dict[str, Any] = {}
    for name, reader in (("travel_summary", read_travel_summary),
                         ("travel_categories", read_travel_categories),
                         ("functional", read_functional),
                         ("commissioned", read_commissioned), ("media", read_media),
                         ("resolutions", read_resolutions)):
        pages = ctx.tables(name, sub_unit)
        if pages:
            table = reader(ctx, pages)
            if table is not None:
                out[name] = table
    _decide_categories(out)
    return out


def _decide_categories(out: dict[str, Any]) -> None:
    """A plan on a page of several categories (開會、談判) is of the one category among them that
    the 總表 gives plans to, when there is exactly one."""
    summary, plans = out.get("travel_summary"), out.get("travel_categories")
    if summary is None or plans is None:
        return
    planned = {r.category for r in summary.rows if r.plans}
    for plan in plans.plans:
        if plan.category is None and plan.category_group:
            among = [c for c in re.split(r"[、,，]", plan.category_group) if c in planned]
            if len(among) == 1:
                plan.category = among[0]


def reporter(ctx: PdfContext, table: str, kind: str = "unparsed") -> Any:
    return lambda line, message: ctx.report(kind, table, line, message)


def read_travel_summary(ctx: PdfContext, pages: list[Any]) -> TravelSummary | None:
    table = "travel_summary"
    report = reporter(ctx, table)
    numbers = reporter(ctx, table, "ambiguous_number")
    rows: list[TravelSummaryRow] = []
    total = None
    names = [n for n, _ in _SUMMARY[1:]]
    # labels are looked for at any x (find_header starts at x 0): a right-hand page of a
    # spread holds its left half's text at negative x
    header = partial(header_by_labels, labels=_SUMMARY, body=lambda key: "計畫項數" in key,
                     after_row=True)
    for page in grid(sheets(pages, header, report)):
        for row in page:
            category = squash(row.text("category"))
            if is_footer(row) or not category:
                continue
            values, loc, locs = figures(row, [n for n in names if not _person_days(row, n)],
                                        "amount", numbers)
            for name in names:
                cell = row.cells.get(name)
                if (pd := _person_days(row, name)) is not None and cell is not None:
                    values[name] = pd
                    locs[name] = cell.loc
            rec = TravelSummaryRow(loc=loc, locs=locs, table=table, category=category,
                                   is_total=category == "合計", **values)
            if rec.is_total:
                total = rec
            else:
                rows.append(rec)
    return TravelSummary(rows=rows, total=total)


def _person_days(row: Any, name: str) -> int | None:
    """A 人天 cell printed as persons times days (`3人x4天`): their product; else None."""
    m = _PERSONS_DAYS.match(squash(row.text(name))) if name.endswith("person_days") else None
    return int(m.group(1)) * int(m.group(2)) if m else None


# printed label -> field, by the half of the table (經常支出 or 資本支出) the page prints
_CURRENT = {"對企業": "current_transfer_enterprises",
            "對家庭及民間": "current_transfer_households",
            "對政府": "current_transfer_government", "對國外": "current_transfer_abroad"}
_CAPITAL = {"對營業基金": "investment_public_enterprises",
            "對非營業特種基金": "investment_special_funds",
            "對民間企業": "investment_private_enterprises",
            "對企業": "capital_transfer_enterprises",
            "對家庭及民間": "capital_transfer_households",
            "對政府": "capital_transfer_government", "對國外": "capital_transfer_abroad"}
_PLAIN = {label.split("-")[-1]: name for name, label in ECONOMIC_COLUMNS
          if "-" not in label or label.startswith("固定資本形成")}


def _functional_header(rows: list[Any]) -> tuple[int, list[Column]] | None:
    """The columns of one page: every label printed in the header rows above the 總計 row.
    Labels are looked for longest first, so `對民間企業` is not taken for `對企業`."""
    body = next((i for i, ln in enumerate(rows)
                 if squash(ln.text).startswith("總計") and len(squash(ln.text)) > 2), None)
    if body is None:
        return None
    head = rows[:body]
    capital = any(squash(ln.text).startswith("資本支出") for ln in head)
    labels = {**_PLAIN, **(_CAPITAL if capital else _CURRENT)}
    cols: list[Column] = []
    taken: list[tuple[float, float]] = []
    for label in sorted(labels, key=len, reverse=True):
        for ln in head:
            span = _span(ln, label, taken)
            if span:
                taken.append(span)
                cols.append(Column(labels[label], *span))
                break
    name = next((_span(ln, "分類", []) for ln in head if "別分類" in squash(ln.text)), None)
    if name is None:
        return _stacked_functional_header(head)
    if not cols:
        return None
    cols.append(Column("name", *name))
    return body - 1, sorted(cols, key=lambda c: c.x0)


def _stacked_functional_header(head: list[Any]) -> tuple[int, list[Column]] | None:
    """A city's form: every label printed vertically under the group titles (經常移轉, 投資及增資,
    資本移轉, 固定資本形成, printed across). A label is matched by its characters whatever the
    order of its two stacks; 對企業 and its like are 經常移轉's left of 經常支出合計, 資本移轉's
    right of it; the 職能別分類 label gives the name column, to the first figure column."""
    from collections import Counter

    groups = max((i for i, ln in enumerate(head) if "經常移轉" in squash(ln.text)), default=None)
    if groups is None:
        return None
    stacks = vertical_labels(head[groups + 1:])
    split = next((x0 for text, x0, _ in stacks if Counter(text) == Counter("經常支出合計")), None)
    name = next(((x0, x1) for text, x0, x1 in stacks if Counter(text) == Counter("職能別分類")),
                None)
    if split is None or name is None:
        return None
    cols: list[Column] = []
    for text, x0, x1 in stacks:
        fields = [(i, f) for i, (f, label) in enumerate(ECONOMIC_COLUMNS)
                  if Counter(label.split("-")[-1]) == Counter(text)]
        if len(fields) > 1:  # 對企業 …: 經常移轉 (printed first) left of 經常支出合計
            fields = fields[:1] if x0 < split else fields[1:]
        if fields:
            cols.append(Column(fields[0][1], x0, x1))
    if not cols:
        return None
    first = min(c.x0 for c in cols)
    cols.append(Column("name", name[0], max(name[1], first - 1.0)))
    return len(head) - 1, sorted(cols, key=lambda c: c.x0)


def _span(line: Any, label: str, taken: list[tuple[float, float]]) -> tuple[float, float] | None:
    """`label` printed alone in its cell of the line (not part of a longer label taken)."""
    after = -1e9
    while True:
        span = label_span(line, label, after)
        if span is None:
            return None
        if not any(a <= span[0] and span[1] <= b for a, b in taken):
            return span
        after = span[0] + 0.1


def read_functional(ctx: PdfContext, pages: list[Any]) -> FunctionalEconomic | None:
    table = "functional"
    report = reporter(ctx, table)
    numbers = reporter(ctx, table, "ambiguous_number")
    # a 職能 row is printed once per page pair, each with some of its columns: gathered by name
    values: dict[str, dict[str, int | None]] = {}
    places: dict[str, dict[str, Loc]] = {}
    for page in grid(sheets(pages, _functional_header, report)):
        for row in page:
            name = squash(row.text("name"))
            names = [n for n in row.cells if n != "name"]
            if is_footer(row) or not name or not names:
                continue
            got, loc, locs = figures(row, names, names[0], numbers)
            values.setdefault(name, {}).update(got)
            places.setdefault(name, {}).update({names[0]: loc, **locs})
    rows = []
    for name, got in values.items():
        m = _FUNCTION.match(name)
        code, label = (m.group(1), m.group(2)) if m else (None, name)
        locs = dict(places[name])
        loc = locs.pop("total" if "total" in locs else next(iter(locs)))
        rows.append(FunctionalRow(loc=loc, locs=locs, table=table, name=label, code=code,
                                  is_total=label == "總計", **got))
    total = next((r for r in rows if r.is_total), None)
    return FunctionalEconomic(rows=[r for r in rows if not r.is_total], total=total)
