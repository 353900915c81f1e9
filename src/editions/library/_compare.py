"""What the library takes from `editions.compare`, when that stage is installed: the alignment of two editions'
sentences and the share of sentences changed. Without it, the library aligns only sentences whose text is
identical (which is what `Library` does in SQL anyway), so every caller works either way."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from editions.model import Edition

ENGINE = "compare-1"
"""Stored with cached comparisons; bump it when compare's output changes meaning, to recompute them."""

LinkRow = tuple[tuple[int, ...], tuple[int, ...], str, float]
"""(old sentence indices, new sentence indices, kind, similarity)."""


def _compare() -> Callable[[Edition, Edition], Any] | None:
    try:
        module = importlib.import_module("editions.compare")
    except ImportError:
        return None
    fn = getattr(module, "compare", None)
    return fn if callable(fn) else None


def available() -> bool:
    return _compare() is not None


def align(old: Edition, new: Edition) -> tuple[list[LinkRow], dict[str, float]] | None:
    """compare(old, new)'s links and stats, or None when the compare stage is not installed."""
    fn = _compare()
    if fn is None:
        return None
    return rows_of(fn(old, new))


def rows_of(comparison: Any) -> tuple[list[LinkRow], dict[str, float]]:
    """A Comparison's links and numeric stats, as the library keeps them."""
    links: list[LinkRow] = [
        (tuple(link.old), tuple(link.new), str(link.kind), float(link.similarity)) for link in comparison.links
    ]
    stats = {str(k): float(v) for k, v in dict(comparison.stats).items() if isinstance(v, int | float)}
    return links, stats


def changed_share(stats: dict[str, float]) -> float | None:
    """The share of sentences changed, from a comparison's stats, under the names compare may use."""
    for key in ("sentences_changed", "changed_sentences", "sentence_changed", "changed"):
        if key in stats:
            return stats[key]
    return None
