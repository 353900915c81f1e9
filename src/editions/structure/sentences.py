"""Sentence boundaries inside one block of clean text.

`split_sentences` starts from nupunkt's Punkt model (trained on legal and financial text) and corrects
it with a few general rules, each measured on the ArgRewrite essays (docs/quality.md, "Sentence
boundaries"):

1. nupunkt's learned abbreviation list holds thousands of ordinary words ("car", "will", "win",
   "mass", "cons" ...), so a sentence ending in one of them runs on into the next whenever the next
   word is not a clear-cut sentence starter. For a lowercase word of two letters or more we trust our
   own list of real abbreviations instead: a word not on it, followed by a period, whitespace and a
   capitalized word (or an acronym that is not a Roman numeral), ends the sentence. Capitalized words
   are left to Punkt, which knows legal citation forms ("Envtl. Prot. Agency") far better than a list.
   The article "A" counts as a capitalized word ("the need to own a car. A final point").
2. Abbreviations that stand before a number ("no. 1", "pp. 1-2", "sec. 3"), written in lowercase and
   followed by a capitalized word, end the sentence ("the answer was no. The vote ..."); "no", "art"
   and "par" are ordinary words too, so the article "A" counts after them ("would be no. A car ...").
3. Any abbreviation or initial followed by a word that starts sentences but never continues a name
   ("The", "In", "However" ...) ends the sentence: "from point A to point B. In the end", "the U.S. It";
   not a label that opens the text ("a. The amount ...").
4. A sentence never starts with closing punctuation or a comma: "(why would it be?), and" stays one.
5. "e.g.", "i.e.", "cf.", "vs.", "v." and "viz." introduce something, so never end a sentence.
6. A title before a capitalized word that is not a sentence starter does not end the sentence
   ("Lt. Gen. Smith", "fmr. Sen. Jones").
7. A lowercase numbered abbreviation before a designation does not end the sentence
   ("U.S. Const. art. I, § 8", "amend. XIV", "pt. II").
8. A hyphenated word whose last part is an abbreviation is one too ("high-temp.", "non-govt."): Punkt
   knows "temp." but not the compound, so before a lowercase word, which starts no sentence, it does not
   end the sentence ("high-temp. alloys").
9. A dotted abbreviation (a period inside it) before a number does not end the sentence: it names a
   document ("S.Rept. 112-7", "H.Doc. 99-3", "S.Res. 12"); a sentence opening with digits is rare in
   edited prose, and Punkt, which has not seen every such compound, breaks before the number.

nupunkt's candidate scan is quadratic inside one whitespace-free run, so a run of more than 100
characters with more than 20 periods, question or exclamation marks ("?????", "."-laden garbage) is
masked before nupunkt sees it; everything else is linear in the length of the text.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from functools import cache
from typing import Any

import nupunkt


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Abbreviations written in lowercase. After them Punkt's own evidence (the orthography of the next
# word, learned break rates) decides, as it does after every capitalized or dotted abbreviation.
_LOWER_ABBREVIATIONS = _words(
    """
    adm admin al amb amend amt app appx approx apr art arts assn assoc asst attn atty aug avg bldg
    bros ca cf ch chap cit cl cmt co comm cong corp dec dep dept dir dist div ed eds esp est et etc ex
    exec exh excl feb fig figs fmr fn ft gen gov govt hr hrs ibid id inc incl inst intl jan jr jul
    jun lb lbs ltd mar max mgmt min misc mo mos mr mrs ms natl nn no nos nov oct op oz par para paras
    pl pp pres pt pts pub ref refs reg regs rep repr resp ret rev sch sec secs sen sep sept seq sess
    sq sr st stat subch subpt subtit supp tbl tit tr trans treas univ viz vol vols vs wk yr yrs
    """
)

# Of those, the ones that stand before a number or a designation ("no. 1", "art. I", "pt. II").
_NUMBERED_ABBREVIATIONS = _words(
    "art arts ch chap cl fig figs fn nn no nos para paras par pp pt pts sec secs tbl tit vol vols"
)

# Numbered abbreviations that are also common words at the end of a sentence.
_ALSO_WORDS = frozenset(["no", "art", "par"])

# Words that start sentences but never continue a name, a title or a citation.
_SENTENCE_STARTERS = _words(
    """
    The This That These Those It Its They Their There We Our He His She Her In On At For If As When
    While Although However But Yet Thus Therefore Moreover Furthermore Also Additionally Instead
    Meanwhile Since Because After Before During Despite According Another An Lastly Finally Overall
    """
)

# Abbreviations that introduce something, so never end a sentence.
_NEVER_FINAL = frozenset(["e.g", "i.e", "cf", "vs", "v", "viz"])
# Titles and styles before a name: "Lt. Gen. Smith", "fmr. Sen. Jones", "St. Louis".
_TITLES = _words(
    """
    adm amb asst atty brig capt cdr cmdr col cpl dep det dr ens fmr ft gen gov hon insp lt maj messrs
    mlle mme mr mrs ms mt pres prof pvt rep reps ret rev sec secy sen sens sgt spc st supt
    """
)
# Lowercase abbreviations before a number or a designation ("amend. XIV", "subtit. A").
_DESIGNATED = _NUMBERED_ABBREVIATIONS | _words("amend app div ex exh sch subch subpt subtit")
# Styles that may stand before a word of _SENTENCE_STARTERS ("the Rt. Hon. The Lord ...").
_BEFORE_NAMES = frozenset(["hon", "rev", "rt"])
# Characters a sentence does not start with.
_NEVER_STARTS = frozenset(",;:)]}”’")

_CLOSERS = "\"')]’”»"
_OPENERS = "\"'([‘“«"

# A period, closing punctuation, whitespace, opening punctuation, and the next word when it starts with a
# capital: what follows a word (letters, possibly dotted: "U.S.") that may end a sentence.
_AFTER_PERIOD = re.compile(
    rf"\.[{re.escape(_CLOSERS)}]*\s+(?P<next>[{re.escape(_OPENERS)}]*)(?P<follower>[A-Z][\w'’-]*)(?P<article>\s+[a-z])?"
)
_DOTTED_WORD = frozenset(string.ascii_letters + ".")
_NOT_BEFORE_WORD = "_'’@/&"  # nor a letter or digit: the word is not the tail of a longer token
_ROMAN_NUMERAL = re.compile(r"[IVXLCDM]+")
# The first word of a sentence, and whether a lowercase word follows it.
_FOLLOWER = re.compile(rf"[{re.escape(_OPENERS)}]*(?P<follower>[\w][\w'’-]*)(?P<article>\s+[a-z])?")
# A number, a Roman numeral or a single capital letter: what follows "art.", "pt.", "no." ...
_DESIGNATION = re.compile(r"\d[\w'’-]*|[IVXLCDM]+|[A-Z]|[A-Z]+-?\d[\w'’-]*")
_LONGEST_WORD = 100
_LONG_RUN = re.compile(rf"\S{{{_LONGEST_WORD + 1},}}")
_KEEP_AT_RUN_END = 4
# More candidate ends than this in one whitespace-free run make nupunkt's scan of it quadratic.
_MAX_ENDS_IN_RUN = 20


@cache
def _tokenizer() -> Any:
    return nupunkt.load_default_model()


def _mask_long_runs(text: str) -> str:
    """Same-length text where long whitespace-free runs full of periods are mostly replaced by 'x'."""
    if len(text) <= _LONGEST_WORD or sum(map(text.count, ".?!…")) <= _MAX_ENDS_IN_RUN:
        return text  # no run can be long enough or hold enough ends (most blocks): spare the scan for runs

    def mask(match: re.Match[str]) -> str:
        run = match.group()
        if sum(map(run.count, ".?!…")) <= _MAX_ENDS_IN_RUN:
            return run
        return "x" * (len(run) - _KEEP_AT_RUN_END) + run[-_KEEP_AT_RUN_END:]

    return _LONG_RUN.sub(mask, text)


def _ends_sentence(word: str, follower: str, article: bool) -> bool:
    """Whether `word` + "." ends the sentence before the capitalized `follower` (rules 1 to 3).

    `article`: the follower is followed by a lowercase word, so "A" is the article."""
    key = word.lower()
    if key in _NEVER_FINAL:
        return False
    if follower in _SENTENCE_STARTERS:
        return key not in _BEFORE_NAMES
    if len(word) < 2 or not word.isalpha() or not word.islower():
        return False
    is_word = follower[1:2].islower() or (
        len(follower) > 1 and follower.isalpha() and follower.isupper() and not _ROMAN_NUMERAL.fullmatch(follower)
    )
    if word not in _LOWER_ABBREVIATIONS or word in _ALSO_WORDS:
        return is_word or (article and follower == "A")
    return is_word and word in _NUMBERED_ABBREVIATIONS


def _periods_then_capitals(text: str) -> Iterator[tuple[int, str, re.Match[str]]]:
    """Each word that a period and a capitalized word follow: its start, the word, and the match of what
    follows. The same as a regular expression for the whole ("(?<![\\w.'’@/&])[A-Za-z][A-Za-z.]*" then
    _AFTER_PERIOD) in finditer, which tried its lookbehind at every character (most of the time of this
    module's rules); searching for the period's side skips to periods, and the word is read backwards.
    tests/structure/test_sentences_fast_paths.py checks the two agree."""
    end = 0  # the end of the last match: finditer's matches do not overlap
    for after in _AFTER_PERIOD.finditer(text):
        period = after.start()
        start = period
        while start > 0 and text[start - 1] in _DOTTED_WORD:
            start -= 1
        if start == period or start < end or text[start] == ".":
            continue
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in _NOT_BEFORE_WORD):
            continue
        end = after.end()
        yield start, text[start:period], after


def _forced_starts(text: str) -> set[int]:
    """Sentence starts that rules 1 to 3 add to Punkt's."""
    first = len(text) - len(text.lstrip())
    starts = set()
    for start, word, after in _periods_then_capitals(text):
        if start == first and (len(word) == 1 or _ROMAN_NUMERAL.fullmatch(word.upper())):
            continue  # a label: "a. The amount shown ...", "IV. The second part ..."
        if _ends_sentence(word, after.group("follower"), after.group("article") is not None):
            starts.add(after.start("next"))
    return starts


def _is_false_start(text: str, start: int) -> bool:
    """Whether a sentence cannot start at `start` (rules 4 to 9)."""
    if text[start] in _NEVER_STARTS:
        return True
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    begin = end
    while begin > 0 and end - begin < _LONGEST_WORD and not text[begin - 1].isspace():
        begin -= 1
    token = text[begin:end].lstrip(_OPENERS).rstrip(_CLOSERS)
    if not token.endswith("."):
        return False
    word = token[:-1]
    key = word.lower()
    if key in _NEVER_FINAL:
        return True
    match = _FOLLOWER.match(text, start)
    if match is None:
        return False
    follower = match.group("follower")
    if "-" in key and follower[0].islower():
        last = key.rsplit("-", 1)[1]
        if last in _LOWER_ABBREVIATIONS or last in _tokenizer().abbreviations:
            return True
    if "." in word.strip(".") and follower[0].isdigit():
        return True
    if key in _TITLES:
        return follower[0].isupper() and follower not in _SENTENCE_STARTERS
    if word in _DESIGNATED and _DESIGNATION.fullmatch(follower):
        # "art. I, § 8", "art. I of", "pt. II", "no. 5"; but "would be no. A car", "no. I think"
        reading_as_word = (follower == "A" and word in _ALSO_WORDS) or (follower == "I" and word == "no")
        return not (reading_as_word and match.group("article"))
    return False


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans [start, end) of the sentences of `text`, stripped of surrounding whitespace.

    The spans are in order, do not overlap, and together cover every non-whitespace character of
    `text` exactly once."""
    if not text or text.isspace():
        return []
    starts = {start for start, _ in _tokenizer().span_tokenize(_mask_long_runs(text))}
    starts |= _forced_starts(text)
    # Rules 4 to 9: a false start is glued to the sentence before it.
    first = len(text) - len(text.lstrip())
    bounds = [first]
    for start in sorted(starts):
        if first < start < len(text) and not _is_false_start(text, start):
            bounds.append(start)
    spans: list[tuple[int, int]] = []
    for i, start in enumerate(bounds):
        end = bounds[i + 1] if i + 1 < len(bounds) else len(text)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans
