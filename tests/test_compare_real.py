"""Comparisons, aggregate and search on the real data: all 33 open-data files and the seed book
(the `twbudget_engine` session fixture). Expected values are computed here from the CSV with the
plain csv module (amounts / 1000), or are the known facts of the FY111 (2022) SMEA books."""

from __future__ import annotations

import csv
import re
import warnings
from collections import defaultdict
from pathlib import Path

import pytest

from budgetbook import compare
from budgetbook.store import queries

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

CODE = re.compile(r"^[0-9A-Z]{10}$")
SMEA = "2675"
SEED = "2675-2022-enacted"
# thousands of NTD: the 2022 proposal (CSV) and the enacted book (the seed)
FY111 = {"5226752000": (2080509, 1978662), "5926751000": (2631658, 2500550),
         "5926750100": (150020, 150020), "5926759800": (4881, 4881)}


class Data:
    """The CSV files as plain dicts: (year, phase) → agency → code → thousands (節 summed),
    and the rows the reader leaves out (codes that are not 10-character 科目 codes)."""

    def __init__(self, folder: Path):
        self.plans: dict[tuple[int, str], dict[str, dict[str, int]]] = {}
        self.names: dict[tuple[int, str], dict[str, str]] = {}
        self.left_out: dict[tuple[int, str], int] = defaultdict(int)
        for path in sorted(folder.glob("*/*.csv")):
            with path.open(encoding="utf-8", newline="") as fh:
                records = list(csv.DictReader(fh))
            key = (int(records[0]["year"]), path.parent.name)
            plans: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
            names: dict[str, str] = {}
            for r in records:
                amount = int(r["amount"])
                assert amount % 1000 == 0
                if not CODE.match(r["code"]):
                    self.left_out[key] += amount // 1000
                    continue
                plans[r["code"][2:6]][r["code"]] += amount // 1000
                names.setdefault(r["code"][2:6], r["depname"])
            self.plans[key], self.names[key] = plans, names

    def total(self, key: tuple[int, str], agency: str | None = None,
              function: str | None = None) -> int | None:
        if key not in self.plans:
            return None
        agencies = [agency] if agency else list(self.plans[key])
        found = [a for a in agencies if a in self.plans[key]]
        if not found:
            return None
        return sum(v for a in found for c, v in self.plans[key][a].items()
                   if function is None or c[:2] == function)


@pytest.fixture(scope="module")
def data(twbudget_dir) -> Data:
    return Data(twbudget_dir)


@pytest.fixture(scope="module")
def engine(twbudget_engine):
    return twbudget_engine


# --- proposed against enacted: the legislature's cut ---------------------------------------------

def test_fy111_smea_proposal_against_the_enacted_book(engine, data):
    cmp = compare.compare_books(engine, "2675-2022-proposed", SEED)
    assert cmp.kind == "proposed_vs_enacted" and cmp.warnings == []
    rows = {r.code: r for r in cmp.rows}
    assert set(rows) == set(FY111) == set(data.plans[(2022, "proposed")][SMEA])
    for code, (proposed, enacted) in FY111.items():
        assert data.plans[(2022, "proposed")][SMEA][code] == proposed  # the CSV, independently
        r = rows[code]
        assert (r.a, r.b, r.change, r.status) == (proposed, enacted, enacted - proposed,
                                                  "matched")
    assert rows["5226752000"].change == -101847 and rows["5926751000"].change == -131108
    assert cmp.totals == {"a": data.total((2022, "proposed"), SMEA), "b": 4634113,
                          "change": 4634113 - data.total((2022, "proposed"), SMEA)}
    assert {f.function: (f.a, f.b) for f in cmp.by_function} == {
        "52": (2080509, 1978662), "59": (2631658 + 150020 + 4881, 2500550 + 150020 + 4881)}


def test_legislature_cuts_across_government_2019(engine, data):
    ch = compare.biggest_changes(engine, 2019, 2019, "proposed", phase_b="enacted", limit=20)
    expected = ranked_changes(data, (2019, "proposed"), (2019, "enacted"))
    assert ch.total == len(expected)
    assert [(r.agency_code, r.code, r.a, r.b, r.change) for r in ch.rows] == expected[:20]
    assert not any("flagged" in w for w in ch.warnings)  # 2019 files carry no flags


# --- year over year ----------------------------------------------------------------------------------

def test_smea_year_over_year_and_the_2024_rename(engine, data):
    cmp = compare.compare_books(engine, "2675-2021-proposed", "2675-2022-proposed")
    assert cmp.kind == "year_over_year" and cmp.warnings == []
    a, b = data.plans[(2021, "proposed")][SMEA], data.plans[(2022, "proposed")][SMEA]
    assert {r.code: (r.a, r.b, r.change) for r in cmp.rows} == {
        c: (a[c], b[c], b[c] - a[c]) for c in a}
    assert cmp.counts["matched"] == 4
    renamed = compare.compare_books(engine, "2675-2023-proposed", "2675-2024-proposed")
    rows = {r.code: r for r in renamed.rows}
    assert rows["5226752000"].status == "renamed"
    assert (rows["5226752000"].name_a, rows["5226752000"].name_b) == ("中小企業科技應用",
                                                                      "中小及新創企業科技應用")
    assert rows["5926751000"].name_b == "中小及新創企業發展"
    assert rows["5926750100"].status == "matched"
    assert (rows["5226752000"].a, rows["5226752000"].b) == (
        data.plans[(2023, "proposed")][SMEA]["5226752000"],
        data.plans[(2024, "proposed")][SMEA]["5226752000"])


def ranked_changes(data: Data, ka: tuple[int, str], kb: tuple[int, str]) -> list[tuple]:
    """Work plans of every agency in both files, a missing side counting as added or removed,
    largest absolute change first (then agency, code), as biggest_changes ranks them."""
    out = []
    for agency in sorted(set(data.plans[ka]) & set(data.plans[kb])):
        pa, pb = data.plans[ka][agency], data.plans[kb][agency]
        for code in sorted(set(pa) | set(pb)):
            a, b = pa.get(code), pb.get(code)
            out.append((agency, code, a, b, (b or 0) - (a or 0)))
    return sorted(out, key=lambda r: (-abs(r[4]), r[0], r[1]))


def test_biggest_changes_2021_to_2022(engine, data):
    ka, kb = (2021, "proposed"), (2022, "proposed")
    ch = compare.biggest_changes(engine, 2021, 2022, limit=30)
    expected = ranked_changes(data, ka, kb)
    assert ch.total == len(expected)
    assert [(r.agency_code, r.code, r.a, r.b, r.change) for r in ch.rows] == expected[:30]
    common = set(data.plans[ka]) & set(data.plans[kb])
    assert ch.totals["a"] == sum(data.total(ka, ag) for ag in common)
    assert ch.totals["b"] == sum(data.total(kb, ag) for ag in common)
    assert ch.agencies_only_in_a == sorted(set(data.plans[ka]) - set(data.plans[kb]))
    assert ch.agencies_only_in_b == sorted(set(data.plans[kb]) - set(data.plans[ka]))
    assert any("no 2021 proposed book" in w for w in ch.warnings)
    top = ch.rows[0]  # a fund's whole budget moved out in 2022
    assert (top.code, top.b, top.change) == ("5903418100", 0, -25582147)
    page2 = compare.biggest_changes(engine, 2021, 2022, limit=10, offset=10)
    assert [r.code for r in page2.rows] == [r[1] for r in expected[10:20]]


def test_biggest_changes_per_agency(engine, data):
    ka, kb = (2023, "proposed"), (2024, "proposed")
    ch = compare.biggest_changes(engine, 2023, 2024, level="agency", limit=10)
    common = sorted(set(data.plans[ka]) & set(data.plans[kb]))
    expected = sorted(((ag, data.total(ka, ag), data.total(kb, ag)) for ag in common),
                      key=lambda r: (-abs(r[2] - r[1]), r[0]))
    assert [(r.agency_code, r.a, r.b) for r in ch.rows] == expected[:10]
    smea = compare.biggest_changes(engine, 2023, 2024, level="agency", limit=1000)
    row = next(r for r in smea.rows if r.agency_code == SMEA)
    assert row.status == "renamed"  # 中小企業處 → 中小及新創企業署


