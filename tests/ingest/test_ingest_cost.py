"""Ingest's cost stays linear on inputs the fuzzer found slow (scripts/fuzz_readers.py): a document with no
content before its end, HTML with tags left open, and a run of paragraphs each cut mid-sentence. Counted in
lines run, characters handed to functions or by what a pattern can match, never in seconds."""

from __future__ import annotations

from step_counter import characters_handed, lines_run

from editions.ingest import html, layout, repair
from editions.model import BlockKind, RawBlock


def test_classify_looks_at_each_block_once_for_content_before_it() -> None:
    # Bare dates are boilerplate only before any text, so each one asks whether content came before it.
    def blocks(n: int) -> list[RawBlock]:
        return [RawBlock(BlockKind.PARAGRAPH, "March 1, 2024") for _ in range(n)]

    small, large = blocks(300), blocks(600)
    module = {layout.__file__}
    assert {b.kind for b in layout.classify(small)} == {BlockKind.BOILERPLATE}
    small_steps = lines_run(module, lambda: layout.classify(small))
    large_steps = lines_run(module, lambda: layout.classify(large))
    assert large_steps < 2.3 * small_steps, (small_steps, large_steps)


def test_an_unclosed_tag_does_not_reach_past_the_next_tag() -> None:
    # An opening "<a href=" never closed must not match up to a ">" far away: scanning from every such opening
    # to the end of the text is quadratic.
    text = '<a href="x ' * 3 + "<b>bold</b>"
    assert [m.group(0) for m in html._TAG.finditer(text)] == ["<b>", "</b>"]


def test_a_run_of_cut_paragraphs_is_joined_in_linear_cost() -> None:
    # Each paragraph stops mid-sentence, so each is joined to the one before: the joined paragraph must not be
    # rebuilt and read whole again at every join (thousands of them made a 4.5 MB Markdown file take minutes).
    line = "the notification shall be in such form and contain such"

    def blocks(n: int) -> list[RawBlock]:
        return [RawBlock(BlockKind.PARAGRAPH, line) for _ in range(n)]

    small, large = blocks(400), blocks(800)
    joined = repair._join_cut_paragraphs(large)
    assert joined == [RawBlock(BlockKind.PARAGRAPH, " ".join([line] * 800))]
    module = {repair.__file__}
    small_cost = characters_handed(module, lambda: repair._join_cut_paragraphs(small))
    large_cost = characters_handed(module, lambda: repair._join_cut_paragraphs(large))
    assert large_cost < 2.3 * small_cost, (small_cost, large_cost)
    small_steps = lines_run(module, lambda: repair._join_cut_paragraphs(small))
    large_steps = lines_run(module, lambda: repair._join_cut_paragraphs(large))
    assert large_steps < 2.3 * small_steps, (small_steps, large_steps)


def test_joining_keeps_what_stands_between_in_place() -> None:
    # A caption between the halves of a cut paragraph stays, after the joined paragraph; a soft hyphen glues a
    # word broken at the cut; a heading stops the run.
    cut = RawBlock(BlockKind.PARAGRAPH, "The agency said that the program would econ-")
    caption = RawBlock(BlockKind.CAPTION, "Figure 1. Spending")
    tail = RawBlock(BlockKind.PARAGRAPH, "omize on costs and that the rest of it would go on as")
    after = RawBlock(BlockKind.PARAGRAPH, "before, the office wrote in its report to Congress.")
    heading = RawBlock(BlockKind.HEADING, "Next part", 2)
    last = RawBlock(BlockKind.PARAGRAPH, "one more paragraph, which stands alone after the heading.")
    joined = repair._join_cut_paragraphs([cut, caption, tail, after, heading, last])
    text = (
        "The agency said that the program would econ\u00adomize on costs and that the rest of it would go on as "
        "before, the office wrote in its report to Congress."
    )
    assert joined == [RawBlock(BlockKind.PARAGRAPH, text), caption, heading, last]
