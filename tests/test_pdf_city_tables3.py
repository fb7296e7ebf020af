"""The city books' remaining tables (issue 10): 歲出按職能及經濟性綜合分類表 (every label printed
vertically), the 合計 row of 資本支出分析表, 人事費彙計表 (categories as columns, a row per
class of staff), 人天 printed as persons times days; and each book's audit failures, every one
examined on its page image and listed with its page. Expected values are read from the page
images named by the tests.

The vertical column labels of these books are set in a font the PDF does not embed (MSung-Light);
PDFium places such a character only with a CJK font installed (fonts-noto-cjk, which
scripts/system-deps installs), else it drops it from the text layer."""

from __future__ import annotations

from collections import Counter

import pytest

from pdf_books import MUNICIPAL, pdf_book

pytestmark = pytest.mark.slow

BOOKS = {p.stem: p for p in MUNICIPAL}


def book(stem: str):
    b = pdf_book(BOOKS[stem])[0]
    return b if b.phase else b.model_copy(update={"phase": "proposed"})


def audit_of(stem: str):
    from budgetbook.audit import audit

    return audit(book(stem)).checks


def failures(stem: str) -> Counter[str]:
    return Counter(c.rule.split(":")[0] for c in audit_of(stem) if c.status == "fail")


def test_the_vertical_labels_are_in_the_text_layer():
    # page 35 of taichung-115, 歲出一級用途別科目分析表: 人 / 事 / 費 over 124,625 (合計 row)
    from budgetbook.pdf import read_pdf

    page = read_pdf(BOOKS["taichung-115"]).pages[34]
    stacked = "".join(ch for r in page.rows[:8] for _, ch, _ in r.chars())
    assert "人" in stacked and "獎" in stacked, (
        "PDFium dropped the characters of a font the PDF does not embed: install a CJK font "
        "(scripts/system-deps installs fonts-noto-cjk)")
    assert book("taichung-115").object_analysis.rows[0].personnel == 124625


def test_taichung_page_45_person_days_printed_as_persons_times_days():
    # 派員出國計畫預算總表 (千元): 考察 1 plan, 5人x5天, 500; last year the same; 合計 the same
    ts = book("taichung-115").travel_summary
    row = next(r for r in ts.rows if r.category == "考察")
    assert (row.plans, row.person_days, row.amount, row.last_year_plans,
            row.last_year_person_days, row.last_year_amount) == (1, 25, 500, 1, 25, 500)
    assert row.locs["person_days"].page == 45
    assert (ts.total.person_days, ts.total.amount) == (25, 500)
    assert not [f for f in book("taichung-115").findings if f.table == "travel_summary"
                and f.kind == "ambiguous_number"]


def test_taichung_pages_48_49_functional_labels_printed_vertically():
    # a spread: 經常支出 on page 48, 資本支出 and 總計 on page 49; labels one character a row,
    # 商品及勞務購買支出 in two stacks side by side (商購 / 品買 / 及支 / 勞出 / 務)
    fn = book("taichung-115").functional
    t = fn.total
    assert (t.compensation, t.goods_services, t.current_transfer_households, t.current_total,
            t.transport_equipment, t.machinery, t.capital_total, t.total) == (
        136290, 13056, 12, 149358, 910, 900, 1810, 151168)
    assert t.current_transfer_enterprises is None and t.capital_transfer_households is None
    assert t.locs["compensation"].page == 48 and t.loc.page == 49
    assert [(r.code, r.name, r.total) for r in fn.rows] == [("01", "一般公共事務", 151168)]


def test_taipei_social_page_184_functional_in_one_function():
    # 06 社會安全與福利 holds everything: 受僱人員報酬 689,174, 商品及勞務 1,923,491, 對家庭及民間
    # 非營利機構 20,528,736, 對國外 150, 經常支出合計 23,141,551; 資本移轉 對家庭及民間 77,795
    fn = book("taipei-social-116").functional
    (row,) = fn.rows
    assert (row.code, row.name) == ("06", "社會安全與福利")
    assert (row.compensation, row.goods_services, row.current_transfer_households,
            row.current_transfer_abroad, row.current_total, row.capital_transfer_households,
            row.non_residential_buildings, row.capital_total, row.total) == (
        689174, 1923491, 20528736, 150, 23141551, 77795, 175781, 284145, 23425696)


