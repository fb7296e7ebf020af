"""A book's text as stored: its lines (number, text, and for a PDF book page and box) in chunks
of consecutive lines, each chunk one compressed row (`schema.source_text`).

Provenance needs every line of every book, but a line is short and alike its neighbours:
stored one row per line, the text took a quarter of the database (the row headers and the
(book, line) key repeated on each line); compressed in chunks it takes about a third of that.
A line is read by decoding its chunk, a range by decoding the chunks it overlaps."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, func, select

from .schema import source_text

CHUNK = 128  # lines per row: a page of the explorer's text view decodes one or two rows
Line = tuple[int, str, int | None, str | None]  # line_no, text, page, bbox


def encode(book_id: str, lines: Iterable[Line]) -> Iterator[tuple[Any, ...]]:
    """The rows (book_id, first_line, last_line, lines, data) holding `lines` (in order)."""
    chunk: list[Line] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) == CHUNK:
            yield _row(book_id, chunk)
            chunk = []
    if chunk:
        yield _row(book_id, chunk)


def _row(book_id: str, chunk: list[Line]) -> tuple[Any, ...]:
    if any(not isinstance(text, str) for _, text, _, _ in chunk):
        raise ValueError(f"{book_id}: a source line without text")
    data = zlib.compress(json.dumps(chunk, ensure_ascii=False, separators=(",", ":"))
                         .encode("utf-8"), 6)
    return book_id, chunk[0][0], chunk[-1][0], len(chunk), data


def _decode(data: bytes) -> list[dict[str, Any]]:
    return [{"line_no": n, "text": t, "page": p, "bbox": b}
            for n, t, p, b in json.loads(zlib.decompress(data))]


def lines(conn: Connection, book_id: str, start: int = 1, end: int | None = None
          ) -> list[dict[str, Any]]:
    """Lines `start`..`end` (inclusive; to the last line without `end`) of a book, in order,
    each as {line_no, text, page, bbox}."""
    t = source_text
    q = select(t.c.data).where(t.c.book_id == book_id, t.c.last_line >= start)
    if end is not None:
        q = q.where(t.c.first_line <= end)
    out = []
    for (data,) in conn.execute(q.order_by(t.c.first_line)):
        out += [ln for ln in _decode(data)
                if ln["line_no"] >= start and (end is None or ln["line_no"] <= end)]
    return out


def line(conn: Connection, book_id: str, line_no: int) -> dict[str, Any] | None:
    found = lines(conn, book_id, line_no, line_no)
    return found[0] if found else None


def counts(conn: Connection, book_ids: list[str]) -> dict[str, int]:
    """How many lines each book has (books without text are absent)."""
    t = source_text
    q = (select(t.c.book_id, func.sum(t.c.lines)).where(t.c.book_id.in_(book_ids))
         .group_by(t.c.book_id))
    return {b: int(n) for b, n in conn.execute(q)}


def pages(conn: Connection, book_id: str) -> list[int]:
    """The pages that print a line of the book's text (none for a book read from text)."""
    found = {ln["page"] for ln in lines(conn, book_id) if ln["page"] is not None}
    return sorted(found)
