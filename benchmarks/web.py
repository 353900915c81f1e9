"""The web app's speed: requests/s and latency of the library, report, compare and search pages, against a
library of 2,000 editions, with the server (`editions serve`, uvicorn) on loopback in its own process and this
process as the client.

    .venv/bin/python benchmarks/web.py [--shared ../shared] [--editions 2000] [--requests 40] [--clients 4]

The library is benchmarks/library.py's synthetic one (corpus sentences recombined into reports that evolve
edition by edition: ~200 reports), plus the 100-page edition pair of benchmarks/compare.py (3,000 sentences a
side, with programmatic edits) as a report of its own. For each page:

- cold: the first request for each distinct page (nothing computed yet in the server: comparisons, charts);
- warm: the same pages again, one client (sequential latency: p50, p95, requests/s);
- parallel: `--clients` clients at once on warm pages (requests/s).

Pages: library `/` (every report with its latest edition and % changed), report `/reports/{key}` (editions,
figure charts, the latest brief), compare `/compare/{old}/{new}` of the 100-page pair, search `/search?q=…`
(1–3 corpus words). Baseline in the same run: `/static/editions.css` (the server and client's own floor), and
for the compare page `editions.compare` of the same pair called directly (what the page costs beyond the
comparison), and the server's CPU time for the compare page's first view (read from `/proc`: on a shared, busy
machine the steadier figure of the two). Goal: compare p95 ≤ 1 s, the other pages ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path
from urllib.parse import quote, urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import compare as compare_bench  # noqa: E402  (benchmarks/compare.py: the 100-page pair)
import library as library_bench  # noqa: E402  (benchmarks/library.py: the synthetic library)

import editions  # noqa: E402
from editions.library import Library  # noqa: E402

REPO = HERE.parent


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def build_library(path: Path, shared: Path, n: int, seed: int) -> tuple[list[str], list[str], tuple[str, str]]:
    """The library at `path`: (report keys, search queries, (old, new) refs of the 100-page pair)."""
    t0 = time.perf_counter()
    pieces, headings, titles, sizes = library_bench.load_corpus(shared)
    queries = library_bench.make_queries(pieces, 60, seed)
    keys: list[str] = []
    with Library(path) as lib:
        for report, _ in library_bench.plan(n, len(pieces), sizes, titles, headings, seed):
            lib.add(library_bench.build(report, pieces))
            if report.key not in keys:
                keys.append(report.key)
        with tempfile.TemporaryDirectory() as tmp:
            pair = compare_bench.build(shared, 100, Path(tmp))
        old = lib.add(pair.old).edition
        new = lib.add(pair.new).edition
    print(
        f"library: {n:,} synthetic editions in {len(keys)} reports + the 100-page pair "
        f"({len(pair.old.sentences):,} → {len(pair.new.sentences):,} sentences), added in "
        f"{time.perf_counter() - t0:.0f} s",
        flush=True,
    )
    # By id: the pair's two editions are undated, so a reference taken when the first was added alone
    # (`…@undated`) no longer names it once the second is in.
    return keys, queries, (old.id, new.id)


class Server:
    """`editions serve --library PATH --port 0` in a child process; its URL is the line it prints."""

    def __init__(self, library: Path) -> None:
        env = {k: v for k, v in os.environ.items() if k not in ("EDITIONS_TOKEN",)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "editions", "serve", "--library", str(library), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if " at http://" not in line:
            raise SystemExit(
                f"editions serve did not start: {line}{self.process.stderr.read() if self.process.stderr else ''}"
            )
        url = urlsplit(line.split(" at ", 1)[1].strip())
        self.host, self.port = url.hostname or "127.0.0.1", url.port or 80

    def cpu(self) -> float | None:
        """CPU seconds the server process has used (Linux `/proc`; None elsewhere): on a shared machine the
        steadier measure of what one request costs."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(30)


def fetch(conn: http.client.HTTPConnection, path: str) -> float:
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    if response.status != 200:
        raise SystemExit(f"GET {path}: {response.status} {body[:300]!r}")
    return elapsed


def sequential(server: Server, paths: list[str]) -> list[float]:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=120)
    try:
        return [fetch(conn, p) for p in paths]
    finally:
        conn.close()


