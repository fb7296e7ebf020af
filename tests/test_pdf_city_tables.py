"""The city books' other tables (issue 10, item 5), each expected value read from the page image
named by its test."""

from __future__ import annotations

import pytest

from pdf_books import MUNICIPAL, pdf_book

pytestmark = pytest.mark.slow

BOOKS = {p.stem: p for p in MUNICIPAL}


def book(stem: str):
    return pdf_book(BOOKS[stem])[0]


def test_taipei_page_48_travel_plans_without_item_numbers():
    # 派員出國計畫預算類別表－考察、訪問: each plan starts on the row of its figures; the header
    # prints 擬前往國家, 預計天數, 擬派人數 stacked over three rows
    plans = book("taipei-116").travel_categories.plans
    assert [(p.name, p.destination, p.days, p.persons, p.transport, p.living, p.office,
             p.amount, p.work_plan) for p in plans] == [
        ("考察日本地方政府預算資源配置、運用及財務資訊表達", "日本", 5, 4, 112, 146, 104, 362,
         "一般行政-行政管理"),
        ("國外市政建設考察", "依實際需要", 5, 2, 90, 80, 30, 200, "一般行政-行政管理"),
    ]
    assert all(p.loc.page == 48 and p.category == "考察" for p in plans)


def test_taipei_social_page_174_meetings_and_their_recent_trips():
    # 派員出國計畫預算類別表－開會: a heading wrapped over two rows (一、定期 / 會議); each
    # recent trip's place and period wrap onto a second row (美國 / 紐約, 113年 / 度)
    plans = book("taipei-social-116").travel_categories.plans
    un = next(p for p in plans if p.amount == 460)
    assert un.loc.page == 174 and un.group == "定期會議" and un.destination == "美國紐約"
    assert (un.days, un.persons, un.transport, un.living, un.office) == (12, 2, 84, 367, 9)
    assert [(t.destination, t.period, t.persons, t.cost) for t in un.recent_trips] == [
        ("美國紐約", "113年度", 2, 371), ("美國紐約", "114年度", 2, 411),
        ("美國紐約", "115年度", 2, 457)]
    rcn = next(p for p in plans if p.amount == 182)
    assert rcn.destination == "瑞士蘇黎世市"
    assert [(t.destination, t.period, t.cost) for t in rcn.recent_trips] == [
        ("法國波爾多市", "115年度", 182)]


@pytest.mark.parametrize("stem", ["taipei-116", "taipei-social-116", "taichung-115"])
def test_travel_categories_leave_no_row_unread(stem):
    assert not [f for f in book(stem).findings
                if f.table == "travel_categories" and f.kind == "unparsed"]


def test_taichung_page_9_revenue_code_on_the_row_of_its_figures():
    # 歲入來源別預算表 (單位：新臺幣千元): ordinal and 11-digit code on the figures' row, the
    # name on the row below
    rows = book("taichung-115").revenue
    assert [(r.level, r.ordinal, r.code, r.name, r.amount, r.last_year_amount,
             r.prior_year_actual, r.change) for r in rows[:2]] == [
        (0, None, None, "合計", 74, 42, 62, 32),
        (1, "02", "04000000000", "罰款及賠償收入", None, None, 2, None)]
    interest = next(r for r in rows if r.code == "07020040101")
    assert (interest.level, interest.name, interest.amount, interest.parent_code) == (
        4, "利息收入", 12, "07020040100")
    assert sum(r.amount or 0 for r in rows if r.level == 1) == 74
    assert all(r.loc.page == 9 for r in rows)


def test_taichung_pages_10_11_expenditure_by_agency():
    rows = book("taichung-115").expenditure_by_agency
    plans = [(r.code, r.name, r.amount) for r in rows if r.kind == "work_plan"]
    assert plans == [("32020040100", "一般行政", 137984), ("32020040700", "歲計會計業務", 5742),
                     ("32020040800", "統計業務", 6942), ("32020049800", "第一預備金", 500)]
    agency = next(r for r in rows if r.kind == "agency")
    assert (agency.code, agency.amount, agency.last_year_amount) == ("00020040000", 151168,
                                                                     144786)
    assert sum(a for _, _, a in plans) == agency.amount
    assert all(r.parent_code == "00020040000" for r in rows if r.kind == "work_plan")


def test_kaohsiung_page_9_an_ordinal_wrapped_under_itself():
    # 項 003 printed as `00` over `3`, beside 高雄市政府主計處
    row = next(r for r in book("kaohsiung-115").revenue if r.code == "07020110000")
    assert (row.ordinal, row.name, row.prior_year_actual) == ("003", "高雄市政府主計處", 54)


@pytest.mark.parametrize("stem", ["taichung-115", "kaohsiung-115"])
def test_ledgers_leave_no_row_unread_and_report_their_unit(stem):
    findings = book(stem).findings
    assert not [f for f in findings
                if f.table in ("revenue", "expenditure_by_agency") and f.kind == "unparsed"]
    units = [f for f in findings if f.kind == "unit_of_table" and "prints 單位 千元" in f.message]
    assert {f.table for f in units} >= {"revenue", "expenditure_by_agency"}
    assert {"revenue", "expenditure_by_agency"} <= set(book(stem).table_units)
