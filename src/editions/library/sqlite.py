"""The embedded backend: one SQLite file, in WAL mode (readers never wait for a writer), with a busy timeout
and `BEGIN IMMEDIATE` write transactions (writers queue instead of failing), FTS5 for search.

One connection writes (its transactions one at a time, behind a lock); reads go through connections of their
own, taken from a small pool, so that a thread reading never waits for another thread's write transaction (a
web server's pages stay quick while an upload is stored). A read made inside a write transaction, by the thread
writing, goes through the writing connection and so sees what the transaction has written."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from editions.library._db import (
    REPORTS_COUNTED,
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

BUSY_TIMEOUT_MS = 30_000
"""How long one statement waits for another process's write before SQLite reports the library busy."""
RANK_WINDOW = 2000
"""How many matching passages of a tier (the newest) a search orders by relevance; older ones follow, newest
first: BM25 is computed for each match it orders, so an unspecific word matching much of a large library would
otherwise cost time in proportion. Every match keeps its place, so totals and pages stay exact."""
CACHE_KIB = 65_536
"""Page cache per connection, in KiB (SQLite's default is 2 MB; one search of a large library reads more)."""
LARGE_WRITE_ROWS = 20_000
"""A write transaction changing at least this many rows (a large edition) gives back its connection's page
cache after it commits: the pages it filled serve no read (reads have connections of their own)."""
IDLE_READERS = 4
"""Reading connections kept open between reads; more are opened while more threads read at once."""


