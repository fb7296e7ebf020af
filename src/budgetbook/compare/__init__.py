"""Comparisons between stored books: two books work plan by work plan (year over year, or
proposed against enacted), a book's own 上年度 column against the previous year's book, a time
line per agency or 政事別, and the biggest changes across the whole government.

Every figure of a comparison is computed here; the CLI (`cli_compare`) and the API
(`api/routes_compare`) only present it. Amounts are integers in the unit each result states
(`unit`): the books' own, or NTD when they differ.

Conventions:

- A work plan is identified by its 10-digit 科目 code (2 digits 政事別, 4 digits agency, 2 digits
  業務計畫, 2 digits 工作計畫). Rows of one book that share a code (the 節 of a split work plan)
  are summed.
- A missing figure is `None`, never 0: a year without the agency's book is missing, not zero.
- A comparison that uses a flagged book (`books.flags` non-empty, e.g. an incomplete source
  file) says so in `warnings`.

One module per comparison: `books` (two books), `last_year` (上年度), `timeline`, `changes`
(the biggest changes); `common` holds what they share. Everything is importable from here.
"""

from __future__ import annotations

from .books import Comparison, ComparisonRow, FunctionTotal, compare_books, match_plans
from .changes import ChangeRow, Changes, biggest_changes
from .common import (
    LEVELS,
    PHASES,
    YEARS,
    ComparisonNotFound,
    _Plan,
    flag_warnings,
    short_name,
)
from .last_year import LastYearCheck, LastYearRow, own_last_year
from .timeline import Timeline, TimelinePoint, timeline

__all__ = [
    "LEVELS", "PHASES", "YEARS", "ChangeRow", "Changes", "Comparison", "ComparisonNotFound",
    "ComparisonRow", "FunctionTotal", "LastYearCheck", "LastYearRow", "Timeline",
    "TimelinePoint", "_Plan", "biggest_changes", "compare_books", "flag_warnings",
    "match_plans", "own_last_year", "short_name", "timeline",
]
