"""The search index: a trigram index that keeps no positions narrows the rows, and the text of
each candidate decides; so a row holding every three characters of the query, but not the query
itself, is no hit. On PostgreSQL the same answers come from LIKE over a pg_trgm index."""

from __future__ import annotations

import copy

import pytest

from budgetbook.store import queries
from budgetbook.store.load import load_bundle
from budgetbook.store.search import fts_query


def test_fts_query_asks_for_every_trigram_once():
    assert fts_query("中小企業") == '"中小企" AND "小企業"'
    assert fts_query('ab"c') == '"ab""" AND "b""c"'  # a quote doubled inside a string
    assert fts_query("甲乙甲乙甲") == '"甲乙甲" AND "乙甲乙"'  # repeated trigrams asked once


def test_all_trigrams_but_not_the_query_is_no_hit(engine, seed_bundle):
    bundle = copy.deepcopy(seed_bundle)
    plans = bundle.tables["work-plans"][2]
    plans[0]["name"] = "預算書籍 書籍預算"
    load_bundle(engine, bundle)
    assert queries.search(engine, "預算書籍預算").total == 0
    hits = queries.search(engine, "書籍預算")
    assert hits.total == 1 and hits.rows[0]["kind"] == "work-plans"
    assert queries.search(engine, "預算書籍 書籍").total == 1  # a space is part of the query
    # after the book is stored again, the index holds its rows once (no stale candidates)
    load_bundle(engine, bundle)
    assert queries.search(engine, "書籍預算").total == 1


def test_many_loads_leave_every_row_found_once(engine, seed_bundle):
    """The index merges its segments only in a crisis (migration 0014) and writes one per load
    (0016): after thirty loads of one book, each with a name of its own, every name is found
    once and the replaced ones not at all; the index's own integrity check passes."""
    from sqlalchemy import text

    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        with engine.connect() as conn:
            config = dict(conn.execute(text("SELECT k, v FROM search_fts_config")).all())
        assert config["automerge"] == 0 and config["crisismerge"] == 64
        assert config["hashsize"] == 64 * 1024 * 1024  # one segment per load (0016)
    bundle = copy.deepcopy(seed_bundle)
    for i in range(30):
        bundle.tables["work-plans"][2][0]["name"] = f"第{i:02d}號計畫丙丁"
        load_bundle(engine, bundle)
    assert queries.search(engine, "第29號計畫丙丁").total == 1
    assert queries.search(engine, "第03號計畫丙丁").total == 0
    assert queries.search(engine, "號計畫丙丁").total == 1
    if sqlite:
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)"))


CSV = ("year,code,amount,name,topname,depname,depcat,cat,ref,note\n"
       '2024,3102010100,1000,無細項,總統府主管,總統府,一般行政,國務支出,1.1.1,"辦理文書庶務"\n'
       '2024,3102019000,2000,無細項,總統府主管,總統府,國家安全會議,國務支出,1.1.2,""\n')


def test_an_open_data_line_is_one_hit(engine, tmp_path):
    """A row of open data is both a work plan and a row of the agency's ledger, on the same
    CSV line under the same name: search finds the line once, as the ledger row that holds
    its note too."""
    from budgetbook.readers.twbudget import read_file
    from budgetbook.store.ingest import file_bundles
    from budgetbook.store.load import load_bundles

    path = tmp_path / "proposed" / "tw2024ap.csv"
    path.parent.mkdir()
    path.write_text(CSV, encoding="utf-8")
    load_bundles(engine, file_bundles(read_file(path), {}))
    for q in ("一般行政", "國家安全會議", "文書庶務"):
        hits = queries.search(engine, q)
        assert hits.total == 1, q
        assert hits.rows[0]["kind"] == "expenditure-by-agency", q
    assert queries.search(engine, "一般行政").rows[0]["source_line"] == 2


def test_rows_of_one_line_with_texts_of_their_own_are_both_hits(engine, seed_bundle):
    """Two resources naming the same line under the same title, each with text the other
    lacks, stay two hits: neither holds all of the other's text."""
    bundle = copy.deepcopy(seed_bundle)
    plan = bundle.tables["work-plans"][2][0]
    plan["name"], plan["content"] = "甲乙丙丁計畫", "戊己庚辛"
    lines = bundle.tables["expenditure-lines"][2]
    lines[0].update(work_plan_name="甲乙丙丁計畫", sub_plan_name=None, object_name=None,
                    source_line=plan["source_line"])
    load_bundle(engine, bundle)
    kinds = sorted(r["kind"] for r in queries.search(engine, "甲乙丙丁計畫").rows)
    assert kinds == ["expenditure-lines", "work-plans"]
    assert queries.search(engine, "戊己庚辛").total == 1


@pytest.mark.parametrize("db_kind", [pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_role_that_does_not_own_the_index_loads_books(engine, seed_bundle):
    """Only the trigram index's owner may merge its pending list: a role that may write the
    tables but owns none of them still loads a book, and search finds it."""
    import os

    from sqlalchemy import create_engine, text

    role = f"bb_test_loader_{os.getpid()}"
    admin = create_engine(engine.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN"))
        conn.execute(text(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}"))
        conn.execute(text(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}"))
    loader = create_engine(engine.url.set(username=role))
    try:
        load_bundle(loader, seed_bundle)
        assert queries.search(loader, "中小企業").total > 10
    finally:
        loader.dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))
        admin.dispose()


def test_search_finds_the_books_words_not_ours(engine, tmp_path):
    """A row is found by the words and codes it prints, not by our own vocabulary (a ledger
    row's kind, `work_plan`) nor by its parent's code: searching a code finds the row of that
    code, not every row below it."""
    from budgetbook.readers.twbudget import read_file
    from budgetbook.store.ingest import file_bundles
    from budgetbook.store.load import load_bundles

    path = tmp_path / "proposed" / "tw2024ap.csv"
    path.parent.mkdir()
    path.write_text(CSV, encoding="utf-8")
    load_bundles(engine, file_bundles(read_file(path), {}))
    for ours in ("work_plan", "plan", "function", "agency"):
        assert queries.search(engine, ours).total == 0, ours
    function = queries.search(engine, "3102010000")  # the 政事別 國務支出, parent of both
    assert function.total == 1 and function.rows[0]["title"] == "國務支出"
    plan = queries.search(engine, "3102019000")
    assert plan.total == 1 and plan.rows[0]["title"] == "國家安全會議"


def test_a_books_tables_are_not_found_by_our_vocabulary(engine, seed_bundle):
    """The same of a book read from its text, whose tables have more of our words (a staffing
    unit's level, an analysis row's level) beside the ledgers' kinds."""
    load_bundle(engine, seed_bundle)
    for ours in ("work_plan", "plan", "agency", "function"):
        assert queries.search(engine, ours).total == 0, ours
    assert queries.search(engine, "中小企業").total > 0  # (the book's own words are found)
