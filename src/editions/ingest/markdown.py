"""Markdown: converted from CRS PDFs (the seeds) or saved from congress.gov pages (profamiot corpus).

Neither dialect is clean CommonMark: tables come without separator rows, body headings of saved pages are
plain lines, paragraphs are cut at PDF column breaks. We read blocks line by line (the block grammar we need
is small) and leave inline markup to `inline.to_text`; `layout` then decides what each block is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from editions.errors import InputError
from editions.ingest import inline
from editions.ingest.metadata import parse_front_matter
from editions.ingest.repair import join_hyphenated_lines
from editions.model import BlockKind, Metadata, RawBlock
from editions.vocabulary import GLUED_CAPITAL_FUNCTION_WORDS, GLUED_LOWER_FUNCTION_WORDS

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_TABLE_ROW = re.compile(r"^\s*\|")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A footnote's definition, "[^1]: Text of the note." (its continuation lines are indented).
_FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]{1,20})\]:[ \t]*(.*)$")
_PDF_LINK = re.compile(r"\[Download PDF[^\]\n]*\]\([^)\s]*/([A-Z]{1,3}\d{4,5}|\d{2}-\d{3,4})\.(\d{1,4})\.pdf\)")
_FRONT_MATTER_FIELD = re.compile(r"^\*\*[^*\n]{1,40}:\*\*")
# Saved pages lose superscripts: "the 119<sup>th</sup> Congress" is saved as "the 119 Congress". A cardinal
# before these singular nouns (or a range before their plural) can only be an ordinal, so its suffix is put back;
# an acronym may come between, naming the unit's kind ("the 3 IFPC Battalion").
_ORDINAL_NOUN = (
    r"Congress|Cong\.|[Aa]nniversary|[Cc]entury|[Ss]ession|[Ss]ess\.|Circuit|Amendment|Cavalry|Corps|Fleet|"
    r"Battalion|Regiment|Brigade|Division|Squadron|Marine|Field Artillery|Air Defense Artillery|Infantry|Airborne|"
    r"Armored|Multi-Domain"
)
_ORDINAL_NOUNS = r"Congresses|[Aa]nniversaries|[Cc]enturies|[Ss]essions|Circuits|Amendments"


def _lost_ordinal(nouns: str, plurals: str | None) -> re.Pattern[str]:
    # The lookbehind comes after the first digit, so that the pattern starts with a digit, which the regular
    # expression engine skips to (a pattern that starts with a lookbehind is tried at every position: slower;
    # benchmarks/ingest.py).
    # (Without plurals, group 4 is one that never matches, so that a match has the same groups either way.)
    plural = rf"|({plurals or '(?!)'})\b"
    return re.compile(
        r"(\d(?<![\w$.,§/-]\d)\d{0,2})(?:(,? (?:and|or|through|to) |[-–])(\d{1,3}))? "
        rf"(?=(?:[A-Z]{{2,6}} )?(?:{nouns})(?![\w-]){plural})"
    )


_LOST_ORDINAL = _lost_ordinal(_ORDINAL_NOUN, _ORDINAL_NOUNS)
_ORDINAL_HEAD = re.compile(rf"(?:{_ORDINAL_NOUN})(?![\w-])")


def _ordinal(number: str) -> str:
    n = int(number)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{number}{suffix}"


def _restore_ordinal(m: re.Match[str]) -> str:
    at = m.start()
    if at >= 3 and m.string[at - 2] == "." and m.string[at - 3].isalpha():
        return m.group(0)  # the number of what an abbreviation names: "P.L. 119-74 Division C", "No. 5 Fleet"
    if m.group(3) is None:
        # "2 Congresses" counts them; only a range before the plural is ordinal ("the 118 and 119 Congresses")
        return m.group(0) if m.group(4) else _ordinal(m.group(1)) + " "
    if m.group(2) in "-–" and not m.group(4):
        # Before a singular noun two numbers joined by a hyphen are no range but a unit within a unit: "1-51
        # Air Defense Artillery" is the 1st battalion of the 51st regiment, printed "1-51st".
        return f"{m.group(1)}{m.group(2)}{_ordinal(m.group(3))} "
    return f"{_ordinal(m.group(1))}{m.group(2)}{_ordinal(m.group(3))} "


def restore_ordinals(text: str) -> str:
    """ "the 119 Congress" as the page printed it: "the 119th Congress"."""
    return _LOST_ORDINAL.sub(_restore_ordinal, text)


# A document's own usage shows more of its terms that take ordinals: an acronym it defines as a phrase that does
# ("Multi-Domain Task Force (MDTF)", "Battalion (BN)"), and a singular term it also writes after an ordinal whose
# suffix survived ("the 14th FYP", "China's 15th Five-Year Plan" in its title). Both are read in the saved text
# as it came, before any suffix was put back; an acronym followed by a capitalized word ("the 3rd IFPC Battalion")
# only names the unit's kind, and a plural ("the 2nd and 3rd Fleets") is no term a cardinal may precede.
_DEFINED = re.compile(r"\(([A-Z]{2,8})s?\)")
# ([0-9] rather than \d: the engine's scan for an ASCII set is faster over a document; benchmarks/ingest.py.)
_WRITTEN_ORDINAL = re.compile(r"[0-9](?:st|nd|rd|th) ([A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)*)(?![\w-])( [A-Z])?")
# Words that start a title after an ordinal ("108th Through 118th Congresses") without being a term of their own.
_NOT_TERM_WORDS = "The A An And Or Of In On At To For By As It From With Through Under Over Into Between Versus"
_NOT_TERMS = frozenset(_NOT_TERM_WORDS.split())


def _long_form(short: str, before: str) -> str:
    """The words before "(short)" that it abbreviates, by Schwartz and Hearst's rule (2003): the short form's
    letters found right to left in them, its first at the start of a word; "" when they are not there."""
    text = " ".join(before.split()[-(len(short) + 5) :])
    i = len(text) - 1
    for k in range(len(short) - 1, -1, -1):
        c = short[k].lower()
        while i >= 0 and (text[i].lower() != c or (k == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return ""
        i -= 1
    return text[i + 1 :]


def _document_ordinal_terms(text: str) -> list[str]:
    terms = {
        m.group(1)
        for m in _WRITTEN_ORDINAL.finditer(text)
        if not (m.group(2) and m.group(1).isupper()) and not (m.group(1).endswith("s") and m.group(1)[-2:] != "ss")
    } - _NOT_TERMS
    for m in _DEFINED.finditer(text):
        if _ORDINAL_HEAD.match(_long_form(m.group(1), text[max(0, m.start() - 200) : m.start()])):
            terms.add(m.group(1))
    # What restore_ordinals already put back needs no second pass ("Congress", "Cong."): most documents have
    # no other term, and no second pass at all.
    return sorted(
        (t for t in terms if not _ORDINAL_HEAD.fullmatch(t) and not _ORDINAL_HEAD.fullmatch(t + ".")),
        key=len,
        reverse=True,
    )


def _restore_document_ordinals(blocks: list[RawBlock], text: str) -> list[RawBlock]:
    """The blocks with the lost ordinals that only the document's own usage (its saved `text`) shows restored."""
    terms = _document_ordinal_terms(text)
    if not terms:
        return blocks
    pattern = _lost_ordinal("|".join(re.escape(t) for t in terms), None)
    return [RawBlock(b.kind, pattern.sub(_restore_ordinal, b.text), b.level) for b in blocks]


