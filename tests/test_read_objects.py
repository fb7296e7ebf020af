"""Reading 各項費用彙計表, 歲出一級用途別科目分析表, 資本支出分析表, 人事費彙計表, 預算員額明細表
from the seed book (values read by eye from the seed text)."""

from __future__ import annotations

from pathlib import Path

import pytest

import budgetbook
from budgetbook.export.rows.objects import RESOURCES
from budgetbook.export.tabular import columns_of
from budgetbook.model import Book
from conftest import SEED  # noqa: E402

TABLES = {"objects", "cost_summary", "object_analysis", "capital", "personnel_costs", "staffing"}


@pytest.fixture(scope="module")
def book() -> Book:
    return budgetbook.read(SEED)


def _findings(book: Book, *kinds: str) -> list:
    return [f for f in book.findings if f.table in TABLES and f.kind in kinds]


def test_no_findings(book: Book) -> None:
    assert _findings(book, "unparsed", "ambiguous_number", "inconsistent") == []


# --- 各項費用彙計表 ------------------------------------------------------------------------

# code: (一般行政, 中小企業發展, 中小企業科技應用, 第一預備金, 合計)
COST = {
    "1000": (129071, None, None, None, 129071),
    "1015": (78635, None, None, None, 78635),
    "1020": (7477, None, None, None, 7477),
    "1025": (1208, None, None, None, 1208),
    "1030": (19808, None, None, None, 19808),
    "1035": (1688, None, None, None, 1688),
    "1040": (4388, None, None, None, 4388),
    "1050": (7807, None, None, None, 7807),
    "1055": (8060, None, None, None, 8060),
    "2000": (20150, 29410, 1034201, None, 1083761),
    "2003": (108, None, None, None, 108),
    "2006": (1574, 346, None, None, 1920),
    "2009": (982, 569, 300, None, 1851),
    "2018": (3488, 9838, None, None, 13326),
    "2021": (1047, 31, None, None, 1078),
    "2024": (12, None, None, None, 12),
    "2027": (49, None, None, None, 49),
    "2033": (1590, None, None, None, 1590),
    "2036": (72, 97, 773, None, 942),
    "2039": (None, 14753, 1029171, None, 1043924),
    "2051": (958, 411, 825, None, 2194),
    "2054": (9058, 1852, 1744, None, 12654),
    "2063": (126, None, None, None, 126),
    "2066": (144, None, None, None, 144),
    "2069": (575, 27, None, None, 602),
    "2072": (165, 255, 1023, None, 1443),
    "2078": (None, 1183, None, None, 1183),
    "2081": (None, None, 5, None, 5),
    "2084": (44, 48, 360, None, 452),
    "2093": (158, None, None, None, 158),
    "3000": (721, 1772, None, None, 2493),
    "3030": (None, 1676, None, None, 1676),
    "3035": (721, 96, None, None, 817),
    "4000": (78, 2469368, 944461, None, 3413907),
    "4005": (None, None, 4788, None, 4788),
    "4010": (None, None, 5377, None, 5377),
    "4030": (None, None, 42557, None, 42557),
    "4040": (None, 2469368, 867539, None, 3336907),
    "4045": (None, None, 24000, None, 24000),
    "4085": (78, None, 200, None, 278),
    "6000": (None, None, None, 4881, 4881),
    "6005": (None, None, None, 4881, 4881),
}


def test_cost_summary_columns(book: Book) -> None:
    cols = [(c.code, c.name) for c in book.cost_summary.columns]
    assert cols == [
        ("5926750100", "一般行政"),
        ("5926751000", "中小企業發展"),
        ("5226752000", "中小企業科技應用"),
        ("5926759800", "第一預備金"),
    ]


def test_cost_summary_rows(book: Book) -> None:
    rows = book.cost_summary.rows
    assert len(rows) == 42
    assert {r.code: (*r.amounts, r.total) for r in rows} == COST
    assert [r.code for r in rows if r.level == 1] == ["1000", "2000", "3000", "4000", "6000"]
    by = {r.code: r for r in rows}
    assert by["2039"].name == "委辦費" and by["2039"].parent_code == "2000"
    assert by["1000"].name == "人事費" and by["1000"].parent_code is None
    assert by["4040"].name == "對國內團體之捐助"
    assert (by["1000"].line, by["2036"].line, by["3035"].line, by["6005"].line) == (
        3432, 3468, 3516, 3534)
    assert all(r.table == "cost_summary" for r in rows)


