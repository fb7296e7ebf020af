"""The PDF text layer (budgetbook.pdf) on the real books in ../shared/data.

Every expected value below was read by a person from the page rendered as an image (pypdfium2,
scale 2), each test naming its page; none is computed by the code under test. Boxes are in PDF
points, origin top left; a box was checked by cropping the rendered page to it.
"""

from __future__ import annotations

import unicodedata

import pytest
from typer.testing import CliRunner

from budgetbook.cli import app
from budgetbook.errors import ReadError
from budgetbook.pdf import read_pdf
from conftest import SEED

# reads a real PDF book (seconds): not in the quick lane (scripts/test --fast)
pytestmark = pytest.mark.slow

DATA = SEED.parents[1] / "data"
MOI = DATA / "central-pdf" / "moi-114-proposed.pdf"
TAICHUNG = DATA / "municipal-pdf" / "taichung-115.pdf"
KAOHSIUNG = DATA / "municipal-pdf" / "kaohsiung-115.pdf"

runner = CliRunner()


@pytest.fixture(scope="module")
def moi_to_74():
    if not MOI.exists():
        pytest.fail(f"book PDF not found at {MOI}")
    return read_pdf(MOI, last_page=74)


@pytest.fixture(scope="module")
def taichung():
    return read_pdf(TAICHUNG)


@pytest.fixture(scope="module")
def kaohsiung():
    return read_pdf(KAOHSIUNG)


def _row(page, start: str):
    rows = [ln for ln in page.rows if ln.text.split()[:1] == [start]]
    assert len(rows) == 1, [ln.text for ln in page.rows]
    return rows[0]


def test_image_page_is_reported_not_read_as_empty(moi_to_74):
    # moi-114-proposed.pdf page 1: the yellow cover, a scanned image with no text layer.
    page = moi_to_74.page(1)
    assert not page.has_text
    assert page.note == "page 1: no text layer (image only)"
    assert [ln.text for ln in page.lines] == ["=== page 1: no text layer (image only) ==="]
    assert "page 1: no text layer (image only)" in moi_to_74.notes


def test_table_row_in_reading_order(moi_to_74):
    # moi-114-proposed.pdf page 74, 歲出計畫提要及分支計畫概況表 for 3708010100 一般行政: the row
    # of 01 人員維持 reads 1,640,215 under 金額, 人事處、國土測繪 under 承辦單位 and the first
    # line of 說明 beside it; 1015 法定編制人員待遇 reads 814,959 and its line of 說明.
    page = moi_to_74.page(74)
    assert _row(page, "01").text.split() == [
        "01", "人員維持", "1,640,215", "人事處、國土測繪", "人事費含職員942人(含奉祀官1人)，駐警9人，"]
    assert _row(page, "1015").text.split() == [
        "1015", "法定編制人員待遇", "814,959", "終工作獎金及退休人員年終慰問金，休假補助，"]
    # the figures of the object lines, top to bottom as printed
    amounts = [_row(page, code).text.split()[2] for code in ("1010", "1015", "1020", "1025")]
    assert amounts == ["7,194", "814,959", "93,190", "157,889"]


