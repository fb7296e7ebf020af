"""歲出計畫提要及分支計畫概況表 read from the seed, and from modified copies of it."""

from __future__ import annotations

import pytest

import budgetbook
from budgetbook.export.rows.plans import RESOURCES
from budgetbook.export.tabular import flat_row
from budgetbook.readers.booktext.plans_text import join_text, units_and_description
from budgetbook.text import from_text
from conftest import SEED  # noqa: E402

# (code, name, amount, source line) of each work plan
WORK_PLANS = [
    ("5226752000", "中小企業科技應用", 1_978_662, 2259),
    ("5926750100", "一般行政", 150_020, 2942),
    ("5926751000", "中小企業發展", 2_500_550, 3132),
    ("5926759800", "第一預備金", 4_881, 3380),
]
# (work plan, no, name, amount, source line, 承辦單位)
SUB_PLANS = [
    ("5226752000", "01", "運用科技創新轉型升級", 1_204_420, 2572,
     ["政策規劃組", "經營輔導組", "創業育成組", "知識資訊組", "財務融通組"]),
    ("5226752000", "02", "促進小型企業創新研發", 497_805, 2854, ["知識資訊組"]),
    ("5226752000", "03", "亞洲·矽谷新創鏈結計畫", 276_437, 2884, ["創業育成組"]),
    ("5926750100", "01", "人員維持", 129_071, 2968, ["人事室"]),
    ("5926750100", "02", "基本行政工作維持", 17_436, 2994, ["秘書室"]),
    ("5926750100", "03", "電腦機組及相關配備維護", 3_513, 3106, ["知識資訊組"]),
    ("5926751000", "01", "營造企業優質發展環境", 8_876, 3214, ["政策規劃組"]),
    ("5926751000", "02", "創新輔導活絡產業經濟", 19_382, 3244, ["經營輔導組", "知識資訊組"]),
    ("5926751000", "03", "強化資金規劃運用能力", 2_472_292, 3336, ["財務融通組"]),
    ("5926759800", "01", "第一預備金", 4_881, 3397, ["各組〈室〉"]),
]
# every object line as printed: (code, name, amount, source line), both levels in book order
OBJECTS = {
    ('5226752000', '01'): [
        ('2000', '業務費', 824798, 2574),
        ('2009', '通訊費', 300, 2576),
        ('2036', '按日按件計資酬金', 723, 2578),
        ('2039', '委辦費', 819986, 2580),
        ('2051', '物品', 825, 2582),
        ('2054', '一般事務費', 1723, 2584),
        ('2072', '國內旅費', 934, 2586),
        ('2081', '運費', 5, 2588),
        ('2084', '短程車資', 302, 2590),
        ('4000', '獎補助費', 379622, 2592),
        ('4030', '對特種基金之補助', 28057, 2594),
        ('4040', '對國內團體之捐助', 341365, 2596),
        ('4045', '對私校之獎助', 10000, 2641),
        ('4085', '獎勵及慰問', 200, 2643),
    ],
    ('5226752000', '02'): [
        ('2000', '業務費', 51305, 2856),
        ('2036', '按日按件計資酬金', 20, 2858),
        ('2039', '委辦費', 51205, 2860),
        ('2054', '一般事務費', 20, 2862),
        ('2072', '國內旅費', 30, 2864),
        ('2084', '短程車資', 30, 2866),
        ('4000', '獎補助費', 446500, 2868),
        ('4040', '對國內團體之捐助', 446500, 2870),
    ],
    ('5226752000', '03'): [
        ('2000', '業務費', 158098, 2886),
        ('2036', '按日按件計資酬金', 30, 2888),
        ('2039', '委辦費', 157980, 2890),
        ('2054', '一般事務費', 1, 2892),
        ('2072', '國內旅費', 59, 2894),
        ('2084', '短程車資', 28, 2896),
        ('4000', '獎補助費', 118339, 2922),
        ('4005', '對直轄市政府之補助', 4788, 2924),
        ('4010', '對各縣市政府之補助', 5377, 2926),
        ('4030', '對特種基金之補助', 14500, 2928),
        ('4040', '對國內團體之捐助', 79674, 2930),
        ('4045', '對私校之獎助', 14000, 2932),
    ],
    ('5926750100', '01'): [
        ('1000', '人事費', 129071, 2970),
        ('1015', '法定編制人員待遇', 78635, 2972),
        ('1020', '約聘僱人員待遇', 7477, 2974),
        ('1025', '技工及工友待遇', 1208, 2976),
        ('1030', '獎金', 19808, 2978),
        ('1035', '其他給與', 1688, 2980),
        ('1040', '加班值班費', 4388, 2982),
        ('1050', '退休離職儲金', 7807, 2984),
        ('1055', '保險', 8060, 2986),
    ],
    ('5926750100', '02'): [
        ('2000', '業務費', 16637, 2996),
        ('2003', '教育訓練費', 108, 2998),
        ('2006', '水電費', 1574, 3000),
        ('2009', '通訊費', 982, 3002),
        ('2021', '其他業務租金', 1047, 3004),
        ('2024', '稅捐及規費', 12, 3006),
        ('2027', '保險費', 49, 3008),
        ('2033', '臨時人員酬金', 1590, 3010),
        ('2036', '按日按件計資酬金', 72, 3012),
        ('2051', '物品', 949, 3014),
        ('2054', '一般事務費', 9058, 3016),
        ('2063', '房屋建築養護費', 126, 3018),
        ('2066', '車輛及辦公器具養護費', 144, 3020),
        ('2069', '設施及機械設備養護費', 559, 3022),
        ('2072', '國內旅費', 165, 3024),
        ('2084', '短程車資', 44, 3026),
        ('2093', '特別費', 158, 3028),
        ('3000', '設備及投資', 721, 3030),
        ('3035', '雜項設備費', 721, 3032),
        ('4000', '獎補助費', 78, 3088),
        ('4085', '獎勵及慰問', 78, 3090),
    ],
    ('5926750100', '03'): [
        ('2000', '業務費', 3513, 3108),
        ('2018', '資訊服務費', 3488, 3110),
        ('2051', '物品', 9, 3112),
        ('2069', '設施及機械設備養護費', 16, 3114),
    ],
    ('5926751000', '01'): [
        ('2000', '業務費', 8876, 3216),
        ('2039', '委辦費', 7708, 3218),
        ('2072', '國內旅費', 40, 3220),
        ('2078', '國外旅費', 1128, 3222),
    ],
    ('5926751000', '02'): [
        ('2000', '業務費', 17497, 3246),
        ('2006', '水電費', 346, 3248),
        ('2009', '通訊費', 569, 3250),
        ('2018', '資訊服務費', 9838, 3252),
        ('2021', '其他業務租金', 31, 3254),
        ('2036', '按日按件計資酬金', 77, 3256),
        ('2039', '委辦費', 4138, 3258),
        ('2051', '物品', 399, 3260),
        ('2054', '一般事務費', 1851, 3262),
        ('2069', '設施及機械設備養護費', 27, 3264),
        ('2072', '國內旅費', 133, 3266),
        ('2078', '國外旅費', 55, 3308),
        ('2084', '短程車資', 33, 3310),
        ('3000', '設備及投資', 1772, 3312),
        ('3030', '資訊軟硬體設備費', 1676, 3314),
        ('3035', '雜項設備費', 96, 3316),
        ('4000', '獎補助費', 113, 3318),
        ('4040', '對國內團體之捐助', 113, 3320),
    ],
    ('5926751000', '03'): [
        ('2000', '業務費', 3037, 3338),
        ('2036', '按日按件計資酬金', 20, 3340),
        ('2039', '委辦費', 2907, 3342),
        ('2051', '物品', 12, 3344),
        ('2054', '一般事務費', 1, 3346),
        ('2072', '國內旅費', 82, 3348),
        ('2084', '短程車資', 15, 3350),
        ('4000', '獎補助費', 2469255, 3352),
        ('4040', '對國內團體之捐助', 2469255, 3354),
    ],
    ('5926759800', '01'): [
        ('6000', '預備金', 4881, 3399),
        ('6005', '第一預備金', 4881, 3401),
    ],}


