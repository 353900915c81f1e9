"""The words of a sentence as the phrase rules see them: tokens, the closed word lists that tell English words
apart, and the small tests on one token (verb-like, adverb, possessive, participle)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from editions.facts._found import words
from editions.vocabulary import MONTHS

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}(?:[A-Z](?![\w.]))?"  # U.S., U.N., P.L
    r"|\$?\d[\d,.]*\d%?|\$?\d%?"  # numbers
    r"|[A-Za-z][\w]*(?:['’][A-Za-z]+|['’](?=\s))?(?:[-/&][\w]+(?:['’][A-Za-z]+)?)*"  # words, hyphenated, possessives
    r"|[^\w\s]"  # a punctuation mark
)
_DETERMINERS = words("the a an this that these those its their his her our your my each every any some such")
_PREPOSITIONS = words(
    "of in on for at to from with by under among into across within per over between through during after "
    "before since toward towards against about around near beyond above below"
)
_NP_PREPOSITIONS = words("of in on for at from with by under among into across within per between")
"""Prepositions a noun phrase may continue with ("exports of corn", "troops in Japan")."""
_AUXILIARIES = words(
    "is are was were be been being am has have had having will would shall should can could may might must do "
    "does did remain remains remained become becomes became stood stands stand"
)
_CLAUSE_WORDS = words(
    "which who whom whose that because although though while whereas when where if unless since as including "
    "compared than so but or nor then according"
)
_APPROXIMATIONS = words(
    "about around approximately roughly nearly almost some over under more less than at least most up to no "
    "fewer just only estimated an additional another"
)
_IRREGULAR_VERBS = words(
    "cut set put rose rise rises fell fall falls grew grow grows spent spend spends paid pay pays made make makes "
    "led held hold holds hit left won lost sold bought took gave came met sent built kept reach reaches exceed "
    "exceeds represent represents comprise comprises include includes employ employs split went go goes got"
)
_ADVERBS = words(
    "currently now still also then later subsequently probably possibly likely roughly again already only just "
    "nearly almost approximately typically generally historically newly recently annually each up down"
)
_DECISIONS = {
    "recommended": "recommendation",
    "recommends": "recommendation",
    "requested": "request",
    "requests": "request",
    "proposed": "proposal",
    "proposes": "proposal",
    "appropriated": "appropriation",
    "appropriates": "appropriation",
    "authorized": "authorization",
    "authorizes": "authorization",
    "allocated": "allocation",
    "awarded": "award",
    "budgeted": "budget",
}
"""Verbs that state a decision on an amount, and the noun a reader names it by ("the Senate recommended $32
million for X" → "Senate recommendation for X")."""
_RATE_HEADS = words(
    "rate rates share shares percentage percent proportion ratio margin level growth increase decrease decline "
    "reduction cut rise drop majority minority portion fraction"
)
"""Nouns whose value a percentage is itself ("a tax rate of 30%"): no "Share of" before them."""
_BACK_PREPOSITIONS = words("of for in on")
"""Prepositions a noun phrase read backwards may reach over ("appropriations for EDA programs")."""
_PRONOUNS = words(
    "it they them this these those he she we you i one ones which what who two three four five six seven eight "
    "nine ten first second third fourth fifth sixth seventh eighth ninth tenth"
)
"""Words that point at or number things without naming them (pronouns, number words)."""
_NUMBERED = words("Section Title Part Chapter Form Article Rule Phase")
"""Words a number names a thing with, inside a noun phrase ("Section 408 requests")."""
_SCALES = words("thousand million billion trillion percent cents")
_DATED = MONTHS.keys() | words("spring summer fall autumn winter")
"""Words a year completes ("fall 2019", "May 2026")."""
_OPENERS = frozenset("(—–[")
_CLOSERS = {"(": ")", "[": "]", "—": "—", "–": "–"}
_PUNCTUATION_STOPS = frozenset(',;:()[]—–!?"“”')
MAX_PHRASE_WORDS = 12
MAX_TITLE_CHARS = 90


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def number(self) -> bool:
        """A number, or a word with digits in it ("FY2026", "2-44th"): a date or a name, not a noun a figure
        counts."""
        return any(c.isdigit() for c in self.text)


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _verb_like(token: _Token) -> bool:
    """Whether a word reads as a verb where a noun phrase would end: an auxiliary, a common irregular verb, or a
    past form ("totaled", "peaked")."""
    low = token.low
    return low in _AUXILIARIES or low in _IRREGULAR_VERBS or (low.endswith("ed") and len(low) > 4 and low != "speed")


def _adverb(token: _Token) -> bool:
    return token.low in _ADVERBS or token.low.endswith("ly")


def _possessive(token: _Token) -> bool:
    return token.text.endswith(("'s", "’s", "'", "’"))


def _plain_word(token: _Token) -> bool:
    """A word that can end a noun before a preposition: no determiner, auxiliary, clause word, verb form or
    preposition."""
    low = token.low
    return (
        token.word
        and low not in _DETERMINERS
        and low not in _AUXILIARIES
        and low not in _CLAUSE_WORDS
        and low not in _PREPOSITIONS
        and not (low.endswith("ed") and len(low) > 4)
    )


_PARTICIPLES = words("paid made held sent given spent set built kept left sold bought")


def _participle(token: _Token) -> bool:
    low = token.low
    return token.word and (low in _PARTICIPLES or (len(low) > 4 and low.endswith(("ed", "ing"))))


def _continues_back(tokens: list[_Token], p: int) -> bool:
    """Whether the preposition at `tokens[p]`, read backwards, continues a noun phrase: after a noun
    ("appropriations for EDA programs") or after a participle that follows a noun ("the amount going to the
    general fund", "interest paid to foreigners")."""
    low = tokens[p].low
    if low in _BACK_PREPOSITIONS and p > 0 and _plain_word(tokens[p - 1]):
        return True
    return (
        (low in _NP_PREPOSITIONS or low == "to") and p > 1 and _participle(tokens[p - 1]) and _plain_word(tokens[p - 2])
    )
