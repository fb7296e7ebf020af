"""公務車輛明細表, 現有辦公房舍明細表, 補助經費分析表 and 捐助經費分析表 read from the 內政部 FY114 PDF.
Every expected value is read off the page images (pypdfium2 at scale 1.5: points = pixels / 1.5),
the page named in each test."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pdf_books import moi_book

# reads a real PDF book (seconds): not in the quick lane (scripts/test --fast)
pytestmark = pytest.mark.slow


def _appendix(name: str):
    return next(a for a in moi_book().appendices if a.sub_unit == name)


def _inside(box, x0: float, top: float, x1: float, bottom: float) -> bool:
    """The box lies within the given region (points, origin top left)."""
    return box is not None and x0 <= box[0] < box[2] <= x1 and top <= box[1] < box[3] <= bottom


# --- 公務車輛明細表 (pages 139-145; appendix 內政部 pages 351-352) -----------------------------


def test_vehicles_first_row_page_139():
    row = moi_book().vehicles.rows[0]
    assert (row.group, row.count, row.name, row.passengers, row.acquired) == (
        "現有車輛", 1, "首長專用車", 4, "103.03")
    assert (row.displacement_cc, row.fuel_litres, row.fuel_unit_price, row.fuel_cost,
            row.maintenance, row.other) == (1998, 1140, Decimal("31.00"), 35, 9, 54)
    # 備註 wraps over six rows
    assert row.description == "AGH-1579。預定114年1月汰換首長專用車1輛。（截至113年6月份已行駛13萬公里。)"
    # 35 (油料費 金額) is printed at about x 600-615 px, y 197-209 px on page 139 (the row below 現有車輛:)
    assert row.loc.page == 139 and row.loc == row.loc_of("fuel_cost")
    assert _inside(row.loc.box, 395, 126, 415, 143)
    # 車輛數 1 at the left edge, 其他 54 just left of the 備註 column
    assert _inside(row.loc_of("count").box, 40, 126, 55, 143)
    assert _inside(row.loc_of("other").box, 485, 126, 505, 143)


def test_vehicles_wrapped_name_page_139():
    row = moi_book().vehicles.rows[4]  # 小客車及小客貨兩 / 用車, 8972-NH
    assert row.name == "小客車及小客貨兩用車"
    assert row.description == "8972-NH。預計114年5月汰換8人座小客貨兩用車1輛。"
    assert (row.passengers, row.acquired, row.displacement_cc, row.fuel_litres) == (7, "95.04", 2350, 0)


def test_vehicles_last_row_and_total_page_145():
    table = moi_book().vehicles
    last = table.rows[-1]
    assert (last.group, last.count, last.name, last.passengers, last.acquired) == (
        "本年度新增車輛", 2, "機車", 1, "114.04")
    assert (last.displacement_cc, last.fuel_litres, last.fuel_unit_price, last.fuel_cost,
            last.maintenance, last.other) == (0, 0, Decimal("0.00"), 0, 3, 1)
    assert last.description == "預計114年4月新購電動機車。"
    t = table.total
    # the 合計 row prints no 車輛數
    assert (t.count, t.fuel_litres, t.fuel_cost, t.maintenance, t.other) == (None, 63561, 1949, 790, 714)
    assert t.loc.page == 145 and t.loc_of("fuel_litres").page == 145


def test_vehicles_plates_joined_across_a_hyphen_page_145():
    row = next(r for r in moi_book().vehicles.rows if r.description and r.description.startswith("NUZ-3890"))
    assert row.description == "NUZ-3890、NUZ-3891、NUZ-3892、NUZ-3893、NUZ-3895、NUZ-3896。"


def test_vehicles_appendix_neizhengbu_pages_351_352():
    table = _appendix("內政部").vehicles
    assert len(table.rows) == 20
    assert [r.count for r in table.rows].count(1) == 19
    row = table.rows[14]  # 小貨車 103.04, its 備註 wrapped over four rows
    assert (row.name, row.acquired, row.displacement_cc, row.fuel_unit_price, row.fuel_cost,
            row.maintenance, row.other) == ("小貨車", "103.04", 2351, Decimal("29.50"), 49, 51, 32)
    assert row.description == "BMJ-0290。原車號AGH-7021，因車牌毀損更換。"
    t = table.total
    assert (t.fuel_litres, t.fuel_cost, t.maintenance, t.other) == (26040, 797, 697, 522)
    assert t.loc.page == 352


def test_vehicles_book_slip_rows_do_not_add_to_total_page_351():
    # the book's own rounding: the 20 rows of page 351 print 油料費 金額 adding to 799 and 養護費
    # adding to 699, the 合計 on page 352 prints 797 and 697 (kept as printed)
    table = _appendix("內政部").vehicles
    assert sum(r.fuel_cost or 0 for r in table.rows) == 799
    assert sum(r.maintenance or 0 for r in table.rows) == 699


def test_vehicles_appendix_rows_per_sub_unit():
    assert len(_appendix("內政部國土測繪中心").vehicles.rows) > 0
    assert len(_appendix("內政部土地重劃工程處").vehicles.rows) > 0


# --- 現有辦公房舍明細表 (spread pages 147-148 彙編; 151-152 內政部國土測繪中心) ---------------------


def test_offices_consolidated_rows_pages_147_148():
    table = moi_book().offices
    assert [(r.number, r.name, r.parent) for r in table.rows] == [
        ("一", "辦公房屋", None), ("二", "機關宿舍", None), ("1", "首長宿舍", "機關宿舍"),
        ("2", "單房間職務宿舍", "機關宿舍"), ("3", "多房間職務宿舍", "機關宿舍"), ("三", "其他", None)]
    row = table.rows[0]
    assert (row.owned_units, row.owned_area, row.owned_cost, row.owned_maintenance) == (
        "101棟", Decimal("125759.64"), 1377808, 6162)
    assert (row.free_units, row.free_area, row.free_maintenance) == ("1棟", Decimal("1589.00"), None)
    assert (row.rented_units, row.rented_area, row.rented_deposit, row.rented_rent,
            row.rented_maintenance) == ("7棟", Decimal("1437.87"), None, 2317, None)
    assert (row.total_area, row.total_deposit, row.total_rent, row.total_maintenance) == (
        Decimal("128786.51"), None, 2317, 6162)


def test_offices_figures_located_on_the_half_that_shows_them_pages_147_148():
    row = moi_book().offices.rows[0]
    # 自有 面積 125,759.64 on the left page (147) at about x 290-380 px, y 272-285 px
    assert row.loc_of("owned_area").page == 147
    assert _inside(row.loc_of("owned_area").box, 190, 178, 256, 193)
    # 合計 年需養護費 6,162 on the right page (148) at about x 800-830 px, y 272-285 px
    assert row.loc.page == 148
    assert _inside(row.loc.box, 525, 178, 556, 193)


def test_offices_total_and_staff_page_147():
    table = moi_book().offices
    t = table.total
    assert (t.owned_area, t.owned_cost, t.owned_maintenance, t.free_area, t.free_maintenance) == (
        Decimal("150166.70"), 1410133, 6790, Decimal("59756.68"), 8023)
    assert (t.rented_area, t.rented_rent, t.total_area, t.total_rent, t.total_maintenance) == (
        Decimal("1437.87"), 2317, Decimal("211361.25"), 2317, 14813)
    assert t.owned_units is None
    assert table.staff["職員"] == 942 and table.staff["駐外雇員"] == 0
    assert table.staff_total == 1468


def test_offices_sub_unit_page_151():
    table = _appendix("內政部國土測繪中心").offices
    assert table.staff_total == 524 and table.staff["技工"] == 285
    first = table.rows[0]
    assert (first.owned_units, first.owned_area, first.owned_cost, first.owned_maintenance,
            first.free_units, first.free_area) == ("34棟", Decimal("12607.60"), 62712, 110, "1棟",
                                                   Decimal("1589.00"))
    # 二、機關宿舍 prints `-` in every column
    assert table.rows[1].owned_units is None and table.rows[1].owned_area is None
    assert table.total.owned_cost == 62712 and table.total.loc.page in (151, 152)


# --- 補助經費分析表 (spread pages 155-164) -------------------------------------------------------


def test_subsidies_total_and_first_group_pages_155_156():
    table = moi_book().subsidies
    t = table.total
    assert (t.personnel, t.operating, t.current_other, t.land, t.construction, t.capital_other,
            t.amount) == (58671, 794883, 407248, None, 139656, 675269, 2075727)
    g = table.groups[0]
    assert (g.number, g.work_plan_code, g.work_plan_name) == ("1", "3708011000", "民政及宗教禮制業務")
    assert (g.personnel, g.operating, g.current_other, g.land, g.construction, g.capital_other,
            g.amount) == (None, 594630, 15330, None, 139656, 653756, 1403372)


def test_subsidies_item_wrapped_and_recipient_pages_155_156():
    item = moi_book().subsidies.groups[0].items[1]
    assert (item.number, item.name) == ("02(2)", "補助地方政府春節期間加發村里長1.5個月事務補助費")
    assert (item.operating, item.amount) == (594630, 594630)
    rec = item.recipients[0]
    assert (rec.number, rec.name, rec.years, rec.budget_year) == ("[1]", "補助直轄市政府", "經常性", "114")
    assert (rec.personnel, rec.operating, rec.current_other, rec.amount) == (None, 316470, None, 316470)
    assert rec.description.text == "補助地方政府春節期間加發村里長1.5個月事務補助費。"
    # 合計 316,470 on the right page (156) at about x 785-830 px, y 500-512 px
    assert rec.loc.page == 156
    assert _inside(rec.loc.box, 515, 328, 556, 345)
    # 業務費 316,470 on the left page (155)
    assert rec.loc_of("operating").page == 155


def test_subsidies_years_range_page_155():
    item = moi_book().subsidies.groups[0].items[3]
    assert (item.number, item.name) == ("04(4)", "補助連江縣政府聯合辦公大樓興建計畫")
    rec = item.recipients[0]
    assert (rec.name, rec.years, rec.construction, rec.amount) == ("補助各縣市政府", "114-117", 22373, 22373)


def test_subsidies_last_group_pages_163_164():
    table = moi_book().subsidies
    assert [g.number for g in table.groups] == ["1", "2", "3", "4", "5"]
    last = table.groups[-1]
    assert (last.work_plan_code, last.work_plan_name, last.personnel, last.amount) == (
        "6308013500", "社會行政業務", 8505, 8505)
    assert [(i.number, i.name) for i in last.items] == [("01(1)", "合作事業振興發展計畫")]
    recipients = last.items[0].recipients
    assert [(r.name, r.years, r.budget_year, r.personnel, r.amount) for r in recipients] == [
        ("補助直轄市政府", "114-114", "114", 3645, 3645), ("補助各縣市政府", "114-114", "114", 4860, 4860)]
    assert recipients[1].description.text == "補助地方政府充實合作行政人力，辦理合作事業籌組、設立、輔導、培訓宣導等工作。"
    assert recipients[1].loc.page == 164 and recipients[1].loc_of("personnel").page == 163


def test_subsidies_recipient_without_budget_year_pages_159_161():
    # the book prints no 機關列入預算年度 for this recipient (page 159, last row): kept as None;
    # its 補助內容 ends at the top of page 161 (業務經費。)
    item = moi_book().subsidies.groups[2].items[2]
    assert (item.number, item.name) == ("03(3)", "智慧衛星定位及移動測圖科技發展計畫")
    rec = item.recipients[0]
    assert (rec.name, rec.years, rec.budget_year, rec.personnel, rec.operating) == (
        "補助特種基金", "經常性", None, None, 50)
    assert rec.description.text == "補助公立學校辦理相關測繪業務經費。"
    assert rec.description.loc.page == 159 and rec.description.marks[0][1].page == 161


# --- 捐助經費分析表 (spread pages 165-174) -------------------------------------------------------


def test_donations_levels_pages_165_166():
    table = moi_book().donations
    t = table.total
    assert (t.personnel, t.operating, t.current_other, t.construction, t.capital_other,
            t.amount) == (None, 654, 4275388, None, 31000, 4307042)
    cat = table.categories[0]
    assert (cat.number, cat.name, cat.amount) == ("1", "對團體之捐助", 815105)
    obj = cat.objects[0]
    assert (obj.object_code, obj.object_name, obj.operating, obj.amount) == (
        "4040", "對國內團體之捐助", 644, 812332)
    group = obj.groups[0]
    assert (group.number, group.work_plan_code, group.work_plan_name, group.amount) == (
        "(1)", "3708011000", "民政及宗教禮制業務", 751808)


def test_donations_wrapped_item_pages_165_166():
    item = moi_book().donations.categories[0].objects[0].groups[0].items[3]
    assert (item.number, item.recipient_number, item.years) == ("[4]", "04", "經常性")
    assert item.name == "威權統治時期國家不法行為被害者賠償及權利回復事宜"
    assert item.recipient == "財團法人威權統治時期國家不法行為被害者權利回復基金會"
    assert item.description.text == (
        "補助財團法人威權統治時期國家不法行為被害者權利回復基金會辦理賠償及權利回復相關事項"
        "之人員及基本行政工作維持費等。")
    assert (item.current_other, item.capital_other, item.amount) == (58750, 1000, 59750)
    # 合計 59,750 on page 166 at about x 785-830 px, y 588-600 px
    assert item.loc.page == 166
    assert _inside(item.loc.box, 515, 386, 556, 403)


def test_donations_text_continues_on_next_page_173():
    # the last item's 捐助內容 ends at the top of page 173 (慰勞實施規定」辦理之兵役 / 慰勞慰問金等。)
    item = moi_book().donations.categories[-1].objects[-1].groups[-1].items[-1]
    assert item.description.text.endswith("慰勞實施規定」辦理之兵役慰勞慰問金等。")
    assert item.description.marks[-1][1].page == 173


def test_vehicles_appendix_land_readjustment_pages_391_392():
    table = _appendix("內政部土地重劃工程處").vehicles
    assert len(table.rows) == 14  # 13 on page 391, one on page 392
    first = table.rows[0]
    assert (first.group, first.count, first.name, first.passengers, first.acquired,
            first.displacement_cc) == ("現有車輛", 1, "小客車及小客貨兩用車", 4, "98.05", 3000)
    assert first.description == "6202-WE。(工程用途)"
    # the 備註 of page 391's last row ends at the top of page 392
    assert table.rows[12].description == "MLM-7870、MLM-7872、MLM-7880、MLM-7873、MLM-7875、MLM-7871。"
    last = table.rows[13]
    assert (last.count, last.name, last.acquired, last.description, last.loc.page) == (
        1, "機車", "112.04", "EQU-1720。", 392)
    t = table.total  # 養護費 printed as `-`
    assert (t.count, t.fuel_litres, t.fuel_cost, t.maintenance, t.other) == (None, 4200, 130, None, 61)
