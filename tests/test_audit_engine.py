"""The audit engine on small hand-built models: paths, relations, skips, source lines."""

from fractions import Fraction

from pydantic import BaseModel

from budgetbook.audit.engine import Rule, run
from budgetbook.audit.paths import evaluate
from budgetbook.model.base import Record


class Line(Record):
    code: str
    amount: int | None
    level: int


class Plan(Record):
    code: str
    amount: int | None
    last: int | None = None
    change: int | None = None
    items: list[Line] = []


class Tiny(BaseModel):
    source: str = "tiny.txt"
    id: str | None = "x"
    plans: list[Plan] = []
    other: list[Plan] = []


def book(amount_a=30, line_a2=20):
    return Tiny(plans=[
        Plan(line=10, table="t", code="A", amount=amount_a, last=25, change=5, items=[
            Line(line=11, table="t", code="1000", amount=10, level=1),
            Line(line=12, table="t", code="2000", amount=line_a2, level=1),
            Line(line=13, table="t", code="2039", amount=7, level=2),
        ]),
        Plan(line=20, table="t", code="B", amount=None, items=[]),
    ], other=[Plan(line=30, table="u", code="A", amount=30, items=[])])


def test_paths_yield_concrete_indexes_and_filter():
    b = book()
    got = list(evaluate(b, b, "", "plans[*].items[level=1].amount"))
    assert got == [("plans[0].items[0].amount", 10), ("plans[0].items[1].amount", 20)]
    anchor = b.plans[0]
    got = list(evaluate(b, anchor, "plans[0]", "$.other[code={code}].amount"))
    assert got == [("other[0].amount", 30)]


SUM = Rule("plan.sum", "t", "lines add up to plan {code}", each="plans[*]", total="amount",
           parts=("items[level=1].amount",))


def test_sum_passes_and_fails_with_lines():
    report = run(book(), [SUM])
    assert [c.status for c in report.checks] == ["pass"]
    assert report.checks[0].description == "lines add up to plan A"
    report = run(book(line_a2=21), [SUM])
    (check,) = report.checks
    assert check.status == "fail" and check.expected == 31 and check.actual == 30
    assert [f.source_line for f in check.figures] == [10, 11, 12]


def test_cross_table_equality_and_change():
    eq = Rule("plan.eq", "t", "same", each="plans[*]", total="amount",
              parts=("$.other[code={code}].amount",), relation="equal")
    ch = Rule("plan.change", "t", "change", each="plans[*]", total="change",
              parts=("amount", "last"), relation="change")
    report = run(book(), [eq, ch])
    assert [c.status for c in report.checks] == ["pass", "pass"]
    report = run(book(amount_a=31, line_a2=21), [eq, ch])
    assert [c.status for c in report.checks] == ["fail", "fail"]


def test_within_limit():
    rule = Rule("limit", "t", "2039 within 1% of 2000", each="plans[code=A]",
                total="items[code=2039].amount", parts=("items[code=2000].amount",),
                relation="within", limit=Fraction(1, 100))
    assert run(book(line_a2=700), [rule]).checks[0].status == "pass"
    assert run(book(line_a2=699), [rule]).checks[0].status == "fail"


def test_missing_table_is_skipped_not_passed():
    rule = Rule("x", "t", "needs other", each="plans[*]", total="amount",
                parts=("items[*].amount",), requires=("missing_table",))
    (check,) = run(book(), [rule]).checks
    assert check.status == "skip" and "missing_table" in check.reason


def test_not_equal_and_printed_filters():
    b = book()
    assert [v for _, v in evaluate(b, b, "", "plans[code!=A].code")] == ["B"]
    assert [v for _, v in evaluate(b, b, "", "plans[amount!=].code")] == ["A"]
