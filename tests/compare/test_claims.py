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
        "## FY2034 Cuts to Dredging\n\n"
        "The agency cut its FY2034 dredging plan by 12 projects. "
        "Its FY2034 budget request cited higher fuel prices. "
        "Contractors objected to the FY2034 schedule.\n"
    )
    new = _read(HEAD + "## Background\n\nThe harbor is one of the busiest in the region.\n")
    removed = [o for k, o, _ in _changes(old, new) if k == "removed"]
    assert sum(1 for o in removed if o is not None and "2034" in o) == 1
    assert "12" in removed


def test_a_measure_that_left_a_dropped_sentence_and_came_back_in_a_list_is_changed() -> None:
    # The list items inherit their lead-in's measure ("fleet target"); the acronym the report defines
    # makes "LPBs" and "boats" one counted noun; the labelled item "Cargo: 250 boats" measures cargo
    # boats, which the dropped sentence never names.
    old = _read(
        HEAD + "## Background\n\nThe Light Patrol Boat (LPB) guards the inner harbor.\n\n"
        "## Fleet Status\n\nThe fleet target of 430 LPBs is meant to retire older launches.\n"
    )
    new = _read(
        HEAD + "## Background\n\nThe Light Patrol Boat (LPB) guards the inner harbor. "
        "The harbor office now splits its fleet target by model:\n\n"
        "- Cargo: 250 boats,\n- Rescue: 148 boats,\n- TOTAL = 398 boats.\n"
    )
    changes = _changes(old, new)
    assert ("changed", "430", "398") in changes
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
    body = "## Litigation\n\nOn June 14, the company filed a complaint in the {court} district court.\n"
    old = _read("# Case\n\nUpdated June 25, 2034\n\n" + body.format(court="federal"))
    new = _read("# Case\n\nUpdated June 7, 2035\n\n" + body.format(court="U.S."))
    (o,) = (f for f in old.facts if old.text_of(f) == "June 14")
    (n,) = (f for f in new.facts if new.text_of(f) == "June 14")
    assert o.value != n.value  # the readers gave the day different years
    assert _changes(old, new) == []


def test_a_date_gaining_a_year_elsewhere_still_changes_when_the_day_changes() -> None:
    old = _read("# Case\n\nUpdated June 25, 2034\n\n## Litigation\n\nOn June 14, the company filed a complaint.\n")
    new = _read("# Case\n\nUpdated June 25, 2034\n\n## Litigation\n\nOn June 16, the company filed a complaint.\n")
    assert _changes(old, new) == [("changed", "June 14", "June 16")]


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
    old = _read(HEAD + "## The 2009 Permit\n\nThe board is to answer each request within 60 days of receipt.\n")
    new = _read(
        HEAD + "## The 2009 Permit\n\nThe board is to answer each request within 60 days of receipt.\n\n"
        "## The Draft Permit\n\nWithin 60 days of a dredging notice, contractors would file a sediment plan.\n"
    )
    assert ("added", None, "60 days") in _changes(old, new)


def test_restated_values_are_found_once_per_claim_in_changed_pairs() -> None:
    old = _read(
        HEAD + "## Summary\n\nOn February 3, 2036, the agency sent its draft dredging plan to the governor.\n\n"
        "## The Plan\n\nOn February 3, 2036, the agency sent a draft dredging plan to the governor to sign.\n"
    )
    new = _read(
        HEAD + "## Summary\n\nOn October 19, 2036, the agency published its draft dredging plan.\n\n"
        "## The Plan\n\nOn October 19, 2036, the agency published a draft dredging plan for comment.\n"
    )
    changes = _changes(old, new)
    assert changes.count(("changed", "February 3, 2036", "October 19, 2036")) == 1
    assert [c for c in changes if c[0] != "changed"] == []


def test_fact_change_kinds_are_ordered_changed_added_removed() -> None:
    old = _read(HEAD + "## A\n\nThe harbor had 31 berths in 2020.\n\n## B\n\nThe channel was 40 feet deep.\n")
    new = _read(HEAD + "## A\n\nThe harbor had 35 berths in 2020.\n\n## C\n\nThe basin holds 17 tugboats.\n")
    kinds = [k for k, _, _ in _changes(old, new)]
    order = {FactChangeKind.CHANGED.value: 0, FactChangeKind.ADDED.value: 1, FactChangeKind.REMOVED.value: 2}
    assert kinds == sorted(kinds, key=order.__getitem__)
    assert kinds[0] == "changed"


def test_a_value_at_a_clause_edge_that_reappears_elsewhere_is_no_change() -> None:
    # "(FY2036)" has no measure of its own: the words around it say it is the same qualifier.
    old = _read(
        HEAD + "## Schedule\n\nThe council is weighing an ordinance that would push the dredging start to "
        "July 1, 2035 (FY2036).\n\n## Costs\n\nFuel costs rose.\n"
    )
    new = _read(
        HEAD + "## Schedule\n\nThe mayor signed a version in June.\n\n## Costs\n\nFuel costs rose. "
        "Under the council ordinance, dredging would start on July 1, 2035 (FY2036).\n"
    )
    assert [c for c in _changes(old, new) if "2036" in (c[1] or "") + (c[2] or "")] == []


def test_quantities_dated_to_different_years_are_two_data_points_not_a_change() -> None:
    # Rule 3 pairs a measure across a dropped and an added sentence, but not when each sentence dates its figure
    # to another year: two supplementary budgets, not one budget revised.
    head = HEAD + "## Economy\n\nThe region depends on farming and shipping.\n\n"
    old = _read(
        head + "In May 2031, the parliament enacted a $21 million supplementary budget to provide relief from rising "
        "fuel prices.\n\n## Outlook\n\nOfficials expect more storms.\n"
    )
    enacted = (
        "the cabinet launched a $10 million initiative for ports and enacted a nearly $20 million supplementary "
        "budget to help towns cope with higher fuel prices.\n"
    )
    new = _read(head + "Officials expect more storms.\n\n## Port Crisis\n\nIn spring 2035, " + enacted)
    assert "changed" not in [k for k, _, _ in _changes(old, new)]
    undated = _read(head + "Officials expect more storms.\n\n## Port Crisis\n\nThen " + enacted)
    assert ("changed", "$21 million", "nearly $20 million") in _changes(old, undated)
