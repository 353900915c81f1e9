"""The two seed editions: what a reader of each must see."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import editions
from editions.model import Author, BlockKind


def test_2022_in_focus_metadata(seed_2022: Path) -> None:
    edition = editions.read(seed_2022)
    assert edition.title == "U.S.-Japan Relations"
    assert edition.date == dt.date(2022, 7, 21)
    assert edition.authors == (
        Author("Emma Chanlett-Avery", "Coordinator, Specialist in Asian Affairs"),
        Author("Mark E. Manyin", "Specialist in Asian Affairs"),
        Author("Brock R. Williams", "Specialist in International Trade and Finance"),
        Author("Cathleen D. Cimino-Isaacs", "Specialist in International Trade and Finance"),
        Author("Caitlin Campbell", "Analyst in Asian Affairs"),
    )
    assert edition.source.format == "markdown"


def test_2022_paragraph_cut_at_column_break_is_one_sentence(seed_2022: Path) -> None:
    edition = editions.read(seed_2022)
    komeito = [edition.text_of(s) for s in edition.sentences if "Komeito, increased" in edition.text_of(s)]
    assert len(komeito) == 1
    assert komeito[0].startswith("In the vote, the LDP and its coalition partner, Komeito, increased their majority")
    assert komeito[0].endswith("despite economic difficulties such as accelerating inflation.")
    # The paragraph it sits in starts where the cut paragraph started.
    block = edition.blocks[next(s for s in edition.sentences if "Komeito, increased" in edition.text_of(s)).block]
    assert edition.text_of(block).startswith("After Abe's assassination")
    assert block.kind is BlockKind.PARAGRAPH


def test_2022_markdown_escapes_undone(seed_2022: Path) -> None:
    edition = editions.read(seed_2022)
    assert "\\$" not in edition.text
    assert "\\" not in edition.text
    assert "pledging $300 million in humanitarian and development aid" in edition.text
    assert "**" not in edition.text


def test_2022_figure_caption_and_source(seed_2022: Path) -> None:
    edition = editions.read(seed_2022)
    captions = [edition.text_of(b) for b in edition.blocks if b.kind is BlockKind.CAPTION]
    assert captions == ["Figure 1. Top U.S. Trade Partners, 2021", "Source: Bureau of Economic Analysis."]


def test_2022_disclaimer_and_bylines_are_boilerplate(seed_2022: Path) -> None:
    edition = editions.read(seed_2022)
    furniture = " ".join(edition.text_of(b) for b in edition.blocks if b.kind is BlockKind.BOILERPLATE)
    assert "This document was prepared by the Congressional Research Service" in furniture
    assert "Emma Chanlett-Avery, Coordinator" in furniture
    content = " ".join(edition.text_of(s) for s in edition.sentences)
    assert "Congressional Research Service" not in content
    assert "Chanlett-Avery" not in content
    assert "Updated July 21, 2022" not in content


def test_2022_sections(seed_2022: Path) -> None:
    edition = editions.read(seed_2022)
    abe = next(s for s in edition.sentences if "an assassin shot and killed" in edition.text_of(s))
    assert abe.section == ("Former PM Abe Assassination",)
    trade = next(s for s in edition.sentences if "fourth-largest overall trading partner." in edition.text_of(s))
    assert trade.section == ("Economic and Trade Issues",)
    assert ("Regional Relations",) in edition.sections


def test_2018_summary(seed_2018: Path) -> None:
    edition = editions.read(seed_2018)
    assert edition.title == "Japan-U.S. Relations"
    assert edition.source.format == "text"
    paragraphs = [edition.text_of(b) for b in edition.blocks if b.kind is BlockKind.PARAGRAPH]
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("Japan is a significant partner of the United States")
    assert paragraphs[-1].endswith("relocate the controversial Futenma base on Okinawa.")
    troops = [edition.text_of(s) for s in edition.sentences if "50,000" in edition.text_of(s)]
    assert troops == [
        "The U.S.-Japan military alliance, formed in 1952, grants the U.S. military the right to base U.S. "
        "troops—currently around 50,000 strong—and other military assets on Japanese territory."
    ]