# --- time lines ----------------------------------------------------------------------------------------

def test_smea_timeline_2006_to_2025(engine, data):
    tl = compare.timeline(engine, agency_code=SMEA)
    assert tl.years == list(range(2006, 2026))
    series = tl.series()
    for phase in ("proposed", "enacted"):
        expected = [data.total((y, phase), SMEA) for y in tl.years]
        if phase == "enacted":
            expected[2022 - 2006] = 4634113  # the seed book
        assert series[phase] == expected, phase
    assert series["proposed"][2018 - 2006] is None  # missing from the incomplete file, not 0
    assert [y for y, v in zip(tl.years, series["enacted"], strict=True) if v is None] == [
        2006, 2020, 2021, 2023, 2024, 2025]
    assert tl.names == [{"name": "中小企業處", "from": 2006, "to": 2023},
                        {"name": "中小及新創企業署", "from": 2024, "to": 2025}]
    points = {(p.year, p.phase): p for p in tl.points}
    assert points[(2024, "proposed")].name == "中小及新創企業署"
    assert points[(2022, "enacted")].books == [SEED]
    assert series["proposed"][2022 - 2006] == 4867068


def test_function_timeline(engine, data):
    tl = compare.timeline(engine, function="52", phases=["proposed"])  # 科學支出
    assert tl.function_name == "科學支出"
    expected = [data.total((y, "proposed"), function="52") for y in tl.years]
    assert tl.series()["proposed"] == expected
    smea = compare.timeline(engine, agency_code=SMEA, function="52", years=[2021, 2022, 2023])
    assert smea.series() == {
        "proposed": [data.total((y, "proposed"), SMEA, "52") for y in (2021, 2022, 2023)],
        "enacted": [None, 1978662, None]}


# --- the seed's 上年度 column against the 2021 data ----------------------------------------------

def test_seed_last_year_column_against_2021_proposal(engine, data, seed_book):
    stated = {r.code: r.last_year_amount for r in seed_book.expenditure_by_agency
              if r.kind == "work_plan"}
    assert stated == {"5226752000": 2178650, "5926750100": 149370, "5926751000": 2502903,
                      "5926759800": 4881}
    check = compare.own_last_year(engine, SEED)  # no 2021 enacted data: the 2021 proposal
    assert check.other["id"] == "2675-2021-proposed"
    assert any("2021 proposal" in w for w in check.warnings)
    rows = {(r.kind, r.code): r for r in check.rows}
    proposal = data.plans[(2021, "proposed")][SMEA]
    for code, value in stated.items():
        r = rows[("work_plan", code)]
        assert (r.stated, r.other, r.difference) == (value, proposal[code],
                                                     value - proposal[code])
        assert r.status == ("equal" if value == proposal[code] else "different")
    agency = next(r for r in check.rows if r.kind == "agency")
    assert (agency.stated, agency.other) == (4835804, data.total((2021, "proposed"), SMEA))
    assert check.counts == {"equal": 1, "different": 6, "missing_in_other": 0,
                            "missing_in_book": 0, "no_figure": 0}
    same = compare.own_last_year(engine, SEED, against="2675-2021-proposed")
    assert [r.difference for r in same.rows] == [r.difference for r in check.rows]


# --- the incomplete 2018 proposal: every comparison using it says so ------------------------------

def flagged_2018(warnings_: list[str]) -> bool:
    return any("2018-proposed is flagged: incomplete" in w or
               ("2018-proposed" in w and "incomplete" in w) for w in warnings_)


