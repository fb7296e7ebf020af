"""The open-data reader (readers/twbudget.py), its file checks, `budgetbook ingest` and
`budgetbook audit FILE.csv` on the real central-government files (2006–2025).

Expected figures are computed here from the CSV with the plain csv module, independently of the
reader: rows per file, Σ amount / 1000 per file and per agency, number of agencies."""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from budgetbook.cli import app
from budgetbook.errors import ReadError
from budgetbook.readers.twbudget import file_flags, read_file
from budgetbook.store.db import engine_for
from budgetbook.store.queries import list_books
from budgetbook.store.schema import books, resource_tables

runner = CliRunner()
WORK_PLANS = resource_tables["work-plans"]
CODE = re.compile(r"^[0-9A-Z]{10}$")
SMEA = "2675"


@dataclass
class Expected:
    """A file as the plain csv module sees it (amounts in NTD)."""

    year: int
    phase: str
    rows: int = 0
    total_ntd: int = 0
    agencies: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # code → NTD
    agency_rows: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    malformed: list[tuple[str, int]] = field(default_factory=list)  # (code, NTD)


def expected_of(path: Path) -> Expected:
    with path.open(encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    e = Expected(int(records[0]["year"]), path.parent.name)
    for r in records:
        amount = int(r["amount"])
        assert int(r["year"]) == e.year
        e.rows += 1
        e.total_ntd += amount
        if CODE.match(r["code"]):
            e.agencies[r["code"][2:6]] += amount
            e.agency_rows[r["code"][2:6]] += 1
        else:
            e.malformed.append((r["code"], amount))
    return e


def squash(text: str) -> str:
    """Output with Rich's line wrapping undone."""
    return " ".join(text.split())


@pytest.fixture(scope="session")
def csv_paths(twbudget_dir) -> list[Path]:
    paths = sorted(twbudget_dir.glob("*/*.csv"))
    assert len(paths) == 33
    return paths


@pytest.fixture(scope="session")
def expected(csv_paths) -> dict[tuple[int, str], Expected]:
    out = {}
    for p in csv_paths:
        e = expected_of(p)
        out[(e.year, e.phase)] = e
    return out


@pytest.fixture(scope="session")
def read_files(csv_paths):
    return {(f.year, f.phase): f for f in map(read_file, csv_paths)}


# --- the reader on the real files -------------------------------------------------------------

def test_every_year_and_phase_is_there(expected):
    assert sorted(y for y, ph in expected if ph == "proposed") == list(range(2006, 2026))
    assert sorted(y for y, ph in expected if ph == "enacted") == list(range(2007, 2020))
    assert all(e.total_ntd % 1000 == 0 for e in expected.values())  # whole thousands


def test_reader_rows_totals_and_books_per_file(expected, read_files):
    for key, e in expected.items():
        f = read_files[key]
        assert (f.year, f.phase) == key
        assert len(f.rows) == e.rows, key
        assert f.total_thousands * 1000 == e.total_ntd, key
        assert len(f.books) == len(e.agencies), key
        for b in f.books:
            assert (b.fiscal_year, b.phase) == key
            assert b.id == f"{b.agency_code}-{key[0]}-{key[1]}"
            assert sum(w.amount for w in b.work_plans) * 1000 == e.agencies[b.agency_code], b.id
            assert len(b.work_plans) == e.agency_rows[b.agency_code], b.id
            assert not b.findings, b.id  # every published amount is whole thousands


def test_reader_keeps_source_lines_names_and_notes(read_files):
    f = read_files[(2022, "proposed")]
    smea = next(b for b in f.books if b.agency_code == SMEA)
    assert (smea.agency_name, smea.parent_name, smea.roc_year) == ("中小企業處", "經濟部主管", 111)
    plans = {w.code: w for w in smea.work_plans}
    assert plans["5226752000"].amount == 2080509 and plans["5226752000"].name == "中小企業科技應用"
    for w in smea.work_plans:  # the source line is the CSV record's first line
        assert f.lines[w.line - 1].startswith(f"2022,{w.code},"), w.code
    ledger = {r.code: r for r in smea.expenditure_by_agency}
    assert ledger["0026750000"].amount == sum(plans[c].amount for c in plans)  # the agency
    assert ledger["5226750000"].name == "科學支出"  # 政事別 from the `cat` column
    assert ledger["5226752000"].description is not None  # 說明 (the note column)
    assert "千元" in ledger["5226752000"].description.text


def test_bundles_hold_the_tables_of_the_books(read_files):
    """The store's bundles of a file are made without the row models (ingest speed); every
    table of every book, every file, equals what the agency's Book flattens to."""
    from budgetbook.export.tabular import tables
    from budgetbook.store.ingest import file_bundles

    books = 0
    for f in read_files.values():
        bundles = file_bundles(f, {})
        assert [b.id for b in bundles] == [b.id for b in f.books]
        for bundle, book in zip(bundles, f.books, strict=True):
            made = {t.resource.name: (t.resource.title, t.columns, t.rows) for t in tables(book)}
            assert bundle.tables == made, book.id
            assert bundle.meta["expenditure_total"] == sum(w.amount for w in book.work_plans)
            books += 1
    assert books > 7000


def test_the_2018_proposal_is_flagged_incomplete_and_no_other_file(read_files):
    flags = file_flags(list(read_files.values()))
    incomplete = {key for key, f in read_files.items()
                  if any("incomplete" in s for s in flags[f.path].get(None, []))}
    assert incomplete == {(2018, "proposed")}
    sentences = flags[read_files[(2018, "proposed")].path][None]
    assert any("611 rows" in s for s in sentences)
    assert not any("unusually large" in s for fl in flags.values() for ss in fl.values()
                   for s in ss)


def test_malformed_codes_of_2007_are_flagged_and_left_out(expected, read_files):
    flags = file_flags(list(read_files.values()))
    for phase in ("proposed", "enacted"):
        e, f = expected[(2007, phase)], read_files[(2007, phase)]
        assert sorted(c for c, _ in e.malformed) == ["31770013100", "31790018900"]
        whole = flags[f.path][None]
        for code, _ in e.malformed:
            assert any(code in s and "left out" in s for s in whole), whole
            assert not any(w.code == code for b in f.books for w in b.work_plans)
        in_books = sum(w.amount for b in f.books for w in b.work_plans) * 1000
        assert in_books == e.total_ntd - sum(a for _, a in e.malformed)
    # every other file: every code is a 科目 code (the classified 機密預算 codes carry a letter
    # and are kept, not flagged)
    for key, e in expected.items():
        if key[0] != 2007:
            assert e.malformed == [], key
    letter = read_files[(2022, "proposed")]
    assert any(w.code == "391101A000" for b in letter.books for w in b.work_plans)
    assert not flags[letter.path]


# --- the store: all 33 files and the seed ------------------------------------------------------

def csv_books(engine) -> list[dict]:
    return [b for b in list_books(engine) if (b["source_name"] or "").endswith(".csv")]


def test_store_holds_every_file(twbudget_engine, expected):
    stored = csv_books(twbudget_engine)
    per_file: dict[tuple[int, str], list[dict]] = defaultdict(list)
    for b in stored:
        per_file[(b["fiscal_year"], b["phase"])].append(b)
    assert set(per_file) == set(expected)
    with twbudget_engine.connect() as conn:
        q = (select(books.c.fiscal_year, books.c.phase, func.count(), func.sum(WORK_PLANS.c.amount))
             .join_from(WORK_PLANS, books, books.c.id == WORK_PLANS.c.book_id)
             .where(books.c.source_name.like("%.csv"))
             .group_by(books.c.fiscal_year, books.c.phase))
        plans = {(y, ph): (n, s) for y, ph, n, s in conn.execute(q)}
    for key, e in expected.items():
        bs = per_file[key]
        assert len(bs) == len(e.agencies), key
        assert plans[key] == (e.rows - len(e.malformed),
                              (e.total_ntd - sum(a for _, a in e.malformed)) // 1000), key
        for b in bs:
            assert b["expenditure_total"] * 1000 == e.agencies[b["agency_code"]], b["id"]
            assert b["source_name"] == f"{key[1]}/tw{key[0]}ap.csv"


def test_store_flags_only_2018_proposed_incomplete(twbudget_engine):
    stored = csv_books(twbudget_engine)
    incomplete = {(b["fiscal_year"], b["phase"]) for b in stored
                  if b["flags"] and "incomplete" in b["flags"]}
    assert incomplete == {(2018, "proposed")}
    of_2018 = [b for b in stored if (b["fiscal_year"], b["phase"]) == (2018, "proposed")]
    assert len(of_2018) == 123 and all("incomplete" in b["flags"] for b in of_2018)
    flagged = {(b["fiscal_year"], b["phase"]) for b in stored if b["flags"]}
    assert flagged == {(2018, "proposed"), (2007, "proposed"), (2007, "enacted")}


def test_smea_per_year(twbudget_engine, expected):
    stored = {(b["fiscal_year"], b["phase"]): b for b in csv_books(twbudget_engine)
              if b["agency_code"] == SMEA}
    for key, e in expected.items():
        if SMEA not in e.agencies:
            assert key not in stored, key
            continue
        assert stored[key]["expenditure_total"] * 1000 == e.agencies[SMEA], key
    missing = sorted(k for k, e in expected.items() if SMEA not in e.agencies)
    assert missing == [(2018, "proposed")]
    names = {k: b["agency_name"] for k, b in stored.items()}
    assert names[(2023, "proposed")] == "中小企業處"
    assert names[(2024, "proposed")] == names[(2025, "proposed")] == "中小及新創企業署"
    assert stored[(2022, "proposed")]["expenditure_total"] == 4867068


# --- bad input: one message naming file, line and column; exit 2; nothing loaded ---------------

HEADER = "year,code,amount,name,topname,depname,depcat,cat,ref,note"
GOOD = ["2022,3102010100,920526000,無細項,總統府主管,總統府,一般行政,國務支出,1.1.1,說明",
        "2022,3102010200,30000000,無細項,總統府主管,總統府,國務機要,國務支出,1.1.2,"]


def write(folder: Path, text: str, name: str = "tw2022ap.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


BAD = [
    # (id, file text, message, line, column named)
    ("missing column", "\n".join([HEADER.replace(",amount", ""),
                                  "2022,3102010100,無細項,總統府主管,總統府,一般行政,國務支出,1.1.1,"]),
     "missing column(s) amount", 1, "amount"),
    ("renamed column", "\n".join([HEADER.replace("depname", "agency"), *GOOD]),
     "missing column(s) depname", 1, "depname"),
    ("non-numeric amount", "\n".join([HEADER, GOOD[0], GOOD[1].replace("30000000", "三千萬")]),
     "expected a whole number", 3, "amount"),
    ("wrong year", "\n".join([HEADER, GOOD[0], GOOD[1].replace("2022,", "2021,", 1)]),
     "2021 in a file named for 2022", 3, "year"),
    ("empty file", "", "empty file", 1, None),
    ("header only", HEADER + "\n", "no rows after the header", 2, None),
]


@pytest.mark.parametrize("text,message,line,column", [b[1:] for b in BAD],
                         ids=[b[0] for b in BAD])
def test_bad_input_is_a_read_error_naming_file_line_and_column(tmp_path, text, message, line,
                                                               column):
    path = write(tmp_path / "proposed", text)
    with pytest.raises(ReadError) as info:
        read_file(path)
    err = info.value
    assert (err.path, err.line) == (str(path), line)
    assert message in err.message
    if column:
        assert f"column {column}" in err.message or f"column(s) {column}" in err.message
    db = tmp_path / "db.sqlite"
    result = runner.invoke(app, ["ingest", str(path), "--db", str(db)], env={"COLUMNS": "300"})
    assert result.exit_code == 2, result.output
    out = squash(result.output)
    assert f"error: {path}:{line}: " in out and message in out
    assert "Traceback" not in result.output
    assert list_books(engine_for(str(db))) == []


def test_a_multiline_note_keeps_line_numbers_right(tmp_path):
    text = "\n".join([HEADER, '2022,3102010100,920526000,無細項,總統府主管,總統府,一般行政,國務支出,'
                      '1.1.1,"第一行\n第二行"', GOOD[1].replace("30000000", "x")])
    with pytest.raises(ReadError) as info:
        read_file(write(tmp_path / "enacted", text))
    assert info.value.line == 4 and "column amount" in info.value.message


def test_a_file_without_phase_needs_phase(tmp_path):
    path = write(tmp_path / "data", "\n".join([HEADER, *GOOD]))
    with pytest.raises(ReadError) as info:
        read_file(path)
    assert "cannot tell the phase" in info.value.message and info.value.path == str(path)
    db = tmp_path / "db.sqlite"
    result = runner.invoke(app, ["ingest", str(path), "--db", str(db)], env={"COLUMNS": "300"})
    assert result.exit_code == 2 and "--phase" in result.output
    assert list_books(engine_for(str(db))) == []
    result = runner.invoke(app, ["ingest", str(path), "--db", str(db), "--phase", "enacted"],
                           env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert [b["id"] for b in list_books(engine_for(str(db)))] == ["0201-2022-enacted"]
    assert read_file(path, "proposed").books[0].id == "0201-2022-proposed"


# --- `budgetbook ingest` on a folder ------------------------------------------------------------

def test_ingest_a_folder_with_progress_and_warnings(tmp_path, twbudget_dir, expected):
    folder = tmp_path / "proposed"
    folder.mkdir()
    for year in (2017, 2018, 2019):
        shutil.copy(twbudget_dir / "proposed" / f"tw{year}ap.csv", folder)
    db = tmp_path / "db.sqlite"
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db)],
                           env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    out = squash(result.output)
    for year in (2017, 2018, 2019):
        n = len(expected[(year, "proposed")].agencies)
        assert f"loaded {n} books from {folder / f'tw{year}ap.csv'} (proposed {year})" in out
    assert f"warning: {folder / 'tw2018ap.csv'}: incomplete: proposed/tw2018ap.csv has 611 rows" \
        in out
    assert out.count("warning:") == 2  # rows and total of the 2018 file, nothing else
    engine = engine_for(str(db))
    stored = list_books(engine)
    assert len(stored) == sum(len(expected[(y, "proposed")].agencies) for y in (2017, 2018, 2019))
    # loading again replaces the books, and says so
    result = runner.invoke(app, ["ingest", str(folder / "tw2019ap.csv"), "--db", str(db)],
                           env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "235 replaced" in squash(result.output)
    assert len(list_books(engine)) == len(stored)


def test_the_2018_file_alone_is_measured_against_its_folder(tmp_path, twbudget_dir):
    folder = tmp_path / "proposed"
    folder.mkdir()
    for year in (2017, 2018):
        shutil.copy(twbudget_dir / "proposed" / f"tw{year}ap.csv", folder)
    db = tmp_path / "db.sqlite"
    result = runner.invoke(app, ["ingest", str(folder / "tw2018ap.csv"), "--db", str(db)],
                           env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "incomplete" in result.output
    stored = list_books(engine_for(str(db)))
    assert stored and all(b["fiscal_year"] == 2018 and "incomplete" in b["flags"] for b in stored)


def test_a_failed_file_among_good_ones(tmp_path, twbudget_dir, expected):
    folder = tmp_path / "proposed"
    folder.mkdir()
    shutil.copy(twbudget_dir / "proposed" / "tw2021ap.csv", folder)
    lines = (twbudget_dir / "proposed" / "tw2022ap.csv").read_text(encoding="utf-8").split("\n")
    lines[1] = lines[1].replace(",920526000,", ",920,526,000,")  # one field too many
    (folder / "tw2022ap.csv").write_text("\n".join(lines), encoding="utf-8")
    (folder / "tw2023ap.csv").write_text(HEADER + "\n", encoding="utf-8")
    db = tmp_path / "db.sqlite"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db)], env={"COLUMNS": "300"})
    assert result.exit_code == 2
    out = squash(result.output)
    assert f"error: {folder / 'tw2022ap.csv'}:2: " in out
    assert f"error: {folder / 'tw2023ap.csv'}:2: no rows after the header" in out
    assert "loaded 234 books" in out
    years = {b["fiscal_year"] for b in list_books(engine_for(str(db)))}
    assert years == {2021}


# --- `budgetbook audit FILE.csv` -----------------------------------------------------------------

def test_audit_the_2018_proposal_fails(twbudget_dir):
    path = twbudget_dir / "proposed" / "tw2018ap.csv"
    result = runner.invoke(app, ["audit", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["book"] is None and report["source"] == str(path)
    failed = {c["rule"]: c for c in report["checks"] if c["status"] == "fail"}
    assert set(failed) == {"dataset.neighbours.rows", "dataset.neighbours.total"}
    assert failed["dataset.neighbours.rows"]["actual"] == 611
    assert failed["dataset.neighbours.rows"]["expected"] == 1217  # median of 2016/17/19/20
    assert failed["dataset.neighbours.total"]["actual"] == 853086907
    assert report["summary"] == {"total": 6, "passed": 4, "failed": 2, "skipped": 0}
    assert report["file"]["rows"] == 611 and report["file"]["agencies"] == 123
    assert [n["year"] for n in report["file"]["neighbours"]] == [2016, 2017, 2019, 2020]
    text = runner.invoke(app, ["audit", str(path)], env={"COLUMNS": "300"})
    assert text.exit_code == 1 and "incomplete" in text.output and "6 checks" in text.output


def test_audit_a_clean_file_and_2007(twbudget_dir):
    result = runner.invoke(app, ["audit", str(twbudget_dir / "proposed" / "tw2022ap.csv"),
                                 "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["summary"]["failed"] == 0 and report["summary"]["passed"] == 6
    result = runner.invoke(app, ["audit", str(twbudget_dir / "enacted" / "tw2007ap.csv"),
                                 "-f", "json"])
    assert result.exit_code == 1
    failed = [c for c in json.loads(result.stdout)["checks"] if c["status"] == "fail"]
    assert {c["rule"] for c in failed} == {"dataset.codes.format"}
    assert sorted(c["actual"] for c in failed) == [0, 2000000]  # thousands, left out
    assert all(c["figures"][0]["source_line"] for c in failed)


def test_audit_without_neighbours_skips_and_unreadable_exits_2(tmp_path):
    path = write(tmp_path / "proposed", "\n".join([HEADER, *GOOD, GOOD[1].replace(
        "3102010200,30000000", "3102010200,30000500")]))
    result = runner.invoke(app, ["audit", str(path), "-f", "json"])
    assert result.exit_code == 1
    checks = {c["rule"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["dataset.neighbours.rows"]["status"] == "skip"
    assert checks["dataset.codes.unique"]["status"] == "fail"
    assert checks["dataset.amounts.thousands"]["status"] == "fail"
    assert checks["dataset.amounts.thousands"]["figures"][0]["source_line"] == 4
    bad = write(tmp_path / "enacted", HEADER + "\n")
    result = runner.invoke(app, ["audit", str(bad)], env={"COLUMNS": "300"})
    assert result.exit_code == 2 and "no rows after the header" in result.output
