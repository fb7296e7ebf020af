"""The web explorer (網頁瀏覽): server-rendered zh-TW pages over the store queries.

Every page is one call (or a few) into `store.queries` and one Jinja2 template; nothing here
computes a budget figure. Every figure a page shows links to its line in the book's text
(`/books/{id}/source#L{line}`), through the `fig` helper the templates share.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from ..export.tabular import loc_columns
from ..model.base import parse_bbox
from ..store import queries as q
from ..store.base import parse_int
from .labels import is_incomplete
from .render import HERE, engine_of, flags_of, render, source_url
from .views_compare import router as compare_router

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
def home(request: Request) -> Response:
    """The books read from budget-book text (and any with an audit) in full, and the open data
    as one row per file (year and phase): a few grouped queries, whatever the store holds."""
    engine = engine_of(request)
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
def books_list(request: Request) -> Response:
    """Every book, filtered by year, phase, agency code or a name, paged in SQL."""
    engine = engine_of(request)
    p = request.query_params
    params: dict[str, Any] = {k: p.get(k, "").strip() for k in
                              ("year", "phase", "agency", "q", "source")}
    error = None
    year = None
    if params["year"]:
        try:
            year = parse_int(params["year"])  # ASCII digits only (not ² or ٣)
            if year < 1912:  # a ROC year
                year += 1911
        except ValueError:
            error = f"年度必須是數字（例如 2022 或 111），收到「{params['year']}」。"
    try:
        offset = max(0, parse_int(p.get("offset") or "0"))
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
def search_page(request: Request, book: str | None = None) -> Response:
    query = request.query_params.get("q", "").strip()
    ctx: dict[str, Any] = {"query": query, "groups": [], "total": 0, "error": None,
                           "book_filter": book}
    if query:
        try:
            page = q.search(engine_of(request), query, book_id=book or None, limit=300)
        except q.BadParameter as exc:
            ctx["error"] = exc.message
        else:
            groups: dict[str, list[dict[str, Any]]] = {}
            for hit in page.rows:
                row = ({"row_no": hit["row_no"]} if hit["kind"] not in ("work-plans", "sub-plans")
                       else q.row(engine_of(request), hit["book_id"], hit["kind"], hit["row_no"]))
                hit["url"] = item_url(hit["book_id"], hit["kind"], row)
                hit["source_url"] = source_url(hit["book_id"], hit["source_line"])
                groups.setdefault(hit["kind"], []).append(hit)
            ctx.update(groups=list(groups.items()), total=page.total)
    return render(request, "search.html", **ctx)


@router.get("/books/{book_id}")
def overview(request: Request, book_id: str) -> Response:
    engine = engine_of(request)
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
def work_plan_page(request: Request, book_id: str, code: str) -> Response:
    engine = engine_of(request)
    book = q.get_book(engine, book_id)
    return render(request, "work_plan.html", book=book, **q.work_plan(engine, book_id, code))


@router.get("/books/{book_id}/sub-plans/{code}/{no}")
def sub_plan_page(request: Request, book_id: str, code: str, no: str) -> Response:
    engine = engine_of(request)
    book = q.get_book(engine, book_id)
    return render(request, "sub_plan.html", book=book, **q.sub_plan(engine, book_id, code, no))


@router.get("/books/{book_id}/objects")
def objects_page(request: Request, book_id: str) -> Response:
    engine = engine_of(request)
    book = q.get_book(engine, book_id)
    return render(request, "objects.html", book=book, **q.object_classes(engine, book_id))


@router.get("/books/{book_id}/objects/{code}")
def object_page(request: Request, book_id: str, code: str) -> Response:
    engine = engine_of(request)
    book = q.get_book(engine, book_id)
    return render(request, "object.html", book=book, obj=q.object_class(engine, book_id, code))


@router.get("/books/{book_id}/audit")
def audit_page(request: Request, book_id: str) -> Response:
    engine = engine_of(request)
    book = q.get_book(engine, book_id)
    checks = q.checks(engine, book_id, limit=100_000).rows
    for c in checks:
        c["lines"] = [f["source_line"] for f in c["figures"] if f.get("source_line")]
    return render(request, "audit.html", book=book, checks=checks)


@router.get("/books/{book_id}/lines/{line_no}")
def line_redirect(request: Request, book_id: str, line_no: int) -> Response:
    """A source line of a PDF book: its page, with the line highlighted (the text view for a
    book read from text)."""
    place = q.line_place(engine_of(request), book_id, line_no)
    if not place["page"]:
        return RedirectResponse(f"/books/{book_id}/source#L{line_no}", status_code=302)
    return RedirectResponse(f"/books/{book_id}/pages/{place['page']}?line={line_no}#hl",
                            status_code=302)


PAGE_SCALE = 1.5  # pixels per PDF point of the page images the explorer shows


@router.get("/books/{book_id}/pages/{page}")
def page_view(request: Request, book_id: str, page: int, line: int | None = None,
              box: str | None = None) -> Response:
    """A page of a PDF book drawn from the stored PDF, with a line's box (or a given box,
    x0,top,x1,bottom in points) highlighted, beside the page's rebuilt text."""
    engine = engine_of(request)
    book = q.get_book(engine, book_id)
    if not book.get("has_pdf"):
        raise q.NotFound(f"{book_id} was read from text: it has no pages to show")
    lines = [ln for ln in q.source(engine, book_id) if ln["page"] == page]
    if not lines:
        raise q.NotFound(f"no page {page} in {book_id}")
    marked = box or next((ln["bbox"] for ln in lines if ln["line_no"] == line), None)
    highlight = None
    if marked:
        try:
            box_ = parse_bbox(marked)
        except ValueError:
            raise q.BadParameter("box", "box is x0,top,x1,bottom in points") from None
        assert box_ is not None  # `marked` is a non-empty string here
        x0, top, x1, bottom = box_
        pad = 2.0
        highlight = {"left": (x0 - pad) * PAGE_SCALE, "top": (top - pad) * PAGE_SCALE,
                     "width": (x1 - x0 + 2 * pad) * PAGE_SCALE,
                     "height": (bottom - top + 2 * pad) * PAGE_SCALE}
    pages = q.page_numbers(engine, book_id)
    return render(request, "page.html", book=book, page=page, lines=lines, line=line,
                  highlight=highlight, scale=PAGE_SCALE, box=marked,
                  prev_page=max((p for p in pages if p < page), default=None),
                  next_page=min((p for p in pages if p > page), default=None))


@router.get("/books/{book_id}/source")
def source_page(request: Request, book_id: str) -> Response:
    engine = engine_of(request)
    book = q.get_book(engine, book_id)
    return render(request, "source.html", book=book, lines=q.source(engine, book_id))


@router.get("/books/{book_id}/{resource}")
def resource_page(request: Request, book_id: str, resource: str) -> Response:
    engine = engine_of(request)
    book = q.get_book(engine, book_id)
    cols = [c for c in q.column_info(resource) if c.name != "row_no"]
    names = {c.name for c in cols}
    shown = [c for c in cols if not c.provenance]
    # a text column whose own location was kept links to it (content -> content_line)
    line_of = {c.name: loc_columns(f"{c.name}_")[0].name for c in shown}
    text_lines = {name: line for name, line in line_of.items() if line in names}
    page = q.rows(engine, book_id, resource, limit=100_000)
    return render(request, "resource.html", book=book, resource=resource, columns=shown,
                  rows=page.rows, text_lines=text_lines, item_url=item_url)


# --- mounting --------------------------------------------------------------------------------

def mount(app: FastAPI) -> None:
    """Add the explorer's pages and its static files (/static) to the app."""
    app.include_router(compare_router)  # before /books/{id}/{resource}
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
