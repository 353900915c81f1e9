"""What the readers of numbers share: the number words; the patterns of a number and of what stands around it
(currency, scale, percent, time unit, approximation, identifiers, citations); and the tests made of them that
dates and ranks use too (`identifier_before`, `citation_after`, `ends_with`, `has_digit`)."""

from __future__ import annotations

import re

from editions.facts._found import alternation, lower, words

UNITS: dict[str, int] = {
    "zero": 0, "nought": 0, "naught": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
SCALES: dict[str, int] = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "lakh": 10**5,
    "crore": 10**7,
}  # fmt: skip
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "nineth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 10**3,
    "millionth": 10**6, "billionth": 10**9, "trillionth": 10**12,
}  # fmt: skip
SCALE_ABBREVIATIONS: dict[str, int] = {
    "k": 10**3, "thousand": 10**3, "m": 10**6, "mm": 10**6, "mn": 10**6, "mln": 10**6, "mil": 10**6,
    "million": 10**6, "b": 10**9, "bn": 10**9, "bln": 10**9, "billion": 10**9, "g": 10**9,
    "t": 10**12, "tn": 10**12, "tln": 10**12, "trln": 10**12, "trillion": 10**12, "lakh": 10**5,
    "crore": 10**7,
}  # fmt: skip

_DOZENS = ("dozen", "dozens", "doz", "dozs", "dz", "dzs")
_CARDINAL_WORDS = [*UNITS, *TENS, "hundred", *SCALES, *_DOZENS]
_ORDINAL_WORDS = [*ORDINALS, *(w + "s" for w in ORDINALS), "half", "halves", "quarter", "quarters"]
_WORD = alternation({*_CARDINAL_WORDS, *_ORDINAL_WORDS})
_GLUE = r"(?:\s*-\s*|\s+)(?:(?:and|point)\s+)?(?:an?\s+)?"
# A run of number words, at most 24 long (bounded: no run is scanned twice).
# Matched against `lower(text)`: case-sensitive patterns let the regex engine skip ahead fast.
WORD_RUN = re.compile(rf"\b(?:(?:minus|negative)\s+)?(?:an?\s+)?(?:{_WORD})\b(?:{_GLUE}(?:{_WORD})\b){{0,24}}")
_WORD_TOKEN = re.compile(
    rf"\b{alternation({*_CARDINAL_WORDS, *_ORDINAL_WORDS, 'and', 'point', 'a', 'an', 'minus', 'negative'})}\b|-"
)
_LETTERS = re.compile(r"[a-z]+")
NUMBER_WORDS = frozenset({*_CARDINAL_WORDS, *_ORDINAL_WORDS})
_HAS_DIGIT = re.compile(r"\d")


def ends_with(low: str, start: int, words: tuple[str, ...], reach: int = 24) -> bool:
    """Whether the lower-cased text before `start`, trailing whitespace dropped, ends with one of `words`.
    A look-behind pattern below that can only match when the text before a number ends with one of a few
    words (and whitespace) is tried only when this cheap test passes: the test never rules out a match."""
    return low[max(0, start - reach) : start].rstrip().endswith(words)


def has_digit(text: str) -> bool:
    return _HAS_DIGIT.search(text) is not None


