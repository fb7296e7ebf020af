"""City books read from their PDFs say which government and agency they are, and their ids
name the government (issue 10's book ids); expected values from the page images."""

from __future__ import annotations

import pytest

from budgetbook.model import Book
from budgetbook.vocab.governments import local_of
from pdf_books import MUNICIPAL, pdf_book

# reads real PDF books (seconds): not in the quick lane
pytestmark = pytest.mark.slow

BY_NAME = {p.stem: p for p in MUNICIPAL}


def test_taipei_budget_office_page_27():
    # page 27: header 臺北市政府主計處, 中華民國116年度; the foot prints its label 02-004 - 15
    book = pdf_book(BY_NAME["taipei-116"])[0]
    assert (book.government, book.agency_name, book.agency_code, book.roc_year) == (
        "臺北市", "臺北市政府主計處", "02-004", 116)
    assert book.id == "taipei-02-004-2027-proposed"


def test_taipei_social_welfare_department():
    book = pdf_book(BY_NAME["taipei-social-116"])[0]
    assert (book.government, book.agency_name, book.agency_code) == (
        "臺北市", "臺北市政府社會局", "09-190")


def test_kaohsiung_prints_no_phase_so_its_id_waits_for_one():
    # page 1's image prints 議會審定, 機關編號 02-011 and 高雄市總預算, but its text layer maps
    # every character to another (機關編號 reads ᐒᜢጓဦ, the code 02-022): nothing on it is read,
    # and a notice says so. The contents print neither 預算案 nor 法定預算 and the file has no
    # title. The code comes from the page labels (`011 - 24`: the 機關 part only) and the
    # 11-digit codes printing 02 before it (32020110101 行政管理, page 10)
    book = pdf_book(BY_NAME["kaohsiung-115"])[0]
    assert (book.government, book.agency_code, book.phase, book.id) == (
        "高雄市", "02-011", None, None)
    assert book.model_copy(update={"phase": "enacted"}).id == "kaohsiung-02-011-2026-enacted"
    notes = [f.message for f in book.findings if f.kind == "no_text_layer"]
    assert any(m.startswith("page 1: its text layer cannot be read") for m in notes)
    for other in ("taichung-115", "taipei-116", "taipei-social-116"):
        assert not [f for f in pdf_book(BY_NAME[other])[0].findings
                    if "cannot be read" in f.message]


def test_a_central_books_id_is_unchanged():
    book = Book(source="x", agency_code="2675", roc_year=111, phase="enacted")
    assert (book.government, book.id) == ("中央", "2675-2022-enacted")
    assert local_of("台中市政府主計處") == "臺中市" and local_of("內政部") is None


def test_tables_not_read_yet_are_listed_with_their_pages():
    # taichung-115: 轉帳收支對照表 on page 50 (its title at the page's head); the 目次 and the
    # divider pages are no tables
    book = pdf_book(BY_NAME["taichung-115"])[0]
    unread = [f.message for f in book.findings if f.kind == "unread_table"]
    assert "table 轉帳收支對照表 (page 50) is not read: budgetbook does not know this table yet" \
        in unread
    assert not [m for m in unread if "、主要表" in m or "目次" in m]


def test_a_table_in_thousands_is_compared_in_the_books_ntd():
    # taichung-115 page 10: 歲出機關別預算表 prints 單位：新臺幣千元 (臺中市政府主計處 151,168;
    # 32020040101 行政管理 137,984) while the book's detail tables print 元
    from budgetbook.audit import audit
    from budgetbook.export.bundle import from_book

    book, doc = pdf_book(BY_NAME["taichung-115"])
    assert book.unit == "TWD" and book.table_units["expenditure_by_agency"] == "thousand TWD"
    agency = next(r for r in book.expenditure_by_agency if r.kind == "agency")
    assert agency.amount == 151_168  # kept as printed
    ledger = [c for c in audit(book).checks if c.rule == "plans.work_plan.ledger"]
    assert ledger and all(c.status == "pass" for c in ledger)
    assert any(c.actual == 137_984_000 for c in ledger)  # compared in 元
    assert from_book(book, doc).meta["expenditure_total"] == 151_168_000


def test_the_api_states_each_resources_own_unit(engine):
    from fastapi.testclient import TestClient

    from budgetbook.api.app import create_app
    from budgetbook.export.bundle import from_book
    from budgetbook.store.load import load_bundle

    book, doc = pdf_book(BY_NAME["taichung-115"])
    load_bundle(engine, from_book(book, doc))
    client = TestClient(create_app(engine))
    b = f"/api/books/{book.id}"
    assert client.get(f"{b}/expenditure-by-agency").json()["unit"] == "thousand TWD (千元)"
    assert client.get(f"{b}/detail-lines").json()["unit"] == "TWD (元)"
    assert client.get(b).json()["expenditure_total"] == 151_168_000


def test_kaohsiungs_failures_are_its_own_rounding():
    # page 24, 各項費用彙計表 (單位：新臺幣千元, rounded from the 元 detail tables):
    # 105000 退休離職儲金 60 + 181 printed 242; 105500 保險 6,288 + 414 printed 6,701; the same
    # rounding in 207200 國內旅費 and 200000 業務費. Kept as printed.
    from collections import Counter

    from budgetbook.audit import audit

    book = pdf_book(BY_NAME["kaohsiung-115"])[0].model_copy(update={"phase": "proposed"})
    failed = Counter(c.rule for c in audit(book).checks if c.status == "fail")
    # page 24 again: its 人事費 rows round the 元 of 人事費彙計表 (page 28): 102000 3,772 for
    # 3,772,392, 103000 15,872 for 15,871,549, 105000 242 for 241,920, 105500 6,701 for 6,701,139
    assert failed == {
        "cost_summary.row_total": 3, "cost_summary.first_level": 3,
        "personnel_costs.category": 4,
    }
    rounding = next(c for c in audit(book).checks if c.status == "fail"
                    and "105000" in c.description)
    assert (rounding.expected, rounding.actual) == (241_000, 242_000)  # in 元
