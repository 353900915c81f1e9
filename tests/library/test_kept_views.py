"""What the library keeps when editions are added so that pages need not compute it on their first view: the
sentences consecutive editions share (their "% changed") and each report's summary (latest brief, charted
figures). On SQLite and PostgreSQL (`library_url`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

import editions
from editions.library import AddStatus, Library

REPO = Path(__file__).resolve().parents[2]
SAMPLES = sorted((REPO / "samples").glob("IF99001-*"))


@pytest.fixture
def library(library_url: str) -> Iterator[Library]:
    with Library(library_url) as lib:
        yield lib


def counted_share(old: editions.Edition, new: editions.Edition) -> float:
    """1 − 2·common / (n_old + n_new) over sentences of identical text, counted here from the editions."""
    a = Counter(old.text_of(s) for s in old.sentences)
    b = Counter(new.text_of(s) for s in new.sentences)
    return 1 - 2 * (a & b).total() / (a.total() + b.total())


def test_shares_are_kept_at_add_time_and_equal_a_count(library: Library) -> None:
    # Added out of order: the middle edition comes last, so both of its pairs are kept when it arrives.
    for path in (SAMPLES[0], SAMPLES[2], SAMPLES[1]):
        library.add(path)
    read = [editions.read(p) for p in SAMPLES]
    expected = [None, counted_share(read[0], read[1]), counted_share(read[1], read[2])]
    assert [e.changed for e in library.editions("IF99001")] == pytest.approx(expected)
    assert expected[1] is not None and 0 < expected[1] < 1
    pks = [int(pk) for (pk,) in library._db.query("SELECT pk FROM editions ORDER BY date")]
    kept = {(int(o), int(n)) for o, n in library._db.query("SELECT old_pk, new_pk FROM sentence_overlaps")}
    assert {(pks[0], pks[1]), (pks[1], pks[2])} <= kept


def test_a_library_without_kept_shares_counts_them_and_keeps_them(library: Library) -> None:
    for path in SAMPLES:
        library.add(path)
    before = library.editions("IF99001")
    library._db.write(lambda db: db.execute("DELETE FROM sentence_overlaps"))
    assert library.editions("IF99001") == before
    assert library._db.query("SELECT count(*) FROM sentence_overlaps")[0][0] == 2


def test_summary_is_made_once_and_kept(library: Library) -> None:
    results = library.add_files(SAMPLES)  # prepares the report it added to
    assert all(r.added is not None and r.added.status is AddStatus.ADDED for r in results)
    stored = library._db.query("SELECT body FROM summaries")
    assert len(stored) == 1
    kept = library.summary("IF99001")
    assert library.prepare() == 0  # nothing older than its editions

    # What was kept is what computing it now gives, and what the issue asks a report page to show.
    library._db.write(lambda db: db.execute("DELETE FROM summaries"))
    assert library.summary("IF99001") == kept
    latest = library.compare("IF99001~1", "IF99001")
    assert kept.brief == latest.brief and kept.brief
    charted = {t.query for t in kept.timelines}
    assert charted and all(len({p.number for p in t.points if p.number is not None}) >= 1 for t in kept.timelines)
    for timeline in kept.timelines:
        assert timeline == library.timeline("IF99001", timeline.query)


def test_summary_follows_new_editions(library: Library, tmp_path: Path) -> None:
    library.add_files(SAMPLES[:2])
    two = library.summary("IF99001")
    assert two.timelines and all(len(t.points) == 2 for t in two.timelines)
    library.add(SAMPLES[2])  # `add` alone does not prepare: the summary is stale and made on the next call
    three = library.summary("IF99001")
    assert three != two and all(len(t.points) == 3 for t in three.timelines)
    assert library.prepare(["IF99001"]) == 0
    (engine,) = library._db.query("SELECT engine FROM summaries")[0]
    library._db.write(lambda db: db.execute("UPDATE summaries SET engine = 'older'"))
    assert library.prepare(["IF99001"]) == 1 and engine != "older"  # made by other code: made again
    assert library.summary("IF99001") == three


def test_one_edition_has_no_brief(library: Library) -> None:
    library.add_files(SAMPLES[:1])
    assert library.summary("IF99001").brief is None
    assert library.summary("IF99001").timelines == ()
