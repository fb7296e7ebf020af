"""Reading books in several processes (`ingest --jobs N`): the same bundles, in the same order,
as reading them in one; a source that cannot be read is a message in its place."""

from __future__ import annotations

from budgetbook.readers.twbudget import read_file
from budgetbook.store.ingest import Failed, csv_flags, in_order, read_csv_bundles


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
    assert isinstance(one[2], Failed) and isinstance(two[2], Failed)
    assert one[2].message == two[2].message and str(bad) in two[2].message
    assert "missing column" in two[2].message
    for a, b in zip(one[:2] + one[3:], two[:2] + two[3:], strict=True):
        assert _digest(a) == _digest(b) and len(a) > 100
    # the incomplete 2018 proposal is flagged (a problem of the whole file) in every book of it
    assert all(b.meta["flags"] for b in two[1]) and not any(b.meta["flags"] for b in two[0])
