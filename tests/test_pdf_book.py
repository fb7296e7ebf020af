"""The 內政部 FY114 proposal read from its PDF end to end: what the book says of itself, its
appendix kept apart, stored on both databases, served, and a figure highlighted on its page in
Chromium. Expected values are read off the page images (each test names its page)."""

from __future__ import annotations

import json
from functools import cache

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from browser import SHOTS, chromium, guarded_page, serving
from budgetbook.cli import app
from budgetbook.store import queries
from budgetbook.store.load import load_bundle
from pdf_books import MOI, moi_book, pdf_book

# reads a real PDF book (seconds): not in the quick lane (scripts/test --fast)
pytestmark = pytest.mark.slow

BOOK = "0801-2025-proposed"
runner = CliRunner()


@cache
def moi_bundle():
    from budgetbook.export.bundle import from_book

    book, doc = pdf_book(MOI)
    return from_book(book, doc)


def test_the_book_says_what_it_is():
    book = moi_book()
    # page 48 (歲出機關別預算表): 0008000000 內政部主管, 0008010000 內政部; 中華民國114年度;
    # 單位：新臺幣千元. The phase is in the document's own title (the cover, page 1, is an image).
    assert (book.agency_code, book.agency_name, book.parent_code, book.parent_name) == (
        "0801", "內政部", "0800", "內政部主管")
    assert (book.roc_year, book.phase, book.unit, book.id) == (114, "proposed", "thousand TWD",
                                                               BOOK)
    notices = [f.message for f in book.findings if f.kind == "no_text_layer"]
    assert "page 1: no text layer (image only)" in notices


def test_the_appendix_is_kept_apart_and_adds_up_to_the_ministry():
    book = moi_book()
    # dividers on pages 300, 354 and 378: 附錄(一) 內政部, (二) …國土測繪中心, (三) …土地重劃工程處
    assert [a.sub_unit for a in book.appendices] == ["內政部", "內政部國土測繪中心",
                                                     "內政部土地重劃工程處"]
    # page 48: the ministry's 歲出 13,424,378 thousand; the appendix never adds to it
    agency = next(r for r in book.expenditure_by_agency if r.kind == "agency")
    assert agency.amount == 13_424_378
    assert sum(w.amount or 0 for w in book.work_plans) == 13_424_378
    checks = [c for c in moi_bundle().checks if c["rule"].startswith("appendix.")]
    assert checks and all(c["status"] == "pass" for c in checks)
    assert {c["rule"] for c in checks} == {"appendix.work_plan", "appendix.cost_summary"}


def test_every_work_plan_matches_the_ledger():
    # 歲出機關別預算表 (pages 48-58) against the 概況表 (pages 74-123), code by code
    checks = [c for c in moi_bundle().checks if c["rule"] == "plans.work_plan.ledger"]
    assert len(checks) == 13 and all(c["status"] == "pass" for c in checks)


def test_sub_plans_and_object_lines_add_up_and_match_the_cost_summary():
    # 概況表 (pages 74-123): object lines to sub-plans to work plans; 各項費用彙計表 (pages
    # 124-129) cell by cell against the sub-plans' object lines, its rows and totals
    checks = [c for c in moi_bundle().checks if "[" not in c["description"]]
    for rule, count in (("plans.object_line.children", 138), ("plans.sub_plan.lines", 73),
                        ("plans.work_plan.sub_plans", 13), ("cost_summary.cell.lines", 269),
                        ("cost_summary.row_total", 55), ("cost_summary.work_plan", 13)):
        got = [c["status"] for c in checks if c["rule"] == rule]
        assert got == ["pass"] * count, rule


# Every check the PDF fails, each looked at on its page: the book's own slips, kept as printed.
BOOKS_OWN = {
    # 前年度決算數 rounded in the book (pages 46-48): e.g. 使用規費收入 prints 41,121 where its
    # rows add up to 41,120; the revenue 合計 440,635 against 440,634; the agency 8,983,330
    # against 8,983,329
    "revenue.children.prior_year_actual": 3, "revenue.total.prior_year_actual": 1,
    "expenditure_by_agency.children.prior_year_actual": 1,
    # 公務車輛明細表 (pages 139-145) 合計 of 油料費, 養護費 and 其他 below the rows' sums
    # (1,949 printed against 1,952; 790 against 793; 714 against 716); litres add up exactly
    "vehicles.total.fuel_cost": 3, "vehicles.total.maintenance": 3, "vehicles.total.other": 2,
    # 派員出國計畫預算總表 (page 176) counts the 實習 trip (254) that the book charges to 2003
    # 教育訓練費 of 海域測繪與多維圖資應用發展計畫 (page 85), not to 2078 國外旅費: 1,567 against
    # the 2078 lines' 1,313
    "travel_summary.lines": 1,
}


def test_every_failure_is_the_books_own():
    from collections import Counter

    failed = Counter(c["rule"] for c in moi_bundle().checks if c["status"] == "fail")
    assert dict(failed) == BOOKS_OWN


