"""Locations and units as typed data: every figure's `Loc`, a JSON export read back unchanged,
the flat location columns, rule paths checked against the model, books of two units added in
one unit, and a database made before locations and units upgraded without losing its books."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import MetaData, create_engine, insert, text
from typer.testing import CliRunner

import budgetbook
from budgetbook.audit import RULES, audit
from budgetbook.audit.engine import AuditRoot
from budgetbook.audit.paths import evaluate
from budgetbook.audit.schema import check_rules, rule_problems
from budgetbook.cli import app
from budgetbook.compare import compare_books, timeline
from budgetbook.errors import AuditError
from budgetbook.export.bundle import from_book
from budgetbook.export.jsonout import to_json
from budgetbook.export.tabular import columns_of, tables
from budgetbook.model.base import Loc, TextBlock, bbox_text, parse_bbox
from budgetbook.store import queries
from budgetbook.store.db import alembic_config, engine_for
from budgetbook.store.load import load_bundle

runner = CliRunner()
BOOK = "2675-2022-enacted"
# 歲出機關別預算表 of the sample, 中小企業處 row (the book's 歲出 total, thousands of NTD)
SEED_TOTAL = 4_634_113


# --- Loc ----------------------------------------------------------------------------------------

def test_a_text_books_location_is_its_bare_line():
    loc = Loc(line=12)
    assert loc.model_dump() == {"line": 12}
    assert loc.flat() == {"source_line": 12, "source_page": None, "source_bbox": None}


def test_a_pdf_location_has_page_and_box_in_flat_columns():
    loc = Loc(line=7, page=74, box=(56.5, 101.25, 120.0, 110.126))
    assert loc.flat("content_") == {"content_line": 7, "content_page": 74,
                                    "content_bbox": "56.5,101.25,120,110.13"}
    assert parse_bbox(bbox_text(loc.box)) == (56.5, 101.25, 120.0, 110.13)
    assert Loc.model_validate(loc.model_dump()) == loc
    with pytest.raises(ValueError):
        parse_bbox("1,2,3")


def test_a_prose_figure_keeps_its_line_through_json():
    block = TextBlock(text="第一行第二行", line=10, end_line=11,
                      marks=[(3, Loc(line=11))])
    back = TextBlock.model_validate_json(block.model_dump_json())
    assert [back.loc_at(i).line for i in range(6)] == [10, 10, 10, 11, 11, 11]


def test_every_resource_has_the_three_location_columns():
    from budgetbook.export.rows import all_resources

    for res in all_resources():
        cols = [c for c in columns_of(res.row_model)]
        names = [c.name for c in cols]
        i = names.index("source_line")
        assert names[i:i + 3] == ["source_line", "source_page", "source_bbox"], res.name
        assert [c.provenance for c in cols[i:i + 3]] == [True, True, True]
        assert not any(c.provenance for c in cols if c.name in ("amount", "code", "name"))


def test_a_text_books_rows_leave_page_and_box_empty(seed_book):
    for t in tables(seed_book):
        for row in t.rows:
            assert isinstance(row["source_line"], int), t.resource.name
            assert row["source_page"] is None and row["source_bbox"] is None


# --- JSON export as input -----------------------------------------------------------------------

def test_json_export_reads_back_to_the_same_export(seed_book, tmp_path):
    first = tmp_path / "book.json"
    first.write_text(to_json(seed_book) + "\n", encoding="utf-8")
    again = budgetbook.read(first)
    assert to_json(again) == to_json(seed_book)
    out = tmp_path / "again.json"
    result = runner.invoke(app, ["export", str(first), "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def test_json_export_audits_like_the_text(seed_book, tmp_path):
    path = tmp_path / "book.json"
    path.write_text(to_json(seed_book), encoding="utf-8")
    result = runner.invoke(app, ["audit", str(path), "--format", "json"])
    assert result.exit_code == 1  # the book's own two 前年度決算數 slips
    report = json.loads(result.output)
    text_report = audit(seed_book)
    assert report["summary"] == text_report.summary()
    # a prose figure's line survives the round trip (it lived outside the model before)
    stated = [c for c in report["checks"] if c["rule"].startswith("expenditure_by_agency.stated")]
    assert stated and all(f["source_line"] for c in stated for f in c["figures"])
    want = {c.id: [f.source_line for f in c.figures] for c in text_report.checks}
    assert all([f["source_line"] for f in c["figures"]] == want[c["id"]] for c in stated)


def test_json_export_ingests(seed_book, tmp_path):
    path = tmp_path / "book.json"
    path.write_text(to_json(seed_book), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'j.sqlite'}"
    result = runner.invoke(app, ["ingest", str(path), "--db", db])
    assert result.exit_code == 0, result.output
    book = queries.get_book(engine_for(db), BOOK)
    assert (book["expenditure_total"], book["unit"]) == (SEED_TOTAL, "thousand TWD")


@pytest.mark.parametrize("content, expected", [
    ('{"source": "x.txt", "work_plans": 5', "invalid JSON"),
    ('{"source": "x.txt", "work_plans": 5}', "work_plans"),
    ('[1, 2]', "not a JSON export of a book"),
])
def test_a_bad_json_book_is_named(tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == 2
    assert str(path) in result.output and expected in result.output
    assert "Traceback" not in result.output


# --- rule paths against the model ---------------------------------------------------------------

def test_a_misspelt_rule_path_is_an_error_naming_the_rule():
    rule = next(r for r in RULES if r.id == "plans.object_line.children")
    assert rule_problems(rule) == []
    bad = replace(rule, total="amout")
    assert rule_problems(bad) == ["amout: 'amout' is not a field of ObjectLineRow"]
    with pytest.raises(AuditError, match="plans.object_line.children: amout"):
        check_rules([bad])
    wrong_anchor = replace(rule, parts=(rule.parts[0].replace("{sub_plan_no}", "{sub_plan}"),))
    assert any("{sub_plan} is not a field of the anchor" in p for p in rule_problems(wrong_anchor))
    assert rule_problems(replace(rule, each="t.object_line[level=1]"))


# Rules with nothing to check on the sample: wherever one applies, its checked figure or every
# figure that should explain it is blank ("-") or absent (a row without sub-rows). Each is
# checked below to have its table in the sample and to meet only such rows, so the list cannot
# hide a broken rule.
BLANK_IN_SAMPLE = {
    "expenditure_by_agency.children.prior_year_actual",
    "object_analysis.cost_summary.5000.work_plan", "object_analysis.cost_summary.5000.agency",
    "vehicles.total.count",
    *(f"offices.children.{f}" for f in (
        "owned_cost", "owned_maintenance", "free_maintenance", "rented_deposit", "rented_rent",
        "rented_maintenance", "total_deposit", "total_rent", "total_maintenance")),
    *(f"offices.total.{f}" for f in ("free_maintenance", "rented_deposit", "rented_rent",
                                     "rented_maintenance", "total_deposit", "total_rent")),
    *(f"subsidies.sum.{f}:subsidies.{a}" for f in ("land", "construction", "capital_other")
      for a in ("groups[*]", "groups[*].items[*]", "total")),
    *(f"donations.sum.{f}:donations.{a}" for f in ("land", "construction")
      for a in ("total", "categories[*]", "categories[*].objects[*]",
                "categories[*].objects[*].groups[*]")),
    *(f"functional.column.{f}" for f in (
        "interest", "land_rent", "current_transfer_abroad", "investment_public_enterprises",
        "investment_special_funds", "investment_private_enterprises",
        "capital_transfer_enterprises", "capital_transfer_government", "capital_transfer_abroad",
        "land_purchase", "intangible_assets", "dwellings", "non_residential_buildings",
        "construction", "transport_equipment", "land_improvement", "software")),
}


# Rules needing a table the sample lacks: a 附錄 repeating the tables per sub-unit.
NEEDS_WHAT_SAMPLE_LACKS = {"appendix.work_plan", "appendix.cost_summary"}
# Rows of 歲出一級用途別科目分析表 for a 工作計畫 under a 業務計畫 (code not ending 00): the
# sample's analysis prints 業務計畫 rows only.
ITEM_ROWS = {f"object_analysis.cost_summary.{c}.work_plan_item"
             for c in ("1000", "2000", "3000", "4000", "5000", "6000")}
# City books' detail lines and cases (歲出計畫說明提要與各項費用明細表): a central book has none;
# tests/test_pdf_city_plans.py checks them on the city books.
CITY_ONLY = {"plans.case.lines", "plans.object_line.details", "plans.case_line.details",
             "plans.work_plan_line.details", "plans.detail.product",
             # a city's 合計 rows (歲出一級用途別科目分析表, 資本支出分析表) and its 人事費彙計表
             # with a row per class of staff (tests/test_pdf_city_tables3.py)
             *(f"functional.object_analysis.{f}" for f in ("current_total", "capital_total",
                                                           "total")),
             "capital.total.row_total", "capital.total.object_analysis",
             "personnel_costs.class.total", "personnel_costs.category.lines",
             *(f"personnel_costs.{k}.{f}" for k in ("classes", "class.parent")
               for f in ("representatives", "political", "statutory", "contract", "workers",
                         "bonus", "other_pay", "overtime", "retirement_benefits",
                         "retirement_fund", "insurance", "total", "posts")),
             # a city's 公務車輛明細表: its own cost columns, and a subtotal per work plan
             *(f"vehicles.total.{f}" for f in ("license_tax", "fuel_use_fee", "insurance",
                                               "inspection")),
             # 人事費分析表: a city's 人事費彙計表 per work plan
             "personnel_costs.analysis.class.total", "personnel_costs.analysis.cost_summary",
             *(f"personnel_costs.analysis.{k}.{f}" for k in ("classes", "agency")
               for f in ("representatives", "political", "statutory", "contract", "workers",
                         "bonus", "other_pay", "overtime", "retirement_benefits",
                         "retirement_fund", "insurance", "total", "posts")),
             # 本年度預算數 as 合計, 經常門 and 資本門 (a city's 歲入預算表, 歲出預算表)
             "revenue.current_capital", "expenditure_by_agency.current_capital",
             "revenue.notes.ledger",
             *(f"vehicles.{k}.{f}" for k in ("subtotal", "subtotals")
               for f in ("license_tax", "fuel_use_fee", "fuel_cost", "maintenance",
                         "insurance", "inspection"))}
# Rules for prose the sample does not print: a figure of an item detailed further within it
# (`X千元，其中…`, `X千元：…`), a 媒體宣導經費 item adding up figures of its own line (the sample's
# adds up its sub-items); tests/test_audit_rules.py checks them on hand-built 說明.
PROSE_SAMPLE_LACKS = {"plans.sub_plan.stated_details", "media.stated_details",
                      "media.stated_item_parts"}


def test_every_rule_checks_something_on_the_sample_or_relates_only_blanks(seed_book):
    report = audit(seed_book)
    ran = {c.rule for c in report.checks if c.status != "skip"}
    assert {r.id for r in RULES} - ran == (BLANK_IN_SAMPLE | NEEDS_WHAT_SAMPLE_LACKS
                                           | PROSE_SAMPLE_LACKS | ITEM_ROWS | CITY_ONLY)
    assert not seed_book.appendices  # so they make no check at all
    assert all(not r.code or r.code.endswith("00") for r in seed_book.object_analysis.rows)
    assert not [c for c in report.checks if c.rule in NEEDS_WHAT_SAMPLE_LACKS]
    root = AuditRoot(seed_book)
    for rule in (r for r in RULES if r.id in BLANK_IN_SAMPLE):
        anchors = list(evaluate(root, root, "", rule.each))
        assert anchors, rule.id  # its table is there ...
        for path, anchor in anchors:  # ... and one side is blank on every row
            total = [v for _, v in evaluate(root, anchor, path, rule.total)]
            parts = [v for p in rule.parts for _, v in evaluate(root, anchor, path, p)]
            assert all(v is None for v in total) or all(v is None for v in parts), (rule.id,
                                                                                      path)


# --- units --------------------------------------------------------------------------------------

def test_the_reader_takes_the_unit_from_the_page_headers(seed_text, tmp_path):
    assert budgetbook.read(_write(tmp_path, seed_text)).unit == "thousand TWD"
    city = seed_text.replace("新臺幣千元", "新臺幣元")
    assert budgetbook.read(_write(tmp_path, city, "city.txt")).unit == "TWD"


def _write(tmp_path, text_: str, name: str = "book.txt"):
    path = tmp_path / name
    path.write_text(text_, encoding="utf-8")
    return path


def _city_copy(seed_book):
    """The sample under another agency code, as if printed in NTD: each figure as printed, so
    in NTD it is a thousandth of the original."""
    return seed_book.model_copy(update={"unit": "TWD", "agency_code": "9999",
                                        "agency_name": "某市某局"})


def test_books_of_two_units_are_added_in_ntd(engine, seed_book):
    load_bundle(engine, from_book(seed_book))
    alone = queries.aggregate(engine, [], "agency")
    assert (alone["summary"]["amount"], alone["unit"]) == (SEED_TOTAL, "thousand TWD")
    load_bundle(engine, from_book(_city_copy(seed_book)))  # another unit: seen at once
    city_id = "9999-2022-enacted"
    assert queries.get_book(engine, city_id)["unit"] == "TWD"
    one = queries.aggregate(engine, [BOOK], None)
    assert (one["summary"]["amount"], one["unit"]) == (SEED_TOTAL, "thousand TWD")
    both = queries.aggregate(engine, [], "agency")
    assert both["unit"] == "TWD"
    assert both["summary"]["amount"] == SEED_TOTAL * 1000 + SEED_TOTAL
    assert {c["agency_code"]: c["amount"] for c in both["cells"]} == {
        "2675": SEED_TOTAL * 1000, "9999": SEED_TOTAL}
    cmp = compare_books(engine, BOOK, city_id)
    assert cmp.unit == "TWD (元)"
    assert (cmp.totals["a"], cmp.totals["b"]) == (SEED_TOTAL * 1000, SEED_TOTAL)
    line = timeline(engine, years=[2022], phases=["enacted"])
    assert line.unit == "TWD (元)" and line.points[0].amount == SEED_TOTAL * 1001


def test_the_api_states_each_answers_unit(engine, seed_book):
    from fastapi.testclient import TestClient

    from budgetbook.api.app import create_app

    load_bundle(engine, from_book(seed_book))
    load_bundle(engine, from_book(_city_copy(seed_book)))
    client = TestClient(create_app(engine))
    assert client.get(f"/api/books/{BOOK}").json()["unit"] == "thousand TWD (千元)"
    assert client.get("/api/books/9999-2022-enacted/work-plans").json()["unit"] == "TWD (元)"
    agg = client.get("/api/aggregate", params={"drilldown": "agency"}).json()
    assert agg["unit"] == "TWD (元)" and agg["summary"]["amount"] == SEED_TOTAL * 1001
    page = client.get("/books/9999-2022-enacted").text
    assert "（單位：元）" in page and "（單位：千元）" not in page


# --- a database made before locations and units -------------------------------------------------

def test_upgrade_keeps_the_books_of_an_older_database(tmp_path, seed_bundle):
    from alembic import command

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    old = create_engine(url)
    cfg = alembic_config(url)
    with old.begin() as conn:  # the schema as main left it before this change
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
    reflected = MetaData()
    reflected.reflect(old)
    meta = {k: v for k, v in seed_bundle.meta.items() if k in reflected.tables["books"].c}
    with old.begin() as conn:
        conn.execute(insert(reflected.tables["books"]), [{**meta, "ingested_at": datetime(2026, 11, 28, tzinfo=UTC)}])
        rows = seed_bundle.tables["work-plans"][2]
        t = reflected.tables["r_work_plans"]
        conn.execute(insert(t), [{"book_id": BOOK, "row_no": i,
                                  **{k: v for k, v in r.items() if k in t.c}}
                                 for i, r in enumerate(rows)])
    old.dispose()
    engine = engine_for(url)  # migrates to head
    with engine.connect() as conn:
        assert conn.execute(text("select unit from books")).scalar_one() == "thousand TWD"
    got = queries.rows(engine, BOOK, "work-plans", limit=100).rows
    assert [(r["code"], r["amount"], r["source_line"], r["source_page"]) for r in got] == [
        (r["code"], r["amount"], r["source_line"], None) for r in rows]
    # the facts (0007) and their sums per book (0015) are made from the books already stored
    total = queries.aggregate(engine, [], None)["summary"]
    assert total == {"amount": sum(r["amount"] for r in rows), "count": len(rows)}
