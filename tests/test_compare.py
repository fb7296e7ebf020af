"""Comparisons (budgetbook.compare, its CLI and API) over small synthetic books stored as
Bundles, plus the seed book (2675-2022-enacted) for proposed vs enacted and its 上年度 column.
Every test runs on SQLite and on the real PostgreSQL (the `engine` fixture)."""

from __future__ import annotations

import csv
import io
import json
import warnings

import pytest
import typer
from typer.testing import CliRunner

from budgetbook import compare
from budgetbook.export.bundle import Bundle
from budgetbook.export.rows import all_resources
from budgetbook.export.tabular import columns_of
from budgetbook.store import compare_queries as cq
from budgetbook.store.load import load_bundle
from budgetbook.store.queries import BadParameter, NotFound
from budgetbook.store.schema import books as books_table

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

RESOURCES = {r.name: r for r in all_resources()}
FUNCTION_NAMES = {"52": "科學支出", "59": "其他經濟服務支出", "31": "國務支出"}
SMEA, SMEA_NEW = "中小企業處", "中小及新創企業署"

# The SMEA's proposals (thousands of NTD, from /work/shared/data/twbudget/proposed/*.csv)
SMEA_2021 = [("5226752000", "中小企業科技應用", 2289520), ("5926750100", "一般行政", 149410),
             ("5926751000", "中小企業發展", 2633439), ("5926759800", "第一預備金", 4881)]
SMEA_2022 = [("5226752000", "中小企業科技應用", 2080509), ("5926750100", "一般行政", 150020),
             ("5926751000", "中小企業發展", 2631658), ("5926759800", "第一預備金", 4881)]
SMEA_2023 = [("5226752000", "中小企業科技應用", 1752937), ("5926750100", "一般行政", 154938),
             ("5926751000", "中小企業發展", 2731611), ("5926759800", "第一預備金", 4881)]
# 2024 (synthetic in part): renamed with the agency, one work plan added, one removed
SMEA_2024 = [("5226752000", "中小及新創企業科技應用", 1772401),
             ("5926750100", "一般行政", 152388),
             ("5926752000", "新創發展", 100000),
             ("5926759800", "第一預備金", 4881)]
# the seed's 上年度 column (2021 enacted, as the 2022 enacted book prints it), one figure moved
SMEA_2021_ENACTED = [("5226752000", "中小企業科技應用", 2178650),
                     ("5926750100", "一般行政", 149000),  # the book says 149,370
                     ("5926751000", "中小企業發展", 2502903), ("5926759800", "第一預備金", 4881)]
OFFICE = [("3102010100", "一般行政", 920526), ("3102010200", "國務機要", 30000)]


