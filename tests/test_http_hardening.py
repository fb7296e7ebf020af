"""HTTP as a hostile client sees it (issue 12): whatever a client sends, a 4xx naming the
parameter (JSON under /api, the explorer's error page elsewhere), never a 500; security headers
on every answer; HEAD wherever GET; bounded Link headers and repeated parameters; 414 for an
over-long request line, from the real server too."""

from __future__ import annotations

import re
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest

import budgetbook
from browser import free_port
from budgetbook.api.app import create_app

with warnings.catch_warnings():  # starlette's note about httpx versions is not ours to fix
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

BOOK = "2675-2022-enacted"
B = f"/api/books/{BOOK}"
HUGE = "9" * 5000  # past int()'s 4,300-digit limit
TEMPLATES = Path(budgetbook.__file__).parent / "web" / "templates"


@pytest.fixture
def client(seeded_engine) -> Iterator[TestClient]:
    with TestClient(create_app(seeded_engine), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def empty_engine(tmp_path):
    """An empty SQLite database, for what does not depend on the database (headers, routing,
    the server)."""
    from budgetbook.store.db import engine_for

    eng = engine_for(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    yield eng
    eng.dispose()


def _api_error(r, status: int, param: str | None) -> dict:
    assert r.status_code == status, (r.request.url, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json"), r.request.url
    body = r.json()
    assert set(body) >= {"error", "parameter", "message"}, body
    assert body["parameter"] == param, (r.request.url, body)
    return body


def _page_error(r, status: int | None) -> None:
    """The explorer's error page, with `status` (None: any 4xx)."""
    ok = 400 <= r.status_code < 500 if status is None else r.status_code == status
    assert ok, (r.request.url, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("text/html"), r.request.url
    assert "Traceback" not in r.text


# --- 1. numbers: superscript digits and more than 4,300 digits ----------------------------------

ODD_NUMBERS_API = [
    ("/api/books?limit=%C2%B2", "limit"),
    ("/api/books?offset=%C2%B9%C2%B2", "offset"),
    (f"{B}/work-plans?amount=%C2%B2", "amount"),
    (f"{B}/work-plans?amount=%D9%A3", "amount"),  # Arabic-Indic 3: a digit, but not ASCII
    (f"{B}/source?start=%C2%B2", "start"),
    (f"/api/books?limit={HUGE}", "limit"),
    (f"{B}/work-plans?amount={HUGE}", "amount"),
    (f"{B}/work-plans?amount=-{HUGE}", "amount"),
    (f"{B}/work-plans?amount=%2B{HUGE}", "amount"),
    (f"{B}/work-plans/{HUGE}", "row_no"),
    (f"/api/aggregate?cut=year:{HUGE}", "cut"),
    (f"/api/search?q={HUGE}", "q"),
    ("/api/changes?from=%C2%B2&to=2022", "from"),
    ("/api/changes?from=-188117150416&to=2022", "from"),  # PostgreSQL: integer out of range
    (f"{B}/work-plans?row_no=9999999999", "row_no"),  # a 32-bit column on PostgreSQL
    (f"{B}/work-plans/9999999999", "row_no"),
    (f"{B}/source?start=9999999999", "start"),
]
ODD_NUMBERS_PAGES = [
    "/books?year=%C2%B2", f"/books?year={HUGE}", "/changes?from=%C2%B2&to=2022",
    "/changes?from=2021&to=%D9%A3", f"/changes?from={HUGE}&to=2022",
    f"/books/{BOOK}/pages/%C2%B2", f"/books/{BOOK}/lines/{HUGE}",
]
# no such year: 404 on SQLite; PostgreSQL refuses the number for its 32-bit column: 422
ODD_NUMBERS_PAGES_4XX = ["/changes?from=-188117150416&to=2022"]


def test_odd_digits_and_huge_numbers_are_a_4xx_naming_the_parameter(client):
    for url, param in ODD_NUMBERS_API:
        assert _api_error(client.get(url), 422, param)["error"] == "bad_parameter"
    for url in ODD_NUMBERS_PAGES:
        _page_error(client.get(url), 422)
    for url in ODD_NUMBERS_PAGES_4XX:
        _page_error(client.get(url), None)


def test_coerce_takes_ascii_integers_only():
    from budgetbook.store.base import BadParameter, coerce
    from budgetbook.store.schema import resource_tables

    t = resource_tables["work-plans"]
    assert coerce(t.c.amount, "amount", "-12") == -12 and coerce(t.c.amount, "amount", "+7") == 7
    assert coerce(t.c.amount, "amount", "9" * 18) == 10**18 - 1  # a BIGINT
    for bad in ("²", "٣", "1_000", HUGE, "9" * 19, "", "1e3", " 7"):
        with pytest.raises(BadParameter):
            coerce(t.c.amount, "amount", bad)
    with pytest.raises(BadParameter):  # a 32-bit INTEGER on PostgreSQL
        coerce(t.c.row_no, "row_no", "9" * 10)


# --- 2. control characters ----------------------------------------------------------------------

NUL_API = [
    ("/api/search?q=a%00bc", "q"),
    ("/api/books/a%00b", "book_id"),
    (f"{B}/work-plans?name=a%00b", "name"),
    (f"{B}/work-plans?name=a%1Bb", "name"),  # ESC: no control character is a name
    ("/api/aggregate?cut=object_code:a%00b", "cut"),
    (f"/api/aggregate?book={BOOK}&book=a%00b", "book"),
    (f"/api/compare?a=a%00b&b={BOOK}", "a"),
    (f"{B}/a%00b", "resource"),
    ("/api/timeline?agency=26%0075", "agency"),
]


def test_control_characters_are_a_422_naming_the_parameter_on_both_databases(client):
    for url, param in NUL_API:
        _api_error(client.get(url), 422, param)
    for url in ("/search?q=a%00b", "/books/a%00b", f"/books/{BOOK}/work-plans/a%00b",
                "/compare?a=a%00b&b=x", "/books?q=a%00b"):
        _page_error(client.get(url), 422)
    # a tab in a search is not an error
    assert client.get("/api/search?q=%E5%A7%94%09").status_code == 200


# --- 3. ingested_at is an RFC 3339 UTC timestamp -----------------------------------------------

RFC3339_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)$")


def test_ingested_at_is_utc_with_its_offset_on_both_databases(client):
    from datetime import datetime

    stamps = [client.get("/api/books").json()["items"][0]["ingested_at"],
              client.get(B).json()["ingested_at"]]
    csv_text = client.get("/api/books?format=csv").text
    header, row = csv_text.splitlines()[:2]
    stamps.append(row.split(",")[header.split(",").index("ingested_at")])
    for stamp in stamps:
        assert RFC3339_UTC.match(stamp), stamp
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        assert when.utcoffset() == timedelta(0)
        assert abs(datetime.now(when.tzinfo) - when) < timedelta(days=1)  # stored as UTC


# --- 8. security headers ---------------------------------------------------------------------

def _assert_secured(r, url: str) -> str:
    h = r.headers
    assert h.get("x-content-type-options") == "nosniff", url
    assert h.get("x-frame-options") == "DENY", url
    assert h.get("referrer-policy") == "no-referrer", url
    csp = h.get("content-security-policy", "")
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp, url
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, url
    assert "server" not in h, url
    return csp


def test_security_headers_on_every_answer(client):
    c = client
    for url in ("/api/books", B, "/", f"/books/{BOOK}", "/static/app.css",
                "/static/vendor/echarts.min.js", "/openapi.json", "/api/nope", "/nope",
                "/api/books?limit=0", "/books?year=x", f"{B}/work-plans?format=csv"):
        csp = _assert_secured(c.get(url), url)
        assert "script-src 'self';" in csp + ";" and "style-src 'self'" in csp, url
    tag = c.get("/api/books").headers["etag"]
    not_modified = c.get("/api/books", headers={"If-None-Match": tag})
    assert not_modified.status_code == 304
    _assert_secured(not_modified, "304")
    _assert_secured(c.head("/api/books"), "HEAD")


def test_the_docs_page_allows_only_its_own_inline_script_by_hash(empty_engine):
    import base64
    import hashlib

    r = TestClient(create_app(empty_engine)).get("/docs")
    csp = _assert_secured(r, "/docs")
    inline = re.findall(r"<script>(.*?)</script>", r.text, re.S)
    assert inline, "the Swagger UI page starts itself with an inline script"
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_templates_have_no_inline_script_style_or_handler():
    """The CSP allows no inline script or style: the explorer's pages must need none."""
    for path in sorted(TEMPLATES.glob("*.html")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\sstyle\s*=", text), f"{path.name}: style attribute"
        assert "<style" not in text, f"{path.name}: <style> element"
        assert not re.search(r"\son[a-z]+\s*=", text), f"{path.name}: event handler attribute"
        assert "javascript:" not in text, path.name
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag or 'type="application/json"' in tag, f"{path.name}: {tag}"


# --- 9. HEAD wherever GET -----------------------------------------------------------------------

def test_head_answers_wherever_get_does(client):
    c = client
    for url in ("/api", "/api/books", B, f"{B}/work-plans?format=csv", "/", f"/books/{BOOK}",
                f"/books/{BOOK}/work-plans", "/static/app.css", "/openapi.json", "/docs",
                "/api/nope", "/api/books?limit=0"):
        got, head = c.get(url), c.head(url)
        assert head.status_code == got.status_code, (url, head.status_code, got.status_code)
        assert head.content == b"", url
        skip = {"date"}
        assert ({k: v for k, v in head.headers.items() if k not in skip}
                == {k: v for k, v in got.headers.items() if k not in skip}), url


# --- 10. Link headers and repeated parameters ----------------------------------------------------

def test_repeated_book_values_are_deduplicated_in_answer_and_link(client):
    url = f"/api/aggregate?{'&'.join([f'book={BOOK}'] * 100)}&drilldown=work_plan&limit=1"
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert r.json()["books"] == [BOOK]
    link = r.headers["link"]
    assert link.count("book=") == 1 and len(link) < 300, link
    assert r.json()["next"].count("book=") == 1


def test_repeated_parameters_beyond_the_cap_are_a_422(client):
    from budgetbook.api.routes_common import MAX_REPEAT

    many = "&".join([f"book={BOOK}"] * (MAX_REPEAT + 1))
    _api_error(client.get(f"/api/aggregate?{many}"), 422, "book")
    cuts = "&".join(f"cut=object_code:{i}" for i in range(MAX_REPEAT + 1))
    _api_error(client.get(f"/api/aggregate?{cuts}"), 422, "cut")


def test_link_header_is_bounded():
    from starlette.responses import Response

    from budgetbook.api.routes_common import MAX_LINK_HEADER, set_page_headers

    r = Response()
    long = "/api/aggregate?" + "cut=x:" + "a" * MAX_LINK_HEADER
    set_page_headers(r, 10, long, "/api/aggregate?offset=0")
    assert len(r.headers.get("link", "")) <= MAX_LINK_HEADER
    assert 'rel="prev"' in r.headers["link"]  # what fits is kept


# --- 11. 414, and unknown paths in the documented error shape ------------------------------------

def test_an_over_long_request_target_is_a_414(empty_engine):
    from budgetbook.api import security

    c = TestClient(create_app(empty_engine), raise_server_exceptions=False)
    long = "a" * (security.MAX_TARGET + 1)
    body = _api_error(c.get(f"/api/search?q={long}"), 414, None)
    assert body["error"] == "uri_too_long"
    _page_error(c.get(f"/search?q={long}"), 414)
    assert c.get(f"/api/search?q={'a' * 150}").status_code == 200


def test_unknown_api_paths_and_methods_answer_the_error_shape(empty_engine):
    c = TestClient(create_app(empty_engine), raise_server_exceptions=False)
    assert _api_error(c.get("/api/nope"), 404, None)["error"] == "not_found"
    assert _api_error(c.get("/api/books/x/y/z/w"), 404, None)["error"] == "not_found"
    r = c.post("/api/books")
    assert _api_error(r, 405, None)["error"] == "method_not_allowed"
    assert r.headers["allow"] == "GET, HEAD"


@contextmanager
def _served(engine) -> Iterator[int]:
    """The app under uvicorn with the options `budgetbook serve` uses, on a free port."""
    import uvicorn

    from budgetbook.api import security

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(engine), host="127.0.0.1", port=port,
                                        log_level="warning", **security.SERVER_OPTIONS))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield port
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request)  # and read until the server closes (Connection: close)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    return out


def test_the_server_answers_414_to_a_200000_character_request_line_and_no_banner(empty_engine):
    with _served(empty_engine) as port:
        line = b"GET /api/search?q=" + b"a" * 200_000 + b" HTTP/1.1\r\n"
        answer = _raw(port, line + b"Host: x\r\nConnection: close\r\n\r\n")
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 414"), head[:200]
        assert b'"uri_too_long"' in body
        ok = _raw(port, b"HEAD /api HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert ok.startswith(b"HTTP/1.1 200")
        assert b"\r\nserver:" not in ok.lower() and b"uvicorn" not in ok.lower()
        assert b"content-security-policy" in ok.lower()
        # 4,710 book= parameters (the probe): a short 414, not a 113 KB Link header
        probe = "&".join([f"book={BOOK}"] * 4710).encode()
        answer = _raw(port, b"GET /api/aggregate?" + probe + b"&limit=1 HTTP/1.1\r\n"
                      b"Host: x\r\nConnection: close\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 414") and len(answer) < 2000


def test_serve_runs_uvicorn_with_the_hardened_options(tmp_path, monkeypatch):
    import uvicorn
    from typer.testing import CliRunner

    from budgetbook.cli import app

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: seen.update(kw))
    monkeypatch.setattr("budgetbook.store.ingest.ensure_sample", lambda engine: [])
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.sqlite"),
                                      "--port", str(free_port())])
    assert result.exit_code == 0, result.output
    assert seen["server_header"] is False and seen["http"] == "h11"
    assert seen["h11_max_incomplete_event_size"] > 200_000
