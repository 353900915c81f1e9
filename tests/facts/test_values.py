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


# Every example issue 4 lists, in a sentence, with the exact words the fact covers (the span includes an
# approximation word) and its contract value: kind, value, unit, approximate.
ISSUE_EXAMPLES: list[tuple[str, str, tuple[str, object, str | None, bool]]] = [
    ("Around 54,000 U.S. troops are based in Japan.", "Around 54,000", ("count", 54000, "troop", True)),
    ("The list has more than 70 categories.", "more than 70", ("count", 70, "category", True)),
    ("They held three leader-level meetings.", "three", ("count", 3, "meeting", False)),
    ("Exports were $112.2 billion.", "$112.2 billion", ("money", 112_200_000_000, "USD", False)),
    ("Japan pledged $300 million.", "$300 million", ("money", 300_000_000, "USD", False)),
    ("Japan pays roughly $2 billion per year.", "roughly $2 billion", ("money", 2_000_000_000, "USD", True)),
    (r"It announced a \$21 billion package.", r"\$21 billion", ("money", 21_000_000_000, "USD", False)),
    ("57% of voters agreed.", "57%", ("percent", 57, "percent", False)),
    ("Japan will spend 2% of its GDP on defense.", "2%", ("percent", 2, "percent", False)),
    ("It seeks a 46% reduction in emissions.", "46%", ("percent", 46, "percent", False)),
    ("Over half of the troops are Marines.", "Over half", ("fraction", 0.5, None, True)),
    ("It needs two-thirds of the seats.", "two-thirds", ("fraction", 0.6667, None, False)),
    ("Japan is the fourth-largest trading partner.", "fourth-largest", ("rank", 4, None, False)),
    ("Japan is the second largest source.", "second largest", ("rank", 2, None, False)),
    ("Japan is the largest source.", "the largest", ("rank", 1, None, False)),
    ("Top U.S. trading partners", "Top", ("rank", 1, None, False)),
    ("On July 8, 2022, Abe was shot.", "July 8, 2022", ("date", "2022-07-08", None, False)),
    ("The vote is in September 2022.", "September 2022", ("date", "2022-09", None, False)),
    ("It is due by the end of 2022.", "the end of 2022", ("date", "2022", None, False)),
    ("The talks began in December 2021.", "December 2021", ("date", "2021-12", None, False)),
    ("They have been allies since 1951.", "1951", ("year", "1951", None, False)),
    ("The alliance formed in 1952.", "1952", ("year", "1952", None, False)),
    ("Japan ruled Korea from 1910 to 1945.", "from 1910 to 1945", ("range", "1910/1945", "year", False)),
    ("They signed a four-year deal.", "four-year", ("duration", 4, "year", False)),
    ("The yen hit a 24-year low.", "24-year", ("duration", 24, "year", False)),
    ("About 50,000 troops are based there.", "About 50,000", ("count", 50000, "troop", True)),
    ("Nearly 40 percent of bases are in Okinawa.", "Nearly 40 percent", ("percent", 40, "percent", True)),
    ("Over 60% of the bases are there.", "Over 60%", ("percent", 60, "percent", True)),
    ("Prime Minister Kishida Fumio said so.", "Prime Minister Kishida Fumio",
     ("office_holder", "Kishida Fumio", "Prime Minister", False)),
    ("He met former Prime Minister Shinzo Abe.", "former Prime Minister Shinzo Abe",
     ("office_holder", "Shinzo Abe", "former Prime Minister", False)),
    ("President Biden visited Tokyo.", "President Biden", ("office_holder", "Biden", "President", False)),
    ("Governor Denny Tamaki won.", "Governor Denny Tamaki",
     ("office_holder", "Denny Tamaki", "Governor", False)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "surface", "expected"), ISSUE_EXAMPLES)
def test_every_example_of_the_issue(text: str, surface: str, expected: tuple[str, object, str | None, bool]) -> None:
    found = [
        (text[f.span.start : f.span.end], (f.kind, f.value, f.unit, f.approximate)) for f in extract_from_sentence(text)
    ]
    assert (surface, expected) in found, found


def test_a_range_between_two_figures() -> None:
    (fact,) = extract_from_sentence("between 10 and 15 percent of them")
    assert (fact.kind, fact.value, fact.unit) == ("range", "10/15", "percent")


