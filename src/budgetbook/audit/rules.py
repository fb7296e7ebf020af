"""The audit rules, as data: one `Rule` per identity the book relies on.

Paths start at the Book (`work_plans[*]`) or at its flat tables (`t.object_lines`, `t.cost_cells`,
see `views.py`); `{field}` in a filter takes the value from the row the rule is applied to.
Standard 用途別科目 codes (1000 人事費, 2039 委辦費, 2078 國外旅費 …) are vocabulary, not figures of
any one book.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..model.objects import PERSONNEL_COLUMNS
from .engine import Rule

AMOUNT_COLUMNS = {"amount": "本年度", "last_year_amount": "上年度", "prior_year_actual": "前年度決算"}
GRANT_FIELDS = ("personnel", "operating", "current_other", "land", "construction",
                "capital_other", "amount")
# 歲出一級用途別科目分析表 columns and the first-level 用途別科目 they restate
ANALYSIS_TO_OBJECT = {
    "1000": ("personnel",),
    "2000": ("operating", "capital_operating"),
    "3000": ("equipment_investment",),
    "4000": ("grants", "capital_grants"),
    "5000": ("debt",),
    "6000": ("reserve", "capital_reserve"),
}
FUNCTIONAL_CURRENT = ("compensation", "goods_services", "interest", "land_rent",
                      "current_transfer_enterprises", "current_transfer_households",
                      "current_transfer_government", "current_transfer_abroad")
FUNCTIONAL_CAPITAL = ("investment_public_enterprises", "investment_special_funds",
                      "investment_private_enterprises", "capital_transfer_enterprises",
                      "capital_transfer_households", "capital_transfer_government",
                      "capital_transfer_abroad", "land_purchase", "intangible_assets",
                      "dwellings", "non_residential_buildings", "construction",
                      "transport_equipment", "land_improvement", "machinery", "software")
CAPITAL_COLUMNS = ("land", "buildings", "public_works", "machinery", "transport", "it_equipment",
                   "misc_equipment", "rights", "investment", "other_capital")
OFFICE_MONEY = ("owned_cost", "owned_maintenance", "free_maintenance", "rented_deposit",
                "rented_rent", "rented_maintenance", "total_deposit", "total_rent",
                "total_maintenance")
FOREIGN_TRAVEL = "2078"
COMMISSIONED = "2039"
FIRST_RESERVE_LIMIT = Fraction(1, 100)  # 預算法: 第一預備金 ≤ 1% of 經常支出


def _plans() -> list[Rule]:
    return [
        Rule("plans.object_line.children", "plans",
             "二級用途別科目 add up to their first-level line {object_code} {object_name} "
             "({work_plan_code} 分支計畫 {sub_plan_no})",
             each="t.object_lines[level=1]", total="amount",
             parts=("$.t.object_lines[work_plan_code={work_plan_code},sub_plan_no={sub_plan_no},"
                    "parent_code={object_code},level=2].amount",),
             parts_optional=True),
        Rule("plans.sub_plan.lines", "plans",
             "first-level lines (and cases) add up to sub-plan {no} {name}",
             each="work_plans[*].sub_plans[*]", total="amount",
             parts=("object_lines[level=1].amount", "cases[*].amount")),
        # city books: each case's own lines, and every 用途別科目 line's detail lines
        Rule("plans.detail.product", "plans",
             "數量 {quantity} × 單價 {unit_price} = 預算數 on a line of {object_code}",
             each="t.detail_products[product!=]", total="amount", parts=("product",),
             relation="equal"),
        Rule("plans.case.lines", "plans", "first-level lines add up to case {case_no} {name}",
             each="work_plans[*].sub_plans[*].cases[*]", total="amount",
             parts=("object_lines[level=1].amount",)),
        *(Rule(f"plans.{where}.details", "plans",
               "detail lines (單位 × 數量 × 單價) add up to {code} {name}",
               each=each, total="amount", parts=("detail_lines[*].amount",),
               parts_optional=True)
          for where, each in (
              ("object_line", "work_plans[*].sub_plans[*].object_lines[*]"),
              ("case_line", "work_plans[*].sub_plans[*].cases[*].object_lines[*]"),
              ("work_plan_line", "work_plans[*].object_lines[*]"))),
        Rule("plans.work_plan.sub_plans", "plans",
             "sub-plans add up to work plan {code} {name}",
             each="work_plans[*]", total="amount", parts=("sub_plans[*].amount",)),
        Rule("plans.work_plan.ledger", "plans",
             "work plan {code} {name} equals its row in 歲出機關別預算表",
             each="work_plans[*]", total="amount",
             parts=("$.expenditure_by_agency[code={code}].amount",), relation="equal",
             requires=("expenditure_by_agency",)),
        Rule("plans.sub_plan.stated", "plans",
             "說明 of sub-plan {sub_plan_no} of {code} states its amount",
             each="t.stated[kind=sub_plan_total]", total="amount",
             parts=("$.t.sub_plans[work_plan_code={code},sub_plan_no={sub_plan_no}].amount",),
             relation="equal"),
        Rule("plans.sub_plan.stated_items", "plans",
             "the items of the 說明 of sub-plan {sub_plan_no} of {code} add up to its 編列",
             each="t.stated[kind=sub_plan_total]", total="amount",
             parts=("$.t.stated[kind=item,code={code},sub_plan_no={sub_plan_no},parent=].amount",),
             parts_optional=True),
        Rule("plans.sub_plan.stated_item_parts", "plans",
             "item {item} of the 說明 of sub-plan {sub_plan_no} of {code}: its figures add up",
             each="t.stated[kind=item,lead=True]",
             total="$.t.stated[kind=item,code={code},sub_plan_no={sub_plan_no},item={item}].amount",
             parts=("$.t.stated[kind=item_part,code={code},sub_plan_no={sub_plan_no},"
                    "parent={item}].amount",),
             parts_optional=True),
        Rule("plans.sub_plan.stated_sub_items", "plans",
             "item {item} of the 說明 of sub-plan {sub_plan_no} of {code}: its sub-items add up "
             "to it",
             each="t.stated[kind=item,lead=True]",
             total="$.t.stated[kind=item,code={code},sub_plan_no={sub_plan_no},item={item}].amount",
             parts=("$.t.stated[kind=item,code={code},sub_plan_no={sub_plan_no},"
                    "parent={item}].amount",),
             parts_optional=True),
        Rule("plans.sub_plan.stated_details", "plans",
             "the 說明 of sub-plan {sub_plan_no} of {code}: the figures detailing one of item "
             "{parent} add up to it",
             each="t.stated[kind=detail]", total="amount",
             parts=("$.t.stated[kind=detail_part,code={code},sub_plan_no={sub_plan_no},"
                    "parent={item}].amount",)),
    ]


def _ledgers() -> list[Rule]:
    rules: list[Rule] = []
    for table, path in (("revenue", "revenue"), ("expenditure_by_agency", "expenditure_by_agency")):
        for col, label in AMOUNT_COLUMNS.items():
            rules.append(Rule(
                f"{table}.children.{col}", table,
                f"{label}: rows under {{code}} {{name}} add up to it",
                each=f"{path}[code!=]", total=col,
                parts=(f"$.{path}[parent_code={{code}}].{col}",), parts_optional=True,
                requires=(path,)))
        rules.append(Rule(
            f"{table}.change", table, "本年度 − 上年度 = 比較 for {code} {name}",
            each=f"{path}[*]", total="change", parts=("amount", "last_year_amount"),
            relation="change", requires=(path,)))
    for col, label in AMOUNT_COLUMNS.items():
        rules.append(Rule(
            f"revenue.total.{col}", "revenue", f"{label}: 款 add up to 合計",
            each="revenue[level=0]", total=col, parts=(f"$.revenue[level=1].{col}",),
            requires=("revenue",)))
    rules += [
        Rule("expenditure_by_agency.stated_total", "expenditure_by_agency",
             "說明 of {code} states 本年度預算數 equal to the row",
             each="t.stated[kind=total]", total="amount",
             parts=("$.expenditure_by_agency[code={code}].amount",), relation="equal"),
        Rule("expenditure_by_agency.stated_objects", "expenditure_by_agency",
             "說明 of {code} states {label} equal to the sub-plans' {label} lines",
             each="t.stated[kind=object]", total="amount",
             parts=("$.t.object_lines[work_plan_code={code},object_name={label},level=1].amount",),
             relation="equal"),
        Rule("expenditure_by_agency.stated_sub_plans", "expenditure_by_agency",
             "說明 of {code} states sub-plan {label} equal to the sub-plan's amount",
             each="t.stated[kind=sub_plan]", total="amount",
             parts=("$.t.sub_plans[work_plan_code={code},sub_plan_no={sub_plan_no}].amount",),
             relation="equal"),
        Rule("expenditure_by_agency.stated_changes", "expenditure_by_agency",
             "the 較上年度 changes stated in the 說明 of {code} {name} add up to its 比較",
             each="expenditure_by_agency[code!=]", total="change",
             parts=("$.t.stated[kind=change,code={code}].amount",), parts_optional=True,
             requires=("expenditure_by_agency",)),
        Rule("expenditure_by_agency.stated_net_change", "expenditure_by_agency",
             "the 增列 and 減列 of item {item} of the 說明 of {code} net to its 淨 change",
             each="t.stated[kind=change_net]", total="amount",
             parts=("$.t.stated[kind=change_part,code={code},item={item}].amount",)),
        Rule("expenditure_by_agency.agency_total", "expenditure_by_agency",
             "work plans of the 概況表 add up to the agency's row {code} {name}",
             each="expenditure_by_agency[kind=agency]", total="amount",
             parts=("$.work_plans[*].amount",), requires=("work_plans",)),
    ]
    return rules


def _cost_summary() -> list[Rule]:
    req = ("cost_summary",)
    return [
        Rule("cost_summary.cell.lines", "cost_summary",
             "{object_code} {object_name} of {work_plan_code} equals the sub-plans' lines",
             each="t.cost_cells[work_plan_code!=,object_code!=TOTAL]", total="amount",
             parts=("$.t.object_lines[work_plan_code={work_plan_code},object_code={object_code},"
                    "sub_plan_no!=].amount",), requires=req),
        Rule("cost_summary.row_total", "cost_summary",
             "合計 column of {object_code} {object_name} adds up the work plans",
             each="t.cost_cells[column=total,object_code!=TOTAL]", total="amount",
             parts=("$.t.cost_cells[object_code={object_code},column!=total].amount",),
             requires=req),
        Rule("cost_summary.first_level", "cost_summary",
             "second-level rows add up to {object_code} {object_name} in column {column}",
             each="t.cost_cells[level=1]", total="amount",
             parts=("$.t.cost_cells[parent_code={object_code},level=2,column={column}].amount",),
             parts_optional=True, requires=req),
        Rule("cost_summary.total_row", "cost_summary",
             "first-level rows add up to the 合計 row in column {column}",
             each="t.cost_cells[object_code=TOTAL]", total="amount",
             parts=("$.t.cost_cells[level=1,column={column}].amount",), requires=req),
        Rule("cost_summary.work_plan", "cost_summary",
             "合計 of column {work_plan_code} equals the work plan in the 概況表",
             each="t.cost_cells[object_code=TOTAL,work_plan_code!=]", total="amount",
             parts=("$.work_plans[code={work_plan_code}].amount",), relation="equal",
             requires=req),
        Rule("cost_summary.agency", "cost_summary",
             "合計 of 各項費用彙計表 equals the agency's row in 歲出機關別預算表",
             each="t.cost_cells[object_code=TOTAL,column=total]", total="amount",
             parts=("$.expenditure_by_agency[kind=agency].amount",), relation="equal",
             requires=req + ("expenditure_by_agency",)),
    ]


def _object_analysis() -> list[Rule]:
    req = ("object_analysis",)
    each = "object_analysis.rows[printed=True]"
    rules = [
        Rule("object_analysis.current", "object_analysis",
             "經常支出 columns add up to 小計 for {name}", each=each, total="current_subtotal",
             parts=("personnel", "operating", "grants", "debt", "reserve"), requires=req),
        Rule("object_analysis.capital", "object_analysis",
             "資本支出 columns add up to 小計 for {name}", each=each, total="capital_subtotal",
             parts=("capital_operating", "equipment_investment", "capital_grants",
                    "capital_reserve"), requires=req),
        Rule("object_analysis.total", "object_analysis",
             "經常 + 資本 = 合計 for {name}", each=each, total="total",
             parts=("current_subtotal", "capital_subtotal"), requires=req),
        Rule("object_analysis.ledger", "object_analysis",
             "合計 of {code} {name} equals 歲出機關別預算表",
             each="object_analysis.rows[code!=,printed=True]", total="total",
             parts=("$.expenditure_by_agency[code={code}].amount",), relation="equal",
             requires=req + ("expenditure_by_agency",)),
        Rule("object_analysis.reserve_limit", "object_analysis",
             "第一預備金 of {name} within 1% of its 經常支出",
             each="object_analysis.rows[level=agency]", total="reserve",
             parts=("current_subtotal",), relation="within", limit=FIRST_RESERVE_LIMIT,
             requires=req),
    ]
    for code, fields in ANALYSIS_TO_OBJECT.items():
        # a 業務計畫 row (code …00) is the sum of the columns of its 工作計畫 (one column when
        # it has none of its own); a 工作計畫 row is its own column; the agency row the 合計
        for level, kind, column, when in (
                ("work_plan", "work_plan", "work_plan_group={code}", _is_group),
                ("work_plan", "work_plan_item", "column={code}", _is_item),
                ("agency", "agency", "column=total", None)):
            rules.append(Rule(
                f"object_analysis.cost_summary.{code}.{kind}", "object_analysis",
                f"{'+'.join(fields)} of {{name}} equals {code} in 各項費用彙計表",
                each=f"object_analysis.rows[level={level}]",
                total=f"$.t.cost_cells[{column},object_class={code}].amount",
                parts=fields, relation="equal", requires=req + ("cost_summary",), when=when))
    return rules


def _is_group(row: Any) -> bool:
    """A row whose 科目 code names a 業務計畫 as a whole (its last two digits 00)."""
    return not (row.code and len(row.code) in (10, 11) and not row.code.endswith("00"))


def _is_item(row: Any) -> bool:
    return not _is_group(row)


def _capital() -> list[Rule]:
    req = ("capital",)
    return [
        Rule("capital.row_total", "capital", "columns add up to 合計 for {name}",
             each="capital.rows[printed=True]", total="total", parts=CAPITAL_COLUMNS,
             requires=req),
        Rule("capital.object_analysis", "capital",
             "合計 of {code} {name} equals 資本支出 in 歲出一級用途別科目分析表",
             each="capital.rows[printed=True]", total="total",
             parts=("$.object_analysis.rows[code={code}].capital_subtotal",), relation="equal",
             requires=req + ("object_analysis",)),
        # the 合計 row a city's table prints
        Rule("capital.total.row_total", "capital", "columns add up to 合計 for the 合計 row",
             each="capital.total", total="total", parts=CAPITAL_COLUMNS, requires=req),
        Rule("capital.total.object_analysis", "capital",
             "合計 row equals the 資本支出 of the 合計 row of 歲出一級用途別科目分析表",
             each="capital.total", total="total",
             parts=("$.object_analysis.rows[name=合計].capital_subtotal",), relation="equal",
             requires=req + ("object_analysis",)),
    ]


def _personnel() -> list[Rule]:
    return [
        Rule("personnel_costs.category", "personnel_costs",
             "{name} equals its line in 各項費用彙計表",
             each="personnel_costs.categories[*]", total="amount",
             parts=("$.t.cost_cells[column=total,object_name={name}].amount",),
             relation="equal", requires=("personnel_costs", "cost_summary")),
        Rule("personnel_costs.total", "personnel_costs",
             "人事費彙計表 categories add up to 1000 人事費 in 各項費用彙計表",
             each="personnel_costs", total="$.t.cost_cells[column=total,object_class=1000].amount",
             parts=("categories[*].amount",), requires=("personnel_costs", "cost_summary")),
        Rule("personnel_costs.stated", "personnel_costs",
             "說明 of {ordinal} {name} states its amount",
             each="personnel_costs.categories[*]", total="amount",
             parts=("$.t.stated[kind=personnel,code={ordinal}].amount",), parts_optional=True,
             requires=("personnel_costs",)),
        Rule("personnel_costs.stated_parts", "personnel_costs",
             "the figures of the 說明 of {code} {label} add up to its 共計",
             each="t.stated[kind=personnel]", total="amount",
             parts=("$.t.stated[kind=personnel_part,code={code}].amount",), parts_optional=True),
    ]


def _revenue_notes() -> list[Rule]:
    return [
        # a city's 歲入預算表 / 歲出預算表: 本年度預算數 as 合計, 經常門 and 資本門
        *(Rule(f"{table}.current_capital", table, "經常門 + 資本門 = 合計 for {code} {name}",
               each=f"{table}[*]", total="amount", parts=("current_amount", "capital_amount"),
               requires=(table,), when=_parts_printed)
          for table in ("revenue", "expenditure_by_agency")),
        # a city's (11-digit codes); a central book's notes are checked against their own tree
        # by the reader
        Rule("revenue.notes.ledger", "revenue",
             "預算金額 of {code} {name} equals its row in 歲入來源別預算表",
             each="revenue_notes[*]", total="amount", parts=("$.revenue[code={code}].amount",),
             relation="equal", parts_optional=True, requires=("revenue_notes", "revenue"),
             when=_city_code),
    ]


def _city_code(row: Any) -> bool:
    return len(row.code or "") == 11


def _parts_printed(row: Any) -> bool:
    return row.current_amount is not None or row.capital_amount is not None


def _personnel_classes() -> list[Rule]:
    """A city's 人事費彙計表: a row per class of staff, the categories as columns."""
    req = ("personnel_costs",)
    fields = tuple(f for f, _ in PERSONNEL_COLUMNS)
    rules = [
        Rule("personnel_costs.class.total", "personnel_costs",
             "categories add up to 合計 for {name}", each="personnel_costs.classes[*]",
             total="total", parts=fields, requires=req),
        Rule("personnel_costs.category.lines", "personnel_costs",
             "{name} equals its 用途別科目 lines in 歲出計畫說明提要與各項費用明細表",
             each="personnel_costs.categories[ordinal=]", total="amount",
             parts=("$.t.object_lines[object_name={name},level=2].amount",), relation="equal",
             parts_optional=True, requires=req),
    ]
    # 人事費分析表 (a city's): 人事費彙計表's form once per work plan
    rules += [
        Rule("personnel_costs.analysis.class.total", "personnel_costs",
             "categories add up to 合計 for {name}", each="personnel_analysis[*].classes[*]",
             total="total", parts=fields, applies_if=("personnel_analysis",)),
        Rule("personnel_costs.analysis.cost_summary", "personnel_costs",
             "人事費 of {work_plan_name} equals its 100000 人事費 in 各項費用彙計表",
             each="personnel_analysis[*]", total="total",
             parts=("$.t.cost_cells[object_class=1000,work_plan_code={work_plan_code}].amount",),
             relation="equal", parts_optional=True, applies_if=("personnel_analysis",),
             requires=("cost_summary",)),
    ]
    for f in (*fields, "total", "posts"):
        rules += [
            Rule(f"personnel_costs.analysis.classes.{f}", "personnel_costs",
                 f"classes of {{work_plan_name}} add up to its 合計 row ({f})",
                 each="personnel_analysis[*]", total=f"classes[name=合計].{f}",
                 parts=(f"classes[parent=,name!=合計].{f}",),
                 applies_if=("personnel_analysis",)),
            Rule(f"personnel_costs.analysis.agency.{f}", "personnel_costs",
                 f"the work plans' {{name}} add up to 人事費彙計表's ({f})",
                 each="personnel_costs.classes[*]", total=f,
                 parts=(f"$.personnel_analysis[*].classes[name={{name}}].{f}",),
                 parts_optional=True, applies_if=("personnel_analysis",),
                 requires=("personnel_costs",)),
        ]
    for f in (*fields, "total", "posts"):
        rules += [
            Rule(f"personnel_costs.classes.{f}", "personnel_costs",
                 f"classes add up to the 合計 row ({f})",
                 each="personnel_costs.classes[name=合計]", total=f,
                 parts=(f"$.personnel_costs.classes[parent=,name!=合計].{f}",), requires=req),
            Rule(f"personnel_costs.class.parent.{f}", "personnel_costs",
                 f"classes printed under {{name}} add up to it ({f})",
                 each="personnel_costs.classes[parent=,name!=合計]", total=f,
                 parts=(f"$.personnel_costs.classes[parent={{name}}].{f}",),
                 parts_optional=True, requires=req),
        ]
    return rules


