"""Storage on SQLite and on the real PostgreSQL server: load, replace, roll back, migrations."""

from __future__ import annotations

import copy
import filecmp
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select

from budgetbook.errors import BudgetBookError
from budgetbook.export.fdp import write_bundle
from budgetbook.store import queries
from budgetbook.store.ingest import SAMPLE, ensure_sample
from budgetbook.store.load import load_bundle
from budgetbook.store.schema import books, metadata, resource_tables
from budgetbook.store.sourcetext import counts

BOOK = "2675-2022-enacted"


# The search index is dialect-specific SQL (FTS5 tables, a pg_trgm expression index) that the
# metadata cannot describe; everything else must match.
SEARCH_INDEX = ("search_fts", "ix_search_items_trgm")


def _named(obj) -> str:
    return getattr(obj, "name", "") or ""


def test_migrations_create_exactly_the_schema(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    diff = [d for d in diff if not (isinstance(d, tuple) and _named(d[1]).startswith(SEARCH_INDEX))]
    assert diff == []


def test_load_then_replace(engine, seed_bundle):
    first = load_bundle(engine, seed_bundle)
    assert first.book_id == BOOK and not first.replaced and first.rows > 800
    second = load_bundle(engine, seed_bundle)
    assert second.replaced
    book = queries.get_book(engine, BOOK)
    assert book["agency_code"] == "2675" and book["fiscal_year"] == 2022
    assert book["expenditure_total"] == 4634113 and book["revenue_total"] == 927
    assert book["audit_failed"] == 2 and book["audit_total"] >= 500
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(resource_tables["expenditure-lines"])
                         ).scalar_one()
        assert n == 83  # replaced, not doubled
        assert counts(conn, [BOOK]) == {BOOK: len(seed_bundle.source_lines)}


def test_a_failed_load_leaves_the_database_as_it_was(engine, seed_bundle):
    load_bundle(engine, seed_bundle)
    broken = copy.deepcopy(seed_bundle)
    title, cols, rows = broken.tables["work-plans"]
    rows[0]["amount"] = 1  # would change the stored book, if the load went through
    broken.checks.append({**broken.checks[0], "rule": None})  # NOT NULL: fails late, after
    # the resource rows and the text
    with pytest.raises(Exception):  # noqa: B017 - any database error; what matters is after
        load_bundle(engine, broken)
    page = queries.rows(engine, BOOK, "work-plans")
    assert page.rows[0]["amount"] == 1978662
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(books)).scalar_one() == 1


def test_empty_database_gets_the_bundled_sample(engine):
    assert ensure_sample(engine) == [BOOK]
    assert ensure_sample(engine) == []  # only when empty
    assert queries.rows(engine, BOOK, "sub-plans").total == 10


def test_bundled_sample_is_what_export_produces(tmp_path, seed_bundle):
    write_bundle(seed_bundle, tmp_path)
    sample = SAMPLE / BOOK
    names = sorted(p.name for p in sample.iterdir())
    assert names == sorted(p.name for p in tmp_path.iterdir())
    match, mismatch, errors = filecmp.cmpfiles(sample, tmp_path, names, shallow=False)
    assert mismatch == [] and errors == [], "regenerate: budgetbook export SEED -f fdp -o " + str(
        Path("src/budgetbook/data/sample") / BOOK)


def test_queries_name_what_is_wrong(engine, seed_bundle):
    load_bundle(engine, seed_bundle)
    with pytest.raises(queries.NotFound):
        queries.get_book(engine, "0000-1999-enacted")
    with pytest.raises(queries.BadParameter) as info:
        queries.rows(engine, BOOK, "sub-plans", filters={"nope": "1"})
    assert info.value.param == "nope"
    with pytest.raises(queries.BadParameter):
        queries.aggregate(engine, [BOOK], "nonsense")


def test_search_finds_chinese_substrings_ranked(engine, seed_bundle):
    load_bundle(engine, seed_bundle)
    page = queries.search(engine, "5G")
    assert page.total >= 3
    assert all("5G" in h["title"] + h["body"] for h in page.rows)
    page = queries.search(engine, "委辦費")
    assert "委辦費" in page.rows[0]["title"]  # a title hit ranks first
    assert "<mark>委辦費</mark>" in page.rows[0]["title_html"]


def test_aggregate_by_work_plan_matches_the_book(engine, seed_bundle):
    load_bundle(engine, seed_bundle)
    agg = queries.aggregate(engine, [BOOK], "work_plan")
    cells = {c["work_plan_code"]: c["amount"] for c in agg["cells"]}
    assert cells["5226752000"] == 1978662 and cells["5926751000"] == 2500550
    assert agg["summary"]["amount"] == sum(cells.values())
    cut = queries.aggregate(engine, [BOOK], "work_plan", {"object_code": "2039"})
    assert {c["work_plan_code"]: c["amount"] for c in cut["cells"]} == {
        "5226752000": 1029171, "5926751000": 14753}


def test_bad_database_url_is_a_clear_error(tmp_path):
    from budgetbook.store.db import engine_for

    with pytest.raises(BudgetBookError):
        engine_for("nosuchdialect://x")
