"""Catalogue scale: back-fill generated reports from the fake Congress.gov into a library, against adding the
same files from disk.

Generates `--reports` reports × `--versions` versions (default 2,000 × 5 = 10,000 editions) as PDFs (two pages,
~24 sentences, each version rewording a few sentences and moving its figures), writes them to a folder, and serves
them from the tests' fake Congress.gov (tests/fetch/fake_congress.py) in a child process. Then, per backend
(SQLite, PostgreSQL: a throwaway server from the installed binaries, as benchmarks/library.py starts it):

- add: `Library.add_files` on the folder (what `editions add FOLDER` does), editions/s;
- fetch --jobs J (for each J of `--jobs`): `editions fetch` of every report from the fake server into an empty
  library, no rate limit (`--rate 0`: the network is not what is measured), editions/s, and the ratio of its
  time to add's (goal: at most 1.3).

    .venv/bin/python benchmarks/fetch.py [--reports 2000] [--versions 5] [--jobs 1,4] [--repeat 1]
        [--backends sqlite,postgres] [--postgres-url URL]
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests" / "fetch"), str(REPO / "benchmarks")]

from fake_congress import FakeCongress, FakeReport, Version, report_pdf  # noqa: E402

from editions.fetch import FetchSettings, open_fetcher  # noqa: E402
from editions.library import Library  # noqa: E402

MONTHS = ["January", "March", "May", "July", "September", "November"]
TOPICS = ["ports", "bridges", "schools", "clinics", "radars", "levees", "airports", "rail lines"]


def version_text(report: int, version: int) -> Version:
    year = 2016 + (report + version) % 9
    month = (report + version * 2) % 6
    date = f"{year + version // 6}-{month * 2 + 1:02d}-{(report % 27) + 1:02d}"
    date_text = f"{MONTHS[month]} {(report % 27) + 1}, {year + version // 6}"
    paragraphs = []
    for p in range(6):
        sentences = []
        for i in range(4):
            k = p * 4 + i
            moved = version if (k + report) % 7 == 0 else 1  # about one sentence in seven changes per version
            sentences.append(
                f"In fiscal year {2010 + (report + k) % 15}, program {report}-{k} received about "
                f"${(report * 7 + k * 13 + moved * 5) % 900 + 10} million for {TOPICS[k % len(TOPICS)]} "
                f"in district {k + 1}."
            )
        paragraphs.append(" ".join(sentences))
    return Version(version, date, date_text, paragraphs)


def report_id(n: int) -> str:
    return f"IF8{n:04d}"


def write_files(folder: Path, reports: int, versions: int) -> int:
    """The PDFs, `{ID}.{VERSION}.pdf`, as the fake server serves them and as `editions add` reads them."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for n in range(reports):
        for v in range(1, versions + 1):
            text = version_text(n, v)
            title = f"Program {n}: Funding and Issues for Congress"
            (folder / f"{report_id(n)}.{v}.pdf").write_bytes(
                report_pdf(report_id(n), title, text.date_text, text.paragraphs)
            )
            total += 1
    return total


class DiskReport(FakeReport):
    """A fake report whose PDFs are the files written to disk."""

    folder: Path = Path()

    def pdf(self, number: int) -> bytes:
        return (self.folder / f"{self.id}.{number}.pdf").read_bytes()


def serve(folder: Path, reports: int, versions: int, port_out: multiprocessing.Queue[int]) -> None:
    """The child process: the fake Congress.gov over the files in `folder`, until killed."""
    fake = FakeCongress()
    for n in range(reports):
        report = DiskReport(
            id=report_id(n),
            title=f"Program {n}: Funding and Issues for Congress",
            versions={v: version_text(n, v) for v in range(1, versions + 1)},
            html=False,
        )
        report.folder = folder
        fake.add(report)
    port_out.put(int(fake.server.server_address[1]))
    fake.server.serve_forever()


