"""派員出國計畫預算總表/類別表 and 歲出按職能及經濟性綜合分類表 read from the seed book."""

from __future__ import annotations

import pytest

import budgetbook
from budgetbook.export.rows.travel import RESOURCES
from budgetbook.export.tabular import columns_of
from budgetbook.model.travel import ECONOMIC_COLUMNS
from conftest import SEED  # noqa: E402

TABLES = {"travel", "travel_summary", "travel_categories", "functional"}


@pytest.fixture(scope="module")
def book():
    return budgetbook.read(SEED)


def _findings(book, kinds=("unparsed", "ambiguous_number", "inconsistent")):
    return [f for f in book.findings if f.table in TABLES and f.kind in kinds]


def test_no_findings_for_these_tables(book):
    assert _findings(book) == []


# --- 派員出國計畫預算總表 -------------------------------------------------------------------

def test_summary_rows(book):
    s = book.travel_summary
    assert [r.category for r in s.rows] == ["考察", "視察", "訪問", "開會", "談判", "進修", "研究", "實習"]
    assert [r.line for r in s.rows] == [4664, 4666, 4668, 4670, 4672, 4674, 4676, 4678]
    meeting = s.rows[3]
    assert (meeting.amount, meeting.plans, meeting.person_days) == (1183, 2, 111)
    assert (meeting.last_year_plans, meeting.last_year_person_days, meeting.last_year_amount) == (2, 111, 1245)
    for r in s.rows:
        if r.category != "開會":
            assert (r.amount, r.plans, r.person_days, r.last_year_amount) == (None, None, None, None)


def test_summary_total(book):
    t = book.travel_summary.total
    assert t.is_total and t.category == "合計" and t.line == 4662
    assert (t.amount, t.plans, t.person_days) == (1183, 2, 111)
    assert (t.last_year_plans, t.last_year_person_days, t.last_year_amount) == (2, 111, 1245)


# --- 派員出國計畫預算類別表 -----------------------------------------------------------------

def test_plans(book):
    plans = book.travel_categories.plans
    assert len(plans) == 2
    a, b = plans
    assert (a.item_no, a.name, a.field_code, a.line) == ("01", "中小企業相關國際會議", "85", 4701)
    assert (a.days, a.persons, a.transport, a.living, a.office, a.amount) == (7, 15, 597, 407, 124, 1128)
    assert a.destination == "歐、美、亞太、非洲等地區"
    assert (a.work_plan, a.work_plan_code) == ("中小企業發展", "5926751000")
    assert a.line_of("amount") == 4757 and a.line_of("days") == 4701
    assert (a.category_group, a.category, a.group) == ("開會、談判", "開會", "定期會議")
    assert a.topics.text.startswith("1.參與APEC或中小企業相關國際會議、研討會、年會及論壇，執行APEC相關倡議")
    assert "2.配合本部雙邊經濟合作會議派員出席，包括馬來西亞" in a.topics.text
    assert a.topics.text.endswith("參加或舉辦微中小企業技術交流會議及媒合會分享交流等。")
    assert (a.topics.line, a.topics.end_line) == (4711, 4755)
    assert (b.item_no, b.name, b.line) == ("02", "一村一特產OTOP(OVOP)國際年會及行銷展售", 4776)
    assert (b.days, b.persons, b.transport, b.living, b.office, b.amount) == (6, 1, 10, 25, 20, 55)
    assert b.destination == "亞洲或歐美地區"
    assert b.topics.text == "建構地方特色產業發展策略及交流合作。"
    assert b.line_of("office") == 4788
    assert sum(p.amount for p in plans) == book.travel_summary.total.amount


def test_recent_trips(book):
    a, b = book.travel_categories.plans
    assert [(t.destination, t.persons, t.cost, t.period) for t in a.recent_trips] == [
        ("菲律賓", 5, 246, "108.10"), ("新加坡", 1, 49, "108.08"), ("泰國", 3, 137, "108.07")]
    assert [(t.destination, t.persons, t.cost, t.period) for t in b.recent_trips] == [
        ("菲律賓", 5, 246, "108.10"), ("新加坡", 2, 98, "107.10"), ("越南", 1, 40, "99.12")]
    assert [t.line for t in a.recent_trips] == [4763, 4764, 4765]
    assert a.recent_trips[0].line_of("cost") == 4767
    assert a.recent_trips[2].line_of("period") == 4774


# --- 歲出按職能及經濟性綜合分類表 -----------------------------------------------------------

EXPECTED_CELLS = {
    "compensation": 131643, "goods_services": 1086070, "current_transfer_enterprises": 637889,
    "current_transfer_households": 254041, "current_transfer_government": 52722,
    "current_total": 2162365, "capital_transfer_households": 2469255, "machinery": 2493,
    "capital_total": 2471748, "total": 4634113,
}


