"""Each rule family on small hand-built books: the identity holds, then one figure breaks it."""

from __future__ import annotations

from budgetbook.audit import audit
from budgetbook.model import Book
from budgetbook.model.base import Loc, TextBlock
from budgetbook.model.ledgers import AgencyExpenditureRow, RevenueRow
from budgetbook.model.objects import ObjectAnalysis, ObjectAnalysisRow
from budgetbook.model.plans import ObjectLine, SubPlan, WorkPlan
from budgetbook.model.travel import TravelSummary, TravelSummaryRow

WP = "5212342000"


def _line(n, code, name, level, amount, parent=None):
    return ObjectLine(line=n, table="plans", code=code, name=name, level=level, amount=amount,
                      parent_code=parent)


def plans_book(operating=70, commissioned=50, sub_plan=100, work_plan=100, ledger=100):
    sp = SubPlan(line=10, table="plans", no="01", name="甲", amount=sub_plan, units=["乙組"],
                 description=TextBlock(text=f"本項分支計畫編列{sub_plan:,}千元，包括：", line=30,
                                       end_line=30),
                 object_lines=[
                     _line(11, "1000", "人事費", 1, 30),
                     _line(12, "1015", "法定編制人員待遇", 2, 30, "1000"),
                     _line(13, "2000", "業務費", 1, operating),
                     _line(14, "2039", "委辦費", 2, commissioned, "2000"),
                     _line(15, "2054", "一般事務費", 2, 20, "2000"),
                 ])
    wp = WorkPlan(line=5, table="plans", code=WP, name="丙", amount=work_plan, sub_plans=[sp])
    agency = AgencyExpenditureRow(line=2, table="expenditure_by_agency", code="0012340000",
                                  name="丁", level=2, kind="agency", amount=ledger,
                                  last_year_amount=90, change=ledger - 90)
    row = AgencyExpenditureRow(line=3, table="expenditure_by_agency", code=WP, name="丙",
                               level=4, kind="work_plan", parent_code="0012340000",
                               amount=ledger, last_year_amount=90, change=ledger - 90)
    return Book(source="tiny.txt", agency_code="1234", roc_year=115, phase="enacted",
                work_plans=[wp], expenditure_by_agency=[agency, row])


def _failed(book):
    return {(c.rule, tuple(sorted({f.source_line for f in c.figures}))) for c in audit(book).failed}


def test_plans_family_passes_then_points_at_the_broken_line():
    assert _failed(plans_book()) == set()
    failed = _failed(plans_book(commissioned=51))  # 2039 line no longer adds up to 2000
    assert ("plans.object_line.children", (13, 14, 15)) in failed
    failed = _failed(plans_book(sub_plan=101))
    rules = {r for r, _ in failed}
    assert {"plans.sub_plan.lines", "plans.work_plan.sub_plans"} <= rules
    failed = _failed(plans_book(ledger=99))
    assert any(r == "plans.work_plan.ledger" and 3 in lines for r, lines in failed)


def test_prose_total_is_checked_against_the_table():
    book = plans_book()
    book.work_plans[0].sub_plans[0].description = TextBlock(
        text="本項分支計畫編列101千元，包括：", line=30, end_line=30)
    assert ("plans.sub_plan.stated", (10, 30)) in _failed(book)


def test_change_columns():
    book = plans_book()
    book.expenditure_by_agency[1].change = 11
    assert any(r == "expenditure_by_agency.change" for r, _ in _failed(book))


def _rev(line, code, level, amount, parent=None, last=None, change=None):
    return RevenueRow(line=line, table="revenue", code=code, name="x", level=level,
                      parent_code=parent, amount=amount, last_year_amount=last, change=change)


def test_revenue_hierarchy_in_every_column():
    rows = [_rev(1, None, 0, 30, last=20, change=10),
            _rev(2, "0400000000", 1, 30, last=20, change=10),
            _rev(3, "0412340000", 2, 30, "0400000000", last=20, change=10),
            _rev(4, "0412340100", 3, 10, "0412340000", last=5, change=5),
            _rev(5, "0412340200", 3, 20, "0412340000", last=15, change=5)]
    book = Book(source="r.txt", revenue=rows)
    assert _failed(book) == set()
    book.revenue[4].last_year_amount = 16
    book.revenue[4].change = 4
    failed = _failed(book)
    assert ("revenue.children.last_year_amount", (3, 4, 5)) in failed


