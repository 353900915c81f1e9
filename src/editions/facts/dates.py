"""Dates at their own precision, years, decades, seasons, quarters, durations.

Values are ISO 8601 text at the precision written, in the TimeML conventions where ISO has none:
"July 8, 2022" → "2022-07-08", "September 2022" → "2022-09", "since 1951" → "1951", "the early 2000s" →
"200" (a decade), "the 20th century" → "19", "spring 2020" → "2020-SP", "first quarter of 2022" →
"2022-Q1", a month or day with no year → "XXXX-07", "XXXX-07-08".

With an anchor (the edition's date), a month or day written without a year is the occurrence at or before
the anchor, unless the text says it lies ahead ("will", "scheduled", "deadline", "closes on" …) or it falls
within two months after the anchor; then it is the coming one.

Relative expressions ("last year", "this week", "Friday", "two years ago", "now") need an anchor date
(the document's own date); without one they are not reported, because their value would be a guess.
`references=True` adds TimeML's PRESENT_REF / PAST_REF / FUTURE_REF for "now", "the past", "the future":
useful for scoring against TimeML, not as facts.
"""

from __future__ import annotations

import datetime as dt
import re

from editions.facts._found import Found, lower
from editions.facts.naming import name_before
from editions.facts.numbers import (
    NOTE_LETTER,
    TENS,
    TIME_UNIT,
    UNITS,
    NumberToken,
    approximation_before,
    ends_with,
    has_digit,
    identifier_before,
    to_value,
)
from editions.vocabulary import MONTHS

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

_MONTH_NAMES = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_MONTH = re.compile(rf"(?P<month>{_MONTH_NAMES}|{_MONTH_NAMES.upper()})\b(?:\.(?!\w))?")
_DAY_YEAR = re.compile(r"\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(?P<y>\d{4})(?!\d|,\d|%)")
_DAY = re.compile(r"\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?(?![\d%]|[.,]\d|\s*(?:percent|million|billion)\b)")
_YEAR_AFTER = re.compile(r"(?:\s*,\s*|\s+)(?:of\s+)?(?P<y>\d{4})(?!\d|,\d|%)")
_DAY_BEFORE = re.compile(r"(?:\bthe\s+)?(?<![\d,.])(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?$")
_MODIFIER_BEFORE = re.compile(
    r"(?:\b(?:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of)"
    r"[\s-]+|\bmid-)$",
    re.IGNORECASE,
)
_RELATIVE_BEFORE = re.compile(r"\b(?P<rel>last|this|next|past|previous|coming)\s+$", re.IGNORECASE)
_BARE_MONTH_CONTEXT = re.compile(
    r"\b(?:in|since|by|until|till|through|during|from|to|of|early|late|mid|and|or|between|before|after|"
    r"last|next|this|each|every|on)[\s-]+$",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"(?P<y>\d\d\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\w-])")
