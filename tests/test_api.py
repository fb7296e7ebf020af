"""The REST API through FastAPI's in-process client, on SQLite and on the real PostgreSQL, over
the seed book (2675-2022-enacted, 經濟部中小企業處 FY111 enacted)."""

from __future__ import annotations

import csv
import io
import warnings

import pytest

from budgetbook.store.schema import resource_tables

with warnings.catch_warnings():  # starlette's note about httpx versions is not ours to fix
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

BOOK = "2675-2022-enacted"
B = f"/api/books/{BOOK}"
# 委辦費 (object 2039) per work plan, and the whole 歲出 per work plan, from the book itself
COMMISSIONED = {"5226752000": 1029171, "5926751000": 14753}
BY_WORK_PLAN = {"5226752000": 1978662, "5926751000": 2500550, "5926750100": 150020,
                "5926759800": 4881}


@pytest.fixture
def client(seeded_engine):
    from budgetbook.api.app import create_app

    with TestClient(create_app(seeded_engine)) as c:
        yield c


def _csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def _all(client, url: str, limit: int) -> list[dict]:
    """Every item of a list endpoint, page by page through the `next` links."""
    sep = "&" if "?" in url else "?"
    items, page = [], client.get(f"{url}{sep}limit={limit}").json()
    items += page["items"]
    while page["next"]:
        page = client.get(page["next"]).json()
        items += page["items"]
    return items


# --- books ----------------------------------------------------------------------------------------

def test_books_list_and_detail(client):
    page = client.get("/api/books").json()
    assert (page["total"], page["limit"], page["offset"], page["next"]) == (1, 100, 0, None)
    book = page["items"][0]
    assert book["id"] == BOOK and book["agency_code"] == "2675"
    assert book["agency_name"] == "經濟部中小企業處" and book["parent_code"] == "2600"
    assert (book["roc_year"], book["fiscal_year"], book["phase"]) == (111, 2022, "enacted")
    assert (book["expenditure_total"], book["revenue_total"]) == (4634113, 927)
    assert book["audit_failed"] == 2 and book["audit_total"] >= 500
    assert book["links"]["explorer"] == f"/books/{BOOK}"

    detail = client.get(B).json()
    assert detail["expenditure_total"] == 4634113 and "千元" in detail["unit"]
    counts = {r["name"]: r["rows"] for r in detail["resources"]}
    assert set(counts) == set(resource_tables)
    assert (counts["work-plans"], counts["sub-plans"], counts["expenditure-lines"]) == (4, 10, 83)
    assert next(r for r in detail["resources"] if r["name"] == "sub-plans")["api"] == (
        f"{B}/sub-plans")


def test_books_csv(client):
    response = client.get("/api/books", params={"format": "csv"})
    rows = _csv(response)
    assert 'filename="books.csv"' in response.headers["content-disposition"]
    assert [(r["id"], r["expenditure_total"]) for r in rows] == [(BOOK, "4634113")]


# --- resources ----------------------------------------------------------------------------------

def test_every_resource_is_served(client):
    counts = {r["name"]: r["rows"] for r in client.get(B).json()["resources"]}
    for name in resource_tables:
        page = client.get(f"{B}/{name}", params={"limit": 1})
        assert page.status_code == 200, (name, page.text)
        assert page.json()["total"] == counts[name], name
        if counts[name]:
            row = client.get(f"{B}/{name}/{page.json()['items'][0]['row_no']}")
            assert row.status_code == 200, (name, row.text)


def test_work_plans_sub_plans_and_lines(client):
    plans = client.get(f"{B}/work-plans").json()
    assert plans["total"] == 4
    assert {p["code"]: p["amount"] for p in plans["items"]} == BY_WORK_PLAN
    assert client.get(f"{B}/sub-plans").json()["total"] == 10
    lines = client.get(f"{B}/expenditure-lines").json()
    assert lines["total"] == 83 and len(lines["items"]) == 83
    assert sum(r["amount"] for r in lines["items"]) == 4634113


