"""Ingest's cost stays linear on inputs the fuzzer found slow (scripts/fuzz_readers.py): a document with no
content before its end, and HTML with tags left open. Counted in lines run or by what a pattern can match,
never in seconds."""

from __future__ import annotations

from step_counter import lines_run

from editions.ingest import html, layout
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
