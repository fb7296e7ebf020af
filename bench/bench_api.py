"""The API against Datasette, side by side in one run (issue 11).

Both systems get the same 33 open-data files: budgetbook through `budgetbook ingest` (SQLite,
and PostgreSQL with --postgres), Datasette through `sqlite-utils insert --csv` per file (plus a
phase and an agency_code column, and an FTS5 trigram index for search). The same load (wrk if
it is on PATH, else an asyncio client; 2 threads, 32 connections, 10 s) runs against each
pair of equivalent requests: the cross-book aggregate, a one-book aggregate, search and a time
line. Also measured: ingest time and database size, the first request after start and after an
ingest, `serve --workers 2` (where the option exists), a 10x fixture (--scale) and the
explorer's home and book page in headless Chromium (bytes transferred, first contentful paint).
Every metric is printed against the issue's target, and written as JSON with --json.

Datasette and sqlite-utils are installed from PyPI into a venv of their own (.bench/venv,
created once and reused); everything else the run creates lives in a temporary folder under
.bench/ and is removed at the end, as are the servers and the PostgreSQL database.

Run: .venv/bin/python bench/bench_api.py [--quick] [--postgres] [--scale] [--json PATH]
     [--ref HEAD]   (measure the committed src of a ref instead of the working tree)
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.parse
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "twbudget"
CACHE = ROOT / ".bench"
BENCH_VENV = CACHE / "venv"
PYTHON = ROOT / ".venv" / "bin" / "python"
BUDGETBOOK = ROOT / ".venv" / "bin" / "budgetbook"
SAMPLE = ROOT / "src" / "budgetbook" / "data" / "sample" / "2675-2022-enacted"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/{db}"

DS_NAME = "twbudget"  # the sqlite-utils file is twbudget.db, so Datasette's database is /twbudget
TABLE = "budget"
FTS_COLUMNS = ("name", "depname", "depcat", "note")  # what budgetbook's search covers too
INDEXES = (("year", "phase"), ("agency_code",))
THREE_X_TEXT = "bb/alt <= 1/3"
DATASETTE_SETTINGS = {"sql_time_limit_ms": "5000", "suggest_facets": "off"}
YEAR, PHASE, AGENCY = 2022, "proposed", "2675"  # the one book: 中小企業處, FY2022 proposal
QUERY = "中小企業"
COPIES = 10  # the scale fixture: the 33 files' rows, 10 times
_CODE = re.compile(r"^[0-9A-Z]{10}$")  # as budgetbook.readers.twbudget: codes it reads


# --- pure helpers (tested in tests/test_bench_api.py) ----------------------------------------

def percentile(values: Iterable[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation between closest ranks (numpy's
    default); nan for no values."""
    xs = sorted(values)
    if not xs:
        return float("nan")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is not within 0..100")
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


_WRK_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}


def _wrk_ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not m:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(m.group(1)) * _WRK_UNITS[m.group(2)]


def parse_wrk(out: str) -> dict[str, Any]:
    """Requests, req/s, latency percentiles (ms), socket errors and non-2xx/3xx answers from
    the output of `wrk --latency`."""
    res: dict[str, Any] = {"errors": 0, "timeouts": 0, "non2xx": 0}
    if m := re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", out):
        res["requests"] = int(m.group(1))
        res["seconds"] = _wrk_ms(m.group(2) + m.group(3)) / 1000
    if m := re.search(r"Requests/sec:\s+([\d.]+)", out):
        res["rps"] = float(m.group(1))
    for pct, value in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", out, re.M):
        res[f"p{pct}_ms"] = _wrk_ms(value)
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                      out):
        connect, read, write, timeout = (int(g) for g in m.groups())
        res["errors"] = connect + read + write + timeout
        res["timeouts"] = timeout
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        res["non2xx"] = int(m.group(1))
    return res


def agency_map(codes: Iterable[str], copies: int) -> dict[tuple[int, str], str]:
    """For copies 1..copies-1 of every agency code, a 4-digit code no real agency (nor another
    copy) has: the unused codes from 0000 up, in order. Copy 0 is the agency itself."""
    real = sorted(set(codes))
    free = (f"{n:04d}" for n in range(10_000) if f"{n:04d}" not in set(real))
    out: dict[tuple[int, str], str] = {}
    try:
        for k in range(1, copies):
            for code in real:
                out[(k, code)] = next(free)
    except StopIteration:
        raise ValueError(f"{len(real)} agencies x {copies} copies do not fit in 4 digits") \
            from None
    return out


def scaled_rows(rows: list[dict[str, str]], copies: int,
                mapping: dict[tuple[int, str], str]) -> Iterator[dict[str, str]]:
    """The rows, then copies-1 replicas of each readable one under its copy's agency code
    (characters 3-6 of the 10-character 科目 code). A row whose code budgetbook cannot read
    (not 10 characters) stays once, as the original, so no copy adds a duplicate code."""
    yield from rows
    for k in range(1, copies):
        for row in rows:
            code = row["code"].strip()
            if not _CODE.match(code):
                continue
            yield {**row, "code": code[:2] + mapping[(k, code[2:6])] + code[6:]}


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def write_scaled(src_dir: Path, dst_dir: Path, copies: int) -> int:
    """Write every CSV of src_dir/{proposed,enacted}/ to dst_dir, `copies` times its rows (see
    scaled_rows), in the same format (header, columns, \\n line ends). Returns rows written."""
    files = sorted(src_dir.glob("*/*.csv"))
    tables = {p: read_csv(p) for p in files}
    mapping = agency_map((r["code"].strip()[2:6] for _, rows in tables.values() for r in rows
                          if _CODE.match(r["code"].strip())), copies)
    n = 0
    for p, (header, rows) in tables.items():
        out = dst_dir / p.parent.name / p.name
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
            w.writeheader()
            for row in scaled_rows(rows, copies, mapping):
                w.writerow(row)
                n += 1
    return n


def url(base: str, path: str, params: Iterable[tuple[str, str | int]] = ()) -> str:
    """base + path + the query, percent-encoded (wrk sends the URL as given)."""
    q = urllib.parse.urlencode(list(params), quote_via=urllib.parse.quote)
    return f"{base}{path}?{q}" if q else f"{base}{path}"


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0 or a != a or b != b:
        return None
    return a / b


