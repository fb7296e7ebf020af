"""The city books' summary tables in their city layout (issue 10, item 5): 6-digit 用途別 codes,
11-digit work-plan codes, page labels like `09-190 - 138` at the foot. Each expected value is
read from the page image named by its test."""

from __future__ import annotations

import pytest

from pdf_books import MUNICIPAL, pdf_book

pytestmark = pytest.mark.slow

BOOKS = {p.stem: p for p in MUNICIPAL}


def book(stem: str):
    return pdf_book(BOOKS[stem])[0]


def test_taichung_page_33_cost_summary_columns_rows_and_total():
    # 各項費用彙計表 (千元): seven work plans, names wrapping over three header rows, the 合計
    # row first without a code
    cs = book("taichung-115").cost_summary
    assert [(c.code, c.name) for c in cs.columns] == [
        ("32020040101", "行政管理"), ("32020040701", "總預算編審與督導執行"),
        ("32020040702", "特種基金預決算編審與督導執行"),
        ("32020040703", "總會計事務處理與總決算核編"), ("32020040801", "公務統計"),
        ("32020040802", "經濟統計"), ("32020049801", "第一預備金")]
    assert cs.total is not None and cs.total.loc.page == 33
    assert (cs.total.amounts, cs.total.total) == (
        [137984, 2752, 1404, 1586, 1367, 5575, 500], 151168)
    rows = {r.code: r for r in cs.rows}
    pay = rows["100000"]
    assert (pay.name, pay.level, pay.amounts, pay.total) == (
        "人事費", 1, [121927, 950, 550, 420, 378, 400, None], 124625)
    travel = rows["207200"]
    assert (travel.name, travel.level, travel.parent_code, travel.total) == (
        "國內旅費", 2, "200000", 362)
    assert travel.amounts == [174, 50, 30, 50, 20, 38, None]
    # 103000 獎金 ends in 000 but is a second-level row
    assert (rows["103000"].level, rows["103000"].parent_code) == (2, "100000")


def test_taichung_page_34_cost_summary_reserve_on_the_next_page():
    rows = {r.code: r for r in book("taichung-115").cost_summary.rows}
    assert (rows["600500"].name, rows["600500"].amounts[-1], rows["600500"].total) == (
        "第一預備金", 500, 500)
    assert rows["600500"].loc.page == 34


def test_taipei_social_page_150_rows_without_figures_and_the_page_label():
    # 600000 預備金 and 600500 第一預備金 print no figure in page 150's six columns (their
    # 10,000,000 is on pages 151-152); the foot prints 09-190 - 138; names run past their code
    cs = book("taipei-social-116").cost_summary
    assert [c.name for c in cs.columns][:6] == [
        "社會保險", "經濟安全及平宅服務業務", "行政管理", "社會福利服務業務", "營建工程", "其他設備"]
    rows = {r.code: r for r in cs.rows}
    assert rows["409000"].name == "其他補助及捐助"
    assert rows["409000"].amounts[:6] == [None, 1887000, None, 5253676101, None, None]
    assert rows["405500"].amounts[:2] == [797777000, None]
    assert rows["301000"].amounts[:6] == [None, None, None, None, 175781000, None]
    assert (rows["600000"].name, rows["600000"].total) == ("預備金", 10000000)
    assert (rows["600500"].name, rows["600500"].total) == ("第一預備金", 10000000)


def test_taipei_page_45_cost_summary_in_yuan():
    cs = book("taipei-116").cost_summary
    assert [(c.code, c.name) for c in cs.columns] == [
        ("32020040101", "行政管理"), ("32020041101", "主計業務"), ("32020049004", "其他設備"),
        ("32020049801", "第一預備金")]
    assert cs.total is not None
    assert (cs.total.amounts, cs.total.total) == (
        [190179000, 17115000, 448000, 600000], 208342000)
    rows = {r.code: r for r in cs.rows}
    assert (rows["303000"].amounts, rows["303000"].total) == (
        [None, 5329000, 448000, None], 5777000)
    assert "cost_summary" not in book("taipei-116").table_units  # printed in 元 like the book


def test_taipei_social_page_147_object_analysis_coded_rows():
    # 歲出一級用途別科目分析表 (千元): the 11-digit code on the row of the figures, the name below
    # it (wrapped: 社會福利服務業 / 務), column labels printed one character a row
    oa = book("taipei-social-116").object_analysis
    rows = {r.code: r for r in oa.rows}
    assert len(oa.rows) == 17 and all(r.loc.page == 147 for r in oa.rows)
    total = oa.rows[0]
    assert (total.name, total.code, total.personnel, total.operating, total.grants,
            total.reserve, total.current_subtotal, total.equipment_investment,
            total.capital_grants, total.capital_subtotal, total.total) == (
        "合計", None, 654360, 1948455, 20528736, 10000, 23141551, 206350, 77795, 284145,
        23425696)
    r = rows["63091902101"]
    assert (r.name, r.level, r.operating, r.grants, r.current_subtotal, r.equipment_investment,
            r.capital_grants, r.capital_subtotal, r.total) == (
        "社會福利服務業務", "work_plan", 1874683, 9393863, 11268546, 18025, 77795, 95820,
        11364366)
    assert (rows["63091900000"].name, rows["63091900000"].level) == ("福利服務支出", "function")
    assert (rows["63091909000"].name, rows["63091909000"].equipment_investment) == (
        "一般建築及設備", 178698)
    assert (rows["63091909801"].reserve, rows["63091909801"].personnel) == (10000, None)


def test_taichung_page_35_object_analysis_names_wrapped_over_two_rows():
    rows = {r.code: r for r in book("taichung-115").object_analysis.rows}
    r = rows["32020040702"]
    assert (r.name, r.personnel, r.operating, r.current_subtotal, r.total) == (
        "特種基金預決算編審與督導執行", 550, 854, 1404, 1404)
    r = rows["32020040101"]
    assert (r.grants, r.equipment_investment, r.capital_subtotal, r.total) == (12, 1810, 1810,
                                                                                137984)


def test_taipei_social_page_148_capital_labels_over_three_rows():
    # 資本支出分析表 (千元): 合計 first, labels wrapping in their cells (房屋建 / 築及設 / 備),
    # 設備及投資 a letter-spaced group title over them
    cap = book("taipei-social-116").capital
    rows = {r.code: r for r in cap.rows}
    assert len(cap.rows) == 9 and all(r.loc.page == 148 for r in cap.rows)
    r = rows["63091902101"]
    assert (r.name, r.misc_equipment, r.other_capital, r.total) == (
        "社會福利服務業務", 18025, 77795, 95820)
    r = rows["63091909000"]
    assert (r.name, r.buildings, r.it_equipment, r.total) == ("一般建築及設備", 175781, 2917,
                                                              178698)
    assert (rows["63091900101"].it_equipment, rows["63091900101"].misc_equipment) == (9033, 494)
