"""Sentence boundaries inside one block of clean text."""

from __future__ import annotations

import nupunkt


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans [start, end) of the sentences of `text`, stripped of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    for start, end in nupunkt.sent_spans(text):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans
