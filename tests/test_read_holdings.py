"""公務車輛明細表, 現有辦公房舍明細表, 補助經費分析表 and 捐助經費分析表 read from the seed book."""

from __future__ import annotations

from decimal import Decimal

import pytest

import budgetbook
from budgetbook.export.rows.holdings import RESOURCES
from conftest import SEED  # noqa: E402

TABLES = {"vehicles", "offices", "subsidies", "donations", "holdings"}


@pytest.fixture(scope="module")
def book():
    return budgetbook.read(SEED)


def _fig(r):
    return (r.personnel, r.operating, r.current_other, r.construction, r.capital_other, r.amount)


def test_no_findings_for_these_tables(book):
    assert [f for f in book.findings if f.table in TABLES] == []


def test_vehicles(book):
    v = book.vehicles
    assert len(v.rows) == 1
    r = v.rows[0]
    assert (r.line, r.group, r.name, r.count, r.passengers, r.acquired, r.displacement_cc) == (
        3782, "現有車輛", "首長專用車", 1, 4, "105.03", 1798)
    assert (r.fuel_litres, r.fuel_unit_price, r.fuel_cost, r.maintenance, r.other) == (
        1668, Decimal("30.00"), 50, 34, 40)
    assert r.description == "ANU-3187。"
    assert r.amount == 124
    t = v.total
    assert (t.line, t.count, t.fuel_litres, t.fuel_cost, t.maintenance, t.other, t.amount) == (
        3784, None, 1668, 50, 34, 40, 124)


def test_offices(book):
    o = book.offices
    assert [(r.number, r.name, r.parent, r.line) for r in o.rows] == [
        ("一", "辦公房屋", None, 3839), ("二", "機關宿舍", None, 3841),
        ("1", "首長宿舍", "機關宿舍", 3843), ("2", "單房間職務宿舍", "機關宿舍", 3845),
        ("3", "多房間職務宿舍", "機關宿舍", 3847), ("三", "其他", None, 3849),
    ]
    r = o.rows[0]
    assert (r.owned_units, r.owned_area, r.owned_cost, r.owned_maintenance) == (
        "6筆", Decimal("3276.94"), 345710, 126)
    assert (r.free_units, r.free_area, r.free_maintenance) == (None, None, None)
    assert (r.rented_area, r.rented_deposit, r.rented_rent, r.rented_maintenance) == (None,) * 4
    assert (r.total_area, r.total_deposit, r.total_rent, r.total_maintenance) == (
        Decimal("3276.94"), None, None, 126)
    assert r.line_of("total_area") == 3864 and r.line_of("owned_area") == 3839
    for other in o.rows[1:]:
        assert other.owned_area is None and other.total_maintenance is None
        assert other.line_of("rented_area") == other.line + 25
    t = o.total
    assert (t.line, t.owned_area, t.owned_cost, t.owned_maintenance, t.free_area) == (
        3791, Decimal("3276.94"), 345710, 126, None)
    assert (t.total_area, t.total_maintenance, t.line_of("total_area")) == (
        Decimal("3276.94"), 126, 3854)
    assert o.staff == {"職員": 95, "警察": 0, "法警": 0, "駐警": 0, "工友": 1, "技工": 2,
                       "駕駛": 0, "聘用": 11, "約僱": 6, "駐外雇員": 0}
    assert (o.staff_total, o.staff_loc.line) == (115, 3798)