def test_capital_total_rows():
    # 合計 row above the coded rows: taichung-115 page 36 (運輸設備 910, 資訊軟硬體 450, 雜項
    # 450, 合計 1,810); taipei-social-116 page 148 (房屋建築及設備 175,781, 資訊軟硬體 11,950,
    # 雜項設備 18,619, 其他資本支出 77,795, 合計 284,145)
    t = book("taichung-115").capital.total
    assert (t.transport, t.it_equipment, t.misc_equipment, t.total, t.loc.page) == (
        910, 450, 450, 1810, 36)
    t = book("taipei-social-116").capital.total
    assert (t.buildings, t.it_equipment, t.misc_equipment, t.other_capital, t.total,
            t.loc.page) == (175781, 11950, 18619, 77795, 284145, 148)
    assert len(book("taipei-social-116").capital.rows) == 9  # the 合計 row is none of them


def test_taichung_page_37_personnel_costs_classes_and_categories():
    # 人事費彙計表 (元): 合計 100 posts; 法定編制人員待遇 76,622,040, 約聘僱人員待遇 5,141,136,
    # 技工及工友待遇 471,240, 獎金 16,703,742, 其他給與 1,600,000, 加班費 7,896,464, 退休離職儲金
    # 8,896,740, 保險 7,293,638, 合計 124,625,000; 職員 indented under 正式員額
    pc = book("taichung-115").personnel_costs
    assert (pc.total, pc.total_loc.page) == (124625000, 37)
    assert [(c.name, c.amount) for c in pc.categories] == [
        ("民意代表待遇", None), ("政務人員待遇", None), ("法定編制人員待遇", 76622040),
        ("約聘僱人員待遇", 5141136), ("技工及工友待遇", 471240), ("獎金", 16703742),
        ("其他給與", 1600000), ("加班費", 7896464), ("退休退職給付", None),
        ("退休離職儲金", 8896740), ("保險", 7293638)]
    assert all(c.ordinal is None for c in pc.categories)
    assert [(c.name, c.parent, c.posts, c.total) for c in pc.classes] == [
        ("合計", None, 100, 124625000), ("正式員額", None, 88, 113273157),
        ("職員", "正式員額", 88, 113273157), ("約聘僱人員", None, 11, 7341422),
        ("駕駛", None, 1, 681843), ("其他人事費", None, None, 3328578)]
    other = pc.classes[-1]
    assert (other.overtime, other.insurance) == (3328000, 578)


def test_kaohsiung_page_28_a_note_glued_to_the_total():
    # 合計 row: 合計 96,143,000 then 備註 加班費 / 1,312,000元。 in the next cell, the first line
    # glued to the figure in the text layer; 技工 prints no figure
    pc = book("kaohsiung-115").personnel_costs
    total = pc.classes[0]
    assert (total.name, total.posts, total.total, total.note) == (
        "合計", 100, 96143000, "加班費1,312,000元。")
    assert (total.contract, total.retirement_fund, total.insurance) == (3772392, 241920, 6701139)
    tech = next(c for c in pc.classes if c.name == "技工")
    assert (tech.posts, tech.total) == (None, None)


def test_city_personnel_costs_tie_to_the_detail_lines():
    from budgetbook.audit import audit

    for stem in ("taichung-115", "taipei-116", "taipei-social-116", "kaohsiung-115"):
        checks = [c for c in audit(book(stem)).checks
                  if c.rule.startswith(("personnel_costs.class", "personnel_costs.category.lines"))]
        assert checks and all(c.status == "pass" for c in checks), stem
    lines = [c for c in audit(book("taichung-115")).checks
             if c.rule == "personnel_costs.category.lines" and "獎金" in c.description]
    assert [(c.expected, c.actual) for c in lines] == [(16703742, 16703742)]


def test_taichung_failures_are_its_own_rounding():
    # page 33, 各項費用彙計表 (千元, rounded from the 元 detail tables): 205100 物品 1,027 + 450 +
    # 149 + 60 + 96 + 146 = 1,928, printed 1,929; in 32020040802's column the second-level
    # rows 110 + 17 + 3,473 + 146 + 1,381 + 9 + 38 = 5,174, 200000 業務費 printed 5,175.
    # Its 人事費 rows round the 人事費彙計表's 元 (page 37): 101500 76,622 for 76,622,040,
    # 102000 5,141, 102500 471, 103000 16,704, 104000 7,896, 105000 8,897, 105500 7,294.
    assert failures("taichung-115") == {
        "cost_summary.row_total": 1, "cost_summary.first_level": 1,
        "personnel_costs.category": 7,
    }


