"""Loading the 33 open-data files, as ratios to a baseline measured in the same run.

Baseline: parsing every file with the plain csv module (the least any importer must do).
Measured, in one process, each stage of `budgetbook ingest` on them: reading with the checks
across files, making the books' bundles, preparing their rows for the writer (what the reading
processes of `ingest --jobs` do, with the garbage collector paused as they do), and writing them
into SQLite (the one writer: one transaction per file, the trigram index included).
Run: .venv/bin/python bench/bench_opendata.py
"""

from __future__ import annotations

import csv
import tempfile
import time
from pathlib import Path

from budgetbook.readers.twbudget import read_file
from budgetbook.store.db import engine_for
from budgetbook.store.ingest import csv_bundles, gc_paused
from budgetbook.store.load import prepare, write

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
    files = [read_file(p, books=False) for p in paths]
    t_read = time.perf_counter() - t0
    # as the reading processes make them: with the cyclic collector paused (ingest.gc_paused)
    t0 = time.perf_counter()
    with gc_paused():
        bundles = list(csv_bundles(files))
    t_bundle = time.perf_counter() - t0
    t0 = time.perf_counter()
    with gc_paused():
        prepared = [prepare(bs) for _, bs in bundles]
    t_prepare = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        engine = engine_for(f"sqlite:///{tmp}/open.sqlite")
        t0 = time.perf_counter()
        for p in prepared:
            write(engine, p)
        t_write = time.perf_counter() - t0
        engine.dispose()
        size = sum(f.stat().st_size for f in Path(tmp).iterdir())
    books = sum(len(bs) for _, bs in bundles)
    print(f"{len(paths)} files, {rows:,} rows, {books:,} books; baseline csv parse {base:.2f}s")
    for name, t in (("read + check (read_file)", t_read), ("bundles (csv_bundles)", t_bundle),
                    ("prepare (reading processes)", t_prepare),
                    ("write into SQLite (writer)", t_write)):
        print(f"{name:28} {t:7.2f}s {t / base:7.1f}x baseline")
    print(f"database size {size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
