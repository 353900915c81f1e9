"""What each block of a document is: title, heading, caption, footnote, boilerplate or content.

Format readers say what their markup says (a "##" is a heading, "|" rows are a table); this module adds what
a reader infers from wording and position: a short unpunctuated line before a paragraph is a heading,
"Figure 1. …" is a caption, the CRS disclaimer and the web page's navigation are furniture.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from editions.ingest.metadata import DATE_TEXT, EDITION_DATE, REPORT_NUMBER, author_line
from editions.model import BlockKind, RawBlock
from editions.vocabulary import CAPTION_FOLLOWER, CAPTION_START, OPEN_ENDING_WORDS

_DISCLAIMER = re.compile(
    r"^(?:Disclaimer:?\s*)?(?:This|These) documents? (?:was|were) prepared by the Congressional Research Service", re.I
)
# A sentence end inside a line ("… in 2020. The …"), not counting initials and "U.S." ("Japan-U.S. Relations").
_APPENDIX_LABEL = re.compile(r"^Appendix\.\s+(?=[A-Z])")
_SENTENCE_INSIDE = re.compile(r"(?<!\b[A-Z])[.!?][\"”’)]?\s+[A-Z]")
# Navigation and widgets of congress.gov / crsreports pages, as they survive conversion to text.
_CHROME = re.compile(
    r"^(?:Citation\s*Subscribe|Hide Overview|Show Overview|Download PDF|PDF Version History|Listen\b|"
    r"Jump to Main Text|Print\s*$|Share\s*/?\s*Save|Site Feedback|Home\s*>|Back to top|Skip to main)",
    re.I,
)
_CHROME_HEADING = re.compile(r"^(?:CRS PRODUCT \(LIBRARY OF CONGRESS\)|Disclaimer:?)$", re.I)
# A product's banner set in a large type ("INSIGHT" with its logo's "i", "Legal Sidebar", "In Focus").
_BANNER = re.compile(r"^(?:CRS\s+)?(?:INSIGHTi?|Legal Sidebari?|In Focus)$", re.I)
# The edition's own date line set as a heading: "Updated June 9, 2034", or before any text a bare date.
_DATED_HEADING = re.compile(r"^(?:" + EDITION_DATE.pattern + r")\s*$")
_BARE_DATE = re.compile(r"^(?:" + DATE_TEXT + r")\s*$")
_TOC_HEADING = re.compile(
    r"^(?:(?:Table of )?Contents|Figures|Tables|Appendix(?:es)?|List of (?:Figures|Tables))$", re.I
)
_FOOTNOTES_HEADING = re.compile(r"^(?:Footnotes|Endnotes|Notes)$", re.I)
_VERSION_ITEM = re.compile(r"\(\s*(?:" + REPORT_NUMBER.pattern + r")\s*-\s*Version:\s*\d+\s*\)", re.I)
_METADATA_ROW = re.compile(
    r"^CRS Product (?:Type|Number)\s*:|^(?:Publication Date|Authors?|Topics|"
    r"Referenced Legislation)\s*:\s*\|",
    re.I,
)
_FOOTNOTE_ROW = re.compile(r"^(\d{1,4})\.?\s*\|\s*(.*)$")
# The page's own title line: "… Changes April 14, 2026 (R48905) Jump to Main Text of Report".
_TITLE_DATE_LINE = re.compile(
    r"^.{0,300}?(?:" + DATE_TEXT + r")\s*\((?:" + REPORT_NUMBER.pattern + r")\)\s*(?:Jump to Main Text of Report)?\s*$"
)
# Every match ends so, before trailing whitespace: far cheaper to test than the search, whose lazy prefix tries
# the date at each of 300 positions of every paragraph holding a ")".
_TITLE_DATE_LINE_ENDS = (")", "Jump to Main Text of Report")
# Scripts of interactive charts that saved pages keep in their text.
_CODE = re.compile(
    r"^\s*//|\bfunction\s*\w*\s*\([^()]*\)\s*\{|\$\(\s*function\b|\b(?:document|window)\.\w+\s*[.(=]|"
    r"^[a-z]\w*\s*:\s*\{|\}\s*,\s*[a-z]\w*\s*:\s*\{|"  # a chart's options: "legend: { itemStyle: {"
    r"Created with Highcharts|\bThe chart has \d+ [XY] axis"  # a chart's text for screen readers
)
_DATE_LINE = re.compile(r"^(?:" + EDITION_DATE.pattern + r")\s*$")
# Every branch of _CODE needs one of these; testing for them first spares the scan of ordinary text.
_CODE_SIGNS = ("{", "//", "function", "document.", "window.", "Highcharts", "chart has")


def _is_code(text: str) -> bool:
    return any(sign in text for sign in _CODE_SIGNS) and _CODE.search(text) is not None


def classify(blocks: Sequence[RawBlock], title: str | None = None) -> list[RawBlock]:
    """The blocks with their kinds decided; tables under a footnotes heading become footnote blocks."""
    out: list[RawBlock] = []
    skip_list = False  # inside a table of contents or a version-history list
    in_footnotes = False
    title_seen = False
    seen_title = title  # the title as given, else the line read as the title
    markup_levels: list[int] = []  # levels of headings the markup itself declares
    content_before = _ContentSeen(out)
    same_title = _SameTitle()
    for i, block in enumerate(blocks):
        text = block.text
        kind = block.kind
        nxt = _next_kind(blocks, i)
        if kind is BlockKind.HEADING:
            skip_list = bool(_TOC_HEADING.match(text))
            in_footnotes = bool(_FOOTNOTES_HEADING.match(text))
            if title is not None and same_title(text, title):
                out.append(RawBlock(BlockKind.BOILERPLATE if title_seen else BlockKind.TITLE, text))
                title_seen = True
            elif (
                skip_list
                or _CHROME_HEADING.match(text)
                or _DATED_HEADING.match(text)
                or (not content_before() and (_BANNER.match(text) or _BARE_DATE.match(text)))
            ):
                # A chronology may head a section with a date; only before any text is a bare date the
                # edition's own.
                out.append(RawBlock(BlockKind.BOILERPLATE, text, block.level))
            elif not title_seen and title is None and not content_before():
                out.append(RawBlock(BlockKind.TITLE, text))
                title_seen, seen_title = True, text
            else:
                out.append(block)
                markup_levels.append(block.level)
            continue
        if kind is BlockKind.LIST_ITEM:
            if skip_list or _VERSION_ITEM.search(text):
                out.append(RawBlock(BlockKind.BOILERPLATE, text, block.level))
            elif in_footnotes:
                out.append(RawBlock(BlockKind.FOOTNOTE, text))  # an endnote list: "1. …" written as a list
            else:
                out.append(block)
            continue
        skip_list = False
        if kind is BlockKind.TABLE:
            rows = text.split("\n")
            if all(_METADATA_ROW.match(r) or _is_code(r) for r in rows):
                out.append(RawBlock(BlockKind.BOILERPLATE, text))
            elif "|" not in text and (CAPTION_START.match(rows[0]) or CAPTION_FOLLOWER.match(rows[0])):
                # A lost figure survives as a one-column table of its caption and source lines (the source and
                # notes alone when the caption is in a table of its own): each line is read as prose, sentence
                # by sentence, as the PDF's caption lines are.
                out.extend(RawBlock(BlockKind.BOILERPLATE if _is_code(r) else BlockKind.CAPTION, r) for r in rows)
            elif len(rows) == 1 and "|" not in text and _SENTENCE_INSIDE.search(text):
                # A text box saved as a one-cell table holds prose: read sentence by sentence, as the PDF's box is.
                out.extend(_text_box(text, _plain_heading_level(markup_levels)))
            elif in_footnotes and all(_FOOTNOTE_ROW.match(r) for r in rows):
                for row in rows:
                    m = _FOOTNOTE_ROW.match(row)
                    assert m is not None
                    out.append(RawBlock(BlockKind.FOOTNOTE, f"{m.group(1)}. {m.group(2).strip()}"))
            else:
                out.append(block)
            continue
        if kind is not BlockKind.PARAGRAPH:
            out.append(block)
            continue
        # A paragraph: decide from wording and position.
        if (
            _DISCLAIMER.match(text)
            or _CHROME.match(text)
            or _DATE_LINE.match(text)
            or (not content_before() and (_BANNER.match(text) or _BARE_DATE.match(text)))
            or (title_seen and seen_title is not None and same_title(text, seen_title))  # again, as a heading is
            or (text.rstrip().endswith(_TITLE_DATE_LINE_ENDS) and _TITLE_DATE_LINE.search(text))
            or _is_code(text)
            or author_line(text)
        ):
            kind = BlockKind.BOILERPLATE
        elif len(text) < 300 and EDITION_DATE.search(text) and not _SENTENCE_INSIDE.search(text):
            kind = BlockKind.BOILERPLATE  # "ListenTitle Updated April 23, 2026 (IF10753)"
        elif (not title_seen and title is None and not content_before() and _is_heading_line(text, nxt)) or (
            title is not None and not title_seen and same_title(text, title)
        ):
            kind = BlockKind.TITLE
            title_seen, seen_title = True, seen_title or text
        elif (CAPTION_START.match(text) and len(text) < 400) or (CAPTION_FOLLOWER.match(text) and _after_figure(out)):
            kind = BlockKind.CAPTION
        elif nxt is BlockKind.TABLE and out and out[-1].kind is BlockKind.CAPTION and len(text) < 200:
            kind = BlockKind.CAPTION  # a table's subtitle: "(millions of current dollars)"
        elif in_footnotes and re.match(r"^\d{1,4}\.\s", text):
            kind = BlockKind.FOOTNOTE
        elif _CHROME_HEADING.match(text):
            kind = BlockKind.BOILERPLATE  # "Disclaimer" written as a plain line
        elif _is_heading_line(text, nxt) and not _left_open(out):
            out.append(RawBlock(BlockKind.HEADING, text, level=_plain_heading_level(markup_levels)))
            continue
        out.append(RawBlock(kind, text, block.level))
    return out


_OPEN_END = re.compile(r"(?:[,;]|\s(?:" + "|".join(sorted(OPEN_ENDING_WORDS)) + r"))[\"”’)]?$", re.I)


# (Not a particle that ends a compound name: "LinkedIn", "SignUp", "OptOut".)
_GLUE = re.compile(r"[a-z](?=(?!(?:In|On|At|Up|Out|Off) )[A-Z][a-z]* [a-z])")
_TITLE_WORD = re.compile(r"[A-Z0-9&][\w&'’-]*,?|and|or|of|the|for|in|on|to|a|an")


def _text_box(text: str, level: int) -> list[RawBlock]:
    """A text box's blocks. A saved page glues the box's title to its first sentence ("… Pilot ProgramsTo
    counter …"): words in title case, three or more, run into a capitalized word that a lowercase word follows
    (a sentence's start, not a name's next part) are the box's heading."""
    m = _GLUE.search(text, 0, 120)
    if m is not None:
        title = text[: m.end()]
        words = title.split()
        if len(words) >= 3 and words[0][0].isupper() and all(_TITLE_WORD.fullmatch(w) for w in words):
            return [RawBlock(BlockKind.HEADING, title, level), RawBlock(BlockKind.PARAGRAPH, text[m.end() :])]
    return [RawBlock(BlockKind.PARAGRAPH, text)]


def _left_open(out: Sequence[RawBlock]) -> bool:
    """Whether the paragraph before stops mid-sentence ("… the Commandant further noted,"): what follows it
    carries the sentence on (a quotation, the rest of a column) and is no heading."""
    for block in reversed(out[-4:]):
        if block.kind in (BlockKind.BOILERPLATE, BlockKind.CAPTION, BlockKind.FOOTNOTE):
            continue
        return block.kind is BlockKind.PARAGRAPH and bool(_OPEN_END.search(block.text))
    return False


def _next_kind(blocks: Sequence[RawBlock], i: int) -> BlockKind | None:
    return blocks[i + 1].kind if i + 1 < len(blocks) else None


class _ContentSeen:
    """Whether any content block (paragraph, list item, table) is among `blocks` yet. `classify` only appends
    to its output, so each block is looked at once: asking again for every block was quadratic in a document
    with no content before its end."""

    def __init__(self, blocks: list[RawBlock]) -> None:
        self._blocks = blocks
        self._checked = 0
        self._found = False

    def __call__(self) -> bool:
        while not self._found and self._checked < len(self._blocks):
            self._found = self._blocks[self._checked].kind in (
                BlockKind.PARAGRAPH,
                BlockKind.LIST_ITEM,
                BlockKind.TABLE,
            )
            self._checked += 1
        return self._found


class _SameTitle:
    """Whether a text is the title again (punctuation, spacing and case aside); each title's own form is made
    once, not again for every paragraph it is compared with."""

    def __init__(self) -> None:
        self._forms: dict[str, str] = {}

    def __call__(self, text: str, title: str) -> bool:
        form = self._forms.get(title)
        if form is None:
            form = self._forms[title] = _title_form(title)
        return _title_form(text) == form


_NON_WORD = re.compile(r"\W+")


def _title_form(text: str) -> str:
    return _NON_WORD.sub(" ", text).strip().lower()


def _after_figure(out: Sequence[RawBlock]) -> bool:
    for block in reversed(out[-3:]):
        if block.kind in (BlockKind.CAPTION, BlockKind.TABLE):
            return True
        if block.kind is not BlockKind.BOILERPLATE:
            return False
    return False


def _plain_heading_level(markup_levels: Sequence[int]) -> int:
    """Headings written as plain lines carry no level: they are siblings one level below the top '#' heading
    of the body (so a '# Footnotes' still closes them), or level 2 when the body has none."""
    return max(2, min(markup_levels) + 1) if markup_levels else 2


_QUOTED_OPENING = re.compile(r'(?:"[^"]{1,60}"|“[^“”]{1,60}”) \S')


def _is_heading_line(text: str, following: BlockKind | None) -> bool:
    """A short line, no sentence punctuation at its end or inside, capitalised, not ending on a word that
    needs a continuation ("…trading partner for"), followed by something to head."""
    if following is None or len(text) > 120 or "\n" in text:
        return False
    words = text.split()
    if not words or len(words) > 16:
        return False
    # A line may open with a quoted word if the quotation closes and the line goes on ("Shrinking" the …): a line
    # that opens a quotation otherwise is part of one.
    quoted = text[0] in '"“' and _QUOTED_OPENING.match(text) is not None
    # "Appendix. Selected Options for …": the label's full stop ends no sentence ("Appendix A." has a capital).
    if (
        text[-1] in ".,;:"
        or (text[0] in '([•·-–—"“' and not quoted)
        or _SENTENCE_INSIDE.search(_APPENDIX_LABEL.sub("", text))
    ):
        return False
    first = text[1] if quoted else text[0]
    if not (first.isupper() or first.isdigit()):
        return False
    if words[-1].lower() in OPEN_ENDING_WORDS:
        return False
    return any(c.isalpha() for c in text)
