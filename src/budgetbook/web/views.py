"""The web explorer (網頁瀏覽): server-rendered zh-TW pages over the store queries.

Every page is one call (or a few) into `store.queries` and one Jinja2 template; nothing here
computes a budget figure. Every figure a page shows links to its line in the book's text
(`/books/{id}/source#L{line}`), through the `fig` helper the templates share.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..export.tabular import loc_columns
from ..store import queries as q
from .labels import (
    PHASES,
    STATUS,
    audit_reason,
    audit_rule,
    column_label,
    flag_label,
    is_incomplete,
    warning_label,
)

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))


# --- template helpers: formatting and links, never arithmetic --------------------------------

def num(value: Any) -> str:
    """A figure with thousands separators, as the book prints it; None (printed "-") stays "-"."""
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal | float):
        return f"{value:,}"
    try:
        return f"{int(str(value)):,}"
    except ValueError:
        return str(value)


def source_url(book_id: str, line: int | None) -> str:
    return f"/books/{book_id}/source#L{line}" if line else f"/books/{book_id}/source"


@pass_context
def fig(ctx: Any, value: Any, line: int | None, unit: bool = False, label: str = "",
        book_id: str | None = None) -> Markup:
    """A figure linked to its source line (`unit` adds 千元 after it)."""
    book_id = book_id or ctx.get("book", {}).get("id")
    text = escape(num(value)) + (Markup(' <span class="unit">千元</span>') if unit else "")
    title = f"原文第 {line} 行" if line else "原文"
    aria = f' aria-label="{escape(label)} {escape(num(value))} 千元，原文第 {line} 行"' if label else ""
    return Markup(f'<a class="fig" href="{source_url(book_id, line)}" title="{title}"{aria}>'
                  f"{text}</a>")


@pass_context
def src(ctx: Any, line: int | None, text: str = "原文", book_id: str | None = None) -> Markup:
    """A small link to a source line (for text fields and rows)."""
    if not line:
        return Markup("")
    book_id = book_id or ctx.get("book", {}).get("id")
    return Markup(f'<a class="src" href="{source_url(book_id, line)}">{escape(text)}第 {line} 行'
                  "</a>")


def paragraphs(text: str | None) -> Markup:
    if not text:
        return Markup("")
    return Markup("".join(f"<p>{escape(p)}</p>" for p in str(text).split("\n") if p.strip()))


def marked(html: str) -> Markup:
    """The search snippet with only its <mark> tags kept as markup."""
    safe = str(escape(html)).replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>")
    return Markup(safe)


def is_csv_book(book: dict[str, Any]) -> bool:
    """A book read from the open-data CSV: its source is the file (proposed/tw2021ap.csv)."""
    return str(book.get("source_name") or "").lower().endswith(".csv")


def flags_of(book: dict[str, Any]) -> list[str]:
    raw = book.get("flags")
    if not raw:
        return []
    return list(raw) if isinstance(raw, list) else list(json.loads(raw))


templates.env.filters.update(num=num, paragraphs=paragraphs, marked=marked)
templates.env.globals.update(fig=fig, src=src, PHASES=PHASES, STATUS=STATUS,
                             column_label=column_label, titles=q.resource_titles(),
                             audit_rule=audit_rule, audit_reason=audit_reason,
                             warning_label=warning_label, flag_label=flag_label,
                             is_incomplete=is_incomplete, is_csv_book=is_csv_book,
                             flags_of=flags_of)


# --- rendering and errors --------------------------------------------------------------------

def render(request: Request, name: str, status_code: int = 200, **ctx: Any) -> Response:
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)


def not_found(request: Request, message: str) -> Response:
    return render(request, "404.html", status_code=404, message=message)


def html_page(fn: Callable[..., Response]) -> Callable[..., Response]:
    """A page handler whose NotFound becomes the HTML 404 page (the API's stays JSON)."""

    @functools.wraps(fn)
    def wrapper(request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            return fn(request, *args, **kwargs)
        except q.NotFound as exc:
            return not_found(request, exc.message)

    return wrapper


def _engine(request: Request) -> Any:
    return request.app.state.engine


# --- links between pages ---------------------------------------------------------------------

def item_url(book_id: str, kind: str, row: dict[str, Any]) -> str:
    """Where a row of a resource lives in the explorer: its own page, or its table's anchor."""
    if kind == "work-plans" and row.get("code"):
        return f"/books/{book_id}/work-plans/{row['code']}"
    if kind == "sub-plans" and row.get("work_plan_code"):
        return f"/books/{book_id}/sub-plans/{row['work_plan_code']}/{row['sub_plan_no']}"
    return f"/books/{book_id}/{kind}#row-{row['row_no']}"


def _treemap_nodes(book_id: str, nodes: list[dict[str, Any]], kind: str,
                   parent: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Tree nodes in ECharts' shape, each with the page a click opens."""
    out = []
    for n in nodes:
        if n["kind"] == "revenue" and n["level"] == 2 and n["children"]:
            # the agency row under each 款 names the book's own agency: skip it in the chart
            out.extend(_treemap_nodes(book_id, n["children"], kind, parent))
            continue
        if n["kind"] == "work_plan":
            url = f"/books/{book_id}/work-plans/{n['code']}"
        elif n["kind"] == "sub_plan":
            url = f"/books/{book_id}/sub-plans/{n['code']}/{n['no']}"
        elif n["kind"] == "object" and parent:
            url = f"/books/{book_id}/sub-plans/{parent['code']}/{parent['no']}#obj-{n['code']}"
        else:
            url = f"/books/{book_id}/revenue#row-{n['row_no']}"
        node: dict[str, Any] = {"name": n["name"], "value": n["amount"] or 0, "code": n["code"],
                                "url": url, "line": n["source_line"]}
        if n["children"]:
            node["children"] = _treemap_nodes(book_id, n["children"], kind, n)
        out.append(node)
    return out


# --- pages -----------------------------------------------------------------------------------

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


FEATURED_LIMIT = 100  # books read from book text shown on the home page; the rest: /books
BOOKS_PER_PAGE = 50


@router.get("/")
@html_page
def home(request: Request) -> Response:
    """The books read from budget-book text (and any with an audit) in full, and the open data
    as one row per file (year and phase): a few grouped queries, whatever the store holds."""
    engine = _engine(request)
    featured = q.featured_books(engine, limit=FEATURED_LIMIT)
    totals = q.totals_of_books(engine, [b["id"] for b in featured.rows])
    books = [{**b, "totals": totals[b["id"]]} for b in featured.rows]
    files = q.open_data_overview(engine)
    years: dict[int, dict[str, Any]] = {}
    for f in files:
        f["incomplete"] = is_incomplete(f["flags"])
        y = years.setdefault(f["fiscal_year"], {"year": f["fiscal_year"],
                                                "roc": f["fiscal_year"] - 1911, "phases": {}})
        y["phases"].setdefault(f["phase"], []).append(f)
    return render(request, "home.html", books=books, featured_total=featured.total,
                  open_years=list(years.values()), open_files=files,
                  open_books=sum(f["books"] for f in files),
                  agencies=q.agency_names(engine) if files else [])


def _books_url(params: dict[str, Any], **changes: Any) -> str:
    query = {k: v for k, v in {**params, **changes}.items() if v not in (None, "", 0)}
    return "/books" + ("?" + urlencode(query) if query else "")


@router.get("/books")
@html_page
def books_list(request: Request) -> Response:
    """Every book, filtered by year, phase, agency code or a name, paged in SQL."""
    engine = _engine(request)
    p = request.query_params
    params: dict[str, Any] = {k: p.get(k, "").strip() for k in
                              ("year", "phase", "agency", "q", "source")}
    error = None
    year = None
    if params["year"]:
        try:
            year = int(params["year"])
            if year < 1912:  # a ROC year
                year += 1911
        except ValueError:
            error = f"年度必須是數字（例如 2022 或 111），收到「{params['year']}」。"
    try:
        offset = max(0, int(p.get("offset") or 0))
    except ValueError:
        offset = 0
    page = None
    if error is None:
        try:
            page = q.books_filtered(engine, year=year, phase=params["phase"] or None,
                                    agency=params["agency"] or None, text_=params["q"] or None,
                                    source=params["source"] or None, limit=BOOKS_PER_PAGE,
                                    offset=offset)
        except q.BadParameter as exc:
            error = {"phase": "階段必須是 proposed（預算案）或 enacted（法定預算）。",
                     "source": "來源必須是 text（預算書原文）或 csv（開放資料）。"
                     }.get(exc.param, exc.message)
    rows: list[dict[str, Any]] = []
    if page is not None:
        totals = q.totals_of_books(engine, [b["id"] for b in page.rows])
        rows = [{**b, "totals": totals[b["id"]], "flag_list": flags_of(b)} for b in page.rows]
    total = page.total if page else 0
    return render(
        request, "books.html", status_code=422 if error else 200, rows=rows, total=total,
        offset=offset, limit=BOOKS_PER_PAGE, params=params, error=error,
        prev_url=_books_url(params, offset=max(0, offset - BOOKS_PER_PAGE)) if offset else None,
        next_url=(_books_url(params, offset=offset + BOOKS_PER_PAGE)
                  if offset + BOOKS_PER_PAGE < total else None))


@router.get("/search")
@html_page
def search_page(request: Request, book: str | None = None) -> Response:
    query = request.query_params.get("q", "").strip()
    ctx: dict[str, Any] = {"query": query, "groups": [], "total": 0, "error": None,
                           "book_filter": book}
    if query:
        try:
            page = q.search(_engine(request), query, book_id=book or None, limit=300)
        except q.BadParameter as exc:
            ctx["error"] = exc.message
        else:
            groups: dict[str, list[dict[str, Any]]] = {}
            for hit in page.rows:
                row = ({"row_no": hit["row_no"]} if hit["kind"] not in ("work-plans", "sub-plans")
                       else q.row(_engine(request), hit["book_id"], hit["kind"], hit["row_no"]))
                hit["url"] = item_url(hit["book_id"], hit["kind"], row)
                hit["source_url"] = source_url(hit["book_id"], hit["source_line"])
                groups.setdefault(hit["kind"], []).append(hit)
            ctx.update(groups=list(groups.items()), total=page.total)
    return render(request, "search.html", **ctx)


@router.get("/books/{book_id}")
@html_page
def overview(request: Request, book_id: str) -> Response:
    engine = _engine(request)
    book = q.get_book(engine, book_id)
    exp_tree = q.expenditure_tree(engine, book_id)
    rev_tree = q.revenue_tree(engine, book_id)
    return render(
        request, "overview.html", book=book, totals=q.book_totals(engine, book_id),
        exp_tree=exp_tree, rev_tree=rev_tree,
        exp_chart=_treemap_nodes(book_id, exp_tree, "exp"),
        rev_chart=_treemap_nodes(book_id, rev_tree, "rev"),
        largest=q.largest_object_classes(engine, book_id, 10),
        failed=q.checks(engine, book_id, status="fail").rows)


@router.get("/books/{book_id}/work-plans/{code}")
@html_page
def work_plan_page(request: Request, book_id: str, code: str) -> Response:
    engine = _engine(request)
    book = q.get_book(engine, book_id)
    return render(request, "work_plan.html", book=book, **q.work_plan(engine, book_id, code))


@router.get("/books/{book_id}/sub-plans/{code}/{no}")
@html_page
def sub_plan_page(request: Request, book_id: str, code: str, no: str) -> Response:
    engine = _engine(request)
    book = q.get_book(engine, book_id)
    return render(request, "sub_plan.html", book=book, **q.sub_plan(engine, book_id, code, no))


@router.get("/books/{book_id}/objects")
@html_page
def objects_page(request: Request, book_id: str) -> Response:
    engine = _engine(request)
    book = q.get_book(engine, book_id)
    return render(request, "objects.html", book=book, **q.object_classes(engine, book_id))


@router.get("/books/{book_id}/objects/{code}")
@html_page
def object_page(request: Request, book_id: str, code: str) -> Response:
    engine = _engine(request)
    book = q.get_book(engine, book_id)
    return render(request, "object.html", book=book, obj=q.object_class(engine, book_id, code))


@router.get("/books/{book_id}/audit")
@html_page
def audit_page(request: Request, book_id: str) -> Response:
    engine = _engine(request)
    book = q.get_book(engine, book_id)
    checks = q.checks(engine, book_id, limit=100_000).rows
    for c in checks:
        c["lines"] = [f["source_line"] for f in c["figures"] if f.get("source_line")]
    return render(request, "audit.html", book=book, checks=checks)


@router.get("/books/{book_id}/source")
@html_page
def source_page(request: Request, book_id: str) -> Response:
    engine = _engine(request)
    book = q.get_book(engine, book_id)
    return render(request, "source.html", book=book, lines=q.source(engine, book_id))


@router.get("/books/{book_id}/{resource}")
@html_page
def resource_page(request: Request, book_id: str, resource: str) -> Response:
    engine = _engine(request)
    book = q.get_book(engine, book_id)
    cols = [c for c in q.column_info(resource) if c.name != "row_no"]
    names = {c.name for c in cols}
    shown = [c for c in cols if not c.provenance]
    # a text column whose own location was kept links to it (content -> content_line)
    text_lines = {c.name: loc_columns(f"{c.name}_")[0].name for c in shown
                  if loc_columns(f"{c.name}_")[0].name in names}
    page = q.rows(engine, book_id, resource, limit=100_000)
    return render(request, "resource.html", book=book, resource=resource, columns=shown,
                  rows=page.rows, text_lines=text_lines, item_url=item_url)


# --- mounting --------------------------------------------------------------------------------

def mount(app: FastAPI) -> None:
    """Add the explorer's pages and its static files (/static) to the app."""
    from .views_compare import router as compare_router  # before /books/{id}/{resource}

    app.include_router(compare_router)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and not request.url.path.startswith(("/api", "/static")):
            return not_found(request, "找不到這個網頁。")
        return await http_exception_handler(request, exc)

    app.add_exception_handler(StarletteHTTPException, _http_error)
