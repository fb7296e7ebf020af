"""委辦經費分析表, 媒體政策及業務宣導經費彙計表 and 決議辦理情形 read from the seed book."""

from __future__ import annotations

from pathlib import Path

import pytest

import budgetbook
from budgetbook.export.rows.oversight import RESOURCES
from budgetbook.export.tabular import columns_of
from conftest import SEED  # noqa: E402

WP1, WP2 = "5926751000", "5226752000"
OUR_TABLES = {"commissioned", "media", "resolutions", "oversight"}

# (work plan, number, 用人費用, 業務費用, other, 合計), read by eye from the seed
PROJECTS = [
    (WP1, "(1)", 1375, 1084, 364, 2823),
    (WP1, "(2)", 850, 1546, 400, 2796),
    (WP1, "(3)", 830, 1040, 219, 2089),
    (WP1, "(4)", 479, 1379, 280, 2138),
    (WP1, "(5)", 684, 1080, 236, 2000),
    (WP1, "(6)", 1519, 1388, None, 2907),
    (WP2, "(1)", 7893, 10100, 1020, 19013),
    (WP2, "(2)", 9196, 17187, None, 26383),
    (WP2, "(3)", 2332, 6997, None, 9329),
    (WP2, "(4)", 2258, None, 4632, 6890),
    (WP2, "(5)", 7199, 31286, 3851, 42336),
    (WP2, "(6)", 35590, 142710, None, 178300),
    (WP2, "(7)", 10500, 12198, None, 22698),
    (WP2, "(8)", 12453, 27411, None, 39864),
    (WP2, "(9)", 15362, 35843, None, 51205),
    (WP2, "(10)", 7154, 12265, 1023, 20442),
    (WP2, "(11)", 1865, 2797, None, 4662),
    (WP2, "(12)", 41777, 97479, None, 139256),
    (WP2, "(13)", 5616, 10151, 2957, 18724),
    (WP2, "(14)", 4924, 4923, None, 9847),
    (WP2, "(15)", 5310, 5405, None, 10715),
    (WP2, "(16)", 19349, 28679, 1477, 49505),
    (WP2, "(17)", 8527, 27702, 6193, 42422),
    (WP2, "(18)", 15746, 75582, 13647, 104975),
    (WP2, "(19)", 16122, 39548, 10716, 66386),
    (WP2, "(20)", 9975, 26078, 4683, 40736),
    (WP2, "(21)", 22230, 42453, 9595, 74278),
    (WP2, "(22)", 16044, 27045, 8116, 51205),
]

RESOLUTION_NUMBERS = ["一", "二", "三", "十一", "十三", "一", "四十六", "一０五"] + [
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
    "十六",
    "十七",
    "十八",
]


@pytest.fixture(scope="module")
def book():
    return budgetbook.read(SEED)


def _ours(book, kinds=("unparsed", "ambiguous_number", "inconsistent")):
    return [f for f in book.findings if f.table in OUR_TABLES and f.kind in kinds]


# --- 委辦經費分析表 -------------------------------------------------------------------------


def test_commissioned_projects(book):
    got = [
        (
            p.work_plan_code,
            p.number,
            p.personnel_amount,
            p.operating_amount,
            p.other_amount,
            p.amount,
        )
        for p in book.commissioned.projects
    ]
    assert got == PROJECTS
    assert all(p.years == "111-111" for p in book.commissioned.projects)
    assert all(p.unnamed_amounts == [None, None] for p in book.commissioned.projects)
    assert {p.work_plan_name for p in book.commissioned.projects} == {
        "中小企業發展",
        "中小企業科技應用",
    }


def test_commissioned_names_descriptions_and_lines(book):
    by = {(p.work_plan_code, p.number): p for p in book.commissioned.projects}
    p = by[(WP2, "(11)")]
    assert p.name == "次世代物聯網智慧系統關鍵技術與產業躍升計畫-創育產業創新轉型"
    assert p.line == 5632
    assert p.line_of("personnel_amount") == 5646 and p.line_of("amount") == 5632
    assert p.line_of("years") == 5652
    p = by[(WP2, "(22)")]
    assert p.name == "小型企業創新研發綱要計畫(SBIR)－管理與推動計畫"
    assert p.description.text.startswith("管理小型企業創新研發計畫，協助運")
    # an item split over a page break, both halves merged on one line
    p = by[(WP2, "(10)")]
    assert p.line == 5480 and p.lines == {}
    assert p.description.text == "協助國內新創企業與中大型企業雲端共創，進行數位轉型與創新應用。"
    assert (p.description.line, p.description.end_line) == (5480, 5630)
    p = by[(WP1, "(1)")]
    assert p.description.text == (
        "針對當前中小企業發展相關之重要議題進行研析，以提供產、官、學、研各界兼具時效性、"
        "實用性之中小企業資訊，作為企業及政府相關部門決策參考。"
    )
    assert by[(WP1, "(3)")].name == "協助中小企業參與APEC等區域經濟整合計畫"


