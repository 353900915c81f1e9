"""Word redline: the word-level operations that turn one sentence (or run of sentences) into another.

Tokens are words (hyphenated and apostrophe words whole), numbers with their separators, currency sign and
percent sign ("$2.5", "54,000", "57%"), or single punctuation marks, each carrying the spaces before it. The
operations come from rapidfuzz's Indel `opcodes` over the tokens compared without their spaces (a longest
common subsequence: unlike Levenshtein's, no substitution pairs up unrelated words), then are cleaned the way
diff-match-patch's semantic cleanup does: adjacent changes become one replacement, and a short equal run
("of", ",") squeezed between two larger changes is folded into them. A number is one token, so a changed
figure always reads as one replacement ("50,000" → "54,000").

Joining the old texts of all operations gives back the old text exactly, and the new texts the new one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from editions.model import WordOp

_TOKEN = re.compile(
    r"\s*(?:[$€£¥]?\d+(?:[.,:/]\d+)*(?:%|[a-z]{1,2}\b)?"  # numbers: 54,000 $2.5 57% 21st 2:30
    r"|\w+(?:[-'’]\w+)*"  # words: fourth-largest, Japan's
    r"|\S)"  # one punctuation mark
)
MAX_EXACT_CELLS = 16_000_000
"""Above this many token pairs (after trimming the common ends) the operations come from difflib's faster,
coarser matcher instead of an exact edit script."""

MAX_FOLD_CHARS = 3
"""Only an equal run this short ("a", "of", ",") is folded into the changes around it; longer shared words
stay visible, so "around 50,000 strong" → "numbering around 54,000" keeps "around" as equal."""

EQUAL, REPLACE, INSERT, DELETE = "equal", "replace", "insert", "delete"


def tokens(text: str) -> list[str]:
    """`text` cut into tokens; joining them gives `text` back (trailing spaces go with the last token)."""
    out = _TOKEN.findall(text)
    consumed = sum(map(len, out))
    if consumed < len(text):
        if out:
            out[-1] += text[consumed:]
        else:
            out.append(text[consumed:])
    return out


def word_ops(old: str, new: str) -> tuple[WordOp, ...]:
    """The word operations from `old` to `new`: (op, old_text, new_text) with op equal, replace, insert or
    delete."""
    a, b = tokens(old), tokens(new)
    ka = [t.strip() for t in a]
    kb = [t.strip() for t in b]
    # Common ends first: they are the bulk of an edited sentence and keep the exact step small.
    lo = 0
    while lo < len(ka) and lo < len(kb) and ka[lo] == kb[lo]:
        lo += 1
    hi = 0
    while hi < len(ka) - lo and hi < len(kb) - lo and ka[-1 - hi] == kb[-1 - hi]:
        hi += 1
    raw: list[tuple[str, int, int, int, int]] = []
    if lo:
        raw.append((EQUAL, 0, lo, 0, lo))
    mid_a, mid_b = ka[lo : len(ka) - hi], kb[lo : len(kb) - hi]
    if mid_a or mid_b:
        for op, i1, i2, j1, j2 in _opcodes(mid_a, mid_b):
            raw.append((op, lo + i1, lo + i2, lo + j1, lo + j2))
    if hi:
        raw.append((EQUAL, len(ka) - hi, len(ka), len(kb) - hi, len(kb)))
    return _cleanup(raw, a, b)


def _opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    if not a:
        return [(INSERT, 0, 0, 0, len(b))]
    if not b:
        return [(DELETE, 0, len(a), 0, 0)]
    if len(a) * len(b) <= MAX_EXACT_CELLS:
        return [(o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end) for o in Indel.opcodes(a, b)]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=True)
    return [(tag, i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


@dataclass(slots=True)
class _Run:
    op: str
    i1: int
    i2: int
    j1: int
    j2: int

    def size(self, a: Sequence[str], b: Sequence[str]) -> int:
        return max(_chars(a, self.i1, self.i2), _chars(b, self.j1, self.j2))


def _cleanup(raw: list[tuple[str, int, int, int, int]], a: Sequence[str], b: Sequence[str]) -> tuple[WordOp, ...]:
    # Adjacent changes merge into one replacement.
    runs: list[_Run] = []
    for op, i1, i2, j1, j2 in raw:
        if i1 == i2 and j1 == j2:
            continue
        kind = EQUAL if op == EQUAL else REPLACE
        if runs and runs[-1].op == kind:
            runs[-1].i2, runs[-1].j2 = i2, j2
        else:
            runs.append(_Run(kind, i1, i2, j1, j2))
    # Fold a short equal run between two changes when it is no longer than the changes on both sides.
    k = 1
    while k < len(runs) - 1:
        before, mid, after = runs[k - 1], runs[k], runs[k + 1]
        if mid.op == EQUAL and before.op != EQUAL and after.op != EQUAL:
            eq_len = _chars(a, mid.i1, mid.i2)
            if eq_len <= min(before.size(a, b), after.size(a, b), MAX_FOLD_CHARS):
                runs[k - 1 : k + 2] = [_Run(REPLACE, before.i1, after.i2, before.j1, after.j2)]
                k = max(1, k - 1)
                continue
        k += 1
    out: list[WordOp] = []
    for run in runs:
        old_text = "".join(a[run.i1 : run.i2])
        new_text = "".join(b[run.j1 : run.j2])
        if run.op == EQUAL:
            out.append((EQUAL, old_text, new_text))
        elif not new_text:
            out.append((DELETE, old_text, new_text))
        elif not old_text:
            out.append((INSERT, old_text, new_text))
        else:
            out.append((REPLACE, old_text, new_text))
    return tuple(out)


def _chars(toks: Sequence[str], i: int, j: int) -> int:
    return sum(len(t.strip()) for t in toks[i:j])


def changed_share(ops: Sequence[WordOp]) -> float:
    """Share of words (tokens with a letter or digit) on both sides that are inside a change: 0 for equal
    texts, 1 when nothing is shared."""
    changed = total = 0
    for op, old, new in ops:
        n = count_words(old) + count_words(new)
        total += n
        if op != EQUAL:
            changed += n
    return changed / total if total else 0.0


def count_words(text: str) -> int:
    """How many words `text` holds, counted as runs of non-space characters (fast: it runs on every
    sentence of both editions)."""
    return len(text.split())
