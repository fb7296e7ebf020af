"""派員出國計畫預算類別表 of a PDF book: one plan per numbered row, its name, destination,
topics and 歸屬預算科目 wrapping onto the rows below, and (on the 開會 pages) the last three
trips of the same plan printed one a row in columns of their own.

The pages of each category group print different columns (考察 pages a 計畫內容 and a 前三年
column pair, 開會 pages the recent trips, 進修 pages 機票與出國手續費 and 書籍學雜等費), so the
columns are whichever of the known labels the page's own header prints."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ...model.travel import TRAVEL_CATEGORIES, RecentTrip, TravelCategories, TravelPlan
from ...pdf import PdfLine
from . import PdfContext
from .layout import Column, TablePage, label_span, squash, stacked_label_span
from .oversight import reporter
from .oversight_grid import Block, GridRow, amount, figures, grid, is_footer, sheets

# (column, printed label): whichever the page prints; columns without a model field are kept
# so that their text does not fall into a neighbour's
_LABELS = [("name", "計畫名稱"), ("destination", "擬前往國"), ("visit", "擬拜會或"),
           ("visit", "擬拜會機構"),
           ("topics", "計畫內容"), ("topics", "主要會議議題"), ("topics", "主要研習課程"),
           ("period", "預計前往期間"), ("days", "預計天數"), ("persons", "擬派人數"),
           ("transport", "交通費"), ("transport", "機票與出國手續費"), ("living", "生活費"),
           ("office", "辦公費"), ("books", "書籍學雜等費"), ("amount", "合計"),
           ("work_plan", "歸屬預算科目"), ("seen", "有/無"), ("seen_note", "如有，說明其內容"),
           ("trip_place", "出國地點"), ("trip_period", "出國期間"), ("trip_persons", "出國人數"),
           ("trip_cost", "國外旅費"), ("sent", "前三年度已派人員人數")]
_FIGURES = ["days", "persons", "transport", "living", "office", "books", "amount"]
_TRIP = ["trip_place", "trip_period", "trip_persons", "trip_cost"]
_NUMERIC = {*_FIGURES, "sent", *_TRIP[1:]}
_ITEM = re.compile(r"^(\d{2})\s*(\S.*)$")
_HEADING = re.compile(r"^[一二三四五六七八九十]+、(\S+)$")
_FIELD_CODE = re.compile(r"[-\ufffe]?(\d{2})$")  # 領域代碼 closing the name (`經驗83`, `-14`)
_TOTAL = re.compile(r"^(?:總計|合計|小計)")


def _header(rows: Sequence[PdfLine]) -> tuple[int, list[Column]] | None:
    """Every known label the header rows (down to the one printing 合計) print."""
    end = next((i for i, ln in enumerate(rows) if "合計" in squash(ln.text)), None)
    if end is None:
        return None
    cols: list[Column] = []
    last = end
    for name, words in _LABELS:
        for ln in rows[:end + 1]:
            span = label_span(ln, words, -1e9)
            if span is not None:
                cols.append(Column(name, *span))
                break
        else:  # a narrow column prints its label over several rows, maybe one below 合計
            for depth in (end + 1, end + 2):
                span = stacked_label_span(rows[:depth], words)
                if span is not None:
                    cols.append(Column(name, *span))
                    last = max(last, depth - 1)
                    break
    if not any(c.name == "name" for c in cols):
        return None
    return last, cols


def _subtitle(page: TablePage) -> str | None:
    """The category group the page's title names (`－考察、視察、訪問`)."""
    title = squash(page.page.rows[page.title_row].text)
    return re.split(r"[－-]", title, maxsplit=1)[1] if re.search(r"[－-]", title) else None