def test_commissioned_spending_per_work_plan_with_source_lines(client):
    """The key question: what the agency spends on 委辦 (2039) in each work plan, and where the
    book prints it."""
    page = client.get(f"{B}/expenditure-lines", params={"object_code": "2039"}).json()
    assert page["filters"] == {"object_code": "2039"} and page["total"] == 6
    per_plan: dict[str, int] = {}
    for r in page["items"]:
        assert r["object_name"] == "委辦費" and r["source_line"] > 0
        per_plan[r["work_plan_code"]] = per_plan.get(r["work_plan_code"], 0) + r["amount"]
    assert per_plan == COMMISSIONED

    one = client.get(f"{B}/expenditure-lines",
                     params={"work_plan_code": "5226752000", "object_code": "2039"}).json()
    assert sum(r["amount"] for r in one["items"]) == 1029171 and one["total"] == 3
    first = one["items"][0]
    assert (first["sub_plan_no"], first["amount"], first["source_line"]) == ("01", 819986, 2580)
    src = client.get(f"{B}/source", params={"start": 2580, "end": 2580}).json()
    assert "819,986" in src["items"][0]["text"]


def test_one_row_links_to_explorer_and_source(client):
    first = client.get(f"{B}/expenditure-lines", params={"object_code": "2039", "limit": 1})
    row_no = first.json()["items"][0]["row_no"]
    row = client.get(f"{B}/expenditure-lines/{row_no}").json()
    assert row["amount"] == 819986 and row["book_id"] == BOOK
    assert row["links"] == {
        "api": f"{B}/expenditure-lines/{row_no}",
        "explorer": f"/books/{BOOK}/expenditure-lines#row-{row_no}",
        "source": f"/books/{BOOK}/source#L2580",
        "source_api": f"{B}/source?start=2580&end=2580",
    }


def test_resource_csv_parses_back(client):
    response = client.get(f"{B}/expenditure-lines", params={"format": "csv", "limit": 1000})
    rows = _csv(response)
    assert f'filename="{BOOK}-expenditure-lines.csv"' in response.headers["content-disposition"]
    assert response.headers["x-total-count"] == "83"
    assert len(rows) == 83 and list(rows[0])[:3] == ["row_no", "sub_unit", "fiscal_year"]
    json_rows = client.get(f"{B}/expenditure-lines", params={"limit": 1000}).json()["items"]
    assert [int(r["amount"]) for r in rows] == [r["amount"] for r in json_rows]
    assert rows[0]["work_plan_name"] == json_rows[0]["work_plan_name"]  # Chinese survives
    commissioned = _csv(client.get(f"{B}/expenditure-lines",
                                   params={"format": "csv", "object_code": "2039"}))
    assert sum(int(r["amount"]) for r in commissioned) == sum(COMMISSIONED.values())


def test_pagination_is_stable_and_complete(client):
    whole = client.get(f"{B}/expenditure-lines", params={"limit": 1000}).json()["items"]
    p1 = client.get(f"{B}/expenditure-lines", params={"limit": 50}).json()
    assert p1["next"] == f"{B}/expenditure-lines?limit=50&offset=50" and p1["prev"] is None
    p2 = client.get(p1["next"]).json()
    assert (p2["offset"], p2["next"], len(p2["items"])) == (50, None, 33)
    assert p2["prev"] == f"{B}/expenditure-lines?limit=50&offset=0"
    numbers = [r["row_no"] for r in p1["items"] + p2["items"]]
    assert numbers == [r["row_no"] for r in whole] and len(set(numbers)) == 83
    # the same through filters and on other list endpoints
    assert len(_all(client, f"{B}/expenditure-lines?object_code=2039", 4)) == 6
    checks = _all(client, f"{B}/audit", 100)
    assert len({c["row_no"] for c in checks}) == len(checks) >= 500
    assert len(_all(client, "/api/search?q=計畫", 7)) == client.get(
        "/api/search", params={"q": "計畫"}).json()["total"]
    resp = client.get(f"{B}/sub-plans", params={"limit": 3})
    assert resp.headers["x-total-count"] == "10" and 'rel="next"' in resp.headers["link"]