def test_commissioned_totals(book):
    t = book.commissioned.totals
    assert [
        (
            x.work_plan_code,
            x.ordinal,
            x.personnel_amount,
            x.operating_amount,
            x.other_amount,
            x.amount,
            x.line,
        )
        for x in t
    ] == [
        (WP1, "1", 5737, 7517, 1499, 14753, 5072),
        (WP2, "2", 277422, 683839, 67910, 1029171, 5170),
        (None, None, 283159, 691356, 69409, 1043924, 5070),
    ]
    assert book.commissioned.total.amount == sum(p.amount for p in book.commissioned.projects)
    assert t[0].work_plan_name == "中小企業發展" and t[0].line_of("personnel_amount") == 5076


# --- 媒體政策及業務宣導經費彙計表 ---------------------------------------------------------------


def test_media_rows(book):
    rows = book.media.rows
    assert [(r.code, r.level, r.ordinal, r.name, r.amount, r.line) for r in rows] == [
        ("0026000000", "ministry", "13", "經濟部主管", None, 6067),
        ("0026750000", "agency", "7", "中小企業處", 2119, 6070),
        ("5226750000", "function", None, "科學支出", 1989, 6073),
        ("5226752000", "work_plan", "1", "中小企業科技應用", 1989, 6076),
        ("5926750000", "function", None, "其他經濟服務支出", 130, 6100),
        ("5926751000", "work_plan", "3", "中小企業發展", 130, 6103),
    ]
    assert book.media.total.amount == 2119 and book.media.total.line_of("amount") == 6055
    wp = book.media.work_plans
    assert wp[1].description.text == (
        "營造企業優質發展環境：中小企業公共服務計畫，辦理法規調適及公共服務之政策宣達及說明會推廣，"
        "相關宣導等經費130千元。"
    )
    text = wp[0].description.text
    assert text.startswith(
        "1.運用科技創新轉型升級計編列1,937千元，辦理計畫或業務項目如下：\n( 1) 推動"
    )
    assert "平面媒體刊登等經費95千元。" in text and text.count("\n") == 6
    assert (wp[0].description.line, wp[0].description.end_line) == (6079, 6098)


# --- 決議、附帶決議及注意事項辦理情形 -----------------------------------------------------------


def test_resolutions_numbers_and_headings(book):
    items = book.resolutions.items
    assert len(items) == 26
    assert [r.number for r in items] == RESOLUTION_NUMBERS
    assert items[7].ordinal == 105 and items[6].ordinal == 46
    assert {r.heading for r in items} == {"總預算案"}
    assert [r.part for r in items[:5]] == ["壹、通案決議部分"] * 5
    assert all(r.committee is None and r.scope is None for r in items[:5])
    assert (items[5].part, items[5].committee, items[5].scope) == (
        "貳、各組審查決議部分",
        "內政委員會",
        "歲出部分第 2款第 1項行政院",
    )
    assert (items[6].committee, items[6].scope) == ("經濟委員會", "歲出部分第 13款第 1項經濟部")
    assert {r.scope for r in items[8:]} == {"歲出部分第 13款第 7項中小企業處"}
    assert [r.line for r in items[:3]] == [6118, 6190, 6199]
    assert items[-1].line == 6871


def test_resolution_text_and_response(book):
    items = book.resolutions.items
    assert [r.response.text for r in items[:6]] == ["遵照辦理。"] * 6
    assert items[0].text.text.endswith(
        "9.對地方政府之補助：除法律義務支出及一般性補助款不刪外，其餘統刪 5%。"
    )
    # 辦理情形 printed in the middle of the 內容
    r = items[7]
    assert (
        r.response.text
        == "本案業於 110 年 4 月 20 日以經授企字第 11020390890 號函，將書面報告送立法院在案。"
    )
    assert "「推升中小企業跨域生態系價值共創計畫」等措施" in r.text.text
    assert r.text.text.endswith("於 3個月內提出書面報告送立法院經濟委員會。")
    r = items[10]  # 三: 辦理情形 split in two places inside a long 內容
    assert (
        r.response.text
        == "本案業於 110 年 3 月 3 日以經授企字第 11020390440 號函，將書面報告送立法院在案。"
    )
    assert (r.response.line, r.response.end_line) == (6348, 6423)
    assert "推動數位優化升級。考量" in r.text.text and "本案" not in r.text.text
    r = items[11]  # 四: a two-part 辦理情形
    assert r.response.text.startswith("(一)本案 110 年上半年報告，本部業於")
    assert r.response.text.endswith("\n(二)後續執行進度書面報告將每半年函送立法院。")
    r = items[24]  # 十七: the last 內容 line falls after the 辦理情形 has begun
    assert r.text.text.endswith("經濟部中小企業處向立法院經濟委員會提出書面報告。")
    assert (
        r.response.text
        == "本案業於 110 年 2 月 25 日以經授企字第 11020390330 號函，將書面報告送立法院在案。"
    )
    r = items[6]
    assert r.response.text.startswith("本案將結合「亞洲新灣區 5G AIoT創新園區」規劃")
    assert r.text.text.endswith("正式啟動對高雄在地新創事業之服務。")


# --- findings and export --------------------------------------------------------------------


