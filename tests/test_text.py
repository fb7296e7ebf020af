"""Loading text and rejecting what is not a budget book: one clear error, never a traceback."""

import pytest

import budgetbook
from budgetbook.errors import ReadError
from budgetbook.text import load, normalize


def test_normalize_folds_variants_but_keeps_fullwidth_punctuation():
    assert normalize("亞洲．矽谷") == normalize("亞洲‧矽谷") == normalize("亞洲·矽谷")
    assert normalize("一０五") == "一0五"
    assert normalize("\uf98e\ufa01") == "年度"
    assert normalize("1,978千元，包括") == "1,978千元，包括"


def test_big5_file_is_detected_and_decoded(tmp_path, seed_text):
    p = tmp_path / "big5.txt"
    p.write_bytes(seed_text.encode("cp950", errors="replace"))
    doc = load(p)
    assert doc.encoding == "cp950"
    assert doc.lines[2].key == "預算總說明"


def test_big5_book_reads_like_utf8(tmp_path, seed_text, seed_book):
    p = tmp_path / "big5.txt"
    p.write_bytes(seed_text.encode("cp950", errors="replace"))
    book = budgetbook.read(p)
    assert book.agency_code == seed_book.agency_code
    assert book.roc_year == seed_book.roc_year


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.write_bytes(b""), "empty file"),
        (lambda p: p.write_bytes(b"\n \n"), "empty file"),
        (lambda p: p.write_bytes(b"\x00\x01\x02binary"), "binary file"),
        (lambda p: p.write_text("hello\nworld\n"), "no section of a unit budget book"),
        (lambda p: p.mkdir(), "is a directory"),
    ],
)
def test_bad_input_is_one_read_error(tmp_path, make, expected):
    p = tmp_path / "input.txt"
    make(p)
    with pytest.raises(ReadError) as info:
        budgetbook.read(p)
    assert expected in info.value.message
    assert str(p) in info.value.describe()


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        budgetbook.read(tmp_path / "nope.txt")


def test_undecodable_bytes_name_the_line(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes("預算總說明\n".encode() + b"ok\n\xff\xfe\xfd\x80\x81\n")
    with pytest.raises(ReadError) as info:
        budgetbook.read(p)
    assert info.value.line == 3


def test_truncated_book_reads_as_far_as_it_goes(tmp_path, seed_text):
    lines = seed_text.split("\n")
    cut = next(i for i, ln in enumerate(lines) if ln.strip() == "各項費用彙計表")
    p = tmp_path / "truncated.txt"
    p.write_text("\n".join(lines[:cut]), encoding="utf-8")
    book = budgetbook.read(p)
    missing = {f.table for f in book.findings if f.kind == "missing_section"}
    assert {"cost_summary", "commissioned", "resolutions"} <= missing
    assert "plans" not in missing and "revenue" not in missing
    assert book.agency_code == "2675"
