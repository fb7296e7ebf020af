"""The oversight tables of the 內政部 FY114 PDF book (readers/pdfbook/oversight*.py).

Every expected value was read by a person from the page rendered as an image (pypdfium2), each
test naming its page; none is computed by the reader under test. Boxes are PDF points, origin
top left (the image at scale s is s x points). Pages 177-186, 189-194 and 199-206 are two-page
spreads: each PDF page holds the whole spread's text, cropped to its half, so a figure's page is
the one that shows it.
"""

from __future__ import annotations

import pytest

from pdf_books import moi_book

# reads a real PDF book (seconds): not in the quick lane (scripts/test --fast)
pytestmark = pytest.mark.slow


def _inside(box, x0, top, x1, bottom):
    """The box lies within the region (points) where the image shows the figure."""
    assert box is not None
    assert x0 <= box[0] < box[2] <= x1 and top <= box[1] < box[3] <= bottom, box


def _row(rows, **match):
    found = [r for r in rows if all(getattr(r, k) == v for k, v in match.items())]
    assert len(found) == 1, (match, len(found))
    return found[0]


# --- 派員出國計畫預算總表, page 176 ------------------------------------------------------------

def test_travel_summary_p176_rows_and_total():
    t = moi_book().travel_summary
    assert [r.category for r in t.rows] == ["考察", "視察", "訪問", "開會", "談判", "進修",
                                            "研究", "實習"]
    total = t.total
    assert total.is_total and total.category == "合計"
    assert (total.plans, total.person_days, total.amount, total.last_year_plans,
            total.last_year_person_days, total.last_year_amount) == (11, 137, 1567, 11, 85, 1334)
    meet = _row(t.rows, category="開會")
    assert (meet.plans, meet.person_days, meet.amount, meet.last_year_plans,
            meet.last_year_person_days, meet.last_year_amount) == (5, 38, 762, 8, 59, 984)
    visit = _row(t.rows, category="訪問")  # 上年度 printed `-`
    assert (visit.plans, visit.person_days, visit.amount, visit.last_year_plans,
            visit.last_year_person_days, visit.last_year_amount) == (1, 12, 111, None, None, None)


def test_travel_summary_p176_boxes():
    total = moi_book().travel_summary.total
    assert total.loc.page == 176
    _inside(total.loc.box, 290, 126, 326, 144)  # 1,567 under 本年度預算數
    _inside(total.locs["last_year_amount"].box, 525, 126, 555, 144)  # 1,334
    assert total.locs["plans"].box[0] < total.locs["person_days"].box[0]


# --- 派員出國計畫預算類別表, pages 177-186 -----------------------------------------------------

def test_travel_categories_p177_178_first_plan():
    plans = moi_book().travel_categories.plans
    assert len(plans) == 11  # 4 考察, 1 訪問 (p177-180), 5 開會 (p181-184), 1 實習 (p185-186)
    p = plans[0]
    assert p.item_no == "01" and p.category == "考察"
    assert p.name == "考察日本地方議員支給相關制度及地方市町村合併經驗"  # wrapped over 3 rows
    assert p.field_code == "83"
    assert p.destination == "日本(東京都、千葉縣、神奈川縣)"
    assert (p.days, p.persons, p.transport, p.living, p.office, p.amount) == (5, 2, 32, 77, 8, 117)
    assert p.work_plan == "民政及宗教禮制業務"
    assert p.category_group == "考察、視察、訪問"
    assert p.topics.text.startswith("考察日本地方議員及其助理之費用補助等相關制度，以及")
    assert p.topics.text.endswith("區劃立法工作參考。")


def test_travel_categories_figures_on_the_page_that_shows_them():
    p = moi_book().travel_categories.plans[0]
    # 預計天數 5 is on the left page of the spread, 合計 117 on the right one
    assert p.locs["days"].page == 177
    _inside(p.locs["days"].box, 495, 145, 510, 165)
    assert p.loc.page == 178
    _inside(p.loc.box, 285, 145, 310, 165)
    assert p.locs["transport"].page == 178


