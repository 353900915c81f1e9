"""Undo what conversion to text breaks: paragraphs cut at column and page breaks, words hyphenated at line ends.

Readers mark a hyphen at a line end with U+00AD SOFT HYPHEN ("eco\u00adnomic"); this module decides, once the
whole document's vocabulary is known, whether the word was hyphenated for the line ("economic") or is a
compound that happened to break at its own hyphen ("long-standing").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence

from editions.model import BlockKind, RawBlock
from editions.vocabulary import CAPTION_START

SOFT_HYPHEN = "\u00ad"
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# A word broken by a soft hyphen, and its second half. Its matches start where a letter follows no letter, so
# testing that first, and never giving letters of the first half back, spares a backtrack through each word
# at each of its letters (same matches: tests/ingest/test_repair_fast_paths.py).
_BROKEN_WORD = re.compile(r"(?<![^\W\d_])([^\W\d_]++)\s*\u00ad\s*([^\W\d_]*)")
_IN_URL = re.compile(r"(?:https?://|www\.)\S*$")
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
        if out and _glued(out[-1], line):
            prev = out[-1]
            if prev.endswith("-") and prev[-2].isalpha() and line[0].isalpha():
                out[-1] = prev[:-1] + SOFT_HYPHEN + line
            else:
                out[-1] = prev + line
        else:
            out.append(line)
    return " ".join(out)


_SUSPENDED = re.compile(r"(?:or|and|nor|to)\s")


def _glued(prev: str, line: str) -> bool:
    """Whether a line break between `prev` and `line` stands for no space: a word broken at a hyphen
    ("eco-" "nomic", "P.L. 110-" "343", "FY2022-" "FY2028"), a path or URL broken after a slash, or an em
    dash, which CRS sets without spaces ("measurements—" "to automate")."""
    if len(prev) < 2 or prev[-2].isspace():
        return False
    last = prev[-1]
    if last == "-":
        if _SUSPENDED.match(line) and prev[-2].isalpha():
            return False  # a suspended hyphen: "two-" "or three-star", "pre-" "and post-war"
        return line[0].isalnum() or prev[-2].isdigit()
    if last == "—":
        return True
    if line[0] == "—":
        return not (len(line) > 1 and line[1].isspace())
    if last == "/":
        return True
    tail = prev[prev.rfind(" ") + 1 :]
    if "://" in tail or "www." in tail:
        # An address broken at a line end goes on in the next line: after a character no address ends on
        # ("…?id=", "…&", "…_"), or with a piece that is itself part of an address ("ov/public/…", "gs.pdf").
        return last in "=&?_%#~" or _URL_PIECE.match(line) is not None
    return False


# The start of a line that can only continue an address: a run of address characters holding a path, query or
# escape character, or ending in a file's extension, up to the next space (not "and/or", not "(hereinafter").
_URL_PIECE = re.compile(
    r"(?!and/or\b)[\w.~%-]*(?:[/=&%_][\w.~%=&/?#+-]*|\.(?:pdf|html?|aspx?|php|cfm|txt|xlsx?|docx?|csv))[.,;:)]?(?:\s|$)"
)


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
# str.translate looks every character up in the table; a regular expression skips to the few that fold
# (much faster on the corpus, where most blocks are ASCII or hold only a curly quote or two: benchmarks/ingest.py).
_FOLDED = re.compile("[" + "".join(map(chr, _FOLD)) + "]")
_FOLD_TO = {chr(k): v or "" for k, v in _FOLD.items()}
_SPACES = re.compile(r"[^\S\n]+")
_UNUSUAL_SPACE = re.compile(r"[^\S\n ]|  ")  # what _SPACES would change, beyond single spaces
_ODD_ASCII_SPACES = "\t\r\x0b\x0c\x1c\x1d\x1e\x1f"  # the ASCII characters of _UNUSUAL_SPACE's first branch


def normalize(text: str) -> str:
    """One block's text with typographic variants folded and runs of spaces collapsed (newlines kept:
    they separate table rows)."""
    folded = text if text.isascii() else _FOLDED.sub(lambda m: _FOLD_TO[m.group()], text)
    if "\n" not in folded:
        if folded.isascii() and "  " not in folded and not any(c in folded for c in _ODD_ASCII_SPACES):
            return folded.strip()  # what most blocks are: substring tests rule out _UNUSUAL_SPACE's scan
        return (_SPACES.sub(" ", folded) if _UNUSUAL_SPACE.search(folded) else folded).strip()
    return "\n".join(_SPACES.sub(" ", line).strip() for line in folded.split("\n")).strip()


# Saved pages glue a paragraph or a footnote's text to the sentence before it ("in April 2026.Orion and",
# "(DOC).In January", "space service.\"Therefore"), and a PDF's footnote mark dropped from between a period
# and the next word leaves "in April 2025.The". A sentence end after a lower-case letter, a digit or a closing
# bracket, directly followed by a capitalized word, is two sentences; not in a dotted abbreviation
# ("S.Con.Res.") or a URL. A closing parenthesis glued to a word ("(AMA)Land retirement") lost its space too. So
# did a sentence end before an acronym ("final enforcement action.NMFS issues"), but not after a digit, as in a
# file name broken over lines ("…-TITLE-10.PDF").
_GLUED_SENTENCE = re.compile(
    r"(?<=[a-z0-9)\]][.?])[\"”’']?(?=[A-Z][a-z])|(?<=[a-z)\]][.?])[\"”’']?(?=[A-Z]{2})|(?<=[A-Za-z0-9]\))(?=[A-Z][a-z])"
)


# Every glued sentence holds one of these; most texts hold none, and this is far cheaper to rule out than
# _GLUED_SENTENCE's lookbehinds at every position.
_MAYBE_GLUED = re.compile(r"[.?)][\"”’']?[A-Z][A-Za-z]")


def split_glued_sentences(text: str) -> str:
    if not _MAYBE_GLUED.search(text):
        return text

    def space(m: re.Match[str]) -> str:
        word = text[text.rfind(" ", 0, m.start()) + 1 : m.start() - 1]
        if "." in word or "/" in word or "@" in word:
            return m.group(0)
        return m.group(0) + " "

    return _GLUED_SENTENCE.sub(space, text)


def repair(blocks: Sequence[RawBlock]) -> list[RawBlock]:
    """Cut paragraphs joined, line-end hyphenation resolved, typography and whitespace normalized."""
    blocks = [
        RawBlock(
            b.kind,
            _table_rows(normalize(b.text)) if b.kind is BlockKind.TABLE else split_glued_sentences(normalize(b.text)),
            b.level,
        )
        for b in blocks
    ]
    joined = _drop_note_letters(_join_cut_paragraphs(_drop_repeated_headers([b for b in blocks if b.text])))
    if not any(SOFT_HYPHEN in b.text for b in joined):
        return joined
    vocabulary = _vocabulary(joined)
    words = sorted(vocabulary)
    return [
        RawBlock(b.kind, _resolve_hyphens(b.text, vocabulary, words), b.level) if SOFT_HYPHEN in b.text else b
        for b in joined
    ]


_CELL_SEPARATOR = re.compile(r"\s*\|\s*")
_NOTE_LETTER = re.compile(r"(?:^|(?<=[.!?)]\s))([a-z])[.)]\s+[A-Z(\"“]")  # a note's letter, opening a line or after one
_GLUED_LETTER = re.compile(r"(?<=[\d%])([a-z])(?=\s*(?:\||\n|$))")
_NOTES_REACH = 12  # blocks under a table that may hold its notes


def _drop_note_letters(blocks: list[RawBlock]) -> list[RawBlock]:
    """A table's note letters glued to its figures ("1986c" for a note "c. The bureau's forerunner …" under
    the table) dropped, as the HTML reader drops the raised letter: "1986c" is the year 1986, not a figure with a
    unit, and a letter renamed between editions is no change of the figure."""
    out = list(blocks)
    for i, block in enumerate(blocks):
        if block.kind is not BlockKind.TABLE or not _GLUED_LETTER.search(block.text):
            continue
        letters: set[str] = set()
        for below in blocks[i + 1 : i + 1 + _NOTES_REACH]:
            if below.kind is BlockKind.CAPTION and CAPTION_START.match(below.text):
                break  # the next table or figure (the rest of this one, continued or under a row heading, is not)
            letters.update(m.group(1) for m in _NOTE_LETTER.finditer(below.text))
        if letters:
            out[i] = RawBlock(block.kind, _without_letters(block.text, frozenset(letters)), block.level)
    return out


def _without_letters(table: str, letters: frozenset[str]) -> str:
    return _GLUED_LETTER.sub(lambda m: "" if m.group(1) in letters else m.group(1), table)


def _table_rows(text: str) -> str:
    """A table's rows with their empty cells left out: the cells a reader sees, whichever format drew the
    grid (a PDF's column spanned by a header, the web page's cell merged across rows)."""
    rows = (" | ".join(c for c in _CELL_SEPARATOR.split(row) if c) for row in text.split("\n"))
    return "\n".join(row for row in rows if row)


# ASCII text is split by bytes operations, lower-cased on the way: every byte that no _WORD match holds becomes
# a space, so that the runs left between spaces hold the matches (most runs are one word; the rest go through
# _WORD again). findall on every block cost a string per word, most of the time of resolving hyphens.
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_RUNS_TABLE = bytes(c + 32 if 65 <= c <= 90 else c if c in _ASCII_LETTERS or c in b"'-" else 32 for c in range(256))
# Non-ASCII characters common in CRS text that are neither letters nor a word's joiners: spaces to _WORD.
_NOT_IN_WORDS = ("—", "–", "§", "…", SOFT_HYPHEN)


def _drop_repeated_headers(blocks: Sequence[RawBlock]) -> list[RawBlock]:
    """The blocks without the header row a PDF prints again atop each page a table runs on to: the web page's
    table prints it once. A table whose first row (with cells) is the first row of the table before it, with
    only page furniture and footnotes between them (no caption of a table of its own), goes on with that table.
    Within one table a repeated row is left alone: tables in tables repeat their headers ("If taxable income
    is: | Then, tax is:" under each filing status)."""
    out: list[RawBlock] = []
    header: str | None = None
    for block in blocks:
        if block.kind is BlockKind.TABLE:
            first, _, rest = block.text.partition("\n")
            if first == header and "|" in first:
                if rest:
                    out.append(RawBlock(block.kind, rest, block.level))
                continue
            header = first
        elif block.kind not in (BlockKind.BOILERPLATE, BlockKind.FOOTNOTE):
            header = None
        out.append(block)
    return out


def _vocabulary(blocks: Sequence[RawBlock]) -> Counter[str]:
    """How often each word (lower-cased) occurs in the blocks: `_WORD.findall` over their texts."""
    plain: list[str] = []
    other: list[str] = []
    for block in blocks:
        # The halves of a broken word ("econ", "omy") are not words of the document.
        text = _BROKEN_WORD.sub(" ", block.text) if SOFT_HYPHEN in block.text else block.text
        if not text.isascii():
            for char in _NOT_IN_WORDS:
                text = text.replace(char, " ")
        (plain if text.isascii() else other).append(text)
    counts = Counter(" ".join(plain).encode("ascii").translate(_RUNS_TABLE).decode("ascii").split())
    for run in [run for run in counts if "-" in run or "'" in run]:
        n = counts.pop(run)
        for word in _WORD.findall(run):
            counts[word] += n
    for text in other:
        counts.update(map(str.lower, _WORD.findall(text)))
    return counts


def _resolve_hyphens(text: str, vocabulary: Counter[str], words: list[str]) -> str:
    def choose(m: re.Match[str]) -> str:
        head, tail = m.group(1), m.group(2)
        if not tail:
            return head + "-"
        joined = head + tail
        text = m.string
        before = text[m.start() - 1] if m.start() > 0 else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if before in "-/._" or after in "-/_" or _IN_URL.search(text, max(0, m.start() - 400), m.start()):
            return f"{head}-{tail}"  # a link of a compound chain ("day-to-day") or a URL path
        if vocabulary[f"{head}-{tail}".lower()]:
            return f"{head}-{tail}"
        if vocabulary[joined.lower()]:
            return joined
        if _SUSPENDED.match(tail + after):
            return f"{head}- {tail}"  # a suspended hyphen: "two-" "or three-star"
        if head.lower() in _HYPHEN_PREFIXES or tail[0].isupper() or (len(head) > 1 and head.isupper()):
            return f"{head}-{tail}"
        if _stem_attested(joined.lower(), len(head) + min(2, len(tail)), words):
            return joined  # "econ-omy" beside "economic": a word of the document's family, broken for the line
        # Otherwise the hyphen is the word's own: in CRS PDFs every hyphen at a line end we measured (561 in
        # the corpus) was printed in the web edition too ("second-largest", "full-year", "medium-caliber").
        return f"{head}-{tail}"

    return _BROKEN_WORD.sub(choose, text)


def _stem_attested(word: str, length: int, words: list[str]) -> bool:
    """Whether some word of the document begins with the first `length` letters of `word`."""
    stem = word[:length]
    i = bisect.bisect_left(words, stem)
    return i < len(words) and words[i].startswith(stem)


# A paragraph that ends in a dotted abbreviation ("… debt, U.S.", "(19 U.S.C.", "S.Con.Res.") was cut at a
# column or page break: no paragraph of the corpus's web editions ends so; the sentence splitter decides
# whether the sentence ends there once the halves are joined ("the U.S. Treasury" does not, "the U.S. It" does).
_ABBREVIATION_END = re.compile(r"(?<![\w.])(?:[A-Z][a-z]{0,3}\.){2,}$")


# What _ABBREVIATION_END's match ends with, two abbreviations at most 11 characters long: looked for in the last
# 12 characters first, since _ABBREVIATION_END's lookbehind is tried at every position of the paragraph.
_ABBREVIATION_TAIL = re.compile(r"[A-Z][a-z]{0,3}\.[A-Z][a-z]{0,3}\.\n?\Z")


def _terminal(text: str) -> bool:
    """Whether `text` ends a sentence: . ! ? or : (which opens a list or a quote), then closing quotes or
    brackets and a footnote number ("… in 2020.12"). Read from the end: a regular expression's search tried
    each period of the paragraph (tests/ingest/test_repair_fast_paths.py checks the two agree)."""
    text = text.rstrip()
    i = len(text)
    while i > 0 and text[i - 1].isdecimal():
        i -= 1
        if len(text) - i > 3:
            return False
    return text[:i].rstrip('"”’)]').endswith((".", "!", "?", ":"))


def _is_cut(text: str) -> bool:
    """A paragraph that stops mid-sentence: no terminal punctuation, and long enough not to be a label."""
    return _five_words(text) and _stops_mid_sentence(text)


def _five_words(text: str) -> bool:
    return len(text.split(None, 4)) >= 5


def _stops_mid_sentence(text: str) -> bool:
    if not _terminal(text):
        return True
    tail = max(0, len(text) - 12)
    return _ABBREVIATION_TAIL.search(text, tail) is not None and _ABBREVIATION_END.search(text) is not None


def _cut_at_abbreviation(text: str) -> bool:
    return bool(_ABBREVIATION_END.search(text)) and len(text.split()) >= 5


# A paragraph that starts with a lower-case word ("government allowed …") continues the one before it, even
# when that one ends in an abbreviation's period ("… which the U.S.") cut at a column or page break.
_CONTINUATION = re.compile(r"[a-z]{2,}[\s,;]")
# A list item cut at a page break goes on with any lower-case word ("… the law of nations or" "a treaty of …",
# "… to any fine still" "owed." The court …") when it stops mid-sentence.
_ITEM_CONTINUATION = re.compile(r"[a-z]+[.:]?[\"”’)]?\s")
_ENDED = re.compile(r"[!?][\"”’)\]]*\s*$")


def _continues(head: str, tail: str, item: bool = False, *, head_has_five_words: bool | None = None) -> bool:
    """Whether paragraph `tail` goes on the sentence `head` left open. `head` may be only the end of the text
    (see `_Joined.end`) when `head_has_five_words` says what the whole text's first words are."""
    continuation = _CONTINUATION.match(tail) or (item and _ITEM_CONTINUATION.match(tail) and not _terminal(head))
    five_words = _five_words(head) if head_has_five_words is None else head_has_five_words
    if not continuation or _ENDED.search(head) or not five_words:
        return False
    return _terminal(tail) or len(tail.split(None, 7)) >= 8  # not a chart label ("as of January 2026")


class _Joined:
    """A paragraph and the cut paragraphs joined to it so far, as parts joined once at the end: rebuilding the
    growing text at each join, and reading it whole again to ask whether it still stops mid-sentence, made a
    run of thousands of cut paragraphs cost their number times their length."""

    def __init__(self, block: RawBlock) -> None:
        self.block = block
        self.parts = [block.text]
        self.joins = 0

    def end(self) -> str:
        """Text from which every question about how the paragraph ends has the same answer as from the whole:
        after a join, the glue and the last part. `_terminal`, `_ENDED` and the abbreviation patterns read back
        from the end over whitespace, digits, closing marks, letters and periods only, so they stop at the glue
        (a soft hyphen or a space) unless only whitespace follows it; then the whole text is read."""
        if len(self.parts) > 2 and self.parts[-1].strip():
            return self.parts[-2] + self.parts[-1]
        return self.text()

    def add(self, tail: str) -> None:
        end = self.end()
        glue = SOFT_HYPHEN if end.endswith("-") and tail[:1].islower() else " "
        if glue == SOFT_HYPHEN:
            if self.parts[-1]:
                self.parts[-1] = self.parts[-1][:-1]
            else:  # cannot happen after a strip, but the text's last character is then the last glue's
                self.parts = [self.text()[:-1]]
                self.joins = 0
        self.parts += [glue, tail]
        self.joins += 1

    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts = ["".join(self.parts)]
        return self.parts[0]


def _join_cut_paragraphs(blocks: Sequence[RawBlock]) -> list[RawBlock]:
    # A paragraph joined with the next one takes its text; that one's place is left empty (None) rather than
    # deleted from the list, and the search for the next paragraph goes on after it: whatever was skipped on
    # the way (a caption, a table) stays where it was, after the joined paragraph.
    out: list[RawBlock | None] = list(blocks)
    i = 0
    while i < len(out):
        block = out[i]
        if block is None or block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            i += 1
            continue
        joined = _Joined(block)
        j = i + 1
        while True:
            while j < len(out) and (candidate := out[j]) is not None and candidate.kind in _SKIPPABLE:
                j += 1
            following = out[j] if j < len(out) else None
            if following is None or following.kind is not BlockKind.PARAGRAPH:
                break
            # A list item has no need of a sentence end; only a lower-case paragraph after it is its tail, or
            # one after a dotted abbreviation ("… however, 8 U.S.C." "§ 1225(b) directs"). Once a paragraph
            # has taken another, it has its five words (a join needs them), so only its end is read.
            end = joined.end()
            if joined.joins:
                stops = (
                    _stops_mid_sentence(end)
                    if block.kind is BlockKind.PARAGRAPH
                    else _ABBREVIATION_END.search(end) is not None
                )
            else:
                stops = _is_cut(end) if block.kind is BlockKind.PARAGRAPH else _cut_at_abbreviation(end)
            item = block.kind is BlockKind.LIST_ITEM
            if not (stops or _continues(end, following.text, item, head_has_five_words=joined.joins > 0 or None)):
                break
            joined.add(following.text)
            out[j] = None
            j += 1
        if joined.joins:
            out[i] = RawBlock(block.kind, joined.text(), block.level)
        i += 1
    return [b for b in out if b is not None]
