"""The phrase readers: the noun phrase before or after a place in the sentence, its subject, a rank, a change,
a share's owner, a list's start, a table row's label."""

from __future__ import annotations

import re

from editions.facts._found import words
from editions.facts.measure import NATIONALITY_WORDS
from editions.facts.phrase.tokens import (
    _ADVERBS,
    _APPROXIMATIONS,
    _AUXILIARIES,
    _CLAUSE_WORDS,
    _CLOSERS,
    _DATED,
    _DETERMINERS,
    _NP_PREPOSITIONS,
    _NUMBERED,
    _OPENERS,
    _PREPOSITIONS,
    _PRONOUNS,
    _PUNCTUATION_STOPS,
    _SCALES,
    MAX_PHRASE_WORDS,
    _adverb,
    _continues_back,
    _possessive,
    _Token,
    _tokens,
    _verb_like,
)


def _noun_phrase_before(tokens: list[_Token], end: int) -> list[_Token]:
    """The noun phrase that ends just before `tokens[end]`, walking back over nouns, adjectives and "of"
    phrases until a determiner, a verb, another preposition, a clause word or a punctuation mark."""
    i = end - 1
    if i > 0 and tokens[i].text == ")":  # "the Department of Transportation (DOT) selected": past the brackets
        opening = next((k for k in range(i - 1, max(-1, i - 8), -1) if tokens[k].text == "("), None)
        if opening is not None:
            i = opening - 1
    out: list[_Token] = []
    while i >= 0 and len(out) < MAX_PHRASE_WORDS:
        t = tokens[i]
        low = t.low
        if low == "per" and out and out[-1].low == "capita":
            out.append(t)
            i -= 1
            continue
        if t.text in _PUNCTUATION_STOPS or t.number:
            break
        if not t.word:
            break
        if (
            low in ("the", "a", "an")
            and out
            and i >= 2
            and tokens[i - 1].low in _PREPOSITIONS
            and _continues_back(tokens, i - 1)
        ):
            out.append(t)  # "sailors in the harbor": the article of a noun after a preposition
            i -= 1
            continue
        if low in _DETERMINERS or low in _CLAUSE_WORDS or low in _AUXILIARIES:
            break
        if low in _PREPOSITIONS:
            if not out or not _continues_back(tokens, i):
                break  # "appropriations for EDA programs" goes on; "the right to base" stops
        elif low == "and":
            if not out or i == 0 or not tokens[i - 1].word or _verb_like(tokens[i - 1]):
                break
        elif (
            _verb_like(t)
            and not (i > 0 and (_possessive(tokens[i - 1]) or tokens[i - 1].low in _DETERMINERS))
            and not (out and out[-1].low in _PREPOSITIONS and _continues_back(tokens, i + 1))
        ):
            break  # "exports totaled": a verb ends the phrase; "States' associated costs" keeps its adjective
        if i > 0 and tokens[i - 1].low == "to" and low not in _PREPOSITIONS and not _continues_back(tokens, i - 1):
            break  # "the right to base U.S. troops": after "to", a verb
        out.append(t)
        i -= 1
    out.reverse()
    while out and (out[0].low in _PREPOSITIONS or out[0].low in _SCALES or out[0].low == "and") and out[0].low != "per":
        out.pop(0)  # "1.7 billion pounds": the scale belongs to the number
    return out


