"""Audit a Book: every arithmetic identity across its tables, as data-driven rules.

`audit(book)` runs every rule of `rules.RULES` and turns the reader's own findings (a glued
number it could not split for certain, a row it could not parse) into failed checks, so that
nothing the reader guessed passes silently.
"""

from __future__ import annotations

from ..model import Book
from ..model.base import NOTICES
from . import complete
from .engine import Check, Figure, Report, Rule, run
from .rules import RULES
from .schema import check_rules

check_rules(RULES)  # a path that does not fit the model fails here, not silently later

__all__ = ["Check", "Figure", "Report", "Rule", "RULES", "audit"]


def audit(book: Book) -> Report:
    """Every rule over the book; then over each sub-unit's appendix (附錄) as a book of its own,
    its checks named by the sub-unit (a rule needing a table the appendix does not repeat is
    left out there, not reported as skipped)."""
    report = run(book, RULES)
    for app in book.appendices:
        for c in run(app, RULES).checks:
            if c.status == "skip" and (c.reason or "").startswith("table missing"):
                continue
            report.checks.append(c.model_copy(update={
                "id": f"{app.sub_unit}:{c.id}", "description": f"[{app.sub_unit}] {c.description}",
                "figures": [f.model_copy(update={"path": f"appendices[{app.sub_unit}].{f.path}"})
                            for f in c.figures]}))
    for i, f in enumerate(book.findings):
        if f.kind in NOTICES:
            continue  # rules needing a missing table report themselves as skipped
        report.checks.insert(0, Check(
            id=f"reader.{f.kind}:{f.table}:{f.line or i}",
            rule=f"reader.{f.kind}",
            table=f.table,
            description=f.message,
            status="fail",
            figures=[Figure(path=f"findings[{i}]", value=None, loc=f.loc)],
        ))
    whole = complete.check(book)
    if whole is not None:  # a book cut short fails, whatever its few checks say
        report.checks.insert(0, whole)
    return report
