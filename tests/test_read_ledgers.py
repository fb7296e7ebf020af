"""歲入來源別預算表, 歲出機關別預算表 and 歲入項目說明提要表 read from the seed book."""

from __future__ import annotations

import pytest

import budgetbook
from budgetbook.export.rows.ledgers import RESOURCES
from budgetbook.export.tabular import columns_of
from budgetbook.readers.booktext.context import ReadContext
from budgetbook.readers.booktext.ledger_codes import revenue_parent
from budgetbook.readers.booktext.ledger_rows import (
    Draft,
    Reading,
    prose_after,
    readings,
    resolve,
    split_numbers,
)
from budgetbook.text import from_text
from conftest import SEED  # noqa: E402

TABLES = {"revenue", "expenditure_by_agency", "revenue_notes", "ledgers"}

# (line, code, name, level, ordinal, amount, last year, prior-year actual, change)
REVENUE = [
    (1640, None, "合計", 0, None, 927, 984, 8534, -57),
    (1642, "0400000000", "罰款及賠償收入", 1, "2", 100, 100, 184, 0),
    (1647, "0426750000", "中小企業處", 2, "135", 100, 100, 184, 0),
    (1652, "0426750200", "沒入及沒收財物", 3, "1", None, None, 100, None),
    (1657, "0426750201", "沒入金", 4, "1", None, None, 100, None),
    (1665, "0426750300", "賠償收入", 3, "2", 100, 100, 84, 0),
    (1670, "0426750301", "一般賠償收入", 4, "1", 100, 100, 84, 0),
    (1678, "0700000000", "財產收入", 1, "4", 620, 677, 740, -57),
    (1683, "0726750000", "中小企業處", 2, "152", 620, 677, 740, -57),
    (1688, "0726750100", "財產孳息", 3, "1", 619, 676, 740, -57),
    (1693, "0726750101", "利息收入", 4, "1", 469, 526, 628, -57),
    (1701, "0726750103", "租金收入", 4, "2", 150, 150, 111, 0),
    (1707, "0726750500", "廢舊物資售價", 3, "2", 1, 1, None, 0),
    (1715, "1200000000", "其他收入", 1, "7", 207, 207, 7611, 0),
    (1720, "1226750000", "中小企業處", 2, "151", 207, 207, 7611, 0),
    (1725, "1226750200", "雜項收入", 3, "1", 207, 207, 7611, 0),
    (1730, "1226750201", "收回以前年度歲出", 4, "1", 150, 150, 7447, 0),
    (1738, "1226750210", "其他雜項收入", 4, "2", 57, 57, 164, 0),
]

# (line, code, name, level, kind, ordinal, amount, last year, change)
EXPENDITURE = [
    (1765, "0026000000", "經濟部主管", 1, "ministry", "13", None, None, None),
    (1770, "0026750000", "中小企業處", 2, "agency", "7", 4634113, 4835804, -201691),
    (1775, "5226750000", "科學支出", 3, "function", None, 1978662, 2178650, -199988),
    (1780, "5226752000", "中小企業科技應用", 4, "work_plan", "1", 1978662, 2178650, -199988),
    (1820, "5926750000", "其他經濟服務支出", 3, "function", None, 2655451, 2657154, -1703),
    (1825, "5926750100", "一般行政", 4, "work_plan", "2", 150020, 149370, 650),
    (1855, "5926751000", "中小企業發展", 4, "work_plan", "3", 2500550, 2502903, -2353),
    (1906, "5926759800", "第一預備金", 4, "work_plan", "4", 4881, 4881, 0),
]

# (line, code, name, level, ordinal, parent, amount, amount line, units)
NOTES = [
    (1959, "0426750301", "一般賠償收入", 4, "1", "0426750300", 100, 1923, "各組〈室〉"),
    (2014, "0726750101", "利息收入", 4, "1", "0726750100", 469, 1975, "財務融通組、知識資訊組"),
    (2066, "0726750103", "租金收入", 4, "2", "0726750100", 150, 2030, "秘書室"),
    (2111, "0726750500", "廢舊物資售價", 3, "2", "0726750000", 1, 2082, "秘書室"),
    (2164, "1226750201", "收回以前年度歲出", 4, "1", "1226750200", 150, 2127, "各組〈室〉"),
    (2251, "1226750210", "其他雜項收入", 4, "2", "1226750200", 57, 2180, "各組〈室〉"),
]


@pytest.fixture(scope="module")
def book():
    return budgetbook.read(SEED)