def test_subsidies(book):
    s = book.subsidies
    t = s.total
    assert (t.line, t.personnel, t.operating, t.current_other, t.land, t.amount) == (
        3898, 24568, 16835, 11319, None, 52722)
    assert t.line_of("amount") == 3979
    assert len(s.groups) == 1
    g = s.groups[0]
    assert (g.number, g.work_plan_code, g.work_plan_name, g.line, g.amount) == (
        "1", "5226752000", "中小企業科技應用", 3900, 52722)
    items = [(i.number, i.name, i.line, i.personnel, i.operating, i.current_other, i.amount,
              i.line_of("amount")) for i in g.items]
    assert items == [
        ("01(1)", "補助中小企業創育機構辦理育成等相關業務", 3904, 12300, 8200, None, 20500, 3999),
        ("02(2)", "補助產業及育成中心委託營運管理", 3920, 3568, 2835, 1154, 7557, 4031),
        ("03(3)", "補助中小企業創育機構辦理育成等相關業務", 3936, 8700, 5800, None, 14500, 4063),
        ("04(4)", "創業家實證計畫", 3952, None, None, 10165, 10165, 4087),
    ]
    recips = [(i.number, r.number, r.name, r.years, r.budget_year, r.amount, r.current_other,
               r.line, r.line_of("amount")) for i in g.items for r in i.recipients]
    assert recips == [
        ("01(1)", "[1]", "補助特種基金", "111-111", "111", 20500, None, 3908, 4021),
        ("02(2)", "[1]", "補助特種基金", "111-111", "111", 7557, 1154, 3924, 4053),
        ("03(3)", "[1]", "補助特種基金", "111-111", "111", 14500, None, 3940, 4085),
        ("04(4)", "[1]", "補助直轄市政府", "111-111", "111", 4788, 4788, 3954, 4097),
        ("04(4)", "[2]", "補助各縣市政府", "111-111", "111", 5377, 5377, 3960, 4107),
    ]
    d = g.items[1].recipients[0].description
    assert d.text == ("連結全臺創育產業能量，提供新創企業專利諮詢、市場分析、財務規劃、創投、"
                      "資金連結等育成服務核心能量。")
    assert (d.line, d.end_line) == (3924, 3932)
    # the printed totals add up
    assert sum(i.amount for i in g.items) == g.amount == t.amount


def test_donations(book):
    d = book.donations
    assert _fig(d.total) == (342130, 477597, 72203, None, 2469255, 3361185)
    assert (d.total.line, d.total.line_of("amount")) == (4121, 4270)
    assert [(c.number, c.name, c.line, c.amount) for c in d.categories] == [
        ("1", "對團體之捐助", 4123, 3361107), ("2", "對個人之捐助", 4508, 78)]
    objs = [(o.object_code, o.object_name, o.line, o.amount) for c in d.categories for o in c.objects]
    assert objs == [("4040", "對國內團體之捐助", 4125, 3336907), ("4045", "對私校之獎助", 4468, 24000),
                    ("4085", "獎勵及慰問", 4500, 200), ("4085", "獎勵及慰問", 4510, 78)]
    o4040 = d.categories[0].objects[0]
    assert [(g.number, g.work_plan_code, g.work_plan_name, g.line, g.amount, len(g.items))
            for g in o4040.groups] == [
        ("(1)", "5926751000", "中小企業發展", 4127, 2469368, 2),
        ("(2)", "5226752000", "中小企業科技應用", 4159, 613889, 9),
        ("(3)", "5226752000", "中小企業科技應用", 4253, 253650, 5),
    ]
    items = [i for c in d.categories for o in c.objects for g in o.groups for i in g.items]
    assert len(items) == 20
    first = items[0]
    assert (first.number, first.recipient_number, first.name, first.recipient, first.years) == (
        "[1]", "01", "捐助辦理加強工商團體服務功能等計畫", "民間團體", "111-111")
    assert _fig(first) == (None, 113, None, None, None, 113)
    assert (first.line, first.line_of("amount")) == (4131, 4280)
    fund = items[1]
    assert (fund.name, fund.recipient) == ("捐助財團法人中小企業信用保證基金", "財團法人中小企業信用保證基金")
    assert _fig(fund) == (None, None, None, None, 2469255, 2469255)
    third = o4040.groups[1].items[2]
    assert (third.number, third.name, third.recipient) == ("[3]", "先進產業策略性落實計畫", "新創企業")
    assert _fig(third) == (7730, 8400, 2100, None, None, 18230)
    assert third.description.text == "促成新創事業取得國內外募資和市場合作機會。"
    last = items[-1]
    assert (last.name, last.recipient, last.line, last.line_of("amount")) == (
        "退休退職人員三節慰問金", "本處退休退職人員", 4516, 4627)
    assert _fig(last) == (None, None, 78, None, None, 78)
    # every group's printed total is the sum of its items
    for c in d.categories:
        for o in c.objects:
            for g in o.groups:
                assert sum(i.amount or 0 for i in g.items) == g.amount
    assert sum(c.amount for c in d.categories) == d.total.amount