def test_taipei_failures_are_its_own_rounding():
    # page 52, 歲出按職能及經濟性綜合分類表 (千元): 受僱人員報酬 165,261 + 商品及勞務購買支出
    # 30,135 = 195,396, 經常支出合計 printed 195,395 (總計 and 01 一般公共事務 alike)
    assert failures("taipei-116") == {"functional.current": 2}


def test_taipei_social_passes_every_check():
    assert failures("taipei-social-116") == {}


def test_taipei_social_is_one_agencys_book_counted_once():
    # page 3 (目次): the 社會局's own tables, no 附錄 of sub-units (分預算); page 7: the
    # 老人自費安養中心 is one of its own units; page 8: 所屬機關 draw on its 第一預備金 but
    # publish books of their own. Its work plans add up to the 總計 of page 185 (23,425,696
    # 千元) once: nothing is read twice
    b = book("taipei-social-116")
    assert (b.sub_unit, b.appendices) == ("", [])
    assert sum(wp.amount for wp in b.work_plans) == 23_425_696_000
    assert b.functional.total.total == 23_425_696 and b.functional.total.loc.page == 185


def test_taichung_page_47_vehicles_under_their_work_plan():
    # 公務車輛明細表 (元): 現有車輛 then 本年度新增車輛, each with 一般行政 / 行政管理 and its
    # subtotal on the row of the name; kinds wrapping (小客貨兩用 / 車); 1201-1800 a range
    v = book("taichung-115").vehicles
    assert [(r.group, r.work_plan, r.name, r.count, r.passengers, r.acquired, r.displacement,
             r.license_tax, r.fuel_use_fee, r.fuel_litres, str(r.fuel_unit_price), r.fuel_cost,
             r.maintenance, r.insurance, r.inspection, r.description) for r in v.rows] == [
        ("現有車輛", "一般行政-行政管理", "小客貨兩用車", 1, 7, "10503", "2198", 11230, 6180,
         1668, "31.0", 51708, 51000, 2915, 750, "APP-7693"),
        ("現有車輛", "一般行政-行政管理", "油電混合動力車", 1, 4, "11306", "1798", 7120, 4800,
         1140, "31.0", 35340, 8500, 2483, None, "BXD-5971"),
        ("本年度新增車輛", "一般行政-行政管理", "油電混合動力車", 1, 4, "11501", "1201-1800",
         7120, 4800, 1140, "31.0", 35340, 8500, 2483, None, "預定115年1月購置新車輛汰換5406-G2"),
    ]
    assert v.rows[0].displacement_cc == 2198 and v.rows[2].displacement_cc is None
    assert [(s.group, s.license_tax, s.fuel_use_fee, s.fuel_cost, s.maintenance, s.insurance,
             s.inspection) for s in v.subtotals] == [
        ("現有車輛", 18350, 10980, 87048, 59500, 5398, 750),
        ("本年度新增車輛", 7120, 4800, 35340, 8500, 2483, None)]
    t = v.total
    assert (t.license_tax, t.fuel_use_fee, t.fuel_cost, t.maintenance, t.insurance,
            t.inspection, t.loc.page) == (25470, 15780, 122388, 68000, 7881, 750, 47)
    assert v.rows[0].amount == 11230 + 6180 + 51708 + 51000 + 2915 + 750


def test_kaohsiung_page_30_an_electric_car_and_a_car_without_costs():
    # 電動汽車: 251-500 (its motor), 牌照稅 11,230, 養護費 8,300, 保險費 2,483; 油電混合動力車
    # prints no cost at all; 備註 wrapping over three rows
    rows = {r.description: r for r in book("kaohsiung-115").vehicles.rows}
    car = rows["首長座車。"]
    assert (car.name, car.displacement, car.license_tax, car.fuel_use_fee, car.fuel_cost,
            car.maintenance, car.insurance) == ("電動汽車", "251-500", 11230, None, None, 8300,
                                                2483)
    hybrid = rows["公務使用(油電混合動力車)(1593-ZX)。"]
    assert (hybrid.name, hybrid.acquired, hybrid.displacement_cc, hybrid.amount) == (
        "油電混合動力車", "09909", 1798, None)