@dataclass
class Target:
    what: str  # "value" (budgetbook's figure) or "ratio" (budgetbook ÷ the alternative)
    op: str  # "<=" or ">="
    limit: float
    text: str

    def met(self, value: float | None, rat: float | None) -> bool | None:
        x = value if self.what == "value" else rat
        if x is None or x != x:
            return None
        return x <= self.limit if self.op == "<=" else x >= self.limit


THREE_X = Target("ratio", "<=", 1 / 3, THREE_X_TEXT)  # ingest: 3x faster


@dataclass
class Metric:
    name: str
    unit: str
    bb: float | None
    alt: float | None = None
    alt_name: str = "Datasette"
    target: Target | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return ratio(self.bb, self.alt)

    @property
    def met(self) -> bool | None:
        return self.target.met(self.bb, self.ratio) if self.target else None

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "unit": self.unit, "budgetbook": self.bb,
                "alternative": self.alt, "alternative_name": self.alt_name,
                "ratio": self.ratio, "target": self.target.text if self.target else None,
                "met": self.met, "note": self.note}


def fmt(x: float | None, unit: str = "") -> str:
    if x is None or x != x:
        return "—"
    if unit == "":  # a count
        return f"{x:,.0f}"
    if unit == "bytes":
        return f"{x / 1e6:,.1f} MB" if x >= 1e6 else f"{x / 1024:,.0f} KiB"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:,.1f}" if abs(x) >= 10 else f"{x:,.2f}"


def width(text: str) -> int:
    """Columns a terminal gives the text (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, n: int) -> str:
    return text + " " * max(0, n - width(text))


def table(metrics: list[Metric]) -> str:
    n = max([width(m.name + (f" ({m.unit})" if m.unit and m.unit != "bytes" else ""))
             for m in metrics] + [6])
    head = (f"{pad('metric', n)} {'budgetbook':>12} {'alternative':>12} {'bb/alt':>8}  "
            f"{'target':22} met")
    lines = [head, "-" * len(head)]
    for m in metrics:
        unit = f" ({m.unit})" if m.unit and m.unit != "bytes" else ""
        met = {True: "met", False: "NOT MET", None: ""}[m.met]
        r = m.ratio
        lines.append(f"{pad(m.name + unit, n)} {fmt(m.bb, m.unit):>12} "
                     f"{fmt(m.alt, m.unit):>12} {(f'{r:.2f}x' if r is not None else '—'):>8}  "
                     f"{(m.target.text if m.target else ''):22} {met}".rstrip())
        if m.note:
            lines.append(f"{'':4}{m.note}")
    return "\n".join(lines)


# --- processes -------------------------------------------------------------------------------

def say(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def run(cmd: list[str | Path], env: dict[str, str] | None = None,
        quiet: bool = True) -> float:
    """Run a command to completion; its wall time in seconds. Output is kept for an error."""
    t0 = time.perf_counter()
    p = subprocess.run([str(c) for c in cmd], env=env, capture_output=quiet, text=True)
    took = time.perf_counter() - t0
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))[:300]} exited {p.returncode}:\n"
                           f"{(p.stderr or '')[-3000:]}")
    return took


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(cmd: list[str | Path], ready: str, log: Path, env: dict[str, str] | None = None,
           timeout: float = 180) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server in a process group of its own, wait until `ready` answers 200, and stop
    the group (the server and any workers it forked) on the way out."""
    import httpx

    with log.open("wb") as fh:
        proc = subprocess.Popen([str(c) for c in cmd], stdout=fh, stderr=subprocess.STDOUT,
                                env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited {proc.returncode}: "
                                   f"{log.read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(ready, timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{ready} not ready after {timeout:.0f} s")
            time.sleep(0.2)
        yield proc
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)
    except ProcessLookupError:
        pass


# --- the bench environment -------------------------------------------------------------------

@dataclass
class Env:
    datasette: Path
    sqlite_utils: Path
    wrk: str | None
    versions: dict[str, str]
    bb_env: dict[str, str]  # the environment of every budgetbook command
    src: str  # what budgetbook code runs: the working tree or a ref's committed src
    commit: str
    dirty: list[str]


def bench_venv() -> tuple[Path, Path]:
    """Datasette and sqlite-utils in .bench/venv, installed from PyPI the first time."""
    ds, su = BENCH_VENV / "bin" / "datasette", BENCH_VENV / "bin" / "sqlite-utils"
    if not (ds.exists() and su.exists()):
        say(f"creating {BENCH_VENV} (datasette, sqlite-utils from PyPI)")
        if not (BENCH_VENV / "bin" / "pip").exists():  # (a venv cut short is made again)
            run([sys.executable, "-m", "venv", "--clear", BENCH_VENV])
        run([BENCH_VENV / "bin" / "python", "-m", "pip", "install", "-q", "datasette",
             "sqlite-utils"])
    return ds, su


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()


