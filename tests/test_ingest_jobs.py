"""Reading books in several processes (`ingest --jobs N`): the same bundles, in the same order,
as reading them in one; a source that cannot be read is a message in its place."""

from __future__ import annotations

from budgetbook.readers.twbudget import read_file
from budgetbook.store.ingest import (
    Failed,
    csv_flags,
    gc_paused,
    in_order,
    read_csv_bundles,
    reading_pool,
)


def _digest(bundles):
    return [(b.id, b.meta["expenditure_total"], b.meta["flags"],
             {name: len(rows) for name, (_, _, rows) in b.tables.items()}, len(b.source_lines))
            for b in bundles]


def test_processes_give_the_same_bundles_in_order(twbudget_dir, tmp_path):
    paths = [twbudget_dir / "proposed" / f"tw{y}ap.csv" for y in (2017, 2018, 2019)]
    flags = csv_flags([read_file(p) for p in paths])
    bad = tmp_path / "proposed" / "tw2020ap.csv"
    bad.parent.mkdir()
    bad.write_text("year,code\n2020,1\n", encoding="utf-8")
    argsets = [(p, None, flags[p]) for p in paths[:2]] + [(bad, None, {})] + [
        (paths[2], None, flags[paths[2]])]
    one = list(in_order(read_csv_bundles, argsets, jobs=1))
    two = list(in_order(read_csv_bundles, argsets, jobs=2))
    with reading_pool(2) as pool:  # processes started before (as `ingest` does) serve alike
        started = list(in_order(read_csv_bundles, argsets, jobs=2, pool=pool))
    assert [_digest(b) if isinstance(b, list) else b.message for b in started] == [
        _digest(b) if isinstance(b, list) else b.message for b in two]
    assert isinstance(one[2], Failed) and isinstance(two[2], Failed)
    assert one[2].message == two[2].message and str(bad) in two[2].message
    assert "missing column" in two[2].message
    for a, b in zip(one[:2] + one[3:], two[:2] + two[3:], strict=True):
        assert _digest(a) == _digest(b) and len(a) > 100
    # the incomplete 2018 proposal is flagged (a problem of the whole file) in every book of it
    assert all(b.meta["flags"] for b in two[1]) and not any(b.meta["flags"] for b in two[0])


def _stored(db):
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"SELECT count(*), total(amount) FROM {t}").fetchone()
                for t in ("facts", "r_work_plans")} | {
            "books": con.execute("SELECT group_concat(id) FROM (SELECT id FROM books "
                                 "ORDER BY id)").fetchone(),
            "search": con.execute("SELECT count(*) FROM search_items").fetchone()}
    finally:
        con.close()


def test_ingest_with_two_processes_stores_what_one_does(twbudget_dir, tmp_path):
    from typer.testing import CliRunner

    from budgetbook.cli import app
    from budgetbook.store.ingest import SAMPLE

    folder = tmp_path / "proposed"
    folder.mkdir()
    for y in (2021, 2022):
        (folder / f"tw{y}ap.csv").write_bytes(
            (twbudget_dir / "proposed" / f"tw{y}ap.csv").read_bytes())
    (folder / "tw2023ap.csv").write_text("year,code\n2023,1\n", encoding="utf-8")
    stored = []
    for jobs in ("1", "2"):
        db = tmp_path / f"jobs{jobs}.sqlite"
        # the bundled sample's folder: its package, never the package's own CSVs as books
        result = CliRunner().invoke(app, ["ingest", str(SAMPLE), str(folder), "--db", str(db),
                                          "--jobs", jobs])
        assert result.exit_code == 2, result.output  # the broken file
        assert "tw2023ap.csv" in result.output and "missing column" in result.output
        assert "loaded 2675-2022-enacted" in result.output
        assert result.output.count("loaded ") == 3  # the sample and the two good files
        stored.append(_stored(db))
    assert stored[0] == stored[1]
    assert stored[0]["facts"][0] > 2000


def test_the_collector_is_paused_only_meanwhile():
    import gc

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:  # a caller that had it off keeps it off
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