def _staffing() -> list[Rule]:
    req = ("staffing",)
    rules = []
    for col in ("count", "last_year_count"):
        rules += [
            Rule(f"staffing.total.{col}", "staffing",
                 f"categories add up to 合計 ({col}) for {{name}}", each="staffing.rows[*]",
                 total=f"counts[category=合計].{col}", parts=(f"counts[category!=合計].{col}",),
                 requires=req),
            Rule(f"staffing.overview.{col}", "staffing",
                 f"預算員額說明表 {{name}} ({col}) equals 預算員額明細表",
                 each="overview.staffing.rows[*]", total=col,
                 parts=(f"$.t.staffing[name={{name}}].{col}",), relation="equal",
                 requires=req + ("overview",)),
            Rule(f"overview.staffing.total.{col}", "overview",
                 f"預算員額說明表 categories add up to 合計 ({col})",
                 each="overview.staffing.rows[name=合計]", total=col,
                 parts=(f"$.overview.staffing.rows[name!=合計].{col}",), requires=("overview",)),
        ]
    rules += [
        Rule("staffing.cost_change", "staffing", "年需經費 本年度 − 上年度 = 比較 for {name}",
             each="staffing.rows[*]", total="cost_change", parts=("cost", "cost_last_year"),
             relation="change", requires=req),
        Rule("staffing.stated", "staffing",
             "{label} count stated in {table} 說明 equals 預算員額明細表",
             each="t.stated_staff[*]", total="amount", parts=("$.t.staffing[name={label}].count",),
             relation="equal", requires=req),
    ]
    return rules


