"""The fact table gives the same aggregates as the resource tables it is built from.

The oracle here sums the stored rows in Python, straight from `r_expenditure_lines` and
`r_work_plans` as the aggregate did before the fact table existed (a book's own expenditure
lines where it prints them, else its own work plans; a sub-unit's appendix never), and every
drilldown of `aggregate` must equal it cell by cell: on all 33 open-data files with the seed
book (SQLite), and on a few of them on both databases."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from sqlalchemy import func, select

from budgetbook import units
from budgetbook.store import queries
from budgetbook.store.facts import generation
from budgetbook.store.schema import books, fact_sums, facts, resource_tables

KEYS = {"work_plan": ("work_plan_code",), "sub_plan": ("work_plan_code", "sub_plan_no"),
        "object_code": ("object_code",), "object_level1": ("object_level1_code",),
        "agency": ("agency_code",), "function": ("function",), "year": ("fiscal_year",),
        "phase": ("phase",)}
LINES_ONLY = ("sub_plan", "object_code", "object_level1")
CUTS: list[dict[str, str]] = [{}, {"year": "2022", "phase": "proposed"}, {"agency": "2675"},
                              {"function": "52"}, {"phase": "enacted", "year": "2019"}]


def _oracle_rows(engine) -> list[dict[str, Any]]:
    lines, plans = resource_tables["expenditure-lines"], resource_tables["work-plans"]
    with engine.connect() as conn:
        meta = {r.id: r._mapping for r in conn.execute(select(books))}
        own_lines = [dict(r._mapping) for r in conn.execute(
            select(lines).where(lines.c.sub_unit.is_(None)))]
        with_lines = {r["book_id"] for r in own_lines}
        own_plans = [dict(r._mapping) for r in conn.execute(
            select(plans).where(plans.c.sub_unit.is_(None)))]
    rows = []
    for r in own_lines:
        rows.append({**r, "source": "lines"})
    for r in own_plans:
        if r["book_id"] not in with_lines:
            rows.append({"book_id": r["book_id"], "work_plan_code": r["code"],
                         "amount": r["amount"], "source": "plans"})
    for r in rows:
        b = meta[r["book_id"]]
        r.update(agency_code=b["agency_code"], fiscal_year=b["fiscal_year"], phase=b["phase"],
                 unit=b["unit"], function=(r["work_plan_code"] or "")[:2] or None)
    return rows


def _oracle(rows, drilldown: str | None, cuts: dict[str, str], to: str):
    column = {"agency": "agency_code", "year": "fiscal_year"}
    picked = [r for r in rows
              if all(str(r.get(column.get(k, k))) == v for k, v in cuts.items())
              and (drilldown not in LINES_ONLY or r["source"] == "lines")]
    total = sum(units.convert(r["amount"] or 0, r["unit"], to) for r in picked)
    cells: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for r in picked:
        if drilldown:
            cell = cells[tuple(r.get(k) for k in KEYS[drilldown])]
            cell[0] += units.convert(r["amount"] or 0, r["unit"], to)
            cell[1] += 1
    return (total, len(picked)), {k: tuple(v) for k, v in cells.items()}


def _check_all(engine) -> int:
    rows = _oracle_rows(engine)
    to = units.common(sorted({r["unit"] for r in rows}))
    checked = 0
    for drilldown in (None, *KEYS):
        for cuts in CUTS:
            got = queries.aggregate(engine, [], drilldown, cuts)
            want_total, want_cells = _oracle(rows, drilldown, cuts, to)
            assert (got["summary"]["amount"], got["summary"]["count"]) == want_total, \
                (drilldown, cuts)
            if drilldown:
                cells = {tuple(c[k] for k in KEYS[drilldown]): (c["amount"], c["count"])
                         for c in got["cells"]}
                assert cells == want_cells, (drilldown, cuts)
            checked += 1
    return checked


def test_every_drilldown_equals_the_resource_rows_on_all_open_data(twbudget_engine):
    assert _check_all(twbudget_engine) == 45
    with twbudget_engine.connect() as conn:
        kinds = {r[0] for r in conn.execute(select(facts.c.resource).distinct())}
    assert kinds == {"expenditure-lines", "work-plans"}  # both kinds of book are in it


@pytest.fixture
def few_files(database, twbudget_dir, seed_bundle):
    from budgetbook.readers.twbudget import read_file
    from budgetbook.store.ingest import csv_bundles
    from budgetbook.store.load import load_bundle, load_bundles

    def build(eng):
        paths = [twbudget_dir / "proposed" / "tw2022ap.csv",
                 twbudget_dir / "enacted" / "tw2019ap.csv"]
        for _, bundles in csv_bundles([read_file(p) for p in paths], neighbours=False):
            load_bundles(eng, bundles)
        load_bundle(eng, seed_bundle)

    return database("facts-few", build)


def test_same_answers_on_both_databases(few_files):
    assert _check_all(few_files) == 45
    got = queries.aggregate(few_files, [], "agency", {"year": "2022", "phase": "proposed"})
    assert got["summary"]["count"] > 1000 and len(got["cells"]) > 100


def test_a_replaced_book_leaves_no_facts_behind_and_the_generation_moves(seeded_engine,
                                                                          seed_bundle):
    from budgetbook.store.load import load_bundle

    def count() -> int:
        with seeded_engine.connect() as conn:
            return len(conn.execute(select(facts.c.row_no)).all())

    def sums() -> list[tuple]:
        with seeded_engine.connect() as conn:
            return sorted(tuple(r) for r in conn.execute(select(
                fact_sums.c.book_id, fact_sums.c.function, fact_sums.c.amount,
                fact_sums.c.fact_count)).all())

    def grouped() -> list[tuple]:
        f = facts.c
        with seeded_engine.connect() as conn:
            return sorted(tuple(r) for r in conn.execute(
                select(f.book_id, f.function, func.sum(f.amount), func.count())
                .group_by(f.book_id, f.function)).all())

    before, gen = count(), generation(seeded_engine)
    assert before > 0 and sums() == grouped() and len(sums()) >= 1
    load_bundle(seeded_engine, seed_bundle)
    assert count() == before
    assert sums() == grouped()  # the book's sums replaced with it, none left behind
    assert generation(seeded_engine) == gen + 1


def test_cuts_of_the_book_read_the_sums_and_others_the_facts(few_files):
    """A drilldown by agency, year, phase or 政事別 with cuts of the book reads the sums per book
    (a row per book, not per work plan); a cut on a work plan reads the facts. Both give the
    sums of the rows they stand for."""
    from budgetbook.store import aggregate as agg

    by_book = agg._fact("agency", [], {"year": "2022", "function": "52"})
    assert "fact_count" in by_book.c
    by_row = agg._fact("agency", [], {"year": "2022", "work_plan_code": "5226752000"})
    assert "fact_count" not in by_row.c
    assert "fact_count" not in agg._fact("work_plan", [], {"year": "2022"}).c
    got = queries.aggregate(few_files, [], "agency", {"year": "2022", "phase": "proposed",
                                                      "work_plan_code": "5226752000"})
    assert [(c["agency_code"], c["amount"], c["count"]) for c in got["cells"]] == [
        ("2675", 2080509, 1)]  # 中小企業科技應用 (the 2022 proposal's CSV line)


def test_appendix_rows_never_enter_the_facts(engine, seed_bundle):
    """A sub-unit's appendix (附錄) repeats rows of the book's own tables: the facts and the
    sums keep only the book's own."""
    import copy

    from budgetbook.store.load import load_bundle

    bundle = copy.deepcopy(seed_bundle)
    _, _, lines = bundle.tables["expenditure-lines"]
    own = len(lines)
    lines += [{**r, "sub_unit": "某分署"} for r in lines]  # an appendix printing them again
    load_bundle(engine, bundle)
    t = resource_tables["expenditure-lines"]
    with engine.connect() as conn:
        stored = len(conn.execute(select(t.c.row_no)).all())
        n_facts = len(conn.execute(select(facts.c.row_no)).all())
    assert stored == 2 * own and n_facts == own > 0
    total = queries.aggregate(engine, [], None)["summary"]["amount"]
    assert total == sum(r["amount"] or 0 for r in lines[:own])