@pytest.fixture(scope="module")
def book():
    return budgetbook.read(SEED)


def _sub(book, code, no):
    wp = next(w for w in book.work_plans if w.code == code)
    return next(s for s in wp.sub_plans if s.no == no)


# ---------------------------------------------------------------- counts and rows

def test_counts(book):
    subs = [s for w in book.work_plans for s in w.sub_plans]
    objects = [o for s in subs for o in s.object_lines]
    assert len(book.work_plans) == 4
    assert len(subs) == 10
    assert len(objects) == 101
    assert sum(o.level == 1 for o in objects) == 18
    assert sum(o.level == 2 for o in objects) == 83
    assert all(w.object_lines == [] for w in book.work_plans)  # this book prints none


def test_work_plans(book):
    got = [(w.code, w.name, w.amount, w.line) for w in book.work_plans]
    assert got == WORK_PLANS
    assert all(w.table == "plans" for w in book.work_plans)


def test_sub_plans(book):
    got = [(w.code, s.no, s.name, s.amount, s.line, s.units)
           for w in book.work_plans for s in w.sub_plans]
    assert got == SUB_PLANS


def test_every_object_line(book):
    for (code, no), expected in OBJECTS.items():
        sub = _sub(book, code, no)
        got = [(o.code, o.name, o.amount, o.line) for o in sub.object_lines]
        assert got == expected, (code, no)
        assert all(o.table == "plans" for o in sub.object_lines)


