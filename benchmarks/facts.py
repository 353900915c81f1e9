"""Speed of `editions.facts.extract` over every Markdown file of ../shared/corpus, beside the cost of
sentence splitting alone in the same run.

Files are read raw (no ingest), split into sentences with `editions.structure.sentences.split_sentences`,
and `extract` runs over those sentences twice: without an anchor date, and with one (2022-07-21), as
`editions.read` runs it when an edition states its date (relative dates such as "last year" are then
resolved too). Prints characters and UTF-8 megabytes per CPU second (process time: the machine may be
shared, and the goal is per core) for each, and their ratio to splitting.
Goal (issue 4): extract ≥ 1 MB/s on one core.

Usage: python benchmarks/facts.py [--shared PATH] [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from editions.facts import extract  # noqa: E402
from editions.model import Sentence, Span  # noqa: E402
from editions.structure.sentences import split_sentences  # noqa: E402

ANCHOR = dt.date(2022, 7, 21)


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
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    split_best = float("inf")
    extract_best = {None: float("inf"), ANCHOR: float("inf")}
    facts = dict.fromkeys(extract_best, 0)
    spans: list[list[tuple[int, int]]] = []
    for _ in range(args.repeat):
        t0 = time.process_time()
        spans = [split_sentences(t) for t in texts]
        split_best = min(split_best, time.process_time() - t0)
        sentences = [tuple(Sentence(i, Span(a, b), 0) for i, (a, b) in enumerate(file_spans)) for file_spans in spans]
        for anchor in extract_best:
            t0 = time.process_time()
            facts[anchor] = sum(len(extract(t, s, anchor=anchor)) for t, s in zip(texts, sentences, strict=True))
            extract_best[anchor] = min(extract_best[anchor], time.process_time() - t0)

    mchars = chars / 1e6
    print(
        f"corpus: {len(files)} Markdown files, {chars:,} characters ({megabytes:.2f} MB UTF-8), "
        f"{sum(map(len, spans)):,} sentences; best of {args.repeat}"
    )
    print(f"sentence splitting:            {split_best:.2f} CPU s = {mchars / split_best:.2f} M chars/s")
    for anchor, best in extract_best.items():
        label = "facts.extract" if anchor is None else f"facts.extract, anchor {anchor}"
        print(
            f"{label + ':':<30} {best:.2f} CPU s = {mchars / best:.2f} M chars/s = {megabytes / best:.2f} MB/s "
            f"({facts[anchor]:,} facts; {best / split_best:.2f}x splitting)"
        )


if __name__ == "__main__":
    main()