# --- audit and source -----------------------------------------------------------------------------

def test_audit_failures_first_and_status_filter(client):
    page = client.get(f"{B}/audit").json()
    assert page["summary"]["failed"] == 2 and page["total"] == page["summary"]["total"]
    assert [c["status"] for c in page["items"][:3]] == ["fail", "fail", "skip"]
    failed = page["items"][0]
    assert failed["expected"] != failed["actual"] and failed["figures"][0]["source_line"] > 0
    fails = client.get(f"{B}/audit", params={"status": "fail"}).json()
    assert fails["total"] == 2 and {c["status"] for c in fails["items"]} == {"fail"}
    rows = _csv(client.get(f"{B}/audit", params={"status": "fail", "format": "csv"}))
    assert [r["status"] for r in rows] == ["fail", "fail"] and rows[0]["figures"].startswith("[")


def test_source_lines(client):
    page = client.get(f"{B}/source", params={"start": 10, "end": 12}).json()
    assert [r["line_no"] for r in page["items"]] == [10, 11, 12] and page["total"] == 3
    assert "經濟部中小企業處" in page["items"][1]["text"]
    assert page["items"][0]["explorer"] == f"/books/{BOOK}/source#L10"
    first = client.get(f"{B}/source").json()
    assert first["total"] > 3000 and len(first["items"]) == 100 and first["next"]
    rows = _csv(client.get(f"{B}/source", params={"start": 11, "end": 11, "format": "csv"}))
    assert rows == [{"line_no": "11", "text": page["items"][1]["text"]}]


# --- aggregate ------------------------------------------------------------------------------------

def test_aggregate_by_work_plan(client):
    agg = client.get("/api/aggregate", params={"book": BOOK, "drilldown": "work_plan"}).json()
    assert agg["summary"] == {"amount": 4634113, "count": 83}
    assert {c["work_plan_code"]: c["amount"] for c in agg["cells"]} == BY_WORK_PLAN
    assert [c["amount"] for c in agg["cells"]] == sorted(BY_WORK_PLAN.values(), reverse=True)
    top = agg["cells"][0]
    assert top["label"] == "中小企業發展" and top["count"] == 25
    assert top["share"] == pytest.approx(2500550 / 4634113, abs=1e-6)
    assert agg["total"] == 4 and agg["books"] == [BOOK]


def test_aggregate_cuts_books_and_csv(client):
    params = [("book", BOOK), ("drilldown", "work_plan"), ("cut", "object_code:2039")]
    agg = client.get("/api/aggregate", params=params).json()
    assert {c["work_plan_code"]: c["amount"] for c in agg["cells"]} == COMMISSIONED
    assert agg["cuts"] == {"object_code": "2039"} and agg["summary"]["amount"] == 1043924
    two_cuts = client.get("/api/aggregate", params=[*params, ("cut", "sub_plan_no:01")]).json()
    assert {c["work_plan_code"]: c["amount"] for c in two_cuts["cells"]} == {
        "5226752000": 819986, "5926751000": 7708}
    everything = client.get("/api/aggregate").json()  # every book, no drilldown
    assert everything["summary"]["amount"] == 4634113 and everything["cells"] == []
    repeated = client.get("/api/aggregate", params=[("book", BOOK), ("book", BOOK)]).json()
    assert repeated["books"] == [BOOK]  # a book named twice is summed once
    sub = client.get("/api/aggregate", params={"drilldown": "sub_plan", "limit": 3}).json()
    assert sub["total"] == 10 and len(sub["cells"]) == 3 and sub["next"]
    assert {"work_plan_code", "sub_plan_no"} <= set(sub["cells"][0])
    objects = client.get("/api/aggregate", params={"drilldown": "object_code",
                                                   "cut": "object_code:2039"}).json()
    assert objects["cells"][0]["label"] == "委辦費" and objects["total"] == 1
    response = client.get("/api/aggregate", params=[*params, ("format", "csv")])
    rows = _csv(response)
    assert [(r["work_plan_code"], int(r["amount"])) for r in rows] == list(COMMISSIONED.items())
    assert list(rows[0]) == ["work_plan_code", "label", "amount", "count", "share"]
    assert "aggregate-" in response.headers["content-disposition"]