def test_levels_and_parents(book):
    for w in book.work_plans:
        for s in w.sub_plans:
            parent = None
            for o in s.object_lines:
                if o.code.endswith("000"):
                    assert (o.level, o.parent_code) == (1, None)
                    parent = o.code
                else:
                    assert (o.level, o.parent_code) == (2, parent)
    o = _sub(book, "5226752000", "01").object_lines[3]
    assert (o.code, o.name, o.level, o.parent_code) == ("2039", "委辦費", 2, "2000")


def test_the_tables_own_sums_hold(book):
    for w in book.work_plans:
        assert sum(s.amount for s in w.sub_plans) == w.amount
        for s in w.sub_plans:
            assert sum(o.amount for o in s.first_level) == s.amount
            for top in s.first_level:
                kids = [o.amount for o in s.second_level if o.parent_code == top.code]
                assert sum(kids) == top.amount


def test_object_lines_continue_after_a_page_header(book):
    sub = _sub(book, "5226752000", "01")
    tail = [(o.code, o.line) for o in sub.object_lines[-2:]]
    assert tail == [("4045", 2641), ("4085", 2643)]
    sub = _sub(book, "5926750100", "02")
    assert [(o.code, o.amount, o.line) for o in sub.first_level] == [
        ("2000", 16_637, 2996), ("3000", 721, 3030), ("4000", 78, 3088)]


def test_no_findings_for_this_table(book):
    mine = [f for f in book.findings if f.table == "plans"]
    assert mine == []


# ---------------------------------------------------------------- text blocks

