"""The sentence splitter's hand-written fast paths agree with the plain regular expressions they replace."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from editions.structure import sentences

# A word (letters, possibly dotted: "U.S.") and its period, closing punctuation, whitespace, opening
# punctuation, and the next word when it starts with a capital (the reference for `_periods_then_capitals`).
_PERIOD_THEN_CAPITAL = re.compile(
    rf"(?<![\w.'’@/&])(?P<word>[A-Za-z][A-Za-z.]*)\.[{re.escape(sentences._CLOSERS)}]*\s+"
    rf"(?P<next>[{re.escape(sentences._OPENERS)}]*)(?P<follower>[A-Z][\w'’-]*)(?P<article>\s+[a-z])?"
)
_PARTS = st.sampled_from(
    ["a", "Ab", "U.S", "The", "I", "x", ".", "..", " ", "  ", "\n", "\xa0", "1", "é", "_", *"'’@/&\"')]”»([‘“«-"]
)


@given(st.one_of(st.lists(_PARTS, max_size=25).map("".join), st.text(max_size=40)))
@settings(max_examples=4000, deadline=None)
def test_periods_then_capitals_match_their_regex(text: str) -> None:
    expected = [
        (m.start(), m.group("word"), m.start("next"), m.group("follower"), m.group("article"), m.end())
        for m in _PERIOD_THEN_CAPITAL.finditer(text)
    ]
    found = [
        (start, word, after.start("next"), after.group("follower"), after.group("article"), after.end())
        for start, word, after in sentences._periods_then_capitals(text)
    ]
    assert found == expected


def test_periods_then_capitals_do_not_overlap() -> None:
    # "Smith." starts inside the first match ("Dr. Smith"), so finditer never tries it.
    assert [word for _, word, _ in sentences._periods_then_capitals("Dr. Smith. Then x.y. Z")] == ["Dr", "x.y"]
