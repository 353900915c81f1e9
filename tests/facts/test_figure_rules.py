"""Issue 14's rules for what is a figure: numbers that enumerate, identify, name or point are dropped; "twice",
year ranges' years, decades and yearless dates are read. Each rule with sentences it must drop (or read) and
sentences whose figures it must keep. All sentences are written here."""

from __future__ import annotations

import datetime as dt

import pytest

from editions.facts import extract_from_sentence


def facts(text: str, anchor: dt.date | None = None) -> list[tuple[str, object]]:
    return [(f.kind, f.value) for f in extract_from_sentence(text, anchor=anchor)]


def surfaces(text: str) -> list[str]:
    return [f.span.of(text) for f in extract_from_sentence(text)]


# --- enumerators -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yet because of 1) a cut of $40 million and 2) higher fuel prices, it closed.", [("money", 40_000_000)]),
        ("The plan has parts: (1) a base of 12 ships; (2) a reserve.", [("count", 12)]),
        ("The court asked whether (1) the agency acted and (3) what it cost.", []),
        ("First, the rule would apply to 30 firms.", [("count", 30)]),
        ("Fourth, because the court ruled in 2019, the agency waited.", [("year", "2019")]),
        ("The review had two parts; second, it asked for 5 reports.", [("count", 2), ("count", 5)]),
        ("The list has three items: (a) food, (b) fuel, and (c) rent.", [("count", 3)]),
    ],
)
def test_enumerators_are_not_figures(text: str, expected: list[tuple[str, object]]) -> None:
    assert facts(text) == expected


def test_numbers_that_look_like_enumerators_are_kept() -> None:
    assert facts("Sales (up from 3) reached 7 units.") == [("count", 3), ("count", 7)]
    assert facts("It was the first meeting of the second panel.") == [("ordinal", 1), ("ordinal", 2)]
    assert facts("First-year costs were $3 million.") == [("ordinal", 1), ("money", 3_000_000)]
    assert facts("The first, and largest, grant went out.") == [("ordinal", 1), ("rank", 1)]


# --- identifiers and citations -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The President signed Executive Order (E.O.) 12345 on the matter.",
        "The President signed Executive Order [EO] 12345 on the matter.",
        "Under EO 12345 the agency acted.",
        "Under E.O. 12345 the agency acted.",
        "Agency Directive 4100.12 sets the policy.",
        "Agency Directive (AGD) 4100.12 sets the policy.",
        "The rule is at 7 U.S.C 1421 and 42 U.S.C 300.",
        "It was published at 81 Federal Register 4321 and 82 FR 1234.",
        "The firm bid for Delivery Lots 3-4.",
        "They fielded the Version 3 upgrade.",
        "See Docket 21-1234 for the record.",
    ],
)
def test_identifiers_and_citations_are_not_figures(text: str) -> None:
    assert facts(text) == []


def test_figures_beside_identifiers_are_kept() -> None:
    assert facts("Under E.O. 12345, the agency hired 400 staff by 2020.") == [("count", 400), ("year", "2020")]
    assert facts("The release of version 2 added 15 features.") == [("count", 15)]


# --- numbers inside proper names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The agency adopted Vision Plan 2035 to restructure.",
        "The crew sailed during Operation Seabird 19 off the coast.",
        "Congress passed the Clean Harbors Act of 1987 in the spring.",
        "The funds came from the Further Appropriations Act, 2021 for that purpose.",
        "The Water Quality Amendments of 1972 changed the law.",
        "Several bills were introduced in the 117th Congress on the issue.",
        "The plaintiffs cited the Fifth Amendment and the Sixth Circuit.",
        "Sailors of the 7th Fleet trained in the region.",
        "The program is now in IFPC Increment 3 of its plan.",
    ],
)
def test_numbers_inside_names_are_not_figures(text: str) -> None:
    assert facts(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Since 2016, the agency has hired 300 staff.", [("year", "2016"), ("count", 300)]),
        ("In Norway, 3,700 troops are stationed.", [("count", 3700)]),
        ("TOTAL = 398 boats.", [("count", 398)]),
        ("The Senate-approved 2034 water bill has no such rule.", [("year", "2034")]),
        ("Funds for FY2010 to FY2023 rose.", [("range", "2010/2023"), ("year", "2010"), ("year", "2023")]),
        ("The 12 Light Armored Companies were disbanded.", [("count", 12)]),
        ("It trained the first U.S. units in May 2024.", [("ordinal", 1), ("date", "2024-05")]),
        ("Figure 3. Goods Trade With Mexico 2006-2025", [("range", "2006/2025"), ("year", "2006"), ("year", "2025")]),
        ("Republicans won 45% of seats.", [("percent", 45)]),
    ],
)
def test_figures_after_capitalized_words_are_kept(text: str, expected: list[tuple[str, object]]) -> None:
    assert facts(text) == expected


# --- determiners ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One open issue for the board is the cost of 9 ships.", [("count", 9)]),
        ("The two agencies signed an accord.", []),
        ("These two bills would cost $5 million.", [("money", 5_000_000)]),
        ("Both leaders said one of the plans failed.", []),
    ],
)
def test_determiners_are_not_counts(text: str, expected: list[tuple[str, object]]) -> None:
    assert facts(text) == expected


