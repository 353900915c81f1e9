"""The PDF reader's hand-written fast paths agree with the plain regular expressions they replace."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from editions.ingest.pdf import blocks, extract

# What a table-of-contents line ends with: dots and a page number (the reference for `blocks._dot_leader`).
_DOT_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d+\s*$|\s\.{3,}\s*\d+\s*$")
_LEADER_PARTS = st.sampled_from([".", ". ", "..", "...", " ", "  ", "\t", "\n", "\xa0", "1", "12", "٣", "x", "Ab"])


@given(st.one_of(st.lists(_LEADER_PARTS, max_size=20).map("".join), st.text(max_size=40)))
@settings(max_examples=3000, deadline=None)
def test_dot_leader_matches_its_regex(text: str) -> None:
    assert blocks._dot_leader(text) == (_DOT_LEADER.search(text) is not None)


def test_dot_leader_examples() -> None:
    assert blocks._dot_leader("Introduction .......... 4")
    assert blocks._dot_leader("Introduction . . . . . 12 ")
    assert blocks._dot_leader("Overview ... 3")
    assert not blocks._dot_leader("Overview...3")
    assert not blocks._dot_leader("in FY2025 the total was 1.3")


# Digits that may be a footnote mark glued to a word (the reference for `extract._mark_candidates`).
_SUP_CANDIDATE = re.compile(r"(?<=[^\s\d(\[$§#/+.,-])\d{1,3}(?=[\s,;.)\]:—]|$)|(?<=[.,])\d{1,3}(?=[\s,;)\]:]|$)")
_MARK_PARTS = st.sampled_from(["1", "12", "123", "1234", "٣", "a", "Ab", " ", "\t", "\xa0", "\n", *"(.,;:)[]$§#/+-—"])


@given(st.one_of(st.lists(_MARK_PARTS, max_size=20).map("".join), st.text(max_size=40)))
@settings(max_examples=3000, deadline=None)
def test_mark_candidates_match_their_regex(text: str) -> None:
    assert list(extract._mark_candidates(text)) == [m.span() for m in _SUP_CANDIDATE.finditer(text)]


_SPECIAL = st.sampled_from(["a", " ", "  ", "\t", "\x02", "\ufffe", "\ufffd", "\xa0", "\u2003", "é", "x y"])


@given(st.lists(_SPECIAL, max_size=12).map("".join))
@settings(max_examples=1000, deadline=None)
def test_clean_fast_path_changes_nothing(text: str) -> None:
    if text.isascii() and "  " not in text and "\t" not in text and "\x02" not in text:
        slow = text.replace("\ufffe", "\xad").replace("\x02", "\xad").replace("\ufffd", "")
        assert (
            extract._clean(text)
            == (extract._SPACES.sub(" ", slow) if extract._UNUSUAL_SPACE.search(slow) else slow).strip()
        )


_STOP_PARTS = st.sampled_from(["a", ".", "!", "?", ":", '"', "”", "’", ")", "]", "\n", " ", "x."])


@given(st.one_of(st.lists(_STOP_PARTS, max_size=8).map("".join), st.text(max_size=10)))
@settings(max_examples=2000, deadline=None)
def test_ends_with_stop_matches_its_regex(text: str) -> None:
    assert blocks._ends_with_stop(text) == (re.search(r"[.!?:][\"”’)]?$", text) is not None)
