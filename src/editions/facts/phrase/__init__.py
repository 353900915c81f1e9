"""What a figure counts, in the words a reader would use: the noun phrase of its sentence that the figure
measures ("U.S. troops on active duty", "Japan's rank among U.S. trade partners", "Senate recommendation for
the program"), read by rules over the sentence's words, with the section heading as context.

`figure_phrase` reads the phrase from the figure's place in its sentence (the last of a list of figures reads
the words before the list: "rates of 84% and 78%"), the first of these that applies:

- a rank: the noun after it, among which the subject ranks ("Japan is the sixth-largest U.S. trade partner" →
  "Japan's rank among U.S. trade partners");
- a figure set off by a dash or brackets: the noun phrase before the opening mark, with the words after the
  figure inside ("U.S. troops—currently about 55,000 on active duty—" → "U.S. troops on active duty");
- "a trade deficit of $41 billion": the noun phrase before "of";
- "70% of all facilities … are in Okinawa": the noun phrase after "of" and what its verb says of it ("Share of
  all facilities … in Okinawa");
- "71,000 employees": the counted noun phrase, with its clause's subject when short ("USDA employees");
- "exports totaled $171 billion", "the rate was cut from 35%", "the Senate recommended $32 million for X": the
  subject before the verb ("Senate recommendation for X" where the verb names a decision);
- "increased required capital by 9%": the change the verb names ("Increase in required capital");
- a table row: its label, the first cell ("California").

None when no rule gives a phrase with a noun in it; `figure_title` then falls back to the clause of the sentence
that states the figure (`figure_clause`). English words are told apart by small closed lists (determiners,
prepositions, auxiliaries, clause openers) and a few suffixes: no tagger, no model.
"""

from __future__ import annotations

import re

from editions.facts._found import words
from editions.facts.phrase.readers import (
    _CHANGE_NOUNS,
    _cased,
    _change_phrase,
    _changed_thing,
    _determined,
    _enclosing,
    _figure_index,
    _figure_word,
    _has_noun,
    _head,
    _list_start,
    _noun_phrase_after,
    _noun_phrase_before,
    _predicate,
    _predicate_after_share,
    _rank_phrase,
    _share_owner,
    _skip_back,
    _subject_before,
    _table_row_label,
    _text,
    _verb_phrase,
)
from editions.facts.phrase.tokens import (
    _ADVERBS,
    _APPROXIMATIONS,
    _DECISIONS,
    _NP_PREPOSITIONS,
    _PREPOSITIONS,
    _RATE_HEADS,
    MAX_TITLE_CHARS,
    _tokens,
    _verb_like,
)


