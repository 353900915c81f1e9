"""A number as written (`NumberToken`) and the plain values it turns into."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from editions.model import FactValue

MAX_DIGITS = 30
"""A digit string longer than this is not a figure (an identifier, a hash, noise): it is skipped."""


@dataclass(slots=True)  # not frozen, for speed (see Found); never changed after it is made
class NumberToken:
    """One number as written: `form` is cardinal, ordinal or fraction; `scaled` says whether a scale
    word or suffix ("million", "bn", "k") is part of the token."""

    start: int
    end: int
    value: Decimal
    form: str
    digits: bool
    scaled: bool = False
    suffix: str = ""
    last_scale: int = 0
    """The smallest scale applied ("4 thousand 3 hundred" → 100), 0 when none: numbers chain on it."""


def to_value(value: Decimal, *, fraction: bool = False) -> FactValue:
    """A JSON-friendly number: an int when integral, else a float (fractions to 4 significant digits)."""
    if not value.is_finite():
        return None
    if value == value.to_integral_value():
        return int(value)
    number = float(value)
    if fraction and abs(number) < 1:
        return float(f"{number:.4g}")
    return round(number, 6) if abs(number) < 1e15 else number


_GROUPING = re.compile(r"[,\s\u00a0\u202f]")


def parse_digits(text: str) -> Decimal | None:
    raw = text if text.isdigit() else _GROUPING.sub("", text)
    if len(raw.replace(".", "")) > MAX_DIGITS:
        return None
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None
