"""Figures of tables printed in another unit than the book's (a city book's 千元 summary
tables beside its 元 detail tables) are compared in the book's unit: each figure is converted
by its table's unit, told from the first segment of its path (a Book field, or a flat table
or view under `t.`)."""

from __future__ import annotations

from collections.abc import Mapping

from .. import units

# flat tables and views (`t.<name>`) and Book fields whose section is not their own name
SECTION_OF = {
    "work_plans": "plans", "expenditure_lines": "plans", "sub_plans": "plans",
    "object_lines": "plans", "kind_lines": "plans", "detail_lines": "plans", "cases": "plans",
    "cost_cells": "cost_summary", "object_class_analysis": "object_analysis",
    "capital_expenditure": "capital", "staffing_units": "staffing",
    "subsidy_totals": "subsidies", "subsidy_groups": "subsidies",
    "donation_totals": "donations", "donation_groups": "donations",
    "overseas_travel": "travel_categories", "overseas_travel_summary": "travel_summary",
    "functional_economic": "functional", "commissioned_projects": "commissioned",
    "commissioned_totals": "commissioned", "media_spending": "media",
}


# whole numbers that are no money: counts, days, years, litres, engine sizes, page numbers
NOT_MONEY = {"count", "last_year_count", "days", "persons", "person_days",
             "last_year_person_days", "plans", "last_year_plans", "passengers", "fuel_litres",
             "displacement_cc", "staff_total", "ordinal", "year", "last_year", "roc_year",
             "policy_year", "page"}


def section_of(path: str) -> str:
    parts = path.split(".")
    head = parts[1] if parts[0] == "t" and len(parts) > 1 else parts[0]
    name = head.split("[", 1)[0]
    return SECTION_OF.get(name, name)


def in_book_unit(value: int | None, path: str, table_units: Mapping[str, str], unit: str
                 ) -> int | None:
    """`value` at `path` in the book's `unit` (as printed when its table shares it)."""
    if value is None or not table_units or path.rsplit(".", 1)[-1] in NOT_MONEY:
        return value
    printed = table_units.get(section_of(path))
    if printed is None or printed == unit:
        return value
    return value * units.factor(printed, unit)


def resource_unit(book: dict[str, object], resource: str) -> str:
    """The unit of a stored book's resource (`expenditure-by-agency` …): its table's, when the
    book prints that table in another unit (`books.table_units`), else the book's."""
    import json

    raw = book.get("table_units")
    table_units = json.loads(raw) if isinstance(raw, str) and raw else {}
    unit = str(book.get("unit") or units.DEFAULT)
    return str(table_units.get(section_of(resource.replace("-", "_")), unit))
