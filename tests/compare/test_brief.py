"""The brief: a headline ranked by salience, then grouped items; notes and references on one line."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from editions import facts, structure
from editions.compare import compare
from editions.compare.brief import GROUPS, HEADLINE_SIZE, section_name
from editions.model import BlockKind, Comparison, Document, Edition, Metadata, RawBlock, Role, Source

ReadFn = Callable[[str, str], Edition]


def _edition(blocks: list[tuple[BlockKind, str]], product: str | None = None) -> Edition:
    """An edition built from blocks as a reader hands them over (footnotes included), with its facts."""
    document = Document(
        tuple(RawBlock(kind, text, 1 if kind is BlockKind.HEADING else 0) for kind, text in blocks),
        Metadata(product=product),
        Source("text"),
    )
    edition = structure.build(document)
    return dataclasses.replace(edition, facts=facts.extract(edition.text, edition.sentences))


OLD = """# The Widget Program

## Funding

The agency bought 400 widgets for the depot in the last budget year.
The program office reports to the assistant secretary for acquisition.
Congress asked for a report on the program by the end of the session.

## Oversight

Auditors reviewed the accounts of the program office twice.
The committee held a hearing on the program in the spring.
"""

NEW = """# The Widget Program

## Funding

The agency bought 650 widgets for the depot in the last budget year.
The program office reports to the assistant secretary for acquisition.
Congress asked for a report on the program by the end of the session.

Planned purchases by type are as follows:

- Small widgets: 300 units,
- Large widgets: 250 units,
- Spare widgets: 100 units.

## Oversight

Auditors reviewed the accounts of the program office twice.
The committee held a hearing on the program in the spring.

## Contract Award

