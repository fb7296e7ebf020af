"""Is reading (and auditing) a book linear in its input? Time and peak memory of the book at 1,
4, 16 and 32 times its size, as ratios to the ×1 run measured in the same run.

A file holding one book twice is refused (a second book is named at its first line), so the
larger inputs are one book grown legitimately: every section printed n times over, as a book
whose tables run over n times as many pages would be (each section stays one span; its rows
repeat). Each size runs in a fresh process, so that its peak RSS is its own.

Stages: `load` (decode, normalise, number lines), `read` (find sections, read every table into
the Book) and `audit` (every rule). `read` is the reader's own linearity. The audit's work
grows with what it reports, the figures of its checks: with rows repeated, a join by code meets
every copy of its row, so the figures (and the audit's time and memory) grow faster than the
input by the nature of this input; per figure the audit is linear.

Run: .venv/bin/python bench/bench_scaling.py [BOOK] [--sizes 1 4 16 32]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_db7fe5bedc2fc6df.txt"


def grown(text: str, n: int) -> str:
    """The book with every section printed n times over: one book, n times the rows."""
    from budgetbook.sections import find_sections
    from budgetbook.text import from_text

    lines = text.split("\n")
    spans = sorted(sp for s in find_sections(from_text(text)).values() for sp in s.spans)
    out = lines[: spans[0][0] - 1]
    for a, b in spans:
        out.extend(lines[a - 1 : b - 1] * n)
    return "\n".join(out)


def child(path: Path) -> None:
    """One size, in its own process: each stage's seconds, and the process's peak RSS."""
    from budgetbook.audit import audit
    from budgetbook.readers.booktext import read_document
    from budgetbook.text import load

    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    doc = load(path)
    t1 = time.perf_counter()
    book = read_document(doc)
    t2 = time.perf_counter()
    report = audit(book)
    t3 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux
    print(json.dumps({"load": t1 - t0, "read": t2 - t1, "audit": t3 - t2,
                      "peak_mb": peak / 1024, "import_mb": base / 1024,
                      "lines": len(doc.lines), "work_plans": len(book.work_plans),
                      "checks": len(report.checks),
                      "figures": sum(len(c.figures) for c in report.checks)}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("book", nargs="?", type=Path, default=SEED)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16, 32])
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child)
        return
    text = args.book.read_text(encoding="utf-8")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            p = Path(tmp) / f"x{n}.txt"
            p.write_text(grown(text, n), encoding="utf-8")
            out = subprocess.run([sys.executable, __file__, "--child", str(p)],
                                 capture_output=True, text=True, check=True).stdout
            rows.append((n, p.stat().st_size, json.loads(out)))
    n0, _, first = rows[0]
    print(f"book: {args.book}; each section printed n times over; ratios to ×{n0}")
    print(f"{'size':>5} {'MB':>6} {'lines':>8} {'load s':>7} {'read s':>7} {'x':>6} "
          f"{'audit s':>8} {'x':>6} {'figures':>9} {'x':>6} {'peak MB':>8} {'x':>6}")
    for n, size, r in rows:
        print(f"×{n:<4} {size / 1e6:6.1f} {r['lines']:8,} {r['load']:7.2f} {r['read']:7.2f} "
              f"{r['read'] / first['read']:6.1f} {r['audit']:8.2f} "
              f"{r['audit'] / first['audit']:6.1f} {r['figures']:9,} "
              f"{r['figures'] / first['figures']:6.1f} {r['peak_mb']:8.0f} "
              f"{r['peak_mb'] / first['peak_mb']:6.1f}")
    print(f"(peak MB is the process's peak RSS, {first['import_mb']:.0f} MB of it after the "
          "imports)")


if __name__ == "__main__":
    main()