def test_cost_summary_total(book: Book) -> None:
    total = book.cost_summary.total
    assert total.amounts == [150020, 2500550, 1978662, 4881]
    assert total.total == 4634113
    assert total.line == 3409  # printed before the section title, with the first page header


# --- 歲出一級用途別科目分析表 -----------------------------------------------------------------


def test_object_analysis(book: Book) -> None:
    rows = book.object_analysis.rows
    got = [(r.ordinal, r.name, r.level, r.code) for r in rows]
    assert got == [
        ("13", "經濟部主管", "ministry", "0026000000"),
        ("7", "中小企業處", "agency", "0026750000"),
        (None, "科學支出", "function", "5226750000"),
        ("1", "中小企業科技應用", "work_plan", "5226752000"),
        (None, "其他經濟服務支出", "function", "5926750000"),
        ("2", "一般行政", "work_plan", "5926750100"),
        ("3", "中小企業發展", "work_plan", "5926751000"),
        ("4", "第一預備金", "work_plan", "5926759800"),
    ]
    fields = ("personnel", "operating", "grants", "debt", "reserve", "current_subtotal",
              "capital_operating", "equipment_investment", "capital_grants", "capital_reserve",
              "capital_subtotal", "total")
    values = {r.name: tuple(getattr(r, f) for f in fields) for r in rows if r.printed}
    assert values == {
        "中小企業處": (129071, 1083761, 944652, None, 4881, 2162365,
                   None, 2493, 2469255, None, 2471748, 4634113),
        "科學支出": (None, 1034201, 944461, None, None, 1978662,
                 None, None, None, None, None, 1978662),
        "中小企業科技應用": (None, 1034201, 944461, None, None, 1978662,
                     None, None, None, None, None, 1978662),
        "其他經濟服務支出": (129071, 49560, 191, None, 4881, 183703,
                     None, 2493, 2469255, None, 2471748, 2655451),
        "一般行政": (129071, 20150, 78, None, None, 149299, None, 721, None, None, 721, 150020),
        "中小企業發展": (None, 29410, 113, None, None, 29523,
                   None, 1772, 2469255, None, 2471027, 2500550),
        "第一預備金": (None, None, None, None, 4881, 4881,
                  None, None, None, None, None, 4881),
    }
    agency = rows[1]
    assert agency.line == 3555 and agency.line_of("total") == 3580
    assert agency.line_of("personnel") == 3555
    assert rows[7].line_of("reserve") == 3586
    assert not rows[0].printed


# --- 資本支出分析表 -----------------------------------------------------------------------


def test_capital(book: Book) -> None:
    rows = book.capital.rows
    got = [(r.code, r.name, r.level, r.ordinal, r.printed) for r in rows]
    assert got == [
        ("0026000000", "經濟部主管", "ministry", "13", False),
        ("0026750000", "中小企業處", "agency", "7", True),
        ("5926750000", "其他經濟服務支出", "function", None, True),
        ("5926750100", "一般行政", "work_plan", "2", True),
        ("5926751000", "中小企業發展", "work_plan", "3", True),
    ]
    fields = ("land", "buildings", "public_works", "machinery", "transport", "it_equipment",
              "misc_equipment", "rights", "investment", "other_capital", "total")
    values = [tuple(getattr(r, f) for f in fields) for r in rows[1:]]
    assert values == [
        (None, None, None, None, None, 1676, 817, None, None, 2469255, 2471748),
        (None, None, None, None, None, 1676, 817, None, None, 2469255, 2471748),
        (None, None, None, None, None, None, 721, None, None, None, 721),
        (None, None, None, None, None, 1676, 96, None, None, 2469255, 2471027),
    ]
    assert [(r.line, r.line_of("total")) for r in rows[1:]] == [
        (3605, 3633), (3607, 3635), (3612, 3638), (3614, 3640)]


