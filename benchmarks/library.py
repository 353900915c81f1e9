"""The library at scale: a synthetic library of 20,000 editions (and the same at 2,000, to show growth), in
SQLite and in PostgreSQL.

Editions are made of the corpus's own sentences (with their facts), recombined: each report starts from a
size drawn from the corpus's editions (sentences per edition), and each later edition rewords ~5% of the
previous one's sentences, drops ~3% and adds ~3%, dated 1–13 months later. Reports have 10 editions on average
(a long tail, at most 60). Editions are added in date order
across reports, as a library fills up.

Printed per backend and size: add throughput (editions/s, storing only: the editions are built in memory, not
read from files), database size, search latency p50/p95 over 100 queries of 1–3 words taken from corpus
sentences, timeline latency p50/p95 over 20 figures. Baseline in the same run: the same editions stored as one
row each (text and JSON body, no index) — what storing costs before sentences, passages, facts and the search
index.

    .venv/bin/python benchmarks/library.py [--editions 20000] [--small 2000] [--backends sqlite,postgres]
        [--postgres-url URL]   (default: a throwaway server from the installed PostgreSQL binaries)
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import pwd
import random
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import editions
from editions.library import Library
from editions.library import _codec as codec
from editions.model import Author, Block, BlockKind, Edition, Fact, Sentence, Source, Span
from editions.vocabulary import MEASURE_STOPWORDS as STOPWORDS

REPO = Path(__file__).resolve().parents[1]
_FUNCTION_WORDS = {"and", "or", "but", "nor", "not", "the", "that", "this", "its", "also", "than", "then"}
MAX_EDITIONS = 60
PRODUCTS = [("IF", "In Focus"), ("IN", "Insight"), ("R", "Report"), ("LSB", "Legal Sidebar")]


# --- The corpus, as material ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Piece:
    """One corpus sentence and its facts, with offsets relative to the sentence."""

    text: str
    facts: tuple[tuple[str, int, int, object, str | None, bool, str], ...]


def load_corpus(shared: Path) -> tuple[list[Piece], list[str], list[str], list[int]]:
    paths = sorted((shared / "corpus").rglob("*.md")) + sorted((shared / "seeds").glob("*.md"))
    paths = [p for p in paths if p.name not in ("README.md", "SOURCE_README.md")]
    paths += sorted((REPO / "samples").glob("IF99001-*"))
    pieces: list[Piece] = []
    headings: list[str] = []
    titles: list[str] = []
    sizes: list[int] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in paths:
            e = editions.read(path)
            sizes.append(len(e.sentences))
            if e.title:
                titles.append(e.title)
            headings += [e.text_of(b) for b in e.blocks if b.kind is BlockKind.HEADING and len(b.span) < 80]
            by_sentence: dict[int, list[Fact]] = {}
            for f in e.facts:
                by_sentence.setdefault(f.sentence, []).append(f)
            for s in e.sentences:
                base = s.span.start
                facts = tuple(
                    (f.kind, f.span.start - base, f.span.end - base, f.value, f.unit, f.approximate, f.measure)
                    for f in by_sentence.get(s.index, [])
                    if s.span.contains(f.span)
                )
                pieces.append(Piece(e.text_of(s), facts))
    return pieces, sorted(set(headings)) or ["Overview"], sorted(set(titles)), [n for n in sizes if n > 0]


# --- Synthetic reports ----------------------------------------------------------------------------------------


@dataclass
class Report:
    key: str
    title: str
    product: str
    sentences: list[int]
    headings: list[str]
    date: dt.date
    version: int = 0


def plan(
    n_editions: int, pieces: int, sizes: list[int], titles: list[str], headings: list[str], seed: int
) -> Iterator[tuple[Report, dt.date]]:
    """(report, date) for every edition, in date order; the report's sentences are updated before each yield."""
    rng = random.Random(seed)
    n_reports = max(1, n_editions // 10)
    weights = [rng.paretovariate(1.6) for _ in range(n_reports)]
    counts = [1] * n_reports
    remaining = n_editions - n_reports
    while remaining > 0:  # at most MAX_EDITIONS per report (IF10199, a long-lived In Focus, has about 50)
        for i in rng.choices(range(n_reports), weights=weights, k=remaining):
            if counts[i] < MAX_EDITIONS and remaining > 0:
                counts[i] += 1
                remaining -= 1
    reports: list[Report] = []
    events: list[tuple[dt.date, int]] = []
    for r in range(n_reports):
        prefix, product = rng.choice(PRODUCTS)
        start = dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(365 * 18))
        size = rng.choice(sizes)
        report = Report(
            key=f"{prefix}{40000 + r}",
            title=f"{rng.choice(titles)} ({r})" if titles else f"Report {r}",
            product=product,
            sentences=[rng.randrange(pieces) for _ in range(size)],
            headings=rng.sample(headings, k=min(len(headings), 12)),
            date=start,
        )
        reports.append(report)
        day = start
        for _ in range(counts[r]):
            events.append((day, r))
            day += dt.timedelta(days=rng.randint(30, 400))
    events.sort()
    for day, r in events:
        report = reports[r]
        if report.version > 0:
            evolve(report, pieces, rng)
        report.version += 1
        report.date = day
        yield report, day