def test_travel_categories_p181_184_meetings_and_trips():
    plans = moi_book().travel_categories.plans
    meetings = [p for p in plans if p.group == "定期會議"]
    # the page names 開會、談判; the 總表 (p176) gives 談判 no plan, so each is 開會
    assert {p.category for p in meetings} == {"開會"}
    assert [p.amount for p in meetings] == [180, 171, 137, 150, 124]
    iaao = meetings[2]
    assert iaao.name == "國際不動產估價協會(IAAO)會議" and iaao.field_code == "91"
    assert iaao.work_plan == "地籍及不動產服務業管理"
    assert len(iaao.recent_trips) == 3  # the other two printed `-`
    trip = iaao.recent_trips[0]
    assert (trip.destination, trip.period, trip.persons, trip.cost) == ("美國(鹽湖城)", "112.08", 2, 317)
    assert trip.loc.page == 182
    _inside(trip.loc.box, 530, 618, 555, 636)
    # p183: the book prints `-3M` where other plans print a two-digit 領域代碼
    # (wrapped lines join with nothing between: `(Fast` / `IDentity` cannot be told from
    # `(I` / `AAO)`; a space inside a row is kept)
    fido = meetings[3]
    assert fido.name == "2025年國際(FastIDentity Online)組織相關會議-3M"
    assert fido.field_code is None


def test_travel_categories_p185_training_has_no_office_column():
    """p185-186: 進修、研究、實習 prints 生活費, 機票與出國手續費, 書籍學雜等費 (19), 合計 and no
    辦公費: 55 + 180 + 19 = 254, which the audit checks."""
    from budgetbook.audit import audit

    book = moi_book()
    p = book.travel_categories.plans[-1]
    assert p.category == "實習" and p.field_code == "20"  # `-2` / `0` wrapped
    assert (p.days, p.persons, p.living, p.transport, p.office, p.books, p.amount) == (
        54, 1, 180, 55, None, 19, 254)
    checks = [c for c in audit(book).checks if c.rule == "travel_categories.plan"]
    assert [c.status for c in checks] == ["pass"] * len(checks) and len(checks) == 11


# --- 歲出按職能及經濟性綜合分類表, pages 189-194 ------------------------------------------------

def test_functional_p189_194_total_row():
    t = moi_book().functional.total
    assert t.is_total and t.name == "總計"
    assert (t.compensation, t.goods_services, t.interest, t.land_rent) == (3800157, 2403922, None, 28)
    assert (t.current_transfer_enterprises, t.current_transfer_households,
            t.current_transfer_government, t.current_transfer_abroad,
            t.current_total) == (119, 4275923, 1260802, None, 11740951)
    assert (t.investment_public_enterprises, t.investment_special_funds,
            t.capital_transfer_households, t.capital_transfer_government,
            t.land_purchase, t.intangible_assets) == (None, 35010, 31000, 814925, 106998, None)
    assert (t.dwellings, t.non_residential_buildings, t.transport_equipment, t.software,
            t.machinery, t.land_improvement, t.capital_total, t.total) == (
        None, 458788, 6746, 128197, 101763, None, 1683427, 13424378)


def test_functional_rows_and_boxes():
    f = moi_book().functional
    assert [(r.code, r.name) for r in f.rows] == [("01", "一般公共事務"), ("06", "社會安全與福利")]
    social = f.rows[1]
    assert (social.compensation, social.goods_services, social.current_transfer_households,
            social.capital_transfer_households, social.capital_total, social.total) == (
        3255, 39295, 32288, 30000, 30000, 113343)
    assert f.total.loc.page == 194  # 總計 13,424,378 on the right page of the last spread
    _inside(f.total.loc.box, 495, 148, 555, 162)
    assert f.total.locs["compensation"].page == 189


# --- 委辦經費分析表, pages 199-206 ------------------------------------------------------------

