"""The data model: one immutable `Edition` holding spans into its own normalized text.

Everything derived from an edition (blocks, sentences, facts) points back into `Edition.text`
with a `Span`, the way spaCy's `Doc` holds its tokens and spans.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum

SCHEMA_VERSION = 1
COMPARISON_SCHEMA_VERSION = 2
"""The version of a Comparison's JSON: 2 added each link's verdict (`substantive`, `changed`) and each brief
item's `headline`, `group` and `fact_changes`."""


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Character offsets `[start, end)` into `Edition.text`."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class BlockKind(StrEnum):
    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"
    CAPTION = "caption"
    FOOTNOTE = "footnote"
    BOILERPLATE = "boilerplate"

    @property
    def is_content(self) -> bool:
        """Content is what a reader reads and what a comparison compares; headings name sections,
        boilerplate is page furniture."""
        return self not in (BlockKind.TITLE, BlockKind.HEADING, BlockKind.BOILERPLATE)


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    span: Span
    level: int = 0
    """Heading level (1 = top) for headings; nesting depth for list items; 0 otherwise."""
    section: tuple[str, ...] = ()
    """The heading path this block sits under (for a heading: the path of its parents)."""


class Role(StrEnum):
    """What a sentence is to the report: its argument (body prose, a table row) or around it (a caption, a
    note, a source line, a reference). Structure decides it once; facts and compare read it."""

    BODY = "body"
    TABLE = "table"
    CAPTION = "caption"
    NOTE = "note"
    """A footnote or endnote, or a note under a table or figure."""
    SOURCE = "source"
    """A "Source:" line under a table or figure."""
    REFERENCE = "reference"
    """An entry of a reference list or a bare citation."""

    @property
    def is_argument(self) -> bool:
        """Whether the sentence states the report's argument: its figures are figures, its edits are changes."""
        return self in (Role.BODY, Role.TABLE)


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    span: Span
    block: int
    """Index into `Edition.blocks`."""
    section: tuple[str, ...] = ()
    role: Role = Role.BODY


FactValue = int | float | str | None


@dataclass(frozen=True, slots=True)
class Fact:
    kind: str
    """count, money, percent, fraction, rank, date, year, duration, range, office_holder, …"""
    span: Span
    sentence: int
    value: FactValue
    unit: str | None = None
    approximate: bool = False
    measure: str = ""


@dataclass(frozen=True, slots=True)
class Author:
    name: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    format: str
    """text, markdown, html, pdf"""
    name: str | None = None
    """File path or URL the edition was read from; None for bytes."""
    retrieved_at: dt.datetime | None = None
    url: str | None = None
    """Where the document says it was published (a saved page's source field, an HTML page's canonical link);
    None when it does not say."""
    sha256: str | None = None
    """SHA-256 of the file's bytes, for a file fetched from its publisher (`editions fetch`); else None."""
    api_version: int | None = None
    """The version number the publisher's catalogue gave for the file (Congress.gov's `currentVersion`, or the
    number in a versioned PDF's name); None when the file did not come from a catalogue."""