def evolve(report: Report, pieces: int, rng: random.Random) -> None:
    s = report.sentences
    for _ in range(max(1, len(s) * 5 // 100)):  # reworded
        s[rng.randrange(len(s))] = rng.randrange(pieces)
    for _ in range(len(s) * 3 // 100):  # dropped
        if len(s) > 5:
            del s[rng.randrange(len(s))]
    for _ in range(max(1, len(s) * 3 // 100)):  # added
        s.insert(rng.randrange(len(s) + 1), rng.randrange(pieces))


def build(report: Report, pieces: list[Piece]) -> Edition:
    parts: list[str] = []
    blocks: list[Block] = []
    sentences: list[Sentence] = []
    facts: list[Fact] = []
    pos = 0

    def block(text: str, kind: BlockKind, level: int = 0, section: tuple[str, ...] = ()) -> int:
        nonlocal pos
        start = pos
        parts.append(text)
        pos += len(text)
        blocks.append(Block(kind, Span(start, pos), level, section))
        parts.append("\n\n")
        pos += 2
        return start

    block(report.title, BlockKind.TITLE)
    block(f"Updated {report.date:%B} {report.date.day}, {report.date.year} ({report.key})", BlockKind.BOILERPLATE)
    per_section = 20
    for first in range(0, len(report.sentences), per_section):
        heading = report.headings[(first // per_section) % len(report.headings)]
        block(heading, BlockKind.HEADING, 1)
        section = (heading,)
        chunk = report.sentences[first : first + per_section]
        for p in range(0, len(chunk), 4):
            texts = [pieces[i] for i in chunk[p : p + 4]]
            start = block(" ".join(t.text for t in texts), BlockKind.PARAGRAPH, 0, section)
            offset = start
            for piece in texts:
                index = len(sentences)
                sentences.append(Sentence(index, Span(offset, offset + len(piece.text)), len(blocks) - 1, section))
                for kind, fs, fe, value, unit, approx, measure in piece.facts:
                    facts.append(
                        Fact(kind, Span(offset + fs, offset + fe), index, value, unit, approx, measure)  # type: ignore[arg-type]
                    )
                offset += len(piece.text) + 1
    return Edition(
        text="".join(parts)[:-2],
        blocks=tuple(blocks),
        sentences=tuple(sentences),
        source=Source("markdown", f"synthetic/{report.key}-{report.version}.md"),
        report=report.key,
        title=report.title,
        date=report.date,
        version=report.version,
        product=report.product,
        authors=(Author("A. Author", "Analyst"),),
        facts=tuple(facts),
    )


# --- Measuring -----------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def make_queries(pieces: list[Piece], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    queries: list[str] = []
    while len(queries) < n:
        words = [
            w
            for w in re.findall(r"[A-Za-z][A-Za-z'-]+", rng.choice(pieces).text)
            if w.lower() not in STOPWORDS and w.lower() not in _FUNCTION_WORDS and len(w) >= 3
        ]
        if len(words) < 3:
            continue
        k = rng.randint(1, 3)
        start = rng.randrange(len(words) - k + 1)
        queries.append(" ".join(words[start : start + k]))
    return queries


def timeline_targets(library: Library, n: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    reports = [r for r in library.reports() if r.editions >= 3]
    out: list[tuple[str, str]] = []
    while reports and len(out) < n:
        report = rng.choice(reports)
        facts = [f for f in library.get(report.report).facts if len(f.measure.split()) >= 2]
        if facts:
            out.append((report.report, " ".join(rng.choice(facts).measure.split()[:2])))
    return out


def timed(fn: object, *args: object, **kwargs: object) -> float:
    start = time.perf_counter()
    fn(*args, **kwargs)  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000


def measure(library: Library, queries: list[str], label: str, added: int, add_seconds: float) -> dict[str, float]:
    for q in queries[:10]:  # warm the cache as a running server would be
        library.search(q)
    search_ms = [timed(library.search, q) for q in queries]
    targets = timeline_targets(library, 20, seed=3)
    timeline_ms = [timed(library.timeline, r, w) for r, w in targets]
    hits = [len(library.search(q)) for q in queries[:20]]
    figures = {
        "editions": float(added),
        "add_per_s": added / add_seconds if add_seconds else 0.0,
        "size_mb": library.size_bytes() / 1e6,
        "search_p50": statistics.median(search_ms),
        "search_p95": percentile(search_ms, 0.95),
        "timeline_p50": statistics.median(timeline_ms) if timeline_ms else float("nan"),
        "timeline_p95": percentile(timeline_ms, 0.95) if timeline_ms else float("nan"),
    }
    passages = library._db.query("SELECT count(*) FROM passages")[0][0]
    sentences = library._db.query("SELECT count(*) FROM sentences")[0][0]
    print(
        f"  {label:<10} {added:>7,} editions  {sentences:>10,} sentences  {passages:>9,} passages  "
        f"add {figures['add_per_s']:>6.0f} editions/s  size {figures['size_mb']:>7.1f} MB  "
        f"search p50 {figures['search_p50']:>6.1f} ms  p95 {figures['search_p95']:>6.1f} ms  "
        f"timeline p50 {figures['timeline_p50']:>6.1f} ms  p95 {figures['timeline_p95']:>6.1f} ms  "
        f"(hits/query median {statistics.median(hits):.0f})",
        flush=True,
    )
    return figures


# --- A throwaway PostgreSQL server ---------------------------------------------------------------------------


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    binaries = (
        Path(os.environ["EDITIONS_PG_BIN"]) if os.environ.get("EDITIONS_PG_BIN") else (found[-1] if found else None)
    )
    if binaries is None or not (binaries / "initdb").exists():
        raise SystemExit("no PostgreSQL binaries found: apt-get install -y postgresql, or give --postgres-url")
    root = Path(tempfile.mkdtemp(prefix="editions-bench-pg-"))
    user = None
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        user = account.pw_name
        os.chown(root, account.pw_uid, account.pw_gid)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = root / "data"

    def run(*args: str) -> None:
        subprocess.run(args, cwd=root, user=user, check=True, capture_output=True, timeout=120)

    run(str(binaries / "initdb"), "-D", str(data), "-U", "editions", "--auth=trust", "-E", "UTF8", "--no-locale")
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=256MB"
    run(str(binaries / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-o", options, "-w", "start")
    try:
        yield f"postgresql://editions@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], cwd=root, user=user)
        shutil.rmtree(root, ignore_errors=True)


# --- Main ------------------------------------------------------------------------------------------------------


def baseline_rate(editions_list: list[Edition], folder: Path) -> float:
    """Editions/s storing each edition as one row (text and JSON body), no index: the floor."""
    path = folder / "baseline.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE e (id TEXT PRIMARY KEY, text TEXT, body TEXT)")
    start = time.perf_counter()
    for e in editions_list:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO e VALUES (?, ?, ?)", (e.id, e.text, codec.body(e)))
        conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return len(editions_list) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--editions", type=int, default=20_000)
    parser.add_argument("--small", type=int, default=2_000)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--postgres-url", default=None)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]

    t0 = time.perf_counter()
    pieces, headings, titles, sizes = load_corpus(args.shared)
    print(
        f"corpus: {len(pieces):,} sentences, {sum(len(p.facts) for p in pieces):,} facts from {len(sizes)} editions "
        f"(sentences per edition: median {statistics.median(sizes):.0f}, mean {statistics.mean(sizes):.0f}); "
        f"read in {time.perf_counter() - t0:.1f} s",
        flush=True,
    )
    queries = make_queries(pieces, args.queries, args.seed)
    print(f"queries: {len(queries)} of 1–3 words, e.g. {', '.join(repr(q) for q in queries[:5])}", flush=True)

    with tempfile.TemporaryDirectory(prefix="editions-bench-") as tmp, contextlib.ExitStack() as stack:
        folder = Path(tmp)
        libraries: dict[str, Library] = {}
        for backend in backends:
            if backend == "sqlite":
                libraries[backend] = Library(folder / "bench.db")
            elif backend == "postgres":
                url = args.postgres_url or stack.enter_context(throwaway_postgres())
                libraries[backend] = Library(url)
            else:
                raise SystemExit(f"unknown backend {backend!r}")
        add_seconds = dict.fromkeys(libraries, 0.0)
        sample: list[Edition] = []
        results: dict[tuple[str, int], dict[str, float]] = {}
        checkpoints = sorted({min(args.small, args.editions), args.editions})
        build_seconds = 0.0
        events = plan(args.editions, len(pieces), sizes, titles, headings, args.seed)
        for added, (report, _) in enumerate(events, start=1):
            t = time.perf_counter()
            edition = build(report, pieces)
            build_seconds += time.perf_counter() - t
            if len(sample) < 1000:
                sample.append(edition)
            for name, library in libraries.items():
                t = time.perf_counter()
                library.add(edition)
                add_seconds[name] += time.perf_counter() - t
            if added % 2000 == 0:
                rates = ", ".join(f"{n} {added / s:.0f}/s" for n, s in add_seconds.items())
                print(f"  … {added:,} editions added ({rates}; building {added / build_seconds:.0f}/s)", flush=True)
            if added in checkpoints:
                print(f"at {added:,} editions:", flush=True)
                for name, library in libraries.items():
                    results[(name, added)] = measure(library, queries, name, added, add_seconds[name])
        baseline = baseline_rate(sample, folder)
        for library in libraries.values():
            library.close()

    print("\nsummary (goal at 20,000 editions: search p95 ≤ 50 ms SQLite, ≤ 100 ms PostgreSQL)")
    for (name, n), fig in results.items():
        print(
            f"  {name:<9} {n:>7,}: add {fig['add_per_s']:.0f} editions/s "
            f"(baseline one row per edition {baseline:.0f}/s, ratio {baseline / fig['add_per_s']:.1f}x), "
            f"{fig['size_mb']:.0f} MB, search p50/p95 {fig['search_p50']:.1f}/{fig['search_p95']:.1f} ms, "
            f"timeline p50/p95 {fig['timeline_p50']:.1f}/{fig['timeline_p95']:.1f} ms"
        )
    print(f"total {time.perf_counter() - t0:.0f} s")
    json.dump({f"{k[0]}@{k[1]}": v for k, v in results.items()}, sys.stderr)
    sys.stderr.write("\n")


if __name__ == "__main__":
    main()
