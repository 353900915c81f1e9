"""The reference grammar, read and written on rows alone: no database."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from editions.errors import InputWarning
from editions.library._db import NotFoundError
from editions.library.refs import EditionRow, Reference, name, names, ordered, parse, position


def row(pk: int, date: str | None, version: int | None = None, id: str | None = None) -> EditionRow:
    return EditionRow(
        pk=pk,
        id=id or f"{pk:02d}" + "ab" * 31,
        date=dt.date.fromisoformat(date) if date else None,
        version=version,
        title=None,
        product=None,
        sentences=10,
    )


# Five editions of one report, oldest first: two share a date (told apart by version), one states nothing.
ROWS = ordered(
    [
        row(5, None),
        row(1, "2022-07-21", 1),
        row(2, "2023-03-14", 2),
        row(3, "2024-06-02", 3),
        row(4, "2024-06-02", 4),
    ]
)


def test_parse_takes_a_reference_apart() -> None:
    assert parse("IF10199") == Reference("IF10199", None, 0)
    assert parse("  IF10199@2024-06-02 ") == Reference("IF10199", "2024-06-02", 0)
    assert parse("IF10199@v3~2") == Reference("IF10199", "v3", 2)
    assert parse("IF10199~1") == Reference("IF10199", None, 1)


@pytest.mark.parametrize("bad", ["", "   ", "@v3", "~1", "IF10199~x", "IF10199~1~2"])
def test_parse_refuses_what_is_not_a_reference(bad: str) -> None:
    with pytest.raises(NotFoundError, match=r"is not an edition reference; write e\.g\. IF10199"):
        parse(bad)


def test_an_id_prefix_needs_eight_hex_digits_and_no_at() -> None:
    assert parse("3FA2C1D0").id_prefix == "3fa2c1d0"
    assert parse("3fa2c1d").id_prefix is None  # seven digits: a report key, if anything
    assert parse("3fa2c1d0@v2").id_prefix is None
    assert parse("IF10199AB").id_prefix is None


def test_ordered_puts_undated_last() -> None:
    assert [r.pk for r in ROWS] == [1, 2, 3, 4, 5]


def test_names_by_date_else_version_else_undated() -> None:
    assert names("IF10199", ROWS) == [
        "IF10199@2022-07-21",
        "IF10199@2023-03-14",
        "IF10199@v3",
        "IF10199@v4",
        "IF10199@undated",
    ]
    assert name("IF10199", ROWS[1], ROWS) == "IF10199@2023-03-14"


def test_names_by_id_when_nothing_else_tells_editions_apart() -> None:
    twins = [row(1, "2024-06-02", id="aa" * 32), row(2, "2024-06-02", id="bb" * 32)]
    assert names("R1", twins) == ["R1@" + "aa" * 6, "R1@" + "bb" * 6]


def test_position_by_date_version_undated_and_id() -> None:
    assert position("IF10199", ROWS, "2023-03-14", "IF10199@2023-03-14") == 1
    assert position("IF10199", ROWS, "2024-06-02", "IF10199@2024-06-02") == 3  # the last of that date
    assert position("IF10199", ROWS, "V2", "IF10199@V2") == 1
    assert position("IF10199", ROWS, "UNDATED", "IF10199@UNDATED") == 4
    assert position("IF10199", ROWS, "03abab", "IF10199@03abab") == 2


def test_position_as_of_a_date_warns_which_edition_is_in_force() -> None:
    with pytest.warns(InputWarning, match=r"no edition dated 2024-01-01; IF10199@2023-03-14 is the edition in force"):
        assert position("IF10199", ROWS, "2024-01-01", "IF10199@2024-01-01") == 1


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("2021-01-01", "IF10199 has no edition dated 2021-01-01 or earlier; its editions: 2022-07-21,"),
        ("2024-02-30", "IF10199@2024-02-30: 2024-02-30 is not a date."),
        ("v9", "IF10199 has no edition with version 9."),
        ("abab", "has no edition 'abab'; use a date"),
        ("spring", "has no edition 'spring'; use a date (YYYY-MM-DD), vN or an edition id."),
    ],
)
def test_position_says_why_nothing_matches(at: str, message: str) -> None:
    with pytest.raises(NotFoundError, match=re.escape(message)):
        position("IF10199", ROWS, at, f"IF10199@{at}")


def test_position_refuses_an_ambiguous_id_prefix() -> None:
    twins = [row(1, "2024-06-02", id="abcdef1" + "0" * 57), row(2, "2024-06-03", id="abcdef2" + "0" * 57)]
    with pytest.raises(NotFoundError, match="names more than one edition of R1; give more digits"):
        position("R1", twins, "abcdef", "R1@abcdef")
    assert position("R1", twins, "ABCDEF2", "R1@ABCDEF2") == 1
