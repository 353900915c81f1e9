"""Substantive vs cosmetic edits against two human-labelled sets, beside a majority baseline.

    .venv/bin/python scripts/score_substantive.py            # test splits (the reported figures)
    .venv/bin/python scripts/score_substantive.py --split dev
    .venv/bin/python scripts/score_substantive.py --split train --sweep   # how the thresholds were chosen

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
from editions.compare.changes import MIN_CONTENT_SHARE, MIN_CONTENT_WORDS

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
            rows.append(("no triggers", metrics(gold, predict(examples, triggers=False))))
        for method, m in rows:
            print(
                f"| {name} | {len(gold)} | {sum(gold)} | {method} | {m['accuracy']:.3f} | {m['precision']:.3f} "
                f"| {m['recall']:.3f} | {m['f1']:.3f} |"
            )
    if args.sweep:
        sweep(sets, args.split)
    return 0


def sweep(sets: list[tuple[str, Callable[[str], Iterator[Example]]]], split: str) -> None:
    """The content-word rule's two thresholds on `split`: each set's accuracy and F1 and their means (the two
    sets weigh the same). The defaults are chosen on train for mean accuracy: most edits of a revised text
    are cosmetic (IteraTeR test: 90%), and a cosmetic edit listed as substantive costs the reader as much as a
    substantive one folded into the cosmetic count; F1 ignores the cosmetic edits got right. The best (4,
    0.2) beats the default (3, 0.2) by 0.001, and 4 fails the unit test in which a clause naming a new
    party is substantive."""
    data = []
    for _, load in sets:
        examples = list(load(split))
        data.append(([g for _, _, g in examples], [word_ops(a, b) for a, b, _ in examples]))
    results = []
    for k in (2, 3, 4, 5, 6):
        for share in (0.0, 0.1, 0.15, 0.2, 0.25, 0.3):
            ms = [
                metrics(gold, [classify_edit(o, min_content_words=k, min_content_share=share).substantive for o in ops])
                for gold, ops in data
            ]
            acc = sum(m["accuracy"] for m in ms) / len(ms)
            f1 = sum(m["f1"] for m in ms) / len(ms)
            results.append((acc, f1, k, share, ms))
    best_acc = max(results, key=lambda r: (r[0], r[1]))
    best_f1 = max(results, key=lambda r: (r[1], r[0]))
    names = " | ".join(f"{name.split(' ')[0]} acc | F1" for name, _ in sets)
    print(f"\nsweep on {split}: | min_content_words | min_content_share | {names} | mean acc | mean F1 | best |")
    print("|---:|---:|" + "---:|---:|" * len(sets) + "---:|---:|---|")
    for r in results:
        acc, f1, k, share, ms = r
        cells = " | ".join(f"{m['accuracy']:.3f} | {m['f1']:.3f}" for m in ms)
        marks = [x for x, b in (("accuracy", best_acc), ("F1", best_f1)) if b is r]
        if (k, share) == (MIN_CONTENT_WORDS, MIN_CONTENT_SHARE):
            marks.append("default")
        mark = ", ".join(marks)
        print(f"| {k} | {share:.2f} | {cells} | {acc:.3f} | {f1:.3f} | {mark} |")


if __name__ == "__main__":
    sys.exit(main())