# --- 人事費彙計表 ------------------------------------------------------------------------


def test_personnel_costs(book: Book) -> None:
    t = book.personnel_costs
    got = [(c.ordinal, c.name, c.amount) for c in t.categories]
    assert got == [
        ("一", "民意代表待遇", None), ("二", "政務人員待遇", None),
        ("三", "法定編制人員待遇", 78635), ("四", "約聘僱人員待遇", 7477),
        ("五", "技工及工友待遇", 1208), ("六", "獎金", 19808), ("七", "其他給與", 1688),
        ("八", "加班值班費", 4388), ("九", "退休退職給付", None), ("十", "退休離職儲金", 7807),
        ("十一", "保險", 8060), ("十二", "調待準備", None),
    ]
    assert t.total == 129071 and t.total_loc is None  # the seed prints no 合計 line
    by = {c.name: c for c in t.categories}
    assert by["法定編制人員待遇"].description.text == "職員95人。"
    assert by["獎金"].description.text == (
        "考績獎金8,943千元、退休人員服務獎章獎勵金45千元、年終工作獎金10,820千元，共計19,808千元。")
    assert (by["獎金"].description.line, by["獎金"].description.end_line) == (3660, 3664)
    assert by["加班值班費"].description.text == "超時加班費1,369千元及不休假加班費3,019千元，共計4,388千元。"
    assert by["調待準備"].description is None
    assert by["保險"].line == 3678


# --- 預算員額明細表 ----------------------------------------------------------------------

STAFF = [
    ("職員", 95, 95), ("警察", None, None), ("法警", None, None), ("駐警", None, None),
    ("工友", 1, 2), ("技工", 2, 2), ("駕駛", None, 1), ("聘用", 11, 23), ("約僱", 6, 6),
    ("駐外雇員", None, None), ("合計", 115, 129),
]


def test_staffing(book: Book) -> None:
    t = book.staffing
    assert [(r.code, r.name, r.level, r.ordinal, r.printed) for r in t.rows] == [
        ("0026000000", "經濟部主管", "ministry", "13", False),
        ("0026750000", "中小企業處", "agency", "7", True),
        ("5926750100", "一般行政", "work_plan", "2", True),
    ]
    for row in t.rows[1:]:
        assert [(c.category, c.count, c.last_year_count) for c in row.counts] == STAFF
        assert (row.cost, row.cost_last_year, row.cost_change) == (124683, 125616, -933)
    agency, plan = t.rows[1], t.rows[2]
    assert agency.line == 3704 and agency.count_of("聘用").line == 3742
    assert agency.line_of("cost") == 3742
    assert plan.count_of("職員").line == 3717
    assert plan.count_of("聘用").line == 3754  # printed after the 說明 notes
    assert [n.text for n in t.notes] == [
        "1.年需經費僅包含相關人員人事費，惟不含加班值班費。",
        "2.本年度非以人事費支付之「臨時人員」支出，係「一般行政」計畫預計進用3人1,590千元。",
        "3.本年度非以人事費支付之「勞務承攬」支出，係「一般行政」計畫預計進用5人2,791千元。",
    ]


# --- export ---------------------------------------------------------------------------------


def test_resources(book: Book) -> None:
    res = {r.name: r for r in RESOURCES}
    required = {
        "personnel-costs": {"name", "amount", "description", "source_line"},
        "staffing": {"name", "count", "last_year_count", "source_line"},
        "cost-summary": {"object_code", "object_name", "level", "work_plan_code",
                         "work_plan_name", "amount", "source_line"},
        "object-class-analysis": {"row_code", "row_name", "column", "amount", "source_line"},
        "capital-expenditure": {"row_code", "row_name", "column", "amount", "source_line"},
    }
    for name, cols in required.items():
        assert cols <= {c.name for c in columns_of(res[name].row_model)}, name
    cells = list(res["cost-summary"].rows(book))
    assert len(cells) == (42 + 1) * 5
    total = [c for c in cells if c.object_code is None and c.work_plan_code is None]
    assert [(c.amount, c.source.line) for c in total] == [(4634113, 3409)]
    staff = list(res["staffing"].rows(book))
    assert [(s.name, s.count, s.last_year_count) for s in staff] == STAFF
    personnel = list(res["personnel-costs"].rows(book))
    assert len(personnel) == 13 and personnel[-1].amount == 129071
    analysis = list(res["object-class-analysis"].rows(book))
    assert len(analysis) == 7 * 12
    cap = [c for c in res["capital-expenditure"].rows(book)
           if c.row_code == "5926751000" and c.column == "其他資本支出"]
    assert [(c.amount, c.source.line) for c in cap] == [(2469255, 3640)]


