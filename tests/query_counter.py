"""How many queries a piece of work sends to a library's database, for the tests that hold the library and the
web pages to "a few queries however many reports"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from editions.library import Library


def queries(library: Library, work: Callable[[], object]) -> int:
    """How many queries `work` sends to the library's database."""
    db = library._db
    sent = 0
    query = db.query

    def counted(*args: Any) -> Any:
        nonlocal sent
        sent += 1
        return query(*args)

    db.query = counted  # type: ignore[method-assign]
    try:
        work()
    finally:
        del db.query
    return sent