def test_taipei_social_pages_176_177_a_heading_at_a_pages_foot():
    # page 176 ends with the heading 本年度新增 / 車輛; page 177 opens with 一般行政's subtotal
    # under it, then its one vehicle; an electric motorcycle's 逾5馬力 / (hp)
    v = book("taipei-social-116").vehicles
    assert len(v.rows) == 15 and v.rows[-1].loc.page == 177
    assert (v.rows[-1].group, v.rows[-1].name, v.rows[-1].description) == (
        "本年度新增車輛", "客貨兩用車", "CBC-2515")
    assert v.rows[8].displacement == "逾5馬力(hp)" and v.rows[8].name == "重型電動公務機車"
    assert [(s.group, s.fuel_cost) for s in v.subtotals] == [("現有車輛", 164511),
                                                             ("本年度新增車輛", 30510)]
    assert (v.total.fuel_cost, v.total.maintenance, v.total.insurance) == (195021, 238800,
                                                                           106000)


def test_kaohsiung_page_5_overview_numbered_from_a_level_above():
    # 壹、現行法定職掌 / 一、機關主要職掌： / 二、內部分層業務： / 貳、前年度及上年度已過期間計畫
    # 實施及預算執行情況： / 一、前(113)年度計畫實施成果及決算辦理概況： …; the foot's 011 - 1 is
    # no text
    ov = book("kaohsiung-115").overview
    assert [(o.number, o.title) for o in ov.other][:4] == [
        ("一", "機關主要職掌"), ("二", "內部分層業務"),
        ("貳", "前年度及上年度已過期間計畫實施及預算執行情況"),
        ("一", "前(113)年度計畫實施成果及決算辦理概況")]
    assert ov.other[0].text.text == "本處依法令規定掌理本府歲計、會計、統計及主計人員人事管理等事項。"
    assert ov.other[3].text.text.startswith("前年度歲入預算數 0 千元，歲出預算數 1億 308萬 9 千元。")
    assert not [f for f in book("kaohsiung-115").findings if f.table == "overview"]


def test_taipei_page_9_duties_in_prose_and_no_page_label_in_the_text():
    # (一)機關主要職掌： prose without numbered items; the foot prints 02-004 - 1
    ov = book("taipei-116").overview
    duties = next(o for o in ov.other if o.title == "機關主要職掌")
    assert duties.text.text == ("本處組織規程依臺北市政府組織自治條例第 6 條訂定。本處掌理本市歲計、"
                                "會計、統計事宜。")
    assert duties.loc.page == 9
    assert not any(o.text and o.text.text.rstrip().endswith("02-004-1") for o in ov.other)


def test_taichung_page_12_revenue_item_in_thousands_on_its_header():
    # 歲入項目說明提要與預算明細表: 07020040101 財產孳息-利息收入, 承辦單位 秘書室, 預算金額 12千元
    # (12,000 元, as its detail table's 合計), 一.項目內容 and 二.法令依據
    notes = book("taichung-115").revenue_notes
    assert [(n.code, n.name, n.amount, n.loc.page) for n in notes] == [
        ("07020040101", "利息收入", 12000, 12), ("07020040501", "廢舊物資售價", 60000, 13),
        ("12020040210", "其他雜項收入", 2000, 14)]
    n = notes[0]
    assert (n.units, n.level, n.parent_code) == ("秘書室", 4, "07020040100")
    assert n.content.text == "預估本年度專戶存款利息收入。"
    assert n.legal_basis.text == "臺中市政府所屬各機關學校專戶及保管品管理要點第9點、預算法暨相關規定。"
    checks = [c for c in audit_of("taichung-115") if c.rule == "revenue.notes.ledger"]
    assert len(checks) == 3 and all(c.status == "pass" for c in checks)  # 千元 ledger, page 9


def test_taipei_social_page_37_revenue_item_over_two_pages():
    # 04091900101 罰金罰鍰及怠金-罰金罰鍰, 承辦單位 over three rows, 預算金額 7,300,000元; six
    # numbered parts (一、項目內容 … 六、預期成果); its detail table (page 38) adds to 7,300,000
    notes = book("taipei-social-116").revenue_notes
    assert len(notes) == 10
    n = notes[0]
    assert (n.code, n.name, n.amount, n.units) == (
        "04091900101", "罰金罰鍰", 7300000, "人團科、身障科、老福科、婦幼科、兒少科、社工科")
    assert n.content.text.startswith("1.違反商業團體法第63條規定者。")
    assert n.description.text.startswith("一、項目內容：1.違反商業團體法第63條規定者。")
    assert "三、計算方法：" in n.description.text and "六、預期成果：" in n.description.text
    assert not [f for f in book("taipei-social-116").findings if f.table == "revenue_notes"]


