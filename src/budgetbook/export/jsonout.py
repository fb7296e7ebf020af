"""The whole model as one JSON document (schema: docs/data-model.md)."""

from __future__ import annotations

from pathlib import Path

from ..model import Book


def to_json(book: Book) -> str:
    return book.model_dump_json(indent=2)


def write_json(book: Book, out: str | Path) -> Path:
    out = Path(out)
    if out.suffix.lower() != ".json":
        out.mkdir(parents=True, exist_ok=True)
        out = out / f"{(book.id or 'budget-book')}.json"
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_json(book) + "\n", encoding="utf-8")
    return out
