"""`budgetbook compare A B [--format text|json] [--db URL]`: two stored books, work plan by work
plan (`budgetbook.compare.compare_books`). Wired into the main command with `register(app)`."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from . import units
from .errors import BudgetBookError

out = Console()
err = Console(stderr=True)

KIND_TITLES = {
    "year_over_year": "year over year",
    "proposed_vs_enacted": "proposed vs enacted (the legislature's cut or addition)",
    "books": "two books",
}
STATUS_STYLES = {"added": "green", "removed": "red", "renamed": "yellow"}


class CompareFormat(StrEnum):
    text = "text"
    json = "json"


def _amount(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def _change(value: int | None) -> str:
    return "-" if value is None else f"{value:+,}"


def comparison_json(cmp: Any) -> dict[str, Any]:
    """The JSON the command prints: the books, each work plan (code, name, a, b, change in
    thousands, status), the totals, the totals per 政事別, and warnings."""
    d: dict[str, Any] = cmp.to_dict()
    d["work_plans"] = [{"code": r["code"], "name": r["name"], "name_a": r["name_a"],
                        "name_b": r["name_b"], "a": r["a"], "b": r["b"], "change": r["change"],
                        "change_pct": r["change_pct"], "status": r["status"], "note": r["note"]}
                       for r in d.pop("rows")]
    return d


def print_comparison(cmp: Any, console: Console | None = None) -> None:
    console = console or out
    a, b = cmp.a, cmp.b
    for w in cmp.warnings:  # first, so a flagged book is seen before its figures
        console.print(f"[bold yellow]warning:[/] {w}", highlight=False, soft_wrap=True)
    word = units.word_of(cmp.unit)
    console.print(f"[bold]{KIND_TITLES.get(cmp.kind, cmp.kind)}[/]   單位: 新臺幣{word}",
                  highlight=False)
    for label, book in (("a", a), ("b", b)):
        console.print(f"  {label}: {book['id']}  {book.get('agency_name') or '?'}  "
                      f"{book['fiscal_year']} {book['phase']}", highlight=False)
    t = Table(title=f"工作計畫 work plans ({word})", title_justify="left")
    for col in ("code", "name", "a", "b", "change", "%", "status"):
        t.add_column(col, justify="right" if col in ("a", "b", "change", "%") else "left",
                     overflow="fold", no_wrap=col in ("code", "a", "b", "change"))
    for r in cmp.rows:
        name = r.name_b or r.name_a or ""
        if r.status == "renamed":
            name = f"{r.name_a} → {r.name_b}"
        status = r.status + (f" ({r.note})" if r.note else "")
        style = STATUS_STYLES.get(r.status)
        t.add_row(r.code, name, _amount(r.a), _amount(r.b), _change(r.change),
                  "-" if r.change_pct is None else f"{r.change_pct:+.2f}",
                  f"[{style}]{status}[/]" if style else status)
    t.add_row("", "[bold]total[/]", _amount(cmp.totals["a"]), _amount(cmp.totals["b"]),
              _change(cmp.totals["change"]), "", "")
    console.print(t)
    if len(cmp.by_function) > 1:
        f = Table(title=f"政事別 ({word})", title_justify="left")
        for col in ("政事別", "name", "a", "b", "change"):
            f.add_column(col, justify="right" if col in ("a", "b", "change") else "left")
        for fn in cmp.by_function:
            f.add_row(fn.function, fn.name or "", _amount(fn.a), _amount(fn.b),
                      _change(fn.change))
        console.print(f)


def compare_command(
    a: Annotated[str, typer.Argument(help="first book id, e.g. 2675-2022-proposed")],
    b: Annotated[str, typer.Argument(help="second book id, e.g. 2675-2022-enacted")],
    format: Annotated[CompareFormat, typer.Option(
        "--format", help="text (a table) or json (every work plan with code, name, a, b, "
                         "change)")] = CompareFormat.text,
    db: Annotated[str | None, typer.Option(
        "--db", help="database URL or SQLite file (default: $BUDGETBOOK_DB, else a SQLite "
                     "file in the user's data directory)")] = None,
) -> None:
    """Compare two stored books work plan by work plan (change = B − A, in thousands of NTD):
    year over year, or proposed against enacted. Exit 2 when a book is not stored."""
    from .compare import compare_books
    from .store.db import engine_for

    try:
        cmp = compare_books(engine_for(db, must_exist=True), a, b)
    except BudgetBookError as exc:
        msg = exc.describe() if exc.path else exc.message
        err.print(f"[bold red]error:[/] {msg}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    if format == CompareFormat.json:
        typer.echo(json.dumps(comparison_json(cmp), ensure_ascii=False, indent=2))
    else:
        print_comparison(cmp)


def register(app: typer.Typer) -> None:
    """Add `compare` to the main command."""
    app.command("compare")(compare_command)