def test_no_findings_for_our_tables(book):
    assert _ours(book) == []
    assert not [f for f in book.findings if f.kind == "missing_section" and f.table in OUR_TABLES]


def test_resources(book):
    by = {r.name: r for r in RESOURCES}
    assert set(by) == {
        "commissioned-projects",
        "commissioned-totals",
        "media-spending",
        "resolutions",
    }
    rows = list(by["commissioned-projects"].rows(book))
    assert (
        len(rows) == 28 and rows[4].name == "小巨人獎選拔表揚計畫" and rows[4].source.line == 5136
    )
    assert {
        "work_plan_code",
        "work_plan_name",
        "number",
        "name",
        "personnel_amount",
        "operating_amount",
        "amount",
        "years",
        "description",
        "source_line",
    } <= {c.name for c in columns_of(by["commissioned-projects"].row_model)}
    totals = list(by["commissioned-totals"].rows(book))
    assert totals[-1].work_plan_code is None and totals[-1].amount == 1043924
    media = list(by["media-spending"].rows(book))
    assert [m.work_plan_code for m in media if m.work_plan_code] == [WP2, WP1]
    res = list(by["resolutions"].rows(book))
    assert len(res) == 26 and res[7].number == "一０五" and res[7].committee == "經濟委員會"


# --- a variant of the book ------------------------------------------------------------------


def _variant(tmp_path: Path) -> Path:
    text = SEED.read_text(encoding="utf-8")
    swaps = [
        ("小巨人獎選拔表揚計畫", "卓越企業獎選拔表揚計畫"),
        ("前鎮新創園", "旗津新創園"),
        # (5) 用人費用 684 -> 694, with its 合計, the work plan's and the table's totals
        ("684 1,080(5)", "694 1,080(5)"),
        ("1,080684", "1,080694"),
        ("236 2,000--(5)", "236 2,010--(5)"),
        ("- - 2,000236", "- - 2,010236"),
        ("5,737 7,517", "5,747 7,517"),
        ("7,5175,737", "7,5175,747"),
        ("1,499 14,753--", "1,499 14,763--"),
        ("- - 14,7531,499", "- - 14,7631,499"),
        ("283,159", "283,169"),
        ("1,043,924--合計", "1,043,934--合計"),
        ("1,043,92469,409", "1,043,93469,409"),
    ]
    for old, new in swaps:
        assert old in text, old
        text = text.replace(old, new)
    lines = text.split("\n")
    # media: 中小企業發展 130 -> 150, with 其他經濟服務支出 and the agency total
    for old, new in [("3 130 ", "3 150 "), ("130 ", "150 "), ("7 2,119 ", "7 2,139 ")]:
        lines[lines.index(old)] = new
    text = "\n".join(lines).replace("相關宣導等經費130千元", "相關宣導等經費150千元")
    path = tmp_path / "variant.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_variant(tmp_path):
    book = budgetbook.read(_variant(tmp_path))
    p = book.commissioned.projects[4]
    assert (p.name, p.personnel_amount, p.operating_amount, p.amount) == (
        "卓越企業獎選拔表揚計畫",
        694,
        1080,
        2010,
    )
    assert book.commissioned.totals[0].personnel_amount == 5747
    assert book.commissioned.totals[0].amount == 14763
    assert (book.commissioned.total.personnel_amount, book.commissioned.total.amount) == (
        283169,
        1043934,
    )
    assert len(book.commissioned.projects) == 28
    media = {r.code: r for r in book.media.rows}
    assert (media["5926751000"].amount, media["5926750000"].amount, media["0026750000"].amount) == (
        150,
        150,
        2139,
    )
    assert media["5926751000"].description.text.endswith("相關宣導等經費150千元。")
    items = book.resolutions.items
    assert len(items) == 26 and "旗津新創園" in items[6].text.text
    assert _ours(book) == []


def test_variant_inconsistent_total_is_reported(tmp_path):
    """A work plan subtotal that its projects do not add up to is reported, not hidden."""
    text = SEED.read_text(encoding="utf-8").replace("5,737 7,517", "5,739 7,517")
    text = text.replace("7,5175,737", "7,5175,739").replace("1,499 14,753--", "1,499 14,755--")
    text = text.replace("- - 14,7531,499", "- - 14,7551,499")
    path = tmp_path / "bad.txt"
    path.write_text(text, encoding="utf-8")
    book = budgetbook.read(path)
    assert book.commissioned.totals[0].personnel_amount == 5739
    found = _ours(book, ("inconsistent",))
    assert any(f.line == 5072 and "personnel_amount" in f.message for f in found)


def test_glued_rendering_is_decided_by_the_other(tmp_path):
    """`3642,823--` alone reads three ways; the reversed rendering `- - 2,823364` decides."""
    text = SEED.read_text(encoding="utf-8").replace("364 2,823--(1)", "3642,823--(1)")
    path = tmp_path / "glued.txt"
    path.write_text(text, encoding="utf-8")
    book = budgetbook.read(path)
    p = book.commissioned.projects[0]
    assert (p.other_amount, p.amount, p.personnel_amount) == (364, 2823, 1375)
    assert _ours(book) == []