MAX_TABLE_CELLS = 100_000
"""The most cells one table may hold: every cell is read for figures, at a cost that grows with the cells, and a
table this large is data, not a report's table."""


def read(text: str, label: str = "input") -> tuple[list[RawBlock], Metadata]:
    """Blocks of a Markdown document, in reading order, and what its front matter states. Raises `InputError` for
    a table of over `MAX_TABLE_CELLS` cells (`label` names the document)."""
    lines = text.split("\n")
    metadata, body_start = parse_front_matter(lines)
    if m := _PDF_LINK.search(text):
        # A saved page names its own PDF: ".../IF13199/IF13199.1.pdf" is version 1 of IF13199.
        metadata = metadata.merged(Metadata(report=m.group(1), version=int(m.group(2))))
    blocks = list(_blocks(_join_cell_lines(lines[body_start:]), label))
    blocks = _restore_document_ordinals(_drop_repeated_runs(blocks), text)
    if body_start:
        header = " ".join(line.strip() for line in lines[:body_start] if line.strip())
        blocks.insert(0, RawBlock(BlockKind.BOILERPLATE, inline.to_text(header)))
    return blocks, metadata


def _join_cell_lines(lines: list[str]) -> list[str]:
    """The lines with each table row on one line. A saved page breaks a cell that stacks several entries
    ("Division B, Title VII, §736" over "Division C, Title V, §533") into lines that do not start with "|"; they
    belong to the row above when more rows follow before a blank line, or when they close the row's cells. A row
    whose first cell breaks so ("| Requirements payments program" over "(52 U.S.C. §§21001-21008) | FY2003: …")
    starts as a line of one cell: the lines after it that hold its other cells make it a row of several."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        if not _TABLE_ROW.match(line):
            continue
        one_cell = "|" not in line.strip().strip("|")
        cells_follow = i < len(lines) and "|" in lines[i] and not _TABLE_ROW.match(lines[i])
        if one_cell and not cells_follow:
            continue  # one-cell rows are the layout tables that hold a figure's caption and source
        # A cell's second paragraph comes after a blank line: "Applies to banks with …" before the next row.
        gap = i < len(lines) and not lines[i].strip()
        k = i + gap
        while k < len(lines) and lines[k].strip() and not _TABLE_ROW.match(lines[k]):
            k += 1
        rest = lines[i + gap : k]
        # More rows follow: of several cells, or of one after a row of several (a table's section label: "|
        # Standard Deduction:" under "| Personal Exemption: | $0" over "(Suspended through 2025; …)").
        more = k < len(lines) and _TABLE_ROW.match(lines[k]) and ("|" in lines[k].strip().strip("|") or not one_cell)
        if rest and (more or (not gap and any("|" in r for r in rest))):
            out[-1] = " ".join([line.rstrip(), *(r.strip() for r in rest)])
            i = k
    return out


def _drop_repeated_runs(blocks: list[RawBlock]) -> list[RawBlock]:
    """The blocks without a run of paragraphs printed twice in a row: saved report pages repeat the Summary
    ("A B C A B C") where the PDF prints it once."""
    out: list[RawBlock] = []
    seen: dict[str, int] = {}  # a long paragraph's text -> its index in `out`
    i = 0
    while i < len(blocks):
        block = blocks[i]
        j = seen.get(block.text) if block.kind is BlockKind.PARAGRAPH and len(block.text) >= 80 else None
        if j is not None:
            k = len(out) - j
            run = out[j:]
            if k >= 2 and blocks[i : i + k] == run and sum(len(b.text) >= 80 for b in run) >= 2:
                i += k
                continue
        if block.kind is BlockKind.PARAGRAPH and len(block.text) >= 80:
            seen[block.text] = len(out)
        out.append(block)
        i += 1
    return out


# Saved pages drop the space after punctuation ("(USMCA),also", "technologies:How", "(Figure 2)to", "(1)an"),
# before a parenthesis ("Survey(USGS)", "FY2018(P.L. 115-123)") and after a function word before a capitalized
# one ("thatIran", "bothCongresses", "OurDemocracy"). Each rule leaves out what such text holds correctly: a
# thousands separator or note letters ("2009d,f"), a time or citation ("3:16"), a word's optional part
# ("(s)he", "agency(ies)"), a subdivision ("§1396a(b)", "3(A)"), code ("x.setOptions(Theme)"), camelCase names
# ("InSAR", "InSight", "TheEnergyMag"); URLs, e-mail addresses and handles are skipped whole (`_in_address`).
# Every pattern starts with a character set or a literal, which the regular expression engine skips to: most
# text holds none of them, and a pattern that starts with a lookbehind is tried at every position (much slower:
# benchmarks/ingest.py; docs/quality.md).
_FUNCTION_WORDS = GLUED_LOWER_FUNCTION_WORDS | GLUED_CAPITAL_FUNCTION_WORDS
_PARENTHESIS_OPENS = r"(?=[A-Z$][^()\n]{1,80}\)|[a-z]{2,} [^()\n]{1,80}\))"
# One pass finds all three: each alternative starts with a literal character, so the regular expression engine
# skips to the few characters that can start one (a lookbehind or a character set first would be tried at every
# position, several times slower over the corpus: benchmarks/ingest.py); the callbacks below decide.
_GLUED = re.compile(
    r",(?=[A-Za-z])|;(?=[A-Za-z])|:(?=[A-Za-z])|\)(?=[A-Za-z])|\((?<=[A-Za-z0-9'’]\()"
    + _PARENTHESIS_OPENS
    + "".join(f"|{c}(?<=[a-z]{c})" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
)
_CAPITALIZED = re.compile(r"[a-z]+(?![\w'’-])")
_WORD_BEFORE = re.compile(r"[\w'’.@#/-]*$")
_ADDRESS = re.compile(r"[/@#=_]|www\.|\.(?:com|org|gov|net|edu)\b|:.*:")


def _in_address(text: str, at: int) -> bool:
    start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
    end = len(text)
    for stop in (" ", "\n"):
        k = text.find(stop, at)
        if k != -1:
            end = min(end, k)
    return bool(_ADDRESS.search(text, start, end))


def _after_punctuation(m: re.Match[str]) -> str:
    text, at, mark = m.string, m.end(), m.group()
    before, after = text[at - 2 : at - 1], text[at : at + 2]
    if not (after.isalpha() and after.isascii() and len(after) == 2):
        return mark  # note letters ("(OIG)c", "2009d,f")
    if mark == ")":
        if not after.islower():
            return mark
        # "(s)he", "(re)authorize": letters in parentheses are part of the word that follows.
        inside = text[text.rfind("(", 0, at) + 1 : at - 1]
        if inside.isalpha() and inside.islower():
            return mark
    elif not (before.isalpha() or before in ')"”’' or (before == "%" and mark != ":")):
        return mark
    return mark if _in_address(text, at) else mark + " "


def _before_parenthesis(m: re.Match[str]) -> str:
    word = m.string[m.string.rfind(" ", 0, m.start()) + 1 : m.start()]
    if "." in word or _in_address(m.string, m.start()):
        return "("  # "Highcharts.setOptions(Theme)", "11.4.6(End of December)"
    return " ("


def _between_words(m: re.Match[str]) -> str:
    before = _WORD_BEFORE.search(m.string, max(0, m.start() - 40), m.start())
    word = before.group() if before else ""
    if word in _FUNCTION_WORDS and _CAPITALIZED.match(m.string, m.end()) and not _in_address(m.string, m.start()):
        return " " + m.group()
    return m.group()


def _respace(m: re.Match[str]) -> str:
    mark = m.group()
    if mark == "(":
        return _before_parenthesis(m)
    return _after_punctuation(m) if mark in ",;:)" else _between_words(m)


def restore_spaces(text: str) -> str:
    """ "the USMCA),also thatIran" as the page printed it: "the USMCA), also that Iran"."""
    return _GLUED.sub(_respace, text)


# A footnote's mark that a saved page flattened onto the end of a sentence: "… prevent defaults.18 Relationships",
# "… (e.g., crs.gov).46 The", "… the cloud.97" at the paragraph's end: one to three digits after a stop, before the
# next sentence or the end, where the stop ends a lowercase word of three letters or more ("vol.5", "Section 3.12",
# "2.5" and "U.S.C. 5303" stay).
# (It starts with a digit, which the engine skips to; a pattern that starts with a lookbehind is tried everywhere.)
_MARK_AFTER_STOP = re.compile(r"[0-9](?<=[.,;:\"”’)][0-9])[0-9]{0,2}(?![0-9])(?=\s+[A-Z\"“(]|\s*$)")
_WORD_BEFORE_STOP = re.compile(r"(?<![A-Za-z])([a-z]{3,})\)?[.,;:][\"”’)]?$")
_NOT_MARKED = frozenset(["vol", "sec", "art", "fig", "para", "chap", "ref", "rev", "nos", "est", "approx"])


def _drop_flattened_mark(m: re.Match[str]) -> str:
    before = _WORD_BEFORE_STOP.search(m.string, max(0, m.start() - 40), m.start())
    return "" if before is not None and before.group(1) not in _NOT_MARKED else m.group()


def _text(markdown: str) -> str:
    text = restore_ordinals(restore_spaces(inline.to_text(markdown)))
    return _MARK_AFTER_STOP.sub(_drop_flattened_mark, text)


# A saved page's table cell that stacked entries ("Requirements payments" over "52 U.S.C. §§21001-21008", "$3
# billion" over "FY10 and subsequent years") runs them together with no marker left: a lower-case word glued to
# a number that stands alone ("payments52 U.S.C.") or to a capitalized word, an abbreviation or a fiscal year
# ("individualReduced by", "billionFY10", "reimbursementsP.L."), or a number to a capitalized word, a fiscal
# year or an amount ("FY2026" over "Requested", "$400,000FY08-10", "$3$4$5"). A word that starts upper-case
# ("FinCEN", "AmeriCorps") and a file name or URL ("work1171.pdf") are left alone.
_STACKED = re.compile(
    r"[A-Z0-9](?:(?<=[a-z]{3}[A-Z0-9])(?:(?<=\d)\d*(?=\s|$)|(?<=[A-Z])(?:[a-z]+(?=[\s,;]|$)|[A-Z]+\d|\.[A-Z]\.))"
    r"|(?<=\d[A-Z])(?:[a-z]+(?=[\s,;]|$)|[A-Z]+\d))"
)
_STACKED_AMOUNT = re.compile(r"\$(?<=\d\$)(?=\d)")
_STACKED_WORD = re.compile(r"(?<![\w./@#=&?%'’-])[a-z]+$")


def _unstack(m: re.Match[str]) -> str:
    if m.string[m.start() - 1].isdigit():
        return m.group() if _in_address(m.string, m.start()) else " " + m.group()
    if _STACKED_WORD.search(m.string, max(0, m.start() - 40), m.start()):
        return " " + m.group()
    return m.group()


def _cell_text(markdown: str) -> str:
    text = _STACKED.sub(_unstack, _text(markdown))
    return _STACKED_AMOUNT.sub(" $", text) if "$" in text else text


def _cells(row: str) -> list[str]:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|"):
        row = row[:-1]
    return [_cell_text(cell) for cell in row.split("|")]


def _stacked_rows_joined(table: list[str]) -> list[list[str]]:
    """A table's rows as cells, a row with text in its last cell alone joined to that cell of the row above. A saved
    page writes entries stacked in a last cell beside cells that span them ("Sample Answers" beside one question)
    as rows of their own with the spanning cells left empty; the row goes on with the entries, as the PDF sets
    them in one cell."""
    rows: list[list[str]] = []
    for line in table:
        if _TABLE_SEPARATOR.match(line):
            continue
        cells = _cells(line)
        above = rows[-1] if rows else None
        if (
            above is not None
            and len(cells) == len(above) >= 2
            and cells[-1]
            and above[-1]
            and not any(c.strip() for c in cells[:-1])
        ):
            above[-1] = f"{above[-1]} {cells[-1]}"
            continue
        rows.append(cells)
    return rows


def _check_table_size(table: list[str], label: str) -> None:
    """Refuse a table of over `MAX_TABLE_CELLS` cells, counted from its lines' pipes before any cell is read."""
    cells = 0
    for line in table:
        if not _TABLE_SEPARATOR.match(line):
            cells += line.strip().removeprefix("|").removesuffix("|").count("|") + 1
    if cells > MAX_TABLE_CELLS:
        raise InputError(
            f"{label} holds a table of {cells:,} cells, over the limit of {MAX_TABLE_CELLS:,} cells per table."
        )


