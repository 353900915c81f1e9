"""Sentence alignment: the seven link kinds on small made-up editions, and the partition property."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editions.compare.align import AlignParams, align
from editions.compare.align.gap import split_holds as _split_holds
from editions.model import LinkKind
from tests.compare.conftest import assert_links_partition

S = [
    "The committee met on Tuesday to review the budget request.",
    "Members raised concerns about the cost of the new program.",
    "The chair said a vote would follow next month.",
    "Several witnesses testified about the effects on rural hospitals.",
    "The agency estimated that 1,200 facilities would be affected.",
    "Critics argued that the estimate was too low.",
]


def kinds(links: list) -> list[tuple[tuple[int, ...], tuple[int, ...], str]]:  # type: ignore[type-arg]
    return [(link.old, link.new, str(link.kind)) for link in links]


def test_identical() -> None:
    links = align(S, S)
    assert all(link.kind is LinkKind.SAME for link in links)
    assert [link.old for link in links] == [(i,) for i in range(len(S))]


def test_edited_added_deleted() -> None:
    new = [S[0], S[1].replace("new program", "new loan program"), "An entirely different remark follows.", *S[3:]]
    new.remove(S[4])
    links = align(S, new)
    assert_links_partition(links, len(S), len(new))
    got = kinds(links)
    assert ((1,), (1,), "edited") in got
    assert ((), (2,), "added") in got
    assert ((2,), (), "deleted") in got
    assert ((4,), (), "deleted") in got


def test_moved() -> None:
    new = [S[0], S[2], S[3], S[4], S[1], S[5]]
    links = align(S, new)
    assert ((1,), (4,), "moved") in kinds(links)
    assert sum(1 for link in links if link.kind is LinkKind.SAME) == 5


def test_moved_and_edited() -> None:
    new = [S[0], S[2], S[3], S[4], S[1].replace("concerns", "serious concerns"), S[5]]
    links = align(S, new)
    assert ((1,), (4,), "moved") in kinds(links)


def test_split_and_merge() -> None:
    old = [
        S[0],
        "Members raised concerns about the cost of the new program, and the chair said a vote would follow.",
        S[5],
    ]
    new = [
        S[0],
        "Members raised concerns about the cost of the new program.",
        "The chair said a vote would follow.",
        S[5],
    ]
    assert ((1,), (1, 2), "split") in kinds(align(old, new))
    assert ((1, 2), (1,), "merged") in kinds(align(new, old))


def test_nothing_shared() -> None:
    other = ["Zebras graze quietly.", "Pianos need tuning twice a year.", "Volcanic soil is fertile."]
    links = align(S, other)
    assert_links_partition(links, len(S), len(other))
    assert {link.kind for link in links} == {LinkKind.ADDED, LinkKind.DELETED}


def test_empty_sides() -> None:
    assert kinds(align([], S[:2])) == [((), (0,), "added"), ((), (1,), "added")]
    assert kinds(align(S[:2], [])) == [((0,), (), "deleted"), ((1,), (), "deleted")]
    assert align([], []) == []


def test_typography_is_not_a_change() -> None:
    old = ["Japan’s  “largest” partner — again."]
    new = ['Japan\'s "largest" partner - again.']
    assert kinds(align(old, new)) == [((0,), (0,), "same")]


def test_reading_order() -> None:
    new = [S[0], "A new first remark.", S[2], S[3], S[4], S[5]]
    links = align(S, new)
    # The deleted sentence 1 sits where it stood, before what followed it.
    order = [(link.old, link.new) for link in links]
    assert order.index(((1,), ())) < order.index(((2,), (2,)))


sentences = st.sampled_from([*S, "Short one.", "Another sentence about costs.", "The vote was delayed."])


@settings(max_examples=150, deadline=None)
@given(st.lists(sentences, max_size=12), st.lists(sentences, max_size=12))
def test_partition_property(old: list[str], new: list[str]) -> None:
    links = align(old, new)
    assert_links_partition(links, len(old), len(new))
    for link in links:
        assert 0.0 <= link.similarity <= 1.0


def test_one_shared_word_is_not_one_sentence() -> None:
    # Similar in characters and function words, but only "tensions" in common.
    old = [S[0], "Tensions in the trade relationship have increased under the new administration.", S[5]]
    new = [S[0], "Despite these tensions, the two capitals have tried to stabilize relations.", S[5]]
    got = kinds(align(old, new))
    assert ((1,), (), "deleted") in got
    assert ((), (1,), "added") in got
    # Without the rule the two would be one edited sentence.
    assert ((1,), (1,), "edited") in kinds(align(old, new, params=AlignParams(min_shared_words=0)))


def test_short_sentences_need_half_their_content_words() -> None:
    old = [S[0], "Costs rose.", S[5]]
    new = [S[0], "Costs rose sharply.", S[5]]
    assert ((1,), (1,), "edited") in kinds(align(old, new))


def test_footnote_letter_cut_off_is_a_split() -> None:
    old = [S[0], "a. For annual appropriations of bridge funding, see the table.", S[5]]
    new = [S[0], "a.", "For annual appropriations of bridge funding, see the table.", S[5]]
    assert ((1,), (1, 2), "split") in kinds(align(old, new))
    reworded = [S[0], "a.", "For annual appropriations of funding for bridges, see the table.", S[5]]
    assert ((1,), (1, 2), "split") in kinds(align(old, reworded))


def test_split_needs_evidence() -> None:
    p = AlignParams()
    whole = "members raised concerns about the cost of the new program which the agency will review"
    first = "members raised concerns about the cost of the new program"
    # The second part is mostly words the sentence does not have: an added sentence, not half of a split.
    assert not _split_holds(
        0.95, 0.8, 0.3, first, "veterans wait months for appointments at regional offices", whole, p
    )
    # Drawn from the sentence, but the pair explains it hardly better than the first part alone.
    assert not _split_holds(0.83, 0.8, 0.5, first, "the agency will review it soon enough", whole, p)
    # Drawn from it and clearly better: a split.
    assert _split_holds(0.95, 0.8, 0.5, first, "the agency will review it", whole, p)
    # A piece cut whole out of the sentence needs only to help.
    assert _split_holds(0.81, 0.8, 0.3, first, "the agency", whole, p)
