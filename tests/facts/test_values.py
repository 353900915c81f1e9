"""Values as DESIGN.md's JSON contract states them, kind by kind, on sentences written here."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from editions.facts import extract, extract_from_sentence, measure_similarity
from editions.facts.measure import normalize
from editions.model import Sentence, Span


def facts(text: str, anchor: dt.date | None = None) -> list[tuple[str, object, str | None, bool]]:
    return [(f.kind, f.value, f.unit, f.approximate) for f in extract_from_sentence(text, anchor=anchor)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan pays $2 billion a year.", ("money", 2_000_000_000, "USD", False)),
        (r"a \$21 billion budget", ("money", 21_000_000_000, "USD", False)),
        ("exports ($112.2 billion) rose", ("money", 112_200_000_000, "USD", False)),
        ("roughly $2 billion per year", ("money", 2_000_000_000, "USD", True)),
        ("450,000 yen was paid", ("money", 450_000, "JPY", False)),
        ("a €2 million loan", ("money", 2_000_000, "EUR", False)),
        ("it cost 3 dollars 50 cents.", ("money", 3.5, "USD", False)),
        ("around 54,000 troops", ("count", 54000, "troop", True)),
        ("more than 70 categories", ("count", 70, "category", True)),
        ("three leader-level meetings", ("count", 3, "meeting", False)),
        ("57% of the seats", ("percent", 57, "percent", False)),
        ("2.5 percentage points", ("percent", 2.5, "percentage point", False)),
        ("two-thirds of legislators", ("fraction", 0.6667, None, False)),
        ("over half of personnel", ("fraction", 0.5, None, True)),
        ("the fourth-largest partner", ("rank", 4, None, False)),
        ("the second largest source", ("rank", 2, None, False)),
        ("is the largest source", ("rank", 1, None, False)),
        ("the top 10 partners", ("rank", 10, None, False)),
        ("On July 8, 2022, it happened.", ("date", "2022-07-08", None, False)),
        ("in September 2022 the vote", ("date", "2022-09", None, False)),
        ("by the end of 2022 it", ("date", "2022", None, False)),
        ("an ally since 1951", ("year", "1951", None, False)),
        ("funds for FY2023 are", ("year", "2023", "fiscal year", False)),
        ("a four-year deal", ("duration", 4, "year", False)),
        ("a 24-year low", ("duration", 24, "year", False)),
        ("from 1910 to 1945", ("range", "1910/1945", "year", False)),
        ("between 10 and 15 percent", ("range", "10/15", "percent", False)),
        ("President Biden said", ("office_holder", "Biden", "President", False)),
        ("former Prime Minister Shinzo Abe", ("office_holder", "Shinzo Abe", "former Prime Minister", False)),
        ("Governor Denny Tamaki won", ("office_holder", "Denny Tamaki", "Governor", False)),
        # digit grouping, scale letters, currency signs after the number
        ("a loan of 12,34,567.89 rupees", ("money", 1234567.89, "INR", False)),
        ("it had 1,00,00,000 users", ("count", 10_000_000, "user", False)),
        ("about 2.33 k units", ("count", 2330, "unit", True)),
        ("$1.5 M in grants", ("money", 1_500_000, "USD", False)),
        ("it cost 100元 then", ("money", 100, "CNY", False)),
        ("3 gift cards of USD50 each", ("money", 50, "USD", False)),
        # spoken fractions: what the plural ordinal divides
        ("three twenty firsts of it", ("fraction", 0.1429, None, False)),
        ("one hundred and thirty fifths", ("fraction", 26, None, False)),
        ("one hundred and thirty-two fifths", ("fraction", 26.4, None, False)),
        ("two hundred and fifty-four hundredths", ("count", 200.54, None, False)),
        ("twenty one fifths", ("fraction", 4.2, None, False)),
    ],
)
def test_value(text: str, expected: tuple[str, object, str | None, bool]) -> None:
    assert expected in facts(text)


def test_years_do_not_become_percentages() -> None:
    assert facts("57%") == [("percent", 57, "percent", False)]


def test_identifiers_are_not_figures() -> None:
    assert facts("Article 9 and Figure 1 and COVID-19 and F-35") == []


def test_relative_dates_need_an_anchor() -> None:
    assert facts("The documents are due this year.") == []
    assert facts("The documents are due this year.", dt.date(2022, 7, 21)) == [("date", "2022", None, False)]


def test_extract_uses_sentence_offsets() -> None:
    text = "Intro. Troops number 54,000 here."
    sentences = (Sentence(0, Span(0, 6), 0), Sentence(1, Span(7, len(text)), 0))
    (fact,) = extract(text, sentences)
    assert text[fact.span.start : fact.span.end] == "54,000"
    assert fact.sentence == 1


def test_values_are_json() -> None:
    for f in extract_from_sentence("$1.5 trillion, 2½ years, ⅔ of 1,000,000 people, 99999999999999999999%"):
        json.dumps(f.value)


def test_measure_is_normalized() -> None:
    assert normalize("the largest Foreign Holders of U.S. Treasuries") == "largest foreign holder usa treasury"
    assert normalize("investment in the United States") == normalize("investment into the U.S.")


def test_measure_similarity_bounds() -> None:
    assert measure_similarity("troop base", "troop base") == 1.0
    assert measure_similarity("", "troop") == 0.0
    assert measure_similarity("a b c", "d e f") == 0.0
    assert measure_similarity("former prime minister", "prime minister") < measure_similarity(
        "prime minister japan", "prime minister"
    )


def test_a_capital_letter_after_an_integer_is_not_a_scale() -> None:
    assert ("count", 2, None, False) in facts("Plan 2 B was chosen")
    assert facts("a 5 G network") == [("count", 5, None, False)]


def test_a_code_before_digits_is_their_currency() -> None:
    assert facts("USD50") == [("money", 50, "USD", False)]
    assert facts("it cost 5 USD.") == [("money", 5, "USD", False)]
