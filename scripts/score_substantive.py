"""Substantive vs cosmetic edits against two human-labelled sets, beside a majority baseline.

    .venv/bin/python scripts/score_substantive.py            # test splits (the reported figures)
    .venv/bin/python scripts/score_substantive.py --split dev
    .venv/bin/python scripts/score_substantive.py --split train --sweep   # how the threshold was chosen

- arXivEdits (../shared/benchmarks/arxivedits_edits/data/edits/<split>.json): aligned sentence pairs from
  arXiv paper versions; a pair is *substantive* when any of its annotated edits has the intention "Content",
  cosmetic otherwise (grammar/typo, format, language-improving edits).
- IteraTeR-HUMAN (../shared/benchmarks/iterater_human/human_sent_level/<split>.json): revised sentence pairs
  with a majority-vote intent; *substantive* = "meaning-changed", cosmetic = clarity, fluency, coherence, style,
  others.

Our prediction: `editions.compare.classify_edit(word_ops(before, after)).substantive`. Baseline: the majority
class of the same split (always "cosmetic" here), whose F1 for the substantive class is 0. Precision, recall
and F1 are for the substantive class.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from editions.compare import classify_edit, word_ops

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EDITIONS_SHARED", REPO.parent / "shared"))
ARXIV = SHARED / "benchmarks" / "arxivedits_edits" / "data" / "edits"
ITERATER = SHARED / "benchmarks" / "iterater_human" / "human_sent_level"

Example = tuple[str, str, bool]


def arxivedits(split: str) -> Iterator[Example]:
    data = json.loads((ARXIV / f"{split}.json").read_text(encoding="utf-8"))
    for row in data.values():
        intents = {e["intention"] for e in row["edits-combination-0"].values()}
        yield row["sentence-1"], row["sentence-2"], "Content" in intents


def iterater(split: str) -> Iterator[Example]:
    with (ITERATER / f"{split}.json").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            yield row["before_sent"], row["after_sent"], row["labels"] == "meaning-changed"


def metrics(gold: list[bool], pred: list[bool]) -> dict[str, float]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    right = sum(g == p for g, p in zip(gold, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"accuracy": right / len(gold), "precision": precision, "recall": recall, "f1": f1}


def predict(examples: list[Example], **options: object) -> list[bool]:
    return [classify_edit(word_ops(a, b), **options).substantive for a, b, _ in examples]  # type: ignore[arg-type]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="test", choices=["train", "dev", "test"])
    parser.add_argument("--sweep", action="store_true", help="also score other content-word thresholds")
    args = parser.parse_args()
    sets: list[tuple[str, Callable[[str], Iterator[Example]]]] = [
        ("arXivEdits (Content vs language)", arxivedits),
        ("IteraTeR-HUMAN (meaning-changed)", iterater),
    ]
    print(f"split: {args.split}")
    print("| set | pairs | substantive | method | accuracy | precision | recall | F1 |")
    print("|---|---:|---:|---|---:|---:|---:|---:|")
    for name, load in sets:
        examples = list(load(args.split))
        gold = [g for _, _, g in examples]
        majority = sum(gold) * 2 > len(gold)
        rows: list[tuple[str, dict[str, float]]] = [
            ("majority baseline", metrics(gold, [majority] * len(gold))),
            ("classify_edit", metrics(gold, predict(examples))),
        ]
        if args.sweep:
            for k in (2, 3, 4, 6):
                rows.append((f"min_content_words={k}", metrics(gold, predict(examples, min_content_words=k))))
            rows.append(("no triggers", metrics(gold, predict(examples, triggers=False))))
        for method, m in rows:
            print(
                f"| {name} | {len(gold)} | {sum(gold)} | {method} | {m['accuracy']:.3f} | {m['precision']:.3f} "
                f"| {m['recall']:.3f} | {m['f1']:.3f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
