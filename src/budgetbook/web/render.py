"""What every explorer page shares: the templates and their helpers (figures with thousands
separators and links to their source, the page's unit), and `render`. Both view modules import
it; it imports neither, so there is no import cycle.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from markupsafe import Markup, escape

from .. import units
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


def source_url(book_id: str, line: int | None, pdf: bool = False) -> str:
    """Where a figure's source line is shown: in the book's text, or for a book read from its
    PDF on the page image with the line highlighted."""
    if pdf and line:
        return f"/books/{book_id}/lines/{line}"
    return f"/books/{book_id}/source#L{line}" if line else f"/books/{book_id}/source"


@pass_context
def fig(ctx: Any, value: Any, line: int | None, unit: bool = False, label: str = "",
        book_id: str | None = None, at: Any = None) -> Markup:
    """A figure linked to its source line (`unit` adds the page's unit word after it); in a
    book read from its PDF, to its page with the figure's own box (`at`: the row holding
    source_page and source_bbox) highlighted."""
    book = ctx.get("book") or {}
    pdf = bool(book.get("has_pdf")) and (book_id is None or book_id == book.get("id"))
    book_id = str(book_id or book.get("id"))
    word = escape(ctx.get("unit_word") or units.word_of(None))
    text = escape(num(value)) + (Markup(f' <span class="unit">{word}</span>') if unit else "")
    title = f"原文第 {line} 行" if line else "原文"
    aria = f' aria-label="{escape(label)} {escape(num(value))} {word}，原文第 {line} 行"' if label else ""
    href = source_url(book_id, line, pdf)
    where = at if isinstance(at, dict) else {}
    if pdf and line and where.get("source_page") and where.get("source_bbox"):
        href = (f"/books/{book_id}/pages/{where['source_page']}?line={line}"
                f"&box={where['source_bbox']}#hl")
    return Markup(f'<a class="fig" href="{escape(href)}" title="{title}"{aria}>{text}</a>')


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

def unit_word(ctx: dict[str, Any]) -> str:
    """The unit a page's figures are in: its book's, else that of the comparison or sum it
    shows (each states its own), else a central book's."""
    book = ctx.get("book")
    if isinstance(book, dict) and book.get("unit"):
        return units.word_of(book["unit"])
    for value in ctx.values():
        unit = value.get("unit") if isinstance(value, dict) else getattr(value, "unit", None)
        if isinstance(unit, str) and unit:
            return units.word_of(unit)
    return units.word_of(None)


def render(request: Request, name: str, status_code: int = 200, **ctx: Any) -> Response:
    ctx.setdefault("unit_word", unit_word(ctx))
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)


def error_page(request: Request, status: int, message: str) -> Response:
    """The explorer's page for an error a reader caused (api/errors.py decides when)."""
    return render(request, "404.html" if status == 404 else "error.html", status_code=status,
                  message=message, status=status)



def engine_of(request: Request) -> Any:
    return request.app.state.engine