def _holdings() -> list[Rule]:
    rules = []
    for f in ("count", "fuel_litres", "fuel_cost", "maintenance", "other"):
        rules.append(Rule(f"vehicles.total.{f}", "vehicles", f"vehicles add up to 合計 ({f})",
                          each="vehicles.total", total=f, parts=(f"$.vehicles.rows[*].{f}",),
                          requires=("vehicles",)))
    # a city's table: its own cost columns, and a subtotal per heading and work plan
    for f in ("license_tax", "fuel_use_fee", "insurance", "inspection"):
        rules.append(Rule(f"vehicles.total.{f}", "vehicles", f"vehicles add up to 合計 ({f})",
                          each="vehicles.total", total=f, parts=(f"$.vehicles.rows[*].{f}",),
                          requires=("vehicles",)))
    for f in ("license_tax", "fuel_use_fee", "fuel_cost", "maintenance", "insurance",
              "inspection"):
        rules += [
            Rule(f"vehicles.subtotal.{f}", "vehicles",
                 f"vehicles of {{work_plan}} under {{group}} add up to its subtotal ({f})",
                 each="vehicles.subtotals[*]", total=f,
                 parts=(f"$.vehicles.rows[group={{group}},work_plan={{work_plan}}].{f}",),
                 requires=("vehicles",)),
            Rule(f"vehicles.subtotals.{f}", "vehicles", f"subtotals add up to 合計 ({f})",
                 each="vehicles.total", total=f, parts=(f"$.vehicles.subtotals[*].{f}",),
                 parts_optional=True, requires=("vehicles",)),
        ]
    for f in OFFICE_MONEY:
        rules += [
            Rule(f"offices.total.{f}", "offices", f"categories add up to 合計 ({f})",
                 each="offices.total", total=f, parts=(f"$.offices.rows[parent=].{f}",),
                 requires=("offices",)),
            Rule(f"offices.children.{f}", "offices", f"sub-categories add up to {{name}} ({f})",
                 each="offices.rows[parent=]", total=f,
                 parts=(f"$.offices.rows[parent={{name}}].{f}",), parts_optional=True,
                 requires=("offices",)),
        ]
    for each in ("offices.rows[*]", "offices.total"):
        rules.append(Rule(f"offices.row_maintenance:{each}", "offices",
                          "自有 + 無償 + 有償 年需養護費 = 合計 for {name}", each=each,
                          total="total_maintenance",
                          parts=("owned_maintenance", "free_maintenance", "rented_maintenance"),
                          requires=("offices",)))
    levels = {
        "subsidies": [("subsidies.groups[*]", "items[*]"),
                      ("subsidies.groups[*].items[*]", "recipients[*]"),
                      ("subsidies.total", "$.subsidies.groups[*]")],
        "donations": [("donations.total", "$.donations.categories[*]"),
                      ("donations.categories[*]", "objects[*]"),
                      ("donations.categories[*].objects[*]", "groups[*]"),
                      ("donations.categories[*].objects[*].groups[*]", "items[*]")],
    }
    for table, pairs in levels.items():
        for each, children in pairs:
            for f in GRANT_FIELDS:
                rules.append(Rule(f"{table}.sum.{f}:{each}", table,
                                  f"rows add up to {{number}} {{name}} ({f})", each=each,
                                  total=f, parts=(f"{children}.{f}",), requires=(table,)))
        leaf = pairs[-1][0] + "." + pairs[-1][1].replace("$.", "")
        if table == "subsidies":
            leaf = "subsidies.groups[*].items[*].recipients[*]"
        rules.append(Rule(f"{table}.row", table, "columns add up to 合計 for {number} {name}",
                          each=leaf, total="amount", parts=GRANT_FIELDS[:-1], requires=(table,)))
    rules += [
        Rule("subsidies.lines", "subsidies",
             "補助經費分析表 of {work_plan_code} equals its 補助 object lines",
             each="t.subsidy_keys[*]",
             total="$.t.subsidy_groups[work_plan_code={work_plan_code}].amount",
             parts=("$.t.kind_lines[work_plan_code={work_plan_code},kind=subsidy].amount",),
             requires=("subsidies",)),
        Rule("donations.lines", "donations",
             "捐助經費分析表 {object_code} of {work_plan_code} equals its object lines",
             each="t.donation_keys[*]",
             total="$.t.donation_groups[work_plan_code={work_plan_code},"
                   "object_code={object_code}].amount",
             parts=("$.t.expenditure_lines[work_plan_code={work_plan_code},"
                    "object_code={object_code}].amount",), requires=("donations",)),
    ]
    return rules


