"""Sentence alignment against ArgRewrite V.2's human alignments, beside the NewsEdits baseline.

    .venv/bin/python scripts/score_alignment.py            # draft pairs "23" (the reported figure)
    .venv/bin/python scripts/score_alignment.py --pair 12  # draft pairs "12" (the only pairs tuned on)
    python scripts/score_alignment.py --semantic            # also with sentence embeddings (editions[semantic])
    python scripts/score_alignment.py --pair 12 --semantic --sweep  # how the blend was chosen, on "12" only

Gold: ../shared/benchmarks/argrewrite_v2/derived/argrewrite_v2_alignments.jsonl, one essay revision a line with
both drafts' sentences and each old sentence's aligned new sentences. The gold sentence lists are aligned
directly (not our splitter's output). Scored: precision/recall/F1 over (old, new) sentence pairs; accuracy of
the label of every sentence of both drafts, same / edited / added / deleted (gold: `Identical?`, a non-empty
alignment, an empty one). Our `moved` counts as same when its text is unchanged, else edited; split and merged
count as edited.

Baseline (NewsEdits, Spangher et al. 2022): difflib `ndiff` over the sentences; a "-" line directly followed by
a "+" line is one edited sentence when their word-level `SequenceMatcher` ratio is above 0.8; "  " lines are
unchanged, other "-"/"+" lines deleted/added.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from editions.compare.align import DEFAULT_PARAMS, AlignParams, SimilarityFn, align, exact_key
from editions.model import LinkKind

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EDITIONS_SHARED", REPO.parent / "shared"))
GOLD = SHARED / "benchmarks" / "argrewrite_v2" / "derived" / "argrewrite_v2_alignments.jsonl"

Pairs = set[tuple[int, int]]
Labels = tuple[list[str], list[str]]


def gold_of(doc: dict[str, Any]) -> tuple[Pairs, Labels]:
    old, new = doc["old"], doc["new"]
    o_index = {s["idx"]: k for k, s in enumerate(old)}
    n_index = {s["idx"]: k for k, s in enumerate(new)}
    pairs: Pairs = set()
    for k, s in enumerate(old):
        for j in s["aligned"] or []:
            if j in n_index:
                pairs.add((k, n_index[j]))
    for k, s in enumerate(new):
        for i in s["aligned"] or []:
            if i in o_index:
                pairs.add((o_index[i], k))

    def label(s: dict[str, Any], empty: str) -> str:
        if not s["aligned"]:
            return empty
        return "same" if s["identical"] == 1.0 else "edited"

    return pairs, ([label(s, "deleted") for s in old], [label(s, "added") for s in new])


PARAMS: AlignParams = DEFAULT_PARAMS
SIMILARITY: SimilarityFn | None = None
"""What `ours` aligns with: the defaults, or the semantic scorer and its parameters."""

SPLITS: list[tuple[str, Pairs]] = []
"""The split and merged links of the last `ours` calls, as (kind, their pairs): counted against the gold."""


def ours(old: list[str], new: list[str]) -> tuple[Pairs, Labels]:
    pairs: Pairs = set()
    old_labels = ["deleted"] * len(old)
    new_labels = ["added"] * len(new)
    SPLITS.clear()
    for link in align(old, new, params=PARAMS, similarity=SIMILARITY):
        kind = link.kind
        if kind in (LinkKind.SPLIT, LinkKind.MERGED):
            SPLITS.append((str(kind), {(i, j) for i in link.old for j in link.new}))
        if kind is LinkKind.MOVED:
            same = exact_key(old[link.old[0]]) == exact_key(new[link.new[0]])
            label = "same" if same else "edited"
        elif kind in (LinkKind.SAME, LinkKind.EDITED):
            label = str(kind)
        elif kind in (LinkKind.SPLIT, LinkKind.MERGED):
            label = "edited"
        else:
            continue
        for i in link.old:
            old_labels[i] = label
            for j in link.new:
                pairs.add((i, j))
        for j in link.new:
            new_labels[j] = label
    return pairs, (old_labels, new_labels)


def newsedits(old: list[str], new: list[str]) -> tuple[Pairs, Labels]:
    pairs: Pairs = set()
    old_labels = ["deleted"] * len(old)
    new_labels = ["added"] * len(new)
    lines = [line for line in difflib.ndiff(old, new) if not line.startswith("? ")]
    i = j = 0
    k = 0
    while k < len(lines):
        tag = lines[k][:2]
        if tag == "  ":
            pairs.add((i, j))
            old_labels[i] = new_labels[j] = "same"
            i, j, k = i + 1, j + 1, k + 1
        elif tag == "- ":
            if k + 1 < len(lines) and lines[k + 1][:2] == "+ ":
                ratio = difflib.SequenceMatcher(None, old[i].split(), new[j].split()).ratio()
                if ratio > 0.8:
                    pairs.add((i, j))
                    old_labels[i] = new_labels[j] = "edited"
                    i, j, k = i + 1, j + 1, k + 2
                    continue
            i, k = i + 1, k + 1
        else:
            j, k = j + 1, k + 1
    return pairs, (old_labels, new_labels)


def score(method: Any, docs: list[dict[str, Any]]) -> dict[str, float]:
    tp = fp = fn = 0
    right = total = 0
    per_class: Counter[tuple[str, bool]] = Counter()
    multi: Counter[str] = Counter()
    started = time.perf_counter()
    for doc in docs:
        old = [s["text"] or "" for s in doc["old"]]
        new = [s["text"] or "" for s in doc["new"]]
        gold_pairs, gold_labels = gold_of(doc)
        pairs, labels = method(old, new)
        if method is ours:
            for kind, link_pairs in SPLITS:
                multi[kind] += 1
                multi[kind + " in gold"] += link_pairs <= gold_pairs
        tp += len(pairs & gold_pairs)
        fp += len(pairs - gold_pairs)
        fn += len(gold_pairs - pairs)
        for g_side, s_side in zip(gold_labels, labels, strict=True):
            for g, s in zip(g_side, s_side, strict=True):
                total += 1
                right += g == s
                per_class[(g, g == s)] += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    out = {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "label_accuracy": right / total if total else 0.0,
        "seconds": time.perf_counter() - started,
    }
    for kind in ("split", "merged"):
        out[kind] = multi[kind]
        out[kind + " in gold"] = multi[kind + " in gold"]
    for cls in ("same", "edited", "added", "deleted"):
        n = per_class[(cls, True)] + per_class[(cls, False)]
        out[f"acc_{cls}"] = per_class[(cls, True)] / n if n else 0.0
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pair", default="23", choices=["12", "23"], help="draft pairs to score")
    parser.add_argument("--semantic", action="store_true", help="also align with sentence embeddings")
    parser.add_argument("--weight", type=float, default=None, help="embedding share of the blended score")
    parser.add_argument("--sweep", action="store_true", help="with --semantic: F1 over weights and thresholds")
    args = parser.parse_args()
    if not GOLD.exists():
        print(f"no gold at {GOLD}", file=sys.stderr)
        return 1
    docs = [d for d in map(json.loads, GOLD.open(encoding="utf-8")) if d["draft_pair"] == args.pair]
    if args.semantic and args.sweep:
        return sweep(docs)
    n_old = sum(len(d["old"]) for d in docs)
    n_new = sum(len(d["new"]) for d in docs)
    print(f"ArgRewrite V.2 draft pairs {args.pair!r}: {len(docs)} revisions, {n_old} old + {n_new} new sentences")
    cols = ["precision", "recall", "f1", "label_accuracy", "acc_same", "acc_edited", "acc_added", "acc_deleted"]
    print(f"| method | {' | '.join(cols)} | seconds |")
    print("|---|" + "---:|" * (len(cols) + 1))
    results = {}
    for name, method in (("editions.compare.align", ours), ("NewsEdits baseline", newsedits)):
        res = score(method, docs)
        results[name] = res
        print(f"| {name} | " + " | ".join(f"{res[c]:.4f}" for c in cols) + f" | {res['seconds']:.2f} |")
    if args.semantic:
        global PARAMS, SIMILARITY
        PARAMS, SIMILARITY = _semantic(args.weight)
        res = score(ours, docs)
        print("| with embeddings | " + " | ".join(f"{res[c]:.4f}" for c in cols) + f" | {res['seconds']:.2f} |")
        print(f"semantic F1 gain over lexical: {res['f1'] - results['editions.compare.align']['f1']:+.4f}")
        PARAMS, SIMILARITY = DEFAULT_PARAMS, None
    res = results["editions.compare.align"]
    print(
        f"split links {res['split']:.0f} (all pairs in gold: {res['split in gold']:.0f}), merged links "
        f"{res['merged']:.0f} (all pairs in gold: {res['merged in gold']:.0f})"
    )
    gain = results["editions.compare.align"]["f1"] - results["NewsEdits baseline"]["f1"]
    print(f"F1 gain over baseline: {gain:+.4f}")
    return 0


def _semantic(weight: float | None) -> tuple[AlignParams, SimilarityFn]:
    from editions.compare import semantic

    scorer = semantic.SemanticSimilarity(semantic.DEFAULT_WEIGHT if weight is None else weight)
    return semantic.SEMANTIC_PARAMS, scorer


def sweep(docs: list[dict[str, Any]]) -> int:
    """F1 on these pairs for each blend weight and threshold (embeddings are cached across the grid)."""
    global PARAMS, SIMILARITY
    from editions.compare import semantic

    scorer = semantic.SemanticSimilarity(0.0)
    print("| weight | threshold | move threshold | min shared words | F1 | label accuracy |")
    print("|---:|---:|---:|---:|---:|---:|")
    for weight in (0.25, 0.5, 0.75, 1.0):
        scorer.weight = weight
        for threshold in (0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
            for move in (0.85, 0.9):
                for shared in (1, 2):
                    PARAMS = AlignParams(threshold=threshold, move_threshold=move, min_shared_words=shared)
                    SIMILARITY = scorer
                    res = score(ours, docs)
                    print(
                        f"| {weight} | {threshold} | {move} | {shared} | {res['f1']:.4f} | "
                        f"{res['label_accuracy']:.4f} |",
                        flush=True,
                    )
    PARAMS, SIMILARITY = DEFAULT_PARAMS, None
    return 0


if __name__ == "__main__":
    sys.exit(main())