# Not after a word character, "/" or "." (checked in code: every match starts with a digit, and a start
# inside a rejected match would follow a digit or "/" too).
_SLASH_DATE = re.compile(r"(?P<m>\d\d?)/(?P<d>\d\d?)/(?P<y>\d{4}|\d{2})(?![\w/])")
# Patterns start with a literal or a digit so that the regex engine skips ahead fast; what may not stand
# before them is checked in code.
# "FY2022", "CY 22" (group fyy) or a year 1000-2100 (the whole match); one leading character class.
_YEAR = re.compile(
    r"[FC12](?:(?<=[FC])Y\s?(?P<fyy>\d{4}|\d{2})|(?<=1)\d{3}|(?<=2)(?:0\d\d|100))"
    rf"(?!(?!{NOTE_LETTER})[\w%]|[.,]\d|\s?(?:percent|per\s?cent|thousand|million|billion|trillion)\b)"
)
_FISCAL_BEFORE = re.compile(r"\bfiscal\s+(?:year\s+)?(?:\(FY\)\s*)?$", re.IGNORECASE)
_DECADE = re.compile(r"(?P<y>1\d{2}0|20\d0)['’]?s\b")
_DECADE_BEFORE = re.compile(r"(?:\bthe\s+)?(?:\b(?:early|mid|late)[\s-]+)?$", re.IGNORECASE)
_CENTURY_AFTER = re.compile(r"\s+[Cc]entury\b")
_SEASON_YEAR = re.compile(
    r"\b(?:(?:early|late|mid)[\s-]+)?(?P<s>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
_QUARTER_YEAR = re.compile(
    r"\b(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?P<kind>quarter|half)\s+"
    r"(?:of\s+)?(?:(?:FY|fiscal\s+year)\s?)?(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
_Q_YEAR = re.compile(r"(?P<qq>Q[1-4]|H[12])\s?(?:FY\s?)?(?P<qy>\d{4})(?!\d)")
_QUARTER_NUMBERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

_RELATIVE_UNIT = re.compile(
    r"\b(?P<pre>(?:(?:earlier|later|early|late)\s+)?(?:(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)?"
    r"(?:the\s+)?)(?P<rel>this|last|next|coming|current)\s+"
    r"(?P<unit>week|month|year|quarter|spring|summer|fall|autumn|winter|fiscal\s+year|weekend)\b",
    re.IGNORECASE,
)
_END_OF_YEAR = re.compile(r"\b(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+(?:the\s+)?year\b|\byear-end\b", re.I)
_END_OF_MONTH = re.compile(r"\b(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+(?:the|this)\s+month\b", re.IGNORECASE)
_DEICTIC_DAY = re.compile(r"\b(?P<w>today|tonight|yesterday|tomorrow)\b", re.IGNORECASE)
_REFERENCE = re.compile(
    r"\b(?P<present>now|currently|nowadays|presently|at\s+present|right\s+now|these\s+days|"
    r"at\s+the\s+moment|the\s+present)\b|\b(?P<past>(?:in\s+)?the\s+past|recently|formerly)\b(?!\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|decades?)\b)"
    r"|\b(?P<future>(?:in\s+)?the\s+future)\b",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"\b(?:(?P<rel>last|this|next|coming|past)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!s)"
)
_AGO = re.compile(r"\s+(?:ago|earlier|before)\b", re.IGNORECASE)
_A_UNIT_AGO = re.compile(r"\b(?:a|an|one)\s+(?P<unit>year|month|week|day)\s+ago\b", re.IGNORECASE)
_A_DECADE_AGO = re.compile(r"\b(?:a|an|one)\s+decade\s+ago\b", re.IGNORECASE)
# "a decade ago", "the past decade", "over the last decade": a period of ten years (a round, vague one; "a
# decade ago" is read as how long ago, not as the year it points at).
_A_DECADE = re.compile(
    r"\b(?:(?P<approx>about|around|nearly|almost|roughly|more\s+than|less\s+than|under)\s+)?"
    r"(?:a|one|the\s+(?:past|last|previous|preceding|next|coming|following))\s+decade\b(?!\s+of\b)(?:\s+ago\b)?",
    re.IGNORECASE,
)
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|upcoming|scheduled|plans?\s+to|expected\s+to|going\s+to)\b|['’]ll\b", re.IGNORECASE
)
FUTURE_WINDOW = 60
"""A future cue counts for a date without a year only when it stands this close before it."""


def _future_before(text: str, start: int) -> bool:
    return _FUTURE_CUE.search(text, max(0, start - FUTURE_WINDOW), start) is not None


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}" if 1 <= m <= 12 else None
    try:
        dt.date(y, m, d)
    except ValueError:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


# What says a date without a year lies ahead of the edition: a future tense or a schedule.
_AHEAD_CUE = re.compile(
    r"\b(?:will|shall|upcoming|scheduled|deadline|due|closes?|expires?|plans?\s+to|expected\s+to|"
    r"going\s+to|set\s+to|(?:is|are)\s+to|next|until)\b|['’]ll\b",
    re.IGNORECASE,
)
AHEAD_AFTER = 40
"""How far after a date without a year that opens its sentence a future cue still speaks of it ("On June 14,
the court will …"); a cue after a date inside the sentence belongs to another clause more often."""
_OPENING = re.compile(r"\s*(?:[A-Z][a-z]*\s+)?$")  # nothing before the date but "On", "By", "In" …


def _ahead(text: str, start: int, end: int) -> bool:
    if _AHEAD_CUE.search(text, max(0, start - FUTURE_WINDOW), start) is not None:
        return True
    opens = start < 16 and _OPENING.fullmatch(text, 0, start) is not None
    return opens and _AHEAD_CUE.search(text, end, min(len(text), end + AHEAD_AFTER)) is not None


SOON_MONTHS = 2
"""A date without a year at most this many months after the edition's date is the coming one even with no
cue: a report would print the year of a date ten months back."""


