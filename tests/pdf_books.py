"""The real PDF books of ../shared/data, each read once per test session (a 392-page book takes
seconds): tests import `moi_book()` or `pdf_book(path)` instead of reading the PDF again."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from conftest import SEED

DATA = SEED.parents[1] / "data"
MOI = DATA / "central-pdf" / "moi-114-proposed.pdf"
MUNICIPAL = sorted((DATA / "municipal-pdf").glob("*.pdf"))


@cache
def pdf_book(path: Path):
    """(Book, rebuilt text Document) of the PDF at `path`."""
    from budgetbook.readers.pdfbook import read

    return read(path)


def moi_book():
    """The 內政部 FY114 proposal: its Book (appendices in `.appendices`)."""
    return pdf_book(MOI)[0]


@cache
def moi_text():
    """The rebuilt text of the 內政部 book (budgetbook.pdf.PdfText), for page and box lookups."""
    from budgetbook.pdf import read_pdf

    return read_pdf(MOI)
