"""The small shared vocabulary of CRS text that several stages read: caption and source-line openings, month
names, a light word stem, how a section path is printed, and the function-word lists each rule skips.

A leaf module: it imports nothing of Editions, so every stage (and every face) may import it without breaking
the one-way flow. The function-word lists stay apart, each named for the one rule that reads it: they differ
on purpose ("not" says nothing about whether two sentences are on the same subject, but adding it makes an
edit substantive), and merging them would change what each rule decides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# --- captions and the lines under them --------------------------------------------------------------------------

CAPTION_LABEL = r"(?:Figure|Table|Map|Chart|Exhibit|Graph)\s+(?:[A-Z]-)?\d+[A-Za-z]?"
"""A caption's label as a pattern (no flags, no anchor): "Figure 2", "Table A-1", "Map 3b"."""
CAPTION_START = re.compile(rf"^{CAPTION_LABEL}\s*[.:]", re.I)
"""A caption opening a line: its label and the period or colon after it ("Figure 2. …", "Table 1: …")."""
CAPTION_FOLLOWER = re.compile(r"^(?:Sources?|Notes?|Data)\s*:", re.I)
"""A line that belongs under a figure or table: its source, its notes or its data."""
SOURCE_LINE = re.compile(r"^(?:Data\s+)?Sources?\s*:", re.I)
"""A "Source:" (or "Data sources:") line: it cites where a figure or table comes from."""
NOTE_LINE = re.compile(r"^(?:Table\s+|Figure\s+|General\s+)?Notes?\s*:", re.I)
"""A "Notes:" line under a figure or table."""

# --- calendar ---------------------------------------------------------------------------------------------------

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11,
    "dec": 12,
}  # fmt: skip
"""Month names and their abbreviations (lower case, without a period) → the month's number."""

# --- words ------------------------------------------------------------------------------------------------------


def stem(word: str) -> str:
    """A light stem: one common suffix ("-ing", "-ed", "-es", "-s", "-ly") off a word long enough to keep a
    stem of four letters or more, so that "troops" and "troop", "funded" and "funds" compare equal."""
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Each list below is read by one rule, named after it; they are kept apart on purpose (see the module's doc).

SIMILARITY_FUNCTION_WORDS = _words(
    "a an the of in on at to for from by with as and or but nor not no that which who whom whose this these "
    "those it its is are was were be been being has have had do does did so such than then there their they "
    "them he she his her we our you your i me my also very just into onto over under about after before "
    "between during through while when where how what why if because although though despite since until "
    "upon within without against among per each every any all some more most other another both either "
    "neither can could may might must shall should will would"
)
"""compare.align: words left out of a sentence's content words, when judging whether two sentences share
enough to be paired."""

EDIT_FUNCTION_WORDS = _words(
    "a an the of in on at to for from by with as and or but that which who this these those it its is are was "
    "were be been being has have had do does did so such than then there their they them he she his her we our "
    "you your i me my also very just"
)
"""compare.changes: words whose change alone leaves an edit cosmetic (they are not content words), and that
are no one's name."""

MEASURE_STOPWORDS = _words(
    "a an the this that these those its it it's their them they he she his her our we you your i me "
    "my is are was were be been being am has have had having do does did will would shall should can "
    "could may might must of in into on onto at by for from to with within without about around "
    "approximately roughly nearly almost some over under more than less fewer up least most as per "
    "each every any all such so also currently now then there here which who whom whose what when "
    "where why how not no nor very just only even still yet both either neither other another same s "
    "after before since until during while later ago between among us"
)
"""facts.measure: words dropped from what a figure measures ("the number of troops" → "number troop")."""

GLUED_LOWER_FUNCTION_WORDS = _words(
    "the of and or to in for with from by on at as that this these those both our their his her its which who "
    "an is are was were be not but than into under over between about after before each any such"
)
"""ingest.markdown: a function word a saved page glued to the capitalized word after it ("thatIran")."""
GLUED_CAPITAL_FUNCTION_WORDS = _words(
    "The Of And Or To For With From By That This These Those Both Our Their His Her Its Which Each Any Such"
)
"""ingest.markdown: the same, capitalized ("OurDemocracy"), less those that start brand names ("InSight",
"OnStar", "AtHome")."""

OPEN_ENDING_WORDS = _words(
    "a an the and or but nor for of to in on at by with from as that which who whom whose its their his her "
    "our your this these those is are was were be been has have had will would could should may might than "
    "into onto over under about between among per via if while when where because such not"
)
"""ingest.layout: a line ending in one of these is unfinished, so it is no heading."""

# --- sections ---------------------------------------------------------------------------------------------------

SECTION_SEPARATOR = " › "
NO_SECTION = "no section"
"""What a face prints for the section of a sentence before the first heading, when it does not name that
text (compare's brief does: "Summary", "Introduction")."""


def section_label(path: Sequence[str], lead: str = NO_SECTION) -> str:
    """A heading path as it is printed ("Regional Relations › Taiwan"), each heading's white space collapsed;
    `lead` for a sentence before the first heading (an empty path)."""
    return SECTION_SEPARATOR.join(" ".join(p.split()) for p in path) if path else lead