def test_commissioned_p199_200_total_and_work_plans():
    c = moi_book().commissioned
    assert len(c.projects) == 28
    total = c.total
    assert (total.personnel_amount, total.operating_amount, total.other_amount,
            total.unnamed_amounts, total.amount) == (72801, 319804, 550, [1500, 1600], 396255)
    assert total.loc.page == 200
    _inside(total.loc.box, 510, 132, 558, 152)
    assert total.locs["personnel_amount"].page == 199
    wps = [t for t in c.totals if t.work_plan_code]
    assert [(t.ordinal, t.work_plan_code) for t in wps][:3] == [
        ("1", "3708010100"), ("2", "3708011000"), ("3", "3708012500")]
    assert wps[1].work_plan_name == "民政及宗教禮制業務" and wps[1].amount == 38130


def test_commissioned_p199_wrapped_project():
    p = [p for p in moi_book().commissioned.projects if p.work_plan_code == "3708011000"][0]
    assert p.number == "(1)" and p.years == "114-114"
    assert p.name == "二二八事件紀念館等相關營運維護管理之委辦計畫"
    assert (p.personnel_amount, p.operating_amount, p.other_amount, p.unnamed_amounts,
            p.amount) == (12000, 22380, None, [900, 1600], 36880)
    assert p.description.text.startswith("辦理有關二二八國家紀念館之建物、設備之管理與維護")
    assert p.description.text.endswith("家屬照護計畫等。")


# --- 媒體政策及業務宣導費彙計表, page 207 -----------------------------------------------------

def test_media_p207_rows():
    m = moi_book().media
    assert [(r.code, r.level, r.amount) for r in m.rows] == [
        ("0008000000", "ministry", None), ("0008010000", "agency", 11925),
        ("3708010000", "function", 6925), ("3708011000", "work_plan", 1688),
        ("3708011500", "work_plan", 530), ("3708012900", "work_plan", 4347),
        ("3708013000", "work_plan", 360), ("6308010000", "function", 5000),
        ("6308013500", "work_plan", 5000)]
    mil = m.rows[5]
    assert mil.name == "役政業務" and mil.ordinal == "7"
    assert mil.description.text.startswith("1.辦理兵役宣導工作，兵役及替代役相關媒體新聞聯繫")
    assert "\n2.辦理全社會防衛韌性訓練工作" in mil.description.text
    assert mil.description.text.endswith("經費3,920千元。")  # `3,920千` / `元。` wrapped
    assert m.total.loc.page == 207
    _inside(m.total.loc.box, 298, 185, 336, 202)  # 11,925


# --- 決議、附帶決議及注意事項辦理情形報告表, pages 208-296 -----------------------------------

def test_resolutions_p208_296_items():
    items = moi_book().resolutions.items
    assert len(items) == 98  # (一)-(二十二) 通案決議, (一)-(七十五) 內政部部分, (四十六) 主計總處部分
    first = items[0]
    assert (first.number, first.ordinal, first.heading, first.part) == (
        "一", 1, "總預算案部分", "通案決議")
    assert first.text.text.startswith("113年度中央政府總預算案針對各機關及所屬統刪項目如下：\n1.大陸地區旅費")
    assert first.response.text == "遵照辦理。"
    assert first.loc.page == 208
    assert first.response.loc.box[0] > first.text.loc.box[2]  # 辦理情形 right of 內容
    moi = [i for i in items if i.part == "內政部部分"]
    assert len(moi) == 75 and moi[-1].number == "七十五" and moi[-1].heading == "新增通過決議"
    last = items[-1]
    assert (last.number, last.ordinal, last.part) == ("四十六", 46, "主計總處部分")
    assert last.response.text == "將配合行政院主計總處作業，遵照辦理。"  # wrapped `辦` / `理。`
    assert last.loc.page == 296


def test_no_oversight_tables_in_the_appendices():
    """The 附錄 (from p300) repeats plans, costs and staffing per sub-unit, none of these."""
    subs = moi_book().appendices
    assert [b.sub_unit for b in subs] == ["內政部", "內政部國土測繪中心", "內政部土地重劃工程處"]
    for b in subs:
        assert (b.travel_summary, b.travel_categories, b.functional, b.commissioned, b.media,
                b.resolutions) == (None,) * 6
