"""What the browser tests share: the app served under uvicorn in a thread, Debian's Chromium
driven by Playwright (never a downloaded browser), and pages that may only talk to localhost."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "src" / "budgetbook" / "web" / "static" / "vendor" / "echarts.min.js"
SHOTS = ROOT / "test-output" / "web"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(engine) -> Iterator[str]:
    """The app over `engine` under uvicorn in a background thread; yields its base URL."""
    import uvicorn

    from budgetbook.api.app import create_app

    if not VENDOR.exists():
        pytest.fail(f"{VENDOR} is missing: run `npm ci && scripts/build-web` first")
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(engine), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the explorer did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@contextmanager
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (and fonts-noto-cjk)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@contextmanager
def guarded_page(browser, server: str,
                 expected_error: Callable[[object], bool] = lambda m: False) -> Iterator[object]:
    """A page that may talk to the local server only: anything else is aborted and recorded,
    and script or console errors (but those `expected_error` accepts) fail the test."""
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900},
                                  locale="zh-TW")
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(server) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))

    def console(m):
        if m.type == "error" and not expected_error(m):
            errors.append(f"{m.text} ({m.location.get('url')})")

    pg.on("console", console)
    yield pg
    context.close()
    assert not outside, f"requests left localhost: {outside}"
    assert not errors, f"errors in the page: {errors}"
