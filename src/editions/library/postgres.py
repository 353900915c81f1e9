"""The team backend: a PostgreSQL database (psycopg 3), full-text search on a `tsvector` column with a GIN index,
in a narrow table of its own (`passage_words`, kept by a trigger). Writers take one transaction-scoped advisory
lock, so concurrent `add`s queue instead of racing on new reports and passages; readers never wait.

Needs the `postgres` extra: `pip install 'editions[postgres]'`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from editions.library import schema
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
    retry_while_busy,
    tier_segments,
)

if TYPE_CHECKING:
    import psycopg

WRITE_LOCK = 0x0ED17105
"""The advisory lock every write transaction takes (any number, the same in every Editions process)."""
RANK_WINDOW = 2000
"""How many matching passages of a tier (the newest) a search orders by relevance; older ones follow, newest
first: ts_rank reads each match's tsvector, so an unspecific word matching much of a large library would
otherwise cost time in proportion. Every match keeps its place, so totals and pages stay exact."""
HEADLINE_OPTIONS = f"StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}, HighlightAll=true"
QUERY = f"websearch_to_tsquery('english'::regconfig, {schema.search_words('?')})"
"""The user's query as a tsquery, read with the same word separators as the indexed text."""


def redact(url: str) -> str:
    """The URL with any password replaced, for messages."""
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


def _restored(marked: str, text: str) -> str:
    """The headline `marked` (of `text` with its word separators made spaces, and the matches marked) with the
    text's own characters back; the marks stay where they are."""
    if len(marked) - marked.count(MARK_OPEN) - marked.count(MARK_CLOSE) != len(text):
        return marked  # not the whole text (ts_headline gives it whole with HighlightAll): keep what it gave
    chars = iter(text)
    return "".join(c if c in (MARK_OPEN, MARK_CLOSE) else next(chars) for c in marked)


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

    def joined_text(self, column: str) -> str:
        return f"string_agg({column}::text, ',')"

    def query_matching(self, sql: str, keys: Sequence[Any], before: Sequence[Any] = ()) -> Iterator[Row]:
        return iter(self.query(sql.format(match="= ANY(?)"), (*before, list(keys))))

    def _raw(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(_sql(sql), tuple(params))

    def write(self, work: Callable[[Database], T]) -> T:
        errors = self._psycopg.errors
        with self._lock:
            if self._in_write:
                return work(self)
            return retry_while_busy(
                lambda: self._transaction(lambda: work(self)),
                lambda exc: isinstance(exc, (errors.SerializationFailure, errors.DeadlockDetected,
                                             errors.LockNotAvailable)),
                f"the library at {self.location}",
            )  # fmt: skip

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
        # The narrow table alone when no filter needs the passage's own row (its role, dates, product).
        joined = " JOIN passages p ON p.pk = w.pk" if clauses else ""
        found_in = f"FROM passage_words w{joined}, {QUERY} q WHERE w.tsv @@ q {clauses}"
        tier_of = ("w.tier IS NULL", "w.tier = 1", "w.tier = 2")
        # One pass over the matches (each one's row is read to count it anyway): the count of each tier, the
        # reports, and each tier's newest RANK_WINDOW matches, which relevance then orders by their keys alone.
        counted = ", ".join(f"count(*) FILTER (WHERE {c})" for c in tier_of)
        windows = ", ".join(f"(array_agg(w.pk ORDER BY w.pk DESC) FILTER (WHERE {c}))[:{RANK_WINDOW}]" for c in tier_of)
        row = self.query(f"SELECT count(DISTINCT w.report_pk), {counted}, {windows} {found_in}", (query, *params))[0]
        reports, counts = int(row[0]), [int(n) for n in row[1:4]]
        window: list[list[int]] = [list(w or ()) for w in row[4:7]]
        total = sum(counts)
        if not total or offset >= total:
            return Found([], total, reports)
        ranked: list[tuple[int, float]] = []
        for tier, first, stop in tier_segments(counts, offset, limit):
            ranked_count = len(window[tier])
            if first < ranked_count:
                ranked += [
                    (int(pk), float(score))
                    for pk, score in self.query(
                        f"SELECT w.pk, ts_rank(w.tsv, q) AS score FROM passage_words w, {QUERY} q "
                        "WHERE w.pk = ANY(?) ORDER BY score DESC, w.pk DESC LIMIT ? OFFSET ?",
                        (query, window[tier], min(stop, ranked_count) - first, first),
                    )
                ]
            if stop > ranked_count:
                start = max(first, ranked_count)
                ranked += [
                    (int(pk), 0.0)
                    for (pk,) in self.query(
                        f"SELECT w.pk {found_in} AND {tier_of[tier]} AND w.pk < ? ORDER BY w.pk DESC LIMIT ? OFFSET ?",
                        (query, *params, window[tier][-1], stop - start, start - ranked_count),
                    )
                ]
        # Highlighting (ts_headline reads the text) only for the page returned.
        marks = ", ".join("?" * len(ranked))
        found = {
            int(pk): (int(report), _restored(str(marked), str(text)), role)
            for pk, report, marked, text, role in self.query(
                f"SELECT p.pk, p.report_pk, ts_headline('english'::regconfig, {schema.search_words('p.text')}, q, ?), "
                f"p.text, p.role FROM passages p, {QUERY} q WHERE p.pk IN ({marks})",
                (HEADLINE_OPTIONS, query, *(pk for pk, _ in ranked)),
            )
        }
        return Found([Match(pk, *found[pk][:2], -score, found[pk][2]) for pk, score in ranked], total, reports)

    def size_bytes(self) -> int:
        return int(self.query("SELECT pg_database_size(current_database())")[0][0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()
