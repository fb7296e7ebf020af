"""Substring search over every name and text of the stored books (SQLite FTS5 trigram index,
else LIKE / pg_trgm), title hits first, each hit with its match marked in HTML-safe snippets."""

from __future__ import annotations

from html import escape

from markupsafe import Markup
from sqlalchemy import Engine, Integer, column, func, or_, select, text

from .base import BadParameter, Page, as_dict, like_pattern
from .books import get_book
from .schema import search_items


def snippet(text_: str, q: str, width: int = 40) -> Markup:
    """Up to `width` characters either side of the first match of `q` (case-insensitive) with
    the match in <mark>: HTML in which everything but the <mark> tags is escaped, so that it is
    safe to put in a page (a `Markup`, which templates do not escape again)."""
    i = text_.lower().find(q.lower())
    if i < 0:
        return Markup(escape(text_[: width * 2]))
    j = i + len(q)
    start, end = max(0, i - width), min(len(text_), j + width)
    pre, post = ("…" if start else ""), ("…" if end < len(text_) else "")
    return Markup(f"{pre}{escape(text_[start:i])}<mark>{escape(text_[i:j])}</mark>"
                  f"{escape(text_[j:end])}{post}")


def fts_query(q: str) -> str:
    """An FTS5 query for the rows holding every trigram of q (each quoted: a string)."""
    grams = dict.fromkeys(q[i : i + 3] for i in range(len(q) - 2))
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in grams)


def search(engine: Engine, q: str, *, book_id: str | None = None, limit: int = 50,
           offset: int = 0) -> Page:
    """Chinese substring search over every name and text; title hits rank first. Each hit has
    `title_html` and `snippet` (empty unless the body matches), HTML-escaped but for <mark>."""
    q = q.strip()
    if not q:
        raise BadParameter("q", "q must not be empty")
    if len(q) > 200:
        raise BadParameter("q", "q must be at most 200 characters")
    s = search_items
    where = []
    if book_id:
        get_book(engine, book_id)
        where.append(s.c.book_id == book_id)
    with engine.connect() as conn:
        pattern = like_pattern(q)
        where.append(or_(s.c.title.ilike(pattern, escape="\\"),
                         s.c.body.ilike(pattern, escape="\\")))
        if engine.dialect.name == "sqlite" and len(q) >= 3:
            # the trigram index (no positions kept) narrows the rows to those holding every
            # three characters of q; the LIKE above keeps those holding q itself
            fts = text("SELECT rowid FROM search_fts WHERE search_fts MATCH :m").bindparams(
                m=fts_query(q)).columns(column("rowid", Integer))
            where.append(s.c.id.in_(fts))
        rank = func.instr(s.c.title, q) if engine.dialect.name == "sqlite" else func.strpos(
            s.c.title, q)
        in_title = (rank > 0)
        total = conn.execute(select(func.count()).select_from(s).where(*where)).scalar_one()
        query = (select(s).where(*where)
                 .order_by(in_title.desc(), func.length(s.c.title), s.c.book_id, s.c.kind,
                           s.c.row_no).limit(limit).offset(offset))
        hits = []
        for r in conn.execute(query):
            m = as_dict(r)
            m["title_html"] = snippet(m["title"], q, 200)
            m["snippet"] = snippet(m["body"], q) if q.lower() in m["body"].lower() else ""
            hits.append(m)
    return Page(hits, total, limit, offset)
