"""How alike two measures' words are."""

from __future__ import annotations

STATUS_WORDS = frozenset({"former", "ex", "late", "outgoing", "previous"})


def measure_agreement(a: frozenset[str], b: frozenset[str], weight: dict[str, float]) -> float:
    """How alike two measures' normalized word sets are: Dice with each word weighted by its rarity (a word
    every figure's measure has, such as the report's subject country, says little), halved when only one of
    them speaks of a former state."""
    if not a or not b:
        return 0.0
    total = sum(weight.get(w, 1.0) for w in a) + sum(weight.get(w, 1.0) for w in b)
    score = 2 * sum(weight.get(w, 1.0) for w in a & b) / total if total else 0.0
    return score / 2 if bool(a & STATUS_WORDS) != bool(b & STATUS_WORDS) else score


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))
