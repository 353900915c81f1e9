"""Storing editions: adding one (a new edition, or another source of one already kept), grouping it into its
report, its sentences as the report's passages, its facts; merging editions that are readings of one, and
removing an edition or a source with what is derived from it. Every method runs inside a write transaction
(`Database.write`) on the connection it is given."""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from editions.library import _codec, identity
from editions.library._db import Database, NotFoundError
from editions.library.answers import Added, AddStatus, Removed
from editions.library.overlaps import _common_sentences, _store_overlaps
from editions.library.reading import Reading
from editions.library.refs import EditionRow as _Row
from editions.library.refs import name as _ref
from editions.library.refs import ordered as _ordered
from editions.model import Edition, Source

TITLE_SIMILARITY = 0.9
"""How alike two titles must be (difflib ratio of their normalized forms) to group unnumbered editions."""


def title_key(title: str | None) -> str:
    """A title reduced for comparison: case, accents, punctuation and spacing ignored."""
    if not title:
        return ""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[’'`]", "", text)
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _slug(title: str | None, edition_id: str) -> str:
    key = title_key(title).replace(" ", "-")[:60].strip("-")
    return key or f"untitled-{edition_id[:8]}"


class Store(Reading):
    """Adding, grouping, merging and removing editions."""

    def _store(self, db: Database, edition: Edition) -> tuple[Added, str | None]:
        """Store one reading: a new source of the edition it is a reading of, or a new edition. Returns what was
        done and, when the file names an edition already stored but its text disagrees, the warning to issue."""
        source = _codec.source_row(edition.source)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        found = db.query("SELECT pk, report_pk FROM editions WHERE id = ?", (edition.id,))
        if not found and self._merging:
            found = db.query(
                "SELECT e.pk, e.report_pk FROM sources s JOIN editions e ON e.pk = s.edition_pk WHERE s.reading = ?",
                (edition.id,),
            )
        if found:
            pk, report_pk = int(found[0][0]), int(found[0][1])
            if self._merging:
                return self._add_source(db, pk, report_pk, edition, now), None
            inserted = db.insert_returning(
                "INSERT INTO sources (edition_pk, format, name, retrieved_at, added_at, seq) "
                "SELECT ?, ?, ?, ?, ?, coalesce(max(seq), 0) + 1 FROM sources WHERE edition_pk = ? "
                "ON CONFLICT DO NOTHING RETURNING edition_pk",
                (pk, *source, now, pk),
            )
            status = AddStatus.NEW_SOURCE if inserted is not None else AddStatus.EXISTS
            return Added(status, self._info_by_pk(db, report_pk, pk)), None

        report_pk = self._group(db, edition)
        note = None
        before = self._rows(db, report_pk)
        if self._merging and edition.report:
            twin, note = self._twin(db, report_pk, edition, before)
            if twin is not None:
                return self._add_source(db, twin, report_pk, edition, now), None
        pk_or_none = db.insert_returning(
            "INSERT INTO editions (id, report_pk, report, title, date, version, product, authors, sentence_count, "
            "added_at, text, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING pk",
            (
                edition.id,
                report_pk,
                edition.report,
                edition.title,
                _codec.date_text(edition.date),
                edition.version,
                edition.product,
                _codec.authors(edition),
                len(edition.sentences),
                now,
                edition.text,
                _codec.body(edition),
            ),
        )
        assert pk_or_none is not None
        pk = pk_or_none
        if self._merging:
            url_column, url = self._url_column(edition.source)
            db.execute(
                f"INSERT INTO sources (edition_pk, format, name, retrieved_at, added_at, seq, reading{url_column}) "
                f"VALUES (?, ?, ?, ?, ?, 1, ?{', ?' * len(url)})",
                (pk, *source, now, edition.id, *url),
            )
        else:
            db.execute(
                "INSERT INTO sources (edition_pk, format, name, retrieved_at, added_at, seq) VALUES (?, ?, ?, ?, ?, 1)",
                (pk, *source, now),
            )
        self._write_parts(db, pk, report_pk, edition)
        added = _Row(
            pk, edition.id, edition.date, edition.version, edition.title, edition.product, len(edition.sentences)
        )
        rows = _ordered([*before, added])
        if self._derived:
            self._keep_neighbour_overlaps(db, rows, pk)
        if rows[-1].pk == pk:  # the report's title and product are its latest edition's
            db.execute(
                "UPDATE reports SET title = coalesce(?, title), title_key = ?, product = coalesce(?, product) "
                "WHERE pk = ?",
                (edition.title, title_key(edition.title) if edition.title else "", edition.product, report_pk),
            )
        return Added(AddStatus.ADDED, self._info_by_pk(db, report_pk, pk, rows)), note

    def _write_parts(self, db: Database, pk: int, report_pk: int, edition: Edition) -> None:
        """The rows of an edition's primary reading: its sentences (as passages) and its facts."""
        passages = self._passages(db, report_pk, [(edition.text_of(s), s.role.value) for s in edition.sentences])
        sections = {path: _codec.section(path) for path in {s.section for s in edition.sentences}}
        db.insert_rows(
            "sentences",
            ("edition_pk", "idx", "passage_pk", "section"),
            [(pk, s.index, passages[i], sections[s.section]) for i, s in enumerate(edition.sentences)],
        )
        text = edition.text
        db.insert_rows(
            "facts",
            ("edition_pk", "idx", "sentence", "kind", "measure", "value", "unit", "approximate", "surface"),
            [
                (
                    pk,
                    i,
                    f.sentence,
                    f.kind,
                    f.measure,
                    _codec.value(f.value),
                    f.unit,
                    int(f.approximate),
                    text[f.span.start : f.span.end],
                )
                for i, f in enumerate(edition.facts)
            ],
        )

    def _twin(self, db: Database, report_pk: int, edition: Edition, rows: list[_Row]) -> tuple[int | None, str | None]:
        """The stored edition that `edition` is another reading of: one whose metadata names the same edition
        (`identity.names_same_edition`) and whose sentences agree with it at least `SAME_EDITION_AGREEMENT`,
        the best agreeing if several do. When the metadata matches but the text does not, no twin and a warning
        naming both."""
        candidates = [r for r in rows if identity.names_same_edition(edition.version, edition.date, r.version, r.date)]
        if not candidates:
            return None, None
        bag = identity.sentence_bag(edition.text_of(s) for s in edition.sentences)
        scored = sorted(
            ((identity.agreement(bag, self._sentence_bag(db, r.pk)), r.pk) for r in candidates), reverse=True
        )
        best, pk = scored[0]
        if best >= identity.SAME_EDITION_AGREEMENT:
            return pk, None
        key = str(db.query("SELECT key FROM reports WHERE pk = ?", (report_pk,))[0][0])
        other = next(r for r in rows if r.pk == pk)
        names = ", ".join(s.name or s.format for s in self._sources(db, [pk]).get(pk, ()))
        return None, (
            f"{edition.source.name or 'this file'} names the same edition as {_ref(key, other, rows)} ({names}), "
            f"but only {best:.0%} of their sentences agree ({identity.SAME_EDITION_AGREEMENT:.0%} needed to merge); "
            "added as an edition of its own."
        )

    @staticmethod
    def _sentence_bag(db: Database, pk: int) -> Counter[str]:
        return identity.sentence_bag(
            str(t)
            for (t,) in db.query(
                "SELECT p.text FROM sentences s JOIN passages p ON p.pk = s.passage_pk WHERE s.edition_pk = ?", (pk,)
            )
        )

    def _url_column(self, source: Source) -> tuple[str, tuple[str | int | None, ...]]:
        """The `sources.url` column (and the provenance columns) and their values for an insert, or nothing in a
        library older than the schema that has them."""
        if not self._urls:
            return "", ()
        if not self._provenance:
            return ", url", (source.url,)
        return ", url, sha256, api_version", (source.url, source.sha256, source.api_version)

    def _add_source(self, db: Database, pk: int, report_pk: int, edition: Edition, now: str) -> Added:
        """`edition` as a further source of the stored edition `pk`: kept with its own reading, and shown instead
        of the current one when its format comes first in `identity.FORMAT_ORDER`."""
        fmt, name, retrieved = _codec.source_row(edition.source)
        if db.query("SELECT 1 FROM sources WHERE edition_pk = ? AND format = ? AND name = ?", (pk, fmt, name)):
            return Added(AddStatus.EXISTS, self._info_by_pk(db, report_pk, pk))
        (primary_id,) = db.query("SELECT id FROM editions WHERE pk = ?", (pk,))[0]
        shown = [
            str(f)
            for (f,) in db.query("SELECT format FROM sources WHERE edition_pk = ? AND reading = ?", (pk, primary_id))
        ]
        becomes_primary = edition.id != primary_id and (
            not shown or identity.format_rank(fmt) < min(identity.format_rank(f) for f in shown)
        )
        keeps_text = edition.id != primary_id and not becomes_primary
        url_column, url = self._url_column(edition.source)
        db.execute(
            "INSERT INTO sources (edition_pk, format, name, retrieved_at, added_at, seq, reading, text, body"
            f"{url_column}) SELECT ?, ?, ?, ?, ?, coalesce(max(seq), 0) + 1, ?, ?, ?{', ?' * len(url)} FROM sources "
            "WHERE edition_pk = ?",
            (
                pk,
                fmt,
                name,
                retrieved,
                now,
                edition.id,
                edition.text if keeps_text else None,
                _codec.body(edition) if keeps_text else None,
                *url,
                pk,
            ),
        )
        if becomes_primary:
            self._show_reading(db, pk, report_pk, edition)
        else:  # what this reading states and the shown one does not (an HTML page without its version)
            db.execute(
                "UPDATE editions SET version = coalesce(version, ?), date = coalesce(date, ?) WHERE pk = ?",
                (edition.version, _codec.date_text(edition.date), pk),
            )
        return Added(AddStatus.NEW_SOURCE, self._info_by_pk(db, report_pk, pk))

    def _show_reading(self, db: Database, pk: int, report_pk: int, edition: Edition) -> None:
        """Make `edition` (a reading of the stored edition `pk`, its source row already stored) the one shown:
        the current primary reading's text moves to its sources; sentences, facts, kept comparisons and overlaps
        are rebuilt from the new reading."""
        db.execute(
            "UPDATE sources SET text = (SELECT text FROM editions WHERE pk = ?), "
            "body = (SELECT body FROM editions WHERE pk = ?) "
            "WHERE edition_pk = ? AND reading = (SELECT id FROM editions WHERE pk = ?)",
            (pk, pk, pk, pk),
        )
        db.execute("UPDATE sources SET text = NULL, body = NULL WHERE edition_pk = ? AND reading = ?", (pk, edition.id))
        self._clear_parts(db, pk)
        db.execute(
            "UPDATE editions SET id = ?, title = coalesce(?, title), date = coalesce(?, date), "
            "version = coalesce(?, version), product = coalesce(?, product), authors = ?, sentence_count = ?, "
            "text = ?, body = ? WHERE pk = ?",
            (
                edition.id,
                edition.title,
                _codec.date_text(edition.date),
                edition.version,
                edition.product,
                _codec.authors(edition),
                len(edition.sentences),
                edition.text,
                _codec.body(edition),
                pk,
            ),
        )
        self._write_parts(db, pk, report_pk, edition)
        self._drop_unused_passages(db, report_pk)
        if self._derived:
            self._keep_neighbour_overlaps(db, self._rows(db, report_pk), pk)

    @staticmethod
    def _clear_parts(db: Database, pk: int) -> None:
        """Delete what is derived from an edition's primary reading (not the edition row or its sources)."""
        db.execute("DELETE FROM sentences WHERE edition_pk = ?", (pk,))
        db.execute("DELETE FROM facts WHERE edition_pk = ?", (pk,))
        db.execute("DELETE FROM comparisons WHERE old_pk = ? OR new_pk = ?", (pk, pk))
        db.execute("DELETE FROM sentence_overlaps WHERE old_pk = ? OR new_pk = ?", (pk, pk))

    @staticmethod
    def _drop_unused_passages(db: Database, report_pk: int) -> None:
        db.execute(
            "DELETE FROM passages WHERE report_pk = ? AND NOT EXISTS "
            "(SELECT 1 FROM sentences s WHERE s.passage_pk = passages.pk)",
            (report_pk,),
        )

    @staticmethod
    def _keep_neighbour_overlaps(db: Database, rows: Sequence[_Row], pk: int) -> None:
        """Keep how many sentences the new edition shares with the editions before and after it (what its
        "% changed" is counted from until the pair is compared), so no page has to count them."""
        position = next(i for i, r in enumerate(rows) if r.pk == pk)
        pairs = list(itertools.pairwise(r.pk for r in rows[max(0, position - 1) : position + 2]))
        _store_overlaps(db, _common_sentences(db, pairs))

    def _passages(self, db: Database, report_pk: int, texts: Sequence[tuple[str, str]]) -> list[int]:
        """The passage of each (text, role) within the report, created when new (with the role of the text's
        first sentence: a wording printed as body in one place and a caption in another is stored once)."""
        hashes = [_codec.passage_hash(t) for t, _ in texts]
        distinct: dict[str, tuple[str, str]] = {}
        for h, text_role in zip(hashes, texts, strict=True):
            distinct.setdefault(h, text_role)
        known = self._passage_pks(db, report_pk, list(distinct))
        missing = [(report_pk, h, *distinct[h]) for h in distinct if h not in known]
        if missing:
            if self._roles:
                db.insert_rows("passages", ("report_pk", "hash", "text", "role"), missing)
            else:
                db.insert_rows("passages", ("report_pk", "hash", "text"), [m[:3] for m in missing])
            known.update(self._passage_pks(db, report_pk, [m[1] for m in missing]))
        return [known[h] for h in hashes]

    @staticmethod
    def _passage_pks(db: Database, report_pk: int, hashes: Sequence[str]) -> dict[str, int]:
        found = db.query_matching(
            "SELECT pk, hash FROM passages WHERE report_pk = ? AND hash {match}", hashes, before=(report_pk,)
        )
        return {str(h): int(pk) for pk, h in found}

    def _group(self, db: Database, edition: Edition) -> int:
        """The report an edition belongs to: by printed number, else by title; created when new."""
        tkey = title_key(edition.title)
        if edition.report and edition.report.strip():
            key = edition.report.strip().upper()
            rows = db.query("SELECT pk FROM reports WHERE key = ?", (key,))
            if rows:
                return int(rows[0][0])
            similar = self._similar_title(db, tkey, numbered=False)
            if similar is not None:  # editions without a number came first: the group takes the number
                db.execute("UPDATE reports SET key = ?, numbered = 1 WHERE pk = ?", (key, similar))
                return similar
            numbered = 1
        else:
            similar = self._similar_title(db, tkey, numbered=None)
            if similar is not None:
                return similar
            key = _slug(edition.title, edition.id)
            taken = {str(r[0]) for r in db.query("SELECT key FROM reports WHERE key LIKE ?", (key + "%",))}
            n = 2
            base = key
            while key in taken:
                key, n = f"{base}-{n}", n + 1
            numbered = 0
        pk = db.insert_returning(
            "INSERT INTO reports (key, numbered, title, title_key, product) VALUES (?, ?, ?, ?, ?) RETURNING pk",
            (key, numbered, edition.title, tkey, edition.product),
        )
        assert pk is not None
        return pk

    @staticmethod
    def _similar_title(db: Database, tkey: str, numbered: bool | None) -> int | None:
        """The report whose title is most like `tkey` (≥ TITLE_SIMILARITY), preferring a numbered one."""
        if not tkey:
            return None
        where = "" if numbered is None else f" AND numbered = {int(numbered)}"
        exact = db.query(f"SELECT pk, numbered FROM reports WHERE title_key = ?{where} ORDER BY numbered DESC", (tkey,))
        if exact:
            return int(exact[0][0])
        best: tuple[float, int, int] | None = None
        where = "" if numbered is None else f" WHERE numbered = {int(numbered)}"
        for pk, other, is_numbered in db.query(f"SELECT pk, title_key, numbered FROM reports{where}"):
            matcher = difflib.SequenceMatcher(None, tkey, str(other), autojunk=False)
            if matcher.real_quick_ratio() < TITLE_SIMILARITY or matcher.quick_ratio() < TITLE_SIMILARITY:
                continue
            ratio = matcher.ratio()
            if ratio >= TITLE_SIMILARITY and (best is None or (ratio, is_numbered) > best[:2]):
                best = (ratio, int(is_numbered), int(pk))
        return None if best is None else best[2]

    def _merge_sources(self, db: Database) -> None:
        """Upgrade a library made before editions had several sources (schema 4 and older stored each distinct
        text as an edition): within each report, an edition that names the same edition as an earlier one and
        agrees with it (`_twin`'s rule) becomes a source of it. Summaries of the reports changed are dropped, to
        be made again. Runs once, in one transaction, the first time the library is opened after the upgrade."""
        for (report_pk,) in db.query("SELECT pk FROM reports WHERE numbered = 1 ORDER BY pk"):
            kept: list[_Row] = []
            merged = False
            for row in self._rows(db, int(report_pk)):
                bag = self._sentence_bag(db, row.pk)
                twin = max(
                    (
                        (identity.agreement(bag, self._sentence_bag(db, k.pk)), k.pk)
                        for k in kept
                        if identity.names_same_edition(row.version, row.date, k.version, k.date)
                    ),
                    default=None,
                )
                if twin is not None and twin[0] >= identity.SAME_EDITION_AGREEMENT:
                    self._merge_into(db, twin[1], row.pk, int(report_pk))
                    merged = True
                else:
                    kept.append(row)
            if merged:
                self._after_edition_change(db, int(report_pk))
        db.execute("DELETE FROM library_info WHERE key = 'merge_sources'")

    def _merge_into(self, db: Database, keep_pk: int, gone_pk: int, report_pk: int) -> None:
        """Move every source of edition `gone_pk` (with its reading) to `keep_pk`, delete `gone_pk`, and show
        the best source of what is left."""
        gone_id, gone_text, gone_body = db.query("SELECT id, text, body FROM editions WHERE pk = ?", (gone_pk,))[0]
        url_column = ", url, sha256, api_version" if self._provenance else ", url" if self._urls else ""
        for fmt, name, retrieved, added_at, reading, text, body, *url in db.query(
            f"SELECT format, name, retrieved_at, added_at, reading, text, body{url_column} FROM sources "
            "WHERE edition_pk = ? ORDER BY seq",
            (gone_pk,),
        ):
            if reading is None or reading == gone_id:
                reading, text, body = gone_id, gone_text, gone_body
            db.execute(
                "INSERT INTO sources (edition_pk, format, name, retrieved_at, added_at, seq, reading, text, body"
                f"{url_column}) SELECT ?, ?, ?, ?, ?, coalesce(max(seq), 0) + 1, ?, ?, ?{', ?' * len(url)} "
                "FROM sources WHERE edition_pk = ? ON CONFLICT DO NOTHING",
                (keep_pk, fmt, name, retrieved, added_at, reading, text, body, *url, keep_pk),
            )
        db.execute(
            "UPDATE editions SET version = coalesce(version, (SELECT version FROM editions WHERE pk = ?)), "
            "date = coalesce(date, (SELECT date FROM editions WHERE pk = ?)) WHERE pk = ?",
            (gone_pk, gone_pk, keep_pk),
        )
        self._delete_edition(db, gone_pk)
        self._show_best(db, keep_pk, report_pk)

    def _show_best(self, db: Database, pk: int, report_pk: int) -> None:
        """Show the reading of the edition's source whose format comes first in `identity.FORMAT_ORDER`, if it
        is not the one shown already (or the one shown has no source left)."""
        (primary_id,) = db.query("SELECT id FROM editions WHERE pk = ?", (pk,))[0]
        sources = db.query("SELECT format, name, reading FROM sources WHERE edition_pk = ? ORDER BY seq", (pk,))
        shown = [identity.format_rank(str(f)) for f, _, reading in sources if reading == primary_id]
        best = min(sources, key=lambda s: identity.format_rank(str(s[0])), default=None)
        if best is None or (shown and min(shown) <= identity.format_rank(str(best[0]))):
            return
        edition = self._load(pk, str(best[0]))
        self._show_reading(db, pk, report_pk, edition)

    @staticmethod
    def _delete_edition(db: Database, pk: int) -> None:
        Store._clear_parts(db, pk)
        db.execute("DELETE FROM sources WHERE edition_pk = ?", (pk,))
        db.execute("DELETE FROM editions WHERE pk = ?", (pk,))

    def _after_edition_change(self, db: Database, report_pk: int) -> None:
        """After editions of a report were merged or removed: drop the passages no sentence prints, keep the
        overlaps of the pairs now consecutive, drop the report's summary (made again when next needed), and
        the report itself when no edition is left (else take its title from its latest edition)."""
        self._drop_unused_passages(db, report_pk)
        db.execute("DELETE FROM summaries WHERE report_pk = ?", (report_pk,))
        rows = self._rows(db, report_pk)
        if not rows:
            db.execute("DELETE FROM reports WHERE pk = ?", (report_pk,))
            return
        _store_overlaps(db, _common_sentences(db, list(itertools.pairwise(r.pk for r in rows))))
        latest = rows[-1]
        db.execute(
            "UPDATE reports SET title = coalesce(?, title), title_key = ?, product = coalesce(?, product) WHERE pk = ?",
            (latest.title, title_key(latest.title) if latest.title else "", latest.product, report_pk),
        )

    def _remove(self, db: Database, row: _Row, key: str, name: str, source: str | None) -> Removed:
        """Remove the edition of `row` (named `name`, of report `key`), or only its sources that `source` names."""
        report_pk = int(db.query("SELECT report_pk FROM editions WHERE pk = ?", (row.pk,))[0][0])
        sources = self._sources(db, [row.pk]).get(row.pk, ())
        chosen = sources
        if source is not None:
            chosen = tuple(
                s for s in sources if s.format == source or s.name == source or (s.name and Path(s.name).name == source)
            )
            if not chosen:
                listed = ", ".join(s.name or s.format for s in sources)
                raise NotFoundError(f"{name} has no source {source!r}; its sources: {listed}.")
        if len(chosen) == len(sources):
            self._delete_edition(db, row.pk)
            self._after_edition_change(db, report_pk)
            return Removed(name, key, chosen, True)
        for s in chosen:
            db.execute(
                "DELETE FROM sources WHERE edition_pk = ? AND format = ? AND name = ?",
                (row.pk, *_codec.source_row(s)[:2]),
            )
        self._show_best(db, row.pk, report_pk)
        self._after_edition_change(db, report_pk)
        return Removed(name, key, chosen, False)
