"""The whole model as one JSON document (schema: docs/data-model.md)."""

from __future__ import annotations

from pathlib import Path

from ..model import Book
from .tabular import output_file


def to_json(book: Book) -> str:
    return book.model_dump_json(indent=2)


def write_json(book: Book, out: str | Path) -> Path:
    out = output_file(book, out, ".json")
    out.write_text(to_json(book) + "\n", encoding="utf-8")
    return out