def read_travel_categories(ctx: PdfContext, pages: list[TablePage]) -> TravelCategories | None:
    table = "travel_categories"
    report = reporter(ctx, table)
    numbers = reporter(ctx, table, "ambiguous_number")
    plans: list[dict[str, Any]] = []
    heading: str | None = None
    found = sheets(pages, _header, report)
    subtitles = {s.page.number: _subtitle(s.page) for s in found}
    rows = [row for page_rows in grid(found, _NUMERIC) for row in page_rows
            if not is_footer(row)]
    # a book numbers its plans (`01`) or starts each plan on the row of its figures
    numbered = any(_ITEM.match(squash(row.text("name"))) and row.text("amount") for row in rows)
    stray: list[GridRow] = []
    after_heading = False
    for row in rows:
        subtitle = subtitles.get(row.line.page)
        name = squash(row.text("name"))
        prev_heading, after_heading = after_heading, False
        m = _ITEM.match(name)
        if not numbered and name and row.text("amount") and not _HEADING.match(name) \
                and not _TOTAL.match(name):
            m = re.match(r"()(.*)", name)
        if m and any(row.text(f) for f in _FIGURES):
            values, loc, locs = figures(row, _FIGURES, "amount", numbers)
            plans.append({"item_no": m.group(1) or None, "name": Block(),
                          "first": m.group(2),
                          "values": values, "loc": loc, "locs": locs, "group": subtitle,
                          "heading": heading, "destination": Block(), "topics": Block(),
                          "work_plan": Block(), "trips": [], "line": row.line.no})
        elif (h := _HEADING.match(name)) and not any(row.text(f) for f in _FIGURES):
            heading = h.group(1)
            after_heading = True
            continue
        elif prev_heading and name and squash(row.line.text) == name:
            heading = f"{heading}{name}"  # a heading wrapped onto the row below (`定期` `會議`)
            continue
        elif not plans:
            if name or row.text("topics"):
                stray.append(row)
            continue
        else:
            plans[-1]["name"].add(row, "name")
        plan = plans[-1]
        for f in ("destination", "topics", "work_plan"):
            plan[f].add(row, f)
        if any(row.text(f) for f in _TRIP):
            # a trip's place and period wrap onto rows of their own, without figures
            if plan["trips"] and not any(row.text(f) for f in _TRIP[2:]):
                plan["trips"][-1].append(row)
            else:
                plan["trips"].append([row])
    if stray:  # once for the table, not once a row
        on = sorted({r.line.page for r in stray})
        report(stray[0].line.no, f"{len(stray)} rows of text before any plan, pages {on}: "
                                 f"{stray[0].line.text.strip()!r}")
    return TravelCategories(plans=[_plan(p, table, numbers) for p in plans])



def _trip(rows: list[GridRow], table: str, numbers: Any) -> RecentTrip:
    row = rows[0]
    cells = {f: row.cells.get(f) for f in _TRIP}
    locs = {f: c.loc for f, c in cells.items() if c is not None and c.text}
    place = "".join(squash(r.text("trip_place")) for r in rows)
    period = "".join(squash(r.text("trip_period")) for r in rows)
    main = "trip_cost" if "trip_cost" in locs else next(iter(locs))
    loc = locs.pop(main)
    fields = {"trip_place": "destination", "trip_period": "period",
              "trip_persons": "persons", "trip_cost": "cost"}
    return RecentTrip(loc=loc, locs={fields[k]: v for k, v in locs.items()}, table=table,
                      destination=None if squash(place) in ("", "-") else squash(place),
                      period=None if period in ("", "-") else period,
                      persons=amount(cells["trip_persons"], numbers),
                      cost=amount(cells["trip_cost"], numbers))


def _plan(p: dict[str, Any], table: str, numbers: Any) -> TravelPlan:
    name = p["first"] + p["name"].text()
    code = _FIELD_CODE.search(name)
    if code is not None:
        name = name[:code.start()]
    heading = p["heading"]
    return TravelPlan(
        loc=p["loc"], locs=p["locs"], table=table, item_no=p["item_no"], name=name,
        field_code=code.group(1) if code else None, category_group=p["group"],
        category=heading if heading in TRAVEL_CATEGORIES else None,
        group=None if heading in TRAVEL_CATEGORIES else heading,
        destination=p["destination"].text() or None, topics=p["topics"].block(table),
        work_plan=p["work_plan"].text() or None,
        recent_trips=[_trip(t, table, numbers) for t in p["trips"]], **p["values"])
