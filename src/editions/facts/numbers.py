"""Numbers in running text: counts, money with scale and currency, percentages, fractions, approximation.

Two layers:
- `number_tokens(text)` finds every number written with digits ("54,000", "2.2", ".25", "10k") or words
  ("twenty-one trillion", "two-thirds", "one and a half", "fourth") and gives its value and form
  (cardinal, ordinal, fraction). Ranks and dates build on these tokens too.
- `find_quantities(text, tokens)` looks at what stands around each cardinal or fraction — a currency sign
  or word, a scale word, a percent sign, an approximation word — and makes count, money, percent and
  fraction matches.

Every pattern is anchored by a look-behind or bounded in length, so a scan is linear in the text: no
pattern can re-scan a long run of digits or words from each of its positions.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from editions.facts._found import Found, alternation, lower, words
from editions.facts.naming import determiner, enumerator_number, name_before
from editions.model import FactValue

MAX_DIGITS = 30
"""A digit string longer than this is not a figure (an identifier, a hash, noise): it is skipped."""

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


@dataclass(slots=True)  # not frozen, for speed (see Found); never changed after it is made
class NumberToken:
    """One number as written: `form` is cardinal, ordinal or fraction; `scaled` says whether a scale
    word or suffix ("million", "bn", "k") is part of the token."""

    start: int
    end: int
    value: Decimal
    form: str
    digits: bool
    scaled: bool = False
    suffix: str = ""
    last_scale: int = 0
    """The smallest scale applied ("4 thousand 3 hundred" → 100), 0 when none: numbers chain on it."""


def to_value(value: Decimal, *, fraction: bool = False) -> FactValue:
    """A JSON-friendly number: an int when integral, else a float (fractions to 4 significant digits)."""
    if not value.is_finite():
        return None
    if value == value.to_integral_value():
        return int(value)
    number = float(value)
    if fraction and abs(number) < 1:
        return float(f"{number:.4g}")
    return round(number, 6) if abs(number) < 1e15 else number


_GROUPING = re.compile(r"[,\s\u00a0\u202f]")


def parse_digits(text: str) -> Decimal | None:
    raw = text if text.isdigit() else _GROUPING.sub("", text)
    if len(raw.replace(".", "")) > MAX_DIGITS:
        return None
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


# --- number words ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Word:
    text: str
    start: int
    end: int
    kind: str  # unit, teen, tens, hundred, scale, dozen, ord, ords, half, quarter, and, point, a, neg, hyphen
    value: int = 0


def _classify(word: str, start: int, end: int) -> _Word:
    w = word.lower()
    if w == "-":
        return _Word(w, start, end, "hyphen")
    if w in UNITS:
        v = UNITS[w]
        return _Word(w, start, end, "unit" if v < 10 else "teen", v)
    if w in TENS:
        return _Word(w, start, end, "tens", TENS[w])
    if w == "hundred":
        return _Word(w, start, end, "hundred", 100)
    if w in SCALES:
        return _Word(w, start, end, "scale", SCALES[w])
    if w in _DOZENS:
        return _Word(w, start, end, "dozen", 12)
    if w in ORDINALS:
        return _Word(w, start, end, "ord", ORDINALS[w])
    if w.endswith("s") and w[:-1] in ORDINALS:
        return _Word(w, start, end, "ords", ORDINALS[w[:-1]])
    if w in ("half", "halves"):
        return _Word(w, start, end, "half" if w == "half" else "ords", 2)
    if w in ("quarter", "quarters"):
        return _Word(w, start, end, "quarter" if w == "quarter" else "ords", 4)
    if w in ("minus", "negative"):
        return _Word(w, start, end, "neg")
    if w in ("a", "an"):
        return _Word(w, start, end, "a")
    return _Word(w, start, end, w)  # and, point


def _join_hyphens(words: list[_Word]) -> list[_Word]:
    """`twenty-first` is one ordinal, `twenty-three` one cardinal, `twenty-fifths` one plural ordinal:
    a hyphen binds tens to a following unit more tightly than a space does."""
    out: list[_Word] = []
    i = 0
    while i < len(words):
        w = words[i]
        if (
            w.kind == "tens"
            and i + 2 < len(words)
            and words[i + 1].kind == "hyphen"
            and words[i + 2].kind in ("unit", "ord", "ords")
            and 1 <= words[i + 2].value <= 9
        ):
            nxt = words[i + 2]
            kind = "tens_unit" if nxt.kind == "unit" else nxt.kind
            out.append(_Word(w.text + "-" + nxt.text, w.start, nxt.end, kind, w.value + nxt.value))
            i += 3
            continue
        if w.kind != "hyphen":
            out.append(w)
        i += 1
    return out


_POWERS_OF_TEN = frozenset(10**k for k in range(1, 13))


def _fraction_value(numerator: Decimal, denominator: int) -> Decimal:
    return numerator / Decimal(denominator)


class _WordParser:
    """Splits a run of number words into numbers. Grammar, informally:
    [minus] [a] cardinal-part [point digits] [ordinal | plural-ordinal | and a half | scale]."""

    def __init__(self, words: list[_Word], text: str) -> None:
        self.w = words
        self.text = text
        self.out: list[NumberToken] = []

    def noun_follows(self, end: int) -> bool:
        m = _WORD_AFTER.match(self.text, end)
        return m is not None and m.group(1).lower() not in ("of", "and", "or", "to", "in", "is", "was")

    def parse(self) -> list[NumberToken]:
        i = 0
        while i < len(self.w):
            nxt = self._number(i)
            i = nxt if nxt > i else i + 1
        return self.out

    def _emit(self, start: int, end: int, value: Decimal, form: str, last_scale: int = 0) -> None:
        self.out.append(
            NumberToken(start, end, value, form, digits=False, scaled=last_scale > 0, last_scale=last_scale)
        )

    def _number(self, i: int) -> int:
        w = self.w
        n = len(w)
        start_i = i
        negative = False
        if w[i].kind == "neg":
            negative = True
            i += 1
        a_prefix = False
        if i < n and w[i].kind == "a":
            a_prefix = True
            i += 1
        if i >= n or w[i].kind in ("and", "point", "a", "neg"):
            return start_i + 1
        sign = Decimal(-1) if negative else Decimal(1)
        start = w[start_i].start
        if a_prefix and not negative and w[i].kind in ("unit", "teen", "tens", "tens_unit"):
            start = w[i].start  # "a three-year window": the article is not part of the number
        total = Decimal(0)
        current = Decimal(0)
        seen = False
        last = ""
        end = w[i].start
        single_one = False
        last_scale = 0
        while i < n:
            t = w[i]
            k = t.kind
            if k in ("unit", "teen", "tens", "tens_unit"):
                if (
                    k == "tens"
                    and seen
                    and last != "and"
                    and i + 1 < n
                    and w[i + 1].kind == "ords"
                    and 1 <= w[i + 1].value <= 9
                    and w[i + 1].text != "seconds"
                ):
                    # "three twenty firsts" = 3/21, "one hundred thirty fifths" = 100/35: after a whole
                    # numerator, a tens word and a plural ordinal are one denominator.
                    value = (total + current) / (t.value + w[i + 1].value)
                    self._emit(start, w[i + 1].end, value * sign, "fraction")
                    return i + 2
                ok = (
                    not seen
                    or (k == "unit" and last in ("tens", "hundred", "scale", "and"))
                    or (k in ("teen", "tens", "tens_unit") and last in ("hundred", "scale", "and"))
                )
                if not ok or (last == "and" and current % 100 != 0 and k != "unit"):
                    break
                if last == "and" and k == "unit" and current % 10 != 0:
                    break
                single_one = not seen and k == "unit" and t.value == 1
                current += t.value
                seen = True
                last = "tens" if k == "tens" else k
                end = t.end
                i += 1
            elif k == "hundred":
                if current >= 100:
                    break
                current = (current or Decimal(1)) * 100
                seen = True
                last = "hundred"
                last_scale = 100
                single_one = False
                end = t.end
                i += 1
            elif k == "scale":
                if not seen and not a_prefix:
                    break
                if last == "scale" and current == 0:
                    total *= t.value
                else:
                    total = total + (current or Decimal(1)) * t.value
                current = Decimal(0)
                seen = True
                last = "scale"
                last_scale = t.value
                single_one = False
                end = t.end
                i += 1
            elif k == "dozen":
                # "three hundred and two dozens" = 300 + 2 × 12
                units = current % 100 or Decimal(1)
                current = current - current % 100 + units * 12
                seen = True
                last = "scale"
                last_scale = 12
                end = t.end
                i += 1
            elif k == "and":
                # "one hundred and six", "one and a half", "twenty and three fifths"
                if not seen or i + 1 >= n:
                    break
                if (
                    last == "hundred"
                    and i + 2 < n
                    and w[i + 1].kind in ("teen", "tens", "tens_unit")
                    and w[i + 2].kind == "ords"
                    and w[i + 2].value not in _POWERS_OF_TEN
                ):
                    # "one hundred and thirty fifths" = 130 fifths: "and" after "hundred" goes on with the
                    # numerator ("two hundred and fifty-four hundredths" is a decimal: 200.54).
                    value = (total + current + w[i + 1].value) / w[i + 2].value
                    self._emit(start, w[i + 2].end, value * sign, "fraction")
                    return i + 3
                frac_end, frac = self._fraction_after_and(i + 1)
                if frac is not None:
                    if frac_end < n and w[frac_end].kind == "scale":
                        # "five and a half million", "one billion and a half million"
                        value = total + (current + frac) * w[frac_end].value
                        self._emit(start, w[frac_end].end, value * sign, "cardinal", w[frac_end].value)
                        return frac_end + 1
                    # "one million and a half", "five billion and three quarters"
                    value = total + current + (frac * last_scale if last == "scale" else frac)
                    self._emit(start, w[frac_end - 1].end, value * sign, "cardinal")
                    return frac_end
                if w[i + 1].kind in ("unit", "teen", "tens", "tens_unit") and last in ("hundred", "scale"):
                    last = "and"
                    i += 1
                    continue
                break
            elif k == "point":
                if not seen or i + 1 >= n:
                    break
                digits, j = self._point_digits(i + 1)
                if not digits:
                    break
                value = (total + current + Decimal("0." + digits)) * sign
                self._emit(start, w[j - 1].end, value, "cardinal")
                return j
            elif k in ("ord", "ords", "half", "quarter"):
                return self._ordinal_tail(i, start, total, current, seen, a_prefix, single_one, sign)
            elif k == "a" and seen and i + 1 < n and w[i + 1].kind == "dozen":
                i += 1
            else:
                break
        if not seen:
            return i
        self._emit(start, end, (total + current) * sign, "cardinal", last_scale)
        return i

    def _fraction_after_and(self, i: int) -> tuple[int, Decimal | None]:
        w = self.w
        n = len(w)
        if i < n and w[i].kind == "a" and i + 1 < n and w[i + 1].kind in ("half", "quarter", "ord"):
            d = w[i + 1].value
            if d >= 2 and not (w[i + 1].kind == "ord" and d == 2):
                return i + 2, Decimal(1) / d
        one_nth = i + 1 < n and w[i].kind == "unit" and w[i].value == 1
        if one_nth and w[i + 1].kind in ("ord", "half", "quarter") and (w[i + 1].value >= 3 or w[i + 1].kind == "half"):
            return i + 2, Decimal(1) / w[i + 1].value  # "three and one fourth"
        if (
            i + 1 < n
            and w[i].kind in ("unit", "teen", "tens", "tens_unit")
            and w[i + 1].kind in ("ords", "half", "quarter")
        ):
            return i + 2, _fraction_value(Decimal(w[i].value), w[i + 1].value)
        if i < n and w[i].kind == "half":
            return i + 1, Decimal("0.5")
        return i, None

    def _point_digits(self, i: int) -> tuple[str, int]:
        w = self.w
        digits = ""
        j = i
        while j < len(w) and w[j].kind == "unit":
            digits += str(w[j].value)
            j += 1
        if digits:
            return digits, j
        if j < len(w) and w[j].kind in ("teen", "tens", "tens_unit"):
            return str(w[j].value), j + 1
        return "", i

    def _ordinal_tail(
        self,
        i: int,
        start: int,
        total: Decimal,
        current: Decimal,
        seen: bool,
        a_prefix: bool,
        single_one: bool,
        sign: Decimal,
    ) -> int:
        w = self.w
        t = w[i]
        n = len(w)
        base = total + current
        scale_next = i + 1 < n and w[i + 1].kind == "scale"
        if t.kind in ("half", "quarter"):
            if not seen and not a_prefix and t.kind == "quarter" and not scale_next:
                return i + 1  # "quarter" alone is a period of time more often than a fraction
            numerator = base if seen else Decimal(1)
            value = _fraction_value(numerator, t.value)
            end_i = i + 1
            # "half a dozen", "half million"
            if end_i + 1 < n and w[end_i].kind == "a" and w[end_i + 1].kind == "dozen":
                self._emit(start, w[end_i + 1].end, value * 12 * sign, "cardinal")
                return end_i + 2
            if end_i < n and w[end_i].kind == "scale":
                self._emit(start, w[end_i].end, value * w[end_i].value * sign, "cardinal", w[end_i].value)
                return end_i + 1
            self._emit(start, t.end, value * sign, "fraction" if not seen else "cardinal")
            return end_i
        if t.kind == "ords":
            if t.text in ("seconds", "firsts") or (not seen and not a_prefix):
                return i + 1
            numerator = base if seen else Decimal(1)
            value = _fraction_value(numerator, t.value)
            if scale_next:  # "three quarters billion"
                self._emit(start, w[i + 1].end, value * w[i + 1].value * sign, "cardinal", w[i + 1].value)
                return i + 2
            self._emit(start, t.end, value * sign, "fraction")
            return i + 1
        # a singular ordinal
        o = t.value
        if not seen:
            if a_prefix:
                if o == 2:  # "a second" is a moment
                    return i + 1
                if o == 1:  # "a first class seat"
                    self._emit(t.start, t.end, Decimal(o), "ordinal")
                    return i + 1
                if self.noun_follows(t.end):  # "a third party" is an ordinal
                    self._emit(t.start, t.end, Decimal(o), "ordinal")
                    return i + 1
                self._emit(start, t.end, _fraction_value(Decimal(1), o) * sign, "fraction")
                return i + 1
            self._emit(t.start, t.end, Decimal(o), "ordinal")
            return i + 1
        if o >= 100 and o in (100, 10**3, 10**6, 10**9, 10**12):
            self._emit(start, t.end, (base or Decimal(1)) * o, "ordinal")
            return i + 1
        if (o < 10 and current % 10 == 0) or (o < 100 and current % 100 == 0):
            self._emit(start, t.end, base + o, "ordinal")
            return i + 1
        if single_one and base == 1 and o >= 3:
            self._emit(start, t.end, _fraction_value(Decimal(1), o) * sign, "fraction")
            return i + 1
        # "three fifth": a cardinal, then an ordinal
        self._emit(start, w[i - 1].end, base * sign, "cardinal")
        self._emit(t.start, t.end, Decimal(o), "ordinal")
        return i + 1


def _word_numbers(low: str, text: str, run_start: int, run_end: int) -> list[NumberToken]:
    words = [_classify(m.group(), m.start(), m.end()) for m in _WORD_TOKEN.finditer(low, run_start, run_end)]
    return _WordParser(_join_hyphens(words), text).parse()


# --- digit numbers ------------------------------------------------------------------------------------


def _glued_before(text: str, start: int) -> bool:
    """Whether a number at `start` is glued to a word or number before it ("F35", "v1.2"), an ISO
    currency code ("USD115") excepted."""
    if start == 0:
        return False
    before = text[start - 1]
    if before == "." or before.isdigit():
        return True
    if before.isalpha() or before == "_":
        return _CODE_BEFORE.search(text, max(0, start - 3), start) is None
    return False


_SCALE_INITIALS = frozenset("tmblckgdh")
"""First letters of what `_SPACED_SCALE`, `_SPACED_LETTER` and `_HUNDRED_OR_DOZEN` match, lower-cased."""


def _digit_number(text: str, m: re.Match[str]) -> NumberToken | None:
    start, end = m.span("num")
    negative = False
    if (
        start > 0
        and text[start - 1] in "-−"
        and (start < 2 or not (text[start - 2].isalnum() or text[start - 2] == "."))
    ):
        start -= 1
        negative = True
    if _glued_before(text, start):
        return None
    num = m.group("num")
    value = parse_digits(num)
    if value is None:
        return None
    if start > 6 and text[start - 2] in "sSeE":  # cheap test before looking for "minus " / "negative "
        minus = _MINUS_WORD.search(text, start - 10 if start > 10 else 0, start)
        if minus is not None:
            start, negative = minus.start(), True
    if m.end() > end and m.group("vulgar"):
        value += _vulgar_value(m.group("vulgar"))
        return NumberToken(start, m.end("vulgar"), -value if negative else value, "cardinal", digits=True)
    if negative:
        value = -value
    if m.end() > end:  # a slash fraction
        over = m.group("frac")[1:]
        denominator = parse_digits(over)
        if denominator is None or denominator == 0 or "." in num or "," in num:
            return None
        if len(num) > 3 or len(over) > 3 or num[0] == "0" or over[0] == "0":
            return None  # "2024/1787", "2019/2020", "01/2023": a regulation, report or period, not a ratio
        return NumberToken(start, m.end(), value / denominator, "fraction", digits=True)
    following = text[end] if end < len(text) else ""
    if (following.isalpha() and following not in _SUFFIX_SYMBOLS) or following == "_":  # "100元" is money
        if _ATTACHED_CODE.match(text, end):  # "115USD": the code is read as a currency suffix
            return NumberToken(start, end, value, "cardinal", digits=True)
        attached = _ATTACHED.match(text, end)
        suffix = attached.group("suffix") if attached is not None else ""
        if (
            attached is not None
            and len(suffix) == 1
            and suffix in "kKMbBGT"
            and _CURRENCY_PREFIX.search(text, max(0, start - 8), start) is None
        ):
            # A scale letter glued to a number scales it ("10k", "$1.5B") unless it is a table note's letter
            # ("1986c", "45.0k" ending a cell) or part of a code: "5G", "Block 1B" (one digit and a capital),
            # "§ 258B(f)" (a subsection follows), "§§ 343(s), 355h, 360b" (a list of sections).
            if "|" in text and _NOTE_LETTER.match(text, end) is not None:
                return NumberToken(start, end, value, "cardinal", digits=True)
            if (
                (len(num) == 1 and suffix.isupper())
                or text[attached.end() : attached.end() + 1] in ("(", "[", "]")
                or "§" in text[max(0, start - 40) : start]
            ):
                return None
        if attached is None:
            if _NOTE_LETTER.match(text, end) is not None:
                return NumberToken(start, end, value, "cardinal", digits=True)  # "2012b |": the number
            return None  # "180ml", "29km", "5G"-like codes
        suffix = attached.group("suffix")
        low = suffix.lower()
        if low in ("st", "nd", "rd", "th"):
            if "." in num or "," in num:
                return None
            return NumberToken(start, attached.end(), value, "ordinal", digits=True, suffix=low)
        if low == "s":
            return NumberToken(start, attached.end(), value, "cardinal", digits=True, suffix="s")
        scale = SCALE_ABBREVIATIONS.get(low)
        if scale is None or suffix == "m":  # "1m" is a metre, "10M" ten million
            return None
        return NumberToken(start, attached.end(), value * scale, "cardinal", True, True, last_scale=scale)
    if not following.isspace():  # a scale word or "hundred" follows only after a space
        return NumberToken(start, end, value, "cardinal", digits=True)
    initial = text[end + 1 : end + 2]
    if initial == " " or initial == "\u00a0":
        initial = text[end + 2 : end + 3]
    if not initial or initial.lower() not in _SCALE_INITIALS:  # cheap test before the three patterns
        return NumberToken(start, end, value, "cardinal", digits=True)
    spaced = _SPACED_SCALE.match(text, end)
    if spaced:
        scale = SCALE_ABBREVIATIONS[spaced.group("scale").lower()]
        return NumberToken(start, spaced.end(), value * scale, "cardinal", True, True, last_scale=scale)
    letter = _SPACED_LETTER.match(text, end)
    if letter is not None and (letter.group("scale") == "k" or not num.isdigit()):
        # "2.33 k", "1,674.5 G": a scale letter set apart; an integer with a capital after it is more
        # often a label ("Plan 2 B", "5 G") unless the letter is the lower-case k of thousands.
        scale = SCALE_ABBREVIATIONS[letter.group("scale").lower()]
        return NumberToken(start, letter.end(), value * scale, "cardinal", True, True, last_scale=scale)
    multiplier = _HUNDRED_OR_DOZEN.match(text, end)
    if multiplier is not None:
        factor = 100 if multiplier.group(1).lower() == "hundred" else 12
        return NumberToken(start, multiplier.end(), value * factor, "cardinal", True, True, last_scale=factor)
    return NumberToken(start, end, value, "cardinal", digits=True)


def _vulgar_value(char: str) -> Decimal:
    raw = VULGAR_FRACTIONS[char]
    if "/" in raw:
        numerator, denominator = raw.split("/")
        return Decimal(numerator) / Decimal(denominator)
    return Decimal(raw)


def number_tokens(text: str) -> list[NumberToken]:
    """Every number in `text`, in order, digits and words alike, never overlapping."""
    tokens: list[NumberToken] = []
    if has_digit(text):
        for m in DIGITS.finditer(text):
            tok = _digit_number(text, m)
            if tok is not None:
                tokens.append(tok)
    vulgar = _VULGAR_ALONE.search(text)
    if vulgar is not None:
        spans = [(t.start, t.end) for t in tokens]
        for m in _VULGAR_ALONE.finditer(text, vulgar.start()):
            if not _glued_before(text, m.start()) and not _inside_any(m.start(), m.end(), spans):
                tokens.append(NumberToken(m.start(), m.end(), _vulgar_value(m.group()), "fraction", digits=True))
        tokens.sort(key=lambda t: t.start)
    low = lower(text)
    if not NUMBER_WORDS.intersection(_LETTERS.findall(low)):
        return _merge_tokens(text, tokens)
    digit_spans = [(t.start, t.end) for t in tokens]
    for m in WORD_RUN.finditer(low):
        run_start = m.start()
        # A run that begins inside a digit number ("3 hundred and one") is read from after it.
        i = bisect.bisect_right(digit_spans, (run_start, 1 << 62))
        if i > 0 and digit_spans[i - 1][1] > run_start:
            run_start = digit_spans[i - 1][1]
        for tok in _word_numbers(low, text, run_start, m.end()):
            if not _inside_any(tok.start, tok.end, digit_spans):
                tokens.append(tok)
    tokens.sort(key=lambda t: t.start)
    return _merge_tokens(text, tokens)


def _merge_pair(text: str, a: NumberToken, b: NumberToken) -> NumberToken | None:
    """Two adjacent numbers that are one: "4 thousand 3 hundred", "3 hundred and 21", "2 1/4",
    "one out of three", "1 over 20", "one in five"."""
    gap = text[a.end : b.start]
    if not gap or not gap[0].isspace() or not gap[-1].isspace():
        return None  # every joined pair below has whitespace around what stands between its numbers
    if a.form == "cardinal" and b.form == "cardinal":
        if a.last_scale and b.last_scale and b.value < a.last_scale and gap.isspace():
            return NumberToken(a.start, b.end, a.value + b.value, "cardinal", a.digits, True, "", b.last_scale)
        if a.last_scale == 100 and not b.last_scale and 0 < b.value < 100 and re.fullmatch(r"\s+and\s+", gap):
            return NumberToken(a.start, b.end, a.value + b.value, "cardinal", a.digits, True)
        out_of = _OUT_OF.fullmatch(gap)
        if out_of is not None and b.value > 0 and not a.scaled:
            word = out_of.group().split()[0].lower()
            year_like = b.digits and 1000 <= b.value <= 2100
            if word == "over" and _SENTENCE_END.match(text, b.end) is None:
                return None
            if word == "in" and (a.value != 1 or year_like or b.value != b.value.to_integral_value()):
                return None
            if word == "out" and a.value > b.value:  # "12 out of 10" is two numbers
                return None
            return NumberToken(a.start, b.end, a.value / b.value, "fraction", a.digits)
    if a.last_scale and b.form == "fraction" and 0 < b.value < 1 and re.fullmatch(r"\s+and\s+", gap):
        # "3 million and a half"
        return NumberToken(a.start, b.end, a.value + b.value * a.last_scale, "cardinal", a.digits, True)
    if a.form == "fraction" and b.last_scale and b.value == b.last_scale and re.fullmatch(r"\s+of\s+", gap):
        # "two thirds of a million"
        return NumberToken(a.start, b.end, a.value * b.value, "cardinal", a.digits, True)
    if (
        a.form == "cardinal"
        and b.form == "fraction"
        and a.digits
        and b.digits
        and not a.scaled
        and a.value == a.value.to_integral_value()
        and 0 < abs(b.value) < 1
        and gap.isspace()
    ):
        value = a.value + b.value if a.value >= 0 else a.value - b.value
        return NumberToken(a.start, b.end, value, "cardinal", True)
    return None


def _merge_tokens(text: str, tokens: list[NumberToken]) -> list[NumberToken]:
    out: list[NumberToken] = []
    for tok in tokens:
        if out:
            merged = _merge_pair(text, out[-1], tok)
            if merged is not None:
                out[-1] = merged
                continue
        out.append(tok)
    return out


def _inside_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps any of the sorted, non-overlapping `spans`."""
    i = bisect.bisect_right(spans, (start, 1 << 62))
    if i > 0 and spans[i - 1][1] > start:
        return True
    return i < len(spans) and spans[i][0] < end


