"""The explorer's pages in-process (TestClient) over SQLite and PostgreSQL with the seed book:
every page type renders in zh-TW with the book's figures, every figure links to its source
line, and a missing book or page is an HTML 404 (the API's 404 stays JSON)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

BOOK = "2675-2022-enacted"
B = f"/books/{BOOK}"
SOURCE_LINK = re.compile(rf'<a class="fig" href="/books/{BOOK}/source#L\d+"')


@pytest.fixture
def client(seeded_engine):
    from budgetbook.api.app import create_app

    with TestClient(create_app(seeded_engine)) as c:
        yield c


class _Cells(HTMLParser):
    """Collects the inner HTML of every <td class="num"> (figure cell) of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.cells: list[str] = []
        self._depth = 0
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self._depth:
            self._buf.append(self.get_starttag_text() or "")
            if tag == "td":
                self._depth += 1
        elif tag == "td" and "num" in (dict(attrs).get("class") or "").split():
            self._depth, self._buf = 1, []

    def handle_endtag(self, tag):
        if not self._depth:
            return
        if tag == "td":
            self._depth -= 1
            if not self._depth:
                self.cells.append("".join(self._buf))
                return
        self._buf.append(f"</{tag}>")

    def handle_data(self, data):
        if self._depth:
            self._buf.append(data)


def figure_cells(html: str) -> list[str]:
    p = _Cells()
    p.feed(html)
    return p.cells


def get(client: TestClient, url: str, status: int = 200) -> str:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    assert '<html lang="zh-Hant-TW">' in r.text
    assert 'class="skip-link" href="#main"' in r.text
    return r.text


PAGES = [
    "/", B, f"{B}/work-plans/5226752000", f"{B}/work-plans/5926751000",
    f"{B}/sub-plans/5226752000/01", f"{B}/sub-plans/5926751000/03", f"{B}/objects",
    f"{B}/objects/2039", f"{B}/objects/2000", f"{B}/audit", f"{B}/work-plans", f"{B}/revenue",
    "/search?q=5G",
]


def test_home_lists_the_book_with_totals_and_audit(client):
    html = get(client, "/")
    assert "經濟部中小企業處" in html and "111 年度" in html and "法定預算" in html
    assert "4,634,113" in html and "千元" in html
    assert f'href="{B}/source#L1770"' in html  # 歲出 total, from 歲出機關別預算表
    assert "通過 553" in html and "不符 2" in html


def test_overview_has_totals_treemaps_largest_objects_and_audit(client):
    html = get(client, B)
    for text in ("歲出預算", "4,634,113", "歲入預算", "927", "最大的用途別科目", "對國內團體之捐助",
                 "3,336,907", "檢核摘要", "1,978,662", "千元"):
        assert text in html, text
    assert 'data-treemap="exp-data"' in html and 'data-treemap="rev-data"' in html
    assert '<script src="/static/vendor/echarts.min.js"></script>' in html
    assert f'"url": "{B}/work-plans/5226752000"' in html  # a treemap node drills down
    assert f'"url": "{B}/sub-plans/5226752000/01"' in html
    assert "<caption>" in html and 'scope="col"' in html and 'scope="row"' in html
    assert "https://" not in html.split("<footer")[0]  # nothing from the internet


def test_work_plan_page_has_its_texts_lines_and_linked_items(client):
    html = get(client, f"{B}/work-plans/5226752000")
    for text in ("中小企業科技應用", "1,978,662", "2,178,650", "-199,988", "計畫內容",
                 "研析中小企業科技計畫管考機制", "預期成果", "說明", "承辦單位", "政策規劃組",
                 "運用科技創新轉型升級", "1,204,420", "委辦計畫", "補助", "補助中小企業創育機構辦理育成等相關業務",
                 "年度重要施政計畫", "以前年度計畫實施成果", "立法院決議"):
        assert text in html, text
    assert f'href="{B}/sub-plans/5226752000/01"' in html
    assert f'href="{B}/source#L2262"' in html  # 計畫內容's own line


def test_sub_plan_page_has_lines_units_and_description(client):
    html = get(client, f"{B}/sub-plans/5226752000/01")
    for text in ("運用科技創新轉型升級", "1,204,420", "政策規劃組、經營輔導組", "說明",
                 "本項分支計畫編列1,204,420千元", "用途別科目", "通訊費", "中小企業科技應用"):
        assert text in html, text
    assert 'id="obj-2009"' in html  # a treemap leaf's anchor
    assert f'href="{B}/source#L2576"' in html


def test_object_class_pages(client):
    html = get(client, f"{B}/objects")
    assert "委辦費" in html and "1,043,924" in html and "中小企業發展" in html
    html = get(client, f"{B}/objects/2039")
    assert "委辦費" in html and "1,043,924" in html and "運用科技創新轉型升級" in html
    assert "業務費" in get(client, f"{B}/objects/2000")


def test_every_resource_has_a_table_page_with_row_anchors(client):
    from budgetbook.store.queries import resource_names, resource_titles

    titles = resource_titles()
    city_only = {"detail-lines", "cases"}  # a central book prints neither
    for name in resource_names():
        html = get(client, f"{B}/{name}")
        assert titles[name] in html
        assert ('id="row-0"' in html) == (name not in city_only), name
        assert "千元" in html


def test_audit_page_lists_failures_first_with_linked_figures(client):
    html = get(client, f"{B}/audit")
    statuses = re.findall(r'<tr id="check-\d+" class="status-(\w+)"', html)
    assert len(statuses) == 558
    assert statuses[:2] == ["fail", "fail"] and "fail" not in statuses[2:]
    assert "不符" in html and "通過" in html


def test_source_page_has_line_anchors(client):
    html = get(client, f"{B}/source")
    assert '<div class="line" id="L2259">' in html and 'href="#L2259"' in html
    assert "經濟部中小企業處" in html


def test_search_groups_hits_by_kind_with_item_and_source_links(client):
    html = get(client, "/search?q=5G")
    assert "以前年度計畫實施成果" in html and "<mark>5G</mark>" in html
    assert re.search(rf'href="{B}/program-results#row-\d+"', html)
    assert re.search(rf'href="{B}/source#L\d+">原文第 \d+ 行', html)
    html = get(client, "/search?q=中小企業科技應用")
    assert f'href="{B}/work-plans/5226752000"' in html
    html = get(client, "/search")  # an empty query shows just the form
    assert 'id="q"' in html and "筆結果" not in html


def test_missing_book_and_pages_are_html_404(client):
    for url in ("/books/nope", "/books/nope/audit", f"{B}/work-plans/0000000000",
                f"{B}/sub-plans/5226752000/99", f"{B}/objects/9999", f"{B}/no-such-table",
                "/no/such/page"):
        html = get(client, url, status=404)
        assert "找不到網頁" in html, url
    api = client.get("/api/books/nope")
    assert api.status_code == 404 and api.headers["content-type"].startswith("application/json")


def test_every_figure_cell_links_to_its_source_line(client):
    from budgetbook.store.queries import resource_names

    checked = 0
    for url in PAGES + [f"{B}/{name}" for name in resource_names()]:
        cells = figure_cells(get(client, url))
        for cell in cells:
            assert SOURCE_LINK.search(cell), (url, cell)
        checked += len(cells)
    assert checked > 2000


def test_static_assets_are_served_locally(client):
    css = client.get("/static/app.css")
    assert css.status_code == 200 and ":focus-visible" in css.text
    assert client.get("/static/app.js").status_code == 200
