"""`budgetbook serve` as a user runs it: a fresh database shows the bundled sample."""

from __future__ import annotations

import subprocess
import sys
import time

import httpx

from browser import free_port


def test_serve_on_a_fresh_database_shows_the_bundled_sample(tmp_path):
    port = free_port()
    db = tmp_path / "fresh.sqlite"
    proc = subprocess.Popen(
        [sys.executable, "-c", "from budgetbook.cli import main; main()", "serve", "--db",
         str(db), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                home = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"serve did not start: {proc.stdout.read()}") from None
                time.sleep(0.3)
        assert home.status_code == 200
        assert "經濟部中小企業處" in home.text and "千元" in home.text
        books = httpx.get(f"http://127.0.0.1:{port}/api/books", timeout=5).json()
        assert [b["id"] for b in books["items"]] == ["2675-2022-enacted"]
        commissioned = httpx.get(
            f"http://127.0.0.1:{port}/api/books/2675-2022-enacted/expenditure-lines",
            params={"object_code": "2039", "format": "csv"}, timeout=5)
        assert commissioned.status_code == 200 and "委辦費" in commissioned.text
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert "loaded the bundled sample 2675-2022-enacted" in out
