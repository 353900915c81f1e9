"""The team backend: a PostgreSQL database (psycopg 3), full-text search on a generated `tsvector` column with
a GIN index. Writers take one transaction-scoped advisory lock, so concurrent `add`s queue instead of
racing on new reports and passages; readers never wait.

Needs the `postgres` extra: `pip install 'editions[postgres]'`.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from editions.library._db import (
    MARK_CLOSE,
    MARK_OPEN,
    Database,
    Found,
    LibraryError,
    Match,
    Row,
    SearchFilter,
    T,
    filter_sql,
    tier_sql,
)

if TYPE_CHECKING:
    import psycopg

WRITE_LOCK = 0x0ED17105
"""The advisory lock every write transaction takes (any number, the same in every Editions process)."""
WRITE_DEADLINE_S = 120.0
RANK_WINDOW = 2000
"""How many matching passages (the newest) an unfiltered search orders by relevance; the rest follow by age."""
HEADLINE_OPTIONS = f"StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}, HighlightAll=true"


def redact(url: str) -> str:
    """The URL with any password replaced, for messages."""
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


def _sql(sql: str) -> str:
    return sql.replace("?", "%s")


class PostgresDatabase(Database):
    dialect = "postgres"

    def __init__(self, url: str) -> None:
        self.location = redact(url)
        try:
            import psycopg
        except ImportError:
            raise LibraryError(
                "a PostgreSQL library needs psycopg; install it with: pip install 'editions[postgres]'."
            ) from None
        self._psycopg = psycopg
        self._lock = threading.RLock()
        self._in_write = False
        try:
            self._conn: psycopg.Connection[Any] = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            message = " ".join(str(exc).split())
            raise LibraryError(f"cannot open the library at {self.location}: {message}.") from None
        self._conn.execute("SET client_min_messages = warning")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self._lock:
            return self._conn.execute(_sql(sql), tuple(params)).fetchall()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(_sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(_sql(sql), [tuple(r) for r in rows])

    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        with self._conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def insert_returning(self, sql: str, params: Sequence[Any]) -> int | None:
        row = self._conn.execute(_sql(sql), tuple(params)).fetchone()
        return None if row is None else int(row[0])

    def _raw(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(_sql(sql), tuple(params))

    def write(self, work: Callable[[Database], T]) -> T:
        errors = self._psycopg.errors
        with self._lock:
            if self._in_write:
                return work(self)
            deadline = time.monotonic() + WRITE_DEADLINE_S
            delay = 0.01
            while True:
                try:
                    return self._transaction(lambda: work(self))
                except (errors.SerializationFailure, errors.DeadlockDetected, errors.LockNotAvailable):
                    if time.monotonic() > deadline:
                        raise LibraryError(
                            f"the library at {self.location} stayed busy for {WRITE_DEADLINE_S:.0f} s; try again."
                        ) from None
                    time.sleep(delay)
                    delay = min(delay * 2, 0.5)

    def _transaction(self, work: Callable[[], T]) -> T:
        with self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            self._in_write = True
            try:
                return work()
            finally:
                self._in_write = False

    def _migrate_locked(self, work: Callable[[], None]) -> None:
        with self._lock:
            self._transaction(work)

    def _table_names(self) -> set[str]:
        rows = self.query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
        return {r[0] for r in rows}

    def search(self, query: str, where: SearchFilter, limit: int, offset: int = 0) -> Found:
        clauses, params = filter_sql(where)
        found_in = f"FROM passages p, websearch_to_tsquery('english'::regconfig, ?) q WHERE p.tsv @@ q {clauses}"
        total, reports = self.query(f"SELECT count(*), count(DISTINCT p.report_pk) {found_in}", (query, *params))[0]
        if not total or offset >= total:
            return Found([], int(total), int(reports))
        # Without a filter, relevance orders the newest RANK_WINDOW matches and older ones follow newest first
        # (within each tier): ts_rank reads each match's tsvector, so an unspecific word matching much of a large
        # library would otherwise cost time in proportion. Every match still has its place.
        edge = 0
        if not clauses and total > RANK_WINDOW:
            edge = int(
                self.query(
                    f"SELECT p.pk {found_in} ORDER BY p.pk DESC LIMIT 1 OFFSET ?", (query, *params, RANK_WINDOW - 1)
                )[0][0]
            )
        # Highlighting (ts_headline reads the text) only for the page returned.
        sql = (
            "SELECT pk, report_pk, ts_headline('english'::regconfig, text, q, ?), score, role FROM ("
            f"  SELECT p.pk, p.report_pk, p.text, p.role, q, {tier_sql()} AS tier, p.pk < ? AS older,"
            "   CASE WHEN p.pk >= ? THEN ts_rank(p.tsv, q) ELSE 0 END AS score"
            f"  {found_in} ORDER BY tier, older, score DESC, p.pk DESC LIMIT ? OFFSET ?"
            ") AS found ORDER BY tier, older, score DESC, pk DESC"
        )
        rows = self.query(sql, (HEADLINE_OPTIONS, edge, edge, query, *params, limit, offset))
        return Found(
            [Match(int(r[0]), int(r[1]), str(r[2]), -float(r[3]), r[4]) for r in rows], int(total), int(reports)
        )

    def size_bytes(self) -> int:
        return int(self.query("SELECT pg_database_size(current_database())")[0][0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()