def test_rows_carry_page_and_box_in_the_package(tmp_path):
    from budgetbook.export.fdp import write_bundle

    write_bundle(moi_bundle(), tmp_path)
    import csv

    rows = list(csv.DictReader((tmp_path / "work-plans.csv").open(encoding="utf-8")))
    first = rows[0]
    # page 74: 工作計畫 3708010100 一般行政, 預算金額 1,771,975 at the top right of the page
    assert (first["code"], first["amount"], first["source_page"], first["sub_unit"]) == (
        "3708010100", "1771975", "74", "")
    x0, top, x1, bottom = map(float, first["source_bbox"].split(","))
    assert 515 < x0 < 530 and 560 < x1 < 575 and 88 < top < 98 and 98 < bottom < 108
    lines = list(csv.DictReader((tmp_path / "source-lines.csv").open(encoding="utf-8")))
    assert lines[int(first["source_line"]) - 1]["page"] == "74"
    sub_units = {r["sub_unit"] for r in rows}
    assert sub_units == {"", "內政部", "內政部國土測繪中心", "內政部土地重劃工程處"}


@pytest.fixture
def moi_engine(engine):
    load_bundle(engine, moi_bundle())
    return engine


def test_stored_book_sums_only_its_own_rows(moi_engine):
    book = queries.get_book(moi_engine, BOOK)
    assert (book["expenditure_total"], book["unit"], book["has_pdf"]) == (
        13_424_378, "thousand TWD", True)
    assert queries.aggregate(moi_engine, [BOOK], None)["summary"]["amount"] == 13_424_378
    by_plan = queries.aggregate(moi_engine, [BOOK], "work_plan")
    assert {c["work_plan_code"] for c in by_plan["cells"]} >= {"3708010100"}
    everything = queries.rows(moi_engine, BOOK, "work-plans", limit=1000)
    assert everything.total == 13 + 11 + 2 + 2  # the book's own, then each sub-unit's


def test_a_time_line_counts_the_book_once_not_its_appendix(moi_engine):
    from budgetbook.compare import timeline

    line = timeline(moi_engine, agency_code="0801", years=[2025], phases=["proposed"])
    assert [p.amount for p in line.points] == [13_424_378]  # page 48, not with the 附錄 again


def test_page_images_are_served_from_the_database(moi_engine, tmp_path):
    from budgetbook.api.app import create_app

    client = TestClient(create_app(moi_engine))
    r = client.get(f"/api/books/{BOOK}/pages/74.png")
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    assert r.content[:8] == b"\x89PNG\r\n\x1a\n"
    again = client.get(f"/api/books/{BOOK}/pages/74.png", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304
    missing = client.get(f"/api/books/{BOOK}/pages/999.png")
    assert missing.status_code == 404 and missing.json()["parameter"] == "page"


def test_ingest_of_a_pdf_keeps_its_pages_after_the_file_is_gone(tmp_path):
    import shutil

    copy = tmp_path / "book.pdf"
    shutil.copy(MOI, copy)
    db = f"sqlite:///{tmp_path / 'b.sqlite'}"
    result = runner.invoke(app, ["ingest", str(copy), "--db", db])
    assert result.exit_code == 0, result.output
    copy.unlink()
    from budgetbook.api.app import create_app
    from budgetbook.store.db import engine_for

    client = TestClient(create_app(engine_for(db)))
    assert client.get(f"/api/books/{BOOK}/pages/1.png").status_code == 200


def test_audit_of_the_pdf_names_page_and_box():
    result = runner.invoke(app, ["audit", str(MOI), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    failed = [c for c in report["checks"] if c["status"] == "fail" and c["figures"]]
    located = [f for c in failed for f in c["figures"] if f["source_line"]]
    assert located and all(f["source_page"] and f["source_bbox"] for f in located)


@pytest.mark.browser
def test_a_figure_is_highlighted_on_its_page_in_chromium(moi_engine):
    with serving(moi_engine) as server, chromium() as browser, \
            guarded_page(browser, server) as page:
        page.goto(f"/books/{BOOK}/work-plans/3708010100")
        link = page.locator("a.fig", has_text="1,771,975").first
        link.click()
        page.wait_for_load_state("networkidle")
        assert "/pages/74" in page.url
        hl = page.locator("#hl")
        assert hl.is_visible()
        img = page.locator(".page-image img")
        assert img.evaluate("i => i.complete && i.naturalWidth > 0")
        box, frame = hl.bounding_box(), img.bounding_box()
        # page 74 at 1.5 px per point: 1,771,975 sits about 523-567 pt across, 94-103 pt down
        left, top = (box["x"] - frame["x"]) / 1.5, (box["y"] - frame["y"]) / 1.5
        assert 505 < left < 530 and 80 < top < 100
        page.screenshot(path=str(SHOTS / "pdf-page-highlight.png"), full_page=False)


def test_bad_page_view_parameters_get_the_explorers_error_page(moi_engine):
    from budgetbook.api.app import create_app

    client = TestClient(create_app(moi_engine))
    for url in (f"/books/{BOOK}/pages/74?box=1,2,3,nan", f"/books/{BOOK}/pages/74?box=9,2,3,4",
                f"/books/{BOOK}/pages/74?line=abc", f"/books/{BOOK}/lines/abc"):
        r = client.get(url)
        assert r.status_code == 422 and r.headers["content-type"].startswith("text/html"), url
    assert client.get(f"/api/books/{BOOK}/pages/abc.png").json()["error"] == "bad_parameter"