def test_counting_one_and_two_is_kept() -> None:
    assert facts("Two past efforts to replace the tank failed.") == [("count", 2)]
    assert facts("The agency received two bids and one protest.") == [("count", 2), ("count", 1)]
    assert facts("One year later, one in five firms had closed.") == [("duration", 1), ("fraction", 0.2)]
    assert facts("Over the two years, rents rose.") == [("duration", 2)]


# --- a table note's letter and glued scale letters -------------------------------------------------------


def test_a_table_notes_letter_is_not_a_scale() -> None:
    assert facts("Program | 8,240 | 7,150b | 9,000c") == [("count", 8240), ("count", 7150), ("count", 9000)]
    assert facts("Port inspections | 1986c | Bureau") == [("year", "1986")]
    assert facts("Funding authorized for FY2025a") == [("year", "2025")]
    assert facts("over $40,100 to $95,300a | $9,000") == [("range", "40100/95300"), ("money", 9000)]


def test_a_glued_scale_letter_needs_money() -> None:
    assert facts("The firm won a $1.5B contract.") == [("money", 1_500_000_000)]
    assert facts("The country built its 5G network and the Block 1B rocket.") == []
    assert facts("Costs reached 2.5 billion yen.") == [("money", 2_500_000_000)]


# --- twice ---------------------------------------------------------------------------------------------


def test_twice_and_three_times_are_counts_of_times() -> None:
    found = extract_from_sentence("The agency may extend the period twice, and has done so three times.")
    assert [(f.kind, f.value, f.unit) for f in found] == [("count", 2, "time"), ("count", 3, "time")]
    assert [f.span.of("The agency may extend the period twice, and has done so three times.") for f in found] == [
        "twice",
        "three",
    ]
    assert facts("The twicer club met.") == []


# --- year ranges -----------------------------------------------------------------------------------------


def test_a_year_range_is_also_its_two_years() -> None:
    text = "The colonial rule lasted from 1905 to 1940."
    found = extract_from_sentence(text)
    assert [(f.kind, f.value, f.span.of(text)) for f in found] == [
        ("range", "1905/1940", "from 1905 to 1940"),
        ("year", "1905", "1905"),
        ("year", "1940", "1940"),
    ]
    assert {f.measure for f in found} == {found[0].measure}  # the years measure what the range does
    assert facts("during the 1946-1950 occupation") == [("range", "1946/1950"), ("year", "1946"), ("year", "1950")]


def test_a_range_of_other_figures_is_not_split() -> None:
    assert facts("Rates of 10-15% applied.") == [("range", "10/15")]
    assert facts("between 5 and 10 troops") == [("range", "5/10")]


# --- decades ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "approximate"),
    [
        ("The board would have refused the plan a decade ago.", "a decade ago", False),
        ("In the past decade, river traffic grew.", "the past decade", False),
        ("Over the last decade, costs doubled.", "the last decade", False),
        ("It took nearly a decade to build.", "nearly a decade", True),
    ],
)
def test_a_decade_is_a_duration_of_ten_years(text: str, surface: str, approximate: bool) -> None:
    found = extract_from_sentence(text, anchor=dt.date(2024, 5, 1))
    assert [(f.kind, f.value, f.unit, f.approximate, f.span.of(text)) for f in found] == [
        ("duration", 10, "year", approximate, surface)
    ]


def test_the_past_n_years_is_a_duration() -> None:
    assert facts("Over the past five years, rents rose.") == [("duration", 5)]


def test_a_decade_of_a_century_is_not_a_duration() -> None:
    assert facts("In the last decade of the century, trade grew.") == []


# --- dates without a year ------------------------------------------------------------------------------

OCTOBER = dt.date(2034, 10, 7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On March 12, the firm filed a complaint.", "2034-03-12"),  # seven months back, not five ahead
        ("The firm filed a complaint on August 24.", "2034-08-24"),
        ("In December, the board resigned.", "2034-12"),  # two months ahead: the coming one
        ("The comment period closes on April 9.", "2035-04-09"),
        ("The court will hear arguments on March 12.", "2035-03-12"),
        ("On June 2, the court will rule.", "2035-06-02"),
        ("The deadline for comments is July 1.", "2035-07-01"),
        ("The agency is scheduled to act in May.", "2035-05"),
        ("Since March, the ship has been at sea and was scheduled to return.", "2034-03"),
    ],
)
def test_a_yearless_date_is_at_or_before_the_edition_unless_ahead(text: str, expected: str) -> None:
    assert facts(text, OCTOBER) == [("date", expected)]


def test_a_yearless_date_on_the_editions_day_is_that_day() -> None:
    assert facts("On October 7, the bill passed.", OCTOBER) == [("date", "2034-10-07")]


# --- office holders -----------------------------------------------------------------------------------


def test_initials_or_an_order_after_an_office_are_no_holder() -> None:
    assert facts("The order directs the Secretary of Labor, U.S. Trade Representative, and others.") == []
    assert facts("Sources: Executive Office of the President, Executive Order 14000 of May 1, 2021.") == [
        ("date", "2021-05-01")
    ]
    assert facts("Gov. J. Smith and President Jones met.") == [
        ("office_holder", "J. Smith"),
        ("office_holder", "Jones"),
    ]
