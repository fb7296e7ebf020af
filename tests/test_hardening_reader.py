"""Issue 12, the reader and CLI half: a worse copy never replaces a stored book unasked (4), an
incomplete book says so (5), the reader is linear and one file is one book (6), only regular
files of a bounded size are read (7)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

import budgetbook
from budgetbook.cli import app
from budgetbook.errors import ReadError

runner = CliRunner()
BOOK = "2675-2022-enacted"
TRUNCATED_BYTES = 58_514  # the probe's cut: 13 sections missing, the id still readable


def _cut(seed_path: Path, tmp_path: Path, size: int, name: str = "cut.txt") -> Path:
    p = tmp_path / name
    p.write_bytes(seed_path.read_bytes()[:size])
    return p


def _stored(db: str) -> dict[str, int]:
    from budgetbook.store.db import engine_for
    from budgetbook.store.schema import audit_checks, books
    from budgetbook.store.sourcetext import counts

    eng = engine_for(db, must_exist=True)
    with eng.connect() as conn:
        lines = counts(conn, [BOOK])[BOOK]
        total = conn.execute(select(books.c.audit_total).where(books.c.id == BOOK)).scalar_one()
        incomplete = conn.execute(select(func.count()).select_from(audit_checks).where(
            audit_checks.c.book_id == BOOK, audit_checks.c.rule == "book.incomplete",
            audit_checks.c.status == "fail")).scalar_one()
    eng.dispose()
    return {"source_lines": lines, "audit_total": total, "incomplete": incomplete}


# --- 4. ingest never makes the database worse without being told ----------------------------


def test_ingest_refuses_a_truncated_copy_over_the_complete_book(tmp_path, seed_path):
    db = f"sqlite:///{tmp_path / 'b.sqlite'}"
    assert runner.invoke(app, ["ingest", str(seed_path), "--db", db, "--jobs", "1"]).exit_code == 0
    before = _stored(db)
    assert before["source_lines"] == seed_path.read_text(encoding="utf-8").count("\n") + 1
    cut = _cut(seed_path, tmp_path, TRUNCATED_BYTES)

    result = runner.invoke(app, ["ingest", str(cut), "--db", db, "--jobs", "1"])
    assert result.exit_code == 1, result.output
    out = result.output
    assert "refused" in out and BOOK in out and str(cut) in out and "--replace" in out
    assert f"{before['source_lines']:,}" in out  # the source lines it would lose, old → new
    assert "各項費用彙計表" in out  # a section it would lose, by its title
    assert "Traceback" not in out
    assert _stored(db) == before  # nothing changed

    result = runner.invoke(app, ["ingest", str(cut), "--db", db, "--replace", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "replaced" in result.output
    after = _stored(db)
    assert after["source_lines"] < before["source_lines"] and after["incomplete"] == 1


def test_ingest_of_the_same_book_again_is_no_loss(tmp_path, seed_path):
    db = f"sqlite:///{tmp_path / 'b.sqlite'}"
    assert runner.invoke(app, ["ingest", str(seed_path), "--db", db, "--jobs", "1"]).exit_code == 0
    result = runner.invoke(app, ["ingest", str(seed_path), "--db", db, "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "replaced" in result.output and "refused" not in result.output


def test_ingest_warns_of_missing_sections_as_show_does(tmp_path, seed_path):
    db = f"sqlite:///{tmp_path / 'b.sqlite'}"
    cut = _cut(seed_path, tmp_path, TRUNCATED_BYTES)
    shown = runner.invoke(app, ["show", str(cut)])
    warned = {ln.split("warning: ", 1)[1].strip() for ln in shown.output.splitlines()
              if "not found in the book" in ln}
    assert len(warned) >= 10
    result = runner.invoke(app, ["ingest", str(cut), "--db", db, "--jobs", "1"])
    assert result.exit_code == 0, result.output
    for message in warned:
        assert f"warning: {cut}: {message}" in result.output


def test_guard_names_every_loss():
    from budgetbook.store.guard import Counts, losses

    old = Counts(resources={"work-plans": 4, "cost-summary": 40}, source_lines=100,
                 audit_failed=0, audit_total=50)
    same = losses(old, old)
    assert same == []
    worse = losses(old, Counts(resources={"work-plans": 3}, source_lines=60, audit_failed=1,
                               audit_total=20))
    text = "\n".join(worse)
    assert "cost-summary" in text and "44 → 3" in text and "100 → 60" in text
    assert "audit" in text and "0 → 1" in text
    better = Counts(resources={"work-plans": 4, "cost-summary": 41}, source_lines=100,
                    audit_failed=0, audit_total=51)
    assert losses(old, better) == []


# --- 5. an incomplete book says so -----------------------------------------------------------


def test_audit_of_a_book_cut_to_a_fifth_fails_as_incomplete(tmp_path, seed_path):
    cut = _cut(seed_path, tmp_path, seed_path.stat().st_size // 5)
    result = runner.invoke(app, ["audit", str(cut), "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    incomplete = [c for c in report["checks"] if c["rule"] == "book.incomplete"]
    assert len(incomplete) == 1 and incomplete[0]["status"] == "fail"
    assert "agency" in incomplete[0]["description"]  # what it could not tell
    assert "各項費用彙計表" in incomplete[0]["description"]  # a section it lacks

    text = runner.invoke(app, ["audit", str(cut)])
    assert text.exit_code == 1 and "incomplete book" in text.output


def test_show_of_an_incomplete_book_says_so(tmp_path, seed_path):
    cut = _cut(seed_path, tmp_path, seed_path.stat().st_size // 5)
    result = runner.invoke(app, ["show", str(cut)])
    assert result.exit_code == 0, result.output
    assert "id None" not in result.output
    assert "incomplete book" in result.output
    whole = runner.invoke(app, ["show", str(seed_path)])
    assert "incomplete" not in whole.output


def test_skipped_checks_have_no_unfilled_placeholders(tmp_path, seed_path):
    cut = _cut(seed_path, tmp_path, seed_path.stat().st_size // 5)
    report = json.loads(runner.invoke(app, ["audit", str(cut), "--format", "json"]).output)
    skipped = [c for c in report["checks"] if c["status"] == "skip"]
    assert len(skipped) > 100
    left = [c["description"] for c in skipped if re.search(r"\{\w+\}", c["description"])]
    assert left == []
    assert all(c["description"].strip() for c in skipped)


def test_a_file_cut_inside_a_character_is_read_as_far_as_it_goes(tmp_path, seed_path):
    data = seed_path.read_bytes()
    # a cut one byte into a three-byte character, past the opening sections
    at = next(i for i in range(len(data) // 2, len(data)) if data[i] >= 0xE0) + 1
    p = tmp_path / "cut.txt"
    p.write_bytes(data[:at])
    book = budgetbook.read(p)
    assert book.id == BOOK and book.work_plans
    last = data[:at].count(b"\n") + 1
    cut = [f for f in book.findings if f.line == last and "inside a character" in f.message]
    assert len(cut) == 1 and cut[0].kind == "unparsed"
    result = runner.invoke(app, ["audit", str(p), "--format", "json"])
    assert result.exit_code == 1
    rules = {c["rule"] for c in json.loads(result.output)["checks"] if c["status"] == "fail"}
    assert "book.incomplete" in rules


def test_a_big5_file_cut_inside_a_character_is_read_too(tmp_path, seed_text):
    data = seed_text.encode("cp950", errors="replace")
    at = next(i for i in range(len(data) // 2, len(data)) if data[i] >= 0x81) + 1
    p = tmp_path / "big5-cut.txt"
    p.write_bytes(data[:at])
    book = budgetbook.read(p)
    assert book.encoding == "cp950" and book.id == BOOK
    assert [f.line for f in book.findings if "inside a character" in f.message] == [
        data[:at].count(b"\n") + 1]


def test_undecodable_bytes_inside_the_text_are_still_refused(tmp_path, seed_path):
    data = seed_path.read_bytes()
    p = tmp_path / "bad.txt"
    p.write_bytes(data[:1000] + b"\xff\xfe\x80" + data[1000:])
    with pytest.raises(ReadError, match="cannot decode"):
        budgetbook.read(p)


def test_incomplete_book_is_stored_with_its_failed_check(tmp_path, seed_path):
    db = f"sqlite:///{tmp_path / 'b.sqlite'}"
    cut = _cut(seed_path, tmp_path, TRUNCATED_BYTES)
    assert runner.invoke(app, ["ingest", str(cut), "--db", db, "--jobs", "1"]).exit_code == 0
    from fastapi.testclient import TestClient

    from budgetbook.api.app import create_app
    from budgetbook.store.db import engine_for

    client = TestClient(create_app(engine_for(db)))
    r = client.get(f"/api/books/{BOOK}/audit", params={"status": "fail"})
    assert r.status_code == 200, r.text
    assert "book.incomplete" in r.text


# --- 6. one file, one book; the reader linear in its input -----------------------------------


def test_a_file_holding_the_book_twice_is_refused(tmp_path, seed_path):
    text = seed_path.read_text(encoding="utf-8")
    p = tmp_path / "twice.txt"
    p.write_text(text + text, encoding="utf-8")
    second = text.count("\n") + 1  # the second copy's first line
    result = runner.invoke(app, ["show", str(p)])
    assert result.exit_code == 2, result.output
    assert f"{p}:{second}" in result.output and "second book" in result.output
    assert "Traceback" not in result.output
    with pytest.raises(ReadError) as info:
        budgetbook.read(p)
    assert info.value.line == second


def test_a_section_printed_in_two_places_is_still_one_book(tmp_path, seed_text, seed_book):
    from budgetbook.sections import find_sections
    from budgetbook.text import from_text

    # the 委辦經費分析表's second half moved to the end of the book: one section, two places
    lines = seed_text.split("\n")
    a, b = find_sections(from_text(seed_text))["commissioned"].spans[0]
    mid = next(i for i in range((a + b) // 2, b) if lines[i - 1].strip().startswith("中華民國"))
    moved = lines[mid - 3 : b - 1]  # from the page's agency line
    text = "\n".join(lines[: mid - 3] + lines[b - 1 :] + moved)
    p = tmp_path / "two-places.txt"
    p.write_text(text, encoding="utf-8")
    assert len(find_sections(from_text(text))["commissioned"].spans) == 2
    book = budgetbook.read(p)
    assert book.id == seed_book.id
    assert [w.amount for w in book.work_plans] == [w.amount for w in seed_book.work_plans]


def grown(text: str, n: int) -> str:
    """The book with every section printed n times over (its rows repeated): one book, n times
    the rows (bench/bench_scaling.py measures the same input)."""
    from budgetbook.sections import find_sections
    from budgetbook.text import from_text

    lines = text.split("\n")
    spans = sorted(sp for s in find_sections(from_text(text)).values() for sp in s.spans)
    out = lines[: spans[0][0] - 1]
    for a, b in spans:
        out.extend(lines[a - 1 : b - 1] * n)
    return "\n".join(out)


def test_audit_joins_look_rows_up_instead_of_scanning(monkeypatch):
    """Counted, not timed: how many rows a rule's join by code (`$.rows[code={code}]`, once per
    row of the table) looks at, for a table of n and of 4n rows. A scan per row grows 16×."""
    from types import SimpleNamespace

    from budgetbook.audit import paths
    from budgetbook.audit.engine import AuditRoot

    seen = [0]
    real = paths._matches

    def counting(*args):
        seen[0] += 1
        return real(*args)

    monkeypatch.setattr(paths, "_matches", counting)
    work = []
    for n in (300, 1200):
        rows = [SimpleNamespace(code=f"{i:04d}", level=i % 2, amount=i) for i in range(n)]
        root = AuditRoot(SimpleNamespace(rows=rows))
        seen[0] = 0
        for i, row in enumerate(rows):
            found = list(paths.evaluate(root, row, f"rows[{i}]", "$.rows[code={code},level=1]"
                                                                 ".amount"))
            assert found == ([(f"rows[{i}].amount", i)] if i % 2 else [])
        work.append(seen[0])
    assert work[1] <= 5 * work[0], work


# --- 7. only regular files, of a bounded size -----------------------------------------------


def test_a_device_is_not_read():
    result = runner.invoke(app, ["show", "/dev/zero"])
    assert result.exit_code == 2, result.output
    assert "/dev/zero" in result.output and "not a regular file" in result.output


@pytest.mark.slow  # five runs of the command in processes of their own
def test_a_fifo_without_a_writer_does_not_block(tmp_path):
    fifo = tmp_path / "book.txt"
    os.mkfifo(fifo)
    exe = Path(sys.executable).parent / "budgetbook"
    for command in (["show"], ["audit"], ["export", "-f", "json", "-o", str(tmp_path / "o.json")],
                    ["ingest", "--db", f"sqlite:///{tmp_path / 'b.sqlite'}"]):
        proc = subprocess.run([str(exe), *command, str(fifo)], capture_output=True, text=True,
                              timeout=60)
        assert proc.returncode == 2, (command, proc.stderr)
        assert "not a regular file" in proc.stderr and str(fifo) in proc.stderr
        assert "<input>" not in proc.stderr  # the file named once, as the message's place
    csv = tmp_path / "tw2022ab.csv"  # an open-data file, audited on its own
    os.mkfifo(csv)
    proc = subprocess.run([str(exe), "audit", str(csv)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2 and "not a regular file" in proc.stderr, proc.stderr


def test_a_text_above_the_cap_exits_2_before_reading(tmp_path, seed_path, monkeypatch):
    monkeypatch.setenv("BUDGETBOOK_MAX_TEXT_MB", "0.1")
    result = runner.invoke(app, ["show", str(seed_path)])
    assert result.exit_code == 2, result.output
    assert "BUDGETBOOK_MAX_TEXT_MB" in result.output and str(seed_path) in result.output
    monkeypatch.setenv("BUDGETBOOK_MAX_TEXT_MB", "1")
    assert runner.invoke(app, ["show", str(seed_path)]).exit_code == 0


def test_a_pdf_above_the_cap_exits_2_before_reading(tmp_path, monkeypatch):
    p = tmp_path / "big.pdf"
    p.write_bytes(b"%PDF-1.7\n" + b"0" * 20_000)  # not a valid PDF: the cap is checked first
    monkeypatch.setenv("BUDGETBOOK_MAX_PDF_MB", "0.01")
    for command in (["show", str(p)], ["text", str(p)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, result.output
        assert "BUDGETBOOK_MAX_PDF_MB" in result.output and str(p) in result.output


def test_a_bad_cap_setting_is_one_message(seed_path, monkeypatch):
    monkeypatch.setenv("BUDGETBOOK_MAX_TEXT_MB", "lots")
    result = runner.invoke(app, ["show", str(seed_path)])
    assert result.exit_code == 2 and "BUDGETBOOK_MAX_TEXT_MB" in result.output


# --- crashes the fuzzing found (tests/test_fuzz_reader.py) ------------------------------------

def _mangled(tmp_path, seed_text, where, old, new):
    """The seed book read with `old` replaced by `new` in the first line `where` holds, and
    that line's index."""
    lines = seed_text.split("\n")
    at = next(i for i, ln in enumerate(lines) if where(ln))
    lines[at] = lines[at].replace(old, new)
    p = tmp_path / "mangled.txt"
    p.write_text("\n".join(lines), encoding="utf-8")
    return budgetbook.read(p), at


