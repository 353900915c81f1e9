"""Every number of a text as tokens: digits ("54,000", "2.2", ".25", "10k", "3/4", "2½") and words, joined
where two are one ("4 thousand 3 hundred", "one in five")."""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from editions.facts._found import lower
from editions.facts.numbers.patterns import (
    _ATTACHED,
    _ATTACHED_CODE,
    _CODE_BEFORE,
    _CURRENCY_PREFIX,
    _HUNDRED_OR_DOZEN,
    _LETTERS,
    _MINUS_WORD,
    _NOTE_LETTER,
    _OUT_OF,
    _SENTENCE_END,
    _SPACED_LETTER,
    _SPACED_SCALE,
    _SUFFIX_SYMBOLS,
    _VULGAR_ALONE,
    DIGITS,
    NUMBER_WORDS,
    SCALE_ABBREVIATIONS,
    VULGAR_FRACTIONS,
    WORD_RUN,
    has_digit,
)
from editions.facts.numbers.spelled import _word_numbers
from editions.facts.numbers.token import NumberToken, parse_digits


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