# --- quantities ------------------------------------------------------------------------------------


_APPROXIMATE_ENDS = (
    "about", "around", "approximately", "approx.", "roughly", "nearly", "almost", "some", "over", "under",
    "than", "to", "least", "most", "estimated", "of", "as", "~",
)  # fmt: skip


def approximation_before(text: str, start: int, before: str | None = None) -> int | None:
    """Start of an approximation phrase ("around", "more than", "~") ending right at `start`. `before`:
    the lower-cased text before `start` (at least 24 characters of it), right-stripped, when known."""
    if before is None:
        before = lower(text)[max(0, start - 24) : start].rstrip()
    if not before.endswith(_APPROXIMATE_ENDS):
        return None
    m = APPROXIMATE.search(text, max(0, start - 24), start)
    return None if m is None else m.start()


def _singular(word: str) -> str:
    w = word.lower().strip(".’'")
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def counted_noun(text: str, end: int) -> str | None:
    """The plural noun a count counts: "13 other countries" → country, "11-nation" → nation."""
    hyphen = _HYPHEN_NOUN.match(text, end)
    if hyphen:
        return _singular(hyphen.group("noun"))
    following = _NEXT_WORDS.match(text, end)
    if following is None:
        return None
    for raw in following.group().split():
        word = raw.strip(".,;:()’'\"")
        if not word.isalpha():
            if word.endswith(("—", "–")) or not word:
                return None
            continue
        low = word.lower()
        if low in _NOT_COUNT_NOUNS:
            return None
        if low.endswith("s") and not low.endswith("ss") and word[0].islower():
            return _singular(low)
    return None


