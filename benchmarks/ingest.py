"""Ingest speed: characters per second for text and Markdown over the whole corpus.

Baseline, in the same run: the raw cost of reading each file and splitting its paragraphs into sentences,
with no repair, layout or metadata. The ratio says what our ingest adds on top of that floor.

    .venv/bin/python benchmarks/ingest.py [--shared ../shared] [--repeat 3]
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from editions import ingest as ingest_stage
from editions import structure
from editions.structure.sentences import split_sentences

REPO = Path(__file__).resolve().parents[1]


def corpus_files(shared: Path) -> dict[str, list[Path]]:
    files = {
        "markdown": sorted(p for p in shared.rglob("*.md") if "corpus" in p.parts or "seeds" in p.parts),
        "text": sorted(p for p in shared.rglob("*.txt") if "corpus" in p.parts or "seeds" in p.parts),
    }
    files["markdown"] = [p for p in files["markdown"] if p.name not in ("README.md", "SOURCE_README.md")]
    # The corpus has few .txt editions: read the Markdown editions as plain text too, for a sizeable text figure.
    files["text (the .md files read as text)"] = files["markdown"]
    return files


def baseline(paths: list[Path]) -> None:
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="replace")
        for paragraph in re.split(r"\n\s*\n", text):
            split_sentences(paragraph)


def ingest(paths: list[Path], fmt: str) -> int:
    sentences = 0
    for path in paths:
        # Ingest and structure only: facts have their own benchmark (benchmarks/facts.py).
        sentences += len(structure.build(ingest_stage.load(path, fmt)).sentences)
    return sentences


def best_of(repeat: int, fn: object, *args: object) -> float:
    assert callable(fn)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| format | files | MB | ingest chars/s | baseline chars/s (read + split) | ingest / baseline time |")
    print("|---|---:|---:|---:|---:|---:|")
    for fmt, paths in corpus_files(args.shared).items():
        if not paths:
            continue
        chars = sum(len(p.read_text(encoding="utf-8", errors="replace")) for p in paths)
        base = best_of(args.repeat, baseline, paths)
        full = best_of(args.repeat, ingest, paths, fmt.split()[0])
        cells = [fmt, len(paths), f"{chars / 1e6:.2f}", f"{chars / full:,.0f}", f"{chars / base:,.0f}"]
        print("| " + " | ".join(map(str, cells)) + f" | {full / base:.2f}x |")


if __name__ == "__main__":
    main()