def _revenue_tuple(r):
    return (r.line, r.code, r.name, r.level, r.ordinal, r.amount, r.last_year_amount,
            r.prior_year_actual, r.change)


def _expenditure_tuple(r):
    return (r.line, r.code, r.name, r.level, r.kind, r.ordinal, r.amount, r.last_year_amount,
            r.change)


def _note_tuple(n):
    return (n.line, n.code, n.name, n.level, n.ordinal, n.parent_code, n.amount,
            n.line_of("amount"), n.units)


def _findings(book, kinds=("unparsed", "ambiguous_number", "inconsistent")):
    return [f for f in book.findings if f.table in TABLES and f.kind in kinds]


# --- 歲入來源別預算表 ---------------------------------------------------------------------------

def test_revenue_rows(book):
    assert len(book.revenue) == 18
    assert [_revenue_tuple(r) for r in book.revenue] == REVENUE
    assert all(r.table == "revenue" for r in book.revenue)


def test_revenue_code_and_name_lines(book):
    by_code = {r.code: r for r in book.revenue}
    # the value line comes before the code, and the 說明 can sit between them
    assert by_code["0426750201"].line_of("code") == 1661
    assert by_code["0426750201"].line_of("name") == 1663
    assert by_code["1226750210"].line_of("code") == 1744
    assert by_code["0400000000"].line_of("name") == 1645
    assert book.revenue[0].lines == {}


def test_revenue_tree_and_totals(book):
    rows = book.revenue
    total = rows[0]
    assert total.code is None and total.parent_code is None
    kuan = [r for r in rows if r.level == 1]
    assert sum(r.amount or 0 for r in kuan) == total.amount == 927
    assert sum(r.last_year_amount or 0 for r in kuan) == total.last_year_amount == 984
    for r in rows[1:]:
        assert r.parent_code == revenue_parent(r.code)
        kids = [c for c in rows if c.parent_code == r.code]
        if kids:
            assert sum(c.amount or 0 for c in kids) == (r.amount or 0), r.code


def test_revenue_descriptions(book):
    by_code = {r.code: r for r in book.revenue}
    d = by_code["0426750201"].description
    assert d.text == "前年度決算數係依政府採購法相關規定沒收廠商之押標金。"
    assert (d.line, d.end_line) == (1657, 1659)
    d = by_code["1226750210"].description
    assert d.text == "本年度預算數係出售政府出版品收入及兼職人員超額兼職費等繳庫數。"
    assert (d.line, d.end_line) == (1738, 1742)
    assert by_code["0726750103"].description.text == "本年度預算數係場地租金收入。"
    described = {c for c, r in by_code.items() if r.description}
    assert described == {"0426750201", "0426750301", "0726750101", "0726750103",
                         "0726750500", "1226750201", "1226750210"}


# --- 歲出機關別預算表 ---------------------------------------------------------------------------

def test_expenditure_rows(book):
    rows = book.expenditure_by_agency
    assert len(rows) == 8
    assert [_expenditure_tuple(r) for r in rows] == EXPENDITURE
    # this table prints no 前年度決算數 column
    assert all(r.prior_year_actual is None for r in rows)
    assert [r.line_of("code") for r in rows] == [1766, 1771, 1776, 1816, 1821, 1851, 1859, 1907]
    assert rows[6].line_of("name") == 1861


def test_expenditure_sums(book):
    by_code = {r.code: r for r in book.expenditure_by_agency}
    agency = by_code["0026750000"]
    functions = [r for r in book.expenditure_by_agency if r.kind == "function"]
    assert sum(r.amount for r in functions) == agency.amount
    plans = [r for r in book.expenditure_by_agency if r.parent_code == "5926750000"]
    assert [r.code for r in plans] == ["5926750100", "5926751000", "5926759800"]
    assert sum(r.amount for r in plans) == by_code["5926750000"].amount


def test_expenditure_description_kept_whole(book):
    by_code = {r.code: r for r in book.expenditure_by_agency}
    d = by_code["5226752000"].description
    assert d.text.startswith(
        "1.本年度預算數1,978,662千元，包括業務費1,034,201千元，獎補助費944,461千元。"
        "2.本年度預算數之內容與上年度之比較如下：(1)運用科技創新轉型升級經費1,204,420千元，")
    assert "增列辦理促進中小企業發展與持續轉型計畫等經費474,178千元，計淨減列83,966千元。" in d.text
    assert d.text.endswith("(3)亞洲·矽谷新創鏈結計畫經費276,437千元，較上年度減列辦理國際創業"
                           "聚落示範等經費55,323千元。")
    assert (d.line, d.end_line) == (1780, 1814)
    # prose wrapped mid-number: `人事費1` / `29,071千元`
    assert "包括人事費129,071千元，業務費20,150千元" in by_code["5926750100"].description.text