def test_comparisons_using_the_2018_proposal_warn(engine, data):
    agency = "0201"  # 總統府: in the 2018 file
    assert agency in data.plans[(2018, "proposed")]
    cmp = compare.compare_books(engine, "0201-2017-proposed", "0201-2018-proposed")
    assert flagged_2018(cmp.warnings)
    assert cmp.b["flags"] and "incomplete" in cmp.b["flags"][0]
    ch = compare.biggest_changes(engine, 2017, 2018)
    assert flagged_2018(ch.warnings)
    assert ch.agencies_only_in_a == sorted(set(data.plans[(2017, "proposed")])
                                           - set(data.plans[(2018, "proposed")]))
    tl = compare.timeline(engine, agency_code=agency, years=[2017, 2018, 2019],
                          phases=["proposed"])
    assert flagged_2018(tl.warnings)
    point = next(p for p in tl.points if p.year == 2018)
    assert point.amount == data.total((2018, "proposed"), agency) and point.flags
    whole = compare.timeline(engine, phases=["proposed"])
    p2018 = next(p for p in whole.points if p.year == 2018)
    assert p2018.partial and p2018.amount == data.total((2018, "proposed"))
    assert any("2018 proposed" in w and "partial" in w for w in whole.warnings)
    assert [p.year for p in whole.points if p.partial] == [2018]
    last = compare.own_last_year(engine, "0201-2019-proposed", against="0201-2018-proposed")
    assert flagged_2018(last.warnings)
    # comparisons without the 2018 proposal carry no incomplete warning
    clean = compare.compare_books(engine, "0201-2017-proposed", "0201-2019-proposed")
    assert not any("incomplete" in w for w in clean.warnings)


# --- aggregate and search over every book -------------------------------------------------------

def test_aggregate_government_total_per_year(engine, data):
    agg = queries.aggregate(engine, [], "year", {"phase": "proposed"})
    cells = {c["fiscal_year"]: c for c in agg["cells"]}
    assert set(cells) == set(range(2006, 2026))
    for year, cell in cells.items():
        assert cell["amount"] == data.total((year, "proposed")), year
        assert cell["label"] == f"{year - 1911}年度"
    assert agg["summary"]["amount"] == sum(data.total((y, "proposed")) for y in cells)
    # the rows with malformed codes (2007) are left out, as in the books
    assert data.left_out[(2007, "proposed")] == 2000000
    one = queries.aggregate(engine, [], None, {"year": "2022", "phase": "proposed"})
    assert one["summary"]["amount"] == data.total((2022, "proposed")) == 1890491699


def test_aggregate_by_agency_function_and_phase(engine, data):
    key = (2022, "proposed")
    agencies = queries.aggregate(engine, [], "agency", {"year": "2022", "phase": "proposed"})
    assert {c["agency_code"]: c["amount"] for c in agencies["cells"]} == {
        ag: data.total(key, ag) for ag in data.plans[key]}
    assert agencies["cells"][0]["amount"] == max(data.total(key, ag) for ag in data.plans[key])
    smea = next(c for c in agencies["cells"] if c["agency_code"] == SMEA)
    assert smea["label"] == "中小企業處" and smea["amount"] == 4867068
    functions = queries.aggregate(engine, [], "function", {"year": "2022", "phase": "proposed"})
    expected = defaultdict(int)
    for plans in data.plans[key].values():
        for code, v in plans.items():
            expected[code[:2]] += v
    assert {c["function"]: c["amount"] for c in functions["cells"]} == dict(expected)
    assert {c["function"]: c["label"] for c in functions["cells"]}["52"] == "科學支出"
    phases = queries.aggregate(engine, [], "phase", {"agency": SMEA, "year": "2022"})
    assert {c["phase"]: c["amount"] for c in phases["cells"]} == {
        "proposed": 4867068, "enacted": 4634113}
    cut = queries.aggregate(engine, [], "work_plan", {"agency": SMEA, "function": "52"})
    assert [c["work_plan_code"] for c in cut["cells"]] == ["5226752000"]
    assert cut["cells"][0]["amount"] == sum(
        data.plans[k][SMEA]["5226752000"] for k in data.plans if SMEA in data.plans[k]
    ) + 1978662