def test_programme_text_is_deduplicated_and_relabelled(book):
    wp = book.work_plans[1]
    assert wp.content.text == (
        "1.辦理員工任免、遷調考勤、人事查核、經管文書、出納、採購、保管修繕、檔案及財產管理、"
        "會計、歲計、統計等事項。\n2.建立良好之辦公室自動化作業環境，提升行政效率。")
    assert (wp.content.line, wp.content.end_line) == (2945, 2948)
    # the first copy of 預期成果 is labelled 計畫內容： in the book
    assert wp.expected_results.text == (
        "1.協助業務單位順利完成年度計畫工作。\n"
        "2.建構完整之電腦網路環境，以利資訊之互通及有效之管控、追蹤。")
    assert (wp.expected_results.line, wp.expected_results.end_line) == (2951, 2953)
    last = book.work_plans[3]
    assert last.content.text == "依經常支出總額百分之一範圍內編列，以備執行歲出預算經費不足及業務臨時之需。"
    assert last.expected_results.text == "維持業務順利推展。"
    assert last.expected_results.line == 3387


def test_long_lists_continue_after_the_page_break(book):
    wp = book.work_plans[0]
    content = wp.content.text.split("\n")
    results = wp.expected_results.text.split("\n")
    assert len(content) == 26 and len(results) == 26
    assert [c.split(".")[0] for c in content] == [str(i) for i in range(1, 27)]
    assert [r.split(".")[0] for r in results] == [str(i) for i in range(1, 27)]
    # item 16 breaks mid-sentence and resumes in the continuation block
    assert content[15] == (
        "16.推動南臺灣國際創業聚落發展，協助新創鏈結產業，將5G、AI、IoT技術導入各類應用服務，"
        "完善南部新創發展環境，驅動產業轉型升級。")
    assert content[25] == "26.協助新創業者運用政府市場及場域進行實證。"
    assert results[21] == "22.優化使用者視角政府服務平台，串接2項企業常用服務，促進1萬家次企業上線使用。"
    assert results[25] == "26.新增至少10家新創業者進入政府市場。"
    assert (wp.content.line, wp.content.end_line) == (2262, 2513)
    assert (wp.expected_results.line, wp.expected_results.end_line) == (2318, 2525)


def test_sub_plan_descriptions(book):
    d = _sub(book, "5926750100", "03").description
    assert d.text == (
        "本項分支計畫編列3,513千元，包括：\n1.電腦及網路基礎架構相關軟硬體設備維護3,488千元。\n"
        "2.購置電腦作業物品9千元。\n3.電腦機房機電設備、消防系統等維護保養16千元。")
    assert (d.line, d.end_line) == (3116, 3126)
    # units glued to the first 說明 line with a space
    d = _sub(book, "5926759800", "01").description
    assert (d.text, d.line) == ("依經常支出總額百分之一範圍內編列。", 3403)
    big = _sub(book, "5226752000", "01").description.text
    assert "計22,931千元" in big and "計105,950千元" in big  # numbers wrapped mid-number
    assert "亞灣5G AIoT創新科技應用綱要計畫" in big  # an ASCII space kept
    assert "成員資源，協助新創企業成長" in big  # joined across the page header
    assert "經濟部" not in big and "中華民國" not in big and "工作計畫名稱" not in big
    assert big.split("\n")[-1].startswith("13.以企業視角優化政府雲服務介面計畫")
    assert "4045" not in big
    last = _sub(book, "5926751000", "02").description
    assert last.line == 3272
    assert last.text.split("\n")[-1] == "11.捐助辦理加強工商團體服務功能等113千元。"


def test_units_wrapping_mid_name(book):
    sub = _sub(book, "5926751000", "02")
    assert sub.units == ["經營輔導組", "知識資訊組"]
    assert sub.lines == {"units": 3268}
    assert sub.line_of("units") == 3268 and sub.line_of("amount") == 3244


def test_section_end_is_not_read_as_text(book):
    d = _sub(book, "5926759800", "01").description
    assert d.end_line == 3403
    assert "合" not in d.text


# ---------------------------------------------------------------- export

