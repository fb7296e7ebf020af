"""Which PDF library reads the budget books: pypdfium2 (PDFium) against pdfplumber (pdfminer.six).

For every PDF under ../shared/data, each library runs in a subprocess of its own (so one's
memory does not count against the other) and reads every page's characters with their boxes,
the least a positional reader needs. Reported per file and library: pages with characters,
pages without, characters, CJK ideographs, characters that did not decode (pdfminer's
`(cid:N)`, U+FFFD, private-use or control characters), wall time and the subprocess's peak RSS
(from os.wait4), and each library's licence from its installed metadata.

Installs nothing. pdfplumber is no dependency of budgetbook; measure it from a separate
environment that has both libraries, e.g.

    python3 -m venv .venv-bench && .venv-bench/bin/pip install pdfplumber pypdfium2
    .venv-bench/bin/python bench/measure_pdf_libraries.py

A library that is not importable is reported as such.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIBRARIES = ("pypdfium2", "pdfplumber")


def _find_data() -> Path:
    if os.environ.get("BUDGETBOOK_SHARED"):
        return Path(os.environ["BUDGETBOOK_SHARED"]) / "data"
    for base in (ROOT, *ROOT.parents):
        if (base / "shared" / "data").is_dir():
            return base / "shared" / "data"
    return ROOT.parent / "shared" / "data"


def _is_cjk(c: str) -> bool:
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def _is_garbage(c: str) -> bool:
    o = ord(c)
    return c == "\ufffd" or 0xE000 <= o <= 0xF8FF or (o < 0x20 and c not in "\r\n\t")


class Tally:
    def __init__(self) -> None:
        self.pages = self.with_chars = self.chars = self.cjk = self.garbage = 0
        self.without: list[int] = []

    def page(self, number: int, texts: list[str]) -> None:
        self.pages += 1
        visible = [t for t in texts if t.strip()]
        if not visible:
            self.without.append(number)
            return
        self.with_chars += 1
        for t in visible:
            self.chars += 1
            if t.startswith("(cid:") or any(_is_garbage(c) for c in t):
                self.garbage += 1
            elif any(_is_cjk(c) for c in t):
                self.cjk += 1

    def result(self) -> dict:
        return {"pages": self.pages, "with_chars": self.with_chars, "without": self.without,
                "chars": self.chars, "cjk": self.cjk, "garbage": self.garbage}


def work_pypdfium2(path: str) -> dict:
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    tally = Tally()
    doc = pdfium.PdfDocument(path)
    rect = pdfium_c.FS_RECTF()
    for index in range(len(doc)):
        page = doc[index]
        textpage = page.get_textpage()
        n = textpage.count_chars()
        text = textpage.get_text_range(0, n) if n else ""
        texts = []
        for i, c in enumerate(text):  # a character counts only when it has a box
            if pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, i, ctypes.byref(rect)):
                texts.append(c)
        tally.page(index + 1, texts)
        textpage.close()
        page.close()
    doc.close()
    return tally.result()


def work_pdfplumber(path: str) -> dict:
    import pdfplumber

    tally = Tally()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            tally.page(page.page_number, [c["text"] for c in page.chars
                                          if c["x1"] >= c["x0"] and c["bottom"] >= c["top"]])
            page.close()  # frees the page's cached layout, as a long-book reader would
    return tally.result()


def worker(library: str, path: str) -> None:
    try:
        __import__(library)
    except ImportError:
        print(json.dumps({"error": f"{library} is not installed in {sys.executable}"}))
        return
    t0 = time.perf_counter()
    result = {"pypdfium2": work_pypdfium2, "pdfplumber": work_pdfplumber}[library](path)
    result["seconds"] = time.perf_counter() - t0
    print(json.dumps(result))


def measure(library: str, path: Path) -> dict:
    """Run one library over one file in a fresh interpreter; add its peak RSS in MiB."""
    proc = subprocess.Popen([sys.executable, __file__, "--worker", library, str(path)],
                            stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        return {"error": f"exit {proc.returncode}"}
    result = json.loads(out)
    result["peak_mib"] = usage.ru_maxrss / 1024  # Linux reports KiB
    return result


def licence(dist: str) -> str:
    try:
        meta = metadata.metadata(dist)
    except metadata.PackageNotFoundError:
        return "not installed"
    text = meta.get("License-Expression") or meta.get("License") or ""
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    return f"{meta['Version']}: " + "; ".join(x for x in [text.splitlines()[0] if text else "",
                                                         *classifiers] if x)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--worker", nargs=2, metavar=("LIBRARY", "PDF"), help=argparse.SUPPRESS)
    ap.add_argument("pdfs", nargs="*", type=Path, help="default: every PDF in ../shared/data")
    args = ap.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    pdfs = args.pdfs or sorted(_find_data().glob("*/*.pdf"))
    for dist in ("pypdfium2", "pdfplumber", "pdfminer.six"):
        print(f"{dist:13} {licence(dist)}")
    print(f"\n{'file':26} {'library':10} {'pages':>5} {'w/ chars':>8} {'chars':>8} "
          f"{'CJK':>8} {'undecoded':>9} {'time':>8} {'peak RSS':>9}  pages without chars")
    for path in pdfs:
        for library in LIBRARIES:
            r = measure(library, path)
            if "error" in r:
                print(f"{path.name:26} {library:10} {r['error']}")
                continue
            print(f"{path.name:26} {library:10} {r['pages']:>5} {r['with_chars']:>8} "
                  f"{r['chars']:>8,} {r['cjk']:>8,} {r['garbage']:>9,} {r['seconds']:>7.2f}s "
                  f"{r['peak_mib']:>6.0f} MiB  {r['without']}", flush=True)


if __name__ == "__main__":
    main()
