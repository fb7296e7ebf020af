"""Books that are not unit budget books are named for what they are (exit 2), never read as a
made-up unit book; real unit books of both governments pass. Small books are built by hand as
rebuilt pages (the layout readers see), so each case states exactly what the book prints."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from budgetbook.errors import ReadError
from budgetbook.pdf.pdftext import PdfLine, PdfPage, PdfText
from budgetbook.readers.pdfbook import read_text
from budgetbook.readers.pdfbook.kind import check_kind
from budgetbook.readers.pdfbook.layout import classify
from pdf_books import MOI, MUNICIPAL

runner = CliRunner()


def _book(*pages: list[str], title: str = "") -> PdfText:
    out, lines = [], []
    for n, rows in enumerate(pages, 1):
        page_lines = [PdfLine(len(lines) + 1, n, "header", f"=== page {n} ===")]
        page_lines += [PdfLine(len(lines) + 2 + i, n, "row", t) for i, t in enumerate(rows)]
        lines += page_lines
        out.append(PdfPage(n, 595.0, 842.0, 0, page_lines))
    return PdfText("made.pdf", len(pages), out, lines, title)


LEDGER = ["某部", "歲出機關別預算表", "中華民國 115 年度 單位：新臺幣千元"]


def test_a_special_funds_book_is_named():
    fund = _book(["某某作業基金", "附屬單位預算", "中華民國 115 年度"], LEDGER)
    with pytest.raises(ReadError, match="special fund"):
        read_text(fund)


def test_a_fund_named_only_in_the_documents_title_is_named():
    fund = _book(LEDGER, title="115年度某某特別收入基金預算書")
    with pytest.raises(ReadError, match="特別收入基金"):
        check_kind(fund, classify(fund))


def test_a_ministrys_summary_volume_is_named():
    summary = _book(LEDGER + ["0008000000", "某部主管", "0008010000", "某部", "0008020000",
                              "某部某署", "0008030000", "某部某局"])
    with pytest.raises(ReadError, match="summary volume .* of 3 agencies"):
        check_kind(summary, classify(summary))


def test_one_agencys_book_is_a_unit_book():
    one = _book(LEDGER + ["0008000000", "某部主管", "0008010000", "某部"])
    check_kind(one, classify(one))  # no error


def test_the_cli_says_what_the_book_is(tmp_path, monkeypatch):
    import budgetbook.readers.pdfbook as pdfbook
    from budgetbook.cli import app

    fake = tmp_path / "fund.pdf"
    fake.write_bytes(b"%PDF-1.4\n")
    monkeypatch.setattr(pdfbook, "read_pdf", lambda path, progress=None: _book(
        ["某某作業基金", "附屬單位預算"], LEDGER))
    result = runner.invoke(app, ["show", str(fake)])
    assert result.exit_code == 2
    assert "special fund" in result.output and "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.parametrize("path", [MOI, *MUNICIPAL], ids=lambda p: p.name)
def test_real_unit_books_pass(path):
    from budgetbook.pdf import read_pdf

    text = read_pdf(path, last_page=60)
    check_kind(text, classify(text))