def test_aggregate_other_drilldowns(client):
    for drilldown in ("object_level1", "unit"):
        agg = client.get("/api/aggregate", params={"book": BOOK, "drilldown": drilldown}).json()
        assert agg["summary"]["amount"] == 4634113, drilldown
        assert sum(c["amount"] for c in agg["cells"]) == 4634113, drilldown


# --- search ---------------------------------------------------------------------------------------

def test_search_5g(client):
    page = client.get("/api/search", params={"q": "5G", "book": BOOK}).json()
    assert page["total"] >= 1 and page["q"] == "5G"
    for hit in page["items"]:
        assert "<mark>5G</mark>" in hit["title_html"] + hit["snippet"]
        assert hit["links"]["api"] == f"/api/books/{hit['book_id']}/{hit['kind']}/{hit['row_no']}"
        assert hit["links"]["explorer"] == (
            f"/books/{hit['book_id']}/{hit['kind']}#row-{hit['row_no']}")
        if hit["source_line"]:
            assert hit["links"]["source"] == f"/books/{BOOK}/source#L{hit['source_line']}"
    first = page["items"][0]
    assert "5G" in first["title"]  # title hits rank first
    item = client.get(first["links"]["api"])
    assert item.status_code == 200 and item.json()["source_line"] == first["source_line"]
    rows = _csv(client.get("/api/search", params={"q": "5G", "format": "csv"}))
    assert len(rows) == page["total"] and "<mark>" in rows[0]["title_html"]


def test_search_ranks_titles_and_finds_chinese(client):
    page = client.get("/api/search", params={"q": "委辦"}).json()
    assert page["total"] > 0
    titled = [h["title"] for h in page["items"] if "委辦" in h["title"]]
    assert titled and "委辦" in page["items"][0]["title"]
    two_chars = client.get("/api/search", params={"q": "育成"}).json()  # below trigram length
    assert two_chars["total"] > 0


# --- errors -------------------------------------------------------------------------------------

ERRORS = [
    # (url, params, status, parameter)
    (f"{B}/work-plans", {"offset": -1}, 422, "offset"),
    (f"{B}/work-plans", {"limit": 0}, 422, "limit"),
    (f"{B}/work-plans", {"limit": 5000}, 422, "limit"),
    (f"{B}/work-plans", {"limit": "ten"}, 422, "limit"),
    (f"{B}/work-plans", {"format": "xml"}, 422, "format"),
    (f"{B}/expenditure-lines", {"objct_code": "2039"}, 422, "objct_code"),
    (f"{B}/expenditure-lines", {"amount": "lots"}, 422, "amount"),
    (f"{B}/expenditure-lines", [("object_code", "2039"), ("object_code", "2036")], 422,
     "object_code"),
    (f"{B}/expenditure-lines/x", {}, 422, "row_no"),
    (f"{B}/expenditure-lines/-1", {}, 422, "row_no"),
    (f"{B}/expenditure-lines/99999", {}, 404, "row_no"),
    (f"{B}/no-such-table", {}, 404, "resource"),
    ("/api/books/1234-2099-enacted", {}, 404, "book_id"),
    ("/api/books/1234-2099-enacted/work-plans", {}, 404, "book_id"),
    ("/api/books/1234-2099-enacted/audit", {}, 404, "book_id"),
    ("/api/books/1234-2099-enacted/work-plans/0", {}, 404, "book_id"),
    (f"{B}/audit", {"status": "broken"}, 422, "status"),
    (f"{B}/source", {"start": 0}, 422, "start"),
    (f"{B}/source", {"start": 20, "end": 10}, 422, "end"),
    ("/api/aggregate", {"drilldown": "ministry"}, 422, "drilldown"),
    ("/api/aggregate", {"cut": "object_code"}, 422, "cut"),
    ("/api/aggregate", {"cut": "no_such_field:1"}, 422, "cut"),
    ("/api/aggregate", {"cut": "amount:many"}, 422, "cut"),
    ("/api/aggregate", [("cut", "object_code:2039"), ("cut", "object_code:2036")], 422, "cut"),
    ("/api/aggregate", {"book": "1234-2099-enacted"}, 404, "book"),
    ("/api/aggregate", {"limit": 0}, 422, "limit"),
    ("/api/search", {}, 422, "q"),
    ("/api/search", {"q": ""}, 422, "q"),
    ("/api/search", {"q": "x" * 201}, 422, "q"),
    ("/api/search", {"q": "5G", "book": "nope"}, 404, "book"),
    ("/api/search", {"q": "5G", "offset": -5}, 422, "offset"),
    ("/api/books", {"format": "pdf"}, 422, "format"),
    ("/api/books", {"page": 2}, 422, "page"),
]


