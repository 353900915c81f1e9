"""What each sentence is to the report: its argument (body prose, a table row) or what stands around it.

Ingest says what a block is by its markup and place (a footnote, a caption, a table); here each block's sentences
get their role from that kind, the block's opening words ("Source:", "Notes:", a table note's letter), the
section they sit in (a reference list under "Additional Resources") and, sentence by sentence, the form of a
citation ("CRS Report R12345, Title, by …"; "…, accessed March 3, 2024, https://…").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from editions.model import BlockKind, Role
from editions.vocabulary import CAPTION_START, NOTE_LINE, SOURCE_LINE

# A note under a table, keyed by the letter or sign its entries carry: "a. Bureaus with …", "* Estimate.", "† …".
_LETTERED_NOTE = re.compile(r"^(?:[a-z][.)]?\s+[A-Z(\"“‘']|(?:\*{1,3}|[†‡§¶])\s*\S)")
# A heading over a list of readings or products rather than over argument: "Additional Resources",
# "Related CRS Products", "Selected AI-Focused CRS Products", "References", "For Further Reading".
_REFERENCE_HEADING = re.compile(
    r"^(?:Appendix\s*[A-Z0-9]?\.?\s*)?(?:"
    r"References|Bibliography|Works\s+Cited|Related|See\s+Also|(?:For\s+)?(?:Further|Additional)\s+Reading|"
    r"Selected\s+Readings?|For\s+(?:More|Further|Additional)\s+Information|"
    r".{0,80}\b(?:CRS|Related|Additional|Other|Selected|Web|Online|Further)\s+"
    r"(?:Resources|References|Readings?|Products|Reports?|Publications)"
    r")\s*:?$",
    re.I,
)
_CRS_PRODUCT = (
    r"CRS\s+(?:Report|In\s+Focus|Insight|Legal\s+Sidebar|Testimony|Product|Video|Infographic)s?\s+[A-Z]{1,3}\d{3,5}"
)
# A citation of a CRS product as a sentence of its own: "CRS Report R12345, Grain Storage Programs, by …".
_PRODUCT_CITATION = re.compile(r"^(?:See\s+(?:also\s+)?)?" + _CRS_PRODUCT + r"(?:\.\d+)?\s*,\s", re.I)
# "For more information, see CRS Report R…": a pointer to reading, whose numbers name products.
_SEE_CITATION = re.compile(
    r"^(?:For\s+(?:more|further|additional)\s+\w+(?:\s+\w+){0,6},\s*)?see\s+(?:also\s+)?" + _CRS_PRODUCT, re.I
)
# "For details, see https://…": a pointer to a page.
_SEE = re.compile(r"^(?:For\s+(?:more|further|additional)?\s*\w+(?:\s+\w+){0,8},\s*)?see\b", re.I)
_ACCESSED = re.compile(
    r"\b(?:accessed|retrieved|last\s+visited|viewed)(?:\s+by\s+[A-Z]\w*)?\s*(?:on\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})",
    re.I,
)
# A web citation: a quoted title with its comma, then the address that ends the sentence.
_WEB_CITATION = re.compile(r"[\"“][^\"“”]{3,300},[\"”].{0,200}?(?:https?://|www\.)\S+\s*[.)]?$")


class RoleReader:
    """Reads roles block by block, in document order: a block's role may depend on the blocks before it (the
    lines under a table or figure)."""

    def __init__(self) -> None:
        self._trail: Role | None = None  # the role of the last block of a table or figure's trail, if open
        self._section: Sequence[str] = ()
        self._in_references = False  # whether `_section` is, or is under, a reading list

    def _under_references(self, section: Sequence[str]) -> bool:
        if section != self._section:  # (blocks of one section come together: read its headings once)
            self._section = section
            self._in_references = any(_REFERENCE_HEADING.match(heading) for heading in section)
        return self._in_references

    def roles(self, kind: BlockKind, text: str, section: Sequence[str], sentences: Sequence[str]) -> list[Role]:
        """The role of each sentence of a content block (`sentences`, the block's sentences in order)."""
        roles = sentence_roles(self._role(kind, text, section), sentences)
        last = roles[-1] if roles else Role.BODY
        opens = kind in (BlockKind.TABLE, BlockKind.CAPTION) or last in (Role.SOURCE, Role.NOTE)
        self._trail = last if opens and kind is not BlockKind.FOOTNOTE else None
        return roles

    def _role(self, kind: BlockKind, text: str, section: Sequence[str]) -> Role:
        if kind is BlockKind.FOOTNOTE:
            return Role.NOTE
        if kind is BlockKind.TABLE:
            return Role.TABLE
        if SOURCE_LINE.match(text):
            return Role.SOURCE
        if NOTE_LINE.match(text):
            return Role.NOTE
        trail = self._trail
        if kind is BlockKind.CAPTION:
            if CAPTION_START.match(text) or trail in (None, Role.TABLE, Role.CAPTION):
                return Role.CAPTION
            return trail  # the next line of a source or of the notes
        if trail is not None and _LETTERED_NOTE.match(text):
            return Role.NOTE
        if self._under_references(section):
            return Role.REFERENCE
        return Role.BODY


def sentence_roles(block_role: Role, sentences: Sequence[str]) -> list[Role]:
    """The role of each sentence of a block. A "Source:" or "Notes:" opening a sentence turns it and the rest
    of the block into a source or notes (a caption, its source and its notes set in one paragraph); a sentence
    of body prose that is a citation is a reference; every other sentence keeps its block's role."""
    roles = []
    current = block_role
    for sentence in sentences:
        if current is not Role.TABLE:
            if SOURCE_LINE.match(sentence):
                current = Role.SOURCE
            elif NOTE_LINE.match(sentence):
                current = Role.NOTE
        roles.append(Role.REFERENCE if current is Role.BODY and _is_citation(sentence) else current)
    return roles


def _is_citation(sentence: str) -> bool:
    if _PRODUCT_CITATION.match(sentence) or _SEE_CITATION.match(sentence):
        return True
    # (Cheap tests first: most sentences hold neither an address nor a word of access.)
    address = "://" in sentence or "www." in sentence
    if address and (_SEE.match(sentence) or _WEB_CITATION.search(sentence)):
        return True
    return any(word in sentence for word in _ACCESS_WORDS) and _ACCESSED.search(sentence) is not None


_ACCESS_WORDS = ("ccessed", "etrieved", "visited", "iewed")