_ISO_CODES = "USD|EUR|GBP|JPY|CNY|RMB|CAD|AUD|INR|KRW|CHF|HKD"
VULGAR_FRACTIONS = {
    "½": "0.5", "⅓": "1/3", "⅔": "2/3", "¼": "0.25", "¾": "0.75", "⅕": "0.2", "⅖": "0.4", "⅗": "0.6",
    "⅘": "0.8", "⅙": "1/6", "⅚": "5/6", "⅛": "0.125", "⅜": "0.375", "⅝": "0.625", "⅞": "0.875",
}  # fmt: skip
_VULGAR = "[" + "".join(VULGAR_FRACTIONS) + "]"
# Digits, not glued to a word before them (an ISO code such as "USD115" excepted); thousands grouped by
# commas or by (thin) spaces, or in the Indian way ("12,34,567": lakhs and crores); a decimal part; a
# vulgar fraction ("2½"); a slash fraction ("3/4").
# The pattern starts with one character class so that the regex engine skips ahead to a digit or a dot
# fast. Each group checks what follows it, so a run of groups ends where the grouping breaks and is never
# scanned again from a later digit (a "1,123,123,…,1234" run stays linear); the Indian form is bounded.
DIGITS = re.compile(
    r"(?P<num>[\d.](?:(?<=\.)\d++|(?<=\d)(?:\d{0,2}(?:,\d{3}(?!\d))++(?:\.\d++)?+"
    r"|\d{0,2}(?:[ \u00a0\u202f]\d{3}(?![\d,]))++(?:\.\d++)?+"
    r"|\d?(?:,\d\d){1,6},\d{3}(?![\d,])(?:\.\d++)?+"
    r"|\d*+(?:\.\d++)?+)))"
    rf"(?P<vulgar>{_VULGAR})?"
    r"(?P<frac>/\d{1,4}(?![\d/]))?"
)
_ATTACHED_CODE = re.compile(rf"M?(?:{_ISO_CODES})(?![A-Za-z])")
_VULGAR_ALONE = re.compile(_VULGAR)
_CODE_BEFORE = re.compile(rf"(?:{_ISO_CODES})$")
_MINUS_WORD = re.compile(r"\b(?:minus|negative)\s$", re.IGNORECASE)
_OUT_OF = re.compile(r"\s+(?:out\s+of|over|in)\s+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"\s*(?:[.,;:!?)]|$)")
# A table note's letter glued to a number at the end of a cell or sentence ("8,250b |", "$185,730a |",
# "2009d,f |"): the number is the figure, the letter points to a note.
NOTE_LETTER = r"[a-z](?:,[a-z])*(?=\s*\||\s*$)"
_NOTE_LETTER = re.compile(NOTE_LETTER)
_ATTACHED = re.compile(r"(?P<suffix>st|nd|rd|th|s|k|K|M|MM|mm|mn|mil|bn|b|B|G|T|tn)(?![A-Za-z])")
_SPACED_SCALE = re.compile(
    r"[ \u00a0]?(?P<scale>thousand|million|billion|trillion|lakh|crore|bn|mn|mln|bln|tln|trln)\b",
    re.IGNORECASE,
)
_SPACED_LETTER = re.compile(r"[ \u00a0]{1,2}(?P<scale>[kKMGBT])(?![\w.'’&-])")
_PERCENT = re.compile(r"\s?(?:%|percent(?:age)?s?\b|per\s?cent\b|pct\b)", re.IGNORECASE)
_PERCENT_POINTS = re.compile(r"\s?percentage\s+points?\b", re.IGNORECASE)
TIME_UNIT = re.compile(
    r"(?:\s*-\s*|\s+)(?P<unit>years?|months?|weeks?|days?|decades?|hours?|minutes?|centur(?:y|ies))\b"
    r"(?:-(?:long|old))?",
    re.IGNORECASE,
)
_HYPHEN_NOUN = re.compile(r"-(?P<noun>[a-z]{3,20})\b")
_HUNDRED_OR_DOZEN = re.compile(r"\s(hundred|dozens?|dzs?|dozs?)\b", re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s+([a-z]{2,20})\b")
_NEXT_WORDS = re.compile(r"(?:\s+[\w’'.-]{1,30}){1,4}")

_CURRENCY_PREFIX = re.compile(
    r"(?:(?<![A-Za-z'’])(?P<code>US|U\.S\.|C|AU|HK|NZ|NT|R|S)\s?)?(?P<sym>\\?\$|€|£|¥|₹|₩|₡|₿)\s?$"
    rf"|(?<![A-Za-z])(?P<mega>M)?(?P<iso>{_ISO_CODES}|BTC)\s?$"
    r"|(?<![A-Za-z])(?P<word>dollars?|euros?)\s$",
    re.IGNORECASE,
)
_PREFIX_UNITS = {
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₡": "CRC", "₿": "BTC",
    "₾": "GEL", "₭": "LAK", "元": "CNY", "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR",
}  # fmt: skip
_CODE_UNITS = {"us": "USD", "u.s.": "USD", "c": "CAD", "au": "AUD", "hk": "HKD", "nz": "NZD", "nt": "TWD"}
_CURRENCY_WORDS: dict[str, str] = {
    "us dollars": "USD", "us dollar": "USD", "u.s. dollars": "USD", "u.s. dollar": "USD",
    "australian dollars": "AUD", "australian dollar": "AUD", "canadian dollars": "CAD",
    "canadian dollar": "CAD", "hong kong dollars": "HKD", "new taiwan dollars": "TWD",
    "new zealand dollars": "NZD", "dollars": "USD", "dollar": "USD", "yen": "JPY", "euros": "EUR",
    "euro": "EUR", "pounds sterling": "GBP", "pounds": "GBP", "pound": "GBP", "yuan": "CNY",
    "chinese yuan": "CNY", "renminbi": "CNY", "won": "KRW", "rupees": "INR", "rupee": "INR",
    "swiss francs": "CHF", "swiss franc": "CHF", "francs": "FRF", "franc": "FRF", "pesos": "MXN",
    "peso": "MXN", "rubles": "RUB", "ruble": "RUB", "roubles": "RUB", "pesetas": "ESP", "marks": "DEM",
    "dutch guilders": "NLG", "guilders": "NLG", "finnish markka": "FIM", "turkish lira": "TRY",
    "lira": "ITL", "bitcoins": "BTC", "bitcoin": "BTC", "satoshis": "satoshi", "satoshi": "satoshi",
    "cents": "cent", "cent": "cent", "pence": "pence", "penny": "pence",
}  # fmt: skip
_SUFFIX_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₡": "CRC", "₾": "GEL", "₭": "LAK",
                   "元": "CNY", "₿": "BTC"}  # fmt: skip
