"""Pathological numbers never crash and finish in linear time (patterns are bounded or possessive;
no timing asserts here: the cases are sized so that quadratic work would stall the suite)."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from editions.facts import extract_from_sentence, measure_similarity

ALPHABET = "0123456789,.$%-–/½ \\aeiouAMJFDSlrgstnpx()€£"
WORDS = st.sampled_from(
    ["one", "two", "thousand", "million", "and", "a", "half", "third", "fifth", "largest", "second", "July",
     "May", "2022", "FY2023", "percent", "per cent", "dollars", "cents", "over", "about", "between", "to",
     "from", "President", "Prime Minister", "Abe", "-", ",", "$", "%", "1,000", "\\$", "twenty-one"]
)  # fmt: skip


def _check(text: str) -> None:
    for f in extract_from_sentence(text):
        assert 0 <= f.span.start < f.span.end <= len(text)
        json.dumps(f.value, allow_nan=False)
        assert isinstance(f.measure, str)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=400))
def test_random_characters(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=80).map(" ".join))
def test_random_number_words(text: str) -> None:
    _check(text)


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_measure_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    assert measure_similarity(a, b) == measure_similarity(b, a)
    assert 0.0 <= measure_similarity(a, b) <= 1.0


def test_long_comma_list() -> None:
    text = ",".join(str(i % 10) for i in range(50_000))  # 100,000 characters
    assert len(extract_from_sentence(text)) == 50_000


def test_dollar_signs() -> None:
    assert extract_from_sentence("$$$$") == ()
    assert extract_from_sentence("$" * 100_000) == ()


def test_ten_thousand_digits() -> None:
    assert extract_from_sentence("7" * 10_000) == ()  # longer than any figure: not a number
    assert extract_from_sentence("$" + "9" * 10_000 + " billion") == ()


def test_huge_percentage() -> None:
    (fact,) = extract_from_sentence("99999999999999999999%")
    assert (fact.kind, fact.value) == ("percent", 99999999999999999999)


def test_broken_digit_grouping_is_read_once() -> None:
    # Comma, space and Indian grouping that breaks at the end: each run is scanned once, not again from
    # every later digit (this stalled for minutes when the grouping was checked only at the end).
    for text in ("1" + ",123" * 40_000 + "4", "1" + " 123" * 40_000 + "4", "12" + ",34" * 40_000 + ",5678"):
        _check(text)


def test_long_runs_of_words_and_symbols() -> None:
    for text in (" ".join(["one"] * 20_000), "½" * 50_000, "1-" * 50_000, "May " * 25_000, "1 000 " * 15_000):
        _check(text)


def test_the_issue_comma_list_counting_up() -> None:
    # "1,2,3,4,…" for 100,000 characters, counting up as the issue writes it: the single digits are read
    # one by one; the run "99,100,101,…,999" is a digit grouping longer than any figure, so none of it is.
    text = ",".join(str(i) for i in range(1, 20_000))[:100_000]
    facts = extract_from_sentence(text)
    values = [f.value for f in facts]
    assert values[:9] == list(range(1, 10))
    assert all(f.kind == "count" and "," not in text[f.span.start : f.span.end] for f in facts)
    assert all(0 <= f.span.start < f.span.end <= len(text) for f in facts)
    assert 500 not in values


PATHOLOGICAL_UNITS = st.sampled_from(
    ["1,", "12,", "1,000,", "1 000 ", "1-", "1/", "1%", "$", "$1 ", "\\$", "½", "1½", "one ", "one-", "and ",
     "a third ", "July ", "2022 ", "from 1 to ", "between 1 and ", "the largest ", "second ", "about ",
     "1.5 ", "1 k ", "USD1 ", "FY", "($1 billion) ", "President ", "-1 ", "the 1990s ", "last year ", "(1) ", "; (2) ",
     "P.L. 1-", "§ 1", "1 U.S.C. ", "Id. at 1"]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(PATHOLOGICAL_UNITS, min_size=1, max_size=3), st.integers(min_value=1, max_value=20_000))
def test_repeated_pathological_runs(units: list[str], length: int) -> None:
    # A run of up to 20,000 characters made of one to three repeated figure-like pieces: no crash, every
    # fact inside the text. Patterns that backtrack over such runs would stall here (no timing assert).
    unit = "".join(units)
    text = (unit * (length // len(unit) + 1))[:length]
    for f in extract_from_sentence(text, anchor=dt.date(2022, 7, 21)):
        assert 0 <= f.span.start < f.span.end <= len(text)
        json.dumps(f.value, allow_nan=False)


def test_huge_values_stay_finite_json() -> None:
    # Scale words multiply: the value must stay a finite JSON number, never inf or a crash.
    for text in ("$" + "9" * 30 + " trillion trillion", "one " + "million " * 5_000, "9" * 300 + " billion"):
        for f in extract_from_sentence(text):
            json.dumps(f.value, allow_nan=False)