def _noun_phrase_after(
    tokens: list[_Token], start: int, *, limit: int = MAX_PHRASE_WORDS, preposition: bool = False
) -> list[_Token]:
    """The noun phrase that starts at `tokens[start]`: words up to a punctuation mark, a clause word, a verb, a
    figure, or an "and" that opens another figure; one determiner at its start is dropped. With `preposition`,
    a prepositional phrase ("on active duty") is read the same way; without, none starts there."""
    out: list[_Token] = []
    i = start
    while i < len(tokens) and len(out) < limit:
        t = tokens[i]
        low = t.low
        year = len(t.text) == 4 and t.text.isdigit() and t.text[:2] in ("19", "20")
        if year and out and out[-1].low in _DATED:
            out.append(t)  # "delivered in fall 2019": the year a season or month names
            break
        if t.number and out and out[-1].text in _NUMBERED and i + 1 < len(tokens) and tokens[i + 1].word:
            out.append(t)  # "1,200 Section 408 requests": the number a section is named by
            i += 1
            continue
        if year and out and _possessive(out[-1]) and i + 1 < len(tokens) and tokens[i + 1].word:
            out.append(t)  # "Mexico's 2024 total trade": a year inside the phrase
            i += 1
            continue
        if t.text in _PUNCTUATION_STOPS or t.number or not t.word:
            break
        if not out and low in _PREPOSITIONS and not preposition:
            break
        if low in _CLAUSE_WORDS or low in _AUXILIARIES:
            break
        if low == "and":
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt is None or nxt.number or nxt.low in _APPROXIMATIONS or nxt.low in _DETERMINERS or _verb_like(nxt):
                break
        if low == "to":
            break  # "vehicles to be delivered": an infinitive
        if low in _PREPOSITIONS and low not in _NP_PREPOSITIONS:
            break
        if out and _verb_like(t) and not (low.endswith("ed") and _possessive(out[-1])):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            participle = low.endswith("ed") and out[-1].low not in _NP_PREPOSITIONS
            if not participle or nxt is None or nxt.low not in _NP_PREPOSITIONS:
                break  # "areas used by USFJ" goes on; "one court observed", "agencies published a rule" stop
        if out and low.endswith("ly") and low not in ("only", "family", "supply", "assembly", "italy"):
            break  # "agencies jointly published": an adverb before the verb
        if low in _DETERMINERS:
            if not out:
                i += 1
                continue
            if out[-1].low not in _PREPOSITIONS:
                break  # "factors the Administrator must consider": a relative clause
        out.append(t)
        i += 1
    while out and (out[-1].low in _PREPOSITIONS or out[-1].low == "and" or out[-1].low in _DETERMINERS):
        out.pop()
    return out


def _predicate(tokens: list[_Token], start: int) -> list[_Token]:
    """What the verb after a noun phrase says of its place or state, when it does ("are in Okinawa" → "in
    Okinawa", "were destined for the top markets" → "destined for the top markets"): found within a few
    words of `start`, before any punctuation."""
    i = start
    while i < len(tokens) and i < start + 12 and tokens[i].low not in _AUXILIARIES:
        if tokens[i].text in _PUNCTUATION_STOPS or tokens[i].low in _CLAUSE_WORDS:
            return []
        i += 1
    if i >= len(tokens) or tokens[i].low not in _AUXILIARIES:
        return []
    while i < len(tokens) and (tokens[i].low in _AUXILIARIES or _adverb(tokens[i])):
        i += 1
    if i >= len(tokens):
        return []
    first = tokens[i]
    if first.low in _NP_PREPOSITIONS and first.low != "of":
        return [first, *_noun_phrase_after(tokens, i + 1, limit=8)]
    if first.low.endswith("ed") and first.word:
        rest = tokens[i + 1 : i + 2]
        if rest and rest[0].low in _NP_PREPOSITIONS:
            object_ = _noun_phrase_after(tokens, i + 2, limit=8)
            if object_:
                return [first, rest[0], *object_]
        return [first]
    return []


def _verb_phrase(tokens: list[_Token], start: int) -> list[_Token]:
    """The verb phrase right after a counted noun, when it says what the things counted did ("29 states had set
    limits on acceptance of private contributions" → "had set limits on acceptance of private contributions"):
    up to a punctuation mark, a clause word or a figure; none longer than MAX_PHRASE_WORDS."""
    if start >= len(tokens) or not _verb_like(tokens[start]):
        return []
    out: list[_Token] = []
    for t in tokens[start:]:
        if t.text in _PUNCTUATION_STOPS or t.number or t.low in _CLAUSE_WORDS or not t.word:
            break
        if len(out) == MAX_PHRASE_WORDS:
            return []
        out.append(t)
    while out and (out[-1].low in _PREPOSITIONS or out[-1].low in _DETERMINERS or out[-1].low == "and"):
        out.pop()
    return out if len(out) >= 2 else []


def _text(sentence: str, tokens: list[_Token]) -> str:
    """The words of `tokens` as the sentence writes them (spacing kept, a trailing possessive mark kept)."""
    return " ".join(sentence[tokens[0].start : tokens[-1].end].split()) if tokens else ""


