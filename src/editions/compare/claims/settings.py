"""The thresholds and reaches by which `settle` decides that two statements of a value are one claim, and
that a quantity of a dropped sentence and one of an added sentence are one changed figure (rule 3)."""

from __future__ import annotations

RESTATED_THRESHOLD = 0.3
GENERIC_THRESHOLD = 0.6
"""...and for a common value (a year, "60 days", "2": see `_specific`): many measures of one report take it."""
CONTEXT_THRESHOLD = 0.4
MAX_CANDIDATES = 8
"""How many statements of one value a figure is compared with (the nearest): a long report states a year
hundreds of times, and comparing with each would make the work grow with the square of the report."""
_NEAR = 2
"""Statements of one value this many sentences apart or fewer are close: their surrounding words may decide."""
NEIGHBOURS = 2
"""How many content words on one side of two figures must be the same for them to state one claim."""
NEIGHBOUR_CHARS = 40


CONTEXT_CHARS = 80
"""How far each side of a fact its surrounding words reach (the words of a measure that is too short)."""
SAME_SIZE = 2.0
"""Two values more than this factor apart are not one figure changed across sentences (rule 3)."""
ACROSS_THRESHOLD = 0.2
"""Rule 3: how much the measures (with heading and lead-in words), weighted by rarity, must agree."""
