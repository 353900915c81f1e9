"""Undo what conversion to text breaks: paragraphs cut at column and page breaks, words hyphenated at line ends.

Readers mark a hyphen at a line end with U+00AD SOFT HYPHEN ("eco\u00adnomic"); this module decides, once the
whole document's vocabulary is known, whether the word was hyphenated for the line ("economic") or is a
compound that happened to break at its own hyphen ("long-standing").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from editions.model import BlockKind, RawBlock

SOFT_HYPHEN = "\u00ad"
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_BROKEN_WORD = re.compile(r"([^\W\d_]+)\s*\u00ad\s*([^\W\d_]*)")
# The end of a sentence: . ! ? or : (which opens a list or a quote), then closing quotes or brackets and
# a footnote number ("… in 2020.12").
_TERMINAL = re.compile(r"[.!?:][\"”’)\]]*\d{0,3}\s*$")
# Prefixes that CRS writes with a hyphen: "non-lethal", "self-defense", "co-chair".
_HYPHEN_PREFIXES = frozenset(
    [
        "non",
        "self",
        "co",
        "anti",
        "pre",
        "post",
        "multi",
        "cross",
        "ex",
        "semi",
        "well",
        "long",
        "short",
        "high",
        "low",
        "full",
        "part",
        "all",
        "half",
        "quasi",
        "inter",
        "intra",
        "counter",
        "sub",
        "super",
        "pro",
        "re",
        "de",
        "mid",
    ]
)
_SKIPPABLE = (BlockKind.CAPTION, BlockKind.BOILERPLATE, BlockKind.TABLE, BlockKind.FOOTNOTE)


def join_hyphenated_lines(lines: Sequence[str]) -> str:
    """Join the lines of one paragraph, marking a word broken at a line end with a soft hyphen."""
    out: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and out[-1].endswith("-") and len(out[-1]) > 1 and out[-1][-2].isalpha() and line[0].isalpha():
            out[-1] = out[-1][:-1] + SOFT_HYPHEN + line
        else:
            out.append(line)
    return " ".join(out)


# Typographic variants that differ between the PDF and the web page of one edition: folded so that the same
# edition read from either gives the same text (and the same id), and a quote style is never a change.
_FOLD = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
        "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
        "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u200a": " ",
        "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
    }
)  # fmt: skip
_SPACES = re.compile(r"[^\S\n]+")


def normalize(text: str) -> str:
    """One block's text with typographic variants folded and runs of spaces collapsed (newlines kept:
    they separate table rows)."""
    folded = text.translate(_FOLD)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in folded.split("\n")).strip()


def repair(blocks: Sequence[RawBlock]) -> list[RawBlock]:
    """Cut paragraphs joined, line-end hyphenation resolved, typography and whitespace normalized."""
    blocks = [RawBlock(b.kind, normalize(b.text), b.level) for b in blocks]
    joined = _join_cut_paragraphs([b for b in blocks if b.text])
    if not any(SOFT_HYPHEN in b.text for b in joined):
        return joined
    vocabulary = _vocabulary(joined)
    return [
        RawBlock(b.kind, _resolve_hyphens(b.text, vocabulary), b.level) if SOFT_HYPHEN in b.text else b for b in joined
    ]


def _vocabulary(blocks: Sequence[RawBlock]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for block in blocks:
        counts.update(w.lower() for w in _WORD.findall(block.text.replace(SOFT_HYPHEN, " ")))
    return counts


def _resolve_hyphens(text: str, vocabulary: Counter[str]) -> str:
    def choose(m: re.Match[str]) -> str:
        head, tail = m.group(1), m.group(2)
        if not tail:
            return head + "-"
        joined = head + tail
        if vocabulary[f"{head}-{tail}".lower()]:
            return f"{head}-{tail}"
        if vocabulary[joined.lower()]:
            return joined
        if head.lower() in _HYPHEN_PREFIXES or tail[0].isupper() or (len(head) > 1 and head.isupper()):
            return f"{head}-{tail}"
        return joined

    return _BROKEN_WORD.sub(choose, text)


def _is_cut(text: str) -> bool:
    """A paragraph that stops mid-sentence: no terminal punctuation, and long enough not to be a label."""
    return not _TERMINAL.search(text) and len(text.split()) >= 5


def _join_cut_paragraphs(blocks: Sequence[RawBlock]) -> list[RawBlock]:
    out = list(blocks)
    i = 0
    while i < len(out):
        block = out[i]
        if block.kind is BlockKind.PARAGRAPH and _is_cut(block.text):
            j = i + 1
            while j < len(out) and out[j].kind in _SKIPPABLE:
                j += 1
            if j < len(out) and out[j].kind is BlockKind.PARAGRAPH:
                tail = out[j].text
                glue = SOFT_HYPHEN if block.text.endswith("-") and tail[:1].islower() else " "
                head = block.text[:-1] if glue == SOFT_HYPHEN else block.text
                out[i] = RawBlock(BlockKind.PARAGRAPH, head + glue + tail, block.level)
                del out[j]
                continue  # the joined paragraph may itself still be cut
        i += 1
    return out
