"""The search index: a trigram index that keeps no positions narrows the rows, and the text of
each candidate decides; so a row holding every three characters of the query, but not the query
itself, is no hit. On PostgreSQL the same answers come from LIKE over a pg_trgm index."""

from __future__ import annotations

import copy

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
    """The index merges its segments only in a crisis (migration 0014): after thirty loads of
    one book, each with a name of its own, every name is found once and the replaced ones not
    at all; the index's own integrity check passes."""
    from sqlalchemy import text

    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        with engine.connect() as conn:
            config = dict(conn.execute(text("SELECT k, v FROM search_fts_config")).all())
        assert config["automerge"] == 0 and config["crisismerge"] == 64
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