def _year_like(tok: NumberToken, text: str) -> bool:
    if not tok.digits or tok.form != "cardinal" or tok.scaled or tok.suffix:
        return False
    raw = text[tok.start : tok.end]
    return raw.isdigit() and len(raw) == 4 and 1000 <= int(raw) <= 2100


def _currency_unit(prefix: re.Match[str]) -> str:
    if prefix.group("iso"):
        return prefix.group("iso").upper().replace("RMB", "CNY")
    if prefix.group("word"):
        return _PREFIX_UNITS[prefix.group("word").lower()]
    code = (prefix.group("code") or "").lower()
    sym = prefix.group("sym").lstrip("\\")
    return _CODE_UNITS.get(code, _PREFIX_UNITS.get(sym, "USD")) if code else _PREFIX_UNITS[sym]


def _suffix_unit(suffix: re.Match[str]) -> str:
    if suffix.group("cur"):
        return _CURRENCY_WORDS[re.sub(r"\s+", " ", suffix.group("cur").lower())]
    if suffix.group("iso"):
        return suffix.group("iso").upper().replace("RMB", "CNY")
    return _SUFFIX_SYMBOLS[suffix.group("sym")]


def _cents_after(text: str, money_end: int, nxt: NumberToken | None) -> tuple[Decimal, int] | None:
    """ "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars 50." → (0.50, end)."""
    if nxt is None or nxt.form != "cardinal" or nxt.scaled or not 0 < nxt.value < 100:
        return None
    if text.startswith(")", nxt.end):
        return None  # "$40 million and 2) higher costs": an enumerator, not cents
    gap = _AND_GAP.match(text, money_end)
    if gap is None or gap.end() != nxt.start:
        return None
    cents = _CENTS_TAIL.match(text, nxt.end)
    if cents is not None:
        return nxt.value / 100, cents.end()
    if _SENTENCE_END.match(text, nxt.end) is not None:
        return nxt.value / 100, nxt.end
    return None


