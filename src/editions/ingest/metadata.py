"""What a report says about itself: number, title, date, version, product, authors.

Only places where CRS prints its own metadata are read (front matter, the metadata table, "Updated …" lines,
author lines, running footers): the body cites other reports ("see CRS Report R41746"), which are not this one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence

from editions.model import Author, Metadata
from editions.vocabulary import MONTHS

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|"
    r"Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
DATE_TEXT = rf"{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
_DATE = re.compile(rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})")
_SLASH_DATE = re.compile(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})")
_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
EDITION_DATE = re.compile(
    rf"(?:\b|(?<=[a-z]))(?:Updated|UPDATED|Revised|REVISED|Published|Publication Date:?)\s+(?P<date>{DATE_TEXT})"
)

# CRS product numbers: R12345, RL33436, RS21234, IF10199, IN12669, LSB11445, and the old "98-317" form.
REPORT_NUMBER = re.compile(r"\b(?:RL|RS|R|IF|IN|LSB|IG|TE|WPD)\d{4,5}\b|\b\d{2}-\d{3,4}(?:\s?[A-Z])?\b")
_PARENTHESIZED_NUMBER = re.compile(r"\((" + REPORT_NUMBER.pattern + r")\)")
_HISTORY_ITEM = re.compile(rf"(?P<date>{DATE_TEXT})\s*\(\s*[A-Z0-9-]+\s*-\s*Version:\s*(?P<version>\d{{1,4}})\s*\)")

PRODUCTS = {
    "IF": "In Focus",
    "IN": "Insight",
    "LSB": "Legal Sidebar",
    "R": "Report",
    "RL": "Report",
    "RS": "Report",
}
_PRODUCT_NAMES = {
    "reports": "Report",
    "report": "Report",
    "in focus": "In Focus",
    "insight": "Insight",
    "insights": "Insight",
    "legal sidebar": "Legal Sidebar",
    "sidebar": "Legal Sidebar",
}

# CRS job titles, as printed after an author's name ("Specialist in Asian Affairs", "Legislative Attorney").
_ROLE_WORDS = (
    r"(?:Coordinator|Specialist|Analyst|(?:Legislative\s+)?Attorney|Research\s+(?:Assistant|Librarian)|"
    r"Information\s+Research\s+Specialist|Section\s+Research\s+Manager|Senior\s+\w+|Acting\s+\w+|"
    r"Presidential\s+Management\s+Fellow|(?:U\.S\.\s+)?[A-Z]\w+(?:\s+[A-Z]\w+)?\s+Fellow|Law\s+Clerk|"
    r"Visiting\s+\w+|Director)"
)
_NAME = (
    r"(?:[A-Z]\.|[A-Z][\w'’-]+)"  # a first name or an initial ("J. Smith")
    r"(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+|de|van|von|da|del|la|Mc\w+)){1,4}(?:,?\s+(?:Jr\.|Sr\.|II|III|IV))?"
)
# A role holds no sentence punctuation, but may name "U.S." ("Analyst in U.S. Defense Policy").
AUTHOR_LINE = re.compile(rf"^(?P<name>{_NAME}),\s+(?P<role>{_ROLE_WORDS}\b(?:[^.;]|U\.S\.){{0,120}})$")
_FIELD = re.compile(r"^\*\*(?P<key>[^*\n]{1,40}):\*\*\s*(?P<value>.*)$")


# An address a document states as its own: absolute http(s) only (never `javascript:` or a relative path, as the
# web links to it), without spaces, quotes or angle brackets, and of a length a real address has.
_URL = re.compile(r"https?://[^\s<>\"'()\[\]]{1,2000}", re.IGNORECASE)
URL_FIELDS = ("source", "url", "link", "permalink")
"""Front-matter fields of a saved page that hold the address it was saved from."""


def stated_url(value: str | None) -> str | None:
    """The first absolute http(s) address in `value` ("https://…", "<https://…>", "[page](https://…)"), or None."""
    if not value:
        return None
    m = _URL.search(value)
    return m.group(0).rstrip(".,;:") if m else None


def parse_date(text: str) -> dt.date | None:
    """The first full date in `text` ("July 21, 2022", "04/23/2026", "2022-07-21"), or None."""
    for pattern in (_DATE, _SLASH_DATE, _ISO_DATE):
        if m := pattern.search(text):
            month_text = m.group("month")
            month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.rstrip(".").lower())
            try:
                return dt.date(int(m.group("year")), month or 0, int(m.group("day")))
            except ValueError:
                continue
    return None


def product_of(report: str | None) -> str | None:
    if not report:
        return None
    prefix = re.match(r"[A-Z]+", report)
    return PRODUCTS.get(prefix.group(0)) if prefix else "Report"


def authors_from_list(value: str) -> tuple[Author, ...]:
    """'Anderson, April J.; Graber, Abigail A.' → April J. Anderson, Abigail A. Graber."""
    authors = []
    for part in value.split(";"):
        part = part.strip()
        if not part:
            continue
        if part.count(",") == 1:
            last, first = (p.strip() for p in part.split(","))
            part = f"{first} {last}"
        authors.append(Author(part))
    return tuple(authors)


def author_line(text: str) -> Author | None:
    """'Emma Chanlett-Avery, Coordinator, Specialist in Asian Affairs' → name and role, or None."""
    if len(text) > 200:
        return None
    m = AUTHOR_LINE.match(text.strip())
    if not m:
        return None
    return Author(m.group("name").strip(), m.group("role").strip().rstrip(","))


def parse_front_matter(lines: list[str]) -> tuple[Metadata, int]:
    """The metadata header of a saved CRS page ("# Title", "**Report No.:** IF10753", …, "---").

    Returns the metadata and the index of the first line after the header (0 when there is none)."""
    first = next((i for i, line in enumerate(lines[:20]) if line.strip()), None)
    if first is None or not lines[first].startswith("# "):
        return Metadata(), 0
    fields: dict[str, str] = {}
    for i in range(first + 1, min(len(lines), first + 30)):
        line = lines[i].strip()
        if not line:
            continue
        if re.fullmatch(r"-{3,}", line):
            if len(fields) < 2:
                return Metadata(), 0
            return _metadata_from_fields(lines[first][2:].strip(), fields), i + 1
        m = _FIELD.match(line)
        if not m:
            return Metadata(), 0
        fields[m.group("key").strip().lower()] = m.group("value").strip()
    return Metadata(), 0


def _metadata_from_fields(title: str, fields: dict[str, str]) -> Metadata:
    report = fields.get("report no.") or fields.get("report number")
    version = fields.get("version", "")
    product = fields.get("product type", "").strip().lower()
    return Metadata(
        report=report or None,
        title=title or None,
        date=parse_date(fields.get("publication date", "") or fields.get("date", "")),
        version=int(version) if version.isdigit() else None,
        product=_PRODUCT_NAMES.get(product) or (fields.get("product type") or None),
        authors=authors_from_list(fields.get("author(s)", "") or fields.get("authors", "")),
        url=next((url for key in URL_FIELDS if (url := stated_url(fields.get(key))) is not None), None),
    )


def from_furniture(texts: Iterable[str]) -> Metadata:
    """Metadata printed in page furniture and metadata lines: "Updated July 21, 2022", "(IF10753)",
    "IF10199 · VERSION 8 · UPDATED", "CRS Product Number: | IF10753", "Publication Date: | 04/23/2026"."""
    report = date = version = product = None
    authors: tuple[Author, ...] = ()
    history: list[tuple[dt.date | None, int]] = []
    for text in (line for block in texts for line in block.split("\n")):
        if m := _HISTORY_ITEM.search(text):
            history.append((parse_date(m.group("date")), int(m.group("version"))))
        if not authors and (m := re.match(r"^Authors?\s*:\s*\|\s*(.+?)\s*$", text)):
            authors = authors_from_list(m.group(1))
        if date is None and (m := EDITION_DATE.search(text)):
            date = parse_date(m.group("date"))
        if report is None:
            if (m := _PARENTHESIZED_NUMBER.search(text)) or (
                m := re.search(r"Product Number:\s*\|?\s*(" + REPORT_NUMBER.pattern + ")", text)
            ):
                report = m.group(1)
            elif m := re.match(r"^\s*(" + REPORT_NUMBER.pattern + r")\s*[·|]\s*VERSION\s+(\d+)", text, re.I):
                report, version = m.group(1), int(m.group(2))
        if date is None and (m := re.search(r"Publication Date:\s*\|?\s*(\d{1,2}/\d{1,2}/\d{4})", text)):
            date = parse_date(m.group(1))
        if product is None and (m := re.search(r"Product Type:\s*\|?\s*([A-Za-z ]+?)\s*(?:\||$)", text)):
            product = _PRODUCT_NAMES.get(m.group(1).strip().lower())
    if version is None and date is not None:
        # congress.gov lists every version newest first: "April 23, 2026 (IF10753 - Version: 7)". This edition is
        # the highest version of its own date.
        same_day = [v for day, v in history if day == date]
        version = max(same_day) if same_day else None
    return Metadata(report=report, date=date, version=version, product=product, authors=authors)


# A PDF's own statements: its Info dictionary (Title, Author, Keywords "Cover Date: …"), its running footers
# ("R48905 · VERSION 2 · NEW", or the number alone) and a dated line near its top ("Updated July 21, 2022").
_VERSION_FOOTER = re.compile(r"(" + REPORT_NUMBER.pattern + r")\s*·\s*VERSION\s+(\d+)", re.I)
_NUMBER_FOOTER = re.compile(r"\s*(" + REPORT_NUMBER.pattern + r")\s*")
_COVER_DATE = re.compile(r"Cover Date:\s*(.+)$")
_DATE_LINE = re.compile(r"(?:Updated\s+)?[A-Z][a-z]+\.? \d{1,2}, \d{4}")
_INFO_AUTHORS = re.compile(r";|,(?!\s*(?:Jr|Sr)\.)")
_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    """The text with each run of white space one space, trimmed."""
    return _SPACES.sub(" ", text).strip()


def from_pdf(
    info: Mapping[str, str],
    furniture: Sequence[str],
    texts: Sequence[str],
    authors: Sequence[Author],
    cover_title: str | None,
) -> Metadata:
    """Metadata of a PDF: from its Info dictionary `info`, the running `furniture` removed from its pages, the
    `texts` of its blocks, the `authors` its author section names and the title set large on its cover."""
    title = squash(info.get("Title", "")) or cover_title
    report = version = None
    for text in furniture:
        if m := _VERSION_FOOTER.search(text):
            report, version = m.group(1), int(m.group(2))
            break
    if report is None:
        for text in furniture:
            if m := _NUMBER_FOOTER.fullmatch(text):
                report = m.group(1)
                break
    date = None
    if m := _COVER_DATE.search(info.get("Keywords", "")):
        date = parse_date(m.group(1))
    if date is None:
        for text in texts[:40]:
            if _DATE_LINE.fullmatch(text.strip()):
                date = parse_date(text)
                break
    found = list(authors)
    if not found:
        found = [a for t in texts if (m := AUTHOR_LINE.match(t)) and (a := Author(m["name"], m["role"]))]
    if not found and info.get("Author"):
        found = [Author(name.strip()) for name in _INFO_AUTHORS.split(info["Author"]) if name]
    return Metadata(report=report, title=title, date=date, version=version, authors=tuple(_unique(found)))


def _unique(authors: list[Author]) -> list[Author]:
    """Each author once: the first with a role, else the first."""
    seen: dict[str, Author] = {}
    for author in authors:
        if author.name not in seen or (author.role and not seen[author.name].role):
            seen[author.name] = author
    return list(seen.values())