def _month_year(month: int, anchor: dt.date, ahead: bool, day: int | None = None) -> int:
    """The year of a month (and day) written without one: the occurrence at or before the edition's date,
    which a report describes, unless the text says the date is ahead or it is only weeks ahead (then the
    next occurrence)."""
    upcoming = anchor.year if (month, day or 31) >= (anchor.month, anchor.day) else anchor.year + 1
    months_ahead = (upcoming - anchor.year) * 12 + month - anchor.month
    if ahead or months_ahead <= SOON_MONTHS:
        return upcoming
    return anchor.year if (month, day or 1) <= (anchor.month, anchor.day) else anchor.year - 1


_MODIFIER_ENDS = ("early", "mid", "late", "of", "-")  # what `_MODIFIER_BEFORE` can end with


def _modifier_before(text: str, start: int) -> re.Match[str] | None:
    if not ends_with(lower(text), start, _MODIFIER_ENDS, 30):
        return None
    return _MODIFIER_BEFORE.search(text, max(0, start - 30), start)


def _extend_modifier(text: str, start: int) -> int:
    m = _modifier_before(text, start)
    return m.start() if m else start


_RELATIVE_YEAR_AFTER = re.compile(r"\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b", re.IGNORECASE)


def _month_dates(text: str, anchor: dt.date | None) -> list[Found]:
    found: list[Found] = []
    for m in _MONTH.finditer(text):
        if m.start() > 0 and text[m.start() - 1].isalnum():
            continue
        word = m.group("month")
        month = _month_number(word)
        start, end = m.start(), m.end()
        day: int | None = None
        year: int | None = None
        full = _DAY_YEAR.match(text, end)
        if full:
            day, year, end = int(full.group("d")), int(full.group("y")), full.end()
        else:
            before = _DAY_BEFORE.search(text, max(0, start - 12), start)
            after_year = _YEAR_AFTER.match(text, end)
            day_after = _DAY.match(text, end)
            if before is not None and 1 <= int(before.group("d")) <= 31:
                day, start = int(before.group("d")), before.start()
                if after_year:
                    year, end = int(after_year.group("y")), after_year.end()
            elif after_year:
                year, end = int(after_year.group("y")), after_year.end()
            elif day_after and 1 <= int(day_after.group("d")) <= 31:
                day, end = int(day_after.group("d")), day_after.end()
        relative_year = _RELATIVE_YEAR_AFTER.match(text, end) if year is None and anchor is not None else None
        if relative_year is not None and anchor is not None:  # "June last year"
            step = {"last": -1, "next": 1}.get(relative_year.group("rel").lower(), 0)
            year, end = anchor.year + step, relative_year.end()
        if day is None and year is None:
            # A month alone: "May" and "March" are words too, so ask for a preposition or a modifier.
            if word.isupper() and len(word) > 3:
                continue
            context = _BARE_MONTH_CONTEXT.search(text, max(0, start - 12), start)
            if context is None and (month in (3, 5) or start == 0 or word.endswith(".")):
                continue
        relative = _RELATIVE_BEFORE.search(text, max(0, start - 10), start) if day is None else None
        if relative is not None and year is None:
            if anchor is None:
                continue
            rel = relative.group("rel").lower()
            # TimeML's reading: "last February" is February of last year, "next May" May of next year.
            if rel in ("last", "past", "previous"):
                year = anchor.year - 1
            elif rel in ("next", "coming"):
                year = anchor.year + 1
            else:
                year = anchor.year
            start = relative.start()
        start = _extend_modifier(text, start)
        if year is None and anchor is not None:
            year = _month_year(month, anchor, _ahead(text, start, end), day)
        if year is None:
            value = f"XXXX-{month:02d}" + (f"-{day:02d}" if day is not None else "")
        else:
            iso = _iso(year, month, day)
            if iso is None:
                continue
            value = iso
        found.append(Found(start, end, "date", value))
    return found


def _numeric_dates(text: str) -> list[Found]:
    found: list[Found] = []
    for m in _ISO_DATE.finditer(text):
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-_"):
            continue
        iso = _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if iso is not None:
            found.append(Found(m.start(), m.end(), "date", iso))
    for m in _SLASH_DATE.finditer(text) if "/" in text else ():
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_/."):
            continue
        y = int(m.group("y"))
        if y < 100:
            y += 2000 if y < 50 else 1900
        iso = _iso(y, int(m.group("m")), int(m.group("d")))
        if iso is not None:
            found.append(Found(m.start(), m.end(), "date", iso))
    return found


_AFTER_SLASH = re.compile(r"/(\d{1,6})(?!\d)")