def make_bundle(book_id: str, name: str, plans: list[tuple[str, str, int | None]], *,
                parent: str = "經濟部主管", split: bool = False) -> Bundle:
    """A book as the CSV reader stores it: one r_work_plans row per plan (two, halves of the
    amount, with `split`: the 節 of a work plan), and 歲出機關別預算表 rows for the agency, each
    政事別 and each work plan."""
    agency, year, phase = book_id.split("-")
    wp_rows, line = [], 1
    for code, wp_name, amount in plans:
        parts = [amount] if not split or amount is None else [amount // 2, amount - amount // 2]
        for part in parts:
            wp_rows.append({"code": code, "name": wp_name, "amount": part, "sub_plan_count": 0,
                            "source_line": line})
            line += 1
    total = sum(a for _, _, a in plans if a is not None)
    ledger = [{"code": "00" + agency + "0000", "name": name, "level": 2, "kind": "agency",
               "amount": total, "source_line": 1}]
    for fn in sorted({c[:2] for c, _, _ in plans}):
        ledger.append({"code": fn + agency + "0000", "name": FUNCTION_NAMES.get(fn, fn),
                       "level": 3, "kind": "function", "parent_code": "00" + agency + "0000",
                       "amount": sum(a or 0 for c, _, a in plans if c[:2] == fn),
                       "source_line": 1})
        ledger += [{"code": c, "name": n, "level": 4, "kind": "work_plan",
                    "parent_code": fn + agency + "0000", "amount": a, "source_line": 1}
                   for c, n, a in plans if c[:2] == fn]
    meta = {"id": book_id, "agency_code": agency, "agency_name": name, "parent_code": None,
            "parent_name": parent, "roc_year": int(year) - 1911, "fiscal_year": int(year),
            "phase": phase, "source_name": f"{phase}/tw{year}ap.csv", "source_sha256": None,
            "expenditure_total": total, "revenue_total": None, "audit_total": 0,
            "audit_passed": 0, "audit_failed": 0, "audit_skipped": 0}
    tables = {}
    for res_name, rows in (("work-plans", wp_rows), ("expenditure-by-agency", ledger)):
        res = RESOURCES[res_name]
        tables[res_name] = (res.title, columns_of(res.row_model), rows)
    return Bundle(meta=meta, tables=tables)


def flag(engine, monkeypatch, book_id: str, flags: list[str]) -> None:
    """Flag a book: in books.flags once the column exists, else as if it did."""
    if "flags" in books_table.c:
        from sqlalchemy import JSON, update

        value = flags if isinstance(books_table.c.flags.type, JSON) else json.dumps(
            flags, ensure_ascii=False)
        from budgetbook.store.facts import bump

        with engine.begin() as conn:
            conn.execute(update(books_table).where(books_table.c.id == book_id)
                         .values(flags=value))
            bump(conn)  # as every writer must: the server's cached answers are now stale
        return
    original = cq._row

    def with_flags(r):
        d = original(r)
        if d.get("id") == book_id:
            d["flags"] = json.dumps(flags, ensure_ascii=False)
        return d

    monkeypatch.setattr(cq, "_row", with_flags)


INCOMPLETE = "incomplete: proposed/tw2018ap.csv has 611 rows where neighbouring years have " \
             "about 1,200"


@pytest.fixture
def store(database, seed_bundle):
    """The seed (2675-2022-enacted) and synthetic proposals: the SMEA in 2017, 2019, 2021–2024
    (none in 2018: missing from the data), 2021 enacted, and 總統府 (3102) in 2021 and 2022."""
    def build(engine):
        load_bundle(engine, seed_bundle)
        for book_id, name, plans in (
            ("2675-2017-proposed", SMEA, SMEA_2021),
            ("2675-2019-proposed", SMEA, SMEA_2021),
            ("2675-2021-proposed", SMEA, SMEA_2021),
            ("2675-2021-enacted", SMEA, SMEA_2021_ENACTED),
            ("2675-2022-proposed", SMEA, SMEA_2022),
            ("2675-2023-proposed", SMEA, SMEA_2023),
            ("2675-2024-proposed", SMEA_NEW, SMEA_2024),
            ("3102-2021-proposed", "總統府", OFFICE),
            ("3102-2022-proposed", "總統府", [("3102010100", "一般行政", 900000),
                                              ("3102010200", "國務機要", 30000)]),
            ("3102-2018-proposed", "總統府", OFFICE),
        ):
            load_bundle(engine, make_bundle(book_id, name, plans, parent=(
                "總統府主管" if book_id.startswith("3102") else "經濟部主管"),
                split=book_id == "2675-2022-proposed"))

    return database("compare-store", build)  # built once, copied per test


# --- two books ----------------------------------------------------------------------------------

def test_proposed_vs_enacted_fy111(store):
    cmp = compare.compare_books(store, "2675-2022-proposed", "2675-2022-enacted")
    assert cmp.kind == "proposed_vs_enacted"
    rows = {r.code: r for r in cmp.rows}
    # the legislature's cut, per work plan (the proposal's rows are split in two 節 and summed)
    assert (rows["5226752000"].a, rows["5226752000"].b) == (2080509, 1978662)
    assert rows["5226752000"].change == -101847
    assert (rows["5926751000"].a, rows["5926751000"].b) == (2631658, 2500550)
    assert rows["5926751000"].change == -131108
    assert rows["5926750100"].change == 0 and rows["5926759800"].change == 0
    assert {r.status for r in cmp.rows} == {"matched"}
    # and per agency
    assert cmp.totals == {"a": 4867068, "b": 4634113, "change": -232955}
    fns = {f.function: f for f in cmp.by_function}
    assert (fns["52"].name, fns["52"].change) == ("科學支出", -101847)
    assert fns["59"].change == -131108
    assert cmp.warnings == []


def test_year_over_year_renamed_added_removed(store):
    cmp = compare.compare_books(store, "2675-2023-proposed", "2675-2024-proposed")
    assert cmp.kind == "year_over_year"
    rows = {r.code: r for r in cmp.rows}
    renamed = rows["5226752000"]
    assert (renamed.status, renamed.name_a, renamed.name_b) == (
        "renamed", "中小企業科技應用", "中小及新創企業科技應用")
    assert (renamed.a, renamed.b, renamed.change) == (1752937, 1772401, 19464)
    assert rows["5926751000"].status == "removed"
    assert (rows["5926751000"].a, rows["5926751000"].b, rows["5926751000"].change) == (
        2731611, None, -2731611)
    assert rows["5926752000"].status == "added"
    assert (rows["5926752000"].a, rows["5926752000"].b) == (None, 100000)
    assert rows["5926750100"].status == "matched" and rows["5926750100"].change == -2550
    assert cmp.counts == {"matched": 2, "renamed": 1, "added": 1, "removed": 1}
    assert cmp.totals["change"] == sum(r.change for r in cmp.rows)
    assert cmp.b["agency_name"] == SMEA_NEW


def test_moved_code_is_noted():
    a = {"1": compare._Plan("5926751000", "中小企業發展", 10, None, 1, 1)}
    b = {"1": compare._Plan("5926753000", "中小企業發展", 12, None, 1, 1)}
    rows = compare.match_plans({p.code: p for p in a.values()}, {p.code: p for p in b.values()})
    assert [(r.status, r.note) for r in rows] == [
        ("removed", "same name as added 5926753000"),
        ("added", "same name as removed 5926751000")]


def test_compare_flagged_book_warns(store, monkeypatch):
    flag(store, monkeypatch, "2675-2021-proposed", [INCOMPLETE])
    cmp = compare.compare_books(store, "2675-2021-proposed", "2675-2022-proposed")
    assert cmp.a["flags"] == [INCOMPLETE]
    assert cmp.warnings == [f"book 2675-2021-proposed is flagged: {INCOMPLETE}"]
    unflagged = compare.compare_books(store, "2675-2022-proposed", "2675-2023-proposed")
    assert unflagged.warnings == []


def test_compare_unknown_book_names_the_parameter(store):
    with pytest.raises(NotFound) as exc:
        compare.compare_books(store, "2675-2022-proposed", "2675-2030-proposed")
    assert exc.value.param == "b" and "2675-2030-proposed" in exc.value.message


def test_compare_other_agency_and_reversed_phases_warn(store):
    cmp = compare.compare_books(store, "2675-2022-proposed", "3102-2022-proposed")
    assert cmp.kind == "books" and "different agencies" in cmp.warnings[0]
    assert {r.status for r in cmp.rows} == {"added", "removed"}
    rev = compare.compare_books(store, "2675-2022-enacted", "2675-2022-proposed")
    assert any("opposite of the legislature's cut" in w for w in rev.warnings)


# --- 上年度 -------------------------------------------------------------------------------------

def test_seed_last_year_column_against_2021_enacted(store):
    check = compare.own_last_year(store, "2675-2022-enacted")
    assert check.other["id"] == "2675-2021-enacted"  # enacted preferred over the proposal
    rows = {(r.kind, r.code): r for r in check.rows}
    agency = next(r for r in check.rows if r.kind == "agency")
    assert (agency.stated, agency.other, agency.difference) == (4835804, 4835434, 370)
    assert agency.name == "中小企業處" and agency.source_line == 1770
    wp = rows[("work_plan", "5926750100")]
    assert (wp.stated, wp.other, wp.difference, wp.status) == (149370, 149000, 370, "different")
    assert rows[("work_plan", "5226752000")].status == "equal"
    fn = next(r for r in check.rows if r.kind == "function" and r.code.startswith("59"))
    assert (fn.name, fn.stated, fn.other, fn.difference) == ("其他經濟服務支出", 2657154,
                                                            2656784, 370)
    assert check.counts["different"] == 3 and check.counts["equal"] == 4
    assert check.warnings == []


def test_seed_last_year_against_the_proposal(store, monkeypatch):
    flag(store, monkeypatch, "2675-2021-proposed", [INCOMPLETE])
    check = compare.own_last_year(store, "2675-2022-enacted", against="2675-2021-proposed")
    wp = next(r for r in check.rows if r.code == "5226752000")
    assert (wp.stated, wp.other, wp.difference) == (2178650, 2289520, -110870)
    assert any("2021 proposal" in w for w in check.warnings)
    assert f"book 2675-2021-proposed is flagged: {INCOMPLETE}" in check.warnings


def test_last_year_without_a_previous_book(store):
    with pytest.raises(NotFound) as exc:
        compare.own_last_year(store, "2675-2017-proposed")
    assert exc.value.param == "against"
    # a CSV book has no 上年度 column: said so, nothing claimed equal
    check = compare.own_last_year(store, "2675-2022-proposed")
    assert {r.status for r in check.rows} == {"no_figure"}
    assert any("no 上年度 figures" in w for w in check.warnings)


# --- time line ----------------------------------------------------------------------------------

def test_timeline_agency_missing_year_and_rename(store):
    tl = compare.timeline(store, agency_code="2675", years=range(2017, 2025))
    by = {(p.year, p.phase): p for p in tl.points}
    assert by[(2017, "proposed")].amount == 5077250
    assert by[(2018, "proposed")].amount is None  # missing from the data, not zero
    assert by[(2018, "proposed")].books == []
    assert by[(2022, "proposed")].amount == 4867068
    assert by[(2022, "enacted")].amount == 4634113
    assert by[(2024, "proposed")].name == SMEA_NEW
    assert tl.names == [{"name": SMEA, "from": 2017, "to": 2023},
                        {"name": SMEA_NEW, "from": 2024, "to": 2024}]
    series = tl.series()
    assert series["proposed"][:3] == [5077250, None, 5077250]
    assert series["enacted"][tl.years.index(2022)] == 4634113
    assert series["enacted"][0] is None


def test_timeline_function_and_flagged(store, monkeypatch):
    flag(store, monkeypatch, "3102-2018-proposed", [INCOMPLETE])
    tl = compare.timeline(store, function="52", years=range(2017, 2025), phases=["proposed"])
    assert tl.function_name == "科學支出"
    by = {p.year: p for p in tl.points}
    assert by[2018].amount is None  # 3102 has no 科學支出: no rows, so missing
    assert by[2022].amount == 2080509 and by[2024].amount == 1772401
    whole = compare.timeline(store, years=[2018, 2021, 2022], phases=["proposed"])
    pts = {p.year: p for p in whole.points}
    assert pts[2021].amount == 5077250 + 950526
    assert pts[2018].flags == [f"3102-2018-proposed: {INCOMPLETE}"]
    assert f"book 3102-2018-proposed is flagged: {INCOMPLETE}" in whole.warnings
    assert pts[2018].partial and any("2018 proposed: 1 agencies" in w for w in whole.warnings)


def test_timeline_bad_parameters(store):
    with pytest.raises(BadParameter) as exc:
        compare.timeline(store, agency_code="26")
    assert exc.value.param == "agency"
    with pytest.raises(BadParameter) as exc:
        compare.timeline(store, function="x1")
    assert exc.value.param == "function"


# --- the whole government -----------------------------------------------------------------------

def test_biggest_changes_year_over_year(store):
    ch = compare.biggest_changes(store, 2021, 2022, "proposed", limit=3)
    assert ch.total == 6 and len(ch.rows) == 3
    top = ch.rows[0]
    assert (top.agency_code, top.code, top.change) == ("2675", "5226752000", -209011)
    assert [r.code for r in ch.rows[1:]] == ["3102010100", "5926751000"]
    assert ch.rows[1].change == -20526
    assert ch.totals["change"] == -209011 - 20526 - 1781 + 610
    assert ch.agencies_only_in_a == [] and ch.agencies_only_in_b == []
    agencies = compare.biggest_changes(store, 2021, 2022, level="agency")
    assert [(r.code, r.change) for r in agencies.rows] == [("2675", -210182), ("3102", -20526)]
    page2 = compare.biggest_changes(store, 2021, 2022, limit=3, offset=3)
    assert [r.code for r in page2.rows] == ["5926750100", "5926759800", "3102010200"]


def test_biggest_changes_leaves_out_missing_agencies(store, monkeypatch):
    flag(store, monkeypatch, "3102-2018-proposed", [INCOMPLETE])
    ch = compare.biggest_changes(store, 2018, 2019)
    assert ch.rows == [] and ch.agencies_only_in_a == ["3102"]
    assert ch.agencies_only_in_b == ["2675"]
    assert any("no 2019 proposed book" in w for w in ch.warnings)
    cuts = compare.biggest_changes(store, 2022, 2022, "proposed", phase_b="enacted")
    assert [(r.code, r.change) for r in cuts.rows[:2]] == [("5926751000", -131108),
                                                           ("5226752000", -101847)]
    assert cuts.agencies_only_in_a == ["3102"]


def test_biggest_changes_bad_parameters(store):
    with pytest.raises(NotFound) as exc:
        compare.biggest_changes(store, 2030, 2022)
    assert exc.value.param == "year_a"
    with pytest.raises(BadParameter) as exc:
        compare.biggest_changes(store, 2021, 2022, phase_b="final")
    assert exc.value.param == "phase_b"
    with pytest.raises(BadParameter):
        compare.biggest_changes(store, 2021, 2022, level="ministry")


# --- CLI ------------------------------------------------------------------------------------------

@pytest.fixture
def cli(tmp_path, seed_bundle):
    from budgetbook.cli_compare import register
    from budgetbook.store.db import engine_for

    db = str(tmp_path / "cli.sqlite")
    engine = engine_for(db)
    load_bundle(engine, seed_bundle)
    load_bundle(engine, make_bundle("2675-2022-proposed", SMEA, SMEA_2022))
    app = typer.Typer()
    register(app)

    @app.command()
    def _other() -> None:  # a second command, so `compare` stays a subcommand as in the app
        pass

    return app, db, engine


def test_cli_compare_json(cli):
    app, db, _ = cli
    result = CliRunner().invoke(app, ["compare", "2675-2022-proposed", "2675-2022-enacted",
                                      "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    plans = {r["code"]: r for r in data["work_plans"]}
    assert {k: plans["5226752000"][k] for k in ("name", "a", "b", "change")} == {
        "name": "中小企業科技應用", "a": 2080509, "b": 1978662, "change": -101847}
    assert (plans["5926751000"]["a"], plans["5926751000"]["b"]) == (2631658, 2500550)
    assert data["warnings"] == [] and data["kind"] == "proposed_vs_enacted"


def test_cli_compare_text_flagged_and_missing(cli, monkeypatch):
    from rich.console import Console

    from budgetbook import cli_compare

    app, db, engine = cli
    flag(engine, monkeypatch, "2675-2022-proposed", [INCOMPLETE])
    monkeypatch.setattr(cli_compare, "out", Console(width=200))
    result = CliRunner().invoke(app, ["compare", "2675-2022-proposed", "2675-2022-enacted",
                                      "--db", db])
    assert result.exit_code == 0, result.output
    assert "warning: book 2675-2022-proposed is flagged: incomplete" in result.output
    assert "中小企業科技應用" in result.output and "-101,847" in result.output
    missing = CliRunner().invoke(app, ["compare", "2675-2022-proposed", "9999-2022-enacted",
                                       "--db", db])
    assert missing.exit_code == 2 and "9999-2022-enacted" in missing.output


# --- API ------------------------------------------------------------------------------------------

@pytest.fixture
def client(store):
    from budgetbook.api.app import create_app

    with TestClient(create_app(store)) as c:
        yield c


def test_api_compare(client, monkeypatch, store):
    body = client.get("/api/compare", params={"a": "2675-2022-proposed",
                                              "b": "2675-2022-enacted"}).json()
    items = {r["code"]: r for r in body["items"]}
    assert (items["5226752000"]["a"], items["5226752000"]["b"]) == (2080509, 1978662)
    assert body["totals"]["change"] == -232955 and body["warnings"] == []
    response = client.get("/api/compare", params={"a": "2675-2022-proposed",
                                                  "b": "2675-2022-enacted", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert ("5926751000", "2631658", "2500550", "-131108") in [
        (r["code"], r["a"], r["b"], r["change"]) for r in rows]
    flag(store, monkeypatch, "2675-2022-proposed", [INCOMPLETE])
    flagged = client.get("/api/compare", params={"a": "2675-2022-proposed",
                                                 "b": "2675-2022-enacted"}).json()
    assert flagged["warnings"] == [f"book 2675-2022-proposed is flagged: {INCOMPLETE}"]
    missing = client.get("/api/compare", params={"a": "2675-2022-proposed", "b": "nope"})
    assert missing.status_code == 404 and missing.json()["parameter"] == "b"
    assert client.get("/api/compare", params={"a": "x"}).json()["parameter"] == "b"


def test_api_timeline(client):
    body = client.get("/api/timeline", params={"agency": "2675", "from": 2017,
                                               "to": 2024}).json()
    assert body["years"][0] == 2017 and body["series"]["proposed"][1] is None
    assert body["series"]["enacted"][5] == 4634113
    assert body["names"][-1] == {"name": SMEA_NEW, "from": 2024, "to": 2024}
    fn = client.get("/api/timeline", params={"function": "52", "phase": "proposed",
                                             "from": 2021, "to": 2022}).json()
    assert [p["amount"] for p in fn["items"]] == [2289520, 2080509]
    bad = client.get("/api/timeline", params={"agency": "SMEA"})
    assert bad.status_code == 422 and bad.json()["parameter"] == "agency"
    order = client.get("/api/timeline", params={"from": 2022, "to": 2021})
    assert order.status_code == 422 and order.json()["parameter"] == "to"
    response = client.get("/api/timeline", params={"agency": "2675", "from": 2018, "to": 2018,
                                                   "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert [(r["year"], r["phase"], r["amount"]) for r in rows] == [
        ("2018", "proposed", ""), ("2018", "enacted", "")]


def test_api_last_year(client):
    body = client.get("/api/books/2675-2022-enacted/last-year").json()
    assert body["other"]["id"] == "2675-2021-enacted"
    wp = next(r for r in body["items"] if r["code"] == "5926750100")
    assert (wp["stated"], wp["other"], wp["difference"]) == (149370, 149000, 370)
    against = client.get("/api/books/2675-2022-enacted/last-year",
                         params={"against": "2675-2021-proposed"}).json()
    assert any("proposal" in w for w in against["warnings"])
    missing = client.get("/api/books/2675-2017-proposed/last-year")
    assert missing.status_code == 404 and missing.json()["parameter"] == "against"
    assert client.get("/api/books/nope/last-year").json()["parameter"] == "book_id"


def test_api_changes(client):
    body = client.get("/api/changes", params={"from": 2021, "to": 2022, "limit": 2}).json()
    assert body["total"] == 6 and body["next"].endswith("offset=2")
    assert [r["code"] for r in body["items"]] == ["5226752000", "3102010100"]
    cut = client.get("/api/changes", params={"from": 2022, "to": 2022, "phase": "proposed",
                                             "to_phase": "enacted", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(cut.content.decode("utf-8"))))
    assert (rows[0]["code"], rows[0]["change"]) == ("5926751000", "-131108")
    assert cut.headers["x-total-count"] == "4"
    same = client.get("/api/changes", params={"from": 2021, "to": 2021})
    assert same.status_code == 422 and same.json()["parameter"] == "to"
    none = client.get("/api/changes", params={"from": 2030, "to": 2021})
    assert none.status_code == 404 and none.json()["parameter"] == "from"
    bad = client.get("/api/changes", params={"from": 2021, "to": 2022, "level": "x"})
    assert bad.status_code == 422 and bad.json()["parameter"] == "level"


def test_api_comparisons_documented(client):
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "api.md").read_text(encoding="utf-8")
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/compare", "/api/timeline", "/api/books/{book_id}/last-year",
                 "/api/changes"):
        assert path in paths
        assert f"`GET {path.replace('{book_id}', '{id}')}`" in doc, path