def test_functional_rows(book):
    f = book.functional
    assert len(f.rows) == 1
    row = f.rows[0]
    assert (row.name, row.code, row.line) == ("其他經濟服務", "13", 4947)
    for field, _ in ECONOMIC_COLUMNS:
        assert getattr(row, field) == EXPECTED_CELLS.get(field), field
    assert row.line_of("compensation") == 4947
    assert row.line_of("current_transfer_government") == 4968
    assert row.line_of("capital_transfer_households") == 5012
    assert row.line_of("total") == 5056


def test_functional_total_in_column_order(book):
    t = book.functional.total
    assert t.is_total and t.line == 4940
    # printed `637,889 52,722254,041`: reconciled with the 職能 row's column order
    for field, _ in ECONOMIC_COLUMNS:
        assert getattr(t, field) == EXPECTED_CELLS.get(field), field
    assert t.line_of("current_transfer_households") == 4960
    assert t.line_of("total") == 5048


# --- export --------------------------------------------------------------------------------

def test_resources(book):
    by_name = {r.name: r for r in RESOURCES}
    assert set(by_name) == {"overseas-travel", "overseas-travel-summary", "functional-economic"}
    travel = list(by_name["overseas-travel"].rows(book))
    assert [(r.name, r.work_plan, r.category, r.persons, r.days, r.amount, r.source.line)
            for r in travel] == [
        ("中小企業相關國際會議", "中小企業發展", "開會", 15, 7, 1128, 4701),
        ("一村一特產OTOP(OVOP)國際年會及行銷展售", "中小企業發展", "開會", 1, 6, 55, 4776)]
    summary = list(by_name["overseas-travel-summary"].rows(book))
    assert len(summary) == 9
    assert (summary[-1].name, summary[-1].trips, summary[-1].amount, summary[-1].source.line) == (
        "合計", 2, 1183, 4662)
    cells = list(by_name["functional-economic"].rows(book))
    assert len(cells) == 2 * len(ECONOMIC_COLUMNS)
    gov = [c for c in cells if c.column == "current_transfer_government"]
    assert [(c.row_name, c.row_code, c.amount, c.source.line) for c in gov] == [
        ("其他經濟服務", "13", 52722, 4968), ("總計", None, 52722, 4960)]
    for resource in RESOURCES:
        assert "source_line" in {c.name for c in columns_of(resource.row_model)}


# --- a variant of the book ------------------------------------------------------------------

def test_variant(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    swaps = [
        ("中小企業相關國際會議", "亞太創新合作論壇"),  # a plan renamed everywhere
        # plan 2's 交通費 10 -> 12, so its 合計 55 -> 57 and the 總表 1,183 -> 1,185
        ("1025一村", "1225一村"),
        ("5520中小企業發展", "5720中小企業發展"),
        ("5520 中小企業發展", "5720 中小企業發展"),
        ("1,1832 111", "1,1852 111"),
        # 受僱人員報酬 131,643 -> 131,600 with its 經常支出合計 and 總計
        ("131,643 1,086,070", "131,600 1,086,070"),
        ("2,162,365", "2,162,322"),
        ("4,634,113", "4,634,070"),
    ]
    for old, new in swaps:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "variant.txt"
    path.write_text(text, encoding="utf-8")
    book = budgetbook.read(path)
    assert _findings(book) == []
    a, b = book.travel_categories.plans
    assert a.name == "亞太創新合作論壇"
    assert (b.transport, b.living, b.office, b.amount) == (12, 25, 20, 57)
    assert book.travel_summary.total.amount == 1185
    assert book.travel_summary.rows[3].amount == 1185
    f = book.functional
    for row in (f.rows[0], f.total):
        assert (row.compensation, row.current_total, row.total) == (131600, 2162322, 4634070)
        assert row.current_transfer_government == 52722


def test_ambiguous_split_is_reported(tmp_path):
    """Glued figures that neither the plan's own sum nor the 總表 can decide are reported with
    their candidates, not guessed: `115` is 1|15 or 11|5, and both add up to 合計 - 辦公費."""
    text = SEED.read_text(encoding="utf-8")
    for old, new in [("1025一村", "115一村"), ("5520", "3620"), ("1,1832 111", "1,1642 111")]:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "ambiguous.txt"
    path.write_text(text, encoding="utf-8")
    book = budgetbook.read(path)
    plan = book.travel_categories.plans[1]
    assert (plan.days, plan.persons, plan.transport, plan.living) == (None, None, None, None)
    found = [f for f in book.findings if f.kind == "ambiguous_number" and f.table == "travel_categories"]
    assert len(found) == 1 and found[0].line == 4776
    assert sorted(c[2:4] for c in found[0].candidates) == [[1, 15], [11, 5]]
    assert book.travel_summary.total.amount == 1164
