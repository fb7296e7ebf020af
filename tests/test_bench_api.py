"""The pure helpers of bench/bench_api.py: percentiles, wrk's output, the 10x fixture's
transform, and the met/not-met verdicts. No timing is asserted."""

from __future__ import annotations

import asyncio
import csv
import importlib.util
import sys
from pathlib import Path

import pytest

from budgetbook.readers.twbudget import read_file

_PATH = Path(__file__).resolve().parents[1] / "bench" / "bench_api.py"
_spec = importlib.util.spec_from_file_location("bench_api", _PATH)
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_api"] = bench  # dataclasses look their module up while being created
_spec.loader.exec_module(bench)

WRK = """\
Running 10s test @ http://127.0.0.1:8000/api/aggregate
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.21s   402.11ms   1.98s    70.00%
    Req/Sec     8.10      5.02    30.00     71.43%
  Latency Distribution
     50%    1.20s
     75%    1.50s
     90%  812.50us
     99%    1.98s
  134 requests in 10.02s, 3.07MB read
  Socket errors: connect 0, read 1, write 0, timeout 66
  Non-2xx or 3xx responses: 3
Requests/sec:     13.37
Transfer/sec:    313.59KB
"""


def test_percentile_interpolates_between_ranks() -> None:
    xs = [10.0, 1.0, 4.0, 2.0, 3.0]
    assert bench.percentile(xs, 0) == 1.0
    assert bench.percentile(xs, 50) == 3.0
    assert bench.percentile(xs, 100) == 10.0
    assert bench.percentile(xs, 87.5) == pytest.approx(7.0)  # rank 3.5: halfway from 4 to 10
    assert bench.percentile(xs, 62.5) == pytest.approx(3.5)
    assert bench.percentile([7.0], 99) == 7.0
    assert bench.percentile([], 50) != bench.percentile([], 50)  # nan
    with pytest.raises(ValueError):
        bench.percentile(xs, 101)


def test_parse_wrk() -> None:
    res = bench.parse_wrk(WRK)
    assert res["requests"] == 134
    assert res["seconds"] == pytest.approx(10.02)
    assert res["rps"] == pytest.approx(13.37)
    assert res["p50_ms"] == pytest.approx(1200)
    assert res["p90_ms"] == pytest.approx(0.8125)
    assert res["p99_ms"] == pytest.approx(1980)
    assert (res["errors"], res["timeouts"], res["non2xx"]) == (67, 66, 3)


def test_parse_wrk_without_failures() -> None:
    clean = "\n".join(ln for ln in WRK.splitlines()
                      if not ln.lstrip().startswith(("Socket", "Non-2xx")))
    res = bench.parse_wrk(clean)
    assert (res["errors"], res["timeouts"], res["non2xx"]) == (0, 0, 0)


def test_agency_map_uses_unused_codes_once() -> None:
    m = bench.agency_map(["0001", "0003", "0001"], 3)
    assert m == {(1, "0001"): "0000", (1, "0003"): "0002", (2, "0001"): "0004",
                 (2, "0003"): "0005"}
    with pytest.raises(ValueError):
        bench.agency_map([f"{n:04d}" for n in range(5000)], 3)


def _row(code: str, amount: str = "1000") -> dict[str, str]:
    return {"year": "2022", "code": code, "amount": amount, "name": "無細項", "topname": "部",
            "depname": "處", "depcat": "計畫", "cat": "支出", "ref": "1.1.1", "note": "a\r\nb"}


def test_scaled_rows_replicate_under_shifted_agencies() -> None:
    rows = [_row("5226752000"), _row("5926751000", "2000"), _row("31770013100")]  # 11 chars
    m = bench.agency_map(["2675"], 3)
    out = list(bench.scaled_rows(rows, 3, m))
    assert out[:3] == rows
    assert [r["code"] for r in out[3:]] == ["5200002000", "5900001000", "5200012000",
                                            "5900011000"]
    assert [r["amount"] for r in out[3:]] == ["1000", "2000", "1000", "2000"]
    assert all(r["note"] == "a\r\nb" for r in out)


def test_write_scaled_is_read_by_budgetbook(tmp_path: Path) -> None:
    src = tmp_path / "src" / "proposed"
    src.mkdir(parents=True)
    header = ["year", "code", "amount", "name", "topname", "depname", "depcat", "cat", "ref",
              "note"]
    with (src / "tw2022ap.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows([_row("5226752000", "2080509000"), _row("3102010100", "920526000")])
    n = bench.write_scaled(tmp_path / "src", tmp_path / "out", 10)
    assert n == 20
    f = read_file(tmp_path / "out" / "proposed" / "tw2022ap.csv")
    assert f.phase == "proposed" and f.year == 2022
    assert len(f.books) == 20  # two agencies, ten times
    assert len({b.agency_code for b in f.books}) == 20
    assert sum(r.amount_ntd for r in f.rows) == 10 * (2080509000 + 920526000)


def test_targets_and_ratios() -> None:
    at_least = bench.Target("ratio", ">=", 10, "")
    at_most = bench.Target("value", "<=", 50, "")
    assert bench.Metric("x", "req/s", 300.0, 20.0, target=at_least).met is True
    assert bench.Metric("x", "req/s", 100.0, 20.0, target=at_least).met is False
    assert bench.Metric("x", "ms", 50.0, None, target=at_most).met is True
    assert bench.Metric("x", "ms", None, None, target=at_most).met is None
    assert bench.Metric("x", "req/s", 1.0, 0.0, target=at_least).ratio is None


def test_url_percent_encodes_the_query() -> None:
    u = bench.url("http://h", "/api/search", [("q", "中小企業"), ("cut", "year:2022")])
    assert u == "http://h/api/search?q=%E4%B8%AD%E5%B0%8F%E4%BC%81%E6%A5%AD&cut=year%3A2022"


def _read(raw: bytes) -> tuple[int, int, bool]:
    async def go() -> tuple[int, int, bool]:
        reader = asyncio.StreamReader()
        reader.feed_data(raw)
        reader.feed_eof()
        return await bench.read_response(reader)

    return asyncio.run(go())


def test_read_response_by_length_chunks_and_close() -> None:
    assert _read(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello") == (200, 5, False)
    chunked = (b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n"
               b"5\r\nhello\r\n3;x=1\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\n")
    assert _read(chunked) == (404, 8, False)
    assert _read(b"HTTP/1.0 200 OK\r\n\r\nuntil the end") == (200, 13, True)
    assert _read(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n") == (
        200, 0, True)
