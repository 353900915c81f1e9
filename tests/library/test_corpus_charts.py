"""Issue 16's acceptance on a library of the whole shared corpus and seeds: the timelines the README shows,
and every report page's charts (from body prose or tables only, mostly figures that moved, no number word)."""

from __future__ import annotations

from pathlib import Path

import pytest

from editions.library import Library
from editions.model import BlockKind

pytestmark = pytest.mark.slow

NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})


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
