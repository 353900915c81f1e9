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
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from editions.library._db import (
    Database,
    LibraryError,
    Match,
    Row,
    SearchFilter,
    T,
    filter_sql,
)

BUSY_TIMEOUT_MS = 30_000
"""How long one statement waits for another process's write before SQLite reports the library busy."""
WRITE_DEADLINE_S = 120.0
"""How long a write keeps retrying a busy library before giving up with a clear error."""
RANK_WINDOW = 2000
"""How many matching passages (the newest) one search ranks at most."""
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

    def _raw(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(sql, tuple(params))

    # --- Transactions -----------------------------------------------------------------------------------------

    def write(self, work: Callable[[Database], T]) -> T:
        with self._lock:
            if self._in_write:
                return work(self)
            deadline = time.monotonic() + WRITE_DEADLINE_S
            delay = 0.01
            while True:
                try:
                    return self._transaction(lambda: work(self))
                except sqlite3.OperationalError as exc:
                    if not _locked(exc) or time.monotonic() > deadline:
                        if _locked(exc):
                            raise LibraryError(
                                f"the library {self.location} stayed busy for {WRITE_DEADLINE_S:.0f} s; try again."
                            ) from None
                        raise
                    time.sleep(delay)
                    delay = min(delay * 2, 0.5)

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

    def search(self, query: str, where: SearchFilter, limit: int) -> list[Match]:
        clauses, params = filter_sql(where)
        if clauses:
            sql = (
                "SELECT p.pk, passages_fts.rank FROM passages_fts JOIN passages p ON p.pk = passages_fts.rowid "
                f"WHERE passages_fts MATCH ? {clauses} ORDER BY passages_fts.rank LIMIT ?"
            )
        else:
            # Ranked among the newest RANK_WINDOW matching passages: BM25 is computed for every match it ranks,
            # so an unspecific word matching much of a large library would otherwise cost time in proportion.
            sql = "SELECT rowid, rank FROM passages_fts WHERE passages_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ?"
        try:
            if not clauses:
                edge = self.query(
                    "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                    (query, RANK_WINDOW - 1),
                )
                params = [edge[0][0] if edge else 0]
            ranked = self.query(sql, (query, *params, limit))
            if not ranked:
                return []
            # Highlighting (and reading the text) only for the passages returned.
            marks = ", ".join("?" * len(ranked))
            found = {
                int(pk): (int(report), str(marked))
                for pk, report, marked in self.query(
                    "SELECT p.pk, p.report_pk, highlight(passages_fts, 0, char(2), char(3)) "
                    "FROM passages_fts JOIN passages p ON p.pk = passages_fts.rowid "
                    f"WHERE passages_fts MATCH ? AND passages_fts.rowid IN ({marks})",
                    (query, *(r[0] for r in ranked)),
                )
            }
        except sqlite3.OperationalError as exc:
            if "fts5" in str(exc).lower() or "syntax" in str(exc).lower():
                return []
            raise
        return [Match(int(pk), *found[int(pk)], float(score)) for pk, score in ranked if int(pk) in found]

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