def budgetbook_env(ref: str | None) -> tuple[dict[str, str], str, str, list[str]]:
    """The environment for budgetbook commands. With a ref, its committed src/ is exported to
    .bench/src-<commit> and put first on PYTHONPATH (the vendored browser files, which git
    ignores, are copied from the working tree), so uncommitted work in the shared tree is not
    what gets measured."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("BUDGETBOOK_DB", None)
    if ref is None:
        commit = git("rev-parse", "--short", "HEAD")
        dirty = [ln[3:] for ln in git("status", "--porcelain", "--", "src").splitlines()]
        return env, "working tree", commit, dirty
    commit = git("rev-parse", "--short", ref)
    dest = CACHE / f"src-{commit}"
    if not (dest / "src" / "budgetbook").exists():
        dest.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit, "src"], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
        vendor = ROOT / "src" / "budgetbook" / "web" / "static" / "vendor"
        if vendor.is_dir():
            shutil.copytree(vendor, dest / "src" / "budgetbook" / "web" / "static" / "vendor",
                            dirs_exist_ok=True)
    env["PYTHONPATH"] = str(dest / "src")
    return env, f"{ref} ({commit}), exported to {dest.relative_to(ROOT)}", commit, []


def version(cmd: list[str | Path]) -> str:
    p = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    return (p.stdout or p.stderr).strip().splitlines()[0] if (p.stdout or p.stderr) else "?"


def setup(args: argparse.Namespace) -> Env:
    ds, su = bench_venv()
    wrk = shutil.which("wrk") if args.client in ("auto", "wrk") else None
    if args.client == "wrk" and wrk is None:
        raise SystemExit("--client wrk: wrk is not on PATH (apt-get install -y wrk)")
    bb_env, src, commit, dirty = budgetbook_env(args.ref)
    versions = {"datasette": version([ds, "--version"]),
                "sqlite-utils": version([su, "--version"]),
                "wrk": version(["wrk", "--version"]) if wrk else "absent: asyncio client",
                "python": sys.version.split()[0]}
    return Env(ds, su, wrk, versions, bb_env, src, commit, dirty)


# --- loading the data ------------------------------------------------------------------------

def csv_files(data: Path) -> list[Path]:
    return sorted(data.glob("*/*.csv"))


def ingest_budgetbook(env: Env, data: Path, db: str) -> float:
    return run([BUDGETBOOK, "ingest", data, "--db", db], env=env.bb_env)


def ingest_sqlite_utils(env: Env, data: Path, db: Path, indexes: bool = True
                        ) -> dict[str, float]:
    """`sqlite-utils insert --csv` per file, the code kept as text and two columns added
    (phase from the folder, agency_code = characters 3-6 of the code), then an FTS5 trigram
    index over the name and note columns (what budgetbook's search covers) and, unless told
    not to, the indexes a Datasette publisher would add for these GROUP BYs: (year, phase)
    and (agency_code). Returns the seconds of each step."""
    t_insert = 0.0
    for p in csv_files(data):
        convert = (f'row["phase"] = "{p.parent.name}"\n'
                   'row["agency_code"] = row["code"].strip()[2:6]\n'
                   "return row")
        t_insert += run([env.sqlite_utils, "insert", db, TABLE, p, "--csv", "--type", "code",
                         "text", "--convert", convert, "--silent"])
    t_fts = run([env.sqlite_utils, "enable-fts", db, TABLE, *FTS_COLUMNS, "--fts5",
                 "--tokenize", "trigram"])
    t_index = 0.0
    if indexes:
        for cols in INDEXES:
            t_index += run([env.sqlite_utils, "create-index", db, TABLE, *cols])
    return {"insert_s": t_insert, "fts_s": t_fts, "index_s": t_index}


def sqlite_size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"))
               if p.exists())


def pg_size(dbname: str) -> int:
    import psycopg

    with psycopg.connect(PG_ADMIN) as conn:
        row = conn.execute("SELECT pg_database_size(%s)", (dbname,)).fetchone()
        return int(row[0]) if row else 0


@contextmanager
def pg_database(name: str) -> Iterator[str]:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_URL.format(db=name)
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- the requests ----------------------------------------------------------------------------

@dataclass
class Pair:
    """One question asked of both systems."""
    key: str
    label: str
    what: str
    bb_path: str
    bb_params: list[tuple[str, str | int]]
    ds_path: str
    ds_params: list[tuple[str, str | int]]

    def bb(self, base: str) -> str:
        return url(base, self.bb_path, self.bb_params)

    def ds(self, base: str) -> str:
        return url(base, self.ds_path, self.ds_params)


def sql(query: str) -> list[tuple[str, str | int]]:
    return [("sql", " ".join(query.split())), ("_shape", "array")]


def pairs(book: dict[str, Any]) -> list[Pair]:
    agency, year, phase = book["agency_code"], book["fiscal_year"], book["phase"]
    return [
        Pair("cross", "cross-book aggregate", f"year {YEAR} {PHASE} by agency",
             "/api/aggregate",
             [("cut", f"year:{YEAR}"), ("cut", f"phase:{PHASE}"), ("drilldown", "agency"),
              ("limit", 1000)],
             f"/{DS_NAME}.json",
             sql(f"select agency_code, depname, sum(amount) as amount, count(*) as count "
                 f"from {TABLE} where year = {YEAR} and phase = '{PHASE}' "
                 f"group by agency_code order by amount desc limit 1000")),
        Pair("book", "one-book aggregate", f"{book['id']} by work plan", "/api/aggregate",
             [("book", book["id"]), ("drilldown", "work_plan"), ("limit", 1000)],
             f"/{DS_NAME}.json",
             sql(f"select code, depcat, name, sum(amount) as amount, count(*) as count "
                 f"from {TABLE} where agency_code = '{agency}' and year = {year} and "
                 f"phase = '{phase}' group by code order by amount desc limit 1000")),
        Pair("search", "search", f"{QUERY} across all books", "/api/search", [("q", QUERY)],
             f"/{DS_NAME}/{TABLE}.json",
             [("_search", QUERY), ("_size", 100), ("_shape", "array")]),
        Pair("timeline", "time line", f"agency {agency}, every year and phase",
             "/api/timeline", [("agency", agency)],
             f"/{DS_NAME}.json",
             sql(f"select year, phase, sum(amount) as amount, count(*) as count from {TABLE} "
                 f"where agency_code = '{agency}' group by year, phase order by year, phase")),
    ]


HEADERS = {"Accept-Encoding": "gzip"}  # what browsers and HTTP libraries send


def get_json(u: str) -> Any:
    import httpx

    r = httpx.get(u, headers=HEADERS, timeout=120)
    r.raise_for_status()
    return r.json()


def first_request_ms(u: str) -> float:
    """One request on a new connection, as a reader's first click: wall time in ms from
    connecting to the last byte of the body (http.client: no client set-up in the time)."""
    parts = urllib.parse.urlsplit(u)
    t0 = time.perf_counter()
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=120)
    try:
        conn.request("GET", f"{parts.path}?{parts.query}" if parts.query else parts.path,
                     headers=HEADERS)
        resp = conn.getresponse()
        body = resp.read()
    finally:
        conn.close()
    took = (time.perf_counter() - t0) * 1000
    if resp.status != 200:
        raise RuntimeError(f"{u}: HTTP {resp.status}: {body[:300]!r}")
    return took


def check_answers(p: Pair, bb_base: str, ds_base: str) -> dict[str, Any]:
    """Both answers to one question: cell counts and totals (Datasette's NTD in thousands)."""
    bb, ds = get_json(p.bb(bb_base)), get_json(p.ds(ds_base))
    out: dict[str, Any] = {"question": p.label}
    if p.key in ("cross", "book"):
        out.update(bb_cells=bb["total"], ds_cells=len(ds), bb_total=bb["summary"]["amount"],
                   ds_total=round(sum(r["amount"] or 0 for r in ds) / 1000))
    elif p.key == "timeline":
        points = [i for i in bb["items"] if i["amount"] is not None]
        out.update(bb_cells=len(points), ds_cells=len(ds),
                   bb_total=sum(i["amount"] for i in points),
                   ds_total=round(sum(r["amount"] or 0 for r in ds) / 1000))
    else:  # search: entries (budgetbook: a name or a note) against rows; counted, not equated
        d = get_json(url(ds_base, f"/{DS_NAME}/{TABLE}.json", [("_search", QUERY),
                                                               ("_size", 1)]))
        out.update(bb_hits=bb["total"], ds_rows=d.get("filtered_table_rows_count"),
                   bb_page=len(bb["items"]), ds_page=len(ds))
        return out
    out["same"] = out["bb_cells"] == out["ds_cells"] and out["bb_total"] == out["ds_total"]
    return out


# --- load ------------------------------------------------------------------------------------

def load(env: Env, u: str, seconds: float, connections: int) -> dict[str, Any]:
    if env.wrk:
        cmd = [env.wrk, f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds:g}s",
               "--latency", "-H", "Accept-Encoding: gzip", u]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError(f"wrk exited {p.returncode}: {p.stderr[-1000:]}")
        res = parse_wrk(p.stdout)
        res["client"] = "wrk"
        return res
    return asyncio.run(asyncio_load(u, seconds, connections))


async def read_response(reader: asyncio.StreamReader) -> tuple[int, int, bool]:
    """One HTTP/1.1 response off a kept-alive connection: (status, body bytes, whether the
    server closes the connection). Bodies by Content-Length, chunked, or up to the close."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    headers = {k.strip().lower(): v.strip().lower()
               for k, _, v in (ln.partition(":") for ln in head[1:] if ln)}
    close = headers.get("connection") == "close"
    if "content-length" in headers:
        size = int(headers["content-length"])
        await reader.readexactly(size)
    elif headers.get("transfer-encoding") == "chunked":
        size = 0
        while n := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await reader.readexactly(n + 2)
            size += n
        while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers, then the blank line
            pass
    else:
        size, close = len(await reader.read()), True
    return status, size, close


async def asyncio_load(u: str, seconds: float, connections: int,
                       timeout: float = 10.0) -> dict[str, Any]:
    """The fallback without wrk: `connections` kept-alive connections on asyncio streams
    (no HTTP library, so the client costs little CPU), each sending its next request as soon
    as the last was answered; a time-out or a broken connection is counted and the
    connection opened again."""
    parts = urllib.parse.urlsplit(u)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    target = f"{parts.path}?{parts.query}" if parts.query else parts.path
    request = (f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\n"
               + "".join(f"{k}: {v}\r\n" for k, v in HEADERS.items())
               + "User-Agent: bench_api\r\n\r\n").encode("latin-1")
    latencies: list[float] = []
    codes: Counter[int] = Counter()
    failures: Counter[str] = Counter()
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        while (t0 := time.perf_counter()) < deadline:
            try:
                if conn is None:
                    conn = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
                reader, writer = conn
                writer.write(request)
                status, _, close = await asyncio.wait_for(read_response(reader), timeout)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                failures["timeout" if isinstance(exc, TimeoutError) else "error"] += 1
                if conn is not None:
                    conn[1].close()
                conn = None
                continue
            latencies.append((time.perf_counter() - t0) * 1000)
            codes[status] += 1
            if close:
                writer.close()
                conn = None
        if conn is not None:
            conn[1].close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    elapsed = time.perf_counter() - start
    done = sum(codes.values())
    return {"client": "asyncio", "requests": done, "seconds": elapsed, "rps": done / elapsed,
            "p50_ms": percentile(latencies, 50), "p99_ms": percentile(latencies, 99),
            "errors": sum(failures.values()), "timeouts": failures["timeout"],
            "non2xx": sum(n for c, n in codes.items() if not 200 <= c < 400)}


# --- the explorer in Chromium ----------------------------------------------------------------

PAGE_JS = """() => {
  const paint = performance.getEntriesByType('paint')
      .find(e => e.name === 'first-contentful-paint');
  const entries = [...performance.getEntriesByType('navigation'),
                   ...performance.getEntriesByType('resource')];
  return {fcp: paint ? paint.startTime : null,
          bytes: entries.reduce((s, e) => s + (e.encodedBodySize || 0), 0),
          requests: entries.length,
          largest: entries.map(e => [e.name.replace(location.origin, ''), e.encodedBodySize])
                          .sort((a, b) => b[1] - a[1]).slice(0, 3)};
}"""


def explorer(pages: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Each page twice, each time in a fresh browser context (nothing in the browser's cache):
    response bodies as sent (after compression: Resource Timing's encodedBodySize of the
    document and everything it loaded) and first contentful paint, once the network is idle.
    The first visit is the one measured against the targets (the server has not built the
    page since it started); the second shows what a server-side cache saves."""
    from playwright.sync_api import Browser, Response, sync_playwright

    def visit(browser: Browser, u: str) -> dict[str, Any]:
        ctx = browser.new_context()
        try:
            page = ctx.new_page()
            statuses: list[int] = []

            def seen(resp: Response) -> None:
                statuses.append(resp.status)

            page.on("response", seen)
            t0 = time.perf_counter()
            page.goto(u, wait_until="networkidle", timeout=120_000)
            res: dict[str, Any] = page.evaluate(PAGE_JS)
            res["loaded_ms"] = (time.perf_counter() - t0) * 1000
            res["failed"] = sum(1 for s in statuses if s >= 400)
            return res
        finally:
            ctx.close()

    out: dict[str, dict[str, Any]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            warm = browser.new_page()  # the browser's own start-up is not the page's
            warm.goto("about:blank")
            warm.close()
            for name, u in pages.items():
                out[name] = visit(browser, u)
                out[name]["repeat"] = visit(browser, u)
        finally:
            browser.close()
    return out


# --- the run ---------------------------------------------------------------------------------

@dataclass
class Run:
    args: argparse.Namespace
    env: Env
    work: Path
    results: dict[str, Any] = field(default_factory=dict)
    metrics: list[Metric] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def warn(self, msg: str) -> None:
        self.warnings.append(msg)
        say(f"WARNING: {msg}")

    def serve_bb(self, db: str, name: str, workers: int | None = None
                 ) -> Any:
        port = free_port()
        cmd: list[str | Path] = [BUDGETBOOK, "serve", "--db", db, "--port", str(port)]
        if workers:
            cmd += ["--workers", str(workers)]
        base = f"http://127.0.0.1:{port}"
        return base, server(cmd, f"{base}/api/books?limit=1", self.work / f"{name}.log",
                            env=self.env.bb_env)

    def serve_ds(self, db: Path, name: str) -> Any:
        port = free_port()
        cmd: list[str | Path] = [self.env.datasette, "serve", "--immutable", db, "--port",
                                 str(port)]
        for k, v in DATASETTE_SETTINGS.items():
            cmd += ["--setting", k, v]
        base = f"http://127.0.0.1:{port}"
        return base, server(cmd, f"{base}/-/versions.json", self.work / f"{name}.log")

    def explorer(self, pages: dict[str, str]) -> dict[str, dict[str, Any]]:
        if not Path(CHROMIUM).exists():
            self.warn(f"no {CHROMIUM} (apt-get install -y chromium): explorer not measured")
            return {}
        try:
            return explorer(pages)
        except Exception as exc:  # noqa: BLE001 - the rest of the run still counts
            self.warn(f"explorer not measured: {type(exc).__name__}: {exc}")
            return {}

    def load(self, u: str) -> dict[str, Any]:
        return load(self.env, u, self.args.duration, self.args.connections)


def book_of(base: str) -> dict[str, Any]:
    """The one book: 2675-2022-proposed if the database has it, else its first book of 2022."""
    import httpx

    r = httpx.get(f"{base}/api/books/{AGENCY}-{YEAR}-{PHASE}", timeout=60)
    if r.status_code == 200:
        return dict(r.json())
    return dict(get_json(url(base, "/api/books", [("limit", 1)]))["items"][0])


def serve_workers_supported(env: Env) -> bool:
    p = subprocess.run([str(BUDGETBOOK), "serve", "--help"], capture_output=True, text=True,
                       env={**env.bb_env, "COLUMNS": "200"})
    return "--workers" in p.stdout


def load_suite(r: Run, qs: list[Pair], bb_base: str, ds_base: str | None,
               label: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for p in qs:
        say(f"load {label}: {p.label}")
        res = {"budgetbook": r.load(p.bb(bb_base))}
        if ds_base:
            res["datasette"] = r.load(p.ds(ds_base))
        out[p.key] = res
        b = res["budgetbook"]
        say(f"  budgetbook {b.get('rps', 0):.1f} req/s p99 {b.get('p99_ms', 0):.0f} ms, "
            f"errors {b['errors']}, non-2xx {b['non2xx']}"
            + (f"; datasette {res['datasette'].get('rps', 0):.1f} req/s" if ds_base else ""))
    return out


def page_url(cross: Pair, base: str) -> str:
    """The cross-book aggregate as the issue writes it: its first page (100 cells), so the
    answer is as large on the 10x fixture (2,360 agencies in 2022) as on the real data (236)."""
    return url(base, cross.bb_path, [p for p in cross.bb_params if p[0] != "limit"])


def after_ingest(r: Run, db: str, u: str, rounds: int) -> list[dict[str, float]]:
    """Ingest the bundled sample book into the served database, then one cross-book
    aggregate request: nothing about the new generation can be cached."""
    out = []
    for _ in range(rounds):
        t_ingest = run([BUDGETBOOK, "ingest", SAMPLE, "--db", db], env=r.env.bb_env)
        out.append({"ingest_s": t_ingest, "first_ms": first_request_ms(u)})
    return out


def measure(r: Run) -> None:
    a, env, work, res = r.args, r.env, r.work, r.results
    files = csv_files(DATA)
    if len(files) != 33:
        r.warn(f"{len(files)} CSV files in {DATA}, expected 33")

    # ingest
    bb_db = work / "budgetbook.sqlite"
    ds_db = work / f"{DS_NAME}.db"
    say("ingest: budgetbook (SQLite)")
    t_bb = ingest_budgetbook(env, DATA, str(bb_db))
    say(f"  {t_bb:.1f} s; sqlite-utils")
    su = ingest_sqlite_utils(env, DATA, ds_db, indexes=not a.ds_plain)
    say(f"  {su['insert_s']:.1f} s + FTS {su['fts_s']:.1f} s + indexes {su['index_s']:.1f} s")
    res["ingest"] = {"budgetbook_sqlite_s": t_bb,
                     **{f"sqlite_utils_{k}": v for k, v in su.items()},
                     "budgetbook_sqlite_bytes": sqlite_size(bb_db),
                     "sqlite_utils_bytes": sqlite_size(ds_db)}
    ing = res["ingest"]
    r.metrics += [
        Metric("ingest 33 files, search index incl. (vs insert + FTS + indexes)", "s", t_bb,
               sum(su.values()), "sqlite-utils", THREE_X),
        Metric("ingest 33 files (vs sqlite-utils insert alone)", "s", t_bb, su["insert_s"],
               "sqlite-utils", THREE_X),
        Metric("database size, SQLite (search and provenance incl.)", "bytes",
               ing["budgetbook_sqlite_bytes"], ing["sqlite_utils_bytes"], "sqlite-utils",
               Target("ratio", "<=", 2, "bb/alt <= 2")),
    ]

    workers = serve_workers_supported(env)
    res["serve_workers_option"] = workers
    bb_base, bb_srv = r.serve_bb(str(bb_db), "budgetbook")
    ds_base, ds_srv = r.serve_ds(ds_db, "datasette")
    with bb_srv, ds_srv:
        book = book_of(bb_base)
        qs = pairs(book)
        cross = qs[0]
        res["book"] = book["id"]
        res["requests"] = [{"question": p.label, "what": p.what,
                            "budgetbook": p.bb(""), "datasette": p.ds("")} for p in qs]
        # the first request after start, before anything else has asked for it
        res["first_after_start_ms"] = {"budgetbook": first_request_ms(cross.bb(bb_base)),
                                       "datasette": first_request_ms(cross.ds(ds_base))}
        res["answers"] = []
        for p in qs:
            chk = check_answers(p, bb_base, ds_base)
            res["answers"].append(chk)
            if chk.get("same") is False:
                r.warn(f"{p.label}: budgetbook {chk['bb_cells']} cells, total "
                       f"{chk['bb_total']:,} thousand; Datasette {chk['ds_cells']} cells, total "
                       f"{chk['ds_total']:,} thousand")
        res["load_sqlite"] = load_suite(r, qs, bb_base, ds_base, "SQLite")
        say("explorer in Chromium")
        res["explorer"] = r.explorer({
            "budgetbook /": f"{bb_base}/",
            f"budgetbook /books/{book['id']}": f"{bb_base}/books/{book['id']}",
            "datasette /": f"{ds_base}/",
            "datasette table page": url(ds_base, f"/{DS_NAME}/{TABLE}", [
                ("agency_code", book["agency_code"]), ("year", book["fiscal_year"]),
                ("phase", book["phase"])]),
        })
        say("first request after an ingest (SQLite)")
        res["after_ingest_sqlite"] = after_ingest(r, str(bb_db), cross.bb(bb_base), a.rounds)
        if a.scale:  # the URL as it is (a page of 100 cells): the scale's baseline
            say("load SQLite: cross-book aggregate, first page (the scale's baseline)")
            res["page_sqlite"] = {
                "after_ingest": after_ingest(r, str(bb_db), page_url(cross, bb_base), a.rounds),
                "load": r.load(page_url(cross, bb_base))}
    add_load_metrics(r, res["load_sqlite"], qs, "")
    fr = res["after_ingest_sqlite"]
    r.metrics.append(Metric("cross-book: first request after an ingest, SQLite", "ms",
                            statistics.median(x["first_ms"] for x in fr), None,
                            target=Target("value", "<=", 50, "<= 50 ms"),
                            note=f"median of {len(fr)}: "
                                 + ", ".join(f"{x['first_ms']:.0f}" for x in fr) + " ms"))
    fs = res["first_after_start_ms"]
    r.metrics.append(Metric("cross-book: first request after server start", "ms",
                            fs["budgetbook"], fs["datasette"]))
    ex = res["explorer"]
    for page in (p for p in ex if p.startswith("budgetbook")):
        alt = ex["datasette /"] if page == "budgetbook /" else ex["datasette table page"]
        r.metrics += [
            Metric(f"explorer {page[11:]}: transferred", "bytes", ex[page]["bytes"],
                   alt["bytes"], target=Target("value", "<=", 400 * 1024, "<= 400 KiB")),
            Metric(f"explorer {page[11:]}: first contentful paint", "ms", ex[page]["fcp"],
                   alt["fcp"], target=Target("value", "<=", 1000, "<= 1000 ms"),
                   note=f"second visitor: {fmt(ex[page]['repeat']['fcp'])} ms, Datasette "
                        f"{fmt(alt['repeat']['fcp'])} ms; {ex[page]['requests']} requests, "
                        f"{ex[page]['failed']} failed"),
        ]

    if workers:
        say("serve --workers 2")
        base, srv = r.serve_bb(str(bb_db), "budgetbook-workers", workers=2)
        with srv:
            res["load_sqlite_workers2"] = load_suite(r, qs, base, None, "SQLite --workers 2")
        add_load_metrics(r, res["load_sqlite_workers2"], qs, "--workers 2, ",
                         alt=res["load_sqlite"])
    else:
        r.warn("budgetbook serve has no --workers option: not measured")

    if a.postgres:
        measure_postgres(r, qs, ds_db)
    if a.scale:
        measure_scale(r, qs)


def add_load_metrics(r: Run, loads: dict[str, Any], qs: list[Pair], prefix: str,
                     alt: dict[str, Any] | None = None) -> None:
    """Throughput, p50, p99 and failures of each question; targets where the issue sets one:
    the cross-book aggregate (>= 10x Datasette, p99 <= 50 ms, no errors) and search (p99)."""
    alt = alt or loads
    for p in qs:
        bb, ds = loads[p.key]["budgetbook"], alt[p.key].get("datasette", {})
        name = f"{prefix}{p.label}"
        cross, search = p.key == "cross", p.key == "search"
        r.metrics += [
            Metric(f"{name}: throughput", "req/s", bb.get("rps"), ds.get("rps"),
                   target=Target("ratio", ">=", 10, "bb/alt >= 10") if cross else None),
            Metric(f"{name}: p50", "ms", bb.get("p50_ms"), ds.get("p50_ms")),
            Metric(f"{name}: p99", "ms", bb.get("p99_ms"), ds.get("p99_ms"),
                   target=Target("value", "<=", 50, "<= 50 ms") if cross or search else None),
            Metric(f"{name}: errors + non-2xx", "", bb["errors"] + bb["non2xx"],
                   (ds["errors"] + ds["non2xx"]) if ds else None,
                   target=Target("value", "<=", 0, "0") if cross else None,
                   note=f"{bb['timeouts']} time-outs" if bb["timeouts"] else ""),
        ]


def measure_postgres(r: Run, qs: list[Pair], ds_db: Path) -> None:
    res = r.results
    name = f"bb_bench_api_{os.getpid()}"
    with pg_database(name) as db:
        say("ingest: budgetbook (PostgreSQL)")
        t = ingest_budgetbook(r.env, DATA, db)
        size = pg_size(name)
        res["ingest"].update(budgetbook_postgresql_s=t, budgetbook_postgresql_bytes=size)
        ing = res["ingest"]
        r.metrics += [
            Metric("PostgreSQL: ingest 33 files (vs insert + FTS + indexes)", "s", t,
                   ing["sqlite_utils_insert_s"] + ing["sqlite_utils_fts_s"]
                   + ing["sqlite_utils_index_s"], "sqlite-utils", THREE_X),
            Metric("PostgreSQL: database size (pg_database_size)", "bytes", size,
                   ing["sqlite_utils_bytes"], "sqlite-utils",
                   Target("ratio", "<=", 2, "bb/alt <= 2")),
        ]
        bb_base, bb_srv = r.serve_bb(db, "budgetbook-pg")
        ds_base, ds_srv = r.serve_ds(ds_db, "datasette-pg")
        with bb_srv, ds_srv:
            cross = qs[0]
            res["pg_first_after_start_ms"] = first_request_ms(cross.bb(bb_base))
            r.metrics.append(Metric("PostgreSQL: cross-book: first request after start", "ms",
                                    res["pg_first_after_start_ms"],
                                    res["first_after_start_ms"]["datasette"]))
            res["answers_pg"] = []
            for p in qs:
                chk = check_answers(p, bb_base, ds_base)
                res["answers_pg"].append(chk)
                if chk.get("same") is False:
                    r.warn(f"PostgreSQL: {p.label}: answers differ: {chk}")
            res["load_postgresql"] = load_suite(r, qs, bb_base, ds_base, "PostgreSQL")
            say("first request after an ingest (PostgreSQL)")
            res["after_ingest_postgresql"] = after_ingest(r, db, cross.bb(bb_base),
                                                          r.args.rounds)
        add_load_metrics(r, res["load_postgresql"], qs, "PostgreSQL: ")
        fr = res["after_ingest_postgresql"]
        r.metrics.append(Metric("PostgreSQL: cross-book: first request after an ingest", "ms",
                                statistics.median(x["first_ms"] for x in fr), None,
                                target=Target("value", "<=", 100, "<= 100 ms"),
                                note=f"median of {len(fr)}: "
                                     + ", ".join(f"{x['first_ms']:.0f}" for x in fr) + " ms"))


def measure_scale(r: Run, qs: list[Pair]) -> None:
    """The 33 files' rows n times (agency codes shifted to unused ones), into budgetbook and
    sqlite-utils; the cross-book aggregate's first request and load against the 1x run."""
    res, n = r.results, r.args.copies
    data = r.work / "scaled"
    say(f"scale: writing the {n}x fixture")
    rows = write_scaled(DATA, data, n)
    bb_db = r.work / f"budgetbook-{n}x.sqlite"
    ds_db = r.work / "scaled-ds" / f"{DS_NAME}.db"
    ds_db.parent.mkdir()
    say(f"scale: ingest {rows:,} rows into budgetbook")
    t_bb = ingest_budgetbook(r.env, data, str(bb_db))
    say(f"  {t_bb:.1f} s; sqlite-utils")
    su = ingest_sqlite_utils(r.env, data, ds_db, indexes=not r.args.ds_plain)
    res["scale"] = {"copies": n, "rows": rows, "budgetbook_ingest_s": t_bb,
                    **{f"sqlite_utils_{k}": v for k, v in su.items()},
                    "budgetbook_bytes": sqlite_size(bb_db), "sqlite_utils_bytes":
                    sqlite_size(ds_db)}
    sc = res["scale"]
    cross = qs[0]
    bb_base, bb_srv = r.serve_bb(str(bb_db), f"budgetbook-{n}x")
    ds_base, ds_srv = r.serve_ds(ds_db, f"datasette-{n}x")
    with bb_srv, ds_srv:
        sc["first_after_start_ms"] = {"budgetbook": first_request_ms(cross.bb(bb_base)),
                                      "datasette": first_request_ms(cross.ds(ds_base))}
        bb = get_json(url(bb_base, "/api/aggregate", cross.bb_params))
        one = next(x for x in res["answers"] if x["question"] == cross.label)
        sc["cells"], sc["total"] = bb["total"], bb["summary"]["amount"]
        if bb["total"] != n * one["bb_cells"] or \
                bb["summary"]["amount"] != n * one["bb_total"]:
            r.warn(f"scale: cross-book aggregate has {bb['total']} cells, total "
                   f"{bb['summary']['amount']:,}; expected {n}x {one['bb_cells']} cells, "
                   f"{n}x {one['bb_total']:,}")
        say(f"load {n}x: cross-book aggregate")
        sc["load"] = {"budgetbook": r.load(cross.bb(bb_base)),
                      "datasette": r.load(cross.ds(ds_base))}
        sc["after_ingest"] = after_ingest(r, str(bb_db), cross.bb(bb_base), r.args.rounds)
        say(f"load {n}x: cross-book aggregate, first page")
        sc["page"] = {"after_ingest": after_ingest(r, str(bb_db), page_url(cross, bb_base),
                                                   r.args.rounds),
                      "load": r.load(page_url(cross, bb_base))}
    one_load = res["load_sqlite"]["cross"]
    page_1x, page_nx = res["page_sqlite"], sc["page"]
    first_1x = statistics.median(x["first_ms"] for x in page_1x["after_ingest"])
    first_10x = statistics.median(x["first_ms"] for x in page_nx["after_ingest"])
    all_1x = statistics.median(x["first_ms"] for x in res["after_ingest_sqlite"])
    all_nx = statistics.median(x["first_ms"] for x in sc["after_ingest"])
    two = Target("ratio", "<=", 2, f"{n}x/1x <= 2")
    r.metrics += [
        Metric(f"{n}x scale: ingest (vs sqlite-utils insert + FTS + indexes)", "s", t_bb,
               sum(su.values()), "sqlite-utils", THREE_X),
        Metric(f"{n}x scale: database size", "bytes", sc["budgetbook_bytes"],
               sc["sqlite_utils_bytes"], "sqlite-utils", Target("ratio", "<=", 2,
                                                                "bb/alt <= 2")),
        Metric(f"{n}x scale: cross-book page: first request after an ingest", "ms",
               first_10x, first_1x, "budgetbook 1x", two,
               note=f"every cell (limit=1000): {fmt(all_nx)} ms against {fmt(all_1x)} ms at 1x "
                    f"({1000 if sc['cells'] > 1000 else sc['cells']} cells against "
                    f"{one['bb_cells']})"),
        Metric(f"{n}x scale: cross-book page: p50 under load", "ms",
               page_nx["load"].get("p50_ms"), page_1x["load"].get("p50_ms"), "budgetbook 1x",
               two),
        Metric(f"{n}x scale: cross-book page: p99 under load", "ms",
               page_nx["load"].get("p99_ms"), page_1x["load"].get("p99_ms"), "budgetbook 1x",
               two),
        Metric(f"{n}x scale: cross-book page: throughput", "req/s", page_nx["load"].get("rps"),
               page_1x["load"].get("rps"), "budgetbook 1x"),
        Metric(f"{n}x scale: cross-book (every cell) throughput", "req/s",
               sc["load"]["budgetbook"].get("rps"), sc["load"]["datasette"].get("rps"),
               f"Datasette {n}x", Target("ratio", ">=", 10, "bb/alt >= 10")),
        Metric(f"{n}x scale: cross-book (every cell) p99", "ms",
               sc["load"]["budgetbook"].get("p99_ms"), sc["load"]["datasette"].get("p99_ms"),
               f"Datasette {n}x", Target("value", "<=", 50, "<= 50 ms")),
        Metric(f"{n}x scale: Datasette p50 under load (for scale)", "ms",
               sc["load"]["datasette"].get("p50_ms"), one_load["datasette"].get("p50_ms"),
               "Datasette 1x"),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--quick", action="store_true", help="3 s of load per case instead of 10")
    ap.add_argument("--postgres", action="store_true",
                    help="budgetbook on PostgreSQL too (a fresh database, dropped afterwards)")
    ap.add_argument("--scale", action="store_true", help=f"the {COPIES}x fixture too (slow)")
    ap.add_argument("--json", type=Path, help="write every metric and raw result here")
    ap.add_argument("--ref", help="measure this git ref's committed src/ (e.g. HEAD), not the "
                                  "working tree")
    ap.add_argument("--client", choices=["auto", "wrk", "asyncio"], default="auto",
                    help="load generator: wrk if on PATH (auto), else the asyncio client")
    ap.add_argument("--duration", type=float, help="seconds of load per case")
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--rounds", type=int, default=3,
                    help="ingest + first request rounds (median reported)")
    ap.add_argument("--copies", type=int, default=COPIES,
                    help=f"--scale: copies of the rows (default {COPIES})")
    ap.add_argument("--ds-plain", action="store_true",
                    help="no indexes on the sqlite-utils table (only the FTS index)")
    ap.add_argument("--keep", action="store_true", help="keep the run's folder under .bench/")
    a = ap.parse_args()
    a.duration = a.duration or (3.0 if a.quick else 10.0)
    CACHE.mkdir(exist_ok=True)
    env = setup(a)
    work = Path(tempfile.mkdtemp(prefix="run-", dir=CACHE))
    r = Run(a, env, work)
    started = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()
    say(f"budgetbook: {env.src} (HEAD {env.commit}); {env.versions}; work dir {work}")
    if env.dirty:
        r.warn("uncommitted changes in src/ are measured too: " + ", ".join(env.dirty))
    try:
        measure(r)
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    report = {
        "date": started.isoformat(timespec="seconds"), "commit": env.commit, "src": env.src,
        "dirty_src": env.dirty, "cpus": os.cpu_count(),
        "loadavg": {"start": load_before, "end": os.getloadavg()},
        "load": {"client": "wrk" if env.wrk else "asyncio", "threads": 2,
                 "connections": a.connections, "seconds": a.duration,
                 "headers": HEADERS},
        "versions": env.versions,
        "datasette": {"flags": ["--immutable"], "settings": DATASETTE_SETTINGS},
        "warnings": r.warnings, "metrics": [m.as_json() for m in r.metrics],
        "targets": {"met": sum(m.met is True for m in r.metrics),
                    "not_met": sum(m.met is False for m in r.metrics)},
        **r.results,
    }
    print(f"\nbudgetbook {env.src}, HEAD {env.commit}; {started:%Y-%m-%d %H:%M} UTC; "
          f"{os.cpu_count()} CPUs, load average {load_before[0]:.1f} at start, "
          f"{os.getloadavg()[0]:.1f} at end")
    print(f"load: {report['load']['client']}, {a.connections} connections, {a.duration:g} s "
          f"per case, Accept-Encoding: gzip; Datasette {env.versions['datasette']} --immutable "
          + " ".join(f"--setting {k} {v}" for k, v in DATASETTE_SETTINGS.items()))
    print(f"one book: {r.results.get('book')}; budgetbook's aggregates with limit=1000 "
          "(every cell, as Datasette's SQL returns)\n")
    print(table(r.metrics))
    verdicts = [m.met for m in r.metrics if m.target is not None]
    print(f"\ntargets: {verdicts.count(True)} met, {verdicts.count(False)} not met"
          + (f", {verdicts.count(None)} not measured" if None in verdicts else ""))
    if r.results.get("requests"):
        print("\nrequests (budgetbook / Datasette):")
        for q in r.results["requests"]:
            print(f"  {q['question']} ({q['what']}):\n    {urllib.parse.unquote(q['budgetbook'])}"
                  f"\n    {urllib.parse.unquote(q['datasette'])}")
    if r.results.get("answers"):
        print("\nanswers compared (cells, totals in thousand NTD):")
        for chk in r.results["answers"]:
            print("  " + json.dumps(chk, ensure_ascii=False))
    if r.warnings:
        print("\nwarnings:")
        for w in r.warnings:
            print(f"  - {w}")
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n")
        print(f"\nJSON: {a.json}")


if __name__ == "__main__":
    main()