@contextlib.contextmanager
def fake_server(folder: Path, reports: int, versions: int) -> Iterator[str]:
    queue: multiprocessing.Queue[int] = multiprocessing.Queue()
    child = multiprocessing.Process(target=serve, args=(folder, reports, versions, queue), daemon=True)
    child.start()
    try:
        yield f"http://127.0.0.1:{queue.get(timeout=60)}/v3"
    finally:
        child.kill()
        child.join()


@contextlib.contextmanager
def library_at(backend: str, folder: Path, label: str, postgres: str | None) -> Iterator[Library]:
    if backend == "sqlite":
        with Library(folder / f"{label}.db") as library:
            yield library
        return
    import psycopg

    assert postgres is not None
    name = f"bench_{label}".replace("-", "_")
    with psycopg.connect(postgres, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    with Library(postgres.rsplit("/", 1)[0] + f"/{name}") as library:
        yield library


def run_add(library: Library, files: Path) -> tuple[float, int]:
    start = time.perf_counter()
    results = library.add_files([files])
    seconds = time.perf_counter() - start
    return seconds, sum(1 for r in results if r.added is not None and r.added.status.value == "added")


def run_fetch(library: Library, api_url: str, cache: Path, reports: int, jobs: int) -> tuple[float, int]:
    settings = FetchSettings(api_key="test-key", api_url=api_url, cache_dir=cache, rate=0, jobs=jobs, formats=("pdf",))
    start = time.perf_counter()
    with open_fetcher(library, settings) as fetcher:
        results = fetcher.fetch([report_id(n) for n in range(reports)])
    seconds = time.perf_counter() - start
    failed = [r.error for r in results if r.error] + [f.message for r in results for f in r.files if f.message]
    if failed:
        raise SystemExit(f"fetch failed: {failed[:3]}")
    return seconds, sum(len(r.added) for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--versions", type=int, default=5)
    parser.add_argument("--jobs", default="1,4")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--postgres-url", default=None)
    parser.add_argument("--repeat", type=int, default=1, help="rounds of add and fetch; the fastest counts")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    jobs = [int(j) for j in args.jobs.split(",")]
    root = Path(tempfile.mkdtemp(prefix="editions-bench-fetch-"))
    try:
        files = root / "files"
        start = time.perf_counter()
        total = write_files(files, args.reports, args.versions)
        print(
            f"{total} editions ({args.reports} reports × {args.versions} versions) generated in "
            f"{time.perf_counter() - start:.0f} s"
        )
        with contextlib.ExitStack() as stack:
            api_url = stack.enter_context(fake_server(files, args.reports, args.versions))
            postgres = None
            for backend in args.backends.split(","):
                if backend == "postgres":
                    from library import throwaway_postgres  # benchmarks/library.py

                    postgres = args.postgres_url or stack.enter_context(throwaway_postgres())
                # Rounds alternate add and fetch, and the fastest of each counts: the machine is shared.
                adds: list[float] = []
                fetches: dict[int, list[float]] = {j: [] for j in jobs}
                for round_ in range(args.repeat):
                    with library_at(backend, root, f"{backend}-add-{round_}", postgres) as library:
                        seconds, added = run_add(library, files)
                    adds.append(seconds)
                    for j in jobs:
                        cache = root / f"cache-{backend}-{j}-{round_}"
                        with library_at(backend, root, f"{backend}-fetch-{j}-{round_}", postgres) as library:
                            seconds, fetched = run_fetch(library, api_url, cache, args.reports, j)
                        shutil.rmtree(cache, ignore_errors=True)
                        assert fetched == added == total, (fetched, added, total)
                        fetches[j].append(seconds)
                add_seconds = min(adds)
                print(
                    f"{backend:<8} add       {total:>6} editions in {add_seconds:7.1f} s: "
                    f"{total / add_seconds:6.1f} editions/s"
                )
                for j in jobs:
                    seconds = min(fetches[j])
                    print(
                        f"{backend:<8} fetch -j{j:<2} {total:>6} editions in {seconds:7.1f} s: "
                        f"{total / seconds:6.1f} editions/s, {seconds / add_seconds:.2f}× add"
                    )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
