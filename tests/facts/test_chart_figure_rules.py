"""Issue 16's rules for numbers a chart must never follow: a directive's or an order's number after an acronym
that opens its sentence, a plan's "No. 2", and "one" in a compound adjective ("one-way"). Each rule with
sentences it must drop and sentences whose figures it must keep. All sentences are written here."""

from __future__ import annotations

import pytest

from editions.facts import extract_from_sentence


def facts(text: str) -> list[tuple[str, object]]:
    return [(f.kind, f.value) for f in extract_from_sentence(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DODD 3000.09 sets the rules for such weapons.", []),
        ("DODI 5000.85 governs the pathway for 12 programs.", [("count", 12)]),
        ("EO 14001 directs each agency to report.", []),
        ("Article 7 of the Reorganization Plan No. 3 of 1970 moved the office.", [("year", "1970")]),
        ("The Coast Guard bought 14 one-way drones and a one-time spares package.", [("count", 14)]),
    ],
)
def test_identifiers_and_compound_adjectives_are_not_figures(text: str, expected: list[tuple[str, object]]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NATO 2,400 troops joined the drill.", [("count", 2400)]),
        ("GAO found 35 cases of fraud.", [("count", 35)]),
        ("Canada was No. 2 among the sources of imports.", [("rank", 2)]),
        ("The agency bought one drone and a one-year lease.", [("count", 1), ("duration", 1)]),
        ("Only one-third of the funds were spent.", [("fraction", 0.3333)]),
    ],
)
def test_figures_beside_acronyms_and_ranks_are_kept(text: str, expected: list[tuple[str, object]]) -> None:
    assert facts(text) == expected