def test_expenditure_description_across_page_break(book):
    """中小企業發展's code and name sit inside its 說明, which continues after a page header."""
    d = next(r for r in book.expenditure_by_agency if r.code == "5926751000").description
    assert d.text.startswith("1.本年度預算數2,500,550千元，包括業務費29,410千元，設備及投資"
                             "1,772千元，獎補助費2,469,368千元。2.本年度預算數")
    assert d.text.endswith("(3)強化資金規劃運用能力經費2,472,292千元，較上年度減列捐助財團法人"
                           "中小企業信用保證基金等經費772千元。")
    assert "歲出機關別預算表" not in d.text and "經濟部中小企業處" not in d.text
    assert "中小企業發展" not in d.text.split("2.")[0]
    assert (d.line, d.end_line) == (1855, 1904)
    reserve = next(r for r in book.expenditure_by_agency if r.code == "5926759800")
    assert reserve.description.text == "仍照上年度預算數編列。"


# --- 歲入項目說明提要表 -------------------------------------------------------------------------

def test_revenue_notes(book):
    notes = book.revenue_notes
    assert len(notes) == 6
    assert [_note_tuple(n) for n in notes] == NOTES
    # every note is an item of 歲入來源別預算表 with the same amount
    revenue = {r.code: r for r in book.revenue}
    assert all(revenue[n.code].amount == n.amount for n in notes)


def test_revenue_note_texts_deduplicated(book):
    n = book.revenue_notes[0]
    assert n.content.text == "廠商違約逾期交貨之賠償收入。"
    assert n.legal_basis.text == "依據各類法令及所訂契約辦理。"
    assert n.description.text == ("一、項目內容：廠商違約逾期交貨之賠償收入。"
                                  "二、法令依據：依據各類法令及所訂契約辦理。")
    assert (n.legal_basis.line, n.legal_basis.end_line) == (1928, 1931)
    last = book.revenue_notes[-1]
    assert last.content.text == "1.出售中小企業白皮書等出版品收入。2.兼職人員超額兼職酬金等其他雜項收入。"
    assert last.legal_basis.text == ("1.依據預算法。2.政府出版品管理辦法。"
                                     "3.軍公教人員兼職費及講座鐘點費支給規定。")
    assert (last.content.line, last.content.end_line) == (2245, 2247)
    assert [x.legal_basis.text for x in book.revenue_notes[1:5]] == [
        "依據預算法辦理。", "依據國有財產法辦理。", "依據國有財產法辦理。", "依據預算法辦理。"]
    assert [x.content.text for x in book.revenue_notes[1:5]] == [
        "信用保證專款及計畫專戶存款等利息收入。", "出租場地之租金收入。",
        "出售報廢財產等收入。", "收回以前年度計畫經費結餘款等繳庫數。"]


def test_no_findings_for_ledgers(book):
    assert _findings(book) == []


# --- export ---------------------------------------------------------------------------------

def test_resources(book):
    res = {r.name: r for r in RESOURCES}
    assert set(res) == {"revenue", "expenditure-by-agency", "revenue-notes"}
    revenue = list(res["revenue"].rows(book))
    assert len(revenue) == 18
    assert revenue[0].code == "TOTAL" and revenue[0].amount == 927
    assert revenue[0].source.line == 1640
    required = {
        "revenue": {"code", "name", "level", "amount", "last_year_amount",
                    "prior_year_actual", "change", "source_line"},
        "expenditure-by-agency": {"code", "name", "level", "amount", "last_year_amount",
                                  "prior_year_actual", "change", "source_line"},
        "revenue-notes": {"code", "name", "amount", "units", "description", "source_line"},
    }
    for name, cols in required.items():
        assert cols <= {c.name for c in columns_of(res[name].row_model)}, name
    exp = list(res["expenditure-by-agency"].rows(book))
    assert [(r.code, r.amount, r.source.line) for r in exp][3] == ("5226752000", 1978662, 1780)
    notes = list(res["revenue-notes"].rows(book))
    assert (notes[1].code, notes[1].units, notes[1].amount) == (
        "0726750101", "財務融通組、知識資訊組", 469)
    assert notes[1].description.startswith("一、項目內容：信用保證專款")


