"""What change notices cost: recording one per new edition, listing them, serving the feeds, sending alerts.

    .venv/bin/python benchmarks/notices.py [--reports 500] [--requests 20]

A SQLite library of `--reports` generated reports (two editions each, ~40 sentences, a few figures changed between
them) in a temporary folder. Measured:

- record: `Library.record_notice(report)` for each report (one comparison and one insert: what `editions update`
  adds per new edition), per notice p50 / p95, and again for the same pairs (a notice kept: no comparison);
- list: `Library.notices(limit=50)`, `notices(report=…)`, `notices(watched_only=True)` with a tenth watched;
- web: `/changes`, `/changes.atom`, `/watch.atom`, `/reports/{report}.atom`, `/api/changes` in-process
  (Starlette's test client), p50 / p95 over `--requests` requests after one warm-up;
- alerts: `editions.notify.deliver_pending` of every notice to a json:// receiver on 127.0.0.1 (notices per
  second), then the call that finds nothing pending.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from http_receiver import Receiver  # noqa: E402  (tests/http_receiver.py: a real local HTTP receiver)

from editions import Library  # noqa: E402
from editions.notify import deliver_pending  # noqa: E402

TOPICS = ("ports", "bridges", "schools", "clinics", "radars", "patrol boats", "training", "roads")


def edition_text(n: int, version: int) -> str:
    """Report n's edition `version` (1 or 2): 4 sections of 10 sentences; edition 2 changes 3 figures, adds one
    sentence and drops one."""
    date = "March 3, 2025" if version == 1 else "October 1, 2026"
    lines = [f"Updated {date} (IF8{n:04d})", "", f"Program {n}: Funding and Oversight", ""]
    for section in range(4):
        lines += [f"Section {section + 1}", ""]
        sentences = []
        for i in range(10):
            amount = (n * 7 + i * 13 + section) % 900 + 10
            if version == 2 and i == section * 2:
                amount += 5  # a changed figure
            if version == 2 and section == 3 and i == 9:
                continue  # a dropped sentence
            topic = TOPICS[(n + i + section) % len(TOPICS)]
            sentences.append(
                f"In fiscal year {2010 + (n + i) % 15}, program {n}-{section}-{i} received about ${amount} million "
                f"for {topic} in district {i}."
            )
        if version == 2 and section == 1:
            sentences.append(f"Congress asked for a review of program {n} in 2026.")
        lines += [" ".join(sentences), ""]
    return "\n".join(lines)


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms(values: list[float]) -> str:
    return f"p50 {statistics.median(values) * 1000:.2f} ms, p95 {p(values, 0.95) * 1000:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # Starlette's test client suggests httpx2; httpx still works
    from fastapi.testclient import TestClient

    from editions.web import create_app

    with tempfile.TemporaryDirectory(prefix="editions-notices-") as tmp:
        folder = Path(tmp)
        keys = [f"IF8{n:04d}" for n in range(args.reports)]
        with Library(folder / "notices.db") as lib:
            t0 = time.perf_counter()
            for n in range(args.reports):
                for version in (1, 2):
                    lib.add(
                        edition_text(n, version).encode(),
                        "text",
                        name=f"IF8{n:04d}-{version}.txt",
                    )
            built = time.perf_counter() - t0
            print(f"library: {args.reports} reports, {2 * args.reports} editions, built in {built:.1f} s")

            record: list[float] = []
            for key in keys:
                record += timed(lambda key=key: lib.record_notice(key), 1)
            lines = [len(n.headline) for n in lib.notices()]
            print(f"record_notice (compare + insert): {ms(record)}; {len(lines)} notices, "
                  f"{statistics.mean(lines):.1f} headline lines each on average")  # fmt: skip
            again = [t for key in keys[:100] for t in timed(lambda key=key: lib.record_notice(key), 1)]
            print(f"record_notice of a pair already noticed: {ms(again)}")

            lib.watch(keys[::10])  # a tenth of the reports
            print(f"notices(limit=50): {ms(timed(lambda: lib.notices(limit=50), args.requests))}")
            print(f"notices(report=…): {ms(timed(lambda: lib.notices(report=keys[len(keys) // 2]), args.requests))}")
            print(f"notices(watched_only=True): {ms(timed(lambda: lib.notices(watched_only=True), args.requests))}")

            client = TestClient(create_app(lib))
            for path in ("/changes", "/changes.atom", "/watch.atom", f"/reports/{keys[0]}.atom", "/api/changes"):
                assert client.get(path).status_code == 200, path
                print(f"GET {path}: {ms(timed(lambda path=path: client.get(path), args.requests))}")

            with Receiver() as receiver:
                t0 = time.perf_counter()
                made = deliver_pending(lib, [receiver.url()])
                took = time.perf_counter() - t0
                assert len(made) == len(keys) and all(d.delivered for d in made)
                assert len(receiver.bodies) == len(keys)
                print(f"deliver_pending: {len(made)} notices to json://127.0.0.1 in {took:.1f} s "
                      f"({len(made) / took:.0f} notices/s)")  # fmt: skip
                t0 = time.perf_counter()
                assert deliver_pending(lib, [receiver.url()]) == []
                print(f"deliver_pending with nothing pending: {(time.perf_counter() - t0) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
