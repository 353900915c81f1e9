"""The watch list and change notices: what a reader follows, and what changed when a report got a new edition.

A *notice* is recorded once per pair of consecutive editions (`Library.record_notice`): the report, the old and
new edition (id, reference, date, version, as they were then), when it was recorded, and the brief's headline
lines — the figure changes first, each "old → new" with its sentence, as the compare stage wrote them (the lines
are the brief's own items; nothing here re-decides what changed). Feeds and alerts show those lines as they are.

A notice's *deliveries* record each alert sent for it, per target: a target is a hash of its URL (the URL itself
may hold a token or a password) with the URL's private parts hidden as its label. A failed delivery is kept with
its error and tried again by the next `deliver_pending`; it is never dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from editions.library._db import Database, LibraryError, now
from editions.model import BriefItem, Comparison

MAX_HEADLINE = 7
"""At most this many lines in a notice (the brief's headline is at most that long)."""
FALLBACK_LINES = 3
"""When the brief has no headline (nothing substantive changed), this many of its first items stand for it."""
NOTICE_NAMESPACE = uuid.UUID("9d0a6f3e-55c1-4c53-9d8e-6a1f0c2b7e41")
"""The namespace of notices' UUIDs (RFC 4122 version 5): a notice's id is the same in every feed that lists it."""
REPORT_NUMBER = re.compile(r"^[A-Z]{1,4}\d{1,6}$")
"""A CRS report number (IF10199, R45122, RL33436, LSB10855, IN12345), as one may watch before fetching it."""
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,119}$")


@dataclass(frozen=True, slots=True)
class HeadlineLine:
    """One line of a notice: a brief item's kind and text, and the sentences it cites in each edition."""

    kind: str
    """The brief item's kind: figure, section, list, new, dropped, reworded, moved, notes, cosmetic, unchanged."""
    text: str
    old: tuple[int, ...] = ()
    new: tuple[int, ...] = ()

    @property
    def line(self) -> str:
        """The line as alerts and feeds print it: "figure — Security Cooperation: “2,100” → “2,500” — …"."""
        return f"{self.kind} — {self.text}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "old": list(self.old), "new": list(self.new)}


@dataclass(frozen=True, slots=True)
class NoticeEdition:
    """An edition as a notice names it: as it was when the notice was recorded."""

    id: str
    ref: str
    date: dt.date | None
    version: int | None

    @property
    def label(self) -> str:
        """ "v49, 2026-10-01", "2026-10-01", "v49", or the reference when neither is known."""
        parts = [f"v{self.version}" if self.version is not None else "", self.date.isoformat() if self.date else ""]
        return ", ".join(p for p in parts if p) or self.ref

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ref": self.ref,
            "date": None if self.date is None else self.date.isoformat(),
            "version": self.version,
        }


@dataclass(frozen=True, slots=True)
class Notice:
    """A report's new edition, compared with the one before it."""

    id: int
    """The library's serial number of the notice."""
    report: str
    report_title: str | None
    old: NoticeEdition
    new: NoticeEdition
    created_at: dt.datetime
    """When the notice was recorded (UTC)."""
    headline: tuple[HeadlineLine, ...]
    """The brief's headline, figure changes first; its first items when it has no headline."""
    figures: int
    """How many figure changes of the report's argument the brief shows (all of them, not only the headline's)."""
    changed: float | None
    """Share of sentences changed (`Comparison.stats['sentences_changed']`), when the comparison counted it."""

    @property
    def title(self) -> str:
        """ "IF10199 updated: v49, 2026-10-01"."""
        return f"{self.report} updated: {self.new.label}"

    @property
    def compare_path(self) -> str:
        """The web app's page comparing the two editions (relative to the server's address)."""
        return f"/compare/{quote(self.old.ref, safe='@~')}/{quote(self.new.ref, safe='@~')}"

    @property
    def uuid(self) -> uuid.UUID:
        """A stable id of the notice (from its two editions' ids): the same in every feed, on every server."""
        return uuid.uuid5(NOTICE_NAMESPACE, f"{self.old.id}:{self.new.id}")

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(h.line for h in self.headline)

    def text(self, base_url: str | None = None) -> str:
        """The notice as an alert's body: the headline lines, then where to see the whole comparison (the web
        page under `base_url`, else the command that prints it)."""
        body = [f"- {line}" for line in self.lines] or ["- no change in content"]
        if base_url:
            body.append(f"Compare: {base_url.rstrip('/')}{self.compare_path}")
        else:
            body.append(f"Compare: editions diff {self.old.ref} {self.new.ref}")
        return "\n".join(body)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": str(self.uuid),
            "report": self.report,
            "report_title": self.report_title,
            "title": self.title,
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "created_at": self.created_at.isoformat(),
            "figures": self.figures,
            "changed": self.changed,
            "headline": [h.to_dict() for h in self.headline],
            "compare": self.compare_path,
        }