def test_resources(book):
    by_name = {r.name: r for r in RESOURCES}
    assert set(by_name) == {"vehicles", "offices", "subsidies", "subsidy-totals", "donations",
                            "donation-totals"}
    rows = {name: list(r.rows(book)) for name, r in by_name.items()}
    assert [len(rows[n]) for n in ("vehicles", "offices", "subsidies", "donations")] == [1, 6, 5, 20]
    assert sum(r.amount for r in rows["subsidies"]) == 52722
    assert sum(r.amount or 0 for r in rows["donations"]) == 3361185
    grand = [r for r in rows["subsidy-totals"] if r.work_plan_code is None]
    assert [(r.amount, r.source.line) for r in grand] == [(52722, 3898)]
    don = rows["donations"][1]
    assert (don.object_code, don.object_name, don.work_plan_code, don.source.line) == (
        "4040", "對國內團體之捐助", "5926751000", 4143)
    assert rows["vehicles"][0].amount == 124
    assert rows["offices"][0].owned_area == "3276.94"


def test_variant_renamed_and_refigured(tmp_path):
    """A renamed item and recipient, and figures changed consistently with their totals."""
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("先進產業策略性落實計畫", "尖端產業推動計畫")
    text = text.replace("首長專用車", "公務轎車")
    text = text.replace("補助直轄市政府", "補助六都政府")
    # donation (2)[3]: 業務費 8,400 -> 8,500, 合計 18,230 -> 18,330, and every total above it
    text = text.replace("2,100 - -8,400 18,2307,730", "2,100 - -8,500 18,3307,730")
    text = text.replace("71,925 - -237,924 613,889304,040(2)", "71,925 - -238,024 613,989304,040(2)")
    text = text.replace("71,925 - 2,469,255467,997 3,336,907327,730", "71,925 - 2,469,255468,097 3,337,007327,730")
    text = text.replace("72,125 - 2,469,255477,597 3,361,107342,130", "72,125 - 2,469,255477,697 3,361,207342,130")
    text = text.replace("72,203 - 2,469,255477,597 3,361,185342,130", "72,203 - 2,469,255477,697 3,361,285342,130")
    # subsidy 01(1): 人事費 12,300 -> 12,400 (left) and 合計 20,500 -> 20,600 (right), totals too
    text = text.replace("12,300 8,20001(1)", "12,400 8,20001(1)")
    text = text.replace("111 12,300 8,200", "111 12,400 8,200")
    text = text.replace("- - - 20,500-", "- - - 20,600-")
    text = text.replace("24,568", "24,668")
    text = text.replace("52,72211,319", "52,82211,319")
    path = tmp_path / "variant.txt"
    path.write_text(text, encoding="utf-8")
    b = budgetbook.read(path)
    assert [f for f in b.findings if f.table in TABLES] == []
    assert b.vehicles.rows[0].name == "公務轎車"
    g = b.subsidies.groups[0]
    assert (g.items[0].personnel, g.items[0].amount, g.amount, b.subsidies.total.amount) == (
        12400, 20600, 52822, 52822)
    assert g.items[0].recipients[0].amount == 20600
    assert g.items[3].recipients[0].name == "補助六都政府"
    o4040 = b.donations.categories[0].objects[0]
    item = o4040.groups[1].items[2]
    assert (item.name, item.operating, item.amount) == ("尖端產業推動計畫", 8500, 18330)
    assert (o4040.groups[1].amount, o4040.amount, b.donations.total.amount) == (613989, 3337007, 3361285)
    assert o4040.groups[2].items[1].name == "尖端產業推動計畫"


def test_inconsistent_row_is_reported(tmp_path):
    """A row whose 合計 is not the sum of its columns is reported, not silently accepted."""
    text = SEED.read_text(encoding="utf-8").replace("2,100 - -8,400 18,2307,730", "2,100 - -8,400 18,2317,730")
    path = tmp_path / "broken.txt"
    path.write_text(text, encoding="utf-8")
    b = budgetbook.read(path)
    found = [f for f in b.findings if f.table == "donations"]
    assert [(f.kind, f.line) for f in found] == [("inconsistent", 4183)]