def test_work_plan_drilldown_sums_work_plans_for_every_book(engine, data, seed_book):
    both = queries.aggregate(engine, ["2675-2022-proposed", SEED], "work_plan")
    assert {c["work_plan_code"]: c["amount"] for c in both["cells"]} == {
        code: p + e for code, (p, e) in FY111.items()}
    # a text book's lines sum to its work plans (the printed figures)
    seed = queries.aggregate(engine, [SEED], "work_plan")
    assert {c["work_plan_code"]: c["amount"] for c in seed["cells"]} == {
        w.code: w.amount for w in seed_book.work_plans}
    assert seed["summary"] == {"amount": 4634113, "count": 83}  # 83 expenditure lines
    csv_only = queries.aggregate(engine, ["2675-2022-proposed"], "work_plan")
    assert csv_only["summary"] == {"amount": 4867068, "count": 4}
    # object classes exist only in text books: a cut on them leaves the open data out
    objects = queries.aggregate(engine, [], "work_plan", {"object_code": "2039"})
    assert {c["work_plan_code"]: c["amount"] for c in objects["cells"]} == {
        "5226752000": 1029171, "5926751000": 14753}


def test_aggregate_bad_cuts(engine):
    with pytest.raises(queries.BadParameter) as info:
        queries.aggregate(engine, [], "year", {"phase": "draft"})
    assert info.value.param == "phase"
    with pytest.raises(queries.BadParameter) as info:
        queries.aggregate(engine, [], "agency", {"year": "二〇二二"})
    assert info.value.param == "year"


def test_api_aggregate_and_search_over_the_open_data(engine, data):
    from budgetbook.api.app import create_app

    client = TestClient(create_app(engine))
    agg = client.get("/api/aggregate", params=[("drilldown", "agency"), ("cut", "year:2022"),
                                               ("cut", "phase:proposed"), ("limit", 3)]).json()
    assert agg["total"] == len(data.plans[(2022, "proposed")])
    assert agg["summary"]["amount"] == data.total((2022, "proposed"))
    top = max(data.plans[(2022, "proposed")], key=lambda ag: data.total((2022, "proposed"), ag))
    assert (agg["cells"][0]["agency_code"], agg["cells"][0]["label"]) == (top, "國防部所屬")
    csv_text = client.get("/api/aggregate", params={"drilldown": "year", "cut": "agency:2675",
                                                    "format": "csv"}).text
    assert csv_text.splitlines()[0].split(",") == ["fiscal_year", "label", "amount", "count",
                                                  "share"]
    bad = client.get("/api/aggregate", params={"drilldown": "ministry"})
    assert bad.status_code == 422 and bad.json()["parameter"] == "drilldown"
    bad = client.get("/api/aggregate", params={"cut": "phase:draft"})
    assert bad.status_code == 422 and bad.json()["parameter"] == "cut"
    hits = client.get("/api/search", params={"q": "國家慶典", "limit": 100}).json()
    books = {h["book_id"] for h in hits["items"]}
    assert "0201-2022-proposed" in books  # 總統府's work plan, from the open data
    assert all(h["book_id"].startswith("0201-") for h in hits["items"])
    # the CSV line is both a work plan and a ledger row: one hit, the ledger row with its note
    [plan] = [h for h in hits["items"] if h["book_id"] == "0201-2022-proposed"]
    assert plan["kind"] == "expenditure-by-agency"
    assert plan["title"] == "國家慶典" and plan["links"]["source"].startswith(
        "/books/0201-2022-proposed/source#L")


def test_search_finds_other_agencies_in_one_year(engine):
    page = queries.search(engine, "防疫業務", book_id="5705-2022-proposed")
    assert page.total >= 1 and page.rows[0]["title"] == "防疫業務"
    everywhere = queries.search(engine, "中小及新創企業")
    assert {h["book_id"] for h in everywhere.rows} >= {"2675-2024-proposed",
                                                       "2675-2025-proposed"}
