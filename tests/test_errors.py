"""Errors a user can cause: one clear message, a 4xx or exit code 2, never a traceback."""

from __future__ import annotations

import csv
import socket

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from budgetbook.api.app import create_app
from budgetbook.cli import app
from budgetbook.store.load import load_bundle

runner = CliRunner()
BIG = "99999999999999999999999"
BOOK = "2675-2022-enacted"


@pytest.mark.parametrize(("url", "param"), [
    (f"/api/books/{BOOK}/work-plans?amount={BIG}", "amount"),
    (f"/api/books/{BOOK}/work-plans/{BIG}", "row_no"),
    (f"/api/books/{BOOK}/source?start={BIG}", "start"),
    (f"/api/aggregate?book={BOOK}&cut=year:{BIG}", "cut"),
    (f"/api/changes?from=2021&to={BIG}", "to"),
])
def test_numbers_too_large_for_the_database_are_a_4xx_naming_the_parameter(
        engine, seed_bundle, url, param):
    load_bundle(engine, seed_bundle)
    client = TestClient(create_app(engine), raise_server_exceptions=False)
    r = client.get(url)
    assert r.status_code == 422, r.text
    assert r.json()["parameter"] == param


def test_out_of_range_on_a_page_is_escaped_html(engine, seed_bundle):
    load_bundle(engine, seed_bundle)
    client = TestClient(create_app(engine), raise_server_exceptions=False)
    r = client.get(f"/changes?from=2021&to={BIG}")
    assert r.status_code == 422 and "text/html" in r.headers["content-type"]


def _fails(result, *words):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    for w in words:
        assert w in result.output


def test_export_of_a_book_without_agency_is_exit_2(tmp_path, seed_text):
    short = tmp_path / "short.txt"
    short.write_text("\n".join(seed_text.split("\n")[:300]), encoding="utf-8")
    _fails(runner.invoke(app, ["export", str(short), "-f", "fdp", "-o", str(tmp_path / "o")]),
           "agency_code", str(short))


def test_export_where_a_file_is_in_the_way(tmp_path, seed_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    _fails(runner.invoke(app, ["export", str(seed_path), "-f", "json", "-o",
                               str(blocker / "b.json")]), "cannot write output")


def _rewrite(path, change):
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def test_ingest_of_a_damaged_package_names_file_and_line(tmp_path, seed_bundle):
    from budgetbook.export.fdp import write_bundle

    pkg = tmp_path / "pkg"
    db = tmp_path / "db.sqlite"
    write_bundle(seed_bundle, pkg)
    _rewrite(pkg / "work-plans.csv", lambda rows: rows.__setitem__(1, rows[1][:1]))
    _fails(runner.invoke(app, ["ingest", str(pkg), "--db", str(db)]),
           "work-plans.csv:2", "shorter than the header")
    write_bundle(seed_bundle, pkg)
    _rewrite(pkg / "sub-plans.csv", lambda rows: rows[1].__setitem__(rows[0].index("amount"),
                                                                      "12x"))
    _fails(runner.invoke(app, ["ingest", str(pkg), "--db", str(db)]),
           "sub-plans.csv:2", "column amount: expected an integer")
    from budgetbook.store.db import engine_for
    from budgetbook.store.queries import list_books

    assert list_books(engine_for(str(db))) == []  # nothing half-loaded


def test_read_only_commands_do_not_create_a_database(tmp_path):
    db = tmp_path / "none.sqlite"
    _fails(runner.invoke(app, ["compare", "a", "b", "--db", str(db)]), "no database here")
    _fails(runner.invoke(app, ["books", "--db", str(db)]), "no database here")
    assert not db.exists()
    _fails(runner.invoke(app, ["ingest", "x.txt", "--db", str(tmp_path / "no" / "dir.sqlite")]),
           "folder does not exist")


def test_database_url_errors_hide_the_password(tmp_path, seed_path):
    result = runner.invoke(app, ["ingest", str(seed_path), "--db",
                                 "postgresql+psycopg://u:secret@127.0.0.1:1/db"])
    _fails(result, "cannot open the database")
    assert "secret" not in result.output


def test_serve_on_a_busy_port_or_a_bad_port(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        _fails(runner.invoke(app, ["serve", "--db", str(tmp_path / "s.sqlite"), "--port",
                                   str(port)]), "cannot listen")
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "s.sqlite"), "--port", "99999"])
    assert result.exit_code == 2 and "65535" in result.output


def test_books_lists_what_is_stored(tmp_path, seed_path):
    db = tmp_path / "b.sqlite"
    assert runner.invoke(app, ["ingest", str(seed_path), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["books", "--db", str(db)])
    assert result.exit_code == 0 and BOOK in result.output and "4,634,113" in result.output
