"""Reader speed and memory, as ratios to a baseline measured in the same run.

Baseline: reading the file and splitting it into lines (the least any reader must do).
Measured: text loading with normalisation, section finding, and the full `budgetbook.read`.
Run: .venv/bin/python bench/bench_read.py [BOOK] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from pathlib import Path

import budgetbook
from budgetbook.sections import find_sections
from budgetbook.text import load

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_db7fe5bedc2fc6df.txt"


def baseline(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").split("\n"))


def timed(fn, arg, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(arg)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def peak(fn, arg) -> int:
    tracemalloc.start()
    fn(arg)
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("book", nargs="?", type=Path, default=SEED)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    cases = {
        "baseline (read + split)": baseline,
        "load (decode + normalise)": load,
        "load + find sections": lambda p: find_sections(load(p)),
        "budgetbook.read (full)": budgetbook.read,
    }
    base_t = timed(baseline, args.book, args.repeat)
    base_m = peak(baseline, args.book)
    print(f"book: {args.book} ({args.book.stat().st_size:,} bytes), median of {args.repeat}")
    print(f"{'case':32} {'time':>10} {'x baseline':>11} {'peak mem':>11} {'x baseline':>11}")
    for name, fn in cases.items():
        t = timed(fn, args.book, args.repeat)
        m = peak(fn, args.book)
        print(f"{name:32} {t * 1000:8.1f}ms {t / base_t:10.1f}x {m / 1e6:9.2f}MB {m / base_m:10.1f}x")


if __name__ == "__main__":
    main()
