"""Reading what the library holds: a report's editions in order, their sources, references resolved to editions,
an edition loaded exactly as it was added. `Reading` is the base of the library's parts (`store`, `changes` and
the `Library` facade): it names the connection they share and which schema features the library has."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from editions.library import _codec, refs
from editions.library._db import KEYS_PER_LIST, Database, NotFoundError
from editions.library.answers import EditionInfo
from editions.library.refs import EditionRow as _Row
from editions.library.refs import name as _ref
from editions.library.refs import ordered as _ordered
from editions.model import Edition, Source


def _query_in(
    db: Database, sql: str, keys: Sequence[Any], before: Sequence[Any] = (), after: Sequence[Any] = ()
) -> Iterator[tuple[Any, ...]]:
    """The rows of `sql` for all `keys`, sent `KEYS_PER_LIST` at a time: `{marks}` in `sql` stands for one chunk's
    placeholders; `before` and `after` are the parameters around them."""
    for i in range(0, len(keys), KEYS_PER_LIST):
        chunk = keys[i : i + KEYS_PER_LIST]
        yield from db.query(sql.format(marks=", ".join("?" * len(chunk))), (*before, *chunk, *after))


class Reading:
    """The queries that read editions, shared by the library's parts."""

    location: str
    _db: Database
    _derived: bool
    """Whether the library keeps what is derived from its editions (overlaps, summaries: schema 4 on)."""
    _merging: bool
    """Whether an edition keeps several sources with their readings (schema 5 on)."""
    _urls: bool
    """Whether sources keep their URL (schema 6 on)."""
    _roles: bool
    """Whether passages keep their role (schema 7 on)."""
    _provenance: bool
    """Whether sources keep their provenance (`schema.PROVENANCE_VERSION` on)."""

    def _source_columns(self, prefix: str = "s.") -> str:
        """The columns `_codec.read_source` takes after (format, name, retrieved_at), NULL where the schema lacks
        them."""
        url = f"{prefix}url" if self._urls else "NULL"
        provenance = f"{prefix}sha256, {prefix}api_version" if self._provenance else "NULL, NULL"
        return f"{url}, {provenance}"

    @staticmethod
    def _rows(db: Database, report_pk: int) -> list[_Row]:
        return _ordered(
            _Row(int(r[0]), str(r[1]), _codec.read_date(r[2]), r[3], r[4], r[5], int(r[6]))
            for r in db.query(
                "SELECT pk, id, date, version, title, product, sentence_count FROM editions WHERE report_pk = ?",
                (report_pk,),
            )
        )

    def _report(self, report: str) -> tuple[int, str]:
        """(pk, key) of a report named case-insensitively."""
        name = report.strip()
        rows = self._db.query("SELECT pk, key FROM reports WHERE key = ?", (name,))
        if not rows:
            rows = self._db.query("SELECT pk, key FROM reports WHERE lower(key) = lower(?)", (name,))
        if not rows:
            raise NotFoundError(f"no report {name!r} in the library {self._db.location}; `editions list` shows them.")
        return int(rows[0][0]), str(rows[0][1])

    def _sources(self, db: Database, pks: Sequence[int]) -> dict[int, tuple[Source, ...]]:
        """Each edition's sources, the one shown first, then in the order they were added."""
        out: dict[int, list[tuple[bool, int, Source]]] = {}
        shown = "s.reading IS NOT NULL AND s.reading <> e.id" if self._merging else "0 = 1"
        columns = self._source_columns()
        for pk, fmt, name, retrieved, address, sha256, api_version, other, seq in _query_in(
            db,
            f"SELECT s.edition_pk, s.format, s.name, s.retrieved_at, {columns}, {shown}, s.seq FROM sources s "
            "JOIN editions e ON e.pk = s.edition_pk WHERE s.edition_pk IN ({marks})",
            pks,
        ):
            source = _codec.read_source(fmt, name, retrieved, address, sha256, api_version)
            out.setdefault(int(pk), []).append((bool(other), int(seq), source))
        return {pk: tuple(src for _, _, src in sorted(v, key=lambda x: x[:2])) for pk, v in out.items()}

    def _info_by_pk(self, db: Database, report_pk: int, pk: int, rows: list[_Row] | None = None) -> EditionInfo:
        key = str(db.query("SELECT key FROM reports WHERE pk = ?", (report_pk,))[0][0])
        rows = rows or self._rows(db, report_pk)
        position = next(i for i, r in enumerate(rows) if r.pk == pk)
        return self._info(key, rows, position, self._sources(db, [pk]).get(pk, ()), None)

    @staticmethod
    def _info(
        key: str, rows: Sequence[_Row], position: int, sources: tuple[Source, ...], changed: float | None
    ) -> EditionInfo:
        row = rows[position]
        return EditionInfo(
            id=row.id,
            report=key,
            ref=_ref(key, row, rows),
            title=row.title,
            date=row.date,
            version=row.version,
            product=row.product,
            position=position + 1,
            sentences=row.sentences,
            sources=sources,
            changed=changed,
        )

    def _resolve(self, ref: str) -> tuple[int, str, list[_Row], int]:
        """(report pk, report key, the report's rows, position) of a reference."""
        reference = refs.parse(ref)
        base, at, back = reference.base, reference.at, reference.back
        try:
            report_pk, key = self._report(base)
            rows = self._rows(self._db, report_pk)
            position = len(rows) - 1
        except NotFoundError:
            if reference.id_prefix is not None:
                report_pk, key, rows, position = self._by_id(reference.id_prefix, ref)
            else:
                raise
        if at is not None:
            position = refs.position(key, rows, at.strip(), ref)
        if back > position:
            raise NotFoundError(
                f"{ref}: there is no edition {back} before {_ref(key, rows[position], rows)}; "
                f"{key} has {len(rows)} edition{'s' if len(rows) != 1 else ''}."
            )
        return report_pk, key, rows, position - back

    def _by_id(self, prefix: str, ref: str) -> tuple[int, str, list[_Row], int]:
        found = self._db.query(
            "SELECT e.pk, e.report_pk, r.key FROM editions e JOIN reports r ON r.pk = e.report_pk "
            "WHERE e.id >= ? AND e.id < ? LIMIT 2",
            (prefix, prefix + "g"),
        )
        if not found:
            raise NotFoundError(f"no report or edition {ref!r} in the library; `editions list` shows them.")
        if len(found) > 1:
            raise NotFoundError(f"{ref!r} names more than one edition; give more digits of its id.")
        pk, report_pk, key = int(found[0][0]), int(found[0][1]), str(found[0][2])
        rows = self._rows(self._db, report_pk)
        return report_pk, key, rows, next(i for i, r in enumerate(rows) if r.pk == pk)

    def _load(self, pk: int, fmt: str | None = None) -> Edition:
        """An edition as stored: its primary reading, or (`fmt`) its reading from a source of that format."""
        (text, body, report, title, date, version, product, authors) = self._db.query(
            "SELECT text, body, report, title, date, version, product, authors FROM editions WHERE pk = ?", (pk,)
        )[0]
        sources = self._sources(self._db, [pk]).get(pk, ())
        columns = self._source_columns()
        shown = (
            self._db.query(
                f"SELECT s.format, s.name, s.retrieved_at, {columns} FROM sources s "
                "JOIN editions e ON e.pk = s.edition_pk "
                "WHERE s.edition_pk = ? AND (s.reading IS NULL OR s.reading = e.id) ORDER BY s.seq",
                (pk,),
            )
            if self._merging
            else [(*_codec.source_row(s), s.url, s.sha256, s.api_version) for s in sources]
        )
        primary = [_codec.read_source(*r) for r in shown]
        source = next((s for s in primary if s.format == fmt), primary[0] if primary else Source("text"))
        if fmt is not None and (source.format != fmt or not primary):
            found = self._db.query(
                f"SELECT format, name, retrieved_at, text, body, {self._source_columns('')} FROM sources "
                "WHERE edition_pk = ? AND format = ? AND text IS NOT NULL ORDER BY seq LIMIT 1",
                (pk, fmt),
            )
            if not found:
                formats = ", ".join(dict.fromkeys(s.format for s in sources))
                raise NotFoundError(f"this edition has no {fmt} source; its sources are {formats}.")
            source = _codec.read_source(*found[0][:3], *found[0][5:])
            text, body = found[0][3], found[0][4]
        return _codec.decode(
            text=text,
            body_json=body,
            source=source,
            report=report,
            title=title,
            date=date,
            version=version,
            product=product,
            authors_json=authors,
        )

    def _passage_texts(self, pks: Sequence[int]) -> dict[int, str]:
        return {
            int(pk): str(text)
            for pk, text in _query_in(self._db, "SELECT pk, text FROM passages WHERE pk IN ({marks})", pks)
        }