def test_resources(book):
    res = {r.name: r for r in RESOURCES}
    assert set(res) == {"expenditure-lines", "work-plans", "sub-plans", "object-lines"}
    lines = list(res["expenditure-lines"].rows(book))
    assert len(lines) == 83
    first = flat_row(lines[0])
    assert first == {
        "fiscal_year": 2022, "agency_code": "2675", "work_plan_code": "5226752000",
        "work_plan_name": "中小企業科技應用", "sub_plan_no": "01",
        "sub_plan_name": "運用科技創新轉型升級", "object_level1_code": "2000",
        "object_level1_name": "業務費", "object_code": "2009", "object_name": "通訊費",
        "amount": 300, "source_line": 2576, "source_page": None, "source_bbox": None,
    }
    assert sum(r.amount for r in lines) == sum(w[2] for w in WORK_PLANS)
    plans = [flat_row(r) for r in res["work-plans"].rows(book)]
    assert [(p["code"], p["amount"], p["source_line"]) for p in plans] == [
        (c, a, ln) for c, _, a, ln in WORK_PLANS]
    subs = list(res["sub-plans"].rows(book))
    assert subs[0].units == "政策規劃組、經營輔導組、創業育成組、知識資訊組、財務融通組"
    assert [s.source.line for s in subs] == [s[4] for s in SUB_PLANS]
    objects = list(res["object-lines"].rows(book))
    assert len(objects) == 101 and sum(o.level == 1 for o in objects) == 18
    assert flat_row(objects[0]) == {
        "work_plan_code": "5226752000", "sub_plan_no": "01", "object_code": "2000",
        "object_name": "業務費", "level": 1, "parent_code": None, "amount": 824_798,
        "source_line": 2574, "source_page": None, "source_bbox": None,
    }


def test_work_plan_rows_take_last_year_from_the_ledger(book):
    rows = {r.code: r for r in next(r for r in RESOURCES if r.name == "work-plans").rows(book)}
    ledger = {getattr(r, "code", None): r for r in book.expenditure_by_agency}
    for code, row in rows.items():
        assert row.last_year_amount == getattr(ledger.get(code), "last_year_amount", None)
        assert row.change == getattr(ledger.get(code), "change", None)


# ---------------------------------------------------------------- helpers

def test_join_text_rules():
    assert join_text([("1.採用5G", "1.採用5G"), ("AIoT技術", "\u3000AIoT技術")]) == "1.採用5G AIoT技術"
    assert join_text([("計2", "計2"), ("2,931千元。", "\u3000 2,931千元。")]) == "計22,931千元。"
    assert join_text([("1.甲", "1.甲"), ("2.乙", "2.乙")]) == "1.甲\n2.乙"


def test_units_without_a_units_column():
    doc = from_text("本項分支計畫編列100千元，包括：\n1.辦理甲案100千元。")
    units, line, desc = units_and_description(doc.nonblank())
    assert (units, line) == ([], None)
    assert desc.text == "本項分支計畫編列100千元，包括：\n1.辦理甲案100千元。"


# ---------------------------------------------------------------- variants

def _variant(tmp_path, edits):
    text = SEED.read_text(encoding="utf-8")
    for old, new, count in edits:
        assert text.count(old) == count, old
        text = text.replace(old, new)
    path = tmp_path / "variant.txt"
    path.write_text(text, encoding="utf-8")
    return budgetbook.read(path)


def test_variant_renamed_and_refigured(tmp_path):
    # 委辦費 of the first sub-plan +1,000, carried into 業務費, the sub-plan and the work plan
    book = _variant(tmp_path, [
        ("運用科技創新轉型升級", "智慧應用加值計畫", 8),
        ("知識資訊組 本項", "資訊管理組 本項", 2),
        ("    2039 819,986     委辦費", "    2039 820,986     委辦費", 1),
        ("  2000 824,798    業務費", "  2000 825,798    業務費", 1),
        ("01 1,204,420", "01 1,205,420", 1),
        ("1,978,662工作計畫", "1,979,662工作計畫", 3),
        ("中小企業科技應用", "科技創新應用", 27),
    ])
    wp = book.work_plans[0]
    assert (wp.code, wp.name, wp.amount, wp.line) == ("5226752000", "科技創新應用", 1_979_662, 2259)
    sub = wp.sub_plans[0]
    assert (sub.name, sub.amount) == ("智慧應用加值計畫", 1_205_420)
    assert [(o.code, o.amount) for o in sub.object_lines[:4]] == [
        ("2000", 825_798), ("2009", 300), ("2036", 723), ("2039", 820_986)]
    assert wp.sub_plans[1].units == ["資訊管理組"]
    assert book.work_plans[1].sub_plans[2].units == ["資訊管理組"]
    assert len(book.work_plans) == 4
    assert [f for f in book.findings if f.table == "plans"] == []


