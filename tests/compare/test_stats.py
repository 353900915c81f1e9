"""Stats: the shares of sentences by link kind and the share of words changed, counted exactly."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from editions.compare import compare
from editions.model import Edition, LinkKind

ReadFn = Callable[..., Edition]

S1 = "The committee met on Tuesday to review the budget."  # 9 words
S2 = "Members raised concerns about the cost of the program."  # 9
S3 = "The chair said a vote would follow next month."  # 9
S4 = "Critics argued that the estimate was too low."  # 8
NEW_S2 = "Members raised concerns about the cost of the plan."  # 9, one word replaced
ADDED = "Zebras graze quietly on the plain."  # 6


def test_shares_and_words_changed(edition_of: ReadFn) -> None:
    old = edition_of(f"# R\n\n## A\n\n{S1} {S2} {S3}\n\n## B\n\n{S4}\n", "old.md")
    new = edition_of(f"# R\n\n## A\n\n{S1} {NEW_S2} {ADDED}\n\n## B\n\n{S4}\n", "new.md")
    c = compare(old, new)
    assert sorted(str(link.kind) for link in c.links) == ["added", "deleted", "edited", "same", "same"]
    s = c.stats
    assert (s["old_sentences"], s["new_sentences"]) == (4, 4)
    # Shares of the 8 sentences of both editions.
    assert s["share_same"] == pytest.approx(4 / 8)
    assert s["share_edited"] == pytest.approx(2 / 8)
    assert s["share_added"] == pytest.approx(1 / 8) and s["share_deleted"] == pytest.approx(1 / 8)
    assert sum(s[f"share_{kind}"] for kind in LinkKind) == pytest.approx(1.0)
    assert s["sentences_changed"] == pytest.approx(4 / 8)
    # Words: 35 old + 32 new; changed: "program" and "plan", the 9 deleted and the 6 added words.
    assert s["words_changed"] == pytest.approx((2 + 9 + 6) / (35 + 32))
    # One content word replaced, no figure, name, negation or modal verb: a cosmetic edit.
    assert (s["edits_substantive"], s["edits_cosmetic"]) == (0, 1)


def test_words_changed_grows_with_the_edit_not_the_page(edition_of: ReadFn) -> None:
    """Rewording one word of one sentence among many changes a small share; rewriting every sentence a large
    one; the same text in a different page (another heading layout, the disclaimer) none."""
    body = " ".join(f"Sentence number {k} of the report says something about topic {k}." for k in range(20))
    old = edition_of(f"# R\n\n{body}\n", "old.md")
    one_word = edition_of("# R\n\n" + body.replace("topic 7.", "subject 7.") + "\n", "one.md")
    rewritten = edition_of(
        "# R\n\n" + " ".join(f"Paragraph {k} now covers an unrelated matter entirely." for k in range(20)) + "\n",
        "all.md",
    )
    repaged = edition_of(
        f"# R\n\n## Overview\n\n{body}\n\nThis document was prepared by the Congressional Research Service (CRS).\n",
        "repaged.md",
    )
    small = compare(old, one_word).stats["words_changed"]
    large = compare(old, rewritten).stats["words_changed"]
    assert 0 < small < 0.02
    assert large > 0.9
    assert compare(old, repaged).stats["words_changed"] == 0.0
