"""Numbers that name, enumerate or point rather than measure, read from the words around them.

- Inside a proper name: a number right after a capitalized word that is not the first word of its clause
  ("Vision Plan 2035", "Operation Seabird 19", "Agency Directive 4100.12", "EO 12345", "Low Rate Production
  Phases 2-3"), a year after a capitalized word and "of" or an act's comma ("the Clean Harbors Act of
  1987", "Further Appropriations Act, 2021"), an ordinal before a capitalized word ("Fifth Amendment",
  "117th Congress", "31st Wing"). English capitalizes names, not the nouns a figure counts; a capitalized
  word that only opens its clause, a month, a preposition or a table label ("Total") does not make a name.
- Enumerators: "First," or "Fourth," opening a clause; "1)" or "(2)" before the clause it numbers.
- Determiners: "One open issue", "the two agencies": "one" or "two" that points at things rather
  than counting them; "one" in a compound adjective ("one-way", "one-time").
"""

from __future__ import annotations

import re

from editions.facts._found import words
from editions.vocabulary import MONTH_NAMES, MONTHS

# Capitalized words that stand before a number without making a name with it: function words (capitalized
# in headings and title case), calendar words, and table labels.
_NOT_NAME_WORDS = words(
    "In On At By Of For From To Since Until Till Through Thru During Before After About Around Over Under "
    "Nearly Almost Approximately Roughly Some And Or Nor But The A An With Within Without Than Between Among "
    "Per Versus Vs As Into Onto Across Only Just Also Than Beginning Ending Starting Totaling Total Totals "
    "Subtotal Each Every All Top Is Are Was Were Be Been Has Have Had Will Would"
    " Monday Tuesday Wednesday Thursday Friday Saturday Sunday Spring Summer "
    "Fall Autumn Winter FY CY Fiscal Year Years Q Quarter Week Weeks Day Days Month Months Mid Early Late"
) | {month.capitalize() for month in MONTHS}
_WORD_BEFORE = re.compile(r"(?<![\w.'’&-])(?P<word>[A-Z][A-Za-z]*(?:-[A-Za-z]+)*) $")
# Where a clause opens: the start, a table cell, a colon or semicolon, a list bullet, an opening bracket or
# quotation mark (the first word of a quoted title is capitalized anyway).
_CLAUSE_OPENS = re.compile(r"(?:^|\|\s*|[:;]\s+|[•\-–—*]\s+|[(\[\"“‘']\s*|\.\s+)$")
# A law's title puts its year after "of" or a comma: "Act of 1987", "Appropriations Act, 2021",
# "Amendments of 1972".
_ACT_YEAR_BEFORE = re.compile(r"(?<![\w.'’-])(?:Acts?|Amendments|Code|Resolution|Law)(?: of|,) $")
_WORD = re.compile(r"[A-Za-z][a-z]{3,}")


_TITLE_LOWERCASE = words(
    "with from into onto over under upon that than about between through their versus within without after "
    "before during toward towards among against across along near"
)  # the longer function words a title leaves in lower case


def title_case(text: str) -> bool:
    """Whether `text` is written in title case (a heading, a caption, a title: every word of four letters or
    more capitalized but a few function words): capitals then say nothing about names."""
    capitalized = 0
    for m in _WORD.finditer(text):
        word = m.group()
        if word[0].isupper():
            capitalized += 1
        elif word not in _TITLE_LOWERCASE:
            return False
    return capitalized >= 2


_IDENTIFIER_DIGITS = re.compile(r"\d{4,}(?:\.\d+)?(?![\d,])|\d+\.\d{2,}(?!\d)")
"""A number as directives and orders are numbered: four digits or more with no thousands comma, or a point
and two digits or more ("14347", "3000.09", "5000.01")."""


def name_before(text: str, start: int) -> bool:
    """Whether the number at `start` is part of a name, judged from the capitalized word just before it."""
    if start < 2 or text[start - 1] != " ":
        return False
    if _ACT_YEAR_BEFORE.search(text, max(0, start - 14), start) is not None:
        return True
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if m is None:
        return False
    word = m.group("word")
    if word in _NOT_NAME_WORDS or (len(word) == 1 and word not in "IVX") or word.rsplit("-", 1)[-1].islower():
        return False  # "Senate-approved 2034 water bill": a capitalized compound adjective, not a name
    if _CLAUSE_OPENS.search(text, max(0, m.start() - 3), m.start()) is None:
        return not title_case(text)
    # An acronym opening its clause names the number after it when that number is written as an identifier
    # is ("DODD 3000.09 defines …", "EO 14347 directs …"): a count that large is written with a comma.
    return len(word) > 1 and word.isupper() and _IDENTIFIER_DIGITS.match(text, start) is not None