def test_variant_name_beginning_with_digits_is_decided_by_the_sums(tmp_path):
    # 電腦機組及相關配備維護 renamed 5G機房維護 and made 1,000 cheaper: `03 2,5135G機房維護`
    # reads only as 2,513; with a bare amount `03 5135G…` the object lines decide
    book = _variant(tmp_path, [
        ("03 3,513電腦機組及相關配備維護", "03 5135G機房維護", 1),
        ("  2000 3,513    業務費", "  2000 513    業務費", 1),
        ("    2018 3,488     資訊服務費", "    2018 488     資訊服務費", 1),
        ("150,020工作計畫", "147,020工作計畫", 2),
    ])
    sub = book.work_plans[1].sub_plans[2]
    assert (sub.no, sub.name, sub.amount, sub.line) == ("03", "5G機房維護", 513, 3106)
    assert book.work_plans[1].amount == 147_020
    assert [f for f in book.findings if f.table == "plans"] == []


def test_variant_undecidable_number_is_reported(tmp_path):
    # the object lines no longer add up to any reading of the glued sub-plan line
    book = _variant(tmp_path, [
        ("03 3,513電腦機組及相關配備維護", "03 5135G機房維護", 1),
    ])
    found = [f for f in book.findings if f.table == "plans" and f.kind == "ambiguous_number"]
    assert len(found) == 1 and found[0].line == 3106
    assert [513] in found[0].candidates and [51] in found[0].candidates


def test_variant_inconsistent_sum_is_reported(tmp_path):
    book = _variant(tmp_path, [("    2018 3,488     資訊服務費", "    2018 3,588     資訊服務費", 1)])
    found = [f for f in book.findings if f.table == "plans" and f.kind == "inconsistent"]
    assert [f.line for f in found] == [3108]
    assert book.work_plans[1].sub_plans[2].object_lines[1].amount == 3_588


def test_variant_sections_reordered(tmp_path):
    # move this section (from its title to the next section's title) before 歲入來源別預算表
    lines = SEED.read_text(encoding="utf-8").split("\n")
    start = lines.index(next(x for x in lines if x.strip() == "歲出計畫提要及分支計畫概況表"))
    end = next(i for i, x in enumerate(lines) if x.strip() == "各項費用彙計表")
    target = next(i for i, x in enumerate(lines) if x.strip() == "歲入來源別預算表")
    moved = lines[:target] + lines[start:end] + lines[target:start] + lines[end:]
    path = tmp_path / "reordered.txt"
    path.write_text("\n".join(moved), encoding="utf-8")
    book = budgetbook.read(path)
    shift = target - start
    assert [(w.code, w.amount, w.line) for w in book.work_plans] == [
        (c, a, ln + shift) for c, _, a, ln in WORK_PLANS]
    subs = [(s.no, s.amount, s.line, s.units) for w in book.work_plans for s in w.sub_plans]
    assert subs == [(s[1], s[3], s[4] + shift, s[5]) for s in SUB_PLANS]
    assert sum(len(s.object_lines) for w in book.work_plans for s in w.sub_plans) == 101
    assert book.work_plans[3].sub_plans[0].description.text == "依經常支出總額百分之一範圍內編列。"
    assert [f for f in book.findings if f.table == "plans"] == []
