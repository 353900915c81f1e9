"""repair's hand-written fast paths agree with the plain regular expressions they replace."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from editions.ingest import repair
from editions.model import BlockKind, RawBlock

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


_WORD_PARTS = st.sampled_from(
    ["ab", "C", "é", "β", "'", "’", "-", "--", " ", "\n", "1", "_", "—", "–", "§", "…", "\xad", "econ\xad omy", "."]
)


@given(st.lists(st.one_of(st.lists(_WORD_PARTS, max_size=12).map("".join), st.text(max_size=20)), max_size=5))
@settings(max_examples=2000, deadline=None)
def test_vocabulary_counts_what_findall_finds(texts: list[str]) -> None:
    blocks = [RawBlock(BlockKind.PARAGRAPH, text) for text in texts]
    expected: Counter[str] = Counter()
    for text in texts:
        text = repair._BROKEN_WORD.sub(" ", text) if repair.SOFT_HYPHEN in text else text
        expected.update(map(str.lower, repair._WORD.findall(text)))
    assert repair._vocabulary(blocks) == expected


# A word broken by a soft hyphen, as first written (the reference for `repair._BROKEN_WORD`).
_BROKEN_WORD = re.compile(r"([^\W\d_]+)\s*\u00ad\s*([^\W\d_]*)")


@given(st.lists(_WORD_PARTS, max_size=15).map("".join))
@settings(max_examples=3000, deadline=None)
def test_broken_word_matches_as_first_written(text: str) -> None:
    def spans(pattern: re.Pattern[str]) -> list[tuple[int, ...]]:
        return [m.span(0) + m.span(1) + m.span(2) for m in pattern.finditer(text)]

    assert spans(repair._BROKEN_WORD) == spans(_BROKEN_WORD)
