"""Bounded cost on large and hostile inputs (issue 18 item 4): time and peak memory of `editions` commands on
generated inputs, each run as its own child process.

    .venv/bin/python benchmarks/limits.py [--only NAME ...] [--timeout 300] [--keep DIR]

Every input is generated in a temporary folder (nothing is read from the corpus):

- `diff 50 MB text`: two plain texts of 50 MB of pseudo-sentences, the second with 5% of paragraphs edited and
  2% dropped (`editions diff OLD NEW --format json`);
- `diff 9.5 MB text`: the same just under diff's default input limit (10 MB), so it is compared;
- `show 20,000 / 100,000 sections`: Markdown with that many `##` sections of two sentences each, shown for a
  terminal (rich writes plain text into the pipe) and as JSON;
- `add 1,000 × 1,000 table`: a Markdown table of 1,000 rows of 1,000 cells, added to a new library;
- `show PDF bomb`: a one-page PDF whose FlateDecode content stream inflates to 1 GiB of spaces (about 1 MB on
  disk) after a line of text;
- `show 5 MB of cut paragraphs`: Markdown of 75,000 paragraphs (5 MB) each stopping mid-sentence (the fuzzer's slow
  input, scripts/fuzz_readers.py), which the reader joins into one.

Each case runs in a launcher process that starts the command and then reads `RUSAGE_CHILDREN.ru_maxrss`, so the
peak resident memory is that of the one command. The goal: every case finishes in under 30 s and 1 GB, or is
refused with one sentence in under 5 s. A case still running at `--timeout` is stopped and so reported.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

EDITIONS = [sys.executable, "-m", "editions"]
GOAL_SECONDS, GOAL_BYTES, REFUSE_SECONDS = 30.0, 10**9, 5.0
MB = 10**6

# The launcher: runs argv (stdout to a file, stderr kept), waits at most `timeout` seconds, then prints a JSON
# line with the exit code, the seconds taken, the child's CPU seconds (user + system), its peak RSS and the last
# line of its stderr (or of the "failed" lines `add` prints on stdout).
_LAUNCHER = """
import json, resource, subprocess, sys, time
argv, timeout, out = json.loads(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
started = time.perf_counter()
with open(out, "wb") as stdout:
    child = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE)
    try:
        _, err = child.communicate(timeout=timeout)
        code = child.returncode
    except subprocess.TimeoutExpired:
        child.kill()
        _, err = child.communicate()
        code = None
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
peak, cpu = usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime
lines = [l for l in err.decode("utf-8", "replace").splitlines() if l.strip()]
if not lines:  # `editions add` says why a file failed on stdout, in its "failed" line
    with open(out, "rb") as said:
        lines = [l.strip() for l in said.read().decode("utf-8", "replace").splitlines() if l.startswith("failed")]
