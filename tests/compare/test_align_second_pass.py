"""The second pass inside a gap: a sentence moved a few places and edited, and a non-adjacent part of a split or
merge (all texts invented for these tests)."""

from __future__ import annotations

from editions.compare.align import DEFAULT_PARAMS, AlignParams, align
from editions.model import LinkKind
from tests.compare.conftest import assert_links_partition

OFF = AlignParams(near_move_shared=99, part_novel=99)
"""The aligner without the second pass, to show that each test needs it."""


def links_of(old: list[str], new: list[str], params: AlignParams = DEFAULT_PARAMS) -> dict[tuple[int, ...], tuple]:  # type: ignore[type-arg]
    links = align(old, new, params=params)
    assert_links_partition(links, len(old), len(new))
    return {link.old: (link.new, link.kind) for link in links if link.old}


MOVED_OLD = [
    "The county board adopted a plan to expand the public library network across the region.",
    "It would also double the hours of the mobile reading service from 10 to 20 each week.",
    "The library expansion belongs to a draft 2034 capital budget the board took up on May 4.",
    "Opponents say the cost was never published.",
]
MOVED_NEW = [
    "The county board approved a plan to widen the public library network to every town in the region.",
    "The library expansion belongs to a draft 2034 capital budget.",
    "The plan would also double the hours of the mobile reading service, raising them from 10 to 20 each week.",
    "Opponents say the cost was never published.",
]


def test_sentence_edited_and_moved_within_a_gap_is_paired() -> None:
    # The 1:1 programme keeps the order, so it can take only one of the two crossing edits.
    assert links_of(MOVED_OLD, MOVED_NEW, OFF)[(2,)][1] is LinkKind.DELETED
    new, kind = links_of(MOVED_OLD, MOVED_NEW)[(2,)]
    assert new == (1,)
    assert kind is LinkKind.MOVED
    assert links_of(MOVED_OLD, MOVED_NEW)[(1,)] == ((2,), LinkKind.EDITED)


def test_unrelated_sentences_in_a_gap_stay_apart() -> None:
    old = [
        MOVED_OLD[0],
        MOVED_OLD[1],
        "Rainfall in the valley was heavy this spring and flooded two roads.",
        MOVED_OLD[3],
    ]
    new = [MOVED_NEW[0], "A citizens' panel will review library hours next year.", MOVED_NEW[2], MOVED_NEW[3]]
    got = links_of(old, new)
    assert got[(2,)] == ((), LinkKind.DELETED)
    assert all(1 not in n for n, _ in got.values())


SPLIT_OLD = [
    "The state water board is weighing rules that would postpone, by two years, the date towns first pay part "
    "of reservoir repair costs, now set for July 1, 2037.",
    "Repairs are paid from a fund the board manages.",
]
SPLIT_NEW = [
    "The state water board issued rules (Order 88) that would push back the date towns first pay part of "
    "reservoir repair costs with the state fund.",
    "The rules are part of a wider water package.",
    "The board order would postpone that date by two years (to July 1, 2037).",
    "Repairs are paid from a fund the board manages.",
]


def test_split_into_two_sentences_that_are_not_adjacent() -> None:
    assert links_of(SPLIT_OLD, SPLIT_NEW, OFF)[(0,)] == ((0,), LinkKind.EDITED)
    new, kind = links_of(SPLIT_OLD, SPLIT_NEW)[(0,)]
    assert new == (0, 2)
    assert kind is LinkKind.SPLIT


def test_a_new_statement_between_the_parts_stays_added() -> None:
    # It shares words with the old sentence, but says nothing of it that the two parts do not already say.
    new = [
        *SPLIT_NEW[:1],
        "Under the old rules, towns were to first pay part of repair costs on July 1, 2034.",
        *SPLIT_NEW[2:],
    ]
    got = links_of(SPLIT_OLD, new)
    assert got[(0,)][0] == (0, 2)
    assert all(1 not in n for n, _ in got.values())


MERGE_OLD = [
    "The river compact, signed in 1961, gives the upper basin the right to store water behind four dams "
    "and to divert it for farms in dry years.",
    "In exchange, the lower basin receives a guaranteed yearly delivery.",
    "Disputes go to a joint commission.",
]
MERGE_NEW = [
    "The river compact gives the upper basin states the right to store water behind four dams and to divert "
    "it for farms in dry years, in exchange for a guaranteed yearly delivery to the lower basin.",
    "Disputes go to a joint commission.",
]


def test_merge_with_a_sentence_the_margin_rule_refused() -> None:
    assert links_of(MERGE_OLD, MERGE_NEW, OFF)[(1,)][1] is LinkKind.DELETED
    got = links_of(MERGE_OLD, MERGE_NEW)
    assert got[(0, 1)] == ((0,), LinkKind.MERGED)


def test_a_sentence_on_another_subject_is_not_merged() -> None:
    old = [MERGE_OLD[0], "The upper basin also hosts a ski industry worth a great deal to the state.", MERGE_OLD[2]]
    got = links_of(old, MERGE_NEW)
    assert got[(1,)] == ((), LinkKind.DELETED)
    assert got[(0,)] == ((0,), LinkKind.EDITED)


DRAWN_OLD = [
    "The harbor authority opened its annual review on Monday.",
    "In its spending plan under Order 12-7, the board set out 2035 dredging costs from two studies: Report 40-118 "
    "put shared dredging costs for the east channel at no less than $14 million, and Report 40-221 put the east "
    "channel's total at $19 million, the same as the approved 2036 amount and the level the port commission had "
    "asked the state legislature to keep in place.",
    "Shipping volumes were flat.",
]
DRAWN_NEW = [
    "The harbor authority opened its annual review on Monday.",
    "Report 40-118 put total dredging costs at $14 million.",
    "Report 40-221 put the east channel's total at $19 million.",
    "Shipping volumes were flat.",
]


def test_long_sentence_rewritten_as_shorter_ones_none_similar_alone() -> None:
    assert links_of(DRAWN_OLD, DRAWN_NEW, OFF)[(1,)] == ((), LinkKind.DELETED)
    assert links_of(DRAWN_OLD, DRAWN_NEW)[(1,)] == ((1, 2), LinkKind.SPLIT)


def test_shorter_sentences_joined_into_one_long_one() -> None:
    got = links_of(DRAWN_NEW, DRAWN_OLD)
    assert got[(1, 2)] == ((1,), LinkKind.MERGED)


def test_new_sentences_on_another_subject_are_not_parts() -> None:
    new = [
        DRAWN_NEW[0],
        "The east channel is used by ferries and by the coast guard.",
        "Dredging contractors have asked the harbor authority for longer contracts.",
        DRAWN_NEW[3],
    ]
    got = links_of(DRAWN_OLD, new)
    assert got[(1,)] == ((), LinkKind.DELETED)