The agency awarded a contract worth $90 million to a new supplier.
The supplier will deliver the first widgets within two years.
The award ends a long dispute between the agency and its former supplier.
"""


def _seeded(edition_of: ReadFn) -> Comparison:
    return compare(edition_of(OLD, "old.md"), edition_of(NEW, "new.md"))


def test_headline_leads_with_the_changed_figure(edition_of: ReadFn) -> None:
    c = _seeded(edition_of)
    headline = c.headline
    assert 0 < len(headline) <= HEADLINE_SIZE
    assert c.brief[: len(headline)] == headline
    first = headline[0]
    assert first.kind == "figure" and "“400” → “650”" in first.text
    assert [c.fact_changes[n].kind for n in first.fact_changes] == ["changed"]


def test_a_figure_changed_in_place_quotes_its_new_setting_only(edition_of: ReadFn) -> None:
    first = _seeded(edition_of).headline[0]
    assert first.text.endswith("— “The agency bought 650 widgets for the depot in…”") and "was “" not in first.text


def test_a_figure_stated_anew_elsewhere_quotes_what_each_value_was_said_of(edition_of: ReadFn) -> None:
    # The old sentence is dropped and the measure comes back in a list's total: quoting only "TOTAL = 398
    # boats." would hide what 430 was.
    old = (
        "# Fleet\n\n## Background\n\nThe Light Patrol Boat (LPB) guards the inner harbor.\n\n"
        "## Fleet Status\n\nThe fleet target of 430 LPBs is meant to retire older launches.\n"
    )
    new = (
        "# Fleet\n\n## Background\n\nThe Light Patrol Boat (LPB) guards the inner harbor. "
        "The harbor office now splits its fleet target by model:\n\n- Cargo: 250 boats,\n- TOTAL = 398 boats.\n"
    )
    c = compare(edition_of(old, "old.md"), edition_of(new, "new.md"))
    (item,) = [i for i in c.brief if i.kind == "figure" and "“430” → “398”" in i.text]
    assert "was “The fleet target of 430 LPBs is meant to retire…”" in item.text
    assert item.text.endswith("now “TOTAL = 398 boats.”")


def test_new_section_is_one_item_with_its_sentence_count(edition_of: ReadFn) -> None:
    c = _seeded(edition_of)
    sections = [item for item in c.brief if item.kind == "section"]
    assert len(sections) == 1
    item = sections[0]
    assert "new section “Contract Award” (3 sentences)" in item.text
    assert len(item.citations.new) == 3
    # Its figures ($90 million, two years) are shown by it: counted in the stats line.
    shown = {c.fact_changes[n].new.value for n in item.fact_changes if c.fact_changes[n].new is not None}
    assert 90_000_000 in shown
    assert c.stats["shown_added"] >= len(item.fact_changes)
    # A new section ranks above a statement without figures: it is in the headline.
    assert item.headline


def test_list_run_is_one_item(edition_of: ReadFn) -> None:
    c = _seeded(edition_of)
    lists = [item for item in c.brief if item.kind == "list"]
    assert len(lists) == 1
    assert "new list (3 items)" in lists[0].text
    # The lead-in and its three items: one item citing all four sentences.
    assert len(lists[0].citations.new) == 4
    assert not [item for item in c.brief if item.kind == "new"]


def test_groups_follow_the_headline_in_order(edition_of: ReadFn) -> None:
    c = _seeded(edition_of)
    rest = c.brief[len(c.headline) :]
    assert all(not item.headline and item.group in GROUPS for item in rest)
    assert [GROUPS.index(item.group) for item in rest] == sorted(GROUPS.index(item.group) for item in rest)
    assert [name for name, _ in c.groups] == list(dict.fromkeys(item.group for item in rest))


def test_date_qualifier_ranks_below_a_quantity(edition_of: ReadFn) -> None:
    template = (
        "# R\n\n## A\n\nThe plan was approved in {} 2024 by the board of the agency.\n\n"
        "## B\n\nThe fleet counts {} ships in service with the navy today.\n"
    )
    old, new = template.format("March", 120), template.format("June", 135)
    c = compare(edition_of(old, "old.md"), edition_of(new, "new.md"))
    kinds = [(item.kind, item.text) for item in c.headline]
    assert [k for k, _ in kinds] == ["figure", "figure"]
    assert "“135”" in kinds[0][1] and "June 2024" in kinds[1][1]


def test_fragments_and_captions_rank_last(edition_of: ReadFn) -> None:
    old = (
        "# R\n\n## A\n\nThe agency opened a new office in the capital city last week.\n\n"
        "## B\n\nThe office has a small staff of clerks and analysts.\n"
    )
    new = (
        "# R\n\n## A\n\nSee figure.\n\nThe agency opened a new office in the capital city last week.\n\n"
        "## B\n\nThe office has a small staff of clerks and analysts.\n\n"
        "The director said the office would hire more staff soon.\n"
    )
    c = compare(edition_of(old, "old.md"), edition_of(new, "new.md"))
    texts = [item.text for item in c.brief]
    assert len(texts) == 2 and "director" in texts[0] and "See figure" in texts[1]


def test_notes_and_references_are_one_line() -> None:
    body = [
        (BlockKind.HEADING, "Background"),
        (BlockKind.PARAGRAPH, "The department runs seven offices across the region today."),
    ]
    old = _edition(
        [
            *body,
            (BlockKind.FOOTNOTE, "6 Department of Widgets, Annual Report, 2021, p. 4."),
            (BlockKind.FOOTNOTE, "7 Office of Audits, Review of Widget Accounts, 2022."),
        ]
    )
    new = _edition(
        [
            *body,
            (BlockKind.FOOTNOTE, "5 A new note on the history of the department, 2019."),
            (BlockKind.FOOTNOTE, "7 Department of Widgets, Annual Report, 2021, p. 4."),
            (BlockKind.FOOTNOTE, "8 Office of Audits, Review of Widget Accounts, 2022."),
        ]
    )
    assert {s.role for s in new.sentences} == {Role.BODY, Role.NOTE}
    c = compare(old, new)
    # Only notes changed: no change in content, and the notes line says what happened to them.
    assert c.brief[0].kind == "unchanged" and c.brief[0].text.startswith("No change in content")
    notes = [item for item in c.brief if item.kind == "notes"]
    assert len(notes) == 1
    assert notes[0].text == "notes and references: 1 added, 2 renumbered"
    assert notes[0].group == "Notes and references"
    # The numbers of notes are no figures of the report: no item shows them, the stats line counts none.
    assert not [item for item in c.brief if item.kind == "figure"]
    assert sum(c.stats[f"shown_{k}"] for k in ("changed", "added", "removed")) == 0


def test_a_note_edited_and_the_text_changed() -> None:
    old = _edition(
        [
            (BlockKind.HEADING, "Background"),
            (BlockKind.PARAGRAPH, "The department runs seven offices across the region today."),
            (BlockKind.FOOTNOTE, "1 Department of Widgets, Annual Report, 2021."),
        ]
    )
    new = _edition(
        [
            (BlockKind.HEADING, "Background"),
            (BlockKind.PARAGRAPH, "The department runs nine offices across the region today."),
            (BlockKind.FOOTNOTE, "1 Department of Widgets, Annual Report and Budget Justification, 2023."),
        ]
    )
    c = compare(old, new)
    assert c.brief[0].kind == "figure" and c.brief[0].headline
    assert [item.text for item in c.brief if item.kind == "notes"] == ["notes and references: 1 edited"]


def test_a_note_retouched() -> None:
    """A note whose punctuation changed is counted as retouched, not edited."""
    blocks = [
        (BlockKind.HEADING, "Background"),
        (BlockKind.PARAGRAPH, "The department runs seven offices across the region today."),
    ]
    old = _edition([*blocks, (BlockKind.FOOTNOTE, "3 Department of Widgets, Annual Report, Washington DC; 2021.")])
    new = _edition([*blocks, (BlockKind.FOOTNOTE, "3 Department of Widgets, Annual Report, Washington, DC, 2021.")])
    c = compare(old, new)
    assert [item.text for item in c.brief if item.kind == "notes"] == [
        "notes and references: 1 retouched (punctuation, case)"
    ]
    assert c.brief[0].text.startswith("No change in content")


def test_a_figure_that_moves_between_a_dropped_and_an_added_sentence_is_shown(edition_of: ReadFn) -> None:
    """A fact change whose sides sit in a dropped and an added sentence is shown as a figure item citing both."""
    c = _seeded(edition_of)
    for n, change in enumerate(c.fact_changes):
        if change.kind == "changed":
            assert any(n in item.fact_changes for item in c.brief)


def test_moved_section_is_one_item(edition_of: ReadFn) -> None:
    old = (
        "# R\n\n## Alpha\n\nThe first office opened in the north of the country in spring.\n\n"
        "## Beta\n\nThe second office closed after the audit found missing records.\n"
        "The auditors asked the office to return the unspent money to the treasury.\n"
        "The office appealed the decision of the auditors to the board.\n\n"
        "## Gamma\n\nThe third office is still under review by the inspectors general.\n"
        "Its director resigned after the review began in the autumn.\n"
        "A new director has not been named by the department yet.\n"
        "The inspectors expect to finish the review by the end of the year.\n"
    )
    new = (
        "# R\n\n## Gamma\n\nThe third office is still under review by the inspectors general.\n"
        "Its director resigned after the review began in the autumn.\n"
        "A new director has not been named by the department yet.\n"
        "The inspectors expect to finish the review by the end of the year.\n\n"
        "## Alpha\n\nThe first office opened in the north of the country in spring.\n\n"
        "## Beta\n\nThe second office closed after the audit found missing records.\n"
        "The auditors asked the office to return the unspent money to the treasury.\n"
        "The office appealed the decision of the auditors to the board.\n"
    )
    c = compare(edition_of(old, "old.md"), edition_of(new, "new.md"))
    moved = [item for item in c.brief if item.kind == "moved"]
    assert len(moved) == 1, moved
    assert moved[0].text == "section “Gamma” moved (4 sentences)"
    # A bare move is no news: listed under "Moved", never in the headline.
    assert not moved[0].headline and moved[0].group == "Moved" and c.headline == ()
    assert len(moved[0].citations.new) == 4


def test_text_before_the_first_heading_is_named(edition_of: ReadFn) -> None:
    text = "# R\n\nThe agency opened a new office this year.\n\n## Later\n\nMore text follows here.\n"
    edition = edition_of(text, "e.md")
    assert section_name(edition, 0) == "Introduction"
    report = dataclasses.replace(edition, product="Report")
    assert section_name(report, 0) == "Summary"
    no_headings = edition_of("The agency opened a new office this year.\n", "plain.txt")
    assert section_name(no_headings, 0) == "Text"


def test_min_change_filters_the_carried_verdicts(edition_of: ReadFn) -> None:
    """`min_change` leaves out small edits; everything else stays as it is, the headline included."""
    old = (
        "# R\n\n## A\n\nThe agency bought 400 widgets for the depot last year.\n\n"
        "The office reports to the assistant secretary for acquisition and logistics in the department.\n"
    )
    new = (
        "# R\n\n## A\n\nThe agency bought 650 widgets for the depot last year.\n\n"
        "The office now reports to the chief operating officer for budgets, contracts and logistics in the "
        "department.\n"
    )
    full = compare(edition_of(old, "old.md"), edition_of(new, "new.md"))
    shares = {item.kind: item.changed for item in full.brief}
    assert "reworded" in shares and 0 < shares["reworded"] < 1
    hidden = compare(full.old, full.new, min_change=min(1.0, shares["reworded"] + 0.01))
    assert not [item for item in hidden.brief if item.kind == "reworded"]
    assert [item for item in hidden.brief if item.kind == "figure"] == [
        item for item in full.brief if item.kind == "figure"
    ]
    assert hidden.links == full.links


def test_a_date_added_to_a_kept_sentence_ranks_below_a_new_statement(edition_of: ReadFn) -> None:
    old = (
        "# R\n\n## A\n\nThe board approved the plan after a long debate among its members.\n\n"
        "## B\n\nThe agency has three regional offices.\n"
    )
    new = (
        "# R\n\n## A\n\nThe board approved the plan on May 4 after a long debate among its members.\n\n"
        "## B\n\nThe agency has three regional offices.\n\nThe director plans to open another office abroad.\n"
    )
    c = compare(edition_of(old, "old.md"), edition_of(new, "new.md"))
    assert [item.kind for item in c.headline] == ["new", "figure"]


def test_a_new_section_with_a_sentence_brought_in_is_still_new(edition_of: ReadFn) -> None:
    old = (
        "# R\n\n## A\n\nThe agency opened a new office in the capital city last week.\n"
        "The office will process claims from veterans in the region.\n"
    )
    new = (
        "# R\n\n## A\n\nThe agency opened a new office in the capital city last week.\n\n"
        "## Staffing\n\nThe office will process claims from veterans in the region.\n"
        "The director hired forty clerks for the new office.\n"
        "Most of the clerks came from the regional branch of the agency.\n"
        "Training for the clerks begins in the autumn.\n"
    )
    c = compare(edition_of(old, "old.md"), edition_of(new, "new.md"))
    sections = [item for item in c.brief if item.kind == "section"]
    assert len(sections) == 1
    assert "new section “Staffing” (4 sentences, 3 new)" in sections[0].text
    assert len(sections[0].citations.new) == 3


def test_the_headline_tells_what_was_dropped_too(edition_of: ReadFn) -> None:
    """Eight new sections outrank one dropped sentence, yet the headline says what was dropped."""
    kept = "# R\n\n## Base\n\nThe agency has run the program for many years now.\n"
    dropped = "The agency planned to close 12 offices across the northern region by the end of next year.\n"
    new_sections = "".join(
        f"\n## Topic {name}\n\nThe {name} office hired new staff for its work this year.\n"
        f"The {name} office also moved to a larger building downtown.\n"
        for name in ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta")
    )
    c = compare(edition_of(kept + dropped, "old.md"), edition_of(kept + new_sections, "new.md"))
    headline = c.headline
    assert len(headline) == HEADLINE_SIZE
    assert [item.kind for item in headline].count("section") == HEADLINE_SIZE - 1
    assert any(item.kind == "dropped" and "12 offices" in item.text for item in headline)
