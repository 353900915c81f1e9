"""The library's tables, for SQLite and PostgreSQL, as numbered migrations.

A library records the migrations applied to it in `schema_version`; opening a library applies the missing
ones in order, inside one transaction each. A migration, once released, is never edited: a change to the
schema is a new migration at the end of `MIGRATIONS`.

What is stored (the same for both backends):
- `reports` — one row per report: its key (the printed report number, e.g. `IF10199`, or a slug of the title
  when no number is printed), whether the key is a printed number, and the latest title and product.
- `editions` — one row per edition, holding its primary reading (`id` is that reading's content hash): the
  metadata, the text, and `body`, the edition's blocks, sentences and facts as compact JSON, so that `get`
  rebuilds the `Edition` exactly as it was added. `text` and `body` are the last columns: SQLite reads the
  columns before them without touching the (large) rest of the row.
- `sources` — every source an edition was read from (its PDF, HTML and Markdown are one edition with three
  sources), each with `reading`, the id of its own text, and `url`, the address the source states (if any); the
  sources not shown (see `library.identity`) keep their text and body.
- `passages` — each distinct sentence text of a report, once, with its role: consecutive editions repeat most
  sentences, so the full-text index holds each wording once, and "which editions say this" is a join.
- `sentences` — edition × sentence index → passage, with the sentence's section.
- `facts` — the edition's facts as rows, for timelines.
- `comparisons` — comparison results between consecutive editions, computed on demand and kept.
- `sentence_overlaps` — for consecutive editions, how many sentences they share word for word (what "% changed"
  is counted from before a pair is compared), kept when an edition is added.
- `summaries` — each report's page summary (the latest brief, the figures charted), kept with the editions it
  was made from, so a report page does not trace its figures on every first view.
- `watches` — the reports a reader follows (a report may be watched before it is in the library).
- `notices` — one change notice per new edition compared with the one before (`library.notices`); `notify_targets`
  and `deliveries` — where alerts go (a hash of each URL, never the URL) and each notice's delivery to each.
"""

from __future__ import annotations

from dataclasses import dataclass

APPLICATION = "editions-library"
"""The value of `library_info.application`: what tells an Editions library from any other database."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    sqlite: tuple[str, ...]
    postgres: tuple[str, ...]


_V1_SQLITE = (
    """CREATE TABLE library_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    f"""INSERT INTO library_info (key, value) VALUES ('application', '{APPLICATION}')""",
    """CREATE TABLE reports (
        pk INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        numbered INTEGER NOT NULL,
        title TEXT,
        title_key TEXT NOT NULL,
        product TEXT
    )""",
    """CREATE INDEX reports_title ON reports (title_key)""",
    """CREATE TABLE editions (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        report_pk INTEGER NOT NULL REFERENCES reports(pk),
        report TEXT,
        title TEXT,
        date TEXT,
        version INTEGER,
        product TEXT,
        authors TEXT NOT NULL,
        sentence_count INTEGER NOT NULL,
        added_at TEXT NOT NULL,
        text TEXT NOT NULL,
        body TEXT NOT NULL
    )""",
    """CREATE INDEX editions_report ON editions (report_pk, date, version)""",
    """CREATE TABLE sources (
        edition_pk INTEGER NOT NULL REFERENCES editions(pk),
        format TEXT NOT NULL,
        name TEXT NOT NULL,
        retrieved_at TEXT,
        added_at TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (edition_pk, format, name)
    )""",
    """CREATE TABLE passages (
        pk INTEGER PRIMARY KEY,
        report_pk INTEGER NOT NULL REFERENCES reports(pk),
        hash TEXT NOT NULL,
        text TEXT NOT NULL,
        UNIQUE (report_pk, hash)
    )""",
    """CREATE TABLE sentences (
        edition_pk INTEGER NOT NULL REFERENCES editions(pk),
        idx INTEGER NOT NULL,
        passage_pk INTEGER NOT NULL REFERENCES passages(pk),
        section TEXT NOT NULL,
        PRIMARY KEY (edition_pk, idx)
    ) WITHOUT ROWID""",
    """CREATE INDEX sentences_passage ON sentences (passage_pk)""",
    """CREATE TABLE facts (
        edition_pk INTEGER NOT NULL REFERENCES editions(pk),
        idx INTEGER NOT NULL,
        sentence INTEGER NOT NULL,
        kind TEXT NOT NULL,
        measure TEXT NOT NULL,
        value TEXT,
        unit TEXT,
        approximate INTEGER NOT NULL,
        surface TEXT NOT NULL,
        PRIMARY KEY (edition_pk, idx)
    ) WITHOUT ROWID""",
    """CREATE TABLE comparisons (
        old_pk INTEGER NOT NULL REFERENCES editions(pk),
        new_pk INTEGER NOT NULL REFERENCES editions(pk),
        engine TEXT NOT NULL,
        stats TEXT NOT NULL,
        links TEXT NOT NULL,
        PRIMARY KEY (old_pk, new_pk, engine)
    )""",
)

