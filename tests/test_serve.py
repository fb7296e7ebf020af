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


def test_workers_give_the_same_answers_and_all_see_an_ingest(tmp_path, seed_bundle):
    """`serve --workers 2`: each worker keeps its own answers, and every one of them notices
    an ingest made by another process, so no client ever gets a stale answer."""
    import copy
    import os

    from budgetbook.store.db import engine_for
    from budgetbook.store.load import load_bundle

    port = free_port()
    db = tmp_path / "workers.sqlite"
    proc = subprocess.Popen(
        [sys.executable, "-c", "from budgetbook.cli import main; main()", "serve", "--db",
         str(db), "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/api/books/2675-2022-enacted/expenditure-lines"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"serve did not start: {proc.stdout.read()}")
            time.sleep(0.3)
        def answers() -> set[tuple[str, int]]:
            seen = set()
            for _ in range(24):  # a new connection each time: the workers take turns
                with httpx.Client(headers={"Connection": "close"}) as client:
                    r = client.get(url, params={"limit": 1}, timeout=10)
                assert r.status_code == 200
                seen.add((r.headers["etag"], r.json()["items"][0]["amount"]))
            return seen

        assert len(_children(proc.pid)) >= 2  # the worker processes (and uvicorn's helper)

        before = answers()
        assert len(before) == 1
        changed = copy.deepcopy(seed_bundle)
        changed.tables["expenditure-lines"][2][0]["amount"] += 7
        writer = engine_for(f"sqlite:///{db}", migrate=False)
        load_bundle(writer, changed)  # another process's ingest
        writer.dispose()
        after = answers()
        assert len(after) == 1 and after != before
        assert next(iter(after))[1] == next(iter(before))[1] + 7
    finally:
        proc.terminate()
        proc.communicate(timeout=20)
    assert os.path.exists(db)


def _children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    from pathlib import Path

    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def test_warming_builds_templates_and_routes_but_makes_no_answer(engine, seed_bundle,
                                                                  monkeypatch):
    """`serve` warms the app before it listens: the templates are compiled and the routes'
    parameters built, but no page is made (no query runs) and nothing passes through the
    middleware, so no answer is kept."""
    from fastapi.testclient import TestClient

    from budgetbook.api.app import create_app, warm
    from budgetbook.store.load import load_bundle
    from budgetbook.web import views
    from budgetbook.web.render import templates

    load_bundle(engine, seed_bundle)
    app = create_app(engine)
    featured = views.q.featured_books

    def no_query(*args, **kwargs):
        raise AssertionError("warming made a page")

    monkeypatch.setattr(views.q, "featured_books", no_query)
    templates.env.cache.clear()
    warm(app)
    assert {"home.html", "overview.html", "search.html"} <= {key[1] for key in
                                                             templates.env.cache}
    assert app.middleware_stack is None  # (built at the first request: no cache, nothing kept)
    monkeypatch.setattr(views.q, "featured_books", featured)
    page = TestClient(app).get("/")
    assert page.status_code == 200 and "2675-2022-enacted" in page.text
