"""How many sentences two editions share word for word, counted and kept (`sentence_overlaps`): what an
edition's "% changed" is counted from until the pair has been compared."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from editions.library._db import Database
from editions.library.reading import _query_in


def _share(common: int, total: int) -> float:
    """The share of sentences changed between two editions of `total` sentences together, `common` of which
    (counted in each) have the same text in both: 1 − 2·common / total."""
    return 0.0 if total == 0 else 1 - 2 * common / total


def _common_sentences(db: Database, pairs: Sequence[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """For each (old pk, new pk) pair, how many sentences the two editions share word for word (as a multiset:
    a sentence said twice in both counts twice)."""
    # Each edition's passages come as one text ("12,12,40,…"): a Counter of its parts is built in C, where one
    # row per sentence cost several times as much (benchmarks/library.py's add throughput; docs/quality.md).
    joined = db.joined_text("passage_pk")
    bags: dict[int, Counter[str]] = {}
    for edition_pk, passages in _query_in(
        db,
        f"SELECT edition_pk, {joined} FROM sentences WHERE edition_pk IN ({{marks}}) GROUP BY edition_pk",
        sorted({pk for pair in pairs for pk in pair}),
    ):
        bags[int(edition_pk)] = Counter(str(passages).split(","))
    empty: Counter[str] = Counter()
    return {(a, b): (bags.get(a, empty) & bags.get(b, empty)).total() for a, b in pairs}


def _store_overlaps(db: Database, common: dict[tuple[int, int], int]) -> None:
    for (old_pk, new_pk), n in common.items():
        db.execute(
            "INSERT INTO sentence_overlaps (old_pk, new_pk, common) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (old_pk, new_pk, n),
        )
