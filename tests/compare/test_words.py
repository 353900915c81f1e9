"""Word redline: reconstruction, numbers as one replacement, cleanup."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editions.compare.words import changed_share, tokens, word_ops


def test_changed_number_is_one_replacement() -> None:
    ops = word_ops("There are around 50,000 troops.", "There are around 54,000 troops.")
    assert ("replace", " 50,000", " 54,000") in ops
    assert [op for op, _, _ in ops].count("replace") == 1


def test_money_and_percent_whole() -> None:
    ops = word_ops("It paid $2.5 billion, or 57% of the cost.", "It paid $3 billion, or 60% of the cost.")
    changes = [(o.strip(), n.strip()) for op, o, n in ops if op != "equal"]
    assert ("$2.5", "$3") in changes
    assert ("57%", "60%") in changes


def test_identical_and_empty() -> None:
    assert word_ops("Same text.", "Same text.") == (("equal", "Same text.", "Same text."),)
    assert word_ops("", "New words.") == (("insert", "", "New words."),)
    assert word_ops("Old words.", "") == (("delete", "Old words.", ""),)
    assert word_ops("", "") == ()
    assert changed_share(word_ops("Same text.", "Same text.")) == 0.0
    assert changed_share(word_ops("a b", "c d")) == 1.0


def test_shared_word_between_changes_stays_visible() -> None:
    ops = word_ops("troops—currently around 50,000 strong—and", "troops—currently numbering around 54,000—and")
    assert ("equal", " around", " around") in ops


def test_hundred_thousand_character_sentence() -> None:
    old = "word " * 20_000 + "end."
    new = old.replace("word word word", "word term word", 100)
    ops = word_ops(old, new)
    assert "".join(o for _, o, _ in ops) == old
    assert "".join(n for _, _, n in ops) == new


text = st.lists(st.sampled_from(["the", "50,000", "troops", ",", "—", "Japan's", "$2", "57%", " ", "  "]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(text.map("".join), text.map("".join))
def test_reconstruction_property(old: str, new: str) -> None:
    assert "".join(tokens(old)) == old
    ops = word_ops(old, new)
    assert "".join(o for _, o, _ in ops) == old
    assert "".join(n for _, _, n in ops) == new
    for op, o, n in ops:
        assert op in ("equal", "replace", "insert", "delete")
        if op == "equal":
            assert "".join(o.split()) == "".join(n.split())
