"""Sentence boundaries: abbreviations that do not end sentences, ends that do, and the span contract."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editions.structure.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


ONE_SENTENCE = [
    "The U.S. Army had 54,000 troops in Japan on Jan. 5, 2022.",
    "See No. 1 and Sec. 3 of P.L. 117-58, pp. 1-2, for the details.",
    "Gen. Smith and Dr. Jones of Acme Inc. met at St. Paul vs. the Senate staff.",
    "Some agencies, e.g. the Treasury, and some offices, i.e. those abroad, objected.",
    "Mark E. Manyin and Emma Chanlett-Avery updated the report.",
    "Growth was 2.5 percent, approx. 0.3 points more than forecast.",
    "The authority at 42 U.S.C. 1395 applies to the program.",
    "Smith et al. found that the treaty held.",
    'The envoy said "we will wait . . . and see" before leaving.',
    'He wrote "wait... what" in the margin.',
    "The measure was approved by the U.N. Security Council in March.",
    "The vote is at 5 p.m. on Friday.",
    "The ruling in Smith v. Jones was cited.",
    "The brief cited Smith vs. The State of Ohio.",
    "See, e.g. The Federalist No. 10 on factions.",
    "It is not clear (why would it be?), and the report does not say.",
    "Total obligations were $2.5 billion in FY2021.",
    "The Hon. Jane Doe and Rep. Smith and Sen. Jones spoke.",
    "The rule appears at 87 Fed. Reg. 1234 (Jan. 3, 2022) and 135 Stat. 429.",
    "Congress acts under U.S. Const. art. I, § 8, cl. 3, and amend. XIV, § 5.",
    "The power is in art. I of the Constitution and in pt. II of the order.",
    "The case is Envtl. Prot. Agency v. Smith, 555 F. Supp. 2d 10 (D.D.C. 2020).",
    "It was enacted as Pub. L. No. 117-58, 135 Stat. 429 (2021), and H. Con. Res. 14.",
    "Brig. Gen. Smith and Lt. Gen. (ret.) Jones met fmr. Sen. Doe.",
    "Sen. Smith (R-Tex.) and Rep. Jones (D-Calif.) objected.",
    "See Congressional Record, vol. 65 (1923), pp. H8-H15, and the report, pp. QDT-1 to QDT-8.",
    "a. The amount shown includes supplemental funds.",
    "The mills roll stainless steel and high-temp. alloys, and a non-govt. lab tests them.",
]


@pytest.mark.parametrize("text", ONE_SENTENCE)
def test_abbreviations_numbers_and_ellipses_do_not_end_a_sentence(text: str) -> None:
    assert sentences(text) == [text]


BREAKS = [
    (
        "The bill went to a run-off. It passed, and the run-off. Then it died.",
        ["The bill went to a run-off.", "It passed, and the run-off.", "Then it died."],
    ),
    (
        "The U.S. Army had 54,000 troops in Japan on Jan. 5, 2022. Gen. Smith agreed.",
        ["The U.S. Army had 54,000 troops in Japan on Jan. 5, 2022.", "Gen. Smith agreed."],
    ),
    (
        "About 54,000 U.S. troops are based in Japan. The next largest host is Germany.",
        ["About 54,000 U.S. troops are based in Japan.", "The next largest host is Germany."],
    ),
    (
        "Is the alliance durable? Most analysts think so! The report agrees.",
        ["Is the alliance durable?", "Most analysts think so!", "The report agrees."],
    ),
    (
        'The minister said, "We will respond." The talks then ended.',
        ['The minister said, "We will respond."', "The talks then ended."],
    ),
    (
        "Investment fell (see Table 2.) The next year it rose.",
        ["Investment fell (see Table 2.)", "The next year it rose."],
    ),
    (
        "Japan is the largest source of investment in the U.S. It was second in 2020.",
        ["Japan is the largest source of investment in the U.S.", "It was second in 2020."],
    ),
    (
        "Troops are based in the U.S. The next step is unclear.",
        ["Troops are based in the U.S.", "The next step is unclear."],
    ),
    (
        "The unit moved to Washington, D.C. In 2021, it moved again.",
        ["The unit moved to Washington, D.C.", "In 2021, it moved again."],
    ),
    (
        "The firm sold cars, trucks, etc. However, it kept its plants.",
        ["The firm sold cars, trucks, etc.", "However, it kept its plants."],
    ),
    (
        "The study was led by Smith et al. The findings were disputed.",
        ["The study was led by Smith et al.", "The findings were disputed."],
    ),
    (
        "The vote was held at 5 p.m. The Senate then adjourned.",
        ["The vote was held at 5 p.m.", "The Senate then adjourned."],
    ),
    # Ordinary words that a model trained on legal text takes for abbreviations.
    (
        "Insurance adds to the cost of a car. Either way, the price rises.",
        ["Insurance adds to the cost of a car.", "Either way, the price rises."],
    ),
    (
        "There are pros and cons. On balance, the bill passed.",
        ["There are pros and cons.", "On balance, the bill passed."],
    ),
    (
        "The answer was no. A second vote followed.",
        ["The answer was no.", "A second vote followed."],
    ),
    (
        "Funds moved from account A to account B. In the end, none was spent.",
        ["Funds moved from account A to account B.", "In the end, none was spent."],
    ),
    (
        "See id. at 5. The court agreed.",
        ["See id. at 5.", "The court agreed."],
    ),
    (
        "The talks were held in St. Louis, Mo. The next round is set for Jan. 15.",
        ["The talks were held in St. Louis, Mo.", "The next round is set for Jan. 15."],
    ),
    (
        "The cost was high. GAO estimated it at $2 billion. DOD disagreed.",
        ["The cost was high.", "GAO estimated it at $2 billion.", "DOD disagreed."],
    ),
    (
        "Drivers must pay for insurance and drivers ed. Lastly, fuel costs rose.",
        ["Drivers must pay for insurance and drivers ed.", "Lastly, fuel costs rose."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), BREAKS)
def test_sentence_ends(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_empty_and_blank_text_has_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t\u00a0 ") == []


def test_spans_are_stripped_offsets_into_the_text() -> None:
    text = "  Japan agreed.   Korea did not.\n"
    assert split_sentences(text) == [(2, 15), (18, 32)]


@pytest.mark.parametrize(
    "text",
    [
        "word " * 200_000,  # a 1,000,000-character line without punctuation
        ",".join(str(i) for i in range(1, 30_000))[:100_000],
        "?" * 100_000,
        '."' * 50_000,
        "x" * 1_000_000 + ". The end.",
        "car. The " * 50_000,
    ],
    ids=["no-punctuation", "digits-and-commas", "question-marks", "periods-and-quotes", "long-run", "many"],
)
def test_huge_inputs_are_split_whole(text: str) -> None:
    # No timing assertion (tests never assert on wall-clock time): a quadratic scan would simply not finish
    # in CI's time; benchmarks measure speed.
    spans = split_sentences(text)
    assert sum(len(text[a:b].split()) for a, b in spans) == len(text.split())
    assert spans[0][0] == len(text) - len(text.lstrip())
    assert spans[-1][1] == len(text.rstrip())


ALPHABET = st.sampled_from(
    [*"abcXYZ019 .?!,;:\"'()[]…-$%\n\t", "U.S.", "Jan.", "e.g.", "No.", " The", "\u00a0", "\u2028", "”", "’"]
)


def check_contract(text: str) -> None:
    spans = split_sentences(text)
    covered: list[int] = []
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace()
        assert not text[end - 1].isspace()
        covered.extend(i for i in range(start, end) if not text[i].isspace())
        previous_end = end
    assert covered == [i for i, ch in enumerate(text) if not ch.isspace()]


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=80).map("".join))
def test_spans_cover_every_non_whitespace_character_once(text: str) -> None:
    check_contract(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_contract_holds_on_any_text(text: str) -> None:
    check_contract(text)


def test_a_dotted_abbreviation_before_a_number_names_a_document() -> None:
    # Rule 9: "S.Rept. 112-7" is one designation, not the end of a sentence.
    text = "The committee report (S.Rept. 112-7) and H.Doc. 99-3 say so. In 2019. 2020 was new."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "The committee report (S.Rept. 112-7) and H.Doc. 99-3 say so.",
        "In 2019.",
        "2020 was new.",
    ]