def figure_phrase(sentence: str, start: int, end: int, kind: str) -> str | None:
    """The noun phrase the figure at [start, end) of `sentence` (a fact of `kind`) counts, capitalized; None
    when no rule finds one (see the module's description)."""
    tokens = _tokens(sentence)
    found = _figure_index(tokens, start, end)
    if found is None:
        return None
    first, last = found
    if "|" in sentence:
        return _table_row_label(sentence, start)
    first = _list_start(tokens, first)
    if first > 0 and tokens[first - 1].low == "than":
        return None  # "bridges longer than 20 feet": a threshold, not what is counted
    share = kind in ("percent", "fraction")
    if kind == "rank":
        return _rank_phrase(sentence, tokens, first, last)
    enclosing = _enclosing(tokens, first, last)
    if enclosing is not None and enclosing[0] > 0 and _figure_word(tokens[enclosing[0] - 1]):
        # "Nearly three-fifths (58%) of tax filers": the bracketed figure restates the one before it, and
        # measures what that one does
        first = enclosing[0] - 1
        while first > 0 and (_figure_word(tokens[first - 1]) or tokens[first - 1].low in _APPROXIMATIONS):
            first -= 1
        last = min(len(tokens), enclosing[1] + 1)
        enclosing = None
    if enclosing is not None:
        before = _noun_phrase_before(tokens, enclosing[0])
        inside = _noun_phrase_after(tokens, last, limit=5, preposition=True)
        if before and _has_noun(before):
            words_before = _text(sentence, before)
            after = tokens[enclosing[1] + 1 : enclosing[1] + 2]
            tail = (
                _noun_phrase_after(tokens, enclosing[1] + 1, preposition=True) if after and after[0].low == "of" else []
            )
            extra = " " + _text(sentence, inside) if inside and inside[0].low in _NP_PREPOSITIONS else ""
            joined = words_before + extra + (" " + _text(sentence, tail) if tail else "")
            return _cased(joined)
    before_low = tokens[first - 1].low if first > 0 else ""
    if before_low == "of":  # "a trade deficit of $41 billion", "an objective of 1,122 vehicles"
        subject = _noun_phrase_before(tokens, first - 1)
        if _has_noun(subject) and _head(subject).low in _CHANGE_NOUNS:
            changed = _changed_thing(sentence, tokens, subject, last)
            # a change of what is not said near it: the stating clause says more than "Reduction"
            return _cased(f"{_text(sentence, subject)} {changed}") if changed else None
        if _has_noun(subject):
            counted = _noun_phrase_after(tokens, last, limit=4) if kind == "count" else []
            counted_text = f" of {_text(sentence, counted)}" if _has_noun(counted) else ""
            return _cased(_text(sentence, subject) + counted_text)
    if last < len(tokens) and tokens[last].low == "of":  # "70% of all facilities … are in Okinawa"
        counted = _noun_phrase_after(tokens, last + 1)
        if _has_noun(counted):
            end_at = tokens.index(counted[-1]) + 1
            predicate = _predicate(tokens, end_at)
            phrase = _determined(sentence, tokens, counted) if share else _text(sentence, counted)
            if predicate:
                phrase += " " + _text(sentence, predicate)
            owner = _share_owner(sentence, tokens, first) if share else None
            if owner:
                return _cased(f"{owner} share of {phrase}")  # "Road projects' share of all projects …"
            return _cased(f"share of {phrase}" if share else phrase)
    counted = _noun_phrase_after(tokens, last) if kind in ("count", "money") else []
    if counted and _has_noun(counted) and not (kind == "money" and counted[0].low in _NP_PREPOSITIONS):
        phrase = _text(sentence, counted)
        verb_at = _skip_back(tokens, first - 1)
        if verb_at >= 0 and tokens[verb_at].low.endswith("ed") and _verb_like(tokens[verb_at]):
            subject = _subject_before(tokens, verb_at)
            if subject and len(subject) == 1 and subject[0].text[:1].isupper():
                return f"{subject[0].text} {phrase}"  # "USDA employed 71,000 employees" → "USDA employees"
            if subject and _has_noun(subject):
                by = _determined(sentence, tokens, subject)
                return _cased(f"{phrase} {tokens[verb_at].text} by {by}")
        predicate = _predicate(tokens, tokens.index(counted[-1]) + 1)
        if predicate:
            return _cased(f"{phrase} {_text(sentence, predicate)}")
        action = _verb_phrase(tokens, tokens.index(counted[-1]) + 1) if len(counted) <= 2 else []
        while len(f"{phrase} that {_text(sentence, action)}") > MAX_TITLE_CHARS:
            cut = max((k for k, t in enumerate(action) if k > 1 and t.low in _PREPOSITIONS), default=0)
            action = action[:cut]  # "left the agency through … programs" → "left the agency"
        return _cased(f"{phrase} that {_text(sentence, action)}" if action else phrase)
    # "exports totaled $171 billion", "the rate was cut from 35%", "the Senate recommended $32 million for X"
    i = first - 1
    if i >= 0 and tokens[i].low == "by":
        return _change_phrase(sentence, tokens, i)
    if i >= 0 and tokens[i].low in ("to", "from", "at"):
        i -= 1
        share = False  # "fees were cut from 12% to 9%": the percentage is the fee, not a share of it
    verb_at = _skip_back(tokens, i)
    verb = tokens[verb_at] if verb_at >= 0 else None
    if verb is not None and (verb.low in _DECISIONS or verb.low in ("provided", "provides")):
        subject = _subject_before(tokens, verb_at)
        purpose = (
            _noun_phrase_after(tokens, last + 1) if last < len(tokens) and tokens[last].low in ("for", "to") else []
        )
        if verb.low in ("provided", "provides") and subject and _has_noun(subject):
            # "Congress provided $562 million for ITA": funding, named by who provides it
            noun = f"funding provided by {_determined(sentence, tokens, subject)}"
            if purpose:
                return _cased(f"{noun} {tokens[last].low} {_determined(sentence, tokens, purpose)}")
            return _cased(noun)
        if subject and _has_noun(subject):
            noun = f"{_text(sentence, subject)} {_DECISIONS[verb.low]}"
            if purpose:
                return _cased(f"{noun} {tokens[last].low} {_determined(sentence, tokens, purpose)}")
            return _cased(noun)
    j = verb_at
    while j >= 0 and (_verb_like(tokens[j]) or tokens[j].low in _ADVERBS or tokens[j].low.endswith("ly")):
        j -= 1
    if j >= 1 and tokens[j].number and tokens[j - 1].low in _PREPOSITIONS:
        j -= 2  # "interest paid to foreigners in 2025 was …": past the date to the subject
    subject = _noun_phrase_before(tokens, j + 1)
    if not _has_noun(subject):
        return None
    if share and _head(subject).low not in _RATE_HEADS:
        participle = _predicate_after_share(tokens, last)
        return _cased(f"share of {_determined(sentence, tokens, subject)}{participle}")
    return _cased(_text(sentence, subject))


