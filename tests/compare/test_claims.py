"""Figure changes at the level of claims (editions.compare.claims), on small invented editions."""

from __future__ import annotations

import dataclasses

import editions
from editions.compare import compare
from editions.model import Edition, FactChangeKind, Role


def _read(text: str) -> Edition:
    return editions.read(text.encode(), "markdown")


def _changes(old: Edition, new: Edition) -> list[tuple[str, str | None, str | None]]:
    c = compare(old, new)
    return [
        (
            fc.kind.value,
            c.old.text_of(fc.old) if fc.old else None,
            c.new.text_of(fc.new) if fc.new else None,
        )
        for fc in c.fact_changes
    ]


HEAD = "# The Harbor Dredging Program\n\nUpdated May 4, 2026\n\n"


def test_a_figure_restated_in_a_new_passage_is_one_added_figure() -> None:
    old = _read(HEAD + "## Funding\n\nThe program is funded from the harbor trust fund.\n")
    new = _read(
        HEAD + "## Summary\n\nCongress provided $412 million for harbor dredging in the omnibus act.\n\n"
        "## Funding\n\nThe program is funded from the harbor trust fund. "
        "The omnibus act provided $412 million for harbor dredging, and the agency plans to spend it by 2029.\n"
    )
    added = [(k, n) for k, _, n in _changes(old, new) if k == "added"]
    assert [n for _, n in added].count("$412 million") == 1
    assert ("added", "2029") in added


def test_a_value_moved_to_a_rewritten_sentence_is_no_change() -> None:
    old = _read(
        HEAD + "## Staff\n\nThe agency employed 4,130 dredge inspectors in its district offices last spring. "
        "Inspections are scheduled by the districts.\n\n## Equipment\n\nThe fleet is aging.\n"
    )
    new = _read(
        HEAD + "## Staff\n\nInspections are scheduled by the districts.\n\n## Equipment\n\nThe fleet is aging. "
        "District offices have 4,130 dredge inspectors on staff, according to the agency.\n"
    )
    assert [c for c in _changes(old, new) if "4,130" in (c[1] or "") + (c[2] or "")] == []


def test_a_year_repeated_through_a_dropped_passage_is_one_removal() -> None:
    old = _read(
        HEAD + "## Background\n\nThe harbor is one of the busiest in the region.\n\n"
        "## FY2031 Reductions in Dredging\n\n"
        "The agency cut its FY2031 dredging plan by 12 projects. "
        "Its FY2031 budget request cited higher fuel prices. "
        "Contractors objected to the FY2031 schedule.\n"
    )
    new = _read(HEAD + "## Background\n\nThe harbor is one of the busiest in the region.\n")
    removed = [o for k, o, _ in _changes(old, new) if k == "removed"]
    assert sum(1 for o in removed if o is not None and "2031" in o) == 1
    assert "12" in removed


def test_a_measure_that_left_a_dropped_sentence_and_came_back_in_a_list_is_changed() -> None:
    # The list items inherit their lead-in's measure ("planned quantities"); the acronym the report defines
    # makes "ACVs" and "vehicles" one counted noun; the labelled item "Cargo: 250 vehicles" measures cargo
    # vehicles, which the dropped sentence never names.
    old = _read(
        HEAD + "## Background\n\nThe Armored Cargo Vehicle (ACV) moves supplies from ship to shore.\n\n"
        "## Program Status\n\nThe current planned acquisition objective of 420 ACVs is to replace older trucks.\n"
    )
    new = _read(
        HEAD + "## Background\n\nThe Armored Cargo Vehicle (ACV) moves supplies from ship to shore. "
        "According to the service, planned quantities by variant are as follows:\n\n"
        "- Cargo: 250 vehicles,\n- Recovery: 148 vehicles,\n- TOTAL = 398 vehicles.\n"
    )
    changes = _changes(old, new)
    assert ("changed", "420", "398") in changes
    assert ("added", None, "250") in changes
    assert ("added", None, "148") in changes


def test_quantities_of_different_size_or_noun_are_not_paired_across_sentences() -> None:
    old = _read(HEAD + "## Status\n\nThe district had 48 dredges in reserve last year.\n")
    new = _read(HEAD + "## Outlook\n\nOfficials expect to order 300 dredges next decade.\n")
    kinds = sorted(k for k, _, _ in _changes(old, new))
    assert "changed" not in kinds


