"""Resources of a Book as plain tables: the column list with types, and rows as dicts."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..model import Book
from .resource import Resource
from .rows import all_resources

_TYPES = {int: "integer", str: "string", bool: "boolean", float: "number", Decimal: "number"}


@dataclass
class Column:
    name: str
    type: str  # Table Schema type
    description: str


@dataclass
class Table:
    resource: Resource
    columns: list[Column]
    rows: list[dict[str, Any]]


def _schema_type(annotation: Any) -> str:
    """Table Schema type of a flat field annotation such as `int | None`."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _schema_type(args[0])
        return "string"
    return _TYPES.get(annotation, "string")


@cache  # a row model's columns never change; tables() asks for them once per book
def columns_of(model: type[BaseModel]) -> list[Column]:
    return [
        Column(name, _schema_type(f.annotation), f.description or "")
        for name, f in model.model_fields.items()
    ]


def tables(book: Book) -> list[Table]:
    """Every resource of the book, rows in reading order."""
    out = []
    for res in all_resources():
        rows = [r.model_dump(mode="json") for r in res.rows(book)]
        out.append(Table(res, columns_of(res.row_model), rows))
    return out


def output_file(book: Book, out: str | Path, suffix: str) -> Path:
    """Where a one-file export goes: `out` itself when it names a `suffix` file, else a file
    named after the book inside the directory `out` (created as needed)."""
    out = Path(out)
    if out.suffix.lower() != suffix:
        out.mkdir(parents=True, exist_ok=True)
        return out / f"{book.id or 'budget-book'}{suffix}"
    out.parent.mkdir(parents=True, exist_ok=True)
    return out
