"""Kill -9 trials of `editions add`: each trial adds a folder of corpus files into a fresh library, kills the
command after a random (seeded) delay, then checks what the kill left: the library opens, every stored edition
is whole (equal to `editions.read` of its source file), no source row without its edition, search finds a
sentence of each stored edition; then re-runs the add and checks it completes with every file.

    .venv/bin/python scripts/kill_trials.py --trials 20 --files 30
    .venv/bin/python scripts/kill_trials.py --trials 10 --postgres postgresql://editions@127.0.0.1:5432/postgres

With --postgres, the URL names a server's maintenance database: each trial creates (and drops) its own database
there. Exit status 1 when any trial failed."""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import editions
from editions.errors import EditionsError
from editions.library import Library, expand_paths

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
SUFFIXES = (".md", ".html", ".pdf", ".txt")
WORD = re.compile(r"[A-Za-z]{4,}")


@dataclass(frozen=True)
class Trial:
    delay: float
    killed_mid_add: bool
    stored_at_kill: int
    problems: tuple[str, ...]


def pick_files(corpus: Path, count: int, max_kb: int, rng: random.Random) -> list[Path]:
    """`count` corpus files that `editions.read` accepts, in a seeded random order."""
    candidates = sorted(
        p for p in corpus.rglob("*") if p.is_file() and p.suffix in SUFFIXES and p.stat().st_size <= max_kb * 1024
    )
    rng.shuffle(candidates)
    picked: list[Path] = []
    for path in candidates:
        if len(picked) == count:
            break
        if not expand_paths([path.parent]) or path not in expand_paths([path.parent]):
            continue  # a file `editions add DIR` skips (a README, say)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                editions.read(path)
        except EditionsError:
            continue
        picked.append(path)
    return picked


def expected_editions(folder: Path) -> dict[str, editions.Edition]:
    """Each file of the folder (by its path, as the library records the source's name) read as it is."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {str(p): editions.read(p) for p in sorted(folder.iterdir())}


def search_words(sentence: str) -> str | None:
    """Up to five of the sentence's longest words, each standing between spaces and ASCII punctuation: a word
    joined to another by a dash is left out (PostgreSQL's parser in a C-locale cluster reads
    "measurements—to" as one word; scripts/kill_trials.py checks the add, not that)."""
    tokens = (t.strip(".,;:!?()[]\"'") for t in sentence.split())
    words = sorted({t for t in tokens if WORD.fullmatch(t)}, key=len, reverse=True)[:5]
    return " ".join(words) if len(words) >= 2 else None


def contents(url: str) -> dict[str, frozenset[str]]:
    """Each edition's id and the names of its sources."""
    with Library(url) as library:
        rows = library._db.query("SELECT e.id, s.name FROM editions e JOIN sources s ON s.edition_pk = e.pk")
    found: dict[str, set[str]] = {}
    for edition_id, name in rows:
        found.setdefault(edition_id, set()).add(name)
    return {k: frozenset(v) for k, v in found.items()}


def check_library(url: str, expected: dict[str, editions.Edition]) -> tuple[int, list[str]]:
    """How many editions the library holds, and every way it is not whole."""
    problems: list[str] = []
    by_id = {e.id: e for e in expected.values()}
    try:
        library = Library(url)
    except Exception as error:  # the check is that it opens at all
        return 0, [f"library does not open: {type(error).__name__}: {error}"]
    with library:
        db = library._db
        rows = db.query("SELECT pk, id FROM editions")
        orphans = db.query("SELECT count(*) FROM sources WHERE edition_pk NOT IN (SELECT pk FROM editions)")[0][0]
        if orphans:
            problems.append(f"{orphans} source rows without their edition")
        for pk, edition_id in rows:
            names = [name for (name,) in db.query("SELECT name FROM sources WHERE edition_pk = ?", (pk,))]
            if not names:
                problems.append(f"edition {edition_id[:12]} has no source")
            for name in names:
                # A file is this edition's primary reading, or another format's reading of it (merged sources).
                source = expected.get(name)
                if source is None:
                    problems.append(f"edition {edition_id[:12]}: source {name} is no file added")
                    continue
                stored = library.get(edition_id, source=None if source.id == edition_id else source.source.format)
                if stored.id != source.id or stored.text != source.text or stored.sentences != source.sentences:
                    problems.append(f"edition {edition_id[:12]}: its reading of {name} is not whole")
            want = by_id.get(edition_id)
            if want is None:
                problems.append(f"edition {edition_id[:12]} is no file's primary reading")
                continue
            sentences = [want.text_of(s) for s in want.sentences]
            query = next((q for s in sentences if (q := search_words(s)) is not None), None)
            if query is not None:
                results = library.search(query, report=want.report, limit=100)
                if results.total == 0:
                    problems.append(f"edition {edition_id[:12]}: search {query!r} finds nothing")
        if library.backend == "sqlite" and db.query("PRAGMA integrity_check")[0][0] != "ok":
            problems.append("PRAGMA integrity_check is not ok")
        return len(rows), problems


