"""What every read query of the store shares: its errors (`NotFound`, `BadParameter`), a page of
rows (`Page`), a row as a dict, a resource's table and a parameter coerced to a column's type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Table

from ..errors import BudgetBookError
from .schema import resource_tables


class NotFound(BudgetBookError):
    """A book, resource or row that does not exist."""


class BadParameter(BudgetBookError):
    """A query parameter the API cannot use; `param` names it."""

    def __init__(self, param: str, message: str):
        self.param = param
        super().__init__(message)


@dataclass
class Page:
    rows: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


def as_dict(r: Any) -> dict[str, Any]:
    """A result row as a plain dict, column name → value."""
    return dict(r._mapping)


def table(resource: str) -> Table:
    """The table of a resource (`work-plans` → r_work_plans); NotFound for an unknown one."""
    t = resource_tables.get(resource)
    if t is None:
        raise NotFound(f"no resource {resource!r}; expected one of {', '.join(resource_tables)}")
    return t


def book_own(t: Table) -> Any:
    """Rows of the book's own tables, not of a sub-unit's appendix (附錄), which repeats them
    per sub-unit and must never be summed with them."""
    return t.c.sub_unit.is_(None)


def own_columns(t: Table) -> list[Any]:
    """The table's columns without `book_id` (what a row shows)."""
    return [c for c in t.c if c.name != "book_id"]


# What a filter on a column accepts, by the column's type (the API documents these patterns):
# ASCII digits only (int() also takes '٣' and '1_000'; '²' passes str.isdigit, then int()
# fails), and few enough of them for the column on SQLite and PostgreSQL alike (9 for a
# 32-bit INTEGER, 18 for a BIGINT)
INTEGER_PATTERN = r"[+-]?[0-9]{1,18}"
DECIMAL_PATTERN = r"[+-]?[0-9]{1,18}(\.[0-9]{1,18})?"
BOOLEANS = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}
INT32_MAX = 2**31 - 1


def parse_int(value: str, pattern: str = INTEGER_PATTERN) -> int:
    """An integer as `pattern` writes one; ValueError for anything else."""
    if re.fullmatch(pattern, value) is None:
        raise ValueError(f"not an integer of at most 18 digits: {value[:40]!r}")
    return int(value)


def filter_pattern(col: Any) -> str | None:
    """What `coerce` accepts for the column, as a regular expression (None: any text)."""
    py = col.type.python_type if hasattr(col.type, "python_type") else str
    if py is int:
        return INTEGER_PATTERN if isinstance(col.type, BigInteger) else r"[+-]?[0-9]{1,9}"
    if py is Decimal:
        return DECIMAL_PATTERN
    if py is bool:
        return "|".join(BOOLEANS)
    return None


def coerce(col: Any, name: str, value: str) -> Any:
    """A query-string value as the column's type (BadParameter naming `name` if it is not)."""
    py = col.type.python_type if hasattr(col.type, "python_type") else str
    pattern = filter_pattern(col)
    if pattern is not None and re.fullmatch(pattern, value) is None:
        kind = {int: "an integer", Decimal: "a decimal number"}.get(
            py, f"one of {', '.join(BOOLEANS)}")
        raise BadParameter(name, f"{name} must be {kind} (matching {pattern}), got "
                                 f"{value[:40]!r}")
    if py is int:
        return int(value)
    if py is Decimal:
        return Decimal(value)
    if py is bool:
        return BOOLEANS[value]
    return value


def equals(col: Any, name: str, value: str) -> Any:
    """The condition `col = value`; an empty value matches rows without one (NULL)."""
    return col.is_(None) if value == "" else col == coerce(col, name, value)


def like_pattern(text_: str) -> str:
    """A LIKE pattern for a plain substring (with `\\` as the escape character)."""
    return "%" + re.sub(r"([%_\\])", r"\\\1", text_) + "%"