_NOUN_ENDS = re.compile(r" (?:of|in|on|for|at|from|with|by|under|among|into|across|within|between) ")


def _plural(phrase: str) -> str:
    """`phrase` with its noun in the plural ("U.S. trade partner" → "U.S. trade partners", "partner of the
    port authority" → "partners of the port authority")."""
    head_end = _NOUN_ENDS.search(phrase)
    if head_end is not None:  # "country in the Western Hemisphere" → "countries in the Western Hemisphere"
        return _plural(phrase[: head_end.start()]) + phrase[head_end.start() :]
    head, _, last = phrase.rpartition(" ")
    low = last.lower()
    if low.endswith("s") or not last.isalpha() or last.isupper():
        plural = last
    elif low.endswith("y") and low[-2:-1] not in "aeiou":
        plural = last[:-1] + "ies"
    elif low.endswith(("ch", "sh", "x", "z")):
        plural = last + "es"
    else:
        plural = last + "s"
    return f"{head} {plural}" if head else plural


def _has_noun(tokens: list[_Token]) -> bool:
    """Whether the phrase has a word that can be a noun: a content word that is not a preposition, an
    adverb, a scale word or a verb form alone."""
    return any(
        t.word
        and t.low not in _SCALES
        and t.low not in _PREPOSITIONS
        and t.low not in _DETERMINERS
        and t.low not in _APPROXIMATIONS
        and t.low not in _ADVERBS
        and t.low not in _PRONOUNS
        and not t.low.endswith("ly")
        for t in tokens
    )


def _subject_before(tokens: list[_Token], end: int) -> list[_Token]:
    """The subject of a short clause "<subject> is the …" / "<subject> recommended …" ending before
    `tokens[end]`: a noun phrase that opens its clause."""
    phrase = _noun_phrase_before(tokens, end)
    if not phrase:
        return []
    i = tokens.index(phrase[0]) - 1
    if i >= 0 and tokens[i].low in _DETERMINERS and tokens[i].low not in _CLAUSE_WORDS:
        i -= 1  # "the Senate", but "estimated that USDA": "that" opens the clause
    opens = i < 0 or tokens[i].text in _PUNCTUATION_STOPS or tokens[i].low in _CLAUSE_WORDS
    return phrase if opens and len(phrase) <= 5 else []


def _figure_index(tokens: list[_Token], start: int, end: int) -> tuple[int, int] | None:
    """The first and one-past-last tokens of the figure at [start, end)."""
    inside = [i for i, t in enumerate(tokens) if t.start < end and t.end > start]
    return (inside[0], inside[-1] + 1) if inside else None


def _rank_phrase(sentence: str, tokens: list[_Token], first: int, last: int) -> str | None:
    """A rank's phrase: among what, and who ranks when the clause says "<subject> is the …"."""
    after = _noun_phrase_after(tokens, last)
    if not _has_noun(after):
        return None
    among = _plural(_text(sentence, after))
    i = first - 1
    if i >= 0 and tokens[i].low == "the":
        i -= 1
    if i >= 0 and tokens[i].low in _AUXILIARIES | {"ranks", "ranked", "ranking"}:
        subject = _subject_before(tokens, i)
        if subject:
            name = _text(sentence, subject)
            mark = "’" if "’" in sentence else "'"
            return _cased(f"{name}{mark if name.endswith('s') else mark + 's'} rank among {among}")
    return f"Rank among {among}"


def _enclosing(tokens: list[_Token], first: int, last: int) -> tuple[int, int] | None:
    """The opening and closing marks of a dash pair or brackets the figure stands in, if it does."""
    i = first - 1
    while i >= 0 and i >= first - 4:
        if tokens[i].text == "," and i < first - 1 and all(_adverb(t) for t in tokens[i + 1 : first]):
            # "sailors in the harbor, currently about 4,600 on active duty, and …": an appositive
            closing = next((j for j in range(last, min(len(tokens), last + 8)) if tokens[j].text == ","), None)
            return i, closing if closing is not None else min(len(tokens), last + 8)
        if tokens[i].text in _OPENERS:
            closer = _CLOSERS[tokens[i].text]
            for j in range(last, min(len(tokens), last + 8)):
                if tokens[j].text == closer:
                    return i, j
                if tokens[j].text in _PUNCTUATION_STOPS and tokens[j].text != closer:
                    return (i, j) if tokens[i].text in "—–" else None
            return (i, min(len(tokens), last + 8)) if tokens[i].text in "—–" else None
        if tokens[i].text in _PUNCTUATION_STOPS or tokens[i].low in _CLAUSE_WORDS:
            return None
        i -= 1
    return None


