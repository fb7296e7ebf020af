"""The explorer in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright; no
browser is ever downloaded): every page type, treemap drill-down, search, a figure followed to
its source line, keyboard access, a narrow screen, and no request leaving localhost.

Screenshots go to test-output/web/ (gitignored) for a human to look at."""

from __future__ import annotations

import re

import pytest

from browser import SHOTS, chromium, guarded_page, serving

BOOK = "2675-2022-enacted"
B = f"/books/{BOOK}"


@pytest.fixture(scope="module")
def server(tmp_path_factory, seed_bundle):
    """The app over a temporary SQLite with the seed."""
    from budgetbook.store.db import engine_for
    from budgetbook.store.load import load_bundle

    engine = engine_for(f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.sqlite'}")
    load_bundle(engine, seed_bundle)
    with serving(engine) as url:
        yield url
    engine.dispose()


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser, server):
    # the 404 page itself is logged as a failed load; any other console error is real
    with guarded_page(browser, server,
                      lambda m: m.location.get("url", "").endswith("/books/nope")) as pg:
        yield pg


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


@pytest.mark.slow  # over 3 s in every measured run (docs/benchmarks.md)
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


@pytest.mark.slow  # over 3 s in every measured run (docs/benchmarks.md)
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


@pytest.mark.slow  # over 3 s in every measured run (docs/benchmarks.md)
def test_api_docs_work_offline(page):
    """/docs is Swagger UI from /static/vendor; the `page` fixture fails on any outside request."""
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.locator(".opblock").count() > 10
    assert page.get_by_text("/api/books", exact=True).first.is_visible()
    shot(page, "api-docs")
