"""The thresholds and reaches by which `settle` decides that two statements of a value are one claim, and
that a quantity of a dropped sentence and one of an added sentence are one changed figure (rule 3)."""

from __future__ import annotations

RESTATED_THRESHOLD = 0.3
"""How much two measures' words, weighted by rarity, must agree for two statements of a specific value (or two
close by) to be one claim."""
GENERIC_THRESHOLD = 0.6
"""...and for a common value (a year, "60 days", "2": see `is_specific`): many measures of one report take it."""
CONTEXT_THRESHOLD = 0.4
"""How much the words around two figures must agree (Dice) where those words may decide."""
MAX_CANDIDATES = 8
"""How many statements of one value a figure is compared with (the nearest): a long report states a year
hundreds of times, and comparing with each would make the work grow with the square of the report."""
NEAR = 2
"""Statements of one value this many sentences apart or fewer are close: their surrounding words may decide."""
NEIGHBOURS = 2
"""How many content words on one side of two figures must be the same for them to state one claim."""
NEIGHBOUR_CHARS = 40
"""How far each side of a fact its neighbouring words are looked for."""
CONTEXT_CHARS = 80
"""How far each side of a fact its surrounding words reach (the words of a measure that is too short)."""
SAME_SIZE = 2.0
"""Two values more than this factor apart are not one figure changed across sentences (rule 3)."""
ACROSS_THRESHOLD = 0.2
"""Rule 3: how much the measures (with heading and lead-in words), weighted by rarity, must agree."""
COUNTED_NOUN_CHARS = 60
"""How far after a quantity the noun it counts is looked for (rule 3)."""
ACRONYM_CHARS = 80
"""How far before an acronym's definition "(LPB)" the words it abbreviates are looked for."""