def test_taipei_pages_17_18_ledgers_with_current_and_capital_parts():
    # 歲入預算表 / 歲出預算表 (千元): 本年度預算數 printed as 合計, 經常門 and 資本門
    b = book("taipei-116")
    total = b.revenue[0]
    assert (total.name, total.amount, total.current_amount, total.capital_amount,
            total.last_year_amount, total.prior_year_actual, total.change) == (
        "合計", 86, 86, None, 268, 272, -182)
    rows = {r.code: r for r in b.expenditure_by_agency}
    agency = rows["00020040000"]
    assert (agency.name, agency.kind, agency.amount, agency.current_amount,
            agency.capital_amount, agency.last_year_amount, agency.prior_year_actual,
            agency.change, agency.loc.page) == (
        "臺北市政府主計處", "agency", 208342, 195395, 12947, 187978, 178764, 20364, 18)
    other = rows["32020049004"]
    assert (other.name, other.amount, other.current_amount, other.capital_amount) == (
        "其他設備", 448, None, 448)
    ledger = [c for c in audit_of("taipei-116") if c.rule == "plans.work_plan.ledger"]
    assert len(ledger) == 4 and all(c.status == "pass" for c in ledger)


def test_taipei_social_page_30_expenditure_ledger():
    # 00090000000 臺北市政府社會局主管 23,425,696 = 23,141,551 + 284,145; 上年度 20,420,758,
    # 前年度 25,455,125, 比較 3,004,938; 61091900401 社會保險 797,777
    rows = {r.code: r for r in book("taipei-social-116").expenditure_by_agency}
    top = rows["00090000000"]
    assert (top.kind, top.amount, top.current_amount, top.capital_amount, top.last_year_amount,
            top.prior_year_actual, top.change) == (
        "ministry", 23425696, 23141551, 284145, 20420758, 25455125, 3004938)
    assert (rows["61091900401"].name, rows["61091900401"].amount) == ("社會保險", 797777)


def test_taipei_page_49_an_electric_car_in_horsepower():
    # 電動車 4 11407, 182.1- / 262HP / (184.8- / 265.9PS) / (含電 / 池) wrapping in its cell;
    # 養護費 23,000, 車輛保險費 35,000, EBH-5981; the subtotal and 合計 the same
    v = book("taipei-116").vehicles
    (car,) = v.rows
    assert (car.group, car.work_plan, car.name, car.passengers, car.acquired, car.maintenance,
            car.insurance, car.description, car.displacement_cc) == (
        "現有車輛", "一般行政-行政管理", "電動車", 4, "11407", 23000, 35000, "EBH-5981", None)
    assert car.displacement.startswith("182.1-262HP") and "265.9PS" in car.displacement
    assert (v.total.maintenance, v.total.insurance, v.total.loc.page) == (23000, 35000, 49)


def test_taichung_pages_38_43_personnel_costs_per_work_plan():
    # 人事費分析表 (元): page 38 0132010100-行政支出-一般行政-行政管理, 合計 100 posts, 加班費
    # 5,198,464, 合計 121,927,000, 其他人事費 630,000 + 578 = 630,578; page 39
    # 總預算編審與督導執行: 其他人事費 加班費 950,000 only
    plans = book("taichung-115").personnel_analysis
    assert [(p.code, p.work_plan_name, p.work_plan_code, p.total, p.loc.page) for p in plans] == [
        ("0132010100", "行政管理", "32020040101", 121927000, 38),
        ("0132070100", "總預算編審與督導執行", "32020040701", 950000, 39),
        ("0132070200", "特種基金預決算編審與督導執行", "32020040702", 550000, 40),
        ("0132070300", "總會計事務處理與總決算核編", "32020040703", 420000, 41),
        ("0132080100", "公務統計", "32020040801", 378000, 42),
        ("0132080200", "經濟統計", "32020040802", 400000, 43)]
    first = plans[0]
    assert first.names == "行政支出-一般行政-行政管理"
    total = first.classes[0]
    assert (total.name, total.posts, total.statutory, total.overtime, total.total) == (
        "合計", 100, 76622040, 5198464, 121927000)
    other = first.classes[-1]
    assert (other.name, other.overtime, other.insurance, other.total) == (
        "其他人事費", 630000, 578, 630578)
    assert [(c.name, c.overtime, c.total) for c in plans[1].classes] == [
        ("合計", 950000, 950000), ("其他人事費", 950000, 950000)]
    # the work plans add up to 人事費彙計表 (page 37), each 合計 to its 100000 人事費 (page 33)
    checks = [c for c in audit_of("taichung-115") if c.rule.startswith("personnel_costs.analysis")]
    assert len(checks) > 40 and all(c.status == "pass" for c in checks)