def test_a_page_of_cells_is_that_slice_of_all_of_them_with_the_same_labels(few_files):
    cuts = {"year": "2022", "phase": "proposed"}
    for drilldown in ("agency", "function", "work_plan", "year"):
        whole = queries.aggregate(few_files, [], drilldown, cuts)
        for offset in (0, 7, 100):
            page = queries.aggregate_page(few_files, [], drilldown, cuts, limit=10,
                                          offset=offset)
            assert page["cells"] == whole["cells"][offset : offset + 10], (drilldown, offset)
            assert page["cell_count"] == len(whole["cells"])
            assert page["summary"] == whole["summary"]
    labelled = queries.aggregate_page(few_files, [], "agency", cuts, limit=5)["cells"]
    assert all(c["label"] for c in labelled)  # every agency on the page is named


def test_sums_per_book_give_the_facts_answers_labels_included(few_files, monkeypatch):
    """Every drilldown of the book, with and without cuts of the book, answers the same from
    the sums per book as from the facts, the 政事別's and agencies' names included."""
    from budgetbook.store import aggregate as agg

    asked = [(d, c) for d in ("agency", "function", "year", "phase", None)
             for c in ({}, {"year": "2022", "phase": "proposed"}, {"function": "52"})]
    by_book = [queries.aggregate(few_files, [], d, c) for d, c in asked]
    monkeypatch.setattr(agg, "BY_BOOK", ())
    assert [queries.aggregate(few_files, [], d, c) for d, c in asked] == by_book
    science = next(c for c in by_book[3]["cells"] if c["function"] == "52")
    assert science["label"] == "科學支出"  # the cat column of the 2022 proposal
