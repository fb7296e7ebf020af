"""`budgetbook text BOOK.pdf [--pages 10-12] [--numbers]`: the rebuilt text of a book's PDF,
page by page, row by row (`budgetbook.pdf.read_pdf`). Wired into the main command with
`register(app)`.

Without --pages the output is the whole numbered text: its line L is the line that
`source_line` L names. With --pages it is the same lines of those pages only (line numbers
still count from page 1; --numbers prints them).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from .errors import BudgetBookError

err = Console(stderr=True, soft_wrap=True)

PROGRESS_FROM = 20  # pages; shorter books read before a bar would be worth drawing
_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")


def parse_pages(spec: str) -> tuple[int, int]:
    """`10-12` or `10` as (first, last), 1-based and inclusive."""
    m = _RANGE.match(spec)
    first, last = (int(m[1]), int(m[2] or m[1])) if m else (0, 0)
    if not m or first < 1 or last < first:
        raise typer.BadParameter(f"{spec!r}: expected a page or a range such as 10-12")
    return first, last


def text(
    source: Annotated[Path, typer.Argument(help="a budget book's PDF")],
    pages: Annotated[str | None, typer.Option("--pages", "-p",
                                              help="pages to print, e.g. 10-12 or 10")] = None,
    numbers: Annotated[bool, typer.Option("--numbers", "-n",
                                          help="prefix each line with its line number")] = False,
) -> None:
    """Print the text of a PDF rebuilt from its characters' positions, the text that line
    numbers (source_line) count in: a `=== page N ===` line opens each page and counts as a
    line; vertical margin labels follow a page's rows as `[left margin] …` lines."""
    from .limits import PDF, check_file
    from .pdf import open_pdf, read_pdf

    first, last = parse_pages(pages) if pages else (1, None)
    try:
        check_file(source, PDF)  # a regular file under the PDF cap, before PDFium opens it
        doc = open_pdf(source)  # a bad file is reported before any progress bar is drawn
        count = len(doc)
        doc.close()
        wanted = count if last is None else min(last, count)
        if wanted < PROGRESS_FROM:
            book = read_pdf(source, last_page=last)
        else:
            with Progress(TextColumn("reading {task.description}"), BarColumn(),
                          MofNCompleteColumn(), TextColumn("pages"), console=err,
                          transient=True) as progress:
                task = progress.add_task(source.name, total=wanted)
                book = read_pdf(source, last_page=last,
                                progress=lambda done, _: progress.update(task, completed=done))
    except BudgetBookError as exc:
        err.print(f"[bold red]error:[/] {exc.describe()}", highlight=False)
        raise typer.Exit(2) from None
    if first > book.page_count:
        err.print(f"[bold red]error:[/] {source}: no page {first}; the PDF has "
                  f"{book.page_count} page(s)", highlight=False)
        raise typer.Exit(2)
    width = len(str(len(book.lines)))
    shown = book.pages[first - 1:]
    typer.echo("\n".join(f"{line.no:>{width}}: {line.text}" if numbers else line.text
                         for page in shown for line in page.lines))
    for page in shown:
        if page.note:
            err.print(f"[yellow]warning:[/] {source}: {page.note}", highlight=False)
    for note in book.font_notes(shown):
        err.print(f"[yellow]warning:[/] {source}: {note}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the `text` command to the main `budgetbook` command."""
    app.command("text")(text)