def _display_width(text: str) -> int:
    """Terminal columns: a CJK (wide or full-width) character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_columns_stay_aligned(moi_to_74):
    # page 74: the amounts are right-aligned in one column, so as printed (a CJK character two
    # terminal columns wide) their last digits line up under each other.
    page = moi_to_74.page(74)
    ends = {_display_width(_row(page, code).text.split(amount)[0] + amount)
            for code, amount in [("1010", "7,194"), ("1015", "814,959"), ("1030", "245,323"),
                                 ("2081", "24")]}
    assert len(ends) == 1


def test_figure_box_lies_where_the_page_shows_it(moi_to_74):
    # page 74: 814,959 (1015 法定編制人員待遇) is printed at x 238-274, y 220-229.5 (cropped from
    # the page rendered at scale 2: the box holds exactly the seven characters).
    line = _row(moi_to_74.page(74), "1015")
    start = line.text.index("814,959")
    box = moi_to_74.box(line.no, start, start + len("814,959"))
    assert box is not None and box.page == 74
    assert box.x0 == pytest.approx(238, abs=1.5)
    assert box.x1 == pytest.approx(274, abs=1.5)
    assert box.top == pytest.approx(220, abs=1.5)
    assert box.bottom == pytest.approx(229.5, abs=1.5)
    assert str(box).count(",") == 3
    # a span of spaces has no box
    assert line.box(start - 3, start) is None


def test_line_numbers_count_header_lines_across_the_book(moi_to_74):
    lines = moi_to_74.lines
    assert [ln.no for ln in lines] == list(range(1, len(lines) + 1))
    for page in moi_to_74.pages:
        assert page.lines[0].kind == "header" and page.lines[0].page == page.number
        assert page.lines[0].text.startswith(f"=== page {page.number}")
    assert moi_to_74.document().line(lines[-1].no).text.strip() == lines[-1].text.strip()


def test_margin_labels_are_set_apart(taichung):
    # taichung-115.pdf page 20 (歲出計畫說明提要與各項費用明細表): both margins print
    # 一般行政｜行政管理 one character per line, beside the rows 2072 國內旅費 and 年 1 65,000.
    page = taichung.page(20)
    assert [ln.text for ln in page.margin_labels] == ["[left margin] 一般行政｜行政管理",
                                                      "[right margin] 一般行政｜行政管理"]
    assert page.lines[-2:] == page.margin_labels  # after the page's rows
    assert [ln.text.split() for ln in page.rows if ln.text.split()[0] == "2072"] == [
        ["2072", "國內旅費", "10,000"], ["2072", "國內旅費", "50,000"]]
    first_detail = next(ln for ln in page.rows if ln.text.split()[0] == "年")
    assert first_detail.text.split() == ["年", "1", "65,000", "65,000", "印製單位預算書、帳冊、傳"]
    for line in page.rows:
        assert "管" not in line.text and "｜" not in line.text
    left = page.margin_labels[0].box()  # down the left edge, x 27-41, y 102-217
    assert left.x1 < 45 and left.bottom - left.top > 100


def test_vertical_text_inside_a_page_is_no_margin_label():
    # moi-114-proposed.pdf page 11, the organisation chart: 法制處 and 替代役訓練及管理中心 are
    # written one character per line in boxes well inside the page, not in its margin.
    book = read_pdf(MOI, last_page=11)
    assert book.page(11).margin_labels == []


def test_kaohsiung_fonts_decode(kaohsiung):
    # kaohsiung-115.pdf page 10 (歲出機關別預算表): 32020110100 一般行政 with 94,876 96,004
    # 93,100 -1,128, the name on the line below; 說明 begins 本年度預算數之內容與上年度之比.
    page = kaohsiung.page(10)
    [row] = [ln for ln in page.rows if "32020110100" in ln.text.split()]
    assert row.text.split() == ["01", "32020110100", "94,876", "96,004", "93,100", "-1,128"]
    assert any(ln.text.split() == ["一般行政"] for ln in page.rows)
    assert any("本年度預算數之內容與上年度之比" in ln.text for ln in page.rows)


def test_cli_text_is_the_numbered_text(kaohsiung):
    result = runner.invoke(app, ["text", str(KAOHSIUNG)])
    assert result.exit_code == 0, result.output
    printed = result.stdout.splitlines()
    assert printed == [ln.text for ln in kaohsiung.lines]
    result = runner.invoke(app, ["text", str(KAOHSIUNG), "--pages", "10", "--numbers"])
    assert result.exit_code == 0
    numbered = [line.split(": ", 1) for line in result.stdout.splitlines()]
    assert [(int(no), text) for no, text in numbered] == [
        (ln.no, ln.text) for ln in kaohsiung.page(10).lines]


def test_cli_reports_a_page_without_text(kaohsiung):
    # kaohsiung-115.pdf page 2 is an empty back page.
    result = runner.invoke(app, ["text", str(KAOHSIUNG), "--pages", "2"])
    assert result.exit_code == 0
    assert "page 2: no text layer (blank)" in result.output


def _minimal_pdf(*, encrypted: bool) -> bytes:
    """A one-page PDF without text; `encrypted` adds a standard security handler whose user
    password is not empty (its /U matches no password), so it cannot be opened without one."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    if encrypted:
        objs.append(b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <" + b"11" * 32
                    + b"> /U <" + b"22" * 32 + b"> >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    extra = (b" /Encrypt 4 0 R /ID [<" + b"ab" * 16 + b"><" + b"ab" * 16 + b">]") if encrypted else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, extra, xref)
    return bytes(out)


def test_bad_pdfs_give_one_message_and_exit_2(tmp_path):
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(KAOHSIUNG.read_bytes()[:300_000])
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"this is no PDF at all\n" * 50)
    encrypted = tmp_path / "encrypted.pdf"
    encrypted.write_bytes(_minimal_pdf(encrypted=True))
    scanned = tmp_path / "scanned.pdf"
    scanned.write_bytes(_minimal_pdf(encrypted=False))
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    cases = [(truncated, "damaged PDF"), (garbage, "not a PDF"), (encrypted, "needs a password"),
             (scanned, "no text layer on any"), (empty, "empty file"),
             (tmp_path / "missing.pdf", "no such file")]
    for path, expected in cases:
        result = runner.invoke(app, ["text", str(path)])
        assert result.exit_code == 2, (path, result.output)
        assert expected in result.output and str(path) in result.output, result.output
        assert "Traceback" not in result.output
        with pytest.raises(ReadError, match=expected):
            read_pdf(path)


def test_bad_page_range_is_a_usage_error():
    result = runner.invoke(app, ["text", str(KAOHSIUNG), "--pages", "9-3"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["text", str(KAOHSIUNG), "--pages", "99"])
    assert result.exit_code == 2 and "34 page(s)" in result.output


def test_boxes_follow_the_page_rotation(tmp_path):
    # kaohsiung-115.pdf page 10 prints 94,876 (32020110100 一般行政, 本年度預算數) at x 232-260,
    # y 216.5-227. The same page turned 90° clockwise (/Rotate 90), rendered and cropped to
    # the box below, shows that figure turned on its side inside it.
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(KAOHSIUNG)
    rotated = pdfium.PdfDocument.new()
    rotated.import_pages(src, [9])
    rotated[0].set_rotation(90)
    path = tmp_path / "rotated.pdf"
    rotated.save(path)
    for book, number, (x0, top, x1, bottom) in [
            (read_pdf(KAOHSIUNG, last_page=10), 10, (232.4, 216.5, 259.6, 226.8)),
            (read_pdf(path), 1, (615.1, 232.4, 625.4, 259.6))]:
        inside = sorted(c for line in book.page(number).rows for _, c, box in line.chars()
                        if box.x0 > x0 - 1 and box.x1 < x1 + 1 and box.top > top - 1
                        and box.bottom < bottom + 1)
        assert inside == sorted("94,876"), (number, inside)
    assert read_pdf(path).page(1).rotation == 90