def _blocks(lines: list[str], label: str) -> Iterator[RawBlock]:
    paragraph: list[str] = []
    table: list[str] = []
    item: list[str] = []
    item_level = 0
    note: list[str] = []
    note_label = ""
    fence: str | None = None
    code: list[str] = []

    def flush() -> Iterator[RawBlock]:
        nonlocal item_level
        if note:
            text = _text(join_hyphenated_lines(note))
            if text:
                # Numbered as the note's mark reads, the way the PDF and HTML readers give their notes.
                yield RawBlock(BlockKind.FOOTNOTE, f"{note_label}. {text}" if note_label.isdecimal() else text)
            note.clear()
        if paragraph:
            text = _text(join_hyphenated_lines(paragraph))
            if text:
                yield RawBlock(BlockKind.PARAGRAPH, text)
            paragraph.clear()
        if table:
            _check_table_size(table, label)
            rows = [" | ".join(cells) for cells in _stacked_rows_joined(table)]
            rows = [r for r in rows if r.replace("|", "").strip()]
            if rows:
                yield RawBlock(BlockKind.TABLE, "\n".join(rows))
            table.clear()
        if item:
            text = _text(join_hyphenated_lines(item))
            if text:
                yield RawBlock(BlockKind.LIST_ITEM, text, level=item_level)
            item.clear()

    for line in lines:
        if fence is not None:
            if line.strip().startswith(fence):
                text = "\n".join(code).strip()
                if text:
                    yield RawBlock(BlockKind.PARAGRAPH, re.sub(r"\s+", " ", text))
                code.clear()
                fence = None
            else:
                code.append(line)
            continue
        if not line.strip():
            yield from flush()
            continue
        if m := _FENCE.match(line):
            yield from flush()
            fence = m.group(1)[:3]
            continue
        if _RULE.match(line):
            yield from flush()
            continue
        if m := _ATX.match(line):
            yield from flush()
            text = _text(m.group(2) or "")
            if text:
                yield RawBlock(BlockKind.HEADING, text, level=len(m.group(1)))
            continue
        if m := _FOOTNOTE_DEFINITION.match(line):
            yield from flush()
            note_label = m.group(1)
            note.append(m.group(2))
            continue
        if note:  # the note goes on to the blank line, as a paragraph does
            note.append(line.strip())
            continue
        if _TABLE_ROW.match(line):
            if not table:
                yield from flush()
            table.append(line)
            continue
        if table:
            yield from flush()
        if m := _LIST_ITEM.match(line):
            yield from flush()
            item_level = len(m.group(1).expandtabs(4)) // 2
            item.append(m.group(2))
            continue
        if item and len(line) - len(line.lstrip()) < 8:
            item.append(line)
            continue
        if item:
            # Text centred with many spaces after a list ("      Disclaimer:") is a new block, not the item's tail.
            yield from flush()
        if _FRONT_MATTER_FIELD.match(line.strip()) and paragraph:
            # "**Version:** 7" lines stacked without blank lines are separate statements, not one paragraph.
            yield from flush()
        paragraph.append(line.strip())
    if fence is not None and code:
        text = "\n".join(code).strip()
        if text:
            yield RawBlock(BlockKind.PARAGRAPH, re.sub(r"\s+", " ", text))
    yield from flush()
