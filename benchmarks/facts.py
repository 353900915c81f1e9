"""Speed of `editions.facts.extract` over every Markdown file of ../shared/corpus, beside the cost of
sentence splitting alone in the same run.

Files are read raw (no ingest), split into sentences with `editions.structure.sentences.split_sentences`,
and `extract` runs over those sentences. Prints characters per CPU second (process time: the machine
may be shared, and the goal is per core) for both, and their ratio.
Goal (issue 4): extract ≥ 1 MB/s on one core.

Usage: python benchmarks/facts.py [--shared PATH] [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from editions.facts import extract  # noqa: E402
from editions.model import Sentence, Span  # noqa: E402
from editions.structure.sentences import split_sentences  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    args = parser.parse_args()
    files = sorted((args.shared / "corpus").rglob("*.md"))
    if not files:
        sys.exit(f"no Markdown files under {args.shared / 'corpus'}")
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    chars = sum(len(t) for t in texts)

    split_best = extract_best = float("inf")
    facts = 0
    for _ in range(args.repeat):
        t0 = time.process_time()
        spans = [split_sentences(t) for t in texts]
        split_best = min(split_best, time.process_time() - t0)
        sentences = [tuple(Sentence(i, Span(a, b), 0) for i, (a, b) in enumerate(file_spans)) for file_spans in spans]
        t0 = time.process_time()
        facts = sum(len(extract(t, s)) for t, s in zip(texts, sentences, strict=True))
        extract_best = min(extract_best, time.process_time() - t0)

    mb = chars / 1e6
    print(f"corpus: {len(files)} Markdown files, {chars:,} characters, {sum(map(len, spans)):,} sentences")
    print(f"sentence splitting: {split_best:.2f} CPU s = {mb / split_best:.2f} M chars/s")
    print(f"facts.extract:      {extract_best:.2f} CPU s = {mb / extract_best:.2f} M chars/s ({facts:,} facts)")
    print(f"ratio extract / split time: {extract_best / split_best:.2f}")


if __name__ == "__main__":
    main()
