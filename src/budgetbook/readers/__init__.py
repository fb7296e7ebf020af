"""Readers: one per source format, and `read_source`, which picks one by the file.

    a PDF (.pdf, or any file starting %PDF-)  readers.pdfbook: rows rebuilt from positions
    book text (.txt, any other suffix)        readers.booktext (UTF-8 or Big5/CP950)
    a JSON export of a Book (.json)           the model itself: `export --format json` read back
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from ..errors import ReadError
from ..limits import PDF, TEXT, check_file
from ..model import Book
from ..text import Document


def is_pdf(path: Path) -> bool:
    """A PDF by its name or, whatever its name, by its first bytes."""
    if path.suffix.lower() == ".pdf":
        return True
    try:
        with path.open("rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False  # the reader names what is wrong with the file


def read_source(path: str | Path, *, phase: str | None = None,
                progress: Callable[[int, int], None] | None = None
                ) -> tuple[Book, Document | None]:
    """A Book from a source file, with the text its lines count in when there is one (a JSON
    export keeps every location but not the source text)."""
    p = Path(path)
    check_file(p)  # a device or FIFO is refused before is_pdf opens it
    if is_pdf(p):
        from .pdfbook import read as read_pdf_book

        check_file(p, PDF)

        return read_pdf_book(p, phase=phase, progress=progress)
    if p.suffix.lower() == ".json":
        book = read_json(p)
        return (book.model_copy(update={"phase": phase}) if phase else book), None
    from ..text import load
    from .booktext import read_document

    doc = load(p)
    return read_document(doc, phase=phase), doc


def read(path: str | Path, *, phase: str | None = None) -> Book:
    """Read a budget book from its text or a JSON export of it."""
    return read_source(path, phase=phase)[0]


def is_book_json(data: object) -> bool:
    """A JSON export of a Book (not a package descriptor, which lists `resources`)."""
    return isinstance(data, dict) and "resources" not in data and "source" in data


def read_json(path: Path) -> Book:
    name = str(path)
    check_file(path, TEXT)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReadError("no such file", path=name) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError(f"cannot read the file ({exc})", path=name) from None
    except json.JSONDecodeError as exc:
        raise ReadError(f"invalid JSON ({exc.msg}, column {exc.colno})", path=name,
                        line=exc.lineno) from None
    if not is_book_json(data):
        raise ReadError("not a JSON export of a book (budgetbook export --format json); a "
                        "package's datapackage.json is read by budgetbook ingest", path=name)
    try:
        return Book.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ReadError(f"not a book as budgetbook exports it: {where}: {first['msg']} "
                        f"({exc.error_count()} problem(s))", path=name) from None
