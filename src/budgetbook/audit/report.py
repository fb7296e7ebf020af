"""Rendering an audit report: JSON (docs/audit.md) and a Rich text report grouped by table."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from rich.console import Console
from rich.table import Table

from ..numbers import format_amount
from .complete import RULE as INCOMPLETE
from .engine import Check, Report

_ORDER = {"fail": 0, "skip": 1, "pass": 2}


def to_dict(report: Report) -> dict[str, Any]:
    return {
        "source": report.source,
        "book": report.book_id,
        "checks": [
            {
                "id": c.id,
                "rule": c.rule,
                "table": c.table,
                "description": c.description,
                "status": c.status,
                "expected": c.expected,
                "actual": c.actual,
                **({"reason": c.reason} if c.reason else {}),
                "figures": [f.model_dump() for f in c.figures],
            }
            for c in report.checks
        ],
        "summary": report.summary(),
    }


def to_json(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2)


def print_text(report: Report, console: Console, *, show_passed: bool = False) -> None:
    """Failures first, grouped by table, each with expected, actual and source lines."""
    s = report.summary()
    by_table: dict[str, list[Check]] = defaultdict(list)
    for c in report.checks:
        by_table[c.table].append(c)
    tables = sorted(by_table, key=lambda t: (min(_ORDER[c.status] for c in by_table[t]), t))
    for name in tables:
        checks = sorted(by_table[name], key=lambda c: _ORDER[c.status])
        fails = [c for c in checks if c.status == "fail"]
        skips = [c for c in checks if c.status == "skip"]
        passed = len(checks) - len(fails) - len(skips)
        console.print(f"[bold]{name}[/]: {passed} passed, {len(fails)} failed, "
                      f"{len(skips)} skipped", highlight=False)
        shown = checks if show_passed else fails + skips
        if not shown:
            continue
        t = Table(show_header=True, header_style="bold", expand=False)
        for col in ("status", "check", "expected", "actual", "source lines"):
            t.add_column(col, justify="right" if col in ("expected", "actual") else "left",
                         overflow="fold")
        for c in shown:
            style = {"fail": "red", "skip": "yellow", "pass": "green"}[c.status]
            # a PDF figure is found by its page first: "p.12:345", a text book's by its line
            lines = sorted({(f.loc.page or 0, f.loc.line) for f in c.figures if f.loc})
            t.add_row(f"[{style}]{c.status}[/]", c.description if not c.reason
                      else f"{c.description} ({c.reason})",
                      format_amount(c.expected) if c.expected is not None else "",
                      format_amount(c.actual) if c.actual is not None else "",
                      ", ".join(f"p.{p}:{n}" if p else str(n) for p, n in lines))
        console.print(t)
    for c in report.checks:
        if c.rule == INCOMPLETE and c.status == "fail":  # said last too, whole, not in a cell
            console.print(f"[bold red]{c.description}[/]", highlight=False, soft_wrap=True)
    style = "red" if s["failed"] else "green"
    console.print(f"[{style}]{s['total']} checks: {s['passed']} passed, {s['failed']} failed, "
                  f"{s['skipped']} skipped[/]", highlight=False)
