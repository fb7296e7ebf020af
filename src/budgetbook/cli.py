"""The `budgetbook` command: thin Typer commands over the library."""

from __future__ import annotations

import json
import os
import sys
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from . import units
from .errors import BudgetBookError
from .model.base import NOTICES
from .numbers import format_amount

if TYPE_CHECKING:
    from .model import Book
    from .store.load import Prepared
    from .text import Document

app = typer.Typer(
    help="Read, check and serve Taiwanese government unit budget books (單位預算書).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console()
err = Console(stderr=True, soft_wrap=True)  # messages stay whole lines (paths, grep)


class ExportFormat(StrEnum):
    fdp = "fdp"
    json = "json"
    xlsx = "xlsx"


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


class PhaseOption(StrEnum):
    proposed = "proposed"
    enacted = "enacted"


def _fail(exc: BudgetBookError) -> typer.Exit:
    err.print(f"[bold red]error:[/] {exc.describe()}", highlight=False, soft_wrap=True)
    return typer.Exit(2)


def _read_with_text(source: Path, phase: PhaseOption | None) -> tuple[Book, Document | None]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from .limits import check_file
    from .readers import is_pdf, read_source

    ph = phase.value if phase else None
    check_file(source)  # a device or a FIFO is refused before is_pdf opens it
    if is_pdf(source):  # a long book: a progress bar of its pages
        with Progress(TextColumn("reading {task.description}"), BarColumn(),
                      MofNCompleteColumn(), TextColumn("pages"), console=err,
                      transient=True) as bar:
            task = bar.add_task(source.name, total=None)
            return read_source(source, phase=ph, progress=lambda done, total: bar.update(
                task, completed=done, total=total))
    with err.status(f"reading {source} …"):
        return read_source(source, phase=ph)


def _read(source: Path, phase: PhaseOption | None) -> Book:
    return _read_with_text(source, phase)[0]


SourceArg = Annotated[
    Path, typer.Argument(help="a budget book: its extracted text (UTF-8 or Big5/CP950) or a "
                              "JSON export of it")
]
PhaseOpt = Annotated[
    PhaseOption | None, typer.Option("--phase", help="override the phase read from the book")
]


@app.command()
def show(source: SourceArg, phase: PhaseOpt = None) -> None:
    """A readable summary of a book: agency, year, totals, work plans, sub-plans, object classes."""
    from .summary import summarize

    try:
        book = _read(source, phase)
    except BudgetBookError as exc:
        raise _fail(exc) from None
    s = summarize(book)
    year = f"{book.roc_year}年度 ({book.fiscal_year})" if book.roc_year else "year ?"
    out.print(f"[bold]{book.agency_name or '?'}[/] ({book.agency_code or '?'})  "
              f"{year}  {book.phase or 'phase ?'}  id {book.id or '? (cannot tell)'}",
              highlight=False)
    word = units.WORD[book.unit]
    out.print(f"主管: {book.parent_name or '?'}   單位: {units.PRINTED[book.unit]}")
    out.print(f"歲出合計 {format_amount(s.expenditure_total)}   歲入合計 {format_amount(s.revenue_total)}")

    t = Table(title=f"工作計畫 work plans ({word})", title_justify="left")
    for col in ("code", "name", "amount", "last year", "change"):
        t.add_column(col, justify="right" if col in ("amount", "last year", "change") else "left")
    for w in s.work_plans:
        t.add_row(w["code"] or "", w["name"] or "", format_amount(w.get("amount")),
                  format_amount(w.get("last_year_amount")), format_amount(w.get("change")))
    out.print(t)

    t = Table(title=f"分支計畫 sub-plans ({word})", title_justify="left")
    for col in ("work plan", "no", "name", "amount", "units"):
        t.add_column(col, justify="right" if col == "amount" else "left")
    for sp in s.sub_plans:
        t.add_row(sp["work_plan_code"] or "", sp["sub_plan_no"] or "", sp["name"] or "",
                  format_amount(sp.get("amount")), sp.get("units") or "")
    out.print(t)

    t = Table(title=f"最大用途別科目 largest object classes ({word})", title_justify="left")
    for col in ("code", "name", "amount"):
        t.add_column(col, justify="right" if col == "amount" else "left")
    for code, name, amount in s.object_classes[:10]:
        t.add_row(code, name, format_amount(amount))
    out.print(t)

    from .audit import audit as run_audit
    from .audit.complete import reasons

    summary = run_audit(book).summary()
    style = "red" if summary["failed"] else "green"
    out.print(f"[{style}]audit: {summary['total']} checks, {summary['passed']} passed, "
              f"{summary['failed']} failed, {summary['skipped']} skipped[/] "
              "(budgetbook audit for details)", highlight=False)
    incomplete = reasons(book)
    if incomplete:
        out.print(f"[bold red]incomplete book:[/] {'; '.join(incomplete)}", highlight=False,
                  soft_wrap=True)
    for f in book.findings:
        if f.kind in NOTICES:
            err.print(f"[yellow]warning:[/] {f.message}", highlight=False)
    problems = [f for f in book.findings if f.kind not in NOTICES]
    if problems:
        out.print(f"[yellow]{len(problems)} reader finding(s):[/]")
        for f in problems[:20]:
            where = f"line {f.line}" if f.line else f.table
            out.print(f"  [yellow]{f.kind}[/] {where}: {f.message}", highlight=False)


@app.command()
def export(
    source: SourceArg,
    out_path: Annotated[
        Path, typer.Option("--out", "-o", help="output directory (or .json/.xlsx file)")
    ],
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="fdp, json or xlsx")
    ] = ExportFormat.fdp,
    phase: PhaseOpt = None,
) -> None:
    """Export a book as a Fiscal Data Package, one JSON document, or an Excel workbook."""
    from .export.fdp import write_fdp
    from .export.jsonout import write_json
    from .export.xlsx import write_xlsx

    try:
        book, doc = _read_with_text(source, phase)
    except BudgetBookError as exc:
        raise _fail(exc) from None
    try:
        if format is ExportFormat.fdp:
            path = write_fdp(book, out_path, doc)
        elif format is ExportFormat.json:
            path = write_json(book, out_path)
        else:
            path = write_xlsx(book, out_path)
    except BudgetBookError as exc:
        raise _fail(exc) from None
    except OSError as exc:
        reason = exc.strerror
        if isinstance(exc, (FileExistsError, NotADirectoryError)):
            reason = "a file is in the way where a directory is expected"
        raise _fail(BudgetBookError(f"cannot write output ({reason})",
                                    path=exc.filename or str(out_path))) from None
    err.print(f"wrote {path}", highlight=False)
    for f in book.findings:
        if f.kind in NOTICES:
            err.print(f"[yellow]warning:[/] {f.message}", highlight=False)


