"""The explorer's comparison pages over the real open data (all 33 files 2006–2025 and the seed
book, the session fixture `twbudget_engine`): two books compared (the SMEA's FY111 cut), the
agency, 政事別 and government time lines (missing years shown as missing, never 0; the 2024
rename; the incomplete 2018 proposal marked partial), a book's 上年度 column against the
previous year, the biggest changes, and the links from a book's page; then the same pages in
headless Chromium (chart drawn, a point and a table link followed to a book, no request
leaving localhost). Screenshots go to test-output/web/."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from browser import SHOTS, chromium, guarded_page, serving
from test_web_pages import figure_cells, get

SMEA = "2675"
PROPOSED, ENACTED = "2675-2022-proposed", "2675-2022-enacted"
CUT = f"/compare?a={PROPOSED}&b={ENACTED}"
FIG = re.compile(r'<a class="fig" href="/books/([^"/]+)/source#L(\d+)"[^>]*>([\d,-]+)</a>')


@pytest.fixture(scope="module")
def client(twbudget_engine):
    from budgetbook.api.app import create_app

    with TestClient(create_app(twbudget_engine)) as c:
        yield c


def chart_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', html,
                  re.S)
    assert m, "no chart data"
    return json.loads(unescape(m.group(1)))


def year_row(html: str, year: int) -> str:
    m = re.search(rf'<tr id="y{year}">(.*?)</tr>', html, re.S)
    assert m, year
    return m.group(1)


def cells_of(row: str) -> list[str]:
    return re.findall(r'<td class="num[^"]*">(.*?)</td>', row, re.S)


def series(data: dict, phase: str) -> list:
    return next(s["data"] for s in data["series"] if s["phase"] == phase)


# --- two books ------------------------------------------------------------------------------

def test_fy111_proposal_against_the_enacted_book_shows_the_cut(client):
    html = get(client, CUT)
    assert "預算案與法定預算" in html and "中小企業處 111 年度預算案" in html
    figures = {(m[0], m[2]): int(m[1]) for m in FIG.findall(html)}
    # a from the CSV (its line in the open-data file), b from the seed book's text
    assert (PROPOSED, "2,080,509") in figures and (ENACTED, "1,978,662") in figures
    assert (PROPOSED, "2,631,658") in figures and (ENACTED, "2,500,550") in figures
    assert figures[(ENACTED, "1,978,662")] == 2259
    for text in ("-101,847", "-131,108", "4,867,068", "4,634,113", "-232,955", "科學支出",
                 "其他經濟服務支出", "相同"):
        assert text in html, text
    assert 'class="warnings"' not in html  # neither book is flagged
    # the a-side figure is the CSV line holding the proposal's row
    line = figures[(PROPOSED, "2,080,509")]
    source = get(client, f"/books/{PROPOSED}/source")
    row = re.search(rf'<div class="line" id="L{line}">(.*?)</div>', source, re.S)
    assert row and "5226752000,2080509000" in row.group(1)
    assert 'href="/functions/52/timeline"' in html and f'href="/agencies/{SMEA}/timeline"' in html


def test_every_work_plan_figure_links_to_its_books_source_line(client):
    html = get(client, CUT)
    table = html.split('<table class="compare">')[1].split("<tfoot>")[0]
    linked = [c for c in figure_cells(table) if "fig" in c]
    assert len(linked) == 8  # a and b of four work plans
    for cell in linked:
        assert re.search(rf'href="/books/({PROPOSED}|{ENACTED})/source#L\d+"', cell), cell


def test_a_comparison_with_the_incomplete_2018_proposal_warns(client):
    html = get(client, "/compare?a=0201-2017-proposed&b=0201-2018-proposed")
    warn = html.split('class="warnings"')[1].split("</section>")[0]
    assert "注意" in warn and "來源檔不完整" in warn
    assert "tw2018ap.csv" in warn and "611 rows" in warn
    assert warn.index("注意") < len(warn)  # shown before the figures
    assert html.index('class="warnings"') < html.index('<table class="compare">')
    assert "刪除" in html and "無資料" in html  # a work plan absent from the 2018 file


def test_compare_form_and_errors(client):
    html = get(client, "/compare")
    assert 'name="a"' in html and 'name="b"' in html and f'value="{PROPOSED}"' in html
    assert 'href="/compare?a=2675-2022-proposed&amp;b=2675-2022-enacted"' in html
    html = get(client, f"/compare?a=nope&b={ENACTED}", status=404)
    assert "找不到預算書" in html and "nope" in html
    assert "請選擇兩本預算書" in get(client, f"/compare?a={PROPOSED}", status=422)


# --- time lines -----------------------------------------------------------------------------

def test_smea_timeline_missing_years_are_missing_not_zero(client):
    html = get(client, f"/agencies/{SMEA}/timeline")
    assert "<h1>中小及新創企業署 歷年預算</h1>" in html
    data = chart_data(html)
    assert data["years"] == list(range(2006, 2026))
    proposed, enacted = series(data, "proposed"), series(data, "enacted")
    # the SMEA has no row in the incomplete 2018 proposal file; its 2018 enacted book is there
    assert proposed[2018 - 2006] is None
    assert enacted[2018 - 2006]["value"] == 4433315
    assert enacted[2018 - 2006]["url"] == "/books/2675-2018-enacted"
    assert enacted[0] is None and enacted[2020 - 2006] is None  # no enacted file 2006, 2020
    assert proposed[2022 - 2006]["value"] == 4867068 and enacted[2022 - 2006]["value"] == 4634113
    assert all(p is None or p["value"] != 0 for p in proposed + enacted)
    assert all(p is None or p["url"].startswith("/books/2675-") for p in proposed + enacted)
    row = year_row(html, 2018)
    cells = cells_of(row)
    assert "無資料" in cells[0] and 'href="/books/2675-2018-enacted"' in cells[1]
    assert "4,433,315" in cells[1]
    row = year_row(html, 2020)
    assert "4,886,872" in cells_of(row)[0] and "無資料" in cells_of(row)[1]
    assert ">0<" not in html.split('<table class="timeline">')[1]


def test_smea_timeline_follows_the_2024_rename(client):
    html = get(client, f"/agencies/{SMEA}/timeline")
    names = html.split('<ul class="names">')[1].split("</ul>")[0]
    assert "中小企業處</strong>：95–112 年度（2006–2023）" in names
    assert "中小及新創企業署</strong>：113–114 年度（2024–2025）" in names
    assert "中小企業處" in year_row(html, 2023) and "中小及新創企業署" in year_row(html, 2024)
    assert 'href="/books/2675-2024-proposed"' in year_row(html, 2024)
    assert f'href="/compare?a={PROPOSED}&amp;b={ENACTED}"' in year_row(html, 2022)


def test_function_and_government_timelines_mark_2018_partial(client):
    html = get(client, "/functions/52/timeline")
    assert "科學支出 歷年預算" in html
    assert "資料不完整" in year_row(html, 2018)
    assert series(chart_data(html), "proposed")[2018 - 2006]["partial"] is True

    html = get(client, "/timeline")
    assert "中央政府總預算歷年歲出" in html
    data = chart_data(html)
    p2018 = series(data, "proposed")[2018 - 2006]
    assert p2018["partial"] is True and p2018["value"] == 853086907
    assert series(data, "proposed")[2017 - 2006]["partial"] is False
    row = year_row(html, 2018)
    assert "853,086,907" in row and "資料不完整" in cells_of(row)[0]
    assert "資料不完整" not in cells_of(row)[1]
    assert "2018 proposed: 123 agencies" in html  # the warning, verbatim
    # a sum's point opens the changes that made it
    assert series(data, "enacted")[2019 - 2006]["url"] == (
        "/changes?from=2019&to=2019&phase=proposed&to_phase=enacted")
    assert series(data, "proposed")[0]["url"] is None  # nothing before 2006


def test_timeline_errors_and_form_shortcut(client):
    assert "4-digit agency code" in get(client, "/agencies/xx/timeline", status=422)
    assert "沒有機關 9999" in get(client, "/agencies/9999/timeline", status=404)
    r = client.get("/timeline?agency=2675", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/agencies/2675/timeline"


# --- 上年度 and the biggest changes -------------------------------------------------------

def test_last_year_of_the_fy111_enacted_book(client):
    html = get(client, f"/books/{ENACTED}/last-year")
    assert "上年度對照" in html and 'aria-current="page">上年度對照' in html
    assert "2675-2021-proposed" in html  # no 2021 enacted file: the 2021 proposal
    assert "legislature&#39;s changes" in html  # the warning about comparing with a proposal
    figures = {m[2]: int(m[1]) for m in FIG.findall(html) if m[0] == ENACTED}
    assert figures["2,178,650"] == 1780  # stated, 中小企業科技應用, line in the book's text
    diffs = html.split('id="diff-h"')[1].split('id="all-h"')[0]
    assert "2,289,520" in diffs and "-110,870" in diffs and "不同" in diffs
    assert "第一預備金" not in diffs  # 4,881 = 4,881
    assert 'href="/books/2675-2021-proposed/work-plans/5226752000"' in html


def test_last_year_without_a_previous_book_offers_the_form(client):
    html = get(client, "/books/2675-2006-proposed/last-year", status=404)
    assert "no 2005 book" in html and 'name="against"' in html
    html = get(client, "/books/2675-2022-proposed/last-year?against=2675-2018-enacted")
    assert "is for 2018, not the year before 2022" in html


def test_biggest_changes_between_two_years(client):
    html = get(client, "/changes?from=2021&to=2022&phase=proposed")
    assert "110 年度預算案 → 111 年度預算案" in html
    rows = html.split("<tbody>")[1].split("</tbody>")[0]
    first = rows.split("</tr>")[0]
    assert "花東地區永續發展基金" in first and "-25,582,147" in first
    assert 'href="/compare?a=0341-2021-proposed&amp;b=0341-2022-proposed#wp-5903418100"' in first
    assert 'class="warnings"' in html and "6181, 6182" in html  # only in 2022: left out
    assert 'rel="next"' in html and "offset=50" in html
    html = get(client, "/changes?from=2021&to=2022&phase=proposed&offset=50")
    assert 'rel="prev"' in html and "<td class=\"num\">51</td>" in html
    html = get(client, "/changes?from=2017&to=2018&level=agency")
    assert "incomplete" in html and "工作計畫</th>" not in html


def test_changes_form_and_errors(client):
    html = get(client, "/changes")
    assert 'name="from"' in html and "<tbody>" not in html
    assert "必須是西元年" in get(client, "/changes?from=x&to=2022", status=422)
    assert "no proposed books for 2030" in get(client, "/changes?from=2030&to=2031",
                                               status=404)


# --- links from the book's pages ------------------------------------------------------------

def test_book_overview_links_to_its_comparisons(client):
    html = get(client, f"/books/{ENACTED}")
    links = html.split('id="cmp-h"')[1].split("</section>")[0]
    assert f'href="/compare?a={PROPOSED}&amp;b={ENACTED}"' in links  # same year
    assert f'href="/compare?a=2675-2021-proposed&amp;b={ENACTED}"' in links  # previous year
    assert f'href="/books/{ENACTED}/last-year"' in links
    assert f'href="/agencies/{SMEA}/timeline"' in links
    html = get(client, "/books/2675-2018-enacted")
    links = html.split('id="cmp-h"')[1].split("</section>")[0]
    assert "2675-2018-proposed" not in links  # not in the data: no link to it
    assert 'href="/compare?a=2675-2017-enacted&amp;b=2675-2018-enacted"' in links


def test_pages_with_the_seed_book_alone(engine, seed_bundle):
    """One book, on SQLite and PostgreSQL: the home page links its agency's time line, which has
    one point; there is nothing to compare its 上年度 column with."""
    from budgetbook.api.app import create_app
    from budgetbook.store.load import load_bundle

    load_bundle(engine, seed_bundle)
    with TestClient(create_app(engine)) as c:
        assert 'href="/agencies/2675/timeline"' in get(c, "/")
        html = get(c, "/agencies/2675/timeline")
        data = chart_data(html)
        assert [p["value"] for p in series(data, "enacted") if p] == [4634113]
        assert all(p is None for p in series(data, "proposed"))
        body = html.split('<table class="timeline">')[1].split("<tbody>")[1]
        assert body.count("無資料") == 39  # 20 years, two phases, one book
        assert "no 2021 book" in get(c, f"/books/{ENACTED}/last-year", status=404)
        links = get(c, f"/books/{ENACTED}").split('id="cmp-h"')[1].split("</section>")[0]
        assert "/compare?" not in links and "/agencies/2675/timeline" in links


# --- in the browser -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(twbudget_engine):
    with serving(twbudget_engine) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser, server):
    with guarded_page(browser, server) as pg:
        yield pg


def shot(page, name: str, full: bool = True) -> None:
    page.screenshot(path=str(SHOTS / f"compare-{name}.png"), full_page=full)


def wait_line_chart(page) -> None:
    page.wait_for_selector('[data-linechart][data-ready="1"] svg', timeout=15000)
    page.wait_for_timeout(1200)  # the line's entry animation


BROWSER_PAGES = {
    "cut": (CUT, "111 年度法定預算", False),
    "2018-warning": ("/compare?a=0201-2017-proposed&b=0201-2018-proposed", "總統府", False),
    "form": ("/compare", "比較兩本預算書", False),
    "agency-timeline": (f"/agencies/{SMEA}/timeline", "中小及新創企業署", True),
    "function-timeline": ("/functions/52/timeline", "科學支出", True),
    "government-timeline": ("/timeline", "中央政府總預算歷年歲出", True),
    "last-year": (f"/books/{ENACTED}/last-year", "上年度", False),
    "changes": ("/changes?from=2019&to=2019&phase=proposed&to_phase=enacted", "增減排行",
                False),
}


def test_every_comparison_page_loads_and_draws_locally(page):
    loaded: list[str] = []
    page.on("requestfinished", lambda r: loaded.append(r.url))
    for name, (url, heading, chart) in BROWSER_PAGES.items():
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        assert heading in page.locator("h1").inner_text(), url
        if chart:
            wait_line_chart(page)
            svg = page.locator("[data-linechart] svg")
            assert svg.count() >= 1
            assert page.locator("[data-linechart] svg path").count() > 5  # lines drawn
        shot(page, name)
    assert any(u.endswith("/static/vendor/echarts.min.js") for u in loaded)


def test_warnings_are_visible_above_the_figures(page):
    page.goto("/compare?a=0201-2017-proposed&b=0201-2018-proposed")
    box = page.locator(".warnings")
    assert box.is_visible() and "來源檔不完整" in box.inner_text()
    table = page.locator("table.compare")
    assert box.bounding_box()["y"] < table.bounding_box()["y"]
    border = box.evaluate("el => getComputedStyle(el).borderLeftColor")
    assert border not in ("rgba(0, 0, 0, 0)", "transparent")
    shot(page, "2018-warning-top", full=False)


def test_click_a_timeline_point_opens_its_book(page):
    page.goto(f"/agencies/{SMEA}/timeline")
    wait_line_chart(page)
    chart = page.locator("[data-linechart]")
    chart.scroll_into_view_if_needed()
    # the 2018 enacted point (series 1, year index 12), where the proposal is missing
    x, y = page.evaluate("""() => {
        const el = document.querySelector('[data-linechart]');
        const c = echarts.getInstanceByDom(el);
        const [px, py] = c.convertToPixel({seriesIndex: 1}, [12, 4433315]);
        const r = el.getBoundingClientRect();
        return [r.left + px, r.top + py]; }""")
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    shot(page, "timeline-hover", full=False)
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"/books/2675-2018-enacted$"), timeout=10000)
    assert "107 年度法定預算" in page.locator("h1").inner_text()


def test_table_link_and_figure_link(page):
    page.goto(f"/agencies/{SMEA}/timeline")
    row = page.locator("#y2024")
    assert "中小及新創企業署" in row.inner_text()
    assert "無資料" in row.inner_text()
    row.locator("a.point").first.click()
    page.wait_for_url(re.compile(r"/books/2675-2024-proposed$"))
    # from the book to its comparison with the previous year, then a figure to its line
    page.get_by_role("link", name=re.compile("與上一年度比較")).click()
    page.wait_for_url(re.compile(r"/compare\?a=2675-2023-proposed&b=2675-2024-proposed$"))
    fig = page.locator("table.compare a.fig").first
    href = fig.get_attribute("href")
    fig.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    anchor = href.split("#", 1)[1]
    assert page.evaluate("document.querySelector(':target').id") == anchor
    assert page.locator(f"#{anchor}").is_visible()
    shot(page, "figure-source-line", full=False)


def test_narrow_screen_comparison_pages(page):
    page.set_viewport_size({"width": 390, "height": 844})
    for url in (CUT, f"/agencies/{SMEA}/timeline", "/changes?from=2021&to=2022"):
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 1, (url, overflow)
    page.goto(f"/agencies/{SMEA}/timeline")
    wait_line_chart(page)
    shot(page, "mobile-timeline")
