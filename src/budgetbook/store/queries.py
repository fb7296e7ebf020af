"""Every read query the REST API and the web pages use, importable from one place (neither
computes a budget figure itself). The queries live in modules by concept:

- `base`: errors (`NotFound`, `BadParameter`), `Page`, row and table helpers;
- `books`: one book, its resources' rows, audit checks and text, resource titles and columns;
- `book_lists`: every book, pages and filtered lists of books, totals of many books, agencies;
- `aggregate`: sums by drilldown and cuts (OpenSpending's aggregate API);
- `search`: substring search with HTML-safe, marked snippets;
- `pages`: one book's rows assembled for an explorer page (trees, object classes, work plans).

The comparisons' queries are in `compare_queries`.
"""

from __future__ import annotations

from .aggregate import DRILLDOWNS, aggregate, aggregate_page, drilldown_keys
from .base import BadParameter, NotFound, Page
from .book_lists import (
    agency_names,
    books_filtered,
    books_page,
    featured_books,
    list_books,
    open_data_overview,
    totals_of_books,
)
from .books import (
    ColumnInfo,
    all_rows,
    book_pdf,
    checks,
    column_info,
    columns,
    get_book,
    line_place,
    page_numbers,
    resource_counts,
    resource_names,
    resource_titles,
    row,
    rows,
    source,
    source_page,
)
from .pages import (
    book_totals,
    expenditure_tree,
    largest_object_classes,
    object_class,
    object_classes,
    revenue_tree,
    rows_mentioning,
    sub_plan,
    work_plan,
)
from .search import search

__all__ = [
    "DRILLDOWNS", "BadParameter", "ColumnInfo", "NotFound", "Page", "agency_names", "aggregate",
    "aggregate_page", "all_rows", "book_pdf", "line_place", "page_numbers", "book_totals", "books_filtered", "books_page", "checks",
    "column_info", "columns", "drilldown_keys", "expenditure_tree", "featured_books",
    "get_book", "largest_object_classes", "list_books", "object_class", "object_classes",
    "open_data_overview", "resource_counts", "resource_names", "resource_titles",
    "revenue_tree", "row", "rows", "rows_mentioning", "search", "source", "source_page",
    "sub_plan", "totals_of_books", "work_plan",
]
