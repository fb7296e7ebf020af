"""The explorer's home page and book list over the real open data (all 33 files 2006–2025 and
the seed book, the session fixture `twbudget_engine`): the home page stays small (the books read
from book text in full, the open data one row per year), `/books` pages and filters in SQL, the
source page of a CSV book says what it shows, and the library's English (audit checks,
comparison warnings, file flags) is headed in zh-TW with the original kept."""

from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient

from test_web_pages import get

SEED = "2675-2022-enacted"
CSV_BOOK = "2675-2021-proposed"


@pytest.fixture(scope="module")
def client(twbudget_engine):
    from budgetbook.api.app import create_app

    with TestClient(create_app(twbudget_engine)) as c:
        yield c


def body_rows(html: str, table_class: str) -> list[str]:
    table = html.split(f'<table class="{table_class}">')[1].split("</table>")[0]
    return re.findall(r"<tr[ >].*?</tr>", table.split("<tbody>")[1], re.S)


def open_row(html: str, year: int) -> str:
    m = re.search(rf'<tr id="open-{year}">(.*?)</tr>', html, re.S)
    assert m, year
    return m.group(1)


# --- the home page ----------------------------------------------------------------------------

def test_home_is_small_and_fast_over_all_the_open_data(client):
    get(client, "/")  # templates compiled
    start = time.perf_counter()
    r = client.get("/")
    elapsed = time.perf_counter() - start
    assert r.status_code == 200
    assert len(r.content) < 300_000, len(r.content)  # it listed all 7,500 books: 4.5 MB
    assert elapsed < 5, elapsed  # it took ~13 s; well under 1 s on a developer machine
    assert r.text.count('href="/books/') < 300  # no longer a link per book


def test_home_shows_the_text_book_in_full(client):
    html = get(client, "/")
    featured = html.split('id="featured-h"')[1].split("</section>")[0]
    assert "經濟部中小企業處" in featured and "111 年度" in featured and "法定預算" in featured
    assert f'href="/books/{SEED}/source#L1770"' in featured  # 歲出 4,634,113, linked to its line
    assert "4,634,113" in featured
    assert "通過 553" in featured and "不符 2" in featured
    rows = body_rows(featured, "books")
    assert len(rows) == 1  # the open-data books are not listed one by one


def test_home_lists_the_open_data_per_year_and_phase(client):
    html = get(client, "/")
    overview = html.split('id="open-h"')[1].split("</section>")[0]
    assert "2006–2025" in overview
    assert len(body_rows(overview, "open-data")) == 20  # one row per fiscal year
    row = open_row(html, 2018)
    assert re.search(r'<a href="/books\?year=2018&amp;phase=proposed"[^>]*>123</a>', row)
    assert '<a href="/books?year=2018&amp;phase=enacted"' in row
    assert "853,086,907" in row  # the sum of the 123 books of the incomplete file
    assert row.count(">來源檔不完整</span>") == 1  # the proposal is flagged, not the enacted
    assert 'title="來源檔不完整' in row and "incomplete: proposed/tw2018ap.csv" in row
    ok = open_row(html, 2019)
    assert "來源檔不完整" not in ok and "badge flag" not in ok
    assert re.search(r'phase=proposed"[^>]*>235</a>', ok)
    # a year with only a proposal in the open data: its enacted cell says so, never 0
    assert "無資料" in open_row(html, 2025)
    # the 2007 files' malformed codes are flagged as such, not as incomplete
    assert "有註記" in open_row(html, 2007) and "來源檔不完整" not in open_row(html, 2007)
    notes = overview.split('class="flag-notes"')[1]
    assert "107 年度預算案" in notes and "代碼不是 10 碼的科目代碼" in notes