def _travel() -> list[Rule]:
    rules = []
    for f in ("plans", "person_days", "amount", "last_year_plans", "last_year_person_days",
              "last_year_amount"):
        rules.append(Rule(f"travel_summary.total.{f}", "travel_summary",
                          f"categories add up to 合計 ({f})", each="travel_summary.total",
                          total=f, parts=(f"$.travel_summary.rows[*].{f}",),
                          requires=("travel_summary",)))
    rules += [
        Rule("travel_summary.lines", "travel_summary",
             f"派員出國計畫預算總表 合計 equals the {FOREIGN_TRAVEL} 國外旅費 lines",
             each="travel_summary.total", total="amount",
             parts=(f"$.t.expenditure_lines[object_code={FOREIGN_TRAVEL}].amount",),
             requires=("travel_summary",)),
        Rule("travel_categories.total", "travel_categories",
             "plans of 派員出國計畫預算類別表 add up to the 總表 合計",
             each="travel_summary.total", total="amount",
             parts=("$.travel_categories.plans[*].amount",),
             requires=("travel_summary", "travel_categories")),
        Rule("travel_categories.plan", "travel_categories",
             "交通費 + 生活費 + 辦公費 (+ 書籍學雜等費) = 合計 for {name}",
             each="travel_categories.plans[*]",
             total="amount", parts=("transport", "living", "office", "books"),
             requires=("travel_categories",)),
    ]
    return rules


