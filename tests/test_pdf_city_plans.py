"""歲出計畫說明提要與各項費用明細表 of the four city books, read from their PDFs; every expected
value read from the page images (pages as a viewer numbers them)."""

from __future__ import annotations

import pytest

from pdf_books import MUNICIPAL, pdf_book

pytestmark = pytest.mark.slow

BOOKS = {p.stem: p for p in MUNICIPAL}


def _plan(stem: str, code: str):
    book = pdf_book(BOOKS[stem])[0]
    return next(wp for wp in book.work_plans if wp.code == code)


def _line(lines, code):
    return next(o for o in lines if o.code == code)


def test_taipei_page_27_work_plan_and_a_glued_quantity():
    # page 27: 32020040101 一般行政-行政管理, 190,179,000元; 1035 其他給與 人、月 81×12 630 612,360
    wp = _plan("taipei-116", "32020040101")
    assert (wp.business_plan_name, wp.name, wp.amount) == ("一般行政", "行政管理", 190_179_000)
    assert wp.loc.page == 27
    other = _line(wp.sub_plans[0].object_lines, "1035")
    assert other.amount == 3_469_560
    glued = next(d for d in other.detail_lines if d.quantity == "81×12")
    assert (glued.unit, glued.unit_price, glued.amount) == ("人、月", 630, 612_360)


def test_taipei_page_29_detail_lines_add_up_and_a_wrapped_unit():
    # page 29: 2054 一般事務費 13,015,082 with nine detail lines; 臺、月、張 6×12×10000 0.6 432,000
    wp = _plan("taipei-116", "32020040101")
    line = _line(wp.sub_plans[1].object_lines, "2054")
    assert line.amount == 13_015_082 and line.loc.page == 29
    assert len(line.detail_lines) == 9
    assert sum(d.amount or 0 for d in line.detail_lines) == 13_015_082
    copier = next(d for d in line.detail_lines if d.amount == 432_000)
    assert (copier.unit, copier.quantity, copier.unit_price) == ("臺、月、張", "6×12×10000", 0.6)


def test_taipei_page_36_a_case_with_its_multi_year_total():
    # page 36: 32020049004 448,000; 04其他設備 448,000; case 01-111年個人電腦租賃費 112,120,
    # 總經費 991,800元 (never summed into this year's money)
    wp = _plan("taipei-116", "32020049004")
    assert wp.amount == 448_000
    sub = wp.sub_plans[0]
    assert (sub.no, sub.name, sub.amount) == ("04", "其他設備", 448_000)
    case = sub.cases[0]
    assert (case.case_no, case.amount, case.total_cost) == ("01", 112_120, 991_800)
    assert case.name.startswith("111年個人電腦租賃費")
    assert case.loc.page == 36
    assert sum(o.amount or 0 for o in sub.object_lines if o.level == 1) + sum(
        c.amount or 0 for c in sub.cases) == sub.amount


def test_social_page_70_margin_labels_not_read_into_the_table():
    # page 70: 社會保險業務｜社會保險 down both margins; 4055 社會保險負擔 797,777,000 in three lines
    wp = _plan("taipei-social-116", "61091900401")
    assert wp.amount == 797_777_000
    line = _line(wp.sub_plans[0].object_lines, "4055")
    assert [d.amount for d in line.detail_lines] == [442_868_000, 125_791_000, 229_118_000]
    assert line.name == "社會保險負擔"
    texts = [d.description.text for d in line.detail_lines if d.description]
    assert texts[1] == "補助輕度身心障礙者全民健康保險保險費之4分之1。"
    assert wp.description is not None and wp.description.text.endswith("增加22,345,000元。")


@pytest.mark.parametrize("stem", sorted(BOOKS))
def test_every_level_adds_up_and_the_reader_reports_nothing(stem):
    book = pdf_book(BOOKS[stem])[0]
    assert not [f for f in book.findings if f.table == "detail_plans"]
    plans = [wp for wp in book.work_plans if wp.table == "detail_plans"]
    assert plans
    for wp in plans:
        owners = [wp.object_lines] + [s.object_lines for s in wp.sub_plans] + [
            c.object_lines for s in wp.sub_plans for c in s.cases]
        for lines in owners:
            for o in lines:
                if o.detail_lines:
                    assert sum(d.amount or 0 for d in o.detail_lines) == o.amount, o.loc
        for s in wp.sub_plans:
            assert sum(o.amount or 0 for o in s.object_lines if o.level == 1) + sum(
                c.amount or 0 for c in s.cases) == s.amount, s.loc
        if wp.sub_plans:
            assert sum(s.amount or 0 for s in wp.sub_plans) == wp.amount
        else:
            assert sum(o.amount or 0 for o in wp.object_lines if o.level == 1) == wp.amount


@pytest.mark.parametrize("path", MUNICIPAL, ids=lambda p: p.stem)
def test_every_level_of_the_detail_table_passes_the_audit(path):
    from budgetbook.audit import audit

    book = pdf_book(path)[0]
    checks = [c for c in audit(book).checks if c.rule in (
        "plans.object_line.details", "plans.case_line.details", "plans.work_plan_line.details",
        "plans.case.lines", "plans.sub_plan.lines", "plans.object_line.children",
        "plans.detail.product")]
    assert checks and all(c.status == "pass" for c in checks), [
        (c.id, c.expected, c.actual) for c in checks if c.status != "pass"]
