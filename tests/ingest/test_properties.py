"""For any input, ingest raises our own error or returns an Edition whose spans are sound."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import editions
from editions.errors import EditionsError
from editions.model import Edition

# Characters that drive the readers' decisions: markup, punctuation, abbreviations, digits, odd spaces.
_ALPHABET = st.sampled_from(
    [*list("abcXYZ .,;:!?-–—*_#|[]()\\$%\n\n\n\t\xa0\xad\ufeff\"'`<>/&123"), "U.S.", "Jan. ", "Figure 1. ", "- ", "# "]
)
_TEXTS = st.one_of(st.text(max_size=400), st.lists(_ALPHABET, max_size=200).map("".join))


def assert_sound(edition: Edition) -> None:
    n = len(edition.text)
    covered = [0] * n
    for block in edition.blocks:
        assert 0 <= block.span.start < block.span.end <= n
    for sentence in edition.sentences:
        assert 0 <= sentence.span.start < sentence.span.end <= n
        block = edition.blocks[sentence.block]
        assert block.kind.is_content
        assert block.span.contains(sentence.span)
        assert sentence.section == block.section
        for i in range(sentence.span.start, sentence.span.end):
            covered[i] += 1
    for block in edition.blocks:
        for i in range(block.span.start, block.span.end):
            if edition.text[i].isspace():
                continue
            expected = 1 if block.kind.is_content else 0
            assert covered[i] == expected, (block.kind, edition.text[i], i)
    assert [s.index for s in edition.sentences] == list(range(len(edition.sentences)))


@pytest.mark.filterwarnings("ignore::editions.errors.InputWarning")
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS, fmt=st.sampled_from(["text", "markdown"]))
def test_any_text_gives_a_sound_edition_or_our_error(text: str, fmt: str) -> None:
    try:
        edition = editions.read(text.encode("utf-8", errors="surrogatepass"), format=fmt)
    except EditionsError:
        return
    assert_sound(edition)


@pytest.mark.filterwarnings("ignore::editions.errors.InputWarning")
@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_give_a_sound_edition_or_our_error(data: bytes) -> None:
    try:
        edition = editions.read(data)
    except EditionsError:
        return
    assert_sound(edition)
