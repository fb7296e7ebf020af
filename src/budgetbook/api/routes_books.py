"""Books, their audit checks and their text: /api/books, /api/books/{id}, …/audit, …/source."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Path, Query, Request, Response

from .. import units
from ..pdf.render import MAX_SCALE, MIN_SCALE, PageOutOfRange, cached_png
from ..store import queries
from ..store.base import INT32_MAX
from ..store.schema import books as books_table
from ..store.schema import resource_tables
from .routes_common import (
    CSV_RESPONSE,
    EngineDep,
    Format,
    Limit,
    Offset,
    ParamNotFound,
    api_router,
    book_or_404,
    page_answer,
)
from .routes_models import (
    AuditPage,
    BookDetail,
    BookPage,
    ColumnInfo,
    ResourceSchema,
    SourcePage,
    column_description,
    column_type,
)

router = api_router()

BookPath = Annotated[str, Path(description="Book id, e.g. 2675-2022-enacted (GET /api/books).",
                               examples=["2675-2022-enacted"])]
BOOK_COLUMNS = [c.name for c in books_table.c]
_TYPE_NAMES = {int: "integer", str: "string", bool: "boolean", float: "number"}


def _book_out(b: dict[str, Any]) -> dict[str, Any]:
    i = b["id"]
    return {**b, "unit": units.describe(b["unit"]), "links": {
        "api": f"/api/books/{i}", "explorer": f"/books/{i}",
        "audit": f"/api/books/{i}/audit", "source": f"/api/books/{i}/source"}}


@router.get("/books", responses=CSV_RESPONSE, response_model=BookPage, summary="List books",
            description="Every stored book: agency, fiscal year, phase, 歲出/歲入 totals (thousands "
                        "of NTD) and the audit summary, ordered by agency, year and phase.")
def list_books(request: Request, response: Response, engine: EngineDep, limit: Limit = 100,
               offset: Offset = 0, format: Format = "json") -> dict[str, Any] | Response:
    page = queries.books_page(engine, limit=limit, offset=offset)
    return page_answer(request, response, page, format, BOOK_COLUMNS, "books.csv",
                       items=[_book_out(b) for b in page.rows])


@router.get("/books/{book_id}", response_model=BookDetail, summary="One book",
            description="A book's agency, year, phase, totals (thousands of NTD) and audit "
                        "summary, with every section as a resource and its row count.")
def get_book(engine: EngineDep, book_id: BookPath) -> dict[str, Any]:
    book = book_or_404(engine, book_id)
    counts = queries.resource_counts(engine, book_id)
    resources = [{"name": name, "title": resource_tables[name].comment, "rows": n,
                  "api": f"/api/books/{book_id}/{name}", "explorer": f"/books/{book_id}/{name}"}
                 for name, n in counts.items()]
    return {**_book_out(book), "resources": resources}


@router.get("/resources", response_model=list[ResourceSchema], summary="Resources and columns",
            description="Every resource a book has, with its columns; each column is a filter "
                        "parameter of /api/books/{id}/{resource}.")
def list_resources() -> list[dict[str, Any]]:
    out = []
    for name, t in resource_tables.items():
        cols = [{"name": c.name, "type": _TYPE_NAMES[column_type(c)],
                 "description": column_description(c) or None}
                for c in t.c if c.name != "book_id"]
        out.append({"name": name, "title": t.comment, "columns": [ColumnInfo(**c) for c in cols]})
    return out


AUDIT_COLUMNS = ["row_no", "status", "check_id", "rule", "table_name", "description",
                 "expected", "actual", "reason", "source_lines", "figures"]


@router.get("/books/{book_id}/audit", responses=CSV_RESPONSE, response_model=AuditPage, summary="Audit checks of a book",
            description="Every arithmetic identity checked on the book (sums, cross-table "
                        "equalities), failures first, each with expected and actual figures "
                        "(thousands of NTD) and their source lines.")
def audit(request: Request, response: Response, engine: EngineDep, book_id: BookPath,
          status: Annotated[Literal["pass", "fail", "skip"] | None, Query(
              description="Only checks with this status.")] = None,
          limit: Limit = 100, offset: Offset = 0, format: Format = "json"
          ) -> dict[str, Any] | Response:
    book = book_or_404(engine, book_id)
    page = queries.checks(engine, book_id, status=status, limit=limit, offset=offset)
    suffix = f"-{status}" if status else ""
    summary = {"total": book["audit_total"], "passed": book["audit_passed"],
               "failed": book["audit_failed"], "skipped": book["audit_skipped"]}
    return page_answer(request, response, page, format, AUDIT_COLUMNS,
                       f"{book_id}-audit{suffix}.csv", book_id=book_id, status=status,
                       summary=summary)


@router.get("/books/{book_id}/source", responses=CSV_RESPONSE, response_model=SourcePage, summary="Text of a book",
            description="Lines start..end of the book text the figures were read from (every "
                        "row's `source_line` points here), paged by limit/offset.")
def source(request: Request, response: Response, engine: EngineDep, book_id: BookPath,
           start: Annotated[int, Query(ge=1, le=INT32_MAX,
                                       description="First line, 1-based.")] = 1,
           end: Annotated[int | None, Query(ge=1, le=INT32_MAX, description="Last line "
                                            "(inclusive); "
                                            "default: the end of the book.")] = None,
           limit: Limit = 100, offset: Offset = 0, format: Format = "json"
           ) -> dict[str, Any] | Response:
    book_or_404(engine, book_id)
    page = queries.source_page(engine, book_id, start=start, end=end, limit=limit,
                               offset=offset)
    items = [{**r, "explorer": f"/books/{book_id}/source#L{r['line_no']}"} for r in page.rows]
    return page_answer(request, response, page, format, ["line_no", "text"],
                       f"{book_id}-source.csv", items=items, book_id=book_id, start=start,
                       end=end)


@router.get("/books/{book_id}/pages/{page}.png", summary="A page of a PDF book as an image",
            response_class=Response,
            responses={200: {"content": {"image/png": {}}, "description": "The page as PNG."}},
            description="The page drawn from the PDF kept with the book (a book read from its "
                        "PDF; 404 for one read from text). Boxes in `source_bbox` are in PDF "
                        "points: at `scale` s, a box is s × its coordinates in pixels.")
def page_image(engine: EngineDep, book_id: BookPath,
               page: Annotated[int, Path(ge=1, le=INT32_MAX,
                                         description="1-based page number.")],
               scale: Annotated[float, Query(ge=MIN_SCALE, le=MAX_SCALE,
                                             description="Pixels per point.")] = 1.5,
               ) -> Response:
    book = book_or_404(engine, book_id)
    if not book.get("has_pdf"):
        raise ParamNotFound("book_id", f"{book_id} was read from text: it has no pages to draw")

    def load() -> bytes:
        return queries.book_pdf(engine, book_id) or b""

    key = f"{book_id}@{book['ingested_at']}"
    try:
        png = cached_png(key, page, scale, load)
    except PageOutOfRange as exc:
        raise ParamNotFound("page", str(exc)) from None
    # ETag, 304 and Cache-Control come from api/caching.py, as for every GET
    return Response(png, media_type="image/png")