def add_command(url: str, folder: Path) -> list[str]:
    return [sys.executable, "-m", "editions", "add", str(folder), "--library", url]


def run_trial(
    url: str, folder: Path, expected: dict[str, editions.Edition], reference: dict[str, frozenset[str]], delay: float
) -> Trial:
    Library(url).close()  # created first, so the kill lands in the adding, not in creating the schema
    proc = subprocess.Popen(add_command(url, folder), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(delay)
    alive = proc.poll() is None
    proc.kill()  # SIGKILL
    proc.wait(timeout=60)
    stored, problems = check_library(url, expected)
    done = subprocess.run(add_command(url, folder), capture_output=True, text=True, timeout=1800)
    last = done.stdout.splitlines()[-1] if done.stdout.strip() else ""
    if done.returncode != 0 or not last.endswith(" 0 failed"):
        problems.append(f"re-run exit {done.returncode}: {last or done.stderr.strip()[-300:]}")
    final, after = check_library(url, expected)
    problems += [f"after re-run: {p}" for p in after]
    if contents(url) != reference:
        problems.append(f"after re-run {final} editions and their sources differ from an uninterrupted add's")
    # Mid-add: some editions stored, not all (a kill before the first is stored may land in imports).
    return Trial(delay, alive and 0 < stored < len(reference), stored, tuple(problems))


@contextmanager
def sqlite_library(root: Path, n: int) -> Iterator[str]:
    yield str(root / f"trial-{n}.db")


@contextmanager
def postgres_library(server_url: str, n: int) -> Iterator[str]:
    import psycopg

    name = f"kill_trial_{n}_{random.SystemRandom().randrange(10**9)}"
    parts = urlsplit(server_url)
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="where the files are picked from")
    parser.add_argument("--files", type=int, default=30, help="how many corpus files each trial adds")
    parser.add_argument("--max-kb", type=int, default=400, help="only corpus files up to this size")
    parser.add_argument("--max-delay", type=float, default=0.0, help="kill within this many seconds (0: measure)")
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server's maintenance database URL")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    root = Path(tempfile.mkdtemp(prefix="editions-kill-trials-"))
    try:
        folder = root / "in"
        folder.mkdir()
        for n, path in enumerate(pick_files(args.corpus.resolve(), args.files, args.max_kb, rng)):
            shutil.copyfile(path, folder / f"{n:03d}-{path.name}")  # numbered: two files may share a name
        expected = expected_editions(folder)
        backend = "postgres" if args.postgres else "sqlite"
        server: str | None = args.postgres

        def library(n: int) -> AbstractContextManager[str]:
            return postgres_library(server, n) if server else sqlite_library(root, n)

        with library(0) as url:  # one uninterrupted add: what every trial must end with, and how long it takes
            Library(url).close()
            start = time.monotonic()
            subprocess.run(add_command(url, folder), capture_output=True, check=True, timeout=1800)
            elapsed = time.monotonic() - start
            reference = contents(url)
            _, problems = check_library(url, expected)
            if problems:
                print("an uninterrupted add is not whole: " + "; ".join(problems))
                return 1
        max_delay = args.max_delay if args.max_delay > 0 else elapsed
        print(
            f"{backend}: {len(expected)} files, {len(reference)} editions, "
            f"kill within {max_delay:.1f} s, seed {args.seed}",
            flush=True,
        )
        trials: list[Trial] = []
        for n in range(1, args.trials + 1):
            with library(n) as url:
                trial = run_trial(url, folder, expected, reference, rng.uniform(0.3, max_delay))
            trials.append(trial)
            state = (
                "mid-add"
                if trial.killed_mid_add
                else "none stored yet"
                if not trial.stored_at_kill
                else "all stored, preparing summaries"
            )
            verdict = "ok" if not trial.problems else "FAILED: " + "; ".join(trial.problems)
            print(f"trial {n}: killed at {trial.delay:.2f} s ({state}, {trial.stored_at_kill} stored) {verdict}")
        failures = sum(1 for t in trials if t.problems)
        mid = sum(1 for t in trials if t.killed_mid_add)
        print(f"{backend}: {len(trials)} trials, {mid} kills landed mid-add, {failures} failures")
        return 1 if failures else 0
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