# --- variants -------------------------------------------------------------------------------

def _replace(text: str, old: str, new: str, count: int) -> str:
    assert text.count(old) == count, (old, text.count(old))
    return text.replace(old, new)


def test_variant_renamed_and_refigured(tmp_path):
    """租金收入 150 -> 250 with every total that holds it; 利息收入 renamed; 一般行政 150,020 ->
    160,020 with its 政事別 and agency totals, one value line glued."""
    text = SEED.read_text(encoding="utf-8")
    text = _replace(text, "利息收入", "存款孳息收入", text.count("利息收入"))
    # 歲入來源別預算表
    text = _replace(text, "927 984 8,534 -57合", "1,027 984 8,534 43合", 1)
    text = _replace(text, " 4 620 677 740 -57", " 4 720 677 740 43", 1)
    text = _replace(text, " 152 620 677 740 -57", " 152 720 677 740 43", 1)
    text = _replace(text, " 1 619 676 740 -57", " 1 719 676 740 43", 1)
    text = _replace(text, " 2 150 150 111 0 本年度預算數係場地", " 2 250 150 111 100 本年度預算數係場地", 1)
    # 歲入項目說明提要表 (the 租金收入 page)
    text = _replace(text, "財產孳息 150 承辦單位", "財產孳息 250 承辦單位", 1)
    text = _replace(text, "4 150\n", "4 250\n", 1)
    text = _replace(text, "150152", "250152", 1)
    text = _replace(text, "1501\n\n0726750100", "2501\n\n0726750100", 1)
    text = _replace(text, "租金收入 150", "租金收入 250", 1)
    # 歲出機關別預算表
    text = _replace(text, "7 4,634,113 4,835,804 -201,691", "7 4,644,1134,835,804 -191,691", 1)
    text = _replace(text, "2,655,451 2,657,154 -1,703", "2,665,451 2,657,154 8,297", 1)
    text = _replace(text, "2 150,020 149,370 650 1.本年度預算數150,020",
                    "2 160,020149,370 10,650 1.本年度預算數160,020", 1)
    path = tmp_path / "variant.txt"
    path.write_text(text, encoding="utf-8")
    book = budgetbook.read(path)
    assert _findings(book) == []

    rev = {r.code: r for r in book.revenue}
    total = book.revenue[0]
    assert (total.amount, total.change) == (1027, 43)
    assert (rev["0726750103"].amount, rev["0726750103"].change) == (250, 100)
    assert rev["0726750100"].amount == 719 and rev["0700000000"].amount == 720
    assert rev["0726750101"].name == "存款孳息收入"
    assert len(book.revenue) == 18

    exp = {r.code: r for r in book.expenditure_by_agency}
    assert (exp["0026750000"].amount, exp["0026750000"].last_year_amount,
            exp["0026750000"].change) == (4644113, 4835804, -191691)
    assert (exp["5926750100"].amount, exp["5926750100"].last_year_amount,
            exp["5926750100"].change) == (160020, 149370, 10650)
    assert exp["5926750100"].description.text.startswith("1.本年度預算數160,020千元")

    notes = {n.code: n for n in book.revenue_notes}
    assert notes["0726750103"].amount == 250
    assert notes["0726750101"].name == "存款孳息收入"
    assert notes["0726750101"].content.text == "信用保證專款及計畫專戶存款等存款孳息收入。"
    assert len(book.revenue_notes) == 6


def test_variant_units_and_legal_basis(tmp_path):
    """A 承辦單位 renamed and the 說明 changed: read from the text, not from memory."""
    text = SEED.read_text(encoding="utf-8")
    text = _replace(text, "秘書室", "總務室", text.count("秘書室"))
    text = _replace(text, "依據國有財產法辦理。", "依據國有財產法第42條辦理。",
                    text.count("依據國有財產法辦理。"))
    path = tmp_path / "variant.txt"
    path.write_text(text, encoding="utf-8")
    book = budgetbook.read(path)
    notes = {n.code: n for n in book.revenue_notes}
    assert notes["0726750103"].units == "總務室"
    assert notes["0726750500"].legal_basis.text == "依據國有財產法第42條辦理。"
    assert _findings(book) == []


