"""Loading the 33 open-data files, as ratios to a baseline measured in the same run.

Baseline: parsing every file with the plain csv module (the least any importer must do).
Measured: budgetbook's reader with its checks, building the books' bundles, and loading them
into SQLite (one transaction per file).
Run: .venv/bin/python bench/bench_opendata.py
"""

from __future__ import annotations

import csv
import tempfile
import time
from pathlib import Path

from budgetbook.readers.twbudget import read_file
from budgetbook.store.db import engine_for
from budgetbook.store.ingest import csv_bundles
from budgetbook.store.load import load_bundles

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "twbudget"


def main() -> None:
    paths = sorted(DATA.glob("*/*.csv"))
    t0 = time.perf_counter()
    rows = 0
    for p in paths:
        with p.open(encoding="utf-8", newline="") as fh:
            rows += sum(1 for _ in csv.DictReader(fh))
    base = time.perf_counter() - t0
    t0 = time.perf_counter()
    files = [read_file(p) for p in paths]
    t_read = time.perf_counter() - t0
    t0 = time.perf_counter()
    bundles = list(csv_bundles(files))
    t_bundle = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        engine = engine_for(f"sqlite:///{tmp}/open.sqlite")
        t0 = time.perf_counter()
        for _, bs in bundles:
            load_bundles(engine, bs)
        t_load = time.perf_counter() - t0
        size = Path(tmp, "open.sqlite").stat().st_size
    books = sum(len(bs) for _, bs in bundles)
    print(f"{len(paths)} files, {rows:,} rows, {books:,} books; baseline csv parse {base:.2f}s")
    for name, t in (("read + check (read_file)", t_read), ("bundles (csv_bundles)", t_bundle),
                    ("load into SQLite", t_load)):
        print(f"{name:28} {t:7.2f}s {t / base:7.1f}x baseline")
    print(f"database size {size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
