"""The web explorer (網頁瀏覽): server-rendered zh-TW pages over the store queries.

Every page is one call (or a few) into `store.queries` and one Jinja2 template; nothing here
computes a budget figure. Every figure a page shows links to its line in the book's text
(`/books/{id}/source#L{line}`), through the `fig` helper the templates share.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..store import queries as q
from .labels import LINKED_TEXT, PHASES, STATUS, column_label

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


templates.env.filters.update(num=num, paragraphs=paragraphs, marked=marked)
templates.env.globals.update(fig=fig, src=src, PHASES=PHASES, STATUS=STATUS,
                             column_label=column_label, titles=q.resource_titles())


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


@router.get("/")
@html_page
def home(request: Request) -> Response:
    engine = _engine(request)
    books = [{**b, "totals": q.book_totals(engine, b["id"])} for b in q.list_books(engine)]
    return render(request, "home.html", books=books)


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
        c["lines"] = [int(x) for x in (c["source_lines"] or "").split(",") if x.strip()]
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
    shown = [c for c in cols if not (c.name.endswith("_line") and c.name != "source_line")
             and c.name != "source_line"]
    text_lines = {c.name: LINKED_TEXT[c.name] for c in shown
                  if c.name in LINKED_TEXT and LINKED_TEXT[c.name] in names}
    page = q.rows(engine, book_id, resource, limit=100_000)
    return render(request, "resource.html", book=book, resource=resource, columns=shown,
                  rows=page.rows, text_lines=text_lines, item_url=item_url)


# --- mounting --------------------------------------------------------------------------------

def mount(app: FastAPI) -> None:
    """Add the explorer's pages and its static files (/static) to the app."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and not request.url.path.startswith(("/api", "/static")):
            return not_found(request, "找不到這個網頁。")
        return await http_exception_handler(request, exc)

    app.add_exception_handler(StarletteHTTPException, _http_error)
