"""Issue 5's acceptance on the seeds: the 2018 report summary against the 2022 In Focus.

The expectations name what a reader must be told; the code knows nothing of these texts."""

from __future__ import annotations

from pathlib import Path

import pytest

import editions
from editions.compare import compare, section_name
from editions.compare.brief import GROUPS, HEADLINE_SIZE
from editions.model import Comparison, FactChangeKind
from tests.compare.conftest import assert_partition


@pytest.fixture(scope="module")
def seeds(seed_2018: Path, seed_2022: Path) -> Comparison:
    return compare(editions.read(seed_2018), editions.read(seed_2022))


def _changed(c: Comparison) -> list[tuple[str, str]]:
    out = []
    for fc in c.fact_changes:
        if fc.kind is FactChangeKind.CHANGED:
            assert fc.old is not None and fc.new is not None
            out.append((c.old.text_of(fc.old), c.new.text_of(fc.new)))
    return out


def test_every_sentence_in_one_link(seeds: Comparison) -> None:
    assert_partition(seeds)


@pytest.mark.parametrize(
    ("old", "new", "new_sentence_has"),
    [
        ("50,000", "54,000", "troops"),
        ("second largest", "largest", "foreign direct investment"),
        ("second largest", "largest", "Treasury"),
        ("1952", "1951", "ally"),
        ("Shinzo Abe", "Kishida Fumio", "Prime Minister"),
    ],
)
def test_figure_changes_reported(seeds: Comparison, old: str, new: str, new_sentence_has: str) -> None:
    c = seeds
    for fc in c.fact_changes:
        if fc.kind is not FactChangeKind.CHANGED or fc.old is None or fc.new is None:
            continue
        new_sentence = c.new.text_of(c.new.sentences[fc.new.sentence])
        old_fact, new_fact = c.old.text_of(fc.old), c.new.text_of(fc.new)
        if old in old_fact and new in new_fact and new_sentence_has in new_sentence:
            # Both sentences cited: in the brief too.
            cited = [
                item
                for item in c.brief
                if item.kind == "figure"
                and fc.old.sentence in item.citations.old
                and fc.new.sentence in item.citations.new
            ]
            assert cited, f"no brief item cites the change {old_fact} → {new_fact}"
            return
    pytest.fail(f"{old} → {new} not reported; changes: {_changed(c)}")


def test_fourth_largest_trading_partner_not_changed(seeds: Comparison) -> None:
    for old_fact, new_fact in _changed(seeds):
        assert "fourth" not in old_fact and "fourth" not in new_fact


def test_no_other_figure_reported_changed(seeds: Comparison) -> None:
    # Precision: the five changes above are all the figure changes a reader should see.
    assert len(_changed(seeds)) == 5, _changed(seeds)


@pytest.mark.parametrize("needle", ["assassin", "Quad", "IPEF", "Ukraine"])
def test_new_statements_listed(seeds: Comparison, needle: str) -> None:
    c = seeds
    # Listed by a new statement, a run of new sentences or a new section, which cites it and quotes its first
    # sentence.
    news = [item for item in c.brief if item.kind in ("new", "list", "section")]
    citing = [item for item in news for j in item.citations.new if needle in c.new.text_of(c.new.sentences[j])]
    assert citing
    for item in citing:
        first = " ".join(c.new.text_of(c.new.sentences[item.citations.new[0]]).split()[:5])
        assert first in item.text


def test_brief_order_and_sections(seeds: Comparison) -> None:
    """The headline (at most seven items) first, led by the changed figures; then the groups in their order."""
    headline = seeds.headline
    assert 0 < len(headline) <= HEADLINE_SIZE and seeds.brief[: len(headline)] == headline
    assert headline[0].kind == "figure" and headline[0].fact_changes
    ranks = [GROUPS.index(item.group) for item in seeds.brief[len(headline) :]]
    assert ranks == sorted(ranks)
    sections = {" › ".join(s.section) for s in seeds.new.sentences if s.section}
    for item in seeds.brief:
        if item.kind == "new":
            assert any(item.text.startswith(name + ":") for name in sections)


def test_brief_quotes_only_the_editions(seeds: Comparison) -> None:
    """Every quoted passage of every item is text of one of the editions (whitespace aside)."""
    import re

    old_text = " ".join(seeds.old.text.split())
    new_text = " ".join(seeds.new.text.split())
    for item in seeds.brief:
        for quoted in re.findall(r"“([^”]*)”", item.text):
            for piece in re.split(r"…", quoted):
                piece = " ".join(piece.split()).strip()
                if piece:
                    assert piece in old_text or piece in new_text, (piece, item.text)


def test_no_link_on_one_shared_word(seeds: Comparison) -> None:
    """The 2018 sentence on trade tensions under the Trump Administration and the 2022 one on Tokyo and
    Beijing share only "tensions": they are a dropped and a new statement, not one edited sentence."""
    c = seeds
    for link in c.links:
        if link.old and link.new:
            old = " ".join(c.old.text_of(c.old.sentences[i]) for i in link.old)
            new = " ".join(c.new.text_of(c.new.sentences[j]) for j in link.new)
            assert not ("Trump Administration" in old and "Beijing" in new), (old, new)


def test_every_item_names_its_section_and_cites_its_sentences(seeds: Comparison) -> None:
    c = seeds
    kinds = {item.kind for item in c.brief}
    assert {"figure", "new", "dropped", "reworded"} <= kinds
    for item in c.brief:
        if item.kind in ("cosmetic", "notes"):
            # One line across sections: cosmetic edits, or notes and references.
            assert item.citations.old or item.citations.new
            continue
        cites = item.citations
        assert cites.old or cites.new, item
        # Named by the section of the sentence it cites: the new one's when it has one, else the old one's; a
        # new or dropped section by its heading.
        section = section_name(c.new, cites.new[0]) if cites.new else section_name(c.old, cites.old[0])
        if item.kind == "section":
            assert f"section “{section.rsplit(' › ', 1)[-1]}”" in item.text, (section, item.text)
        else:
            assert item.text.startswith(section), (section, item.text)
        for i in cites.old:
            assert 0 <= i < len(c.old.sentences)
        for j in cites.new:
            assert 0 <= j < len(c.new.sentences)
        if item.kind in ("new", "dropped"):
            # A new or dropped statement quotes the sentence it cites.
            edition, k = (c.new, cites.new[0]) if item.kind == "new" else (c.old, cites.old[0])
            first_words = " ".join(edition.text_of(edition.sentences[k]).split()[:6])
            assert first_words in " ".join(item.text.split()), (first_words, item.text)
