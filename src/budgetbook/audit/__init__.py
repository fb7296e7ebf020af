"""Audit a Book: every arithmetic identity across its tables, as data-driven rules.

`audit(book)` runs every rule of `rules.RULES` and turns the reader's own findings (a glued
number it could not split for certain, a row it could not parse) into failed checks, so that
nothing the reader guessed passes silently.
"""

from __future__ import annotations

from ..model import Book
from .engine import Check, Figure, Report, Rule, run
from .rules import RULES
from .schema import check_rules

check_rules(RULES)  # a path that does not fit the model fails here, not silently later

__all__ = ["Check", "Figure", "Report", "Rule", "RULES", "audit"]


def audit(book: Book) -> Report:
    report = run(book, RULES)
    for i, f in enumerate(book.findings):
        if f.kind == "missing_section":
            continue  # rules needing that table report themselves as skipped
        report.checks.insert(0, Check(
            id=f"reader.{f.kind}:{f.table}:{f.line or i}",
            rule=f"reader.{f.kind}",
            table=f.table,
            description=f.message,
            status="fail",
            figures=[Figure(path=f"findings[{i}]", value=None, loc=f.loc)],
        ))
    return report