@app.command()
def audit(
    source: SourceArg,
    format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="text or json")
    ] = ReportFormat.text,
    show_passed: Annotated[bool, typer.Option("--all", help="list passed checks too")] = False,
    phase: PhaseOpt = None,
) -> None:
    """Check every arithmetic identity of a book, or the file-level checks of an open-data CSV
    file (against the neighbouring years' files of its folder). Exit 0: all pass; 1: a check
    fails; 2: unreadable."""
    from .audit import audit as run_audit
    from .audit.report import print_text, to_json

    if source.suffix.lower() == ".csv":
        _audit_csv(source, format, show_passed, phase)
    try:
        book = _read(source, phase)
    except BudgetBookError as exc:
        raise _fail(exc) from None
    report = run_audit(book)
    if format is ReportFormat.json:
        typer.echo(to_json(report))
    else:
        print_text(report, out, show_passed=show_passed)
    raise typer.Exit(1 if report.failed else 0)


def _audit_csv(source: Path, format: ReportFormat, show_passed: bool,
               phase: PhaseOption | None) -> None:
    from .audit.dataset import audit_file, file_summary, to_file_dict
    from .audit.report import print_text
    from .limits import TEXT, check_file
    from .readers.twbudget import neighbour_files, read_file

    ph = phase.value if phase else None
    try:
        check_file(source, TEXT)  # a regular file under the text cap, before it is opened
        with err.status(f"reading {source} …"):
            f = read_file(source, ph)
            others = neighbour_files(source, ph, warn=lambda m: err.print(
                f"[yellow]warning:[/] {m}", highlight=False, soft_wrap=True))
    except BudgetBookError as exc:
        raise _fail(exc) from None
    report = audit_file(f, others)
    if format is ReportFormat.json:
        typer.echo(json.dumps(to_file_dict(report, f, others), ensure_ascii=False, indent=2))
    else:
        s = file_summary(f, others)
        out.print(f"[bold]{source}[/]  {f.phase} {f.year} ({f.year - 1911}年度): "
                  f"{s['rows']:,} rows, {s['agencies']} agencies, total "
                  f"{format_amount(s['total'])} {units.WORD[units.THOUSAND_TWD]}",
                  highlight=False)  # the open data is read into thousands
        near = ", ".join(f"{n['year']} ({n['rows']:,} rows, {format_amount(n['total'])})"
                         for n in s["neighbours"]) or "none"
        out.print(f"neighbouring years: {near}", highlight=False, soft_wrap=True)
        print_text(report, out, show_passed=show_passed)
    raise typer.Exit(1 if report.failed else 0)


DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="database URL or SQLite file (default: $BUDGETBOOK_DB, else a "
                              "SQLite file in the user's data directory)"),
]


@app.command()
def ingest(
    sources: Annotated[list[Path], typer.Argument(help="book texts, packages, or folders")],
    db: DbOpt = None,
    phase: PhaseOpt = None,
    replace: Annotated[bool, typer.Option(
        "--replace", help="replace a stored book even with a copy that has fewer tables, rows "
                          "or source lines, or fails its audit where the stored one passed")
    ] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="processes reading books side by side while this one "
                                    "loads them (default: the number of cores)")
    ] = None,
) -> None:
    """Load books into the database: one transaction per book; the same book again replaces it,
    unless the new copy is worse (exit 1, nothing changed; --replace to replace it anyway).
    Exit 2 when a source cannot be read. Books are read by --jobs processes and loaded, in the
    order given, by this one."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from .limits import TEXT, check_file
    from .readers.twbudget import read_file
    from .store.db import engine_for
    from .store.ingest import (
        Failed,
        csv_flags,
        expand,
        in_order,
        is_csv,
        prepare_csv,
        prepare_read,
        reading_pool,
    )
    from .store.load import write

    procs = jobs or os.cpu_count() or 1
    readers = ExitStack()  # the reading processes, shut down however this command ends
    try:
        paths = expand(sources)
        books_paths = [p for p in paths if not is_csv(p)]
        csv_paths = [p for p in paths if is_csv(p)]
        # started first, so that they are ready when the first book is (`in_order` reads
        # books, and CSV files, in processes when there are several of them)
        several = len(books_paths) > 1 or len(csv_paths) > 1
        pool = (readers.enter_context(reading_pool(procs)) if procs > 1 and several
                else None)
        engine = engine_for(db)
    except BudgetBookError as exc:
        readers.close()
        raise _fail(exc) from None
    except BaseException:
        readers.close()
        raise
    ph = phase.value if phase else None
    failed = refused = 0

    def report(exc: BudgetBookError | str) -> None:
        """One source that could not be read: its error (or, from a process, its message)."""
        nonlocal failed
        failed += 1
        message = exc if isinstance(exc, str) else exc.describe()
        err.print(f"[bold red]error:[/] {message}", highlight=False)

    def worse(path: Path, prepared: Prepared) -> bool:
        """Whether loading would replace a stored book with a worse copy (then said, and
        counted as refused)."""
        nonlocal refused
        if replace:
            return False
        from .store.guard import check

        lost = check(engine, prepared.counts)
        for book_id, what in lost.items():
            err.print(f"[bold red]refused:[/] {path}: {book_id} is stored in a more complete "
                      "copy; loading this one would lose:", highlight=False)
            for line in what:
                err.print(f"  - {line}", highlight=False)
        if lost:
            err.print("  nothing was changed; pass --replace to replace it anyway",
                      highlight=False)
            refused += 1
        return bool(lost)

    with readers, Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=len(paths))
        for path, read in zip(books_paths, in_order(_bundle, [(p, ph) for p in books_paths],
                                                   procs, pool), strict=True):
            progress.update(task, description=f"loading {path.name}")
            if isinstance(read, Failed):  # its message names the file and line already
                report(read.message)
                progress.advance(task)
                continue
            try:
                prepared, notices = read
                for message in notices:
                    err.print(f"[yellow]warning:[/] {path}: {message}", highlight=False)
                if not worse(path, prepared):
                    result = write(engine, prepared)[0]
                    verb = "replaced" if result.replaced else "loaded"
                    err.print(f"{verb} {result.book_id} from {path} ({result.rows:,} rows)",
                              highlight=False)
            except BudgetBookError as exc:
                report(exc)
            progress.advance(task)
        csv_files = []
        for path in csv_paths:
            progress.update(task, description=f"reading {path.name}")
            try:  # every CSV is read and checked before any is loaded
                check_file(path, TEXT)
                # the processes make the books; here only the rows, for the checks across files
                csv_files.append(read_file(path, ph, books=False))
            except BudgetBookError as exc:
                report(exc)
                progress.advance(task)
        flags = csv_flags(csv_files)
        made = (in_order(prepare_read, [(f, flags[f.path]) for f in csv_files], 1)
                if procs == 1 else  # (the processes read a file again: its rows don't travel)
                in_order(prepare_csv, [(f.path, ph, flags[f.path]) for f in csv_files], procs,
                         pool))
        for f, ready in zip(csv_files, made, strict=True):
            progress.update(task, description=f"loading {f.path.name}")
            if isinstance(ready, Failed):
                report(ready.message)
            elif not worse(f.path, ready):  # the whole file, or nothing of it
                results = write(engine, ready)  # the whole file, or nothing of it
                replaced = sum(r.replaced for r in results)
                err.print(f"loaded {len(results)} books from {f.path} ({f.phase} {f.year}"
                          + (f", {replaced} replaced" if replaced else "") + ")",
                          highlight=False)
                flagged = {flag for m in ready.metas for flag in json.loads(m["flags"] or "[]")}
                for flag in sorted(flagged):
                    err.print(f"[yellow]warning:[/] {f.path}: {flag}", highlight=False)
            progress.advance(task)
    if failed or refused:
        raise typer.Exit(2 if failed else 1)


def _bundle(path: Path, phase: str | None) -> tuple[Prepared, list[str]]:
    """A source as the store takes it, ready for the writer, with the warnings `show` gives
    about it (sections the book lacks, tables not read): a book's text or PDF is read here, a
    package or a JSON export by the store's own `bundle_of`."""
    from .export.bundle import from_book
    from .limits import check_file
    from .store.ingest import bundle_of
    from .store.load import prepare

    check_file(path)  # a FIFO or a device is refused before anything opens it
    if path.suffix.lower() == ".json":
        return prepare([bundle_of(path, phase)]), []
    from .readers import read_source

    book, doc = read_source(path, phase=phase)
    notices = [f.message for f in book.findings if f.kind in NOTICES]
    return prepare([from_book(book, doc)]), notices


