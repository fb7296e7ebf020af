"""Store speed, as ratios to a baseline measured in the same run.

Baseline: reading the seed book (`budgetbook.read`). Measured: flattening and auditing it, loading
it into SQLite and into PostgreSQL (one transaction, replacing the previous copy), and the
queries the API and pages run most (aggregate, search, a resource page), each against the
trivial query `SELECT 1` on the same engine.
Run: .venv/bin/python bench/bench_store.py [--repeat N] [--pg URL]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

import budgetbook
from budgetbook.export.bundle import from_book
from budgetbook.store import queries
from budgetbook.store.db import engine_for, upgrade
from budgetbook.store.load import load_bundle
from budgetbook.text import load

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_db7fe5bedc2fc6df.txt"
BOOK = "2675-2022-enacted"
SCHEMA = "bb_bench"


def timed(fn: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = ap.parse_args()
    doc = load(SEED)
    book = budgetbook.read(SEED)
    bundle = from_book(book, doc)
    base = timed(lambda: budgetbook.read(SEED), args.repeat)
    print(f"baseline budgetbook.read(seed): {base * 1000:.1f} ms (median of {args.repeat})")
    print(f"{'case':44} {'time':>10} {'x read':>8}")
    print(f"{'flatten + audit (bundle.from_book)':44} "
          f"{timed(lambda: from_book(book, doc), args.repeat) * 1000:8.1f}ms "
          f"{timed(lambda: from_book(book, doc), args.repeat) / base:7.2f}x")
    with tempfile.TemporaryDirectory() as tmp:
        engines = {"sqlite": engine_for(f"sqlite:///{tmp}/bench.sqlite")}
        admin = create_engine(args.pg)
        try:
            with admin.begin() as conn:  # a schema of its own, dropped afterwards
                conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
                conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
            pg = create_engine(args.pg, connect_args={"options": f"-csearch_path={SCHEMA}"})
            upgrade(pg)
            engines["postgresql"] = pg
        except (OperationalError, budgetbook.BudgetBookError) as exc:
            print(f"(PostgreSQL not measured: {exc})")
        for name, eng in engines.items():
            t = timed(lambda eng=eng: load_bundle(eng, bundle), args.repeat)
            print(f"{'load book into ' + name:44} {t * 1000:8.1f}ms {t / base:7.2f}x")
        print(f"\n{'query':44} {'time':>10} {'x SELECT 1':>11}")
        for name, eng in engines.items():
            def select1(eng=eng):
                with eng.connect() as c:
                    c.execute(text("SELECT 1")).scalar()
            q_base = timed(select1, args.repeat * 4)
            cases = {
                "aggregate drilldown=object_code": lambda eng=eng: queries.aggregate(
                    eng, [BOOK], "object_code"),
                "search 委辦 (2 chars: LIKE)": lambda eng=eng: queries.search(eng, "委辦"),
                "search 委辦費 (3 chars: index)": lambda eng=eng: queries.search(eng, "委辦費"),
                "rows expenditure-lines page": lambda eng=eng: queries.rows(
                    eng, BOOK, "expenditure-lines"),
            }
            for label, fn in cases.items():
                t = timed(fn, args.repeat * 4)
                print(f"{name + ': ' + label:44} {t * 1000:8.2f}ms {t / q_base:10.1f}x")
        if "postgresql" in engines:
            engines["postgresql"].dispose()
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))


if __name__ == "__main__":
    main()
