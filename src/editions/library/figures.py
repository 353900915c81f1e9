"""A report's figures through its editions: the facts of every edition read from the library (those of the
report's argument), traced into timelines by `library.timeline`."""

from __future__ import annotations

from collections.abc import Sequence

from editions.library.reading import Reading
from editions.library.refs import EditionRow as _Row
from editions.library.refs import names as _refs
from editions.library.timeline import (
    Alternative,
    FactRow,
    ReportFacts,
    Timeline,
    TimelinePoint,
    figure_sentence_headings,
    trace_with_rivals,
)


class Figures(Reading):
    """Timelines of a report's figures."""

    def _timelines(self, report_pk: int, key: str, rows: Sequence[_Row], words: Sequence[str]) -> list[Timeline]:
        facts = ReportFacts(self._report_facts(report_pk, rows) if words else [])
        refs = _refs(key, rows)
        title = rows[-1].title if rows else None
        out = []
        for query in words:
            chain = trace_with_rivals(query, facts)
            points = []
            for row, ref, (fact, similarity, rivals) in zip(rows, refs, chain, strict=True):
                points.append(
                    TimelinePoint(
                        edition=row.id,
                        ref=ref,
                        date=row.date,
                        version=row.version,
                        value=None if fact is None else fact.value,
                        kind=None if fact is None else fact.kind,
                        unit=None if fact is None else fact.unit,
                        approximate=False if fact is None else fact.approximate,
                        text=None if fact is None else fact.surface,
                        measure=None if fact is None else fact.measure,
                        sentence=None if fact is None else fact.sentence,
                        sentence_text=None if fact is None else fact.sentence_text,
                        similarity=similarity,
                        alternatives=tuple(
                            Alternative(r.value, r.surface, r.sentence, r.sentence_text) for r in rivals
                        ),
                        heading=None if fact is None else fact.heading,
                    )
                )
            out.append(Timeline(key, title, query, tuple(points)))
        return out

    def _report_facts(self, report_pk: int, rows: Sequence[_Row]) -> list[list[FactRow]]:
        """Every fact of each edition of a report (in `rows`' order), with its sentence's text."""
        found = self._db.query(
            "SELECT f.edition_pk, f.sentence, f.kind, f.measure, f.value, f.unit, f.approximate, f.surface, "
            "s.passage_pk FROM facts f JOIN editions e ON e.pk = f.edition_pk "
            "JOIN sentences s ON s.edition_pk = f.edition_pk AND s.idx = f.sentence "
            "WHERE e.report_pk = ? ORDER BY f.edition_pk, f.idx",
            (report_pk,),
        )
        texts = self._passage_texts(sorted({int(r[8]) for r in found}))
        # Structure decided each sentence's role and block when the edition was read; a timeline follows figures
        # of the report's argument only, never a caption's, a heading's or a note's.
        figure_sentences = {
            int(pk): figure_sentence_headings(str(body))
            for pk, body in self._db.query("SELECT pk, body FROM editions WHERE report_pk = ?", (report_pk,))
        }
        facts: dict[int, list[FactRow]] = {r.pk: [] for r in rows}
        for edition_pk, sentence, kind, measure, value, unit, approximate, surface, passage_pk in found:
            headings = figure_sentences.get(int(edition_pk), {})
            if int(sentence) not in headings:
                continue
            facts[int(edition_pk)].append(
                FactRow(
                    int(sentence),
                    kind,
                    measure,
                    value,
                    unit,
                    bool(approximate),
                    surface,
                    texts[int(passage_pk)],
                    headings[int(sentence)],
                )
            )
        return [facts[r.pk] for r in rows]
