"""Bad PDFs as a user meets them, through the commands: each names the file, exits 2, prints no
traceback, and `ingest` leaves the database as it was."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from budgetbook.cli import app
from pdf_books import MOI

runner = CliRunner()


def _pdf(text: bytes) -> bytes:
    """A one-page PDF printing `text` in Helvetica (written by hand: PDFium rebuilds the
    cross-reference table that this file leaves out)."""
    stream = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
            b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
            b"4 0 obj<</Length " + str(len(stream)).encode() + b">>stream\n" + stream +
            b"\nendstream endobj\n"
            b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n"
            b"%%EOF\n")


def _blank_pdf() -> bytes:
    return _pdf(b"").replace(b"BT /F1 12 Tf 72 720 Td () Tj ET", b"0 0 1 rg 10 10 50 50 re f")


def test_a_pdf_that_is_no_budget_book_says_so_as_a_text_does(tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_bytes(_pdf(b"Dear reader, this is a letter."))
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == 2
    assert str(path) in result.output and "no section of a unit budget book found" in result.output
    assert "Traceback" not in result.output


def test_a_scanned_pdf_without_text_says_so(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_blank_pdf())
    result = runner.invoke(app, ["audit", str(path)])
    assert result.exit_code == 2
    assert "no text layer on any of its 1 page(s)" in result.output


@pytest.mark.slow
def test_a_truncated_pdf_changes_nothing_in_the_database(tmp_path):
    from budgetbook.store import queries
    from budgetbook.store.db import engine_for

    db = f"sqlite:///{tmp_path / 'b.sqlite'}"
    good = tmp_path / "book.txt"
    from conftest import SEED

    good.write_bytes(SEED.read_bytes())
    assert runner.invoke(app, ["ingest", str(good), "--db", db]).exit_code == 0
    before = [b["id"] for b in queries.list_books(engine_for(db))]
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(MOI.read_bytes()[:200_000])
    result = runner.invoke(app, ["ingest", str(broken), "--db", db])
    assert result.exit_code == 2
    assert str(broken) in result.output and "damaged PDF" in result.output
    assert "Traceback" not in result.output
    assert [b["id"] for b in queries.list_books(engine_for(db))] == before
