"""Report summaries kept in the library (`summaries`): each with what it was made from (its report's editions in
order, and the engine), so that a summary older than its report is made again (`Library.prepare`)."""

from __future__ import annotations

from collections.abc import Sequence

from editions.library import _codec, _compare
from editions.library import summary as report_summary
from editions.library._db import Database
from editions.library.refs import EditionRow as _Row
from editions.library.refs import ordered as _ordered
from editions.library.summary import ReportSummary


def stamp(rows: Sequence[_Row]) -> tuple[str, str]:
    """What a kept report summary records it was made from: its editions (in order) and the engine."""
    return _codec.passage_hash(",".join(r.id for r in rows)), f"{_compare.ENGINE} {report_summary.VERSION}"


def kept(db: Database, report_pk: int, made_from: tuple[str, str]) -> ReportSummary | None:
    """The report's kept summary, if it was made from `made_from` (`stamp`)."""
    found = db.query("SELECT editions, engine, body FROM summaries WHERE report_pk = ?", (report_pk,))
    if found and found[0][0] == made_from[0] and found[0][1] == made_from[1]:
        return report_summary.from_json(str(found[0][2]))
    return None


def keep(db: Database, report_pk: int, made_from: tuple[str, str], summary: ReportSummary) -> None:
    """Keep `summary` as the report's, made from `made_from` (inside a write transaction)."""
    db.execute(
        "INSERT INTO summaries (report_pk, editions, engine, body) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (report_pk) DO UPDATE SET editions = excluded.editions, engine = excluded.engine, "
        "body = excluded.body",
        (report_pk, *made_from, report_summary.to_json(summary)),
    )


def unprepared(db: Database) -> list[str]:
    """The keys of the reports whose kept summary is missing or older than their editions or the engine, in two
    queries."""
    by_report: dict[int, tuple[str, list[_Row]]] = {}
    for r in db.query(
        "SELECT e.pk, e.id, e.date, e.version, e.title, e.product, e.sentence_count, r.pk, r.key "
        "FROM editions e JOIN reports r ON r.pk = e.report_pk"
    ):
        row = _Row(int(r[0]), str(r[1]), _codec.read_date(r[2]), r[3], r[4], r[5], int(r[6]))
        by_report.setdefault(int(r[7]), (str(r[8]), []))[1].append(row)
    made_from = {
        int(pk): (str(editions), str(engine))
        for pk, editions, engine in db.query("SELECT report_pk, editions, engine FROM summaries")
    }
    return sorted(key for pk, (key, rows) in by_report.items() if made_from.get(pk) != stamp(_ordered(rows)))