def _skip_back(tokens: list[_Token], i: int) -> int:
    """From `tokens[i]` back over the adverbs, auxiliaries and "no"/"not" between a figure and its verb."""
    while i >= 0 and (tokens[i].low in _ADVERBS or tokens[i].low in ("no", "not") or tokens[i].low.endswith("ly")):
        i -= 1
    return i


_CHANGES = {
    "increased": "increase", "increases": "increase", "raised": "increase", "raises": "increase",
    "reduced": "reduction", "reduces": "reduction", "lowered": "reduction", "cut": "cut", "cuts": "cut",
    "decreased": "decrease", "decreases": "decrease", "rose": "rise", "rises": "rise", "fell": "fall",
    "falls": "fall", "grew": "growth", "grows": "growth", "declined": "decline", "declines": "decline",
    "dropped": "drop", "expanded": "expansion", "climbed": "rise",
}  # fmt: skip
"""Verbs of change, and the noun a reader names the change by ("increased capital by 9%" → "Increase in
capital")."""


def _change_phrase(sentence: str, tokens: list[_Token], by: int) -> str | None:
    """What a figure after "by" measures: the change its verb names, in its object ("increased required capital
    by 9%" → "Increase in required capital") or, with no object, in its subject ("exports rose by 5%")."""
    for k in range(by - 1, max(-1, by - 6), -1):
        t = tokens[k]
        if t.text in _PUNCTUATION_STOPS or t.low in _CLAUSE_WORDS:
            return None
        if t.low not in _CHANGES:
            continue
        object_ = [x for x in tokens[k + 1 : by] if x.low not in _DETERMINERS]
        if object_ and all(x.word for x in object_):
            return _cased(f"{_CHANGES[t.low]} in {_text(sentence, object_)}")
        subject = _noun_phrase_before(tokens, _skip_back_auxiliaries(tokens, k - 1) + 1)
        return _cased(f"{_CHANGES[t.low]} in {_determined(sentence, tokens, subject)}") if _has_noun(subject) else None
    return None


_CHANGE_NOUNS = words("increase decrease reduction cut rise decline drop growth gain loss")


def _changed_thing(sentence: str, tokens: list[_Token], change: list[_Token], last: int) -> str | None:
    """What a change of a figure ("a reduction of $39.9 million") is in: the "for …"/"in …" after the figure
    ("for the National Geospatial Program"), or the subject of the verb before the change ("the budget for X
    would have seen a decrease of 55%" → "in the budget for X")."""
    if last < len(tokens) and tokens[last].low in ("for", "in"):
        target = _noun_phrase_after(tokens, last + 1)
        if _has_noun(target):
            return f"{tokens[last].low} {_determined(sentence, tokens, target)}"
    i = tokens.index(change[0]) - 1
    if i >= 0 and tokens[i].low in ("a", "an", "the"):
        i -= 1
    verb_at = _skip_back_auxiliaries(tokens, i)
    if verb_at < 0 or not (_verb_like(tokens[verb_at]) or tokens[verb_at].low in ("saw", "see", "sees", "seen")):
        return None
    subject = _noun_phrase_before(tokens, _skip_back_auxiliaries(tokens, verb_at - 1) + 1)
    return f"in {_determined(sentence, tokens, subject)}" if _has_noun(subject) else None


_SHARE_VERBS = words("accounted account accounts made make makes composed compose composes comprised represented")