def test_errors_are_json_naming_the_parameter(client):
    for url, params, status, parameter in ERRORS:
        response = client.get(url, params=params)
        assert response.status_code == status, (url, params, response.text)
        body = response.json()
        assert body["parameter"] == parameter, (url, params, body)
        assert body["error"] == ("not_found" if status == 404 else "bad_parameter")
        assert body["message"]


def test_validation_errors_list_every_parameter(client):
    body = client.get(f"{B}/work-plans", params={"limit": 0, "offset": -1}).json()
    assert {e["parameter"] for e in body["errors"]} == {"limit", "offset"}
    assert all(e["in"] == "query" for e in body["errors"])


# --- OpenAPI --------------------------------------------------------------------------------------

def test_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/books", "/api/books/{book_id}", "/api/books/{book_id}/audit",
                 "/api/books/{book_id}/source", "/api/aggregate", "/api/search",
                 "/api/resources"):
        assert path in paths, path
    for name in resource_tables:
        assert f"/api/books/{{book_id}}/{name}" in paths, name
        assert f"/api/books/{{book_id}}/{name}/{{row_no}}" in paths, name
    for path, ops in paths.items():
        if not path.startswith("/api"):
            continue
        op = ops["get"]
        assert op.get("summary"), path
        assert all(p.get("description") for p in op.get("parameters", [])), path
        if path.endswith(".png"):  # a page image: PNG bytes, no JSON schema
            assert "image/png" in op["responses"]["200"]["content"], path
            continue
        assert "$ref" in str(op["responses"]["200"]), path
    lines = paths["/api/books/{book_id}/expenditure-lines"]["get"]
    names = {p["name"] for p in lines["parameters"]}
    assert {"object_code", "work_plan_code", "limit", "offset", "format"} <= names
    assert "text/csv" in lines["responses"]["200"]["content"]
    assert "thousands of NTD" in str(spec["components"]["schemas"]["ExpenditureLinesRow"])
    assert client.get("/docs").status_code == 200


def test_resources_schema(client):
    schema = {r["name"]: r for r in client.get("/api/resources").json()}
    assert set(schema) == set(resource_tables)
    cols = {c["name"]: c for c in schema["expenditure-lines"]["columns"]}
    assert cols["amount"]["type"] == "integer" and cols["object_code"]["type"] == "string"


def test_api_doc_names_every_endpoint(client):
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "api.md").read_text(encoding="utf-8")
    for path in client.get("/openapi.json").json()["paths"]:
        # resources are documented once, as {resource}
        parts = ["{resource}" if p in resource_tables else p for p in path.split("/")]
        generic = "/".join(parts).replace("{book_id}", "{id}")
        assert f"`GET {generic}`" in doc, path
    for name in resource_tables:
        assert f"`{name}`" in doc, name