def _locked(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


class SqliteDatabase(Database):
    dialect = "sqlite"

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        if self.path.is_dir():
            raise LibraryError(f"{self.location} is a directory; give the library's file name (e.g. editions.db).")
        if not self.path.parent.is_dir():
            raise LibraryError(f"cannot create the library {self.location}: folder {self.path.parent} does not exist.")
        self._lock = threading.RLock()
        self._in_write = False
        self._writer: int | None = None
        """The thread in a write transaction, whose reads go through the writing connection."""
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        conn: sqlite3.Connection | None = None
        try:
            conn = self._connect()
            conn.execute("PRAGMA journal_mode = WAL").fetchall()
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            if isinstance(exc, sqlite3.OperationalError) and _locked(exc):
                raise LibraryError(f"the library {self.location} stayed busy too long; try again.") from None
            raise LibraryError(
                f"{self.location} is not an Editions library (not a SQLite database: {exc}); "
                "give another file name, or a postgresql:// URL."
            ) from None
        self._conn = conn

    def _connect(self, *, read_only: bool = False) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                self.location, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise LibraryError(f"cannot open the library {self.location}: {exc}.") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            if read_only:
                conn.execute("PRAGMA query_only = ON")
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    # --- Statements -------------------------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        if self._writer == threading.get_ident():
            return self._conn.execute(sql, tuple(params)).fetchall()
        with self._readers_lock:
            reader = self._readers.pop() if self._readers else None
        if reader is None:
            try:
                reader = self._connect(read_only=True)
            except sqlite3.Error as exc:
                raise LibraryError(f"cannot read the library {self.location}: {exc}.") from None
        try:
            return reader.execute(sql, tuple(params)).fetchall()
        finally:
            with self._readers_lock:
                keep = len(self._readers) < IDLE_READERS
                if keep:
                    self._readers.append(reader)
            if not keep:
                reader.close()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._conn.executemany(sql, (tuple(r) for r in rows))

    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        marks = ", ".join("?" * len(columns))
        self._conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def insert_returning(self, sql: str, params: Sequence[Any]) -> int | None:
        row = self._conn.execute(sql, tuple(params)).fetchone()
        return None if row is None else int(row[0])

    def joined_text(self, column: str) -> str:
        return f"group_concat({column})"

    def _raw(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(sql, tuple(params))

    # --- Transactions -----------------------------------------------------------------------------------------

    def write(self, work: Callable[[Database], T]) -> T:
        with self._lock:
            if self._in_write:
                return work(self)
            return retry_while_busy(
                lambda: self._transaction(lambda: work(self)),
                lambda exc: isinstance(exc, sqlite3.OperationalError) and _locked(exc),
                f"the library {self.location}",
            )

    def _transaction(self, work: Callable[[], T]) -> T:
        self._conn.execute("BEGIN IMMEDIATE")
        self._in_write = True
        self._writer = threading.get_ident()
        changes = self._conn.total_changes
        try:
            result = work()
            self._conn.execute("COMMIT")
            if self._conn.total_changes - changes >= LARGE_WRITE_ROWS:
                self._conn.execute("PRAGMA shrink_memory")
            return result
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        finally:
            self._in_write = False
            self._writer = None

    def _migrate_locked(self, work: Callable[[], None]) -> None:
        with self._lock:
            self._transaction(work)

    def _table_names(self) -> set[str]:
        return {r[0] for r in self.query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}

    # --- Search -----------------------------------------------------------------------------------------------

    def search(self, query: str, where: SearchFilter, limit: int, offset: int = 0) -> Found:
        clauses, params = filter_sql(where)
        text = f"text : ({query})"  # the passage's words, not its tier
        aside: set[int] = set()  # without a filter: the matches outside the prose, which the prose tier skips
        try:
            if clauses:
                joined = "JOIN passages p ON p.pk = passages_fts.rowid"
                total, reports, *others = self.query(
                    "SELECT count(*), count(DISTINCT p.report_pk), count(*) FILTER (WHERE p.tier = 1), "
                    f"count(*) FILTER (WHERE p.tier = 2) FROM passages_fts {joined} "
                    f"WHERE passages_fts MATCH ? {clauses}",
                    (text, *params),
                )[0]
                tiers = [(text, f"AND p.tier IS NULL {clauses}"), (text, f"AND p.tier = 1 {clauses}")]
                tiers.append((text, f"AND p.tier = 2 {clauses}"))
            else:
                # Counted from the index alone: the tiers other than prose are marked in it, and few.
                joined, reports, params = "", None, []
                total = self._count(text)
                tier_of = {
                    int(pk): int(tier)
                    for pk, tier in self.query(
                        "SELECT pk, tier FROM passages WHERE pk IN "
                        "(SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?)",
                        (f"{text} AND (tier : 1 OR tier : 2)",),
                    )
                }
                others, aside = [sum(1 for t in tier_of.values() if t == k) for k in (1, 2)], set(tier_of)
                if total <= REPORTS_COUNTED:
                    # From the index of (pk, report_pk): a few keys per page, where a row holds the whole text.
                    reports = self.query(
                        "SELECT count(DISTINCT p.report_pk) FROM passages_fts "
                        "JOIN passages p INDEXED BY passages_report_of ON p.pk = passages_fts.rowid "
                        "WHERE passages_fts MATCH ?",
                        (text,),
                    )[0][0]
                tiers = [(text, ""), (f"{text} AND tier : 1", ""), (f"{text} AND tier : 2", "")]
            counts = [int(total) - sum(others), *(int(n) for n in others)]
            if not total or offset >= total:
                return Found([], int(total), reports)
            ranked: list[tuple[int, float]] = []
            for tier, first, stop in tier_segments(counts, offset, limit):
                match, condition = tiers[tier]
                where_sql = f"FROM passages_fts {joined} WHERE passages_fts MATCH ? {condition}"
                skipped = aside if tier == 0 else set()
                ranked += self._tier_page(match, where_sql, params, skipped, counts[tier], first, stop)
            if not ranked:
                return Found([], int(total), reports)
            # Highlighting (and reading the text) only for the passages returned.
            marks = ", ".join("?" * len(ranked))
            found = {
                int(pk): (int(report), str(marked), role)
                for pk, report, marked, role in self.query(
                    "SELECT p.pk, p.report_pk, highlight(passages_fts, 0, char(2), char(3)), p.role "
                    "FROM passages_fts JOIN passages p ON p.pk = passages_fts.rowid "
                    f"WHERE passages_fts MATCH ? AND passages_fts.rowid IN ({marks})",
                    (text, *(r[0] for r in ranked)),
                )
            }
        except sqlite3.OperationalError as exc:
            if "fts5" in str(exc).lower() or "syntax" in str(exc).lower():
                return Found([], 0, 0)
            raise
        return Found(
            [Match(pk, *found[pk][:2], score, found[pk][2]) for pk, score in ranked],
            int(total),
            None if reports is None else int(reports),
        )

    def _count(self, match: str) -> int:
        return int(self.query("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?", (match,))[0][0])

    def _tier_page(
        self,
        match: str,
        where_sql: str,
        params: Sequence[Any],
        skipped: set[int],
        count: int,
        first: int,
        stop: int,
    ) -> list[tuple[int, float]]:
        """(passage pk, score) of positions `first` to `stop` among one tier's `count` matches (`where_sql`:
        FROM … WHERE passages_fts MATCH ? …, then `params`; less the passages `skipped`, which belong to other
        tiers): its newest `RANK_WINDOW` by relevance, then the older ones, newest first."""

        def kept(rows: list[Row], upto: int) -> list[tuple[int, float]]:
            return [(int(r[0]), float(r[1])) for r in rows if int(r[0]) not in skipped][:upto]

        edge = 0
        if count > RANK_WINDOW:
            # The RANK_WINDOW-th newest match not skipped: step past the skipped ones newer than the edge found.
            newer_skipped = -1
            while True:
                edge = self.query(
                    f"SELECT passages_fts.rowid {where_sql} ORDER BY passages_fts.rowid DESC LIMIT 1 OFFSET ?",
                    (match, *params, RANK_WINDOW - 1 + max(newer_skipped, 0)),
                )[0][0]
                if (found := sum(1 for pk in skipped if pk >= edge)) == newer_skipped or not skipped:
                    break
                newer_skipped = found
        ranked_count = min(count, RANK_WINDOW)
        out: list[tuple[int, float]] = []
        if first < ranked_count:
            upto = min(stop, ranked_count)
            rows = self.query(
                f"SELECT passages_fts.rowid, bm25(passages_fts, 1.0, 0.0) AS score {where_sql} "
                "AND passages_fts.rowid >= ? ORDER BY score, passages_fts.rowid DESC LIMIT ?",
                (match, *params, edge, upto + len(skipped)),
            )
            out += kept(rows, upto)[first:]
        if stop > ranked_count:
            start, upto = max(first, ranked_count) - ranked_count, stop - ranked_count
            rows = self.query(
                f"SELECT passages_fts.rowid, 0 {where_sql} AND passages_fts.rowid < ? "
                "ORDER BY passages_fts.rowid DESC LIMIT ?",
                (match, *params, edge, upto + len(skipped)),
            )
            out += kept(rows, upto)[start:]
        return out

    def size_bytes(self) -> int:
        total = 0
        for suffix in ("", "-wal"):
            p = Path(self.location + suffix)
            if p.exists():
                total += p.stat().st_size
        return total

    def close(self) -> None:
        with self._lock:
            self._conn.close()
        with self._readers_lock:
            for reader in self._readers:
                reader.close()
            self._readers.clear()