@pytest.mark.parametrize(
    "text",
    [
        "the Infrastructure Investment and Jobs Act (IIJA; P.L. 117-58)",
        "Public Law 117-58 and Pub. L. No. 117-169",
        "P.L.101-549; P.L.109-58; P.L.114-11",
        "42 U.S.C. 1983 and 42 U.S.C. §1983",
        "26 U.S.C. §45(b)(2) and 23 U.S.C. §134(k)(1)(A)",
        "15 U.S.C. §§ 1451–1461 and 21 C.F.R. §§ 101.54–101.69",
        "45 C.F.R. Part 46 and 135 Stat. 429 and 86 Fed. Reg. 7009",
        "Hillman v. Maretta, 569 U.S. 483 and 310 F.3d 155 and 140 S. Ct. 1",
        "Id. at 486; Hughes, 578 U.S. at 162–63; Metz, 466 F.3d at 998",
        "Congressional Record, vol. 172, no. 5",
        "Congressional Record, vol. 148, part 17",
        "preempted under section 521 and House Rule I, clause 8(b)(3), paragraph 4",
        "Hutt et al., supra note 16, at 1597.",
        "See footnote 117; Chadha, 462 U.S. 919, 935 n. 9; 119 U.S. 336, 340-41 (",
        "under sections 203, 205, or 206 of the Act, pp. 1, 3, and pp. 2-22, 7-7.",
        "referred to H.Rept. 119-215 and S.Rept. 118-5; see infra notes 221–233",
    ],
)
def test_legal_citations_are_not_figures(text: str) -> None:
    # Public law numbers, U.S. Code and C.F.R. sections, paragraph designators and reporter volumes name
    # a text; CRS reports cite them by the hundred, and none is a figure.
    assert facts(text) == []


def test_per_second_is_not_an_ordinal() -> None:
    assert [f[0] for f in facts("speeds of 1,000 megabits per second")] == ["count"]
    assert facts("the second meeting") == [("ordinal", 2, None, False)]


def test_figures_after_a_section_number_are_kept() -> None:
    # a list of identifiers goes on only with numbers that name (followed by punctuation, "and", "of" …)
    assert facts("Under Section 232, 25% tariffs apply") == [("percent", 25, "percent", False)]
    assert facts("Under Section 5, 10 states must act") == [("count", 10, "state", False)]


def test_figures_beside_a_citation_are_kept() -> None:
    text = r"The IIJA (P.L. 117-58) provides \$550 billion, about 45% of it in 2022-2026 (23 U.S.C. §149)."
    assert facts(text) == [
        ("money", 550_000_000_000, "USD", False),
        ("percent", 45, "percent", True),
        ("range", "2022/2026", "year", False),
        ("year", "2022", None, False),
        ("year", "2026", None, False),
    ]


@pytest.mark.parametrize(
    "text",
    [
        '43. Xu et al., "SoK: Decentralized Exchanges," p. 3.',  # a footnote's number
        "2) EDA mitigated the challenges.",  # a list item's number
        "(1) the overall program, (2) the missions, and (3) the projects",  # clauses enumerated
        "equipment and supplies; (2) a Command-and-Control Variant",
    ],
)
def test_list_and_footnote_markers_are_not_figures(text: str) -> None:
    assert facts(text) == []


def test_figures_that_look_like_markers_are_kept() -> None:
    assert facts("12 countries joined.") == [("count", 12, "country", False)]
    assert facts("5 troops left; (400) were added") == [("count", 5, "troop", False), ("count", 400, None, False)]
    assert facts("The troops (2,000) arrived.") == [("count", 2000, None, False)]


def test_digits_of_a_web_address_are_not_figures() -> None:
    text = "Reuters, April 25, 2017, https://www.reuters.com/2017/04/25/us-japan-8/?entry=24092; 5 troops left."
    assert facts(text) == [("date", "2017-04-25", None, False), ("count", 5, "troop", False)]
    assert facts("See www.eda.gov/archives/2016/50/history.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Regulation (EU) 2019/942 applies", []),  # a regulation's number
        ("CARMU Inspection Report 01/2023 found", []),  # a report's number
        ("the 2019/2020 school year", [("year", "2019", None, False)]),  # a period, not 0.9995
        ("reduced by 2/37ths of it", [("fraction", 0.05405, None, False)]),
        ("about 3/4 of the troops", [("fraction", 0.75, None, True)]),
    ],
)
def test_slash_numbers(text: str, expected: list[tuple[str, object, str | None, bool]]) -> None:
    assert facts(text) == expected


def test_a_possessive_s_is_not_a_currency_code() -> None:
    # "S$" is the Singapore dollar, but the "s" of "Army's" before "$" is not.
    text = "about double the Army's $831 million request"
    (fact,) = extract_from_sentence(text)
    assert text[fact.span.start : fact.span.end] == "$831 million"
    assert (fact.kind, fact.value, fact.unit) == ("money", 831_000_000, "USD")


def test_a_possessive_ends_an_office_holders_name() -> None:
    text = "President Trump's January 20, 2025, Executive Order and Rep. Beto O'Rourke's bill"
    assert facts(text) == [
        ("office_holder", "Trump", "President", False),
        ("date", "2025-01-20", None, False),
        ("office_holder", "Beto O'Rourke", "Representative", False),
    ]