def _numbered_after_slash(text: str, m: re.Match[str]) -> bool:
    """Whether the year matched by `m` is the first half of a number such as "2019/942" (a regulation) —
    not of a period written "2019/20" or "2019/2020"."""
    after = _AFTER_SLASH.match(text, m.end())
    if after is None:
        return False
    digits = after.group(1)
    fyy = m.group("fyy")
    year = int(m.group()) if fyy is None else int(fyy) if len(fyy) == 4 else 2000 + int(fyy)
    if len(digits) == 2:
        return int(digits) != (year + 1) % 100
    return len(digits) != 4 or int(digits) != year + 1


_JOINED = re.compile(r"\s?[-–]\s?")


def _years(text: str) -> list[Found]:
    found: list[Found] = []
    named_end = -1  # where the last year read as part of a name ends: "Vision Plan 2035"
    for m in _YEAR.finditer(text):
        start = m.start()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_$€£¥.,/"):
            continue
        if identifier_before(text, start) and not _modifier_before(text, start):
            continue
        fiscal_written = m.group("fyy") is not None  # "FY2034" measures time whatever stands before it
        if not fiscal_written and (
            name_before(text, start) or (named_end >= 0 and _JOINED.fullmatch(text, named_end, start) is not None)
        ):
            named_end = m.end()  # "Vision 2025-2030": the range's end names too
            continue
        if text.startswith("/", m.end()) and _numbered_after_slash(text, m):
            continue
        unit: str | None = None
        raw = m.group("fyy")
        if raw is not None:
            year = int(raw) if len(raw) == 4 else 2000 + int(raw)
            unit = "fiscal year"
        else:
            year = int(m.group())
            fiscal = (
                _FISCAL_BEFORE.search(text, max(0, start - 20), start)
                if ends_with(lower(text), start, ("fiscal", "year", "(fy)"), 20)
                else None
            )
            if fiscal is not None:
                start, unit = fiscal.start(), "fiscal year"
        modified = _extend_modifier(text, start)
        kind = "year" if modified == start else "date"
        found.append(Found(modified, m.end(), kind, f"{year:04d}", unit))
    for m in _DECADE.finditer(text):
        start = m.start()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "$"):
            continue
        before = _DECADE_BEFORE.search(text, max(0, start - 20), start)
        found.append(Found(before.start() if before else start, m.end(), "date", m.group("y")[:3]))
    low = lower(text)
    if "spring" in low or "summer" in low or "fall" in low or "autumn" in low or "winter" in low:
        for m in _SEASON_YEAR.finditer(text):
            found.append(Found(m.start(), m.end(), "date", f"{m.group('y')}-{SEASONS[m.group('s').lower()]}"))
    if "quarter" in low or "half" in low:
        for m in _QUARTER_YEAR.finditer(text):
            n = _QUARTER_NUMBERS[m.group("q").lower()]
            letter = "Q" if m.group("kind").lower() == "quarter" else "H"
            if letter == "H" and n > 2:
                continue
            found.append(Found(m.start(), m.end(), "date", f"{m.group('y')}-{letter}{n}"))
    for m in _Q_YEAR.finditer(text):
        if m.start() == 0 or not text[m.start() - 1].isalnum():
            found.append(Found(m.start(), m.end(), "date", f"{m.group('qy')}-{m.group('qq')}"))
    return found


def _centuries(text: str, tokens: list[NumberToken]) -> list[Found]:
    found: list[Found] = []
    for tok in tokens:
        if tok.form != "ordinal":
            continue
        after = _CENTURY_AFTER.match(text, tok.end)
        if after is None or not 1 <= tok.value <= 30:
            continue
        start = tok.start
        if text[max(0, start - 4) : start].lower() == "the ":
            start -= 4
        found.append(Found(_extend_modifier(text, start), after.end(), "date", f"{int(tok.value) - 1:02d}"))
    return found


def _season_value(season: str, rel: str, anchor: dt.date) -> str:
    first, last = _SEASON_MONTHS[season]
    year = anchor.year
    if rel in ("last", "previous", "past"):
        ended = anchor.month > last if season != "WI" else 2 < anchor.month < 12
        year = year if ended else year - 1
    elif rel in ("next", "coming", "following"):
        year = year if anchor.month < first else year + 1
    return f"{year:04d}-{season}"


_UNIT_WORDS_ANY = ("week", "month", "year", "quarter", "spring", "summer", "fall", "autumn", "winter")
_RELATIVE_WORDS_ANY = ("this", "last", "next", "coming", "current")
_PERIOD_EDGES_ANY = ("end", "beginning", "start", "middle")


