"""Office holders: "Prime Minister Kishida Fumio", "former Prime Minister Shinzo Abe", "President Biden",
"Governor Denny Tamaki", "incumbent Denny Tamaki" (in a sentence about a gubernatorial election).

A match's value is the person's name as written; its `unit` is the office in canonical form
("Prime Minister", "Governor"), prefixed with "former " when the text says the person no longer holds it,
so that a later edition's holder of the same office can be found and a former holder is not mistaken for
the current one. The measure (see `measure.office_measure`) names the office and the country when the
text gives it ("Japanese Prime Minister" → "japan prime minister").
"""

from __future__ import annotations

import re

from editions.facts._found import Found, words

# Written form → canonical office. Longer forms first in the pattern.
OFFICES: dict[str, str] = {
    "President": "President", "Vice President": "Vice President", "Prime Minister": "Prime Minister",
    "PM": "Prime Minister", "Premier": "Premier", "Chancellor": "Chancellor", "Governor": "Governor",
    "Gov.": "Governor", "Lieutenant Governor": "Lieutenant Governor", "Senator": "Senator",
    "Sen.": "Senator", "Representative": "Representative", "Rep.": "Representative",
    "Speaker": "Speaker", "House Speaker": "Speaker", "Majority Leader": "Majority Leader",
    "Minority Leader": "Minority Leader", "Secretary of State": "Secretary of State",
    "Secretary of Defense": "Secretary of Defense", "Defense Secretary": "Secretary of Defense",
    "Defense Minister": "Defense Minister", "Foreign Minister": "Foreign Minister",
    "Finance Minister": "Finance Minister", "Trade Minister": "Trade Minister",
    "Treasury Secretary": "Secretary of the Treasury", "Secretary of the Treasury": "Secretary of the Treasury",
    "Commerce Secretary": "Secretary of Commerce", "Secretary of Commerce": "Secretary of Commerce",
    "Trade Representative": "Trade Representative", "U.S. Trade Representative": "Trade Representative",
    "Chief Cabinet Secretary": "Chief Cabinet Secretary", "Ambassador": "Ambassador", "Mayor": "Mayor",
    "King": "King", "Queen": "Queen", "Emperor": "Emperor", "Crown Prince": "Crown Prince",
    "Supreme Leader": "Supreme Leader", "Chairman": "Chairman", "Chairwoman": "Chairwoman",
    "Chair": "Chair", "General Secretary": "General Secretary", "Attorney General": "Attorney General",
    "Secretary-General": "Secretary-General", "Secretary General": "Secretary-General",
}  # fmt: skip
STATUS = {"former": "former", "ex-": "former", "late": "former", "then": "former", "then-": "former"}
NATIONALITIES: dict[str, str] = {
    "Japanese": "japan", "Japan's": "japan", "U.S.": "usa", "American": "usa", "Chinese": "china",
    "China's": "china", "South Korean": "south korea", "North Korean": "north korea", "Korean": "korea",
    "Russian": "russia", "Ukrainian": "ukraine", "Indian": "india", "Australian": "australia",
    "Taiwanese": "taiwan", "Taiwan's": "taiwan", "British": "uk", "French": "france", "German": "germany",
    "Canadian": "canada", "Mexican": "mexico", "Philippine": "philippines", "Vietnamese": "vietnam",
    "Indonesian": "indonesia", "Israeli": "israel", "Iranian": "iran", "Turkish": "turkey",
    "Okinawa": "okinawa", "Okinawan": "okinawa", "Okinawa's": "okinawa",
}  # fmt: skip
_ELECTION_OFFICE = {"gubernatorial": "Governor", "presidential": "President", "mayoral": "Mayor",
                    "senatorial": "Senator", "senate": "Senator", "parliamentary": "Member of Parliament"}  # fmt: skip