def test_first_reserve_within_one_percent_of_current_spending():
    def analysis(reserve):
        return ObjectAnalysis(table="object_analysis", line=1, rows=[ObjectAnalysisRow(
            line=2, table="object_analysis", name="丁", level="agency", personnel=1000,
            operating=9000, reserve=reserve, current_subtotal=10000 + reserve,
            capital_subtotal=None, total=10000 + reserve)])

    assert _failed(Book(source="a.txt", object_analysis=analysis(100))) == set()
    assert ("object_analysis.reserve_limit", (2,)) in _failed(
        Book(source="a.txt", object_analysis=analysis(102)))


def test_travel_summary_total():
    def summary(amount):
        rows = [TravelSummaryRow(line=2, table="travel_summary", category="開會", plans=1,
                                 amount=amount),
                TravelSummaryRow(line=3, table="travel_summary", category="考察", plans=1,
                                 amount=5)]
        total = TravelSummaryRow(line=1, table="travel_summary", category="合計", is_total=True,
                                 plans=2, amount=15)
        return Book(source="t.txt", travel_summary=TravelSummary(rows=rows, total=total))

    assert _failed(summary(10)) == set()
    assert ("travel_summary.total.amount", (1, 2, 3)) in _failed(summary(11))


def test_missing_tables_are_skipped_with_a_reason():
    report = audit(plans_book())
    skipped = [c for c in report.checks if c.status == "skip"]
    assert any(c.rule.startswith("cost_summary.") and "cost_summary" in c.reason
               for c in skipped)
    assert all(c.reason for c in skipped)


def _prose_checks(*items, sub_plan=100):
    """The item checks of a sub-plan 說明 `本項分支計畫編列…` followed by the given lines, each
    printed on its own source line (31, 32 …): {rule: sorted (status, expected, actual)}."""
    book = plans_book(sub_plan=sub_plan)
    text, marks = f"本項分支計畫編列{sub_plan:,}千元，包括：", []
    for i, item in enumerate(items):
        text += "\n"
        marks.append((len(text), Loc(line=31 + i)))
        text += item
    book.work_plans[0].sub_plans[0].description = TextBlock(text=text, line=30, end_line=30,
                                                            marks=marks)
    out: dict[str, list[tuple[str, int | None, int | None]]] = {}
    for c in audit(book).checks:
        if c.rule.startswith("plans.sub_plan.stated_"):
            out.setdefault(c.rule.removeprefix("plans.sub_plan."), []).append(
                (c.status, c.expected, c.actual))
    return {k: sorted(v, key=str) for k, v in out.items()}


def test_prose_sub_item_with_its_parts_after_qizhong():
    checks = _prose_checks("1.辦理甲所需經費100千元，係包含：", "(1)辦理乙所需業務費30千元。",
                           "(2)維護丙所需經費70千元，其中資訊操作維護費50千元，系統開發費20千元。")
    assert checks["stated_items"] == [("pass", 100, 100)]
    assert checks["stated_sub_items"] == [("pass", 100, 100)]  # 30 + 70, not 50 and 20 again
    assert checks["stated_item_parts"] == [("pass", 70, 70)]
    checks = _prose_checks("1.辦理甲所需經費100千元，係包含：", "(1)辦理乙所需業務費30千元。",
                           "(2)維護丙所需經費70千元，其中資訊操作維護費50千元，系統開發費21千元。")
    assert checks["stated_item_parts"] == [("fail", 71, 70)]
    assert checks["stated_sub_items"] == [("pass", 100, 100)]


def test_prose_multi_year_figures_are_not_parts():
    item = ("1.「甲計畫」所需總經費5,000千元，其中乙所需總經費900千元，分5年辦理，除113年度"
            "已編列1,000千元外，本年度續編第2年經費100千元（含工程管理費3千元，另已編列數含"
            "4千元），未來年度經費需求3,900千元，辦理工作如下：")
    checks = _prose_checks(item, "(1)甲60千元。", "(2)乙40千元。")
    assert checks["stated_items"] == [("pass", 100, 100)]
    assert checks["stated_sub_items"] == [("pass", 100, 100)]
    checks = _prose_checks(item, "(1)甲60千元。", "(2)乙41千元。")
    assert checks["stated_sub_items"] == [("fail", 101, 100)]


