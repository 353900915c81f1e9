"""Ranks and ordinals: "fourth-largest" → 4, "second largest" → 2, "the largest" → 1, "top 10" → 10,
"No. 1" → 1; an ordinal that ranks nothing ("the third meeting", "21st") is kind `ordinal`."""

from __future__ import annotations

import re

from editions.facts._found import Found, lower
from editions.facts.naming import enumerator_ordinal, name_after_ordinal, name_before
from editions.facts.numbers import NumberToken, to_value

SUPERLATIVES = (
    "largest|biggest|highest|lowest|smallest|greatest|leading|strongest|weakest|richest|poorest|"
    "busiest|fastest|slowest|worst|best|top|most\\s+[a-z]{3,20}|least\\s+[a-z]{3,20}"
)
_AFTER_ORDINAL = re.compile(rf"(?:\s*-\s*|\s+)(?P<sup>{SUPERLATIVES})\b", re.IGNORECASE)
# A superlative with no ordinal before it ranks first, unless it says "one of the …" or "among the …".
_BARE = re.compile(r"(?P<sup>largest|biggest|highest|lowest|smallest|greatest|top)\b(?!-)")  # on lower(text)
_NOT_FIRST_BEFORE = re.compile(
    r"(?:\b(?:one|some|several|many|among|of)\s+(?:the\s+)?(?:world['’]s\s+|\w+['’]s\s+)?|"
    r"\b(?:three|four|five|six|seven|eight|nine|ten|\d+)\s+)$",
    re.IGNORECASE,
)
_TOP_N = re.compile(
    r"\s+(?P<n>\d{1,4}|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)\b",
    re.IGNORECASE,
)
_TOP_N_VALUES = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "twenty": 20, "fifty": 50, "hundred": 100,
}  # fmt: skip
_NUMBER_ONE = re.compile(r"(?:No\.|number)\s?(?P<n>\d{1,3})\b(?!,\d)(?=\s+(?:in|among|on|of)\b)")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_PER_SECOND = re.compile(r"\bper\s+second$", re.IGNORECASE)


def find_ranks(text: str, tokens: list[NumberToken]) -> list[Found]:
    """Ranks (an ordinal with a superlative, or a bare superlative) and plain ordinals."""
    found: list[Found] = []
    ordinal_spans: list[tuple[int, int]] = []
    for tok in tokens:
        if tok.form != "ordinal":
            continue
        value = to_value(tok.value)
        if value is None:
            continue
        after = _AFTER_ORDINAL.match(text, tok.end)
        if after is not None:
            end = after.end()
            found.append(Found(tok.start, end, "rank", value, None))
            ordinal_spans.append((tok.start, end))
        elif value == 2 and _PER_SECOND.search(text, max(0, tok.start - 8), tok.end):
            continue  # "megabits per second": a unit of time
        elif enumerator_ordinal(text, tok.start, tok.end):
            continue  # "First, the draft plan …": it orders the argument, it counts nothing
        elif name_after_ordinal(text, tok.end, digits=tok.digits):
            continue  # "Fifth Amendment", "117th Congress": part of a name
        else:
            found.append(Found(tok.start, tok.end, "ordinal", value, None))
            ordinal_spans.append((tok.start, tok.end))
    for m in _BARE.finditer(lower(text)):
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-_"):
            continue
        if any(s <= m.start() < e for s, e in ordinal_spans):
            continue
        word = m.group("sup").lower()
        start = m.start()
        if word == "top":
            if text[m.start()].isupper() and m.start() > 0 and text[m.start() - 1] not in " (\"'“":
                continue
            top_n = _TOP_N.match(text, m.end())
            if top_n is not None:
                raw = top_n.group("n").lower()
                n = int(raw) if raw.isdigit() else _TOP_N_VALUES[raw]
                found.append(Found(start, top_n.end(), "rank", n, None))
                continue
        if _NOT_FIRST_BEFORE.search(text, max(0, start - 30), start):
            continue
        the = _THE_BEFORE.search(text, max(0, start - 5), start)
        if the is not None:
            start = the.start()
        found.append(Found(start, m.end(), "rank", 1, None))
    for m in _NUMBER_ONE.finditer(text):
        if name_before(text, m.start()):
            continue  # "Reorganization Plan No. 2 of 1953": the plan's number, not a rank
        found.append(Found(m.start(), m.end(), "rank", int(m.group("n")), None))
    return found
