"""The audit on the seed and on mutated copies of it: one changed figure must make the audit
fail and point at the changed line; a figure changed together with everything that depends on it
must leave the audit as it was."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import budgetbook
from budgetbook.audit import RULES, audit
from budgetbook.cli import app

# The two 前年度決算數 sums this book prints inconsistently (rounding in the printed book:
# 財產孳息 740 against 628 + 111, 合計 8,534 against 款 adding to 8,535).
KNOWN_BOOK_FAILURES = {
    ("revenue.children.prior_year_actual", 740, 739),
    ("revenue.total.prior_year_actual", 8534, 8535),
}


@pytest.fixture(scope="module")
def report(seed_book):
    return audit(seed_book)


def _failures(report):
    return {(c.rule, c.actual, c.expected) for c in report.checks if c.status == "fail"}


def test_hundreds_of_checks_and_only_the_books_own_inconsistencies_fail(report):
    s = report.summary()
    assert s["total"] >= 500
    assert _failures(report) == KNOWN_BOOK_FAILURES
    lines = {f.source_line for c in report.failed for f in c.figures}
    assert 1640 in lines  # the 合計 row of 歲入來源別預算表


def test_every_rule_family_is_instantiated(report):
    rules = {c.rule for c in report.checks}
    for prefix in ("plans.", "revenue.", "expenditure_by_agency.", "cost_summary.",
                   "object_analysis.", "capital.", "personnel_costs.", "staffing.", "vehicles.",
                   "offices.", "subsidies.", "donations.", "travel_summary.",
                   "travel_categories.", "functional.", "commissioned.", "media."):
        assert any(r.startswith(prefix) for r in rules), prefix
    # the cross-table identities the issue names each produce passing checks
    passed = {c.rule for c in report.checks if c.status == "pass"}
    for rule in ("cost_summary.cell.lines", "plans.work_plan.ledger", "commissioned.lines",
                 "subsidies.lines", "donations.lines", "travel_summary.lines",
                 "personnel_costs.total", "media.work_plan", "object_analysis.reserve_limit",
                 "expenditure_by_agency.stated_total", "expenditure_by_agency.stated_objects",
                 "plans.sub_plan.stated", "staffing.stated", "staffing.overview.count"):
        assert rule in passed, rule


def test_rule_ids_are_unique():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))


def _mutate(text: str, line_content: str, old: str, new: str) -> tuple[str, int]:
    """Replace `old` by `new` on the first line whose stripped text is `line_content`."""
    lines = text.split("\n")
    for i, ln in enumerate(lines):
        if ln.strip() == line_content.strip():
            assert old in ln
            lines[i] = ln.replace(old, new, 1)
            return "\n".join(lines), i + 1
    raise AssertionError(f"line not found: {line_content}")


MUTATIONS = [
    # a second-level 用途別 line of a sub-plan (歲出計畫提要及分支計畫概況表)
    ("2039 51,205     委辦費", "51,205", "51,206"),
    # the 合計 column of a row of 各項費用彙計表
    ("1,183 - --2078 1,183國外旅費", "1,183國外旅費", "1,184國外旅費"),
    # a revenue row (歲入來源別預算表): 本年度 changed, 比較 left as printed
    ("2 150 150 111 0 本年度預算數係場地租金收入。", "2 150 150", "2 151 150"),
]


@pytest.mark.parametrize(("line", "old", "new"), MUTATIONS)
def test_one_changed_figure_fails_and_points_at_its_line(tmp_path, seed_text, line, old, new):
    text, no = _mutate(seed_text, line, old, new)
    path = tmp_path / "mutated.txt"
    path.write_text(text, encoding="utf-8")
    rep = audit(budgetbook.read(path))
    assert rep.failed, "the audit passed a book with a changed figure"
    pointed = {f.source_line for c in rep.failed for f in c.figures}
    assert no in pointed, (no, sorted(pointed))


def test_a_consistent_change_leaves_the_audit_as_it_was(tmp_path, seed_text, report):
    # 租金收入 +1 and every figure that depends on it: its 目, 項, 款, the 合計, each 比較
    text = seed_text
    for line, old, new in [
        ("2 150 150 111 0 本年度預算數係場地租金收入。", "2 150 150 111 0", "2 151 150 111 1"),
        ("1 619 676 740 -57", "619 676 740 -57", "620 676 740 -56"),
        ("152 620 677 740 -57", "620 677 740 -57", "621 677 740 -56"),
        ("4 620 677 740 -57", "620 677 740 -57", "621 677 740 -56"),
        ("927 984 8,534 -57合          計", "927 984 8,534 -57", "928 984 8,534 -56"),
        ("財產孳息 150 承辦單位", "150", "151"),  # 歲入項目說明提要表, page head
        ("租金收入 150", "150", "151"),  # 歲入項目說明提要表, the item
    ]:
        text, _ = _mutate(text, line, old, new)
    path = tmp_path / "consistent.txt"
    path.write_text(text, encoding="utf-8")
    book = budgetbook.read(path)
    rent = next(r for r in book.revenue if r.code == "0726750103")
    assert rent.amount == 151 and rent.change == 1
    assert _failures(audit(book)) == KNOWN_BOOK_FAILURES


runner = CliRunner()


def test_cli_exit_codes_and_json_report(seed_path, tmp_path):
    result = runner.invoke(app, ["audit", str(seed_path), "--format", "json"])
    assert result.exit_code == 1  # the book's own 前年度決算數 inconsistency
    data = json.loads(result.output)
    assert set(data) >= {"source", "checks", "summary"}
    assert data["summary"]["failed"] == 2
    check = data["checks"][0]
    assert set(check) >= {"id", "rule", "description", "status", "expected", "actual", "figures"}
    assert set(check["figures"][0]) == {"path", "value", "source_line", "source_page", "source_bbox"}
    result = runner.invoke(app, ["audit", str(seed_path)])
    assert result.exit_code == 1 and "前年度決算" in result.output
    empty = tmp_path / "e.txt"
    empty.write_text("")
    assert runner.invoke(app, ["audit", str(empty)]).exit_code == 2
