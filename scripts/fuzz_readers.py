"""Fuzz the readers: mutate corpus files (bytes flipped, truncated, spliced between formats, random junk, huge
repetition within a size cap) with a seeded RNG and call `editions.read(data, name=...)` on each. Every outcome
must be an Edition or an `EditionsError` whose message is one sentence; any other exception, a message of
several lines, a hang (over --case-timeout) or a crash of the reading process is a failure, saved with its input
to --failures for reproduction. The reads run in a child process, so a segfault is counted, not fatal.

    .venv/bin/python scripts/fuzz_readers.py --seconds 300 --failures /tmp/fuzz-failures

Exit status 1 when any case failed."""

from __future__ import annotations

import argparse
import json
import random
import select
import struct
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FORMAT_OF = {".txt": "text", ".md": "markdown", ".html": "html", ".pdf": "pdf"}

# The child: reads length-prefixed cases (name, data) from stdin, answers one JSON line per case.
WORKER = r"""
import json, struct, sys, traceback, warnings
import editions
from editions.errors import EditionsError
warnings.simplefilter("ignore")
stdin = sys.stdin.buffer
while True:
    head = stdin.read(8)
    if len(head) < 8:
        break
    name_len, data_len = struct.unpack(">II", head)
    name = stdin.read(name_len).decode() or None
    data = stdin.read(data_len)
    try:
        edition = editions.read(data, name=name)
        answer = {"outcome": "edition", "sentences": len(edition.sentences)}
    except EditionsError as error:
        answer = {"outcome": "refused", "message": str(error)}
    except BaseException as error:
        answer = {"outcome": "exception", "message": traceback.format_exc()[-4000:]}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
"""


@dataclass(frozen=True)
class Case:
    name: str | None
    data: bytes
    mutation: str
    seed_file: str


def seeds(corpus: Path, max_kb: int) -> list[Path]:
    found = [
        p
        for folder in (corpus, SAMPLES)
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in FORMAT_OF and p.stat().st_size <= max_kb * 1024
    ]
    return sorted(found)