def test_variant_sections_reordered(tmp_path, book):
    """歲出機關別預算表's pages moved before 歲入來源別預算表's: same rows, new lines."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    revenue, expenditure = lines[1623:1746], lines[1746:1909]
    assert revenue[0].startswith("科") and revenue[-1].strip() == "其他雜項收入"
    assert expenditure[0].strip().startswith("款 項") and expenditure[-1].strip() == "第一預備金"
    swapped = lines[:1623] + expenditure + revenue + lines[1909:]
    path = tmp_path / "variant.txt"
    path.write_text("\n".join(swapped), encoding="utf-8")
    moved = budgetbook.read(path)
    assert _findings(moved) == []
    shift = len(expenditure)
    assert [_revenue_tuple(r)[1:] for r in moved.revenue] == [r[1:] for r in REVENUE]
    assert [r.line for r in moved.revenue] == [r[0] + shift for r in REVENUE]
    assert [_expenditure_tuple(r)[1:] for r in moved.expenditure_by_agency] == [
        r[1:] for r in EXPENDITURE]
    assert [r.description for r in moved.expenditure_by_agency if r.description] != []
    assert [r.description.text for r in moved.expenditure_by_agency if r.description] == [
        r.description.text for r in book.expenditure_by_agency if r.description]
    assert all(r.prior_year_actual is None for r in moved.expenditure_by_agency)


def _read_variant(tmp_path, old: str, new: str):
    text = _replace(SEED.read_text(encoding="utf-8"), old, new, 1)
    path = tmp_path / "variant.txt"
    path.write_text(text, encoding="utf-8")
    return budgetbook.read(path)


def test_variant_inconsistent_revenue_row(tmp_path, book):
    """本年度 changed on a revenue row: the row is read as printed, the identity reported."""
    changed = _read_variant(tmp_path, " 2 150 150 111 0 本年度預算數係場地租金收入。",
                            " 2 151 150 111 0 本年度預算數係場地租金收入。")
    expected = [r if r[1] != "0726750103" else (*r[:5], 151, *r[6:]) for r in REVENUE]
    assert [_revenue_tuple(r) for r in changed.revenue] == expected
    row = next(r for r in changed.revenue if r.code == "0726750103")
    seed_row = next(r for r in book.revenue if r.code == "0726750103")
    assert row.line == 1701 and row.lines == seed_row.lines == {"code": 1703, "name": 1705}
    assert row.description.text == "本年度預算數係場地租金收入。"
    assert [r.description for r in changed.revenue] == [r.description for r in book.revenue]
    assert [(f.kind, f.table, f.line, f.message) for f in _findings(changed)] == [
        ("inconsistent", "revenue", 1701, "本年度 151 − 上年度 150 ≠ 比較 0")]
    assert _findings(changed)[0].candidates == [[2, 151, 150, 111, 0]]
    assert [_expenditure_tuple(r) for r in changed.expenditure_by_agency] == EXPENDITURE


@pytest.mark.parametrize(
    ("old", "new", "code", "line", "values", "message"),
    [
        # 上年度 of 一般行政 changed, figures apart
        ("2 150,020 149,370 650 1.本年度", "2 150,020 149,371 650 1.本年度", "5926750100", 1825,
         (150020, 149371, 650), "本年度 150,020 − 上年度 149,371 ≠ 比較 650"),
        # 上年度 of the agency changed, glued to 本年度
        ("7 4,634,113 4,835,804 -201,691", "7 4,634,1134,835,805 -201,691", "0026750000", 1770,
         (4634113, 4835805, -201691), "本年度 4,634,113 − 上年度 4,835,805 ≠ 比較 -201,691"),
    ],
)
def test_variant_inconsistent_expenditure_row(tmp_path, book, old, new, code, line, values,
                                              message):
    changed = _read_variant(tmp_path, old, new)
    expected = [r if r[1] != code else (*r[:6], *values) for r in EXPENDITURE]
    assert [_expenditure_tuple(r) for r in changed.expenditure_by_agency] == expected
    assert [r.line_of("code") for r in changed.expenditure_by_agency] == [
        r.line_of("code") for r in book.expenditure_by_agency]
    assert [r.description for r in changed.expenditure_by_agency] == [
        r.description for r in book.expenditure_by_agency]
    assert [(f.kind, f.table, f.line, f.message) for f in _findings(changed)] == [
        ("inconsistent", "expenditure_by_agency", line, message)]
    assert [_revenue_tuple(r) for r in changed.revenue] == REVENUE


def test_variant_inconsistent_total_row(tmp_path):
    changed = _read_variant(tmp_path, "927 984 8,534 -57合", "928 984 8,534 -57合")
    total = changed.revenue[0]
    assert (total.code, total.name, total.amount, total.last_year_amount, total.change) == (
        None, "合計", 928, 984, -57)
    assert [(f.kind, f.line) for f in _findings(changed)] == [("inconsistent", 1640)]


def test_variant_page_footer_is_not_a_row(tmp_path, book):
    """Figures that break the identity and are not followed by a code are not a row."""
    changed = _read_variant(tmp_path, "\n 2 150 150 111 0 本年度預算數係場地",
                            "\n- 12 -\n 2 150 150 111 0 本年度預算數係場地")
    assert [_revenue_tuple(r)[1:] for r in changed.revenue] == [r[1:] for r in REVENUE]


# --- the row grammar ----------------------------------------------------------------------

def test_split_numbers():
    assert split_numbers("927 984 8,534 -57合          計") == (
        ["927", "984", "8,534", "-57"], "合          計")
    assert split_numbers("1 1,978,662 2,178,650 -199,988 1.本年度預算數") == (
        ["1", "1,978,662", "2,178,650", "-199,988"], "1.本年度預算數")
    assert split_numbers("　29,071千元，業務費") == (["29,071"], "千元，業務費")
    assert split_numbers("(1)運用科技") == ([], "(1)運用科技")


def test_value_line_shape():
    # figures as printed, read without the identity when nothing else reads
    assert readings(["2", "151", "150", "111", "0"], 4, ordinal_only=False) == [
        Reading("2", (151, 150, 111, 0))]
    assert readings(["1", "1,978,662", "2,178,651", "-199,988"], 3, ordinal_only=False) == [
        Reading("1", (1978662, 2178651, -199988))]
    # the identity still chooses among the readings of a glued run
    assert readings(["2", "160,020149,370", "10,650"], 3, ordinal_only=False) == [
        Reading("2", (160020, 149370, 10650))]
    # too few or too many figures: not a value line
    assert readings(["29,071"], 3, ordinal_only=False) == []
    assert readings(["1", "2", "3", "4", "5", "6"], 3, ordinal_only=False) == []


@pytest.mark.parametrize(("text", "prose"), [
    ("　29,071千元，業務費20,150千元", True),
    ("  　 78千元，計淨減列83,966千元。", True),
    ("  　 100 200 300 400千元，較上年度", True),
    ("  　 1 2 3 4、5", True),
    (" 2 150 150 111 0 本年度預算數係場地租金收入。", False),
    ("1 1,978,662 2,178,650 -199,988 1.本年度預算數1,978,662千元", False),
    ("927 984 8,534 -57合          計", False),
    (" 1 207 207 7,611 0", False),
])
def test_prose_after_figures(text, prose):
    assert prose_after(text, split_numbers(text)[1]) is prose


def _ctx() -> ReadContext:
    return ReadContext.of(from_text("x"))


def test_resolve_by_children_sum():
    ctx = _ctx()
    parent = Draft(line=1, readings=[Reading("1", (10, 5, None, 5)), Reading("1", (100, 95, None, 5))],
                   code="0726750100")
    kids = [Draft(line=2, readings=[Reading("1", (60, 50, None, 10))], code="0726750101"),
            Draft(line=3, readings=[Reading("2", (40, 45, None, -5))], code="0726750103")]
    resolve(ctx, "revenue", [parent, *kids], revenue_parent)
    assert parent.readings == [Reading("1", (100, 95, None, 5))]
    assert ctx.findings == []


def test_resolve_by_parent_and_siblings():
    ctx = _ctx()
    parent = Draft(line=1, readings=[Reading("1", (100, 95, None, 5))], code="0726750100")
    ambiguous = Draft(line=2, readings=[Reading("1", (60, 50, None, 10)),
                                        Reading("1", (6, 5, None, 1))], code="0726750101")
    sibling = Draft(line=3, readings=[Reading("2", (40, 45, None, -5))], code="0726750103")
    resolve(ctx, "revenue", [parent, ambiguous, sibling], revenue_parent)
    assert ambiguous.readings == [Reading("1", (60, 50, None, 10))]


def test_unresolved_ambiguity_is_reported():
    ctx = _ctx()
    lone = Draft(line=7, readings=[Reading("1", (60, 50, None, 10)),
                                   Reading("1", (6, 5, None, 1))], code="0726750101")
    resolve(ctx, "revenue", [lone], revenue_parent)
    assert len(ctx.findings) == 1
    f = ctx.findings[0]
    assert (f.kind, f.table, f.line) == ("ambiguous_number", "revenue", 7)
    assert f.candidates == [[1, 60, 50, None, 10], [1, 6, 5, None, 1]]
