"""When two files are one edition, and which of an edition's sources is shown.

An edition is what its publisher calls one: a report number with the version the document states, else a report
number with its edition date. Two readings of one report whose metadata name the same edition are one edition
with two sources when their sentences agree (`SAME_EDITION_AGREEMENT`); readers never agree to the byte (a PDF
and its Markdown differ in hyphenation, footnote marks, chart text), but they agree on almost every sentence.
Documents without a report number keep the older rule: one edition per distinct text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable

SAME_EDITION_AGREEMENT = 0.85
"""The least sentence agreement (`agreement`) at which two readings that name the same edition are merged; below
it the file is added as an edition of its own, with a warning. Chosen from the corpus (docs/quality.md): every
PDF/Markdown/HTML twin agrees on far more, and versions are told apart by their metadata, not by this figure."""

FORMAT_ORDER = ("html", "markdown", "pdf", "text")
"""Which source of an edition is shown (its primary reading), best first: the order in which the fidelity
scoring of docs/quality.md takes readings as the reference (PDF is scored against Markdown, Markdown against the
publisher's HTML): HTML keeps the publisher's structure, Markdown its converter's, a PDF's is rebuilt from glyphs,
plain text has none."""


def format_rank(fmt: str) -> int:
    """Position of a format in `FORMAT_ORDER` (lower is preferred); unknown formats last."""
    return FORMAT_ORDER.index(fmt) if fmt in FORMAT_ORDER else len(FORMAT_ORDER)


def sentence_key(text: str) -> str:
    """A sentence as readers agree on it: lower case, letters and digits only, single spaces."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def sentence_bag(texts: Iterable[str]) -> Counter[str]:
    return Counter(k for t in texts if (k := sentence_key(t)))


def agreement(a: Counter[str], b: Counter[str]) -> float:
    """The share of sentences two readings have in common (Dice over the multisets of `sentence_key`s)."""
    total = a.total() + b.total()
    return 0.0 if total == 0 else 2 * (a & b).total() / total


def names_same_edition(
    version: int | None, date: dt.date | None, other_version: int | None, other_date: dt.date | None
) -> bool:
    """Whether two readings of one report claim to be the same edition: the same stated version (and no
    conflicting date), else (a version missing on either side) the same edition date. Same-day re-issues with
    different versions stay apart."""
    if version is not None and other_version is not None:
        return version == other_version and (date is None or other_date is None or date == other_date)
    return date is not None and date == other_date