def parallel(server: Server, paths: list[str], clients: int) -> float:
    """Requests per second with `clients` keep-alive connections sharing `paths`."""
    lock = threading.Lock()
    queue = list(paths)

    def work() -> None:
        conn = http.client.HTTPConnection(server.host, server.port, timeout=120)
        try:
            while True:
                with lock:
                    if not queue:
                        return
                    path = queue.pop()
                fetch(conn, path)
        finally:
            conn.close()

    threads = [threading.Thread(target=work) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(paths) / (time.perf_counter() - started)


def row(name: str, cold: list[float], warm: list[float], rate: float, goal_ms: float) -> None:
    """The goal is judged on first views (cold p95) and on later ones (warm p95) alike."""
    p50, p95 = statistics.median(warm) * 1000, percentile(warm, 0.95) * 1000
    cold_p95 = percentile(cold, 0.95) * 1000
    verdict = "meets" if max(p95, cold_p95) <= goal_ms else "MISSES"
    print(
        f"| {name:<8} | {statistics.median(cold) * 1000:8.0f} | {cold_p95:8.0f} | {max(cold) * 1000:8.0f} | "
        f"{p50:7.1f} | {p95:7.1f} | {len(warm) / sum(warm):7.1f} | {rate:8.1f} | ≤ {goal_ms:.0f} ms: {verdict} |",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--editions", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=40, help="warm requests per page kind")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--library", type=Path, default=None, help="reuse (or keep) the library at this path")
    args = parser.parse_args()
    if not (args.shared / "corpus").is_dir():
        raise SystemExit(f"no corpus under {args.shared}: give --shared")
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory(prefix="editions-web-bench-") as tmp:
        path = args.library or Path(tmp) / "web.db"
        keys_file = path.with_suffix(".keys")
        if path.exists() and keys_file.exists():
            lines = keys_file.read_text().splitlines()
            keys, queries, pair = lines[0].split("\t"), lines[1].split("\t"), tuple(lines[2].split("\t"))
            print(f"library: reusing {path}", flush=True)
        else:
            keys, queries, built_pair = build_library(path, args.shared, args.editions, args.seed)
            pair = built_pair
            keys_file.write_text("\n".join(["\t".join(keys), "\t".join(queries), "\t".join(built_pair)]) + "\n")
        old_ref, new_ref = pair
        with Library(path) as lib:
            # What `editions add` does after adding: each report's summary made and kept (`Library.prepare`).
            t0 = time.perf_counter()
            made = lib.prepare()
            print(f"prepare: {made} report summaries made in {time.perf_counter() - t0:.1f} s", flush=True)
            old, new = lib.get(old_ref), lib.get(new_ref)
        direct, direct_cpu = compare_bench.best_of(3, lambda: editions.compare(old, new))

        rng = random.Random(args.seed)
        n = args.requests
        report_paths = [f"/reports/{quote(k)}" for k in rng.sample(keys, min(n, len(keys)))]
        search_paths = [f"/search?q={quote(q)}" for q in queries[:n]]
        compare_path = f"/compare/{quote(old_ref, safe='@~')}/{quote(new_ref, safe='@~')}"
        kinds = {
            "library": (["/"], ["/"] * n, 100.0),
            "report": (report_paths, report_paths, 100.0),
            "compare": ([compare_path], [compare_path] * max(5, n // 4), 1000.0),
            "search": (search_paths, search_paths, 100.0),
        }
        server = Server(path)
        try:
            floor = sequential(server, ["/static/editions.css"] * 200)
            print(
                f"\nserver: editions serve (uvicorn, one process) on {server.host}:{server.port}; client: this "
                f"process, keep-alive; floor (/static/editions.css) p50 {statistics.median(floor) * 1000:.2f} ms; "
                f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n"
            )
            print(
                "| page     | cold p50 | cold p95 | cold max | warm p50 | warm p95 | req/s (1) | req/s ("
                + str(args.clients)
                + ") | goal |"
            )
            print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
            results = {}
            cold_cpu: dict[str, float | None] = {}
            for name, (cold_paths, warm_paths, goal) in kinds.items():
                before = server.cpu()
                cold = sequential(server, cold_paths)
                after = server.cpu()
                cold_cpu[name] = None if before is None or after is None else after - before
                warm = sequential(server, warm_paths)
                rate = parallel(server, warm_paths * 2, args.clients)
                row(name, cold, warm, rate, goal)
                results[name] = (cold, warm)
        finally:
            server.close()
        cold_compare = results["compare"][0][0]
        warm_compare = statistics.median(results["compare"][1])
        server_cpu = cold_cpu["compare"]
        print(
            f"\ncompare page, 100-page pair: cold {cold_compare:.2f} s"
            + ("" if server_cpu is None else f" (server CPU {server_cpu:.2f} s)")
            + f" vs editions.compare alone {direct:.2f} s (CPU {direct_cpu:.2f} s; ratio "
            f"{cold_compare / direct:.2f}x); warm {warm_compare * 1000:.0f} ms (the comparison is kept in "
            f"memory). Library page p50 / floor p50: "
            f"{statistics.median(results['library'][1]) / statistics.median(floor):.0f}x. Load average at the end: "
            f"{os.getloadavg()[0]:.1f}."
        )


if __name__ == "__main__":
    main()