print(json.dumps({"code": code, "seconds": seconds, "cpu": cpu, "peak": peak, "stderr": lines[-1] if lines else ""}))
"""


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], list[str]]
    """Writes the case's inputs into the folder and returns the command's arguments after `editions`."""


@dataclass(frozen=True)
class Run:
    code: int | None
    seconds: float
    cpu: float
    """User and system CPU seconds: on a shared machine the wall-clock seconds include waiting for a core."""
    peak: int
    stderr: str

    @property
    def verdict(self) -> str:
        if self.code is None:
            return "stopped (timeout)"
        if self.code != 0:
            met = self.seconds < REFUSE_SECONDS and self.peak < GOAL_BYTES
            return f"refused{'' if met else ' (too slowly)'}"
        return "ok" if self.seconds < GOAL_SECONDS and self.peak < GOAL_BYTES else "ok, over the goal"


# --- Inputs ---------------------------------------------------------------------------------------------------

_WORDS = [
    "the",
    "report",
    "says",
    "congress",
    "policy",
    "trade",
    "agency",
    "funding",
    "program",
    "federal",
    "state",
    "law",
    "court",
    "budget",
    "market",
    "rate",
    "tax",
    "defense",
    "energy",
    "health",
    "security",
    "committee",
    "bill",
    "section",
    "act",
    "year",
    "members",
    "hearing",
    "oversight",
    "office",
    "rule",
]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 20))]
    if rng.random() < 0.4:
        words.insert(rng.randrange(len(words)), str(rng.randint(1, 9999)))
    return " ".join(words).capitalize() + "."


def text_pair(folder: Path, size: int) -> tuple[Path, Path]:
    """Two texts of about `size` bytes: paragraphs of 3 to 7 pseudo-sentences; in the second, 5% of paragraphs
    have their first sentence replaced and 2% are dropped."""
    rng = random.Random(18)
    old_path, new_path = folder / f"old-{size // MB}MB.txt", folder / f"new-{size // MB}MB.txt"
    written = 0
    with old_path.open("w", encoding="utf-8") as old, new_path.open("w", encoding="utf-8") as new:
        while written < size:
            paragraph = [_sentence(rng) for _ in range(rng.randint(3, 7))]
            text = " ".join(paragraph) + "\n\n"
            old.write(text)
            written += len(text)
            roll = rng.random()
            if roll < 0.02:
                continue
            if roll < 0.07:
                paragraph[0] = _sentence(rng)
            new.write(" ".join(paragraph) + "\n\n")
    return old_path, new_path


def sections(folder: Path, count: int) -> Path:
    path = folder / f"sections-{count}.md"
    with path.open("w", encoding="utf-8") as out:
        out.write("# A report in many sections\n\n")
        for i in range(count):
            out.write(f"## Section {i}\n\nThe count in section {i} was {i % 977} in 2020. It rose after that.\n\n")
    return path


def table(folder: Path, rows: int, columns: int) -> Path:
    path = folder / f"table-{rows}x{columns}.md"
    with path.open("w", encoding="utf-8") as out:
        out.write("# A report with one large table\n\nThe table below lists every cell.\n\n")
        out.write("| " + " | ".join(f"Column {c}" for c in range(columns)) + " |\n")
        out.write("|" + "---|" * columns + "\n")
        for r in range(rows):
            out.write("| " + " | ".join(f"{r}.{c}" for c in range(columns)) + " |\n")
    return path


def pdf_bomb(folder: Path, inflated: int = 1 << 30) -> Path:
    """A one-page PDF whose content stream, FlateDecode-compressed, inflates to `inflated` bytes: a line of
    text, then spaces (compressed in chunks, so this process never holds the inflated stream)."""
    packer = zlib.compressobj(9)
    head = b"BT /F1 12 Tf 72 720 Td (A page whose content stream is mostly spaces.) Tj ET\n"
    parts = [packer.compress(head)]
    chunk = b" " * (16 << 20)
    left = inflated - len(head)
    while left > 0:
        parts.append(packer.compress(chunk[: min(left, len(chunk))]))
        left -= len(chunk)
    parts.append(packer.flush())
    stream = b"".join(parts)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path = folder / "bomb.pdf"
    path.write_bytes(bytes(out))
    return path


def cut_paragraphs(folder: Path, count: int) -> Path:
    path = folder / f"cut-{count}.md"
    with path.open("w", encoding="utf-8") as out:
        out.write("# A report cut at every line\n\n")
        for _ in range(count):
            out.write("the premerger notification shall be in such form and contain such\n\n")
    return path


def _diff(size: int) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        old, new = text_pair(folder, size)
        return ["diff", str(old), str(new), "--format", "json"]

    return make


def _show(count: int, fmt: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        path = folder / f"sections-{count}.md"
        if not path.exists():
            sections(folder, count)
        return ["show", str(path), "--format", fmt]

    return make


def _add_table(folder: Path) -> list[str]:
    return ["add", str(table(folder, 1000, 1000)), "--library", str(folder / "table-library.db")]


def _show_bomb(folder: Path) -> list[str]:
    return ["show", str(pdf_bomb(folder)), "--format", "json"]


def _show_cut(folder: Path) -> list[str]:
    return ["show", str(cut_paragraphs(folder, 75_000)), "--format", "json"]


CASES = [
    Case("diff 50 MB text", _diff(50 * MB)),
    Case("diff 9.5 MB text", _diff(9_500_000)),
    Case("show 20,000 sections (terminal)", _show(20_000, "terminal")),
    Case("show 20,000 sections (JSON)", _show(20_000, "json")),
    Case("show 100,000 sections (terminal)", _show(100_000, "terminal")),
    Case("show 100,000 sections (JSON)", _show(100_000, "json")),
    Case("add 1,000 × 1,000 table", _add_table),
    Case("show PDF bomb (1 MB → 1 GiB)", _show_bomb),
    Case("show 5 MB of cut paragraphs", _show_cut),
]


# --- Running --------------------------------------------------------------------------------------------------


def measure(args: list[str], folder: Path, timeout: float) -> Run:
    launched = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, json.dumps([*EDITIONS, *args]), str(timeout), str(folder / "stdout")],
        capture_output=True,
        text=True,
        check=True,
        env=_environment(),
    )
    data = json.loads(launched.stdout)
    return Run(data["code"], data["seconds"], data["cpu"], data["peak"], data["stderr"])


def _environment() -> dict[str, str]:
    import os

    # No size limit or library from whoever runs the benchmark: each case runs with the defaults.
    return {k: v for k, v in os.environ.items() if k not in ("EDITIONS_MAX_SIZE", "EDITIONS_LIBRARY")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="Run only the cases whose names contain one of these words.")
    parser.add_argument("--timeout", type=float, default=300.0, help="Stop a case after this many seconds.")
    parser.add_argument("--keep", type=Path, help="Generate the inputs in this folder and keep them.")
    options = parser.parse_args()
    cases = [c for c in CASES if not options.only or any(w.lower() in c.name.lower() for w in options.only)]
    with tempfile.TemporaryDirectory(prefix="editions-limits-") as temporary:
        folder = options.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        rows = []
        for case in cases:
            args = case.make(folder)
            size = sum(Path(a).stat().st_size for a in args if Path(a).is_file())
            run = measure(args, folder, options.timeout)
            rows.append((case.name, size, run))
            print(
                f"{case.name}: {run.verdict}, {run.seconds:.1f} s ({run.cpu:.1f} s CPU), {run.peak / MB:.0f} MB"
                + (f" — {run.stderr}" if run.code else ""),
                file=sys.stderr,
                flush=True,
            )
    print(
        f"| case | inputs | result | seconds | CPU seconds | peak memory | goal: < {GOAL_SECONDS:g} s, 1 GB; "
        "refused < 5 s |"
    )
    print("|---|---:|---|---:|---:|---:|---|")
    for name, size, run in rows:
        met = run.verdict in ("ok", "refused")
        print(
            f"| {name} | {size / MB:.1f} MB | {run.verdict} | {run.seconds:.1f} | {run.cpu:.1f} | "
            f"{run.peak / MB:.0f} MB | {'met' if met else 'NOT met'} |"
        )
    refusals = [(name, run.stderr) for name, _, run in rows if run.code]
    for name, message in refusals:
        print(f"\n{name}: {message}")


if __name__ == "__main__":
    main()