def test_home_has_a_form_to_an_agencys_time_line(client):
    html = get(client, "/")
    form = html.split('action="/timeline"')[1].split("</form>")[0]
    assert 'name="agency"' in form and 'list="agency-list"' in form
    assert '<option value="2675">中小及新創企業署</option>' in html  # its name since 2024
    r = client.get("/timeline?agency=2675", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/agencies/2675/timeline"
    assert '<form class="compare-form" action="/books"' in html


# --- /books --------------------------------------------------------------------------------

def test_books_pages_one_year_and_phase(client, twbudget_engine):
    from budgetbook.store import queries as q

    html = get(client, "/books?year=2018&phase=proposed")
    assert "共 123 本，第 1–50 本" in html
    rows = body_rows(html, "books")
    assert len(rows) == 50
    assert all("107 年度（2018）" in r and "預算案" in r for r in rows)
    assert all("來源檔不完整" in r for r in rows)  # every book of the file is flagged
    assert 'href="/books?year=2018&amp;phase=proposed&amp;offset=50" rel="next"' in html
    assert 'rel="prev"' not in html
    last = get(client, "/books?year=2018&phase=proposed&offset=100")
    assert "共 123 本，第 101–123 本" in last
    assert len(body_rows(last, "books")) == 23
    assert 'rel="next"' not in last
    assert 'href="/books?year=2018&amp;phase=proposed&amp;offset=50" rel="prev"' in last
    # the same books as the SQL page, in its order
    page = q.books_filtered(twbudget_engine, year=2018, phase="proposed", limit=50, offset=100)
    assert [re.search(r'href="/books/([^"/]+)"', r).group(1) for r in body_rows(last, "books")
            ] == [b["id"] for b in page.rows]
    # the ROC year works the same
    assert "共 123 本" in get(client, "/books?year=107&phase=proposed")


def test_books_filters_by_agency_name_and_source(client):
    html = get(client, "/books?agency=2675")
    rows = body_rows(html, "books")
    assert rows and all('class="code" href="/agencies/2675/timeline"' in r for r in rows)
    assert "共 33 本" in html  # 32 open-data books and the seed
    assert f'href="/books/{SEED}/source#L1770"' in html  # figures link to their lines
    assert re.search(r'href="/books/2675-2021-proposed/source#L5591"[^>]*>5,077,250</a>', html)
    named = get(client, "/books?q=中小企業&year=2022")
    assert "共 2 本" in named and "2675-2022-proposed" in named and SEED in named
    text = get(client, "/books?source=text")
    assert "共 1 本" in text and SEED in text
    csv = get(client, "/books?source=csv&agency=2675")
    assert "共 32 本" in csv and "proposed/tw2021ap.csv" in csv
    assert "共 0 本" in get(client, "/books?q=沒有這個機關")
    assert "年度必須是數字" in get(client, "/books?year=abc", status=422)
    assert "階段必須是" in get(client, "/books?phase=draft", status=422)


# --- the source page of a CSV book -----------------------------------------------------------

def test_csv_source_page_says_what_it_shows(client):
    html = get(client, f"/books/{CSV_BOOK}/source")
    main = html.split('<main')[1]
    assert "政府開放資料的歲出預算 CSV 檔" in main and "proposed/tw2021ap.csv" in main
    assert "只列出本機關（中小企業處，代碼" in main
    assert "實際行號" in main and "不連續" in main
    assert "PDF" not in main.replace("不是預算書 PDF 的文字", "")  # it says it is not the PDF
    assert 'id="L5591"' in main and 'id="L1"' not in main
    assert "第 1–5590 行是欄名列與其他機關的資料，未列出" in main
    text = get(client, f"/books/{SEED}/source")
    assert "預算書文字檔" in text and "預算書 PDF 擷取的文字" in text
    assert "CSV" not in text.split('<main')[1].split('class="source"')[0]


# --- the library's English, headed in zh-TW ------------------------------------------------

def test_audit_page_heads_checks_in_zh_tw_and_keeps_the_original(client):
    html = get(client, f"/books/{SEED}/audit")
    rows = re.findall(r'<tr id="check-\d+" class="status-(\w+)">(.*?)</tr>', html, re.S)
    assert len(rows) == 558
    fails = [r for s, r in rows if s == "fail"]
    assert len(fails) == 2
    assert "歲入：下層科目加總等於上層科目" in fails[0]
    assert "rows under 0726750100 財產孳息 add up to it" in fails[0]  # the original, kept
    assert "歲入：各款加總等於合計" in fails[1]
    assert all('class="rule-head"' in r and 'lang="en"' in r for _, r in rows)
    sub_plan = next(r for _, r in rows if "plans.sub_plan.lines" in r)
    assert "一級科目加總等於分支計畫" in sub_plan and "first-level lines (and cases) add up to sub-plan" in sub_plan
    skipped = [r for s, r in rows if s == "skip"]
    assert skipped and all("此列未印出數字" in r and "figure not printed on this row" in r
                           for r in skipped if "figure not printed on this row" in r)
    overview = get(client, f"/books/{SEED}")
    assert "歲入：各款加總等於合計" in overview.split('id="audit-h"')[1]


def test_dataset_checks_and_warnings_are_headed_in_zh_tw(client):
    audit = get(client, "/books/0201-2018-proposed/audit")
    assert "來源檔的已知問題" in audit and "來源檔不完整：列數或合計明顯少於前後年度" in audit
    assert "incomplete: proposed/tw2018ap.csv has 611 rows" in audit
    assert "整個來源檔的問題" in audit and "a problem of the whole file" in audit
    cmp = get(client, "/compare?a=0201-2017-proposed&b=0201-2018-proposed")
    warn = cmp.split('class="warnings"')[1].split("</section>")[0]
    assert "此預算書的來源資料有已知問題" in warn and "book 0201-2018-proposed is flagged" in warn
    last = get(client, f"/books/{CSV_BOOK}/last-year?against=2675-2020-proposed")
    assert "對照的是預算案；本書「上年度」欄是法定預算" in last
    assert "legislature&#39;s changes" in last


def test_every_rule_and_warning_the_library_produces_has_a_heading(twbudget_engine):
    from budgetbook import compare
    from budgetbook.audit.rules import RULES
    from budgetbook.readers.twbudget import FILE_CHECKS
    from budgetbook.web.labels import audit_rule, flag_label, warning_label

    assert [r.id for r in RULES if audit_rule(r.id) is None] == []
    assert [c.id for c in FILE_CHECKS if audit_rule(c.id) is None] == []
    e = twbudget_engine
    warnings = [
        *compare.compare_books(e, "0201-2017-proposed", "0201-2018-proposed").warnings,
        *compare.compare_books(e, SEED, "2675-2022-proposed").warnings,
        *compare.compare_books(e, "0201-2017-proposed", "2675-2017-proposed").warnings,
        *compare.own_last_year(e, CSV_BOOK, "2675-2020-proposed").warnings,
        *compare.timeline(e).warnings,
        *compare.biggest_changes(e, 2021, 2022, "proposed").warnings,
        *compare.biggest_changes(e, 2006, 2007, "proposed").warnings,
    ]
    kinds = {w.split(" ", 1)[0] for w in warnings}
    assert len(warnings) > 8 and len(kinds) > 3
    assert [w for w in warnings if warning_label(w) is None] == []
    flags = {f for f in compare.timeline(e).points for f in f.flags}
    assert flags and [f for f in flags if flag_label(f) is None] == []