_CAPITALIZED_AFTER = re.compile(r"[ \u00a0](?P<word>[A-Z][A-Za-z]*(?:[.-][A-Za-z]+)*\.?)")
# Capitalized words an ordinal can describe without naming anything with them.
_NOT_NAMED_AFTER = words(
    "U.S. US American Americans Japanese Chinese Russian Korean European British French German Indian"
) | frozenset(MONTH_NAMES)


def name_after_ordinal(text: str, end: int, *, digits: bool) -> bool:
    """Whether the ordinal ending at `end` begins a name ("Fifth Amendment", "117th Congress", "31st Wing")."""
    m = _CAPITALIZED_AFTER.match(text, end)
    if m is None or m.group("word") in _NOT_NAMED_AFTER or m.group("word").rstrip(".") in _NOT_NAMED_AFTER:
        return False
    # "Ninth Meeting of the Partnership Platform": a title capitalizes an ordinal word anyway; one written
    # with digits ("117th Congress", "11th Cir.") names in titles too.
    return digits or not title_case(text)


_ENUMERATOR_ORDINALS = words("first second third fourth fifth sixth seventh eighth ninth tenth finally")
_ORDINAL_OPENS = re.compile(r"(?:^|[:;]\s+|[(\[\"“]\s*|\.\s+)$")


def enumerator_ordinal(text: str, start: int, end: int) -> bool:
    """Whether the ordinal word at [start, end) opens a clause as an enumerator: "First, …", "Fourth, …"."""
    if not text.startswith(",", end) or text[start:end].lower() not in _ENUMERATOR_ORDINALS:
        return False
    return _ORDINAL_OPENS.search(text, max(0, start - 3), start) is not None


# "because of 1) the cuts …, 2) …" and "(1) a Cargo Model …": a small number closed by ")" before words.
_ENUMERATOR_AFTER = re.compile(r"\)\s+[\w“\"'$]")
_OPEN_BEFORE = re.compile(r"(?:^|[\s\[“\"])\($")


def enumerator_number(text: str, start: int, end: int) -> bool:
    """Whether the integer at [start, end) numbers a clause ("because of 1) the cuts", "(2) a model"): closed
    by ")" before words, and either opened by "(" or standing where no parenthesis is open ("(up from 3)
    to" closes a parenthetical instead)."""
    if end - start > 2 or not text[start:end].isdigit() or _ENUMERATOR_AFTER.match(text, end) is None:
        return False
    if text[start - 1 : start] == "(":
        return _OPEN_BEFORE.search(text, max(0, start - 2), start) is not None
    before = text[:start]
    return (start == 0 or text[start - 1].isspace()) and before.count("(") <= before.count(")")


_DETERMINER_TWO_BEFORE = re.compile(r"\b(?:the|these|those|both|its|their|our|his|her|other)\s+$", re.IGNORECASE)
_ADJECTIVE_THEN_NOUN = re.compile(r" [a-z]+(?:-[a-z]+)*\b")


def determiner(text: str, start: int, end: int) -> bool:
    """Whether the number word "one" or "two" at [start, end) points at things rather than counting them:
    "One open issue" opening a sentence, "the two agencies", "these two bills", "one-way drones". ("Two past
    efforts …" opening a sentence does count them.)"""
    word = text[start:end]
    if word.lower() == "one" and text[end : end + 1] == "-" and text[end + 1 : end + 2].isalpha():
        return True  # "one-way attack drones", "a one-time payment": a compound adjective, a kind of thing
    if word == "One" and not text[:start].strip(" “\"'("):
        return _ADJECTIVE_THEN_NOUN.match(text, end) is not None  # "One open issue …"
    if word.lower() in ("one", "two"):
        return _DETERMINER_TWO_BEFORE.search(text, max(0, start - 8), start) is not None
    return False
