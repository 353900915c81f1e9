"""Issue 16's acceptance on a library of the whole shared corpus and seeds: the timelines the README shows,
and every report page's charts (from body prose or tables only, mostly figures that moved, no number word)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editions.library import Library
from editions.model import BlockKind

pytestmark = pytest.mark.slow

NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
# What stands before a number that names rather than counts, read here independently of the facts stage's rules.
IDENTIFIER_BEFORE = re.compile(
    r"(?:\b[A-Z]{2,}|\bNos?\.|\b(?:Order|Directive|Instruction|Section|Title|Plan|Bill|Act|Law|H\.R\.|S\.|"
    r"P\.L\.|Figure|Table|Part|Article|Rule)|§)\s*$"
)
IDENTIFIER_FORM = re.compile(r"^(?:No\.\s?\d|\d+\.\d{2,}$)")


@pytest.fixture(scope="module")
def corpus(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Library:
    lib = Library(tmp_path_factory.mktemp("charts") / "corpus.db")
    lib.add_files([shared / "corpus", shared / "seeds"])
    return lib


def test_troops_and_trading_partner_timelines(corpus: Library) -> None:
    troops = corpus.timeline("IF10199", "troops")
    stated = [p for p in troops.points if p.stated]
    assert [p.date.year for p in stated if p.date] == [2022, 2026]
    assert [p.value for p in stated] == [54000, 55000]
    assert "54,000" in (stated[0].sentence_text or "") and "55,000" in (stated[1].sentence_text or "")
    partner = corpus.timeline("IF10199", "trading partner")
    assert [p.text for p in partner.points if p.stated] == ["fourth-largest", "sixth-largest"]


def test_every_report_page_charts_argument_figures_that_moved(corpus: Library) -> None:
    drawn = flat = 0
    for report in corpus.reports():
        timelines = corpus.summary(report.report).timelines
        for timeline in timelines:
            for p in timeline.points:
                if p.sentence is None:
                    continue
                edition = corpus.get(p.ref)
                sentence = edition.sentences[p.sentence]
                assert sentence.role.is_argument, (p.ref, p.sentence_text)
                kind = edition.blocks[sentence.block].kind
                assert kind not in (BlockKind.TITLE, BlockKind.HEADING, BlockKind.CAPTION), (p.ref, p.sentence_text)
        if any(t.moved for t in timelines):  # otherwise the steadiest are offered folded, not drawn
            for timeline in timelines:
                drawn += 1
                flat += not timeline.moved
                assert not any((p.text or "").lower() in NUMBER_WORDS for p in timeline.points), timeline.query
    assert drawn >= 3
    assert flat <= 0.2 * drawn


def test_the_steadiest_figures_offered_are_neither_identifiers_nor_number_words(corpus: Library) -> None:
    """Where no figure moved, the page offers the steadiest: figures a reader follows, never a directive's number
    ("DODD 3000.09"), a plan's ("Plan No. 2") or a number word ("one-way drones", "two organizations")."""
    offered = 0
    for report in corpus.reports():
        timelines = corpus.summary(report.report).timelines
        if any(t.moved for t in timelines):
            continue
        for timeline in timelines:
            for p in timeline.points:
                if not p.stated:
                    continue
                offered += 1
                text, sentence = p.text or "", p.sentence_text or ""
                assert any(c.isdigit() for c in text), (report.report, text, sentence)
                assert IDENTIFIER_FORM.match(text) is None, (report.report, text, sentence)
                before = sentence[: sentence.find(text)] if text in sentence else ""
                assert IDENTIFIER_BEFORE.search(before) is None, (report.report, text, sentence)
    assert offered >= 20
