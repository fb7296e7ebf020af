from hypothesis import given
from hypothesis import strategies as st

from budgetbook.numbers import (
    format_amount,
    greedy_split,
    parse_amount,
    runs,
    segmentations,
    split_run,
)


def test_parse_amount_grammar():
    assert parse_amount("1,234,567") == 1234567
    assert parse_amount("-57") == -57
    assert parse_amount("0") == 0
    assert parse_amount("-") is None
    for bad in ("1,23", "12,3456", "01", "1,,234", "abc", ""):
        try:
            parse_amount(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} accepted")


def test_documented_glued_runs():
    assert greedy_split("4,634,1134,8811,978,6622,500,550150,020") == (
        "4,634,113", "4,881", "1,978,662", "2,500,550", "150,020")
    assert greedy_split("1,083,7612000") == ("1,083,761", "2000")
    assert split_run("1,0841,375", 2) == [("1,084", "1,375")]


def test_short_runs_are_ambiguous_and_enumerated():
    found = split_run("5520", 2)
    assert ("5", "520") in found and ("55", "20") in found and ("552", "0") in found
    assert ("-", "72", "2036") in split_run("-722036", 3)


def test_runs_of_a_line():
    assert runs("927 984 8,534 -57合 計") == ["927", "984", "8,534", "-57"]
    assert runs("- - -78,6351015 78,635法定編制人員待遇") == ["-", "-", "-78,6351015", "78,635"]


amount = st.integers(min_value=-(10**10), max_value=10**10)


@given(st.lists(amount, min_size=1, max_size=5))
def test_every_glued_sequence_is_among_its_segmentations(values):
    run = "".join(f"{v:,}" for v in values)
    tokens = tuple(f"{v:,}" for v in values)
    assert tokens in segmentations(run)


@given(st.lists(st.integers(min_value=1000, max_value=10**10)
                | st.integers(min_value=-(10**10), max_value=-1000), min_size=1, max_size=6))
def test_greedy_split_recovers_numbers_that_all_carry_separators(values):
    run = "".join(f"{v:,}" for v in values)
    assert [parse_amount(t) for t in greedy_split(run)] == values


@given(st.lists(amount | st.none(), min_size=1, max_size=4))
def test_segmentations_only_yield_grammatical_tokens(values):
    run = "".join(format_amount(v) for v in values)
    for seg in segmentations(run, bare_max=4):
        assert "".join(seg) == run
        for tok in seg:
            parse_amount(tok)  # raises if not grammatical


@given(amount)
def test_format_and_parse_round_trip(v):
    assert parse_amount(format_amount(v)) == v