def test_figures_of_notes_are_never_figure_changes() -> None:
    # Structure gives a note no facts; here the note is read as body (its facts found), then given the note's
    # role, so that compare alone is tested: it must not report figures of a note even when they are there.
    funding = HEAD + "## Funding\n\nThe program costs $5 million a year.\n\n## Survey Detail\n\n"
    old = _read(funding + "The survey counted 44 barges in 2021.\n")
    new = _read(funding + "The survey counted 45 barges in 2026.\n")
    assert _changes(old, new) != []  # as body, the figures changed

    def as_note(edition: Edition) -> Edition:
        sentences = tuple(
            dataclasses.replace(s, role=Role.NOTE) if s.section == ("Survey Detail",) else s for s in edition.sentences
        )
        return dataclasses.replace(edition, sentences=sentences)

    assert _changes(as_note(old), as_note(new)) == []


def test_a_yearless_date_resolved_differently_is_no_change() -> None:
    body = "## Litigation\n\nOn March 9, the company filed a complaint in the {court} district court.\n"
    old = _read("# Case\n\nUpdated March 20, 2026\n\n" + body.format(court="federal"))
    new = _read("# Case\n\nUpdated March 2, 2027\n\n" + body.format(court="U.S."))
    (o,) = (f for f in old.facts if old.text_of(f) == "March 9")
    (n,) = (f for f in new.facts if new.text_of(f) == "March 9")
    assert o.value != n.value  # the readers gave the day different years
    assert _changes(old, new) == []


def test_a_date_gaining_a_year_elsewhere_still_changes_when_the_day_changes() -> None:
    old = _read("# Case\n\nUpdated March 20, 2026\n\n## Litigation\n\nOn March 9, the company filed a complaint.\n")
    new = _read("# Case\n\nUpdated March 20, 2026\n\n## Litigation\n\nOn March 11, the company filed a complaint.\n")
    assert _changes(old, new) == [("changed", "March 9", "March 11")]


def test_two_equal_numbers_in_one_sentence_are_two_figures() -> None:
    old = _read(
        HEAD + "## Trade\n\nThe port is the second-largest importer of steel and the second-largest exporter "
        "of grain in the region.\n"
    )
    new = _read(
        HEAD + "## Trade\n\nThe port is the largest importer of steel and the largest exporter of grain in "
        "the region.\n"
    )
    changed = [c for c in _changes(old, new) if c[0] == "changed"]
    assert len(changed) == 2


def test_a_common_value_with_another_measure_in_a_new_section_is_added() -> None:
    old = _read(HEAD + "## The 2016 Rule\n\nThe agency is to respond by letter within 180 days of filing.\n")
    new = _read(
        HEAD + "## The 2016 Rule\n\nThe agency is to respond by letter within 180 days of filing.\n\n"
        "## The Proposed Rule\n\nWithin 180 days of a permit notice, contractors would submit a sediment plan.\n"
    )
    assert ("added", None, "180 days") in _changes(old, new)


def test_restated_values_are_found_once_per_claim_in_changed_pairs() -> None:
    old = _read(
        HEAD + "## Summary\n\nOn December 1, 2025, the agency sent its proposed dredging rule to OMB.\n\n"
        "## The Rule\n\nOn December 1, 2025, the agency sent a proposed dredging rule to OMB for review.\n"
    )
    new = _read(
        HEAD + "## Summary\n\nOn August 11, 2026, the agency issued its proposed dredging rule.\n\n"
        "## The Rule\n\nOn August 11, 2026, the agency issued a proposed dredging rule for comment.\n"
    )
    changes = _changes(old, new)
    assert changes.count(("changed", "December 1, 2025", "August 11, 2026")) == 1
    assert [c for c in changes if c[0] != "changed"] == []


def test_fact_change_kinds_are_ordered_changed_added_removed() -> None:
    old = _read(HEAD + "## A\n\nThe harbor had 31 berths in 2020.\n\n## B\n\nThe channel was 40 feet deep.\n")
    new = _read(HEAD + "## A\n\nThe harbor had 35 berths in 2020.\n\n## C\n\nThe basin holds 17 tugboats.\n")
    kinds = [k for k, _, _ in _changes(old, new)]
    order = {FactChangeKind.CHANGED.value: 0, FactChangeKind.ADDED.value: 1, FactChangeKind.REMOVED.value: 2}
    assert kinds == sorted(kinds, key=order.__getitem__)
    assert kinds[0] == "changed"


def test_a_value_at_a_clause_edge_that_reappears_elsewhere_is_no_change() -> None:
    # "(FY2029)" has no measure of its own: the words around it say it is the same qualifier.
    old = _read(
        HEAD + "## Schedule\n\nThe committee is weighing a bill that would delay the dredging start to "
        "October 1, 2028 (FY2029).\n\n## Costs\n\nFuel costs rose.\n"
    )
    new = _read(
        HEAD + "## Schedule\n\nThe House passed its version in June.\n\n## Costs\n\nFuel costs rose. "
        "Under the committee bill, dredging would start on October 1, 2028 (FY2029).\n"
    )
    assert [c for c in _changes(old, new) if "2029" in (c[1] or "") + (c[2] or "")] == []