def _functional() -> list[Rule]:
    req = ("functional",)
    rows = "functional.rows[*]"
    rules = []
    for each in (rows, "functional.total"):
        rules += [
            Rule(f"functional.current:{each}", "functional", "經常支出 columns add up for {name}",
                 each=each, total="current_total", parts=FUNCTIONAL_CURRENT, requires=req),
            Rule(f"functional.capital:{each}", "functional", "資本支出 columns add up for {name}",
                 each=each, total="capital_total", parts=FUNCTIONAL_CAPITAL, requires=req),
            Rule(f"functional.total:{each}", "functional", "經常 + 資本 = 總計 for {name}",
                 each=each, total="total", parts=("current_total", "capital_total"),
                 requires=req),
        ]
    for f in (*FUNCTIONAL_CURRENT, *FUNCTIONAL_CAPITAL, "current_total", "capital_total", "total"):
        rules.append(Rule(f"functional.column.{f}", "functional", f"職能 rows add up to 總計 ({f})",
                          each="functional.total", total=f, parts=(f"$.{rows}.{f}",),
                          requires=req))
    rules.append(Rule("functional.agency", "functional",
                      "總計 equals the agency's row in 歲出機關別預算表", each="functional.total",
                      total="total", parts=("$.expenditure_by_agency[kind=agency].amount",),
                      relation="equal", requires=req + ("expenditure_by_agency",)))
    # a city's 歲出一級用途別科目分析表 prints a 合計 row (a central book's has the agency's)
    for f, col in (("current_total", "current_subtotal"), ("capital_total", "capital_subtotal"),
                   ("total", "total")):
        rules.append(Rule(f"functional.object_analysis.{f}", "functional",
                          f"{f} of 總計 equals the 合計 row of 歲出一級用途別科目分析表 ({col})",
                          each="functional.total", total=f,
                          parts=(f"$.object_analysis.rows[name=合計].{col}",), relation="equal",
                          parts_optional=True, requires=req + ("object_analysis",)))
    return rules


