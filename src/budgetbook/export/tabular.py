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
from ..model.base import Loc
from .resource import Resource
from .rows import all_resources

_TYPES = {int: "integer", str: "string", bool: "boolean", float: "number", Decimal: "number"}


@dataclass
class Column:
    name: str
    type: str  # Table Schema type
    description: str
    provenance: bool = False  # where a figure is printed (line, page, box), not a budget value
    searched: bool = True  # the book's words, found by search (see resource.NOT_SEARCHED)


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


def _is_loc(annotation: Any) -> bool:
    return annotation is Loc or Loc in typing.get_args(annotation)


def loc_prefix(field_name: str) -> str:
    """Flat column prefix of a location field: `source` -> `source_`, `content_loc` ->
    `content_` (giving source_line, source_page, source_bbox; content_line, …)."""
    return "source_" if field_name == "source" else field_name.removesuffix("_loc") + "_"


def loc_columns(prefix: str, what: str = "the row's main figure") -> list[Column]:
    """The flat columns of one `Loc`: the one place their names, types and meaning are set."""
    return [
        Column(f"{prefix}line", "integer", f"1-based line of {what} in the book's text", True),
        Column(f"{prefix}page", "integer", f"1-based PDF page of {what}; empty for a text book",
               True),
        Column(f"{prefix}bbox", "string", f"box of {what} on its page: x0,top,x1,bottom in "
               "points from the top left; empty for a text book", True),
    ]


@cache  # a row model's columns never change; tables() asks for them once per book
def columns_of(model: type[BaseModel]) -> list[Column]:
    out: list[Column] = []
    for name, f in model.model_fields.items():
        if _is_loc(f.annotation):
            what = "the row's main figure" if name == "source" else \
                f"the row's {name.removesuffix('_loc').replace('_', ' ')}"
            out += loc_columns(loc_prefix(name), f.description or what)
        else:
            extra = f.json_schema_extra if isinstance(f.json_schema_extra, dict) else {}
            searched = extra.get("searched", True)
            out.append(Column(name, _schema_type(f.annotation), f.description or "",
                              searched=bool(searched)))
    return out


@cache
def _loc_fields(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    return tuple((n, loc_prefix(n)) for n, f in model.model_fields.items() if _is_loc(f.annotation))


def flat_row(row: BaseModel) -> dict[str, Any]:
    """A row model as a flat dict in column order, each location spread over its columns."""
    data = row.model_dump(mode="json")
    locs = dict(_loc_fields(type(row)))
    if not locs:
        return data
    out: dict[str, Any] = {}
    for name, value in data.items():
        if name in locs:
            loc = getattr(row, name)
            out.update(loc.flat(locs[name]) if loc is not None else
                       {f"{locs[name]}{k}": None for k in ("line", "page", "bbox")})
        else:
            out[name] = value
    return out


SUB_UNIT = Column("sub_unit", "string", "the sub-unit (分預算) whose appendix (附錄) prints the "
                  "row; empty for the book's own tables, whose totals never include these rows")


def table_columns(res: Resource) -> list[Column]:
    """A resource's columns as tables hold them: the sub-unit, then the row model's."""
    return [SUB_UNIT, *columns_of(res.row_model)]


def tables(book: Book) -> list[Table]:
    """Every resource of the book, rows in reading order: the book's own, then each appendix's
    (a sub-unit's, named in `sub_unit`)."""
    out = []
    for res in all_resources():
        rows = [{"sub_unit": None, **flat_row(r)} for r in res.rows(book)]
        for app in book.appendices:
            rows += [{"sub_unit": app.sub_unit, **flat_row(r)} for r in res.rows(app)]
        out.append(Table(res, table_columns(res), rows))
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
