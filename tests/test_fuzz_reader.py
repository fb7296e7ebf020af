"""Fuzzing the reader with random mutations of the seed book: lines cut, duplicated and swapped,
bytes flipped. Whatever the mutation, the reader either reads a book (that `show` summarises
and the audit checks) or says what is wrong in one message naming the file, exit code 2: never
an unhandled exception, and no section reader failing inside (an `unparsed` finding saying a
reader failed is a crash caught, not a reading)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import budgetbook
from budgetbook.cli import app
from budgetbook.errors import BudgetBookError

pytestmark = pytest.mark.slow  # 80 reads of the seed book with its audit: 30 to 60 s

runner = CliRunner()
FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def line_edits(draw, n_lines: int):
    """A few edits of whole lines: (kind, start, length, other start)."""
    edits = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cut", "duplicate", "swap"]))
        start = draw(st.integers(0, n_lines - 1))
        length = draw(st.integers(1, 400))
        other = draw(st.integers(0, n_lines - 1))
        edits.append((kind, start, length, other))
    return edits


def apply_edits(lines: list[bytes], edits) -> list[bytes]:
    out = list(lines)
    for kind, start, length, other in edits:
        start = min(start, len(out) - 1)
        end = min(len(out), start + length)
        chunk = out[start:end]
        if kind == "cut":
            del out[start:end]
        elif kind == "duplicate":
            out[end:end] = chunk
        else:  # moved to before another line, as a swap of two places in the book
            del out[start:end]
            at = min(other, len(out))
            out[at:at] = chunk
        if not out:
            out = [b""]
    return out


def check(data: bytes) -> None:
    """Read the bytes as a book file: a Book, or a BudgetBookError naming the file."""
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "mutant.txt"
        p.write_bytes(data)
        try:
            book = budgetbook.read(p)
        except BudgetBookError as exc:
            assert str(p) in exc.describe() and exc.message
            return
        crashed = [f.message for f in book.findings if "failed:" in f.message]
        assert not crashed, crashed
        from budgetbook.audit import audit
        from budgetbook.summary import summarize

        summarize(book)
        audit(book)


@FUZZ
@given(data=st.data())
def test_lines_cut_duplicated_and_swapped(seed_path, data):
    lines = seed_path.read_bytes().split(b"\n")
    edits = data.draw(line_edits(len(lines)))
    check(b"\n".join(apply_edits(lines, edits)))


ASCII = b"0123456789,-. \n:()"  # what figures, codes and line breaks are made of


@FUZZ
@given(data=st.data())
def test_bytes_flipped(seed_path, data):
    """Bytes of figures and line breaks changed (the text stays UTF-8, so the reader reads it),
    and sometimes one bit flipped anywhere (mostly refused: no longer UTF-8 or Big5)."""
    raw = bytearray(seed_path.read_bytes())
    for _ in range(data.draw(st.integers(1, 40))):
        at = data.draw(st.integers(0, len(raw) - 1))
        while raw[at] >= 0x80:  # the next ASCII byte: a character's bytes stay whole
            at = (at + 1) % len(raw)
        raw[at] = data.draw(st.sampled_from(ASCII))
    if data.draw(st.booleans()):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] ^= 1 << data.draw(st.integers(0, 7))
    check(bytes(raw))


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_show_of_a_mutant_reads_or_exits_2(seed_path, tmp_path, data):
    """Through the command: exit 0 (read) or 2 (one message naming the file), never 3 (an
    internal error) or a traceback."""
    lines = seed_path.read_bytes().split(b"\n")
    mutant = bytearray(b"\n".join(apply_edits(lines, data.draw(line_edits(len(lines))))))
    if data.draw(st.booleans()):
        at = data.draw(st.integers(0, len(mutant) - 1))
        mutant[at] ^= 1 << data.draw(st.integers(0, 7))
    p = tmp_path / "mutant.txt"
    p.write_bytes(bytes(mutant))
    result = runner.invoke(app, ["show", str(p)])
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code == 2:
        assert str(p) in result.output and "error:" in result.output
    assert "Traceback" not in result.output

