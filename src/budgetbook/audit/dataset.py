"""Audit of an open-data CSV file (`budgetbook audit FILE.csv`): the file-level checks of
`readers.twbudget.FILE_CHECKS` (malformed and duplicate codes, an agency code with several names,
amounts that are not whole thousands, row count and total against the neighbouring years of the
same phase), as a `Report` like a book's audit.

Each check passes once for the file, or fails once per problem with the problem's CSV lines as
its figures; the neighbouring-years checks carry the expected (the neighbours' median) and actual
figures, and are skipped, with the reason, when no neighbouring file is at hand.
"""

from __future__ import annotations

from typing import Any

from ..model.base import Loc
from ..readers.twbudget import NEIGHBOURS, CsvFile, file_problems, neighbours_of
from .engine import Check, Figure, Report
from .report import to_dict


def audit_file(f: CsvFile, others: list[CsvFile]) -> Report:
    """Every file check on `f`, measured against `others` (files of any year and phase: only
    the same phase's neighbouring years count)."""
    files = [f, *[g for g in others if g.path != f.path]]
    has_neighbours = bool(neighbours_of(f, files))
    checks: list[Check] = []
    for check, problems in file_problems(f, files):
        if check.needs_neighbours and not has_neighbours:
            checks.append(Check(
                id=check.id, rule=check.id, table=check.table, description=check.description,
                status="skip", reason=f"no {f.phase} file within {NEIGHBOURS} years of "
                                      f"{f.year} in {f.path.parent}"))
            continue
        if not problems:
            checks.append(Check(id=check.id, rule=check.id, table=check.table,
                                description=check.description, status="pass"))
            continue
        for i, p in enumerate(problems):
            figures = [Figure(path=f"rows[line={n}]", value=None, loc=Loc(line=n))
                       for n in p.lines]
            checks.append(Check(
                id=f"{check.id}:{p.lines[0] if p.lines else i}", rule=check.id,
                table=check.table, description=p.sentence, status="fail",
                expected=p.expected, actual=p.actual, figures=figures))
    return Report(source=str(f.path), book_id=None, checks=checks)


def file_summary(f: CsvFile, others: list[CsvFile]) -> dict[str, Any]:
    near = neighbours_of(f, [f, *others])
    return {"path": str(f.path), "year": f.year, "phase": f.phase, "rows": len(f.rows),
            "agencies": len(f.books), "total": f.total_thousands,
            "books_total": sum(w.amount or 0 for b in f.books for w in b.work_plans),
            "neighbours": [{"path": str(g.path), "year": g.year, "rows": len(g.rows),
                            "total": g.total_thousands} for g in near]}


def to_file_dict(report: Report, f: CsvFile, others: list[CsvFile]) -> dict[str, Any]:
    """The book audit's JSON (docs/audit.md) with `book` null and `file`: the file's year,
    phase, rows, agencies, totals (thousands of NTD) and the neighbouring files measured."""
    return {**to_dict(report), "file": file_summary(f, others)}
