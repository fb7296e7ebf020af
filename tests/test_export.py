"""Exports of the seed: the Fiscal Data Package validates with frictionless; JSON and XLSX."""

import csv
import json

import pytest
from frictionless import validate
from openpyxl import load_workbook

from budgetbook.export.fdp import write_fdp
from budgetbook.export.jsonout import write_json
from budgetbook.export.xlsx import write_xlsx
from budgetbook.model import Book

REQUIRED = {
    "expenditure-lines": ["fiscal_year", "agency_code", "work_plan_code", "work_plan_name",
                          "sub_plan_no", "sub_plan_name", "object_code", "object_name",
                          "amount", "source_line"],
    "work-plans": ["code", "name", "amount", "last_year_amount", "change", "source_line"],
    "sub-plans": ["work_plan_code", "sub_plan_no", "name", "amount", "units", "source_line"],
    "revenue": ["code", "name", "level", "amount", "last_year_amount", "prior_year_actual",
                "change", "source_line"],
}
NAMED = ["commissioned-projects", "subsidies", "donations", "personnel-costs", "staffing",
         "vehicles", "offices", "overseas-travel", "media-spending", "program-results",
         "divisions"]


@pytest.fixture(scope="module")
def fdp(tmp_path_factory, seed_book):
    out = tmp_path_factory.mktemp("fdp")
    write_fdp(seed_book, out)
    return out


def _rows(path):
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_package_validates_with_frictionless(fdp):
    report = validate(str(fdp / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])


def test_required_resources_and_columns(fdp):
    desc = json.loads((fdp / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in desc["resources"]}
    for name, columns in REQUIRED.items():
        fields = [f["name"] for f in resources[name]["schema"]["fields"]]
        assert set(columns) <= set(fields), name
    for name in NAMED:
        fields = [f["name"] for f in resources[name]["schema"]["fields"]]
        assert "source_line" in fields and "name" in fields, name
    fields = [f["name"] for f in resources["resolutions"]["schema"]["fields"]]
    assert {"number", "source_line"} <= set(fields)
    assert desc["budgetbook"]["id"] == "2675-2022-enacted"


def test_expenditure_lines_are_second_level_lines(fdp):
    rows = _rows(fdp / "expenditure-lines.csv")
    assert len(rows) == 83
    assert all(r["fiscal_year"] == "2022" and r["agency_code"] == "2675" for r in rows)
    assert all(len(r["object_code"]) == 4 and not r["object_code"].endswith("000") for r in rows)
    assert {r["sub_plan_no"] for r in rows} >= {"01", "02"}
    assert all(int(r["source_line"]) > 0 for r in rows)


def test_revenue_has_a_total_row(fdp):
    rows = _rows(fdp / "revenue.csv")
    assert len(rows) == 18
    total = [r for r in rows if r["code"] == "TOTAL"]
    assert len(total) == 1


def test_json_round_trips_to_the_same_book(tmp_path, seed_book):
    path = write_json(seed_book, tmp_path / "book.json")
    again = Book.model_validate_json(path.read_text(encoding="utf-8"))
    assert again == seed_book
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["id"] == "2675-2022-enacted" and data["fiscal_year"] == 2022


def test_xlsx_one_sheet_per_resource_header_frozen_numbers_as_numbers(tmp_path, seed_book):
    path = write_xlsx(seed_book, tmp_path / "book.xlsx")
    wb = load_workbook(path)
    assert "expenditure-lines" in wb.sheetnames and "work-plans" in wb.sheetnames
    ws = wb["expenditure-lines"]
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    amount_col = header.index("amount") + 1
    values = [ws.cell(row=r, column=amount_col).value for r in range(2, ws.max_row + 1)]
    assert len(values) == 83
    assert all(isinstance(v, int) for v in values if v is not None)