def test_an_item_amount_the_grammar_refuses_is_a_finding(tmp_path, seed_text):
    """Found by the fuzzing: a 歲入項目說明提要表 page head printing `,00` for its amount (the
    name-amount pattern took `00`, which the number grammar refuses) failed the whole ledgers
    reader; now that page's amount is reported and every other table still read."""
    book, at = _mangled(tmp_path, seed_text, lambda ln: ln.rstrip().endswith(" 100 承辦單位"),
                        " 100 承辦單位", " ,00 承辦單位")
    assert not [f for f in book.findings if "failed:" in f.message]
    bad = [f for f in book.findings if "'00' is not an amount" in f.message]
    assert len(bad) == 1 and bad[0].line == at + 1
    assert book.revenue and book.expenditure_by_agency  # the ledgers were read


def test_an_object_line_figure_the_grammar_refuses_is_a_finding(tmp_path, seed_text):
    """Found by the fuzzing: an object line of the 概況表 printing `055` (its code glued to a
    figure with a leading zero) failed the whole plans reader; now the line is reported."""
    book, at = _mangled(tmp_path, seed_text, lambda ln: ln.strip() == "2078 55     國外旅費",
                        "2078 55", "2078055")
    assert not [f for f in book.findings if "failed:" in f.message]
    bad = [f for f in book.findings if "'055' is not an amount" in f.message]
    assert len(bad) == 1 and bad[0].line == at + 1
    assert len(book.work_plans) == 4 and all(w.sub_plans for w in book.work_plans)
