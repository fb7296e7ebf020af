"""Reading a book from its PDF: speed and memory as ratios to a baseline measured in the same run.

Baseline: pypdfium2's plain text extraction of every page (`get_textpage().get_text_range()`),
the least any PDF reader must do. Measured: `budgetbook.pdf.read_pdf` (the text layer: every
character's box, the rows rebuilt from positions and the margin labels) and
`budgetbook.readers.pdfbook.read` (the whole book: every table into the model, appendices
included, each figure with its page and box).

Imports are done before the clock starts (they cost the same for any book; budgetbook's own
package imports its model, about 30 MiB of the RSS). Each case runs in a fresh subprocess (peak RSS from os.wait4, so neither run's memory counts in
the other's), baseline and ours alternating, and the median of --repeat runs is kept: on a
shared machine single runs wander by a third.

Run: .venv/bin/python bench/bench_pdf.py [PDF ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _find_data() -> Path:
    if os.environ.get("BUDGETBOOK_SHARED"):
        return Path(os.environ["BUDGETBOOK_SHARED"]) / "data"
    for base in (ROOT, *ROOT.parents):
        if (base / "shared" / "data").is_dir():
            return base / "shared" / "data"
    return ROOT.parent / "shared" / "data"


def baseline(path: str) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    chars = 0
    for index in range(len(doc)):
        page = doc[index]
        textpage = page.get_textpage()
        chars += len(textpage.get_text_range())
        textpage.close()
        page.close()
    doc.close()
    return chars


def ours(path: str) -> int:
    from budgetbook.pdf import read_pdf

    return len(read_pdf(path).lines)


def book(path: str) -> int:
    from budgetbook.readers.pdfbook import read

    b, _ = read(path)
    return len(b.work_plans) + sum(len(a.work_plans) for a in b.appendices)


CASES = {"baseline": baseline, "read_pdf": ours, "book": book}


def worker(case: str, path: str) -> None:
    import pypdfium2  # noqa: F401 - imports are the same for every book: not timed

    import budgetbook.pdf  # noqa: F401
    import budgetbook.readers.pdfbook  # noqa: F401

    t0 = time.perf_counter()
    size = CASES[case](path)
    print(json.dumps({"seconds": time.perf_counter() - t0, "size": size}))


def run(case: str, path: Path) -> tuple[float, float, int]:
    """(seconds, peak RSS in MiB, size) of one case in a fresh interpreter."""
    proc = subprocess.Popen([sys.executable, __file__, "--worker", case, str(path)],
                            stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{case} failed on {path}")
    r = json.loads(out)
    return r["seconds"], usage.ru_maxrss / 1024, r["size"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("pdfs", nargs="*", type=Path, help="default: every PDF in ../shared/data")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    pdfs = args.pdfs or sorted(_find_data().glob("*/*.pdf"))
    print(f"median of {args.repeat} run(s) each, every case in its own subprocess")
    print(f"{'file':26} {'pages':>5} {'baseline':>9} {'read_pdf':>9} {'x time':>7} "
          f"{'book':>8} {'x time':>7} {'base RSS':>9} {'pdf RSS':>8} {'book RSS':>9} "
          f"{'x RSS':>6}")
    for path in pdfs:
        samples: dict[str, list[tuple[float, float, int]]] = {c: [] for c in CASES}
        for _ in range(args.repeat):
            for case in CASES:
                samples[case].append(run(case, path))
        bt = statistics.median(s[0] for s in samples["baseline"])
        bm = statistics.median(s[1] for s in samples["baseline"])
        ot = statistics.median(s[0] for s in samples["read_pdf"])
        om = statistics.median(s[1] for s in samples["read_pdf"])
        kt = statistics.median(s[0] for s in samples["book"])
        km = statistics.median(s[1] for s in samples["book"])
        import pypdfium2 as pdfium

        pages = len(pdfium.PdfDocument(path))
        print(f"{path.name:26} {pages:>5} {bt:>8.2f}s {ot:>8.2f}s {ot / bt:>6.2f}x "
              f"{kt:>7.2f}s {kt / bt:>6.2f}x {bm:>5.0f} MiB {om:>4.0f} MiB {km:>5.0f} MiB "
              f"{km / bm:>5.2f}x", flush=True)


if __name__ == "__main__":
    main()