# --- variants ---------------------------------------------------------------------------------

# 2003 教育訓練費 of the first work plan 108 -> 208, carried through every total it enters.
EDITS = [
    ("- - -1082003 108教育訓練費", "- - -2082003 208教育訓練費"),
    ("-業務費 20,150 1,083,7612000", "-業務費 20,250 1,083,8612000"),
    ("4,634,1134,8811,978,6622,500,550150,020合", "4,634,2134,8811,978,6622,500,550150,120合"),
    ("中小企業處 129,071 1,083,761 944,652 -", "中小企業處 129,071 1,083,861 944,652 -"),
    ("支出 129,071 49,560 191 -", "支出 129,071 49,660 191 -"),
    ("一般行政 129,071 20,150 78 -", "一般行政 129,071 20,250 78 -"),
    ("4,634,1132,471,748-2,469,2552,493-2,162,3654,881",
     "4,634,2132,471,748-2,469,2552,493-2,162,4654,881"),
    ("2,655,4512,471,748-2,469,2552,493-183,7034,881",
     "2,655,5512,471,748-2,469,2552,493-183,8034,881"),
    ("一般行政 150,020721--721-149,299-", "一般行政 150,120721--721-149,399-"),
    # 約僱 this year 6 -> 7, and 合計 115 -> 116 (both unit rows)
    ("中小企業處6 6 - - 115 129", "中小企業處7 6 - - 116 129"),
    ("一般行政6 6 - - 115 129", "一般行政7 6 - - 116 129"),
]


def test_variant(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    text = text.replace("一般行政", "綜合行政業務")
    path = tmp_path / "variant.txt"
    path.write_text(text, encoding="utf-8")
    book = budgetbook.read(path)
    assert _findings(book, "unparsed", "ambiguous_number", "inconsistent") == []
    cs = book.cost_summary
    assert cs.columns[0].name == "綜合行政業務"
    by = {r.code: r for r in cs.rows}
    assert (*by["2003"].amounts, by["2003"].total) == (208, None, None, None, 208)
    assert (*by["2000"].amounts, by["2000"].total) == (20250, 29410, 1034201, None, 1083861)
    assert cs.total.amounts[0] == 150120 and cs.total.total == 4634213
    rows = {r.name: r for r in book.object_analysis.rows}
    plan = rows["綜合行政業務"]
    assert (plan.operating, plan.current_subtotal, plan.total) == (20250, 149399, 150120)
    assert plan.code == "5926750100"
    assert rows["中小企業處"].total == 4634213
    assert rows["其他經濟服務支出"].current_subtotal == 183803
    assert [r.name for r in book.capital.rows][3] == "綜合行政業務"
    staff = book.staffing.rows[2]
    assert staff.name == "綜合行政業務"
    assert (staff.count_of("約僱").count, staff.count_of("合計").count) == (7, 116)
    assert staff.count_of("聘用").count == 11


def test_unreadable_row_is_reported(tmp_path: Path) -> None:
    """A row whose 合計 no reading matches is reported, not guessed."""
    text = SEED.read_text(encoding="utf-8").replace("-1,5742006 1,920水電費", "-1,5742006 1,921水電費")
    path = tmp_path / "broken.txt"
    path.write_text(text, encoding="utf-8")
    book = budgetbook.read(path)
    assert [(f.kind, f.line) for f in _findings(book, "unparsed")] == [("unparsed", 3454)]
    assert "2006" not in {r.code for r in book.cost_summary.rows}
