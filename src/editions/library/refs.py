"""Edition references: how a person names one edition of a report, read and written without a database.

A reference is a report (`IF10199`: its latest edition), then optionally `@` and which edition: a date
(`@2024-06-02`; a date with no edition names the one in force then, with an `InputWarning` saying so), a
version (`@v47`), an id prefix (`@3fa2c1d09e`) or `@undated`; then optionally `~N` for N editions earlier
(`IF10199~1`, `IF10199@2024-01-05~2`). An edition id (or a prefix of 8+ hex digits) alone also names one.

The library looks the report up and hands over its editions in order (`EditionRow`s); everything else here
is decided on those rows alone.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from editions.errors import InputWarning
from editions.library._db import NotFoundError

UNDATED = "undated"
"""How a reference names the one edition of a report that states neither a date nor a version."""
MIN_ID_PREFIX = 8
"""Fewest hex digits of an edition id that name an edition without its report."""

_HEX = re.compile(r"^[0-9a-f]{6,64}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_REF = re.compile(r"^(?P<base>[^@~]+?)(?:@(?P<at>[^~]+))?(?:~(?P<back>\d+))?$")
_VERSION = re.compile(r"v\d+", re.I)


@dataclass(frozen=True, slots=True)
class EditionRow:
    """An edition row, as ordering and references need it."""

    pk: int
    id: str
    date: dt.date | None
    version: int | None
    title: str | None
    product: str | None
    sentences: int

    def order(self) -> tuple[bool, dt.date, bool, int, int]:
        return (self.date is None, self.date or dt.date.min, self.version is None, self.version or 0, self.pk)


def ordered(rows: Iterable[EditionRow]) -> list[EditionRow]:
    """A report's editions oldest first: by date, then version, undated last."""
    return sorted(rows, key=EditionRow.order)


# --- reading a reference ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference taken apart: `base` names the report (or an edition by id), `at` which of its editions (the
    text after "@", None for the latest), `back` how many editions earlier than that (after "~")."""

    base: str
    at: str | None
    back: int

    @property
    def id_prefix(self) -> str | None:
        """`base` as an edition id prefix (lower case), when it can be one: 8+ hex digits and no "@"."""
        prefix = self.base.lower()
        if self.at is None and _HEX.match(prefix) and len(self.base) >= MIN_ID_PREFIX:
            return prefix
        return None


def parse(ref: str) -> Reference:
    """`ref` (surrounding white space ignored) taken apart; `NotFoundError` when it is not of the grammar."""
    m = _REF.match(ref.strip())
    if m is None:
        raise NotFoundError(f"{ref!r} is not an edition reference; write e.g. IF10199, IF10199@2022-07-21, IF10199~1.")
    return Reference(m.group("base"), m.group("at"), int(m.group("back") or 0))


def position(key: str, rows: Sequence[EditionRow], at: str, ref: str) -> int:
    """Which of a report's editions (`rows`, in order) `at` (the text after "@" in `ref`) names: the last one
    of that date, or the one in force on it (with an `InputWarning`); of that version; `undated`; or the one
    whose id starts with it. `NotFoundError` says why none is."""
    if _DATE.match(at):
        try:
            date = dt.date.fromisoformat(at)
        except ValueError:
            raise NotFoundError(f"{ref}: {at} is not a date.") from None
        matches = [i for i, r in enumerate(rows) if r.date == date]
        if matches:
            return matches[-1]
        in_force = [i for i, r in enumerate(rows) if r.date is not None and r.date < date]
        if in_force:  # "as of": the edition current on that date
            i = in_force[-1]
            warnings.warn(
                f"{key} has no edition dated {at}; {name(key, rows[i], rows)} is the edition in force on that date.",
                InputWarning,
                stacklevel=4,  # the caller of the library method that resolved the reference
            )
            return i
        dates = ", ".join(r.date.isoformat() if r.date else "undated" for r in rows[-8:])
        raise NotFoundError(f"{key} has no edition dated {at} or earlier; its editions: {dates}.")
    if at.lower() == UNDATED:
        matches = [i for i, r in enumerate(rows) if r.date is None and r.version is None]
        if len(matches) == 1:
            return matches[0]
    if _VERSION.fullmatch(at):
        version = int(at[1:])
        matches = [i for i, r in enumerate(rows) if r.version == version]
        if matches:
            return matches[-1]
        raise NotFoundError(f"{key} has no edition with version {version}.")
    if _HEX.match(at.lower()):
        matches = [i for i, r in enumerate(rows) if r.id.startswith(at.lower())]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise NotFoundError(f"{ref} names more than one edition of {key}; give more digits.")
    raise NotFoundError(f"{ref}: {key} has no edition {at!r}; use a date (YYYY-MM-DD), vN or an edition id.")


# --- writing one ------------------------------------------------------------------------------------------------


def _name_with(key: str, row: EditionRow, days: Counter[dt.date | None], versions: Counter[int]) -> str:
    """An edition's reference, as people name it: by date when no other edition of the report (`days`,
    `versions`: its editions per date and per version) has that date, else by version, and by id only when
    neither tells it apart."""
    if row.date is not None and days[row.date] == 1:
        return f"{key}@{row.date.isoformat()}"
    if row.version is not None and versions[row.version] == 1:
        return f"{key}@v{row.version}"
    if row.date is None and row.version is None and days[None] == 1:
        return f"{key}@{UNDATED}"
    return f"{key}@{row.id[:12]}"


def name(key: str, row: EditionRow, siblings: Sequence[EditionRow]) -> str:
    """The reference of `row`, one of the report's editions `siblings`."""
    return names(key, siblings)[next(i for i, r in enumerate(siblings) if r.pk == row.pk)]


def names(key: str, rows: Sequence[EditionRow]) -> list[str]:
    """`name` of every row of one report, in one pass."""
    days: Counter[dt.date | None] = Counter(r.date for r in rows if r.date is not None or r.version is None)
    versions = Counter(r.version for r in rows if r.version is not None)
    return [_name_with(key, r, days, versions) for r in rows]