# A list or footnote marker: "43. 7 U.S.C. §6918." or "2) EDA mitigated" at the start of a sentence, and
# "(2)" enumerating clauses ("…; (2) a Command-and-Control Variant").
_MARKER_AFTER = re.compile(r"[.)]\s+\S")
_ENUMERATION_BEFORE = re.compile(r"(?:^|[;:,]\s+|\b(?:and|or)\s+)\($")


def _marker(text: str, start: int, end: int) -> bool:
    """Whether the integer at [start, end) numbers a list item, footnote or clause rather than counts."""
    if end - start > 3 or not text[start:end].isdigit():
        return False
    if start < 4 and not text[:start].strip(" ([") and _MARKER_AFTER.match(text, end):
        return True
    return (
        end - start <= 2
        and text.startswith(")", end)
        and _ENUMERATION_BEFORE.search(text, max(0, start - 6), start) is not None
    )


# What separates the numbers of a list of identifiers: "pp. 1, 3", "sections 203, 205, or 206".
_LIST_GAP = re.compile(r",\s(?:(?:and|or)\s)?|[-–]")
# … and what may follow each of them: punctuation, a subsection, "and"/"or"/"of" — never a unit or a noun
# ("Section 232, 25% tariffs" and "Section 5, 10 states" are figures).
_LIST_ITEM_END = re.compile(r"[,.;:)(\-–]|\s[(\[]|\s(?:and|or|of|et|nn?\.)(?!\w)|\s*$")


