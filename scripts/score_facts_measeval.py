"""Quantity spans of MeasEval (SemEval-2021 Task 8) against `editions.facts` figures. Report only.

MeasEval quantities are measurements in scientific prose ("2617.4 m", "0.5–1.0 mm"): a number with its
unit. `editions.facts` reads policy prose and knows money, percentages, counts, fractions, ranges and
durations, not physical units, so its spans often stop before the unit: the overlap score is the fairer
one. Predictions: facts of kind count, money, percent, fraction, range and duration.

Usage: python scripts/score_facts_measeval.py [--shared PATH] [--split eval|train|trial]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from editions.facts import find  # noqa: E402
from editions.structure.sentences import split_sentences  # noqa: E402

QUANTITY_KINDS = frozenset({"count", "money", "percent", "fraction", "range", "duration"})
SPLITS = {"eval": ("eval/text", "eval/tsv"), "train": ("train/text", "train/tsv"), "trial": ("trial/txt", "trial/tsv")}


def gold_spans(tsv: Path) -> set[tuple[int, int]]:
    spans: set[tuple[int, int]] = set()
    with tsv.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["annotType"] == "Quantity":
                spans.add((int(row["startOffset"]), int(row["endOffset"])))
    return spans


def predicted_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for start, end in split_sentences(text):
        spans.extend((start + f.start, start + f.end) for f in find(text[start:end]) if f.kind in QUANTITY_KINDS)
    return spans


def _prf(hit_p: int, predicted: int, hit_g: int, gold: int) -> str:
    precision = hit_p / predicted if predicted else 0.0
    recall = hit_g / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"{precision:.3f} / {recall:.3f} / {f1:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--split", default="eval", choices=sorted(SPLITS))
    args = parser.parse_args()
    base = args.shared / "benchmarks" / "measeval" / "data"
    text_dir, tsv_dir = (base / part for part in SPLITS[args.split])
    if not text_dir.is_dir():
        sys.exit(f"no MeasEval data at {text_dir}")
    gold_n = predicted_n = exact = overlap_p = overlap_g = 0
    paragraphs = 0
    for tsv in sorted(tsv_dir.glob("*.tsv")):
        txt = text_dir / (tsv.stem + ".txt")
        if not txt.exists():
            continue
        paragraphs += 1
        text = txt.read_text(encoding="utf-8")
        gold = gold_spans(tsv)
        predicted = predicted_spans(text)
        gold_n += len(gold)
        predicted_n += len(predicted)
        exact += len(gold & set(predicted))
        overlap_p += sum(any(p[0] < g[1] and g[0] < p[1] for g in gold) for p in predicted)
        overlap_g += sum(any(p[0] < g[1] and g[0] < p[1] for p in predicted) for g in gold)
    print("| split | paragraphs | gold quantities | predicted | exact P / R / F1 | overlap P / R / F1 |")
    print("|---|---|---|---|---|---|")
    print(
        f"| {args.split} | {paragraphs} | {gold_n} | {predicted_n} | {_prf(exact, predicted_n, exact, gold_n)} "
        f"| {_prf(overlap_p, predicted_n, overlap_g, gold_n)} |"
    )


if __name__ == "__main__":
    main()