def _oversight() -> list[Rule]:
    amounts = ("personnel_amount", "operating_amount", "other_amount", "amount")
    rules = []
    for f in amounts:
        rules += [
            Rule(f"commissioned.work_plan.{f}", "commissioned",
                 f"projects add up to the total of {{work_plan_code}} ({f})",
                 each="commissioned.totals[work_plan_code!=]", total=f,
                 parts=(f"$.commissioned.projects[work_plan_code={{work_plan_code}}].{f}",),
                 requires=("commissioned",)),
            Rule(f"commissioned.total.{f}", "commissioned",
                 f"work plans add up to 合計 ({f})", each="commissioned.totals[work_plan_code=]",
                 total=f, parts=(f"$.commissioned.totals[work_plan_code!=].{f}",),
                 requires=("commissioned",)),
        ]
    rules += [
        Rule("commissioned.row", "commissioned", "columns add up to 合計 for {number} {name}",
             each="commissioned.projects[*]", total="amount",
             parts=("personnel_amount", "operating_amount", "other_amount",
                    "unnamed_amounts[*]"), requires=("commissioned",)),
        Rule("commissioned.lines", "commissioned",
             f"委辦經費分析表 of {{work_plan_code}} equals its {COMMISSIONED} 委辦費 lines",
             each="t.commissioned_keys[*]",
             total="$.commissioned.totals[work_plan_code={work_plan_code}].amount",
             parts=(f"$.t.kind_lines[filed_under={{work_plan_code}},"
                    f"object_code={COMMISSIONED}].amount",), requires=("commissioned",)),
        Rule("media.work_plan", "media",
             "媒體宣導經費 of {code} {name} equals the amounts stated in its sub-plans' 說明",
             each="media.rows[level=work_plan]", total="amount",
             parts=("$.t.stated[kind=media,code={code}].amount",), requires=("media",)),
        Rule("media.stated_items", "media",
             "the items of the 說明 of {code} {name} add up to its 媒體宣導經費",
             each="media.rows[level=work_plan]", total="amount",
             parts=("$.t.stated[kind=media_item,code={code},parent=].amount",),
             parts_optional=True, requires=("media",)),
        Rule("media.stated_item_parts", "media",
             "item {item} of the 說明 of {code} in 媒體宣導經費: its figures add up",
             each="t.stated[kind=media_item,lead=True]",
             total="$.t.stated[kind=media_item,code={code},item={item}].amount",
             parts=("$.t.stated[kind=media_item_part,code={code},parent={item}].amount",),
             parts_optional=True),
        Rule("media.stated_sub_items", "media",
             "item {item} of the 說明 of {code} in 媒體宣導經費: its sub-items add up to it",
             each="t.stated[kind=media_item,lead=True]",
             total="$.t.stated[kind=media_item,code={code},item={item}].amount",
             parts=("$.t.stated[kind=media_item,code={code},parent={item}].amount",),
             parts_optional=True),
        Rule("media.stated_details", "media",
             "the 說明 of {code} in 媒體宣導經費: the figures detailing one of item {parent} add up "
             "to it",
             each="t.stated[kind=media_detail]", total="amount",
             parts=("$.t.stated[kind=media_detail_part,code={code},parent={item}].amount",)),
        Rule("media.agency", "media", "work plans add up to the agency's row {code} {name}",
             each="media.rows[level=agency]", total="amount",
             parts=("$.media.rows[level=work_plan].amount",), requires=("media",)),
    ]
    return rules


def _appendices() -> list[Rule]:
    """A book whose 附錄 repeats its tables per sub-unit (分預算): the sub-units' figures add
    up to the book's own, work plan by work plan and 用途別科目 by 用途別科目."""
    return [
        Rule("appendix.work_plan", "plans",
             "sub-units' work plans add up to {code} {name}",
             each="work_plans[*]", total="amount",
             parts=("$.appendices[*].work_plans[code={code}].amount",),
             applies_if=("appendices",), requires=("work_plans",), parts_optional=True),
        Rule("appendix.cost_summary", "cost_summary",
             "sub-units' 各項費用彙計表 add up to {code} {name}",
             each="cost_summary.rows[*]", total="total",
             parts=("$.appendices[*].cost_summary.rows[code={code}].total",),
             applies_if=("appendices",), requires=("cost_summary",), parts_optional=True),
    ]


RULES: list[Rule] = [
    *_plans(), *_ledgers(), *_cost_summary(), *_object_analysis(), *_capital(),
    *_personnel(), *_personnel_classes(), *_staffing(), *_holdings(), *_travel(),
    *_functional(), *_oversight(), *_revenue_notes(),
    *_appendices(),
]