_NAME_WORD = r"(?:[A-Z][’'][A-Z][a-z]+|[A-Z][a-z]+(?:(?![’']s\b)[-’'][A-Z]?[a-z]+)?|[A-Z]\.)"
# One to three capitalized words ("O'Rourke" and "Ocasio-Cortez" are one); a possessive ends the name
# ("President Trump's January 20, 2025, order": the name is "Trump").
_NAME = rf"(?P<name>{_NAME_WORD}(?:\s{_NAME_WORD}){{0,2}})"
_OFFICE_ALT = "|".join(re.escape(o) for o in sorted(OFFICES, key=len, reverse=True))
_NATIONALITY_ALT = "|".join(re.escape(n) for n in sorted(NATIONALITIES, key=len, reverse=True))
# The pattern starts with the office (a literal), so the regex engine skips ahead fast; the words
# before it (status, nationality) are read from a short window.
_BEFORE_OFFICE = re.compile(
    rf"(?:(?P<status>\b[Ff]ormer|\bex-|\b[Ll]ate|\b[Tt]hen-?)\s?)?(?:(?P<nation>{_NATIONALITY_ALT})\s)?$"
)
_HOLDER = re.compile(
    rf"(?P<office>{_OFFICE_ALT})(?:\s(?:of\s(?P<of>(?:the\s)?[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)))?"
    rf",?\s{_NAME}(?![\w.]*\s(?:Administration|administration|administration's|Act|Doctrine)\b)"
)
_INCUMBENT = re.compile(rf"incumbent\s{_NAME}")
# Capitalized words that start a name-like run but are not names.
_NOT_NAMES = words(
    "The A An And Of In On For To With By At As Is Was Has Had Administration Office Cabinet House "
    "Senate Congress Government Party Minister President Governor Secretary Department Ministry If "
    "When While Since After Before But Or Not This That These Those It He She They We I Executive Order "
    "Federal National Department"
)


_COMMON_NOUN_ENDINGS = ("tion", "sion", "ment", "ship", "ism", "ity", "ness", "ence", "ance", "ings")


def _trim_name(name: str) -> str:
    """Drop trailing words that are not names: function words, and the common-noun endings a title-case
    heading puts after a name ("Former PM Abe Assassination")."""
    words = name.split()
    while words and (words[-1] in _NOT_NAMES or words[-1].lower().endswith(_COMMON_NOUN_ENDINGS)):
        words.pop()
    return " ".join(words)


def find_office_holders(text: str) -> list[Found]:
    found: list[Found] = []
    for m in _HOLDER.finditer(text):
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "."):
            continue
        before = _BEFORE_OFFICE.search(text, max(0, m.start() - 30), m.start())
        name = _trim_name(m.group("name"))
        if not name or name.split()[0] in _NOT_NAMES or all(len(w) == 2 and w[1] == "." for w in name.split()):
            continue  # initials alone are no name: "the Secretary of Labor, U.S. Trade Representative"
        office = OFFICES[m.group("office")]
        if m.group("of"):
            office = f"{office} of {m.group('of')}"
        start = m.start()
        if before is not None and before.group():
            start = before.start()
            status = (before.group("status") or "").lower().rstrip("-")
            if status in STATUS:
                office = f"former {office}"
        end = m.start("name") + len(name)
        found.append(Found(start, end, "office_holder", name, office))
    lowered = text.lower()
    for m in _INCUMBENT.finditer(text):
        if m.start() > 0 and text[m.start() - 1].isalnum():
            continue
        name = _trim_name(m.group("name"))
        if not name or name.split()[0] in _NOT_NAMES:
            continue
        office = next((o for word, o in _ELECTION_OFFICE.items() if word in lowered), "incumbent")
        end = m.start("name") + len(name)
        found.append(Found(m.start(), end, "office_holder", name, office))
    return found


def nationality_of(text: str) -> str | None:
    """The country a nationality word names ("Japanese" → "japan"), if it is one we know."""
    return NATIONALITIES.get(text)
