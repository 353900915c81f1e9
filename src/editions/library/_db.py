"""What the library needs from a database, and what SQLite and PostgreSQL share.

SQL is written once, with `?` placeholders (PostgreSQL's driver gets them as `%s`); what differs between the
two (connecting, locking, full-text search, sizes) lives in `sqlite.py` and `postgres.py`.
"""

from __future__ import annotations

import datetime as dt
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from editions.errors import EditionsError
from editions.library import schema

T = TypeVar("T")
Row = tuple[Any, ...]


class LibraryError(EditionsError):
    """The library cannot be opened or used: not a library, newer schema, unreachable server, busy too long."""


class NotFoundError(LibraryError):
    """A report or edition reference names nothing in the library."""


@dataclass(frozen=True, slots=True)
class Match:
    """One passage found by full-text search: the text with each match between \\x02 and \\x03."""

    passage: int
    report: int
    marked: str
    score: float
    role: str | None
    """The passage's role (`model.Role` value); None in a library made before roles were stored."""


@dataclass(frozen=True, slots=True)
class Found:
    """One page of a search: its matches, best first, and how many passages (and reports) match in all."""

    matches: list[Match]
    total: int
    reports: int | None
    """None when there are more than `REPORTS_COUNTED` matches."""


ARGUMENT_ROLES = ("body", "table")
"""The roles of the report's argument (`model.Role.is_argument`), ranked first; a passage without a role (a
library made before roles were stored) counts as argument."""


@dataclass(frozen=True, slots=True)
class SearchFilter:
    report: int | None = None
    product: str | None = None
    since: str | None = None
    until: str | None = None
    roles: tuple[str, ...] | None = None
    """Only passages of these roles (None: every role)."""


MARK_OPEN = "\x02"
MARK_CLOSE = "\x03"


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


KEYS_PER_LIST = 500
"""Keys per `IN (…)` list: SQLite allows 999 parameters in a statement (before 3.32)."""
WRITE_DEADLINE_S = 120.0
"""How long a write keeps retrying a busy library before giving up with a clear error."""


def retry_while_busy(transaction: Callable[[], T], busy: Callable[[Exception], bool], library: str) -> T:
    """Run `transaction` until it is not refused as `busy` (another writer holds the library: SQLite's lock,
    PostgreSQL's serialization failures), waiting longer each time, for `WRITE_DEADLINE_S` at most; then a
    `LibraryError` naming `library` ("the library at …"). The backends' one retry loop."""
    deadline = time.monotonic() + WRITE_DEADLINE_S
    delay = 0.01
    while True:
        try:
            return transaction()
        except Exception as exc:
            if not busy(exc):
                raise
            if time.monotonic() > deadline:
                raise LibraryError(f"{library} stayed busy for {WRITE_DEADLINE_S:.0f} s; try again.") from None
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