def _has_any(low: str, words: tuple[str, ...]) -> bool:
    return any(word in low for word in words)


def _relative(text: str, anchor: dt.date, references: bool) -> list[Found]:
    # Each pattern below needs some literal words: where the lower-cased sentence lacks them, it is not run
    # (these patterns would otherwise be tried at every word of every sentence).
    low = lower(text)
    has_unit = _has_any(low, _UNIT_WORDS_ANY)
    has_edge = has_unit and _has_any(low, _PERIOD_EDGES_ANY)
    found: list[Found] = []
    relative_units = _RELATIVE_UNIT.finditer(text) if has_unit and _has_any(low, _RELATIVE_WORDS_ANY) else ()
    for m in relative_units:
        rel = m.group("rel").lower()
        unit = re.sub(r"\s+", " ", m.group("unit").lower())
        step = {"last": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
        value: str | None
        if unit in ("year", "fiscal year"):
            value = f"{anchor.year + step:04d}"
        elif unit == "month":
            index = anchor.year * 12 + anchor.month - 1 + step
            value = f"{index // 12:04d}-{index % 12 + 1:02d}"
        elif unit in ("week", "weekend"):
            year, week, _ = (anchor + dt.timedelta(weeks=step)).isocalendar()
            value = f"{year:04d}-W{week:02d}" + ("-WE" if unit == "weekend" else "")
        elif unit == "quarter":
            index = anchor.year * 4 + (anchor.month - 1) // 3 + step
            value = f"{index // 4:04d}-Q{index % 4 + 1}"
        else:
            value = _season_value(SEASONS[unit], rel, anchor)
        start = m.start() if m.group("pre") else m.start("rel")
        found.append(Found(start, m.end(), "date", value))
    for m in _END_OF_YEAR.finditer(text) if has_edge and "year" in low else ():
        found.append(Found(m.start(), m.end(), "date", f"{anchor.year:04d}"))
    for m in _END_OF_MONTH.finditer(text) if has_edge and "month" in low else ():
        found.append(Found(m.start(), m.end(), "date", f"{anchor.year:04d}-{anchor.month:02d}"))
    deictic = "today" in low or "tonight" in low or "yesterday" in low or "tomorrow" in low
    for m in _DEICTIC_DAY.finditer(text) if deictic else ():
        offset = {"yesterday": -1, "tomorrow": 1}.get(m.group("w").lower(), 0)
        found.append(Found(m.start(), m.end(), "date", (anchor + dt.timedelta(days=offset)).isoformat()))
    for m in _WEEKDAY.finditer(text) if "day" in text else ():
        target = WEEKDAYS.index(m.group("wd").lower())
        rel = (m.group("rel") or "").lower()
        delta = target - anchor.weekday()
        future = _future_before(text, m.start())
        if rel in ("next", "coming") or (future and rel != "last"):
            delta = delta if delta >= 0 else delta + 7
            if rel == "next" and delta == 0:
                delta = 7
        else:
            delta = delta if delta <= 0 else delta - 7
            if rel == "last" and delta == 0:
                delta = -7
        found.append(Found(m.start(), m.end(), "date", (anchor + dt.timedelta(days=delta)).isoformat()))
    for m in _A_UNIT_AGO.finditer(text) if "ago" in low else ():
        found.append(Found(m.start(), m.end(), "date", _ago(anchor, 1, m.group("unit").lower())))
    if references:
        # TimeML reads "a decade ago" as the date it points at; as a fact it is a duration (find_durations).
        for m in _A_DECADE_AGO.finditer(text) if "decade" in low else ():
            found.append(Found(m.start(), m.end(), "date", _ago(anchor, 1, "decade")))
        for m in _REFERENCE.finditer(text):
            ref = "PRESENT_REF" if m.group("present") else "PAST_REF" if m.group("past") else "FUTURE_REF"
            found.append(Found(m.start(), m.end(), "date", ref))
    return found


def _ago(anchor: dt.date, n: int, unit: str) -> str:
    unit = unit.rstrip("s")
    if unit == "decade":
        return f"{anchor.year - 10 * n:04d}"
    if unit == "year":
        return f"{anchor.year - n:04d}"
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 - n
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if unit == "week":
        year, week, _ = (anchor - dt.timedelta(weeks=n)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    return (anchor - dt.timedelta(days=n)).isoformat()


def find_dates(
    text: str, tokens: list[NumberToken], anchor: dt.date | None = None, *, references: bool = False
) -> list[Found]:
    """Dates and years in `text`; relative ones only when `anchor` is given."""
    found = _month_dates(text, anchor)
    if has_digit(text):
        found += _numeric_dates(text) + _years(text)
    low = lower(text)
    if "nineteen" in low or "twenty" in low or "two thousand" in low:
        found += _spoken_years(text)
    found += _centuries(text, tokens)
    if anchor is not None:
        found += _relative(text, anchor, references) + _quarters_without_year(text, anchor)
    return found


_TEENS_WORDS = [w for w, v in sorted(UNITS.items(), key=lambda kv: kv[1]) if 10 <= v <= 19]
_TENS_WORDS = list(TENS)
_UNIT_WORDS = [w for w, v in sorted(UNITS.items(), key=lambda kv: kv[1]) if 1 <= v <= 9]
_SPOKEN_YEAR = re.compile(
    r"\b(?:the\s+year\s+)?(?P<c>nineteen|twenty)[\s-]+(?:(?P<teen>"
    + "|".join(_TEENS_WORDS)
    + r")|(?P<tens>"
    + "|".join(_TENS_WORDS)
    + r")(?:[\s-](?P<unit>"
    + "|".join(_UNIT_WORDS)
    + r"))?)\b|\bthe\s+year\s+two\s+thousand(?:\s+and\s+(?P<u2>"
    + "|".join(_UNIT_WORDS)
    + r"))?\b",
    re.IGNORECASE,
)


def _spoken_years(text: str) -> list[Found]:
    """Years in words, as transcripts write them: "nineteen ninety-six", "the year two thousand"."""
    found: list[Found] = []
    for m in _SPOKEN_YEAR.finditer(text):
        if m.group("c"):
            century = 1900 if m.group("c").lower() == "nineteen" else 2000
            if m.group("teen"):
                year = century + 10 + _TEENS_WORDS.index(m.group("teen").lower())
            else:
                year = century + 20 + 10 * _TENS_WORDS.index(m.group("tens").lower())
                if m.group("unit"):
                    year += 1 + _UNIT_WORDS.index(m.group("unit").lower())
        else:
            year = 2000 + (1 + _UNIT_WORDS.index(m.group("u2").lower()) if m.group("u2") else 0)
        found.append(Found(m.start(), m.end(), "year", f"{year:04d}"))
    return found


_QUARTER_ALONE = re.compile(
    r"\b(?:the\s+)?(?P<q>first|second|third|fourth)[\s-]quarter\b(?!\s+(?:of\s+)?(?:FY\s?|fiscal\s+)?\d)",
    re.IGNORECASE,
)


def _quarters_without_year(text: str, anchor: dt.date) -> list[Found]:
    """ "the third quarter" with no year: the latest such quarter up to the anchor."""
    found: list[Found] = []
    current = (anchor.month - 1) // 3 + 1
    for m in _QUARTER_ALONE.finditer(text) if "quarter" in lower(text) else ():
        q = _QUARTER_NUMBERS[m.group("q").lower()]
        year = anchor.year if q <= current else anchor.year - 1
        found.append(Found(m.start(), m.end(), "date", f"{year:04d}-Q{q}"))
    return found


def find_durations(text: str, tokens: list[NumberToken], anchor: dt.date | None = None) -> list[Found]:
    """ "four-year deal" → 4 year, "two days later" → 2 day; "five years ago" is a date given an anchor."""
    found: list[Found] = []
    if "decade" in lower(text):
        for m in _A_DECADE.finditer(text):
            found.append(Found(m.start(), m.end(), "duration", 10, "year", m.group("approx") is not None))
    for tok in tokens:
        if tok.form == "ordinal" or tok.value <= 0:
            continue
        unit_match = TIME_UNIT.match(text, tok.end)
        if unit_match is None:
            continue
        unit = unit_match.group("unit").lower()
        unit = "century" if unit.startswith("centur") else unit.rstrip("s")
        value = to_value(tok.value)
        if value is None:
            continue
        ago = _AGO.match(text, unit_match.end())
        if ago is not None and anchor is not None and isinstance(value, int) and value < 10_000:
            found.append(Found(tok.start, ago.end(), "date", _ago(anchor, value, unit)))
            continue
        start = tok.start
        approx = approximation_before(text, start)
        found.append(
            Found(
                approx if approx is not None else start, unit_match.end(), "duration", value, unit, approx is not None
            )
        )
    return found