def edition_id(text: str) -> str:
    """An edition is identified by its normalized text: the same text read twice is one edition."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Edition:
    text: str
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]
    source: Source
    report: str | None = None
    title: str | None = None
    date: dt.date | None = None
    version: int | None = None
    product: str | None = None
    authors: tuple[Author, ...] = ()
    facts: tuple[Fact, ...] = ()
    id: str = field(default="")

    def __post_init__(self) -> None:
        # The id is derived, never supplied: it must always agree with the text.
        object.__setattr__(self, "id", edition_id(self.text))

    def text_of(self, item: Block | Sentence | Fact | Span) -> str:
        span = item if isinstance(item, Span) else item.span
        return span.of(self.text)

    @property
    def content_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind.is_content)

    @property
    def sections(self) -> tuple[tuple[str, ...], ...]:
        """Every heading path, in document order."""
        seen: dict[tuple[str, ...], None] = {}
        for block in self.blocks:
            if block.kind is BlockKind.HEADING:
                seen[(*block.section, self.text_of(block))] = None
        return tuple(seen)


# --- What a reader hands to `structure` ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RawBlock:
    """A block as a format reader found it, its text already clean (no markup, escapes or page furniture
    inside it). Tables hold one row a line, cells separated by " | "."""

    kind: BlockKind
    text: str
    level: int = 0


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a document says about itself. Every field is optional: readers fill what their format
    states outright (a metadata table, PDF info), `ingest.metadata` fills the rest from the text."""

    report: str | None = None
    title: str | None = None
    date: dt.date | None = None
    version: int | None = None
    product: str | None = None
    authors: tuple[Author, ...] = ()
    url: str | None = None
    """The address the document states as its own (http or https only)."""

    def merged(self, other: Metadata) -> Metadata:
        """Fields of `self`, with the gaps filled from `other`."""
        return Metadata(
            report=self.report or other.report,
            title=self.title or other.title,
            date=self.date or other.date,
            version=self.version if self.version is not None else other.version,
            product=self.product or other.product,
            authors=self.authors or other.authors,
            url=self.url or other.url,
        )


@dataclass(frozen=True, slots=True)
class Document:
    """The output of ingest: clean blocks in reading order plus metadata, before sentences exist."""

    blocks: tuple[RawBlock, ...]
    metadata: Metadata
    source: Source
    warnings: tuple[str, ...] = ()


# --- Comparison types (filled by `editions.compare`, a later stage) ---------------------------------


class LinkKind(StrEnum):
    SAME = "same"
    EDITED = "edited"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"
    ADDED = "added"
    DELETED = "deleted"


WordOp = tuple[str, str, str]
"""(op, old_text, new_text) with op one of equal, replace, insert, delete."""


@dataclass(frozen=True, slots=True)
class Link:
    old: tuple[int, ...]
    new: tuple[int, ...]
    kind: LinkKind
    similarity: float
    words: tuple[WordOp, ...] = ()
    substantive: bool = False
    """compare's verdict: whether the link changes what is said (added and deleted always do, same never, an
    edit when its changed words say so). Renderers read it; they never decide it again."""
    changed: float = 0.0
    """compare's verdict: the share of the link's words inside a change (1 for added and deleted, 0 for same);
    what a `min_change` setting filters on."""


class FactChangeKind(StrEnum):
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class FactChange:
    kind: FactChangeKind
    measure: str
    old: Fact | None
    new: Fact | None


@dataclass(frozen=True, slots=True)
class Citations:
    old: tuple[int, ...] = ()
    new: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class BriefItem:
    text: str
    kind: str
    """figure, section, list, new, dropped, reworded, moved, notes, cosmetic, unchanged."""
    citations: Citations
    headline: bool = False
    """One of the few items the brief leads with (the news, ranked by salience)."""
    group: str = ""
    """For an item after the headline: the group it is listed in ("Figures", "New and dropped sections", …)."""
    fact_changes: tuple[int, ...] = ()
    """Indices into `Comparison.fact_changes` of the figure changes this item shows."""
    changed: float = 1.0
    """The share of words changed in what the item reports (1 for a figure, a new or dropped statement);
    a `min_change` setting hides items below it."""


@dataclass(frozen=True, slots=True)
class Comparison:
    old: Edition
    new: Edition
    links: tuple[Link, ...]
    fact_changes: tuple[FactChange, ...]
    stats: dict[str, float]
    brief: tuple[BriefItem, ...]
    """The headline items first, then the others in their groups."""

    @property
    def headline(self) -> tuple[BriefItem, ...]:
        return tuple(item for item in self.brief if item.headline)

    @property
    def groups(self) -> tuple[tuple[str, tuple[BriefItem, ...]], ...]:
        """The items after the headline, by group, in the brief's order."""
        out: dict[str, list[BriefItem]] = {}
        for item in self.brief:
            if not item.headline:
                out.setdefault(item.group, []).append(item)
        return tuple((name, tuple(items)) for name, items in out.items())