_CURRENCY_SUFFIX = re.compile(
    r"(?:\s*-\s*|\s?)(?:(?P<cur>"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_CURRENCY_WORDS, key=len, reverse=True))
    + rf")(?![A-Za-z])|(?P<mega>M)?(?P<iso>{_ISO_CODES}|BTC)(?![A-Za-z\d])|(?P<sym>[$€£¥₡₾₭元₿])(?!\s?\d))"
    r"(?:\s(?P<scale>million|billion|thousand|trillion)\b)?",
    re.IGNORECASE,
)
# What `_CURRENCY_PREFIX` can end with, before its optional space.
_CURRENCY_PREFIX_ENDS = (
    *"$€£¥₹₩₡₿", *(code.lower() for code in _ISO_CODES.split("|")), "btc", "dollar", "dollars", "euro", "euros",
)  # fmt: skip
_PERCENT_OF_BEFORE = re.compile(r"\b(?:percent(?:age)?s?|per\s?cent)\s+of\s+$", re.IGNORECASE)
_CENTS_TAIL = re.compile(r"\s?cents?\b", re.IGNORECASE)
_AND_GAP = re.compile(r"\s+(?:and\s+)?")
APPROXIMATE = re.compile(
    r"(?:(?<![A-Za-z])(?:about|around|approximately|approx\.|roughly|nearly|almost|some|over|under|"
    r"more\s+than|less\s+than|fewer\s+than|up\s+to|at\s+least|at\s+most|close\s+to|an\s+estimated|"
    r"estimated|upwards\s+of|in\s+excess\s+of|just\s+over|just\s+under|well\s+over|as\s+many\s+as|"
    r"as\s+much\s+as)\s+|~\s?)$",
    re.IGNORECASE,
)
# "Article 9", "Figure 1", "P.L. 115-232", "COVID-19": numbers that name rather than measure.
_IDENTIFIER_BEFORE = re.compile(
    r"(?:\b(?:[Aa]rticle|[Ss]ections?|[Ss]ec\.|[Ss]ubsection|[Pp]aragraph|[Ss]ubparagraph|[Cc]lause|[Tt]itle|"
    r"[Cc]hapter|Figure|Fig\.|Table|Part|,\s*part|Division|Amendment|Rule|(?:supra|infra|accompanying)\s+notes?|"
    r"[Ff]ootnotes?|(?<=\d\s)nn?\.|"
    r"Resolution|[Nn]o\.|[Nn]os\.|Number|Volume|[Vv]ol\.|Item|Annex|Appendix|Box|Note|[Pp]age|p\.|pp\.|Res\.|Rept\.|Doc\.|"
    r"H\.R\.|S\.|P\.L\.|Pub\.\s?L\.|Public\s+Law|Stat\.|U\.S\.C\.?|C\.F\.R\.?|Fed\.\s?Reg\.|F\.\s?(?:2d|3d|4th)|"
    r"F\.\s?Supp\.(?:\s?(?:2d|3d))?|S\.\s?Ct\.|L\.\s?Ed\.(?:\s?2d)?|Exec\.\s+Order|E\.O\.|Form|Route|"
    r"Highway|Flight|Resolution|Executive\s+Order|EO|[Dd]irective|[Ii]nstruction|[Vv]ersion|Docket|Lots?|"
    r"Federal\s+Register|FR|(?:Order|Directive|Instruction|Memorandum|Law)\s[(\[][A-Z][A-Za-z.]{1,8}[)\]])\s?|"
    r"(?:\b[Ii]d\.|\.|\b(?:2d|3d|4th)|\bnote\s\d+,)\s+at\s|§§?\s?|(?<=[0-9)])\(|"
    r"[A-Za-z]-|[A-Za-z]{2,}\s?-\s?)$"
)
# What `_IDENTIFIER_BEFORE` can end with, before its optional space: its words' last parts, or a hyphen.
_IDENTIFIER_ENDS = (
    "article", "section", "sections", "sec.", "title", "chapter", "figure", "fig.", "table", "part", "division",
    "amendment", "rule", "resolution", "no.", "nos.", "number", "volume", "vol.", "item", "annex", "appendix",
    "box", "note", "page", "subsection", "paragraph", "subparagraph", "clause", "p.", "res.", "r.", "s.", "l.",
    "stat.", "c.", "order", "o.", "form", "route", "highway", "flight", "law", "at", "c.f.r", "reg.", "2d", "3d",
    "4th", "supp.", "ct.", "ed.", "footnote", "footnotes", "n.", "notes", "rept.", "doc.", "§", "(", "-", "–",
    "u.s.c", "eo", "directive", "instruction", "version", "docket", "lot", "lots", "register", "fr", ")", "]",
)  # fmt: skip
# A citation's volume or title number: "42 U.S.C. 1983", "45 C.F.R. Part 46", "135 Stat. 429",
# "86 Fed. Reg. 1", "567 U.S. 519", "578 U.S. at 162", "F.3d", "F. Supp.", "S. Ct.", "L. Ed.".
_CITATION_AFTER = re.compile(
    r" (?:U\.\s?S\.\s?C(?:\.|(?![A-Za-z]))|C\.\s?F\.\s?R\.|Stat\.|Fed\.\s?Reg\.|U\.S\.\s(?:\d|at\s)|"
    r"F\.\s?(?:2d|3d|4th|Supp\.)|S\.\s?Ct\.|L\.\s?Ed\.|Federal\sRegister\b|FR\s\d)"
)


