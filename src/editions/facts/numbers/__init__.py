"""Numbers in running text: counts, money with scale and currency, percentages, fractions, approximation.

Two layers:
- `number_tokens(text)` finds every number written with digits ("54,000", "2.2", ".25", "10k") or words
  ("twenty-one trillion", "two-thirds", "one and a half", "fourth") and gives its value and form
  (cardinal, ordinal, fraction). Ranks and dates build on these tokens too.
- `find_quantities(text, tokens)` looks at what stands around each cardinal or fraction — a currency sign
  or word, a scale word, a percent sign, an approximation word — and makes count, money, percent and
  fraction matches.

Every pattern is anchored by a look-behind or bounded in length, so a scan is linear in the text: no
pattern can re-scan a long run of digits or words from each of its positions.

Modules: `token` (NumberToken and its values), `patterns` (word tables and the patterns the others share),
`spelled` (numbers in words), `tokens` (digits, then words, joined: `number_tokens`), `quantities`
(`find_quantities`, `find_multiples`). Every name other stages import is importable from here.
"""

from __future__ import annotations

from editions.facts.numbers.patterns import (
    APPROXIMATE,
    DIGITS,
    NOTE_LETTER,
    NUMBER_WORDS,
    ORDINALS,
    SCALE_ABBREVIATIONS,
    SCALES,
    TENS,
    TIME_UNIT,
    UNITS,
    VULGAR_FRACTIONS,
    WORD_RUN,
    citation_after,
    ends_with,
    has_digit,
    identifier_before,
)
from editions.facts.numbers.quantities import approximation_before, counted_noun, find_multiples, find_quantities
from editions.facts.numbers.token import MAX_DIGITS, NumberToken, parse_digits, to_value
from editions.facts.numbers.tokens import number_tokens

__all__ = [
    "APPROXIMATE",
    "DIGITS",
    "MAX_DIGITS",
    "NOTE_LETTER",
    "NUMBER_WORDS",
    "ORDINALS",
    "SCALES",
    "SCALE_ABBREVIATIONS",
    "TENS",
    "TIME_UNIT",
    "UNITS",
    "VULGAR_FRACTIONS",
    "WORD_RUN",
    "NumberToken",
    "approximation_before",
    "citation_after",
    "counted_noun",
    "ends_with",
    "find_multiples",
    "find_quantities",
    "has_digit",
    "identifier_before",
    "number_tokens",
    "parse_digits",
    "to_value",
]
