"""Counts, money, percentages and fractions: what stands around each number token makes it one."""

from __future__ import annotations

import re
from decimal import Decimal

from editions.facts._found import Found, lower
from editions.facts.naming import determiner, enumerator_number, name_before
from editions.facts.numbers.patterns import (
    _AND_GAP,
    _CENTS_TAIL,
    _CODE_UNITS,
    _CURRENCY_PREFIX,
    _CURRENCY_PREFIX_ENDS,
    _CURRENCY_SUFFIX,
    _CURRENCY_WORDS,
    _HYPHEN_NOUN,
    _IDENTIFIER_ENDS,
    _NEXT_WORDS,
    _NOT_COUNT_NOUNS,
    _ONE_NOT_A_NUMBER_BEFORE,
    _PERCENT,
    _PERCENT_OF_BEFORE,
    _PERCENT_POINTS,
    _PREFIX_UNITS,
    _REACH,
    _SENTENCE_END,
    _SUFFIX_SYMBOLS,
    APPROXIMATE,
    SCALE_ABBREVIATIONS,
    TIME_UNIT,
    _identifier_at,
    citation_after,
)
from editions.facts.numbers.token import NumberToken, to_value

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