_V1_POSTGRES = (
    """CREATE TABLE library_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    f"""INSERT INTO library_info (key, value) VALUES ('application', '{APPLICATION}')""",
    """CREATE TABLE reports (
        pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        numbered INTEGER NOT NULL,
        title TEXT,
        title_key TEXT NOT NULL,
        product TEXT
    )""",
    """CREATE INDEX reports_title ON reports (title_key)""",
    """CREATE TABLE editions (
        pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        report_pk BIGINT NOT NULL REFERENCES reports(pk),
        report TEXT,
        title TEXT,
        date TEXT,
        version INTEGER,
        product TEXT,
        authors TEXT NOT NULL,
        sentence_count INTEGER NOT NULL,
        added_at TEXT NOT NULL,
        text TEXT NOT NULL,
        body TEXT NOT NULL
    )""",
    """CREATE INDEX editions_report ON editions (report_pk, date, version)""",
    """CREATE TABLE sources (
        edition_pk BIGINT NOT NULL REFERENCES editions(pk),
        format TEXT NOT NULL,
        name TEXT NOT NULL,
        retrieved_at TEXT,
        added_at TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (edition_pk, format, name)
    )""",
    """CREATE TABLE passages (
        pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        report_pk BIGINT NOT NULL REFERENCES reports(pk),
        hash TEXT NOT NULL,
        text TEXT NOT NULL,
        UNIQUE (report_pk, hash)
    )""",
    """CREATE TABLE sentences (
        edition_pk BIGINT NOT NULL REFERENCES editions(pk),
        idx INTEGER NOT NULL,
        passage_pk BIGINT NOT NULL REFERENCES passages(pk),
        section TEXT NOT NULL,
        PRIMARY KEY (edition_pk, idx)
    )""",
    """CREATE INDEX sentences_passage ON sentences (passage_pk)""",
    """CREATE TABLE facts (
        edition_pk BIGINT NOT NULL REFERENCES editions(pk),
        idx INTEGER NOT NULL,
        sentence INTEGER NOT NULL,
        kind TEXT NOT NULL,
        measure TEXT NOT NULL,
        value TEXT,
        unit TEXT,
        approximate INTEGER NOT NULL,
        surface TEXT NOT NULL,
        PRIMARY KEY (edition_pk, idx)
    )""",
    """CREATE TABLE comparisons (
        old_pk BIGINT NOT NULL REFERENCES editions(pk),
        new_pk BIGINT NOT NULL REFERENCES editions(pk),
        engine TEXT NOT NULL,
        stats TEXT NOT NULL,
        links TEXT NOT NULL,
        PRIMARY KEY (old_pk, new_pk, engine)
    )""",
)

# Version 2: the full-text index over passages. Kept apart from version 1 so that a library made before
# search existed is a real older schema: opening it builds the index from the passages it already holds.
_V2_SQLITE = (
    """CREATE VIRTUAL TABLE passages_fts USING fts5(
        text, content='passages', content_rowid='pk', tokenize='porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER passages_fts_insert AFTER INSERT ON passages BEGIN
        INSERT INTO passages_fts (rowid, text) VALUES (new.pk, new.text);
    END""",
    """CREATE TRIGGER passages_fts_delete AFTER DELETE ON passages BEGIN
        INSERT INTO passages_fts (passages_fts, rowid, text) VALUES ('delete', old.pk, old.text);
    END""",
    """INSERT INTO passages_fts (passages_fts) VALUES ('rebuild')""",
)

_V2_POSTGRES = (
    """ALTER TABLE passages ADD COLUMN tsv tsvector
        GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED""",
    """CREATE INDEX passages_tsv ON passages USING GIN (tsv)""",
)

# Version 3: PostgreSQL's GIN index without its pending list. With `fastupdate` on (the default), new entries
# wait in an unsorted list (up to `gin_pending_list_limit`) that every search scans in full until vacuum merges
# it: in a library being added to, that made searches several times slower (benchmarks/library.py; figures in
# docs/quality.md). Without it, each add updates the index in place. Nothing to do on SQLite (FTS5 merges its
# segments as it goes).
_V3_POSTGRES = (
    """ALTER INDEX passages_tsv SET (fastupdate = off)""",
    """SELECT gin_clean_pending_list('passages_tsv'::regclass)""",
)

# Version 4: what pages read on their first view, kept when editions are added (`Library.prepare`) instead of
# computed then: the library page counted every latest pair's shared sentences, a report page traced its
# figures through every edition, each growing with the library (benchmarks/web.py; figures in docs/quality.md).
_V4_SQLITE = (
    """CREATE TABLE sentence_overlaps (
        old_pk INTEGER NOT NULL REFERENCES editions(pk),
        new_pk INTEGER NOT NULL REFERENCES editions(pk),
        common INTEGER NOT NULL,
        PRIMARY KEY (old_pk, new_pk)
    )""",
    """CREATE TABLE summaries (
        report_pk INTEGER PRIMARY KEY REFERENCES reports(pk),
        editions TEXT NOT NULL,
        engine TEXT NOT NULL,
        body TEXT NOT NULL
    )""",
)

_V4_POSTGRES = (
    """CREATE TABLE sentence_overlaps (
        old_pk BIGINT NOT NULL REFERENCES editions(pk),
        new_pk BIGINT NOT NULL REFERENCES editions(pk),
        common INTEGER NOT NULL,
        PRIMARY KEY (old_pk, new_pk)
    )""",
    """CREATE TABLE summaries (
        report_pk BIGINT PRIMARY KEY REFERENCES reports(pk),
        editions TEXT NOT NULL,
        engine TEXT NOT NULL,
        body TEXT NOT NULL
    )""",
)

# Version 5: one edition, many sources. An edition is what its publisher calls one (report number and version,
# else report number and date), confirmed by its text; every file of it is a source, each with its own reading:
# `reading` is the id of the source's text, and a source that is not the one shown (the primary, whose reading is
# `editions.id`) keeps its text and body, so that two editions can be compared from the same format. Editions that
# an older library stored twice (a PDF and its Markdown) are merged by the library once the schema is in place
# (`library_info.merge_sources`).
_V5_COMMON = (
    """ALTER TABLE sources ADD COLUMN reading TEXT""",
    """ALTER TABLE sources ADD COLUMN text TEXT""",
    """ALTER TABLE sources ADD COLUMN body TEXT""",
    """UPDATE sources SET reading = (SELECT id FROM editions WHERE editions.pk = sources.edition_pk)""",
    """CREATE INDEX sources_reading ON sources (reading)""",
    """INSERT INTO library_info (key, value) VALUES ('merge_sources', 'pending')""",
)

# Version 6: the address each source states as its own (a saved page's source field, an HTML page's canonical
# link), for provenance; NULL where the source does not state one, as for every source stored before.
_V6_COMMON = ("""ALTER TABLE sources ADD COLUMN url TEXT""",)

# Watch list, change notices and their deliveries (`library.notices`). Notices name their editions by id and
# keep the references, dates and versions they had when recorded, so a notice outlives a removed edition. An alert
# target is kept as a hash of its URL and the URL with its secrets hidden (Apprise's privacy form): URLs of
# Slack, mail or ntfy hold tokens and passwords that a library file should not.
_WATCH_TABLES = (
    """CREATE TABLE watches (report TEXT PRIMARY KEY, added_at TEXT NOT NULL)""",
    """CREATE TABLE notify_targets (target TEXT PRIMARY KEY, label TEXT NOT NULL, first_seen_at TEXT NOT NULL)""",
)
_NOTICE_COLUMNS = """report TEXT NOT NULL,
        title TEXT,
        old_id TEXT NOT NULL,
        old_ref TEXT NOT NULL,
        old_date TEXT,
        old_version INTEGER,
        new_id TEXT NOT NULL,
        new_ref TEXT NOT NULL,
        new_date TEXT,
        new_version INTEGER,
        created_at TEXT NOT NULL,
        figures INTEGER NOT NULL,
        changed DOUBLE PRECISION,
        headline TEXT NOT NULL,
        UNIQUE (old_id, new_id)"""
_DELIVERY_COLUMNS = """target TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        last_attempt_at TEXT NOT NULL,
        delivered_at TEXT,
        error TEXT,
        PRIMARY KEY (notice_pk, target)"""
_NOTICES_SQLITE = (
    *_WATCH_TABLES,
    f"""CREATE TABLE notices (pk INTEGER PRIMARY KEY, {_NOTICE_COLUMNS})""",
    """CREATE INDEX notices_report ON notices (report, created_at)""",
    """CREATE INDEX notices_created ON notices (created_at)""",
    f"""CREATE TABLE deliveries (notice_pk INTEGER NOT NULL REFERENCES notices(pk), {_DELIVERY_COLUMNS})""",
)
_NOTICES_POSTGRES = (
    *_WATCH_TABLES,
    f"""CREATE TABLE notices (pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, {_NOTICE_COLUMNS})""",
    """CREATE INDEX notices_report ON notices (report, created_at)""",
    """CREATE INDEX notices_created ON notices (created_at)""",
    f"""CREATE TABLE deliveries (notice_pk BIGINT NOT NULL REFERENCES notices(pk), {_DELIVERY_COLUMNS})""",
)

# Version 7: each passage's role (body, table, caption, note, source, reference; `model.Role`), as structure
# decided it for the sentence first stored with that text, so that search ranks the report's argument above what
# stands around it and filters by role. NULL in a library made before: its passages rank as argument until the
# edition is added again. And its search tier, derived from role and text (`SEARCH_TIER`), in the full-text
# index, so that a search counts and ranks each tier from the index alone instead of reading every match's row.
FRAGMENT_WORDS = 4
"""A sentence of fewer words is a fragment (a label, a run-in heading): search ranks it after whole sentences."""

SEARCH_TIER = (
    "CASE WHEN role IS NOT NULL AND role NOT IN ('body', 'table') THEN 2 "
    f"WHEN role = 'table' OR length(text) - length(replace(text, ' ', '')) < {FRAGMENT_WORDS - 1} THEN 1 END"
)
"""How a passage ranks before relevance: NULL for a sentence of the report's prose (most passages, so the index
holds no tier for them), 1 for a table row or a fragment of prose (fewer than `FRAGMENT_WORDS` words: a run-in
label such as "Funding." says little on its own), 2 for captions, notes, source lines and references (roles
outside `model.Role.is_argument`). A passage without a role (stored before roles) counts as prose."""

_V7_SQLITE = (
    """ALTER TABLE passages ADD COLUMN role TEXT""",
    f"""ALTER TABLE passages ADD COLUMN tier INTEGER GENERATED ALWAYS AS ({SEARCH_TIER}) VIRTUAL""",
    """DROP TRIGGER passages_fts_insert""",
    """DROP TRIGGER passages_fts_delete""",
    """DROP TABLE passages_fts""",
    """CREATE VIRTUAL TABLE passages_fts USING fts5(
        text, tier, content='passages', content_rowid='pk', tokenize='porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER passages_fts_insert AFTER INSERT ON passages BEGIN
        INSERT INTO passages_fts (rowid, text, tier) VALUES (new.pk, new.text, new.tier);
    END""",
    """CREATE TRIGGER passages_fts_delete AFTER DELETE ON passages BEGIN
        INSERT INTO passages_fts (passages_fts, rowid, text, tier) VALUES ('delete', old.pk, old.text, old.tier);
    END""",
    """INSERT INTO passages_fts (passages_fts) VALUES ('rebuild')""",
)

_V7_POSTGRES = (
    """ALTER TABLE passages ADD COLUMN role TEXT""",
    f"""ALTER TABLE passages ADD COLUMN tier SMALLINT GENERATED ALWAYS AS ({SEARCH_TIER}) STORED""",
)

# Provenance of a fetched file (`editions fetch`): the SHA-256 of the bytes retrieved and the version number the
# publisher's catalogue gave for it; NULL for sources added from files on disk.
_PROVENANCE_COMMON = (
    """ALTER TABLE sources ADD COLUMN sha256 TEXT""",
    """ALTER TABLE sources ADD COLUMN api_version INTEGER""",
)

# Version 10 (PostgreSQL): the search index moves to a narrow table of its own, `passage_words`: each passage's
# words, report and tier, kept by a trigger from `passages`. Counting a search's matches exactly reads each
# match's row (a GIN index cannot count), and these rows are a fraction of the size of a passage's, so an
# unspecific word's count reads far fewer pages. Its words are read with typographic punctuation as a space:
# PostgreSQL's text parser takes every non-ASCII character for a letter when the cluster has no locale
# (`initdb --no-locale`, the C locale), so "cost—the" was one word and a search for "cost" missed it. (SQLite's
# tokenizer already splits on all Unicode punctuation.)
WORD_SEPARATORS = (
    r"[\u00a0-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf\u00d7\u00f7"
    r"\u2000-\u206f\u2190-\u21ff\u2212\u2500-\u25ff\u2e00-\u2e7f\u3000-\u3003\ufeff]"
)
"""What PostgreSQL's search reads as a space, in text and query alike (a regular expression's bracket): no-break
and other Unicode spaces, dashes, curly quotes, bullets, the ellipsis, primes, arrows, the minus and
multiplication signs, box drawing, section and paragraph signs — never a letter or digit."""


def search_words(expression: str) -> str:
    """SQL for `expression` (text) with each `WORD_SEPARATORS` character replaced by a space: the same length,
    so that positions in it are positions in the text."""
    return f"regexp_replace({expression}, '{WORD_SEPARATORS}', ' ', 'g')"


def _indexed_words(text: str) -> str:
    return f"to_tsvector('english'::regconfig, {search_words(text)})"


_V10_SQLITE = ("""CREATE INDEX passages_report_of ON passages (pk, report_pk)""",)
"""SQLite counts the reports of a search's matches from this index: a few keys per page, where the table's row
holds the passage's text."""

_V10_POSTGRES = (
    """ALTER TABLE passages DROP COLUMN tsv""",
    """CREATE TABLE passage_words (
        pk BIGINT PRIMARY KEY REFERENCES passages(pk) ON DELETE CASCADE,
        report_pk BIGINT NOT NULL,
        tier SMALLINT,
        tsv tsvector NOT NULL
    )""",
    f"""INSERT INTO passage_words (pk, report_pk, tier, tsv)
        SELECT pk, report_pk, tier, {_indexed_words("text")} FROM passages ORDER BY pk""",
    """CREATE INDEX passage_words_tsv ON passage_words USING GIN (tsv) WITH (fastupdate = off)""",
    f"""CREATE FUNCTION passage_words_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO passage_words (pk, report_pk, tier, tsv)
            SELECT pk, report_pk, tier, {_indexed_words("text")} FROM added ORDER BY pk;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER passage_words_add AFTER INSERT ON passages REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION passage_words_add()""",
    """ANALYZE passage_words""",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "reports, editions, sources, passages, sentences, facts, comparisons", _V1_SQLITE, _V1_POSTGRES),
    Migration(2, "full-text index over passages", _V2_SQLITE, _V2_POSTGRES),
    Migration(3, "PostgreSQL: search index updated in place (no GIN pending list)", (), _V3_POSTGRES),
    Migration(4, "overlaps of consecutive editions and report summaries, kept at add time", _V4_SQLITE, _V4_POSTGRES),
    Migration(5, "one edition, many sources: each source's own reading", _V5_COMMON, _V5_COMMON),
    Migration(6, "each source's stated address (URL)", _V6_COMMON, _V6_COMMON),
    Migration(7, "each passage's role and search tier, for ranking and filtering search", _V7_SQLITE, _V7_POSTGRES),
    Migration(8, "watch list, change notices and their deliveries", _NOTICES_SQLITE, _NOTICES_POSTGRES),
    Migration(9, "each source's provenance (SHA-256, catalogue version)", _PROVENANCE_COMMON, _PROVENANCE_COMMON),
    Migration(
        10, "search: a narrow index of report per passage; typographic dashes split words", _V10_SQLITE, _V10_POSTGRES
    ),
)

PROVENANCE_VERSION = next(m.version for m in MIGRATIONS if m.sqlite is _PROVENANCE_COMMON)
"""The schema version from which sources keep their provenance (found, not written, so renumbering is safe)."""

LATEST = MIGRATIONS[-1].version

VERSION_TABLE = {
    "sqlite": """CREATE TABLE IF NOT EXISTS schema_version (
        version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)""",
    "postgres": """CREATE TABLE IF NOT EXISTS schema_version (
        version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)""",
}
