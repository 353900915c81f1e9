"""A Markdown table too large to read in reasonable time is refused, before its cells are read, with one sentence
naming the limit; a table under the limit is read whole."""

from __future__ import annotations

import pytest

import editions
from editions.errors import InputError


def _table(rows: int, columns: int) -> bytes:
    lines = ["| " + " | ".join(f"Year {c}" for c in range(columns)) + " |", "|" + "---|" * columns]
    lines += ["| " + " | ".join(str(r * columns + c) for c in range(columns)) + " |" for r in range(rows)]
    return ("# Figures\n\nA report with one large table.\n\n" + "\n".join(lines) + "\n").encode()


def test_a_thousand_by_thousand_table_is_refused_naming_the_limit() -> None:
    with pytest.raises(InputError) as error:
        editions.read(_table(1000, 1000), name="big.md")
    assert str(error.value) == ("big.md holds a table of 1,001,000 cells, over the limit of 100,000 cells per table.")


def test_a_table_under_the_limit_is_read_whole() -> None:
    edition = editions.read(_table(40, 12), name="table.md")
    (table,) = [b for b in edition.blocks if b.kind is editions.BlockKind.TABLE]
    rows = edition.text[table.span.start : table.span.end].split("\n")
    assert len(rows) == 41
    assert rows[-1].split(" | ")[-1] == str(40 * 12 - 1)