def find_quantities(text: str, tokens: list[NumberToken]) -> list[Found]:
    """Counts, money, percentages and fractions among `tokens`."""
    found: list[Found] = []
    low = lower(text)
    consumed = 0  # text before this offset belongs to an earlier quantity (a currency sign after it)
    skip_until = -1
    identifier_end = -1  # where the last number read as an identifier ends
    for index, tok in enumerate(tokens):
        if tok.start < skip_until or tok.form == "ordinal" or tok.suffix == "s":
            continue
        start, end = tok.start, tok.end
        raw = text[start:end]
        # The text before the number, lower-cased and right-stripped, read once: the look-behind patterns
        # run only when it ends with one of their words (see `ends_with`).
        before = low[max(0, start - _REACH) : start].rstrip()
        if tok.digits and (
            (before.endswith(_IDENTIFIER_ENDS) and _identifier_at(text, start))
            or (
                identifier_end >= 0
                and _LIST_GAP.fullmatch(text, identifier_end, start) is not None
                and _LIST_ITEM_END.match(text, end) is not None
            )
        ):
            identifier_end = end  # "pp. 1, 3", "sections 203, 205, or 206": the list goes on naming
            continue
        if tok.digits and (
            citation_after(text, end)
            or ((start < 4 or before.endswith("(")) and _marker(text, start, end))
            or (text.startswith(")", end) and enumerator_number(text, start, end))
        ):
            continue
        if not tok.digits and raw.lower() == "one":
            if _ONE_NOT_A_NUMBER_BEFORE.search(text, max(0, start - 12), start):
                continue
            if text[end : end + 3].lower() == " of":
                continue
        if not tok.digits and determiner(text, start, end):
            continue  # "One potential question", "the two countries"
        prefix = (
            _CURRENCY_PREFIX.search(text, max(consumed, start - 8), start)
            if before.endswith(_CURRENCY_PREFIX_ENDS)
            else None
        )
        unit: str | None = None
        kind = "count"
        value = tok.value
        if prefix is not None and tok.form != "fraction":
            kind = "money"
            unit = _currency_unit(prefix)
            if prefix.group("mega"):
                value *= 10**6
            start = prefix.start()
            before = low[max(0, start - _REACH) : start].rstrip()
            suffix_cur = _CURRENCY_SUFFIX.match(text, end)
            if suffix_cur and (suffix_cur.group("cur") or "").lower().startswith(("dollar", "us", "u.s")):
                end = suffix_cur.end()
        else:
            percent = _PERCENT_POINTS.match(text, end) or _PERCENT.match(text, end)
            currency = _CURRENCY_SUFFIX.match(text, end)
            percent_of = _PERCENT_OF_BEFORE.search(text, max(0, start - 24), start) if before.endswith("of") else None
            if percent is not None:
                kind = "percent"
                unit = "percentage point" if "point" in percent.group().lower() else "percent"
                end = percent.end()
            elif percent_of is not None:
                kind, unit, start = "percent", "percent", percent_of.start()
                before = low[max(0, start - _REACH) : start].rstrip()
            elif currency is not None:
                kind = "money"
                unit = _suffix_unit(currency)
                if currency.group("mega"):
                    value *= 10**6
                if currency.group("scale"):
                    value *= SCALE_ABBREVIATIONS[currency.group("scale").lower()]
                end = currency.end()
            elif TIME_UNIT.match(text, end):
                continue  # a duration: dates.find_durations
            elif _year_like(tok, text):
                continue  # a year: dates.find_dates
            elif tok.form == "fraction":
                kind = "fraction"
            elif tok.digits and name_before(text, start):
                identifier_end = end  # "Vision Plan 2035", "Phases 2-3": a later part names too
                continue
            else:
                unit = counted_noun(text, end)
        if kind == "money" and unit not in ("cent", "pence"):
            cents = _cents_after(text, end, tokens[index + 1] if index + 1 < len(tokens) else None)
            if cents is not None:
                value += cents[0]
                end = skip_until = cents[1]
        approx_start = approximation_before(text, start, before)
        approximate = approx_start is not None
        if approx_start is not None:
            start = approx_start
        number = to_value(value, fraction=tok.form == "fraction" or kind == "fraction")
        if number is None:
            continue
        consumed = end
        found.append(Found(start, end, kind, number, unit, approximate))
    return found


_MULTIPLES = re.compile(r"\b(?P<word>twice|thrice)\b")  # on lower(text)
_MULTIPLE_VALUES = {"twice": 2, "thrice": 3}


def find_multiples(text: str) -> list[Found]:
    """ "twice", "thrice": a count of times, as "three times" is (its unit is "time")."""
    low = lower(text)
    if "twice" not in low and "thrice" not in low:
        return []
    return [
        Found(m.start(), m.end(), "count", _MULTIPLE_VALUES[m.group("word")], "time") for m in _MULTIPLES.finditer(low)
    ]