def test_prose_list_after_a_colon_with_ji_inside():
    # `防火牆3臺計60千元` amounts to, it does not add up what comes before
    lines = ("1.辦理甲100千元：", "(1)人事費10千元。",
             "(2)設備及投資90千元：汰換電腦3臺計60千元、防火牆記錄器計30千元。")
    checks = _prose_checks(*lines)
    assert checks["stated_sub_items"] == [("pass", 100, 100)]
    assert checks["stated_item_parts"] == [("pass", 90, 90)]
    checks = _prose_checks(*lines[:2], lines[2].replace("計30", "計31"))
    assert checks["stated_item_parts"] == [("fail", 91, 90)]


def test_prose_nested_details_and_a_grand_total():
    item = ("1.所需人事費10千元，業務費50千元（經常支出45千元，資本支出5千元）；辦理訓練所需設備費"
            "40千元，其中機械設備15千元，係汰購甲5千元、乙10千元；雜項設備25千元係汰購丙25千元，"
            "合共100千元。")
    checks = _prose_checks(item)
    assert checks["stated_items"] == [("pass", 100, 100)]
    assert checks["stated_item_parts"] == [("pass", 100, 100)]  # 10 + 50 + 40
    assert checks["stated_details"] == [("pass", 15, 15), ("pass", 25, 25), ("pass", 40, 40)]
    checks = _prose_checks(item.replace("乙10千元", "乙11千元"))
    assert ("fail", 16, 15) in checks["stated_details"]
    assert checks["stated_item_parts"] == [("pass", 100, 100)]


def test_prose_total_restating_this_years_amount():
    item = ("1.甲計畫分4年辦理，本年度續編第2年經費100千元，辦理乙等工作，所需業務費60千元及"
            "軟體購置費40千元，合計100千元。")
    checks = _prose_checks(item)
    assert checks["stated_items"] == [("pass", 100, 100)]
    assert checks["stated_item_parts"] == [("pass", 100, 100)]
    assert checks["stated_details"] == [("pass", 100, 100)]
    checks = _prose_checks(item.replace("合計100", "合計101"), sub_plan=101)
    assert checks["stated_item_parts"] == [("fail", 100, 101)]


def test_prose_several_figures_then_their_sub_items():
    lines = ("1.計需業務費80千元，設備及投資20千元，明細如下：", "(1)甲70千元。", "(2)乙30千元。")
    checks = _prose_checks(*lines)
    assert checks["stated_items"] == [("pass", 100, 100)]
    assert checks["stated_sub_items"] == [("pass", 100, 100)]
    assert _prose_checks(*lines[:2], "(2)乙31千元。")["stated_sub_items"] == [("fail", 101, 100)]


def test_prose_suoxu_after_a_list_adds_it_up():
    item = "1.甲薪給60千元、保險（全民健保）40千元，所需人事費100千元。"
    assert _prose_checks(item)["stated_item_parts"] == [("pass", 100, 100)]
    assert _prose_checks(item.replace("40千元", "41千元"))["stated_item_parts"] == [
        ("fail", 101, 100)]


def _change_checks(text):
    book = plans_book()  # 比較 10
    book.expenditure_by_agency[1].description = TextBlock(text=text, line=40, end_line=40)
    return [(c.status, c.expected, c.actual) for c in audit(book).checks
            if c.rule == "expenditure_by_agency.stated_changes"]


def test_stated_changes_sub_items_new_and_finished_items():
    text = ("1.本年度預算數100千元。2.本年度預算數之內容與上年度之比較如下：(1)己經費60千元，"
            "較上年度增列15千元，包括：<1>庚經費20千元，較上年度減列25千元。<2>新增辛計畫總經費"
            "500千元，分5年辦理，本年度編列第1年經費40千元。(2)新增壬經費25千元。(3)上年度癸計畫"
            "預算業已編竣，所列30千元如數減列。")
    assert _change_checks(text) == [("pass", 10, 10)]  # 15 + 25 − 30; <1>, <2> restate the 15
    assert _change_checks(text.replace("所列30", "所列31")) == [("fail", 9, 10)]


def test_quantity_times_unit_price():
    from budgetbook.audit.views import quantity_product

    # as printed in taipei-116: page 27 `人、月 81×12 630 612,360`; page 29
    # `臺、月、張 6×12×10000 0.6 432,000`
    assert quantity_product("81×12", 630) == 612_360
    assert quantity_product("6×12×10000", 0.6) == 432_000
    assert quantity_product("1", 104_161_281) == 104_161_281
    assert quantity_product("1式", 5) is None  # no product of numbers: nothing to check
    assert quantity_product("81×12", 631) != 612_360
