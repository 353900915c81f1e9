"""What changed between editions, kept: comparisons of two editions (their links and stats, computed once), the
share of sentences changed between consecutive editions (a kept comparison's figure, else counted on identical
sentences), and the format two editions are compared in."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence

from editions.library import _codec, _compare, identity
from editions.library._db import Database
from editions.library.answers import EditionInfo
from editions.library.overlaps import _common_sentences, _share, _store_overlaps
from editions.library.reading import _query_in
from editions.library.refs import EditionRow as _Row
from editions.library.refs import name as _ref
from editions.library.refs import ordered as _ordered
from editions.library.search import Citation
from editions.library.store import Store
from editions.model import Comparison, Edition


def _engine_in(fmt: str) -> str:
    """How a comparison of two editions read from `fmt`, not both from the readings shown, is kept."""
    return f"{_compare.ENGINE} @{fmt}"


class Changes(Store):
    """Comparisons of two editions and the shares of sentences changed, kept in the library."""

    def _changes(self, rows: Sequence[_Row]) -> list[float | None]:
        """Share of sentences changed between consecutive editions: a cached comparison's figure when there is
        one, else 1 − 2·common / (n_old + n_new) over sentences whose text is identical."""
        shares = self._shares(list(itertools.pairwise(r.pk for r in rows)))
        return [None, *(shares[(old.pk, new.pk)] for old, new in itertools.pairwise(rows))] if rows else []

    def _shares(self, pairs: Sequence[tuple[int, int]]) -> dict[tuple[int, int], float]:
        """`_changes`'s share for each (old pk, new pk) pair, in a few queries however many pairs there are."""
        out: dict[tuple[int, int], float] = {}
        wanted = set(pairs)
        # A comparison in a format both editions share (`_engine_in`) wins over one of the readings shown.
        for old_pk, new_pk, stats, _engine in sorted(
            _query_in(
                self._db,
                "SELECT old_pk, new_pk, stats, engine FROM comparisons WHERE new_pk IN ({marks}) "
                "AND (engine = ? OR substr(engine, 1, ?) = ?)",
                sorted({new for _, new in wanted}),
                after=(_compare.ENGINE, len(_engine_in("")), _engine_in("")),
            ),
            key=lambda r: r[3] != _compare.ENGINE,
        ):
            share = _compare.changed_share(json.loads(stats))
            if share is not None and (int(old_pk), int(new_pk)) in wanted:
                out[(int(old_pk), int(new_pk))] = share
        counted = [pair for pair in pairs if pair not in out]
        if not counted:
            return out
        common = self._overlaps(counted) if self._derived else {}
        fresh = _common_sentences(self._db, [pair for pair in counted if pair not in common])
        if fresh and self._derived:  # a library made before overlaps were kept: keep them now, once
            self._db.write(lambda db: _store_overlaps(db, fresh))
        common.update(fresh)
        sizes = self._sentence_counts(pk for pair in counted for pk in pair)
        for old_pk, new_pk in counted:
            out[(old_pk, new_pk)] = _share(common[(old_pk, new_pk)], sizes.get(old_pk, 0) + sizes.get(new_pk, 0))
        return out

    def _overlaps(self, pairs: Sequence[tuple[int, int]]) -> dict[tuple[int, int], int]:
        """The kept `sentence_overlaps` of those pairs that have one."""
        wanted = set(pairs)
        found = _query_in(
            self._db,
            "SELECT old_pk, new_pk, common FROM sentence_overlaps WHERE new_pk IN ({marks})",
            sorted({new for _, new in wanted}),
        )
        return {(int(o), int(n)): int(common) for o, n, common in found if (int(o), int(n)) in wanted}

    def _sentence_counts(self, pks: Iterable[int]) -> dict[int, int]:
        found = _query_in(self._db, "SELECT pk, sentence_count FROM editions WHERE pk IN ({marks})", sorted(set(pks)))
        return {int(pk): int(n) for pk, n in found}

    def _formats(self, pk: int) -> list[str]:
        """The formats an edition can be read from, the one shown first."""
        return list(dict.fromkeys(s.format for s in self._sources(self._db, [pk]).get(pk, ())))

    def _common_format(self, old_pk: int, new_pk: int) -> str | None:
        """The format to compare two editions in: the first in `identity.FORMAT_ORDER` that both were read
        from, so that two readers' differences never show as changes; None when they share no format."""
        shared = set(self._formats(old_pk)) & set(self._formats(new_pk))
        return min(shared, key=identity.format_rank) if shared else None

    def _links(
        self, old_pk: int, new_pk: int, old: Edition | None = None, new: Edition | None = None
    ) -> list[_compare.LinkRow] | None:
        """compare(old, new)'s links, computed once and kept in the library; None without the compare stage."""
        rows = self._db.query(
            "SELECT links FROM comparisons WHERE old_pk = ? AND new_pk = ? AND engine = ?",
            (old_pk, new_pk, _compare.ENGINE),
        )
        if rows:
            return [(tuple(o), tuple(n), str(k), float(s)) for o, n, k, s in json.loads(rows[0][0])]
        aligned = _compare.align(old or self._load(old_pk), new or self._load(new_pk))
        if aligned is None:
            return None
        self._keep_comparison(old_pk, new_pk, *aligned)
        return aligned[0]

    def _keep_comparison(
        self,
        old_pk: int,
        new_pk: int,
        links: list[_compare.LinkRow],
        stats: dict[str, float],
        engine: str = _compare.ENGINE,
    ) -> None:
        def store(db: Database) -> None:
            db.execute(
                "INSERT INTO comparisons (old_pk, new_pk, engine, stats, links) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                (old_pk, new_pk, engine, json.dumps(stats), json.dumps([list(x) for x in links])),
            )

        self._db.write(store)

    def _compare_pks(self, old_pk: int, new_pk: int, fmt: str | None = None) -> Comparison:
        import editions

        fmt = fmt or self._common_format(old_pk, new_pk)
        old_formats, new_formats = self._formats(old_pk), self._formats(new_pk)
        primaries = fmt is None or (old_formats[:1] == [fmt] and new_formats[:1] == [fmt])
        comparison = editions.compare(self._load(old_pk, fmt), self._load(new_pk, fmt))
        # Links count the sentences of the readings compared: kept under the engine's name only for the readings
        # shown (what `_links` follows), else under `_engine_in(fmt)`, for its changed share alone.
        engine = _compare.ENGINE if primaries else _engine_in(str(fmt))
        cached = self._db.query(
            "SELECT 1 FROM comparisons WHERE old_pk = ? AND new_pk = ? AND engine = ?", (old_pk, new_pk, engine)
        )
        if not cached:
            links, stats = _compare.rows_of(comparison)
            self._keep_comparison(old_pk, new_pk, links, stats, engine)
        return comparison

    def _latest(self, reports: Iterable[str] | None, depth: int) -> dict[str, list[EditionInfo]]:
        """`Library.latest_editions`."""
        wanted = None if reports is None else set(reports)
        if wanted is not None and not wanted:
            return {}
        by_report: dict[str, list[_Row]] = {}
        for r in self._db.query(
            "SELECT e.pk, e.id, e.date, e.version, e.title, e.product, e.sentence_count, r.key FROM editions e "
            "JOIN reports r ON r.pk = e.report_pk"
        ):
            if wanted is None or r[7] in wanted:
                by_report.setdefault(str(r[7]), []).append(
                    _Row(int(r[0]), str(r[1]), _codec.read_date(r[2]), r[3], r[4], r[5], int(r[6]))
                )
        chosen: dict[str, tuple[list[_Row], range]] = {}
        for key, found in by_report.items():
            rows = _ordered(found)
            chosen[key] = (rows, range(max(0, len(rows) - depth), len(rows)))
        shown = [rows[i] for rows, positions in chosen.values() for i in positions]
        sources = self._sources(self._db, [r.pk for r in shown])
        shares = self._shares(
            [(rows[i - 1].pk, rows[i].pk) for rows, positions in chosen.values() for i in positions if i > 0]
        )
        return {
            key: [
                self._info(
                    key,
                    rows,
                    i,
                    sources.get(rows[i].pk, ()),
                    shares[(rows[i - 1].pk, rows[i].pk)] if i > 0 else None,
                )
                for i in positions
            ]
            for key, (rows, positions) in sorted(chosen.items())
        }

    def _compare_consecutive(self, rows: Sequence[_Row]) -> None:
        """Compare (and keep) each pair of consecutive editions of `rows` not compared yet: in the format they
        share, their readings shown when those are of it."""
        for old, new in itertools.pairwise(rows):
            fmt = self._common_format(old.pk, new.pk)
            if fmt is None or self._formats(old.pk)[:1] == self._formats(new.pk)[:1] == [fmt]:
                self._links(old.pk, new.pk)
            elif not self._db.query(
                "SELECT 1 FROM comparisons WHERE old_pk = ? AND new_pk = ? AND engine = ?",
                (old.pk, new.pk, _engine_in(fmt)),
            ):
                self._compare_pks(old.pk, new.pk, fmt)

    def _history(self, citation: Citation) -> list[tuple[Citation, str]]:
        """The chain of wordings of one sentence back from `citation`, oldest first."""
        _, key, rows, position = self._resolve(citation.ref)
        current = self._load(rows[position].pk)
        sentence = citation.sentence
        chain = [(citation, current.text_of(current.sentences[sentence]))]
        while position > 0:
            older = self._load(rows[position - 1].pk)
            back = self._align_back(rows[position - 1].pk, rows[position].pk, older, current, sentence)
            if back is None:
                break
            position -= 1
            current, sentence = older, back
            row = rows[position]
            s = current.sentences[sentence]
            chain.append(
                (
                    Citation(key, row.id, _ref(key, row, rows), row.date, row.version, sentence, s.section),
                    current.text_of(s),
                )
            )
        chain.reverse()
        return chain

    def _align_back(self, old_pk: int, new_pk: int, old: Edition, new: Edition, sentence: int) -> int | None:
        """The sentence of `old` that `new`'s sentence `sentence` continues, if any."""
        links = self._links(old_pk, new_pk, old, new)
        if links is None:  # no compare stage: identical text only
            wording = new.text_of(new.sentences[sentence])
            return next((s.index for s in old.sentences if old.text_of(s) == wording), None)
        for old_side, new_side, kind, _ in links:
            if sentence in new_side and old_side and kind not in ("added", "deleted"):
                return old_side[0]
        return None