def _identifier_at(text: str, start: int) -> bool:
    """Whether the number at `start` names rather than measures ("Article 9", "P.L. 115-232"), or is a
    later part of a joined identifier ("P.L. 117-58", "§§ 101.54–101.69", "§ 1-2-3"), given that the text
    before it ends with one of `_IDENTIFIER_ENDS`."""
    if _IDENTIFIER_BEFORE.search(text, max(0, start - _IDENTIFIER_REACH), start) is not None:
        return True
    if start >= 2 and text[start - 1] in "-–" and text[start - 2].isdigit():
        first = start - 2
        floor = max(0, start - 24)  # bounded: a long run of "1-1-1-…" is not walked back from each part
        while first > floor and text[first - 1] in _JOINED_PART:
            first -= 1
        while text[first] in "-–.,":
            first += 1
        return _IDENTIFIER_BEFORE.search(text, max(0, first - _IDENTIFIER_REACH), first) is not None
    return False


_IDENTIFIER_REACH = 24
"""How much text before a number `_IDENTIFIER_BEFORE` sees (its longest: "Memorandum (AGMEMO) ")."""


_JOINED_PART = frozenset("0123456789.,-–")


def identifier_before(text: str, start: int) -> bool:
    """Whether the number at `start` names rather than measures ("Article 9", "P.L. 115-232", "§ 1983")."""
    return ends_with(lower(text), start, _IDENTIFIER_ENDS, _IDENTIFIER_REACH) and _identifier_at(text, start)


def citation_after(text: str, end: int) -> bool:
    """Whether the number ending at `end` is a citation's volume or title ("42 U.S.C.", "135 Stat.")."""
    return text[end + 1 : end + 2] in _CITATION_STARTS and _CITATION_AFTER.match(text, end) is not None


_CITATION_STARTS = frozenset("UCSFL")
"""What `_CITATION_AFTER` can start with after its space."""


_REACH = 24
"""How much text before a number the look-behind patterns see (the longest: `APPROXIMATE`, 24)."""
_ONE_NOT_A_NUMBER_BEFORE = re.compile(
    r"\b(?:the|this|that|which|any|each|every|no|no\s+one|someone|anyone|every|only)\s+$", re.IGNORECASE
)
_NOT_COUNT_NOUNS = words(
    "is was has as this its his hers ours yours theirs us always perhaps less unless thus whereas "
    "has does goes says its"
)
