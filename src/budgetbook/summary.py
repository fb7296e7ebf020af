"""A book's headline figures, computed once for the terminal summary (and later the web pages)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .export.tabular import tables
from .model import Book


@dataclass
class Summary:
    book: Book
    work_plans: list[dict[str, Any]] = field(default_factory=list)
    sub_plans: list[dict[str, Any]] = field(default_factory=list)
    object_classes: list[tuple[str, str, int]] = field(default_factory=list)  # code, name, amount
    revenue_total: int | None = None
    resource_counts: dict[str, int] = field(default_factory=dict)

    @property
    def expenditure_total(self) -> int | None:
        amounts = [w["amount"] for w in self.work_plans if w.get("amount") is not None]
        return sum(amounts) if amounts else None


def summarize(book: Book) -> Summary:
    by_name = {t.resource.name: t for t in tables(book)}
    s = Summary(book=book)
    s.resource_counts = {name: len(t.rows) for name, t in by_name.items()}
    if "work-plans" in by_name:
        s.work_plans = by_name["work-plans"].rows
    if "sub-plans" in by_name:
        s.sub_plans = by_name["sub-plans"].rows
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for row in by_name["expenditure-lines"].rows if "expenditure-lines" in by_name else []:
        if row.get("amount") is not None:
            totals[(row["object_code"], row["object_name"])] += row["amount"]
    s.object_classes = sorted(
        ((code, name, amount) for (code, name), amount in totals.items()),
        key=lambda t: -t[2],
    )
    for row in by_name["revenue"].rows if "revenue" in by_name else []:
        if row.get("code") == "TOTAL":
            s.revenue_total = row.get("amount")
    return s
