"""A tabular resource of a Book: a name, a flat row model, and how to get its rows.

Each section family declares its resources in `export/rows/<family>.py`; FDP, XLSX and (later)
the store all read the same declarations, so a column is defined once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    from ..model import Book


# (a field's json_schema_extra) not the book's words: a value of our own vocabulary (a row's
# kind or level, a column's field name) or a ledger row's parent code (the parent is found by
# its own row); search leaves it out (export.tabular.Column.searched)
NOT_SEARCHED: dict[str, Any] = {"searched": False}


@dataclass(frozen=True)
class Resource:
    name: str  # e.g. "expenditure-lines" (lowercase, hyphens: a valid FDP resource name)
    title: str  # human title, zh-TW table name
    row_model: type[BaseModel]  # flat: fields are int | str | bool | None, source_line included
    rows: Callable[[Book], Iterable[BaseModel]]
    description: str = ""