@app.command()
def books(
    db: DbOpt = None,
    agency: Annotated[str | None, typer.Option(help="4-digit agency code")] = None,
    year: Annotated[int | None, typer.Option(help="Gregorian fiscal year")] = None,
) -> None:
    """List the books stored in the database, with their totals and audit summary."""
    from .store.db import engine_for
    from .store.queries import list_books

    try:
        rows = list_books(engine_for(db, must_exist=True))
    except BudgetBookError as exc:
        raise _fail(exc) from None
    rows = [r for r in rows if (agency is None or r["agency_code"] == agency)
            and (year is None or r["fiscal_year"] == year)]
    t = Table(title=f"{len(rows):,} book(s)", title_justify="left")
    for col in ("id", "agency", "source", "expenditure", "unit", "audit failed"):
        t.add_column(col, justify="right" if col in ("expenditure", "audit failed") else "left",
                     no_wrap=col == "id")
    for r in rows:
        t.add_row(r["id"], r["agency_name"] or "", r["source_name"],
                  format_amount(r["expenditure_total"]), units.word_of(r.get("unit")),
                  str(r["audit_failed"] or 0))
    out.print(t)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on", min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(
        min=1, help="server processes sharing the port (a multi-core machine: one per core)")
    ] = 1,
) -> None:
    """Serve the web explorer and the REST API; an empty database gets the bundled sample.
    The API is read-only: any number of worker processes may serve one database."""
    import socket

    import uvicorn

    from .api.app import create_app, warm
    from .api.security import SERVER_OPTIONS
    from .store.db import ENV, engine_for
    from .store.ingest import ensure_sample

    try:
        engine = engine_for(db)
        for book_id in ensure_sample(engine):
            err.print(f"loaded the bundled sample {book_id}", highlight=False)
    except BudgetBookError as exc:
        raise _fail(exc) from None
    try:  # bind once ourselves, so a busy port or a bad host is one clear message
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise _fail(BudgetBookError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); "
                                    "expected a free port (--port) on a local interface "
                                    "(--host)")) from None
    err.print(f"budgetbook on http://{host}:{port}/  (API docs at /docs)", highlight=False)
    # no server banner, and a 414 for an over-long request line (api/security.py)
    if workers == 1:
        served = create_app(engine)
        warm(served)
        uvicorn.run(served, host=host, port=port, log_level="warning", **SERVER_OPTIONS)
        return
    # each worker process builds its own app on the same database (api/workers.py)
    from .api import workers as worker_processes

    os.environ[ENV] = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    worker_processes.serve(host, port, workers, SERVER_OPTIONS)


from .cli_compare import register as _register_compare  # noqa: E402 - after the shared options

_register_compare(app)
from .cli_text import register as _register_text  # noqa: E402

_register_text(app)


def main() -> None:
    """Entry point that turns an unexpected failure into one line instead of a traceback."""
    try:
        app()
    except Exception as exc:  # a bug, not a user error: say so, keep the traceback for debugging
        if os.environ.get("BUDGETBOOK_DEBUG"):
            raise
        err.print(f"[bold red]internal error:[/] {type(exc).__name__}: {exc} "
                  "(set BUDGETBOOK_DEBUG=1 for the traceback)", highlight=False)
        sys.exit(3)