@dataclass(frozen=True, slots=True)
class Watch:
    """A report on the watch list."""

    report: str
    added_at: dt.datetime
    title: str | None
    """The report's title, when it is in the library."""
    editions: int
    """How many editions of it the library holds (0: watched before it was fetched)."""
    latest: dt.date | None


@dataclass(frozen=True, slots=True)
class Target:
    """Where alerts go, as the library keeps it: a hash of the URL and the URL with its secrets hidden."""

    key: str
    label: str

    @staticmethod
    def of(url: str, label: str) -> Target:
        return Target(hashlib.sha256(url.encode("utf-8")).hexdigest(), label)


# --- Headline lines ------------------------------------------------------------------------------------------


def headline_of(comparison: Comparison) -> tuple[HeadlineLine, ...]:
    """The brief's headline items as lines, figure changes first (each group in the brief's own order); when the
    brief has no headline, its first `FALLBACK_LINES` items ("No change in content", notes renumbered …)."""
    items: Sequence[BriefItem] = [b for b in comparison.brief if b.headline]
    if not items:
        items = comparison.brief[:FALLBACK_LINES]
    ordered = sorted(items, key=lambda b: not b.fact_changes)[:MAX_HEADLINE]
    return tuple(HeadlineLine(b.kind, b.text, b.citations.old, b.citations.new) for b in ordered)


def figure_count(comparison: Comparison) -> int:
    """How many figure changes the brief shows: every fact change of the argument, each shown by one item."""
    return len({i for b in comparison.brief for i in b.fact_changes})


# --- Storage -------------------------------------------------------------------------------------------------

_NOTICE_SELECT = (
    "SELECT pk, report, title, old_id, old_ref, old_date, old_version, new_id, new_ref, new_date, new_version, "
    "created_at, figures, changed, headline FROM notices"
)


def _date(text: object) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(str(text)[:10])


def _notice(row: Sequence[Any]) -> Notice:
    (pk, report, title, old_id, old_ref, old_date, old_version, new_id, new_ref, new_date, new_version) = row[:11]
    created_at, figures, changed, headline = row[11:]
    return Notice(
        id=int(pk),
        report=str(report),
        report_title=title,
        old=NoticeEdition(str(old_id), str(old_ref), _date(old_date), old_version),
        new=NoticeEdition(str(new_id), str(new_ref), _date(new_date), new_version),
        created_at=dt.datetime.fromisoformat(str(created_at)),
        headline=tuple(
            HeadlineLine(str(h["kind"]), str(h["text"]), tuple(h["old"]), tuple(h["new"]))
            for h in json.loads(str(headline))
        ),
        figures=int(figures),
        changed=None if changed is None else float(changed),
    )


def find(db: Database, old_id: str, new_id: str) -> Notice | None:
    rows = db.query(f"{_NOTICE_SELECT} WHERE old_id = ? AND new_id = ?", (old_id, new_id))
    return _notice(rows[0]) if rows else None


def store(
    db: Database,
    report: str,
    title: str | None,
    old: NoticeEdition,
    new: NoticeEdition,
    comparison: Comparison,
) -> Notice:
    """Keep the notice of `old` → `new` (inside a write transaction); the one kept already when the pair has
    one (two processes recording the same pair keep one notice)."""
    changed = comparison.stats.get("sentences_changed")
    headline = json.dumps([h.to_dict() for h in headline_of(comparison)], ensure_ascii=False)
    db.insert_returning(
        "INSERT INTO notices (report, title, old_id, old_ref, old_date, old_version, new_id, new_ref, new_date, "
        "new_version, created_at, figures, changed, headline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING RETURNING pk",
        (
            report,
            title,
            old.id,
            old.ref,
            None if old.date is None else old.date.isoformat(),
            old.version,
            new.id,
            new.ref,
            None if new.date is None else new.date.isoformat(),
            new.version,
            now(),
            figure_count(comparison),
            None if changed is None else float(changed),
            headline,
        ),
    )
    found = find(db, old.id, new.id)
    assert found is not None
    return found


def since_bound(since: dt.date | dt.datetime | str | None) -> str | None:
    """`since` as the text `created_at` is compared with: a datetime as ISO 8601 in UTC, a date or a date's text
    (YYYY, YYYY-MM, YYYY-MM-DD) as the start of that day."""
    if since is None or since == "":
        return None
    if isinstance(since, dt.datetime):
        moment = since if since.tzinfo else since.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC).isoformat(timespec="seconds")
    if isinstance(since, dt.date):
        return since.isoformat()
    text = since.strip()
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        padded = (text + "-01-01")[:10] if len(text) < 10 else text
        try:
            return dt.date.fromisoformat(padded).isoformat()
        except ValueError:
            pass
    else:
        try:
            return since_bound(dt.datetime.fromisoformat(text))
        except ValueError:
            pass
    raise LibraryError(f"since {since!r} is not a date; write YYYY-MM-DD (or YYYY-MM, YYYY, or a date and time).")