class Database(ABC):
    """One connection to a library database. Thread-safe for use by one process; several processes may open
    the same library at once."""

    dialect: str
    location: str

    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    @abstractmethod
    def write(self, work: Callable[[Database], T]) -> T:
        """Run `work` in one write transaction: all of it is stored, or (on any exception) none of it.
        Concurrent writers wait for each other; a transient conflict is retried."""

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Inside `write` only."""

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Inside `write` only."""

    @abstractmethod
    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert many rows at once (PostgreSQL: COPY). Inside `write` only."""

    @abstractmethod
    def insert_returning(self, sql: str, params: Sequence[Any]) -> int | None:
        """Run an INSERT … RETURNING pk; None when ON CONFLICT DO NOTHING skipped the row. Inside `write` only."""

    @abstractmethod
    def joined_text(self, column: str) -> str:
        """SQL for the values of `column` in a group joined into one text, comma-separated (an aggregate)."""

    def query_matching(self, sql: str, keys: Sequence[Any], before: Sequence[Any] = ()) -> Iterator[Row]:
        """The rows of `sql` in which a column matches any of `keys`: `{match}` in `sql` follows that column
        (`hash {match}`), `before` are the parameters ahead of it. Here `IN` lists, `KEYS_PER_LIST` keys at a
        time; a backend with arrays sends them all at once."""
        for i in range(0, len(keys), KEYS_PER_LIST):
            chunk = keys[i : i + KEYS_PER_LIST]
            yield from self.query(sql.format(match=f"IN ({', '.join('?' * len(chunk))})"), (*before, *chunk))

    @abstractmethod
    def search(self, query: str, where: SearchFilter, limit: int, offset: int = 0) -> Found:
        """The matches ranked `offset` to `offset + limit`: prose, then table rows and fragments, then captions,
        notes, sources and references (`SEARCH_TIERS`); within each the newest `RANK_WINDOW` (the backend's) by
        relevance, then the older ones newest first; and the total count."""

    @abstractmethod
    def size_bytes(self) -> int: ...

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def _table_names(self) -> set[str]:
        """The tables (and views) of the database, whoever made them."""

    def _schema_state(self) -> tuple[bool, bool, int]:
        """(has any table, is an Editions library, schema version applied)."""
        tables = self._table_names()
        is_library = False
        if "library_info" in tables:
            rows = self.query("SELECT value FROM library_info WHERE key = 'application'")
            is_library = bool(rows) and rows[0][0] == schema.APPLICATION
        version = 0
        if "schema_version" in tables:
            version = int(self.query("SELECT coalesce(max(version), 0) FROM schema_version")[0][0])
        return bool(tables - {"schema_version"}), is_library, version

    @abstractmethod
    def _migrate_locked(self, work: Callable[[], None]) -> None:
        """Run `work` in a transaction that excludes every other migrating or writing connection."""

    def migrate(self, target: int | None = None) -> None:
        """Bring the schema up to `target` (default: the latest), or refuse a database that is not a library."""
        target = schema.LATEST if target is None else target
        _has_tables, is_library, version = self._schema_state()
        if is_library and target <= version <= schema.LATEST:
            return  # the common case: opening an up-to-date library takes no write lock

        def run() -> None:
            has_tables, is_library, version = self._schema_state()
            if has_tables and not is_library:
                raise LibraryError(
                    f"{self.location} is a database, but not an Editions library (it has other tables); "
                    "give a new file name or an empty database."
                )
            if version > schema.LATEST:
                raise LibraryError(
                    f"{self.location} was made by a newer Editions (library schema {version}, this one knows up to "
                    f"{schema.LATEST}); upgrade Editions to open it."
                )
            self._raw(schema.VERSION_TABLE[self.dialect])
            for migration in schema.MIGRATIONS:
                if version < migration.version <= target:
                    statements = migration.sqlite if self.dialect == "sqlite" else migration.postgres
                    for statement in statements:
                        self._raw(statement)
                    self._raw(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                        (migration.version, migration.description, now()),
                    )

        self._migrate_locked(run)

    @abstractmethod
    def _raw(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    def schema_version(self) -> int:
        return self._schema_state()[2]


def filter_sql(where: SearchFilter) -> tuple[str, list[Any]]:
    """SQL conditions on passages `p` for a search's filters, with their parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if where.report is not None:
        clauses.append("AND p.report_pk = ?")
        params.append(where.report)
    if where.product is not None:
        clauses.append("AND p.report_pk IN (SELECT pk FROM reports WHERE lower(product) = lower(?))")
        params.append(where.product)
    if where.roles is not None:
        marks = ", ".join("?" * len(where.roles))
        if set(ARGUMENT_ROLES) <= set(where.roles):
            clauses.append(f"AND (p.role IS NULL OR p.role IN ({marks}))")
        else:
            clauses.append(f"AND p.role IN ({marks})")
        params += list(where.roles)
    if where.since is not None or where.until is not None:
        clauses.append(
            "AND EXISTS (SELECT 1 FROM sentences s JOIN editions e ON e.pk = s.edition_pk "
            "WHERE s.passage_pk = p.pk AND e.date >= ? AND e.date <= ?)"
        )
        params += [where.since or "0000", where.until or "9999"]
    return " ".join(clauses), params


SEARCH_TIERS = 3
"""Search ranks the report's prose first, then table rows and fragments, then captions, notes, sources and
references (`schema.SEARCH_TIER`: NULL, 1, 2)."""

REPORTS_COUNTED = 10_000
"""Up to how many matches a search on SQLite also counts the reports they are in (PostgreSQL always does): that
count reads an index entry per match, which for an unspecific word in a large library costs more than the rest
of the search. Past it the results say how many sentences, and that their reports were not counted."""


def tier_segments(counts: Sequence[int], offset: int, limit: int) -> list[tuple[int, int, int]]:
    """(tier, first, stop): the positions within each tier (of `counts` matches each, in tier order) that the
    search's hits `offset` to `offset + limit` are."""
    out: list[tuple[int, int, int]] = []
    start = 0
    for tier, n in enumerate(counts):
        first, stop = max(offset - start, 0), min(offset + limit - start, n)
        if first < stop:
            out.append((tier, first, stop))
        start += n
    return out