def _share_owner(sentence: str, tokens: list[_Token], first: int) -> str | None:
    """Whose share a percentage is, when the clause says so before it ("Road projects have been 54% of …",
    "the Gulf countries accounted for over 20% of …"): the subject, in the possessive."""
    i = first - 1
    if i >= 0 and tokens[i].low in ("for", "up"):
        i -= 1
    if i < 0 or not (tokens[i].low in _AUXILIARIES or tokens[i].low in _SHARE_VERBS):
        return None
    verb_group = i - 1 if tokens[i].low in _SHARE_VERBS else i
    subject = _subject_before(tokens, _skip_back_auxiliaries(tokens, verb_group) + 1)
    if not _has_noun(subject):
        return None
    name = _determined(sentence, tokens, subject).removeprefix("the ")
    mark = "’" if "’" in sentence else "'"
    return name + (mark if name.endswith("s") else mark + "s")


_FRACTION_WORD = re.compile(
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten)[-\s]?(?:halfs?|halves|thirds?|quarters?|fourths?|"
    r"fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)|half|quarter",
    re.IGNORECASE,
)


def _figure_word(token: _Token) -> bool:
    """Whether a token is a figure itself: a number, a scale word or a fraction written out ("three-fifths")."""
    return token.number or token.low in _SCALES or _FRACTION_WORD.fullmatch(token.text) is not None


def _skip_back_auxiliaries(tokens: list[_Token], i: int) -> int:
    """From `tokens[i]` back over the auxiliaries and adverbs before a verb ("have also rose")."""
    while i >= 0 and (tokens[i].low in _AUXILIARIES or tokens[i].low in _ADVERBS or tokens[i].low.endswith("ly")):
        i -= 1
    return i


def _list_start(tokens: list[_Token], first: int) -> int:
    """Where a list of figures the figure at `tokens[first]` closes begins ("rates of 84% and 78%", "from 35% to
    21%"): the words before the list say what each figure of it measures."""
    while first >= 2 and tokens[first - 1].low in ("and", "or", "to", ","):
        k = first - 2
        if tokens[k].low in _SCALES and k > 0:
            k -= 1
        if not tokens[k].number:
            break
        first = k
        while first > 0 and tokens[first - 1].low in _APPROXIMATIONS:
            first -= 1
    return first


def _table_row_label(sentence: str, start: int) -> str | None:
    """A table row's label (its first cell, when it has words and the figure is not in it): "California"."""
    cell_end = sentence.find("|")
    label = sentence[:cell_end].strip()
    named = any(t.word and t.low not in _APPROXIMATIONS and t.low not in _PREPOSITIONS for t in _tokens(label))
    if cell_end < 0 or start < cell_end or not named or len(label) > 60:
        return None
    return _cased(" ".join(label.split()))


def _cased(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:] if phrase[:1].islower() else phrase


def _head(phrase: list[_Token]) -> _Token:
    """The noun a phrase is about: its last word before "of" ("market share of ENERGY STAR products")."""
    for i, t in enumerate(phrase):
        if t.low == "of" and i > 0:
            return phrase[i - 1]
    return phrase[-1]


def _determined(sentence: str, tokens: list[_Token], phrase: list[_Token]) -> str:
    """`phrase` inside a longer title, with the determiner the sentence gives it ("the cost of SNAP benefits"),
    and its first word in lower case when only opening the sentence capitalized it ("Ferry riders" → "ferry
    riders"; a name, a nationality or an acronym keeps its capitals)."""
    i = tokens.index(phrase[0])
    text = _text(sentence, phrase)
    first = phrase[0].text
    common = len(phrase) > 1 and phrase[1].text[:1].islower() and first[1:].islower()
    if i == 0 and common and first.lower() not in NATIONALITY_WORDS:
        text = text[:1].lower() + text[1:]
    if i > 0 and tokens[i - 1].low == "the":
        return "the " + text
    return text


def _predicate_after_share(tokens: list[_Token], last: int) -> str:
    """The participle a percentage qualifies ("100% federally financed" → " federally financed")."""
    out: list[_Token] = []
    i = last
    while i < len(tokens) and tokens[i].word and (tokens[i].low.endswith("ly") or tokens[i].low in _ADVERBS):
        out.append(tokens[i])
        i += 1
    if i < len(tokens) and tokens[i].word and tokens[i].low.endswith("ed"):
        out.append(tokens[i])
        return " " + " ".join(t.text for t in out)
    return ""
