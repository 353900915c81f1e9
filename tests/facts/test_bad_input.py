"""Pathological numbers never crash and finish in linear time (patterns are bounded or possessive;
no timing asserts here: the cases are sized so that quadratic work would stall the suite)."""

from __future__ import annotations

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