def mutate(rng: random.Random, files: list[Path], cap: int) -> Case:
    path = rng.choice(files)
    data = path.read_bytes()
    name: str | None = path.name
    kind = rng.choice(["flip", "truncate", "splice", "junk", "repeat"])
    if kind == "flip":
        buf = bytearray(data)
        for _ in range(rng.randint(1, max(1, len(buf) // rng.choice([10, 100, 1000])))):
            if buf:
                buf[rng.randrange(len(buf))] = rng.randrange(256)
        data = bytes(buf)
    elif kind == "truncate":
        data = data[: rng.randrange(len(data) + 1)]
    elif kind == "splice":
        other_path = rng.choice([p for p in files if p.suffix != path.suffix] or files)
        other = other_path.read_bytes()
        data = data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]
        name = rng.choice([path.name, other_path.name])
    elif kind == "junk":
        data = rng.randbytes(rng.choice([0, 1, 16, 1000, 100_000]))
        if rng.random() < 0.5 and data:  # junk behind a real format's opening, so the sniffer takes it
            data = rng.choice([b"%PDF-1.7\n", b"<html><body>", b"# Title\n\n", b"\xef\xbb\xbf"]) + data
        name = rng.choice([None, "junk.bin", *[f"junk{s}" for s in FORMAT_OF]])
    else:  # repeat a slice until the size cap
        start = rng.randrange(len(data) + 1)
        piece = data[start : start + rng.choice([1, 10, 100, 10_000])] or b"a"
        data = data[:start] + piece * (rng.randrange(cap) // len(piece))
    if rng.random() < 0.1:  # a name that lies about the format, or none
        name = rng.choice([None, "edition.txt", "edition.md", "edition.html", "edition.pdf"])
    return Case(name, data[:cap], kind, str(path))


class Reader:
    """The child process that reads; restarted after a crash or a hang."""

    def __init__(self) -> None:
        # The child's stderr goes to a file: a pipe nobody drains would stall it once full.
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close())
        self.proc = self._start()

    def _start(self) -> subprocess.Popen[bytes]:
        self.stderr.seek(0)
        self.stderr.truncate()
        return subprocess.Popen(
            [sys.executable, "-c", WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr
        )

    def read(self, case: Case, timeout: float) -> dict[str, object]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        name = (case.name or "").encode()
        try:
            self.proc.stdin.write(struct.pack(">II", len(name), len(case.data)) + name + case.data)
            self.proc.stdin.flush()
        except BrokenPipeError:
            return self._died()
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            self.proc.kill()
            self.proc.wait()
            self.proc = self._start()
            return {"outcome": "hang", "message": f"no answer in {timeout} s"}
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            return self._died()
        answer: dict[str, object] = json.loads(line)
        return answer

    def _died(self) -> dict[str, object]:
        code = self.proc.wait()
        self.stderr.seek(0)
        stderr = self.stderr.read().decode(errors="replace")[-2000:]
        self.proc = self._start()
        return {"outcome": "crash", "message": f"reading process ended with {code}: {stderr}"}

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)
        self.stderr.close()


def one_sentence(message: object) -> bool:
    return isinstance(message, str) and bool(message.strip()) and "\n" not in message.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--max-kb", type=int, default=2048, help="seed files up to this size")
    parser.add_argument("--cap-mb", type=float, default=8, help="no mutated input is larger")
    parser.add_argument("--case-timeout", type=float, default=120, help="a read longer than this is a hang")
    parser.add_argument(
        "--failures",
        type=Path,
        default=Path(tempfile.gettempdir()) / "editions-fuzz-failures",
        help="where failures are saved (outside the repository)",
    )
    args = parser.parse_args()

    rng = random.Random(args.seed)
    files = seeds(args.corpus.resolve(), args.max_kb)
    cap = int(args.cap_mb * 1024 * 1024)
    reader = Reader()
    by_format: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    mutations: Counter[str] = Counter()
    failures = 0
    start = time.monotonic()
    try:
        while time.monotonic() - start < args.seconds:
            case = mutate(rng, files, cap)
            answer = reader.read(case, args.case_timeout)
            outcome = str(answer["outcome"])
            if outcome == "refused" and not one_sentence(answer.get("message")):
                outcome = "message"
            n = sum(outcomes.values()) + 1
            outcomes[outcome] += 1
            mutations[case.mutation] += 1
            by_format[FORMAT_OF.get(Path(case.seed_file).suffix, "?")] += 1
            if outcome not in ("edition", "refused"):
                failures += 1
                folder = args.failures / f"case-{n:06d}-{outcome}"
                folder.mkdir(parents=True, exist_ok=True)
                (folder / "input.bin").write_bytes(case.data)
                (folder / "case.json").write_text(
                    json.dumps(
                        {"name": case.name, "mutation": case.mutation, "seed_file": case.seed_file, **answer}, indent=1
                    )
                )
                print(f"case {n}: {outcome} ({case.mutation} of {case.seed_file}, name {case.name!r}) -> {folder}")
    finally:
        reader.close()
    elapsed = time.monotonic() - start
    print(f"{sum(outcomes.values())} cases in {elapsed:.0f} s from {len(files)} seed files, seed {args.seed}")
    print("by seed format: " + ", ".join(f"{k} {v}" for k, v in sorted(by_format.items())))
    print("by mutation: " + ", ".join(f"{k} {v}" for k, v in sorted(mutations.items())))
    print(
        f"editions {outcomes['edition']}, refusals {outcomes['refused']}, failures {failures} "
        f"(exceptions {outcomes['exception']}, crashes {outcomes['crash']}, hangs {outcomes['hang']}, "
        f"messages not one sentence {outcomes['message']})"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
