"""repair's hand-written fast paths agree with the plain regular expressions they replace."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from editions.ingest import repair

# The end of a sentence (the reference for `repair._terminal`).
_TERMINAL = re.compile(r"[.!?:][\"”’)\]]*\d{0,3}\s*$")
_PARTS = st.sampled_from(
    [*'.!?:"”’)]', "1", "12", "٣", " ", "\n", "\t", "\xa0", "a", "U.S.", "S.Con.Res.", "Abc", "(", "'", "x y z"]
)
_TEXTS = st.one_of(st.lists(_PARTS, max_size=20).map("".join), st.text(max_size=40))


@given(_TEXTS)
@settings(max_examples=3000, deadline=None)
def test_terminal_matches_its_regex(text: str) -> None:
    assert repair._terminal(text) == (_TERMINAL.search(text) is not None)


@given(_TEXTS)
@settings(max_examples=3000, deadline=None)
def test_is_cut_matches_its_regexes(text: str) -> None:
    expected = (not _TERMINAL.search(text) or bool(repair._ABBREVIATION_END.search(text))) and len(text.split()) >= 5
    assert repair._is_cut(text) == expected


_SPACES = st.sampled_from(["a", "b c", " ", "  ", "\t", "\r", "\x0b", "\x1f", "\n", "\xa0", "’", "\u2009", "ﬁ"])


@given(st.lists(_SPACES, max_size=15).map("".join))
@settings(max_examples=2000, deadline=None)
def test_normalize_fast_path_matches_the_general_one(text: str) -> None:
    folded = text.translate(repair._FOLD)
    expected = (
        (repair._SPACES.sub(" ", folded) if repair._UNUSUAL_SPACE.search(folded) else folded).strip()
        if "\n" not in folded
        else "\n".join(repair._SPACES.sub(" ", line).strip() for line in folded.split("\n")).strip()
    )
    assert repair.normalize(text) == expected
