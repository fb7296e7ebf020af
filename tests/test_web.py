"""The explorer in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright; no
browser is ever downloaded): every page type, treemap drill-down, search, a figure followed to
its source line, keyboard access, a narrow screen, and no request leaving localhost.

Screenshots go to test-output/web/ (gitignored) for a human to look at."""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "src" / "budgetbook" / "web" / "static" / "vendor" / "echarts.min.js"
SHOTS = ROOT / "test-output" / "web"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
BOOK = "2675-2022-enacted"
B = f"/books/{BOOK}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, seed_bundle):
    """The app under uvicorn in a background thread, over a temporary SQLite with the seed."""
    import uvicorn

    from budgetbook.api.app import create_app
    from budgetbook.store.db import engine_for
    from budgetbook.store.load import load_bundle

    if not VENDOR.exists():
        pytest.fail(f"{VENDOR} is missing: run `npm ci && scripts/build-web` first")
    engine = engine_for(f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.sqlite'}")
    load_bundle(engine, seed_bundle)
    port = _free_port()
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
    engine.dispose()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (and fonts-noto-cjk)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A page that may talk to the local server only: anything else is aborted and recorded."""
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
        # the 404 page itself is logged as a failed load; anything else is a real error
        if m.type == "error" and not m.location.get("url", "").endswith("/books/nope"):
            errors.append(f"{m.text} ({m.location.get('url')})")

    pg.on("console", console)
    yield pg
    context.close()
    assert not outside, f"requests left localhost: {outside}"
    assert not errors, f"errors in the page: {errors}"


def shot(page, name: str, full: bool = False) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def wait_chart(page, data: str = "exp-data") -> None:
    page.wait_for_selector(f'[data-treemap="{data}"][data-ready="1"] canvas', timeout=15000)
    page.wait_for_timeout(800)  # the treemap's entry animation


PAGES = {
    "home": ("/", "單位預算書"),
    "overview": (B, "經濟部中小企業處"),
    "work-plan": (f"{B}/work-plans/5226752000", "中小企業科技應用"),
    "sub-plan": (f"{B}/sub-plans/5226752000/01", "運用科技創新轉型升級"),
    "objects": (f"{B}/objects", "用途別科目"),
    "object": (f"{B}/objects/2039", "委辦費"),
    "resource": (f"{B}/commissioned-projects", "委辦經費分析表"),
    "audit": (f"{B}/audit", "檢核"),
    "source": (f"{B}/source", "原文"),
    "search": ("/search?q=%E5%89%B5%E6%A5%AD", "搜尋"),
    "not-found": ("/books/nope", "找不到網頁"),
}


def test_every_page_type_loads(page):
    for name, (url, heading) in PAGES.items():
        response = page.goto(url)
        assert response is not None
        assert response.status == (404 if name == "not-found" else 200), url
        assert page.locator("html").get_attribute("lang") == "zh-Hant-TW"
        h1 = page.locator("h1")
        h1.wait_for()
        assert heading in h1.inner_text(), (url, h1.inner_text())
        if name == "overview":
            wait_chart(page)
            wait_chart(page, "rev-data")
        shot(page, f"page-{name}", full=name not in ("source", "audit"))


def test_treemap_node_drills_down_to_its_work_plan(page):
    page.goto(B)
    wait_chart(page)
    chart = page.locator('[data-treemap="exp-data"]')
    chart.scroll_into_view_if_needed()
    shot(page, "treemap")
    box = chart.bounding_box()
    assert box and box["width"] > 300
    # the largest work plan sits top-left; its title bar (upper label) is the work plan node
    page.mouse.click(box["x"] + 60, box["y"] + 18)
    page.wait_for_url(re.compile(r"/work-plans/\d{10}$"), timeout=10000)
    assert "工作計畫" in page.locator(".kicker").inner_text()
    assert re.match(r"^\d{1,3}(,\d{3})* 千元$", page.locator(".card .big a.fig").first.inner_text())
    shot(page, "treemap-drilldown")


def test_search_for_5g_and_open_a_hit(page):
    page.goto("/")
    page.get_by_label("搜尋計畫、科目與說明").fill("5G")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=5G"))
    hits = page.locator(".hit-title")
    assert hits.count() >= 5
    assert page.locator("mark", has_text="5G").count() >= 5
    assert page.locator(".search-group h2").count() >= 2  # grouped by kind
    shot(page, "search-5g", full=True)
    href = hits.first.get_attribute("href")
    hits.first.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    anchor = href.split("#", 1)[1]
    row = page.locator(f"#{anchor}")
    assert row.is_visible()
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == anchor
    assert "5G" in row.inner_text()
    shot(page, "search-hit")


def test_figure_leads_to_its_source_line(page):
    page.goto(f"{B}/work-plans/5226752000")
    figure = page.locator(".card .big a.fig").first
    assert figure.inner_text().startswith("1,978,662")
    figure.click()
    page.wait_for_url(re.compile(r"/source#L2259$"))
    line = page.locator("#L2259")
    line.wait_for()
    assert line.is_visible()
    assert page.evaluate("document.querySelector(':target').id") == "L2259"
    in_view = page.evaluate("""() => { const r = document.getElementById('L2259')
        .getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }""")
    assert in_view
    bg = line.evaluate("el => getComputedStyle(el).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted by :target
    assert "1,978,662" in line.inner_text() or "中小企業科技應用" in line.inner_text()
    shot(page, "source-line")


def test_keyboard_skip_link_and_focus_style(page):
    page.goto(B)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert skip.is_visible()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    shot(page, "skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is inside the main content
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def test_narrow_screen_has_no_page_wide_horizontal_scroll(page):
    page.set_viewport_size({"width": 390, "height": 844})
    for url in (B, f"{B}/work-plans/5226752000", f"{B}/objects", f"{B}/audit"):
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 1, (url, overflow)
    page.goto(B)
    wait_chart(page)
    shot(page, "mobile-overview", full=True)


def test_works_with_the_network_blocked(page):
    """The `page` fixture aborts every request that is not to the local server and fails the
    test if one was attempted; here the chart must still render from /static/vendor."""
    loaded: list[str] = []
    page.on("requestfinished", lambda r: loaded.append(r.url))
    page.goto(B)
    wait_chart(page)
    assert page.evaluate("typeof window.echarts") == "object"
    assert any(u.endswith("/static/vendor/echarts.min.js") for u in loaded)
    assert page.locator('[data-treemap="exp-data"] canvas').count() >= 1


def test_api_docs_work_offline(page):
    """/docs is Swagger UI from /static/vendor; the `page` fixture fails on any outside request."""
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.locator(".opblock").count() > 10
    assert page.get_by_text("/api/books", exact=True).first.is_visible()
    shot(page, "api-docs")
