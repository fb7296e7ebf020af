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
    # the book prints neither 預算案 nor 法定預算 on its opening pages and its file has no title
    book = pdf_book(BY_NAME["kaohsiung-115"])[0]
    assert (book.government, book.agency_code, book.phase, book.id) == (
        "高雄市", "02-022", None, None)
    assert book.model_copy(update={"phase": "proposed"}).id == "kaohsiung-02-022-2026-proposed"


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