def select(
    db: Database,
    *,
    since: str | None,
    report: str | None,
    watched_only: bool,
    limit: int | None,
) -> list[Notice]:
    """Notices, newest first (recorded last; of those recorded in one second, the latest edition's first),
    recorded at or after `since`, of `report` (its key), of watched reports only."""
    clauses: list[str] = []
    params: list[Any] = []
    if since is not None:
        clauses.append("created_at >= ?")
        params.append(since)
    if report is not None:
        clauses.append("report = ?")
        params.append(report)
    if watched_only:
        clauses.append("report IN (SELECT report FROM watches)")
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    tail = " LIMIT ?" if limit is not None else ""
    if limit is not None:
        params.append(limit)
    return [
        _notice(r)
        for r in db.query(
            f"{_NOTICE_SELECT}{where} ORDER BY created_at DESC, coalesce(new_date, '') DESC, pk DESC{tail}", params
        )
    ]


# --- Watch list ----------------------------------------------------------------------------------------------


def watch_key(db: Database, report: str) -> str:
    """The key a report is watched under: the library's own key when it holds the report (any case), else the
    report number in capitals. Raises `LibraryError` for anything that is not a report number or a report of the
    library."""
    name = report.strip()
    if _KEY.match(name):
        rows = db.query("SELECT key FROM reports WHERE lower(key) = lower(?)", (name,))
        if rows:
            return str(rows[0][0])
        if REPORT_NUMBER.match(name.upper()):
            return name.upper()
    raise LibraryError(f"{report!r} is not a report number (like IF10199 or R45122) nor a report in the library.")


def add_watches(db: Database, reports: Iterable[str]) -> list[str]:
    keys = list(dict.fromkeys(watch_key(db, r) for r in reports))
    stamp = now()
    for key in keys:
        db.execute("INSERT INTO watches (report, added_at) VALUES (?, ?) ON CONFLICT DO NOTHING", (key, stamp))
    return keys


def remove_watches(db: Database, reports: Iterable[str]) -> list[str]:
    """Remove each report from the watch list; returns the keys removed. A report not watched is an error."""
    removed: list[str] = []
    for report in reports:
        rows = db.query("SELECT report FROM watches WHERE lower(report) = lower(?)", (report.strip(),))
        if not rows:
            raise LibraryError(f"{report.strip()!r} is not on the watch list; `editions watch list` shows it.")
        db.execute("DELETE FROM watches WHERE report = ?", (rows[0][0],))
        removed.append(str(rows[0][0]))
    return removed


def watches(db: Database) -> list[Watch]:
    rows = db.query(
        "SELECT w.report, w.added_at, r.title, count(e.pk), max(e.date) FROM watches w "
        "LEFT JOIN reports r ON r.key = w.report LEFT JOIN editions e ON e.report_pk = r.pk "
        "GROUP BY w.report, w.added_at, r.title ORDER BY w.report"
    )
    return [
        Watch(str(k), dt.datetime.fromisoformat(str(added)), title, int(n), _date(latest))
        for k, added, title, n, latest in rows
    ]


# --- Deliveries ----------------------------------------------------------------------------------------------


def pending(db: Database, target: Target, backlog: dt.timedelta) -> list[Notice]:
    """The notices not yet delivered to `target`, oldest first. A target seen for the first time is registered,
    and sent only the notices of the `backlog` before that (not the library's whole history); from then on
    every notice recorded is pending for it until delivered."""

    def register(db: Database) -> str:
        stamp = now()
        db.execute(
            "INSERT INTO notify_targets (target, label, first_seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (target.key, target.label, stamp),
        )
        return str(db.query("SELECT first_seen_at FROM notify_targets WHERE target = ?", (target.key,))[0][0])

    first_seen = dt.datetime.fromisoformat(db.write(register))
    horizon = (first_seen - backlog).isoformat(timespec="seconds")
    rows = db.query(
        f"{_NOTICE_SELECT} WHERE created_at >= ? AND NOT EXISTS (SELECT 1 FROM deliveries d "
        "WHERE d.notice_pk = notices.pk AND d.target = ? AND d.delivered_at IS NOT NULL) ORDER BY created_at, pk",
        (horizon, target.key),
    )
    return [_notice(r) for r in rows]


def record_delivery(db: Database, notice: int, target: Target, error: str | None) -> int:
    """Record one attempt to deliver `notice` to `target` (inside a write transaction): delivered when `error`
    is None, else failed with it. Returns the number of attempts so far."""
    stamp = now()
    db.execute(
        "INSERT INTO deliveries (notice_pk, target, attempts, last_attempt_at, delivered_at, error) "
        "VALUES (?, ?, 1, ?, ?, ?) ON CONFLICT (notice_pk, target) DO UPDATE SET "
        "attempts = deliveries.attempts + 1, last_attempt_at = excluded.last_attempt_at, "
        "delivered_at = coalesce(deliveries.delivered_at, excluded.delivered_at), error = excluded.error",
        (notice, target.key, stamp, stamp if error is None else None, error),
    )
    return int(
        db.query("SELECT attempts FROM deliveries WHERE notice_pk = ? AND target = ?", (notice, target.key))[0][0]
    )
