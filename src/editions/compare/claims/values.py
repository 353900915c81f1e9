"""What value a fact states, at what precision, and the keys it is filed and sought under, so that the facts
that may state one value are found without comparing every pair."""

from __future__ import annotations

import math
import re

from editions.model import Edition, Fact

TIME_KINDS = frozenset({"date", "year"})
_YEAR_WRITTEN = re.compile(r"\d{4}|(?:FY|CY)\s?\d{2}\b|['’]\d{2}\b", re.IGNORECASE)


def group(fact: Fact) -> str:
    """Kinds whose values compare with each other: a date and a year are both points in time."""
    return "time" if fact.kind in TIME_KINDS else fact.kind


def units_agree(a: Fact, b: Fact) -> bool:
    return a.unit is None or b.unit is None or a.unit.lower() == b.unit.lower()


def year_written(edition: Edition, fact: Fact) -> bool:
    """Whether a date's year is printed (a yearless "March 9" has one only as the reader resolved it)."""
    return group(fact) != "time" or bool(_YEAR_WRITTEN.search(edition.text_of(fact)))


def stated_equal(a: Fact, a_year: bool, b: Fact, b_year: bool, *, coarser: bool = True) -> bool:
    """Whether two facts state the same value, at the precision both state: numbers equal to rounding, dates
    equal at the coarser of their precisions (with `coarser`; else only at the same precision) and, when
    either date's year was not printed, on month and day alone; people equal when one name's words include
    the other's."""
    va, vb = a.value, b.value
    if isinstance(va, int | float) and isinstance(vb, int | float):
        return math.isclose(float(va), float(vb), rel_tol=1e-9, abs_tol=1e-9)
    if va is None or vb is None:
        return va is vb
    sa, sb = str(va).strip().lower(), str(vb).strip().lower()
    if sa == sb:
        return True
    if group(a) == "time" and group(b) == "time":
        if not (a_year and b_year):
            if len(sa) < 7 or len(sb) < 7:
                return False  # a yearless month or day against a bare year: nothing in common is stated
            sa, sb = sa[5:], sb[5:]
        short, long = sorted((sa, sb), key=len)
        return long == short or (coarser and long.startswith(short + "-"))
    if a.kind == "office_holder" and b.kind == "office_holder":
        wa, wb = set(sa.split()), set(sb.split())
        return wa <= wb or wb <= wa
    return False


Key = tuple[object, ...]


def filed_keys(fact: Fact, year: bool) -> tuple[Key, ...]:
    """The keys a fact is filed under (`year`: whether its year is printed): its kind, value and unit (a unit
    left unsaid is a unit of its own here: the work saved is worth the rare restatement missed); a date under
    its kind and year and, when it has a month, under its month and day, and a date whose year is not printed
    also among those (where a date that prints its year looks for them)."""
    v = fact.value
    if fact.kind not in TIME_KINDS:
        unit = fact.unit.lower() if fact.unit else None
        return ((fact.kind, v.lower() if isinstance(v, str) else v, unit),)
    text = str(v)
    if len(text) < 7:
        return ((fact.kind, text[:4]),)
    if year:
        return ((fact.kind, text[:4]), (fact.kind, "day", text[5:10]))
    return ((fact.kind, text[:4]), (fact.kind, "day", text[5:10]), (fact.kind, "yearless", text[5:10]))


def sought_keys(fact: Fact, year: bool) -> tuple[Key, ...]:
    """The keys under which the facts that may state `fact`'s value are filed (`stated_equal` decides)."""
    if fact.kind not in TIME_KINDS:
        return filed_keys(fact, year)
    text = str(fact.value)
    if len(text) < 7:
        return ((fact.kind, text[:4]),)
    if year:
        return ((fact.kind, text[:4]), (fact.kind, "yearless", text[5:10]))
    return ((fact.kind, "day", text[5:10]),)


def is_specific(fact: Fact) -> bool:
    """Whether a value is unlikely to be stated for two measures by chance: a day, a number of three
    significant digits or more ("412", "17.25%"), a name; not "60 days", "2", "$5 million", "June 2019", nor a
    year (a report dates many things to its years)."""
    v = fact.value
    if fact.kind in TIME_KINDS:
        return len(str(v)) >= 10
    if isinstance(v, int | float):
        digits = f"{abs(float(v)):.6f}".replace(".", "").strip("0")
        return len(digits) >= 3
    return True


def reading_position(fact: Fact) -> tuple[int, int]:
    return (fact.sentence, fact.span.start)