_CLAUSE_BREAK = re.compile(r"\s*(?:[;:()\[\]—–]|,\s|\s-\s|\sand\s|\swhile\s|\swhich\s)\s*")


def _shorten(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + " …"


def figure_clause(sentence: str, figure: str) -> str:
    """The clause of `sentence` that states `figure` (the sentence cut at commas, semicolons, colons, dashes,
    brackets and "and", "while", "which"), shortened; the whole sentence, shortened, when the figure is not
    found in one clause."""
    for clause in _CLAUSE_BREAK.split(sentence):
        if figure and figure in clause and len(clause.split()) > len(figure.split()):
            return _shorten(clause.rstrip(" ."), MAX_TITLE_CHARS)
    return _shorten(sentence)


_CONTENT = re.compile(r"\b(?!(?:[Ss]hare|[Rr]ank|[Nn]umber|of|among|the|in)\b)[A-Za-z][\w'’./-]*")
"""The words of a title that say what it is about (not "Share of", "Rank among", "Number of")."""
_GENERIC_HEADINGS = words("overview introduction background summary conclusion conclusions")


def figure_title(sentence: str, figure: str, kind: str, heading: str | None = None) -> str:
    """What a chart of the figure printed as `figure` in `sentence` is titled: the noun phrase it counts
    (`figure_phrase`); a one-word phrase ("Employees") takes the section `heading` as context ("Employees —
    USDA Workforce"), unless the heading says nothing of the subject ("Overview"). The stating clause
    (`figure_clause`) when no phrase is found or the figure is not in the sentence."""
    at = sentence.find(figure) if figure else -1
    phrase = figure_phrase(sentence, at, at + len(figure), kind) if at >= 0 else None
    if phrase is None or len(phrase) > MAX_TITLE_CHARS:
        return figure_clause(sentence, figure)
    useful = heading and "|" not in heading and heading.strip().lower() not in _GENERIC_HEADINGS
    if useful and heading and (len(_CONTENT.findall(phrase)) < 2 or "|" in sentence):
        return f"{phrase} — {_shorten(heading, 60)}"
    return phrase
