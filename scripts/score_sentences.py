"""Score sentence boundaries against the human segmentation of ArgRewrite V.2.

Reads the essays (dataset/essays/Draft{1,2,3}) and the annotators' sentence lists
(derived/argrewrite_v2_alignments.jsonl) from the shared benchmark folder, locates every gold
sentence in its essay, and compares the boundaries that `editions.structure.sentences.split_sentences`
finds (run on each paragraph, i.e. each non-blank line) with the gold ones. Plain `nupunkt.sent_spans`
and, when installed, pysbd run in the same process as baselines.

Positions are compared on the essay's *skeleton*: the printable ASCII characters other than spaces and
quote marks. That makes the matching insensitive to whitespace, to curly vs straight quotes and to the
mojibake the annotation files sometimes carry ("isnâ€™t" for "isn’t"), and it counts a break placed just
before or just after a closing quote as the same boundary.

Usage: .venv/bin/python scripts/score_sentences.py [--shared PATH] [--errors N]
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from editions.structure.sentences import split_sentences  # noqa: E402

Splitter = Callable[[str], Sequence[tuple[int, int]]]

_QUOTES = frozenset("\"'`")


def _kept(ch: str) -> bool:
    return "!" <= ch <= "~" and ch not in _QUOTES


def skeleton(text: str) -> str:
    return "".join(ch for ch in text if _kept(ch))


def skeleton_prefix(text: str) -> list[int]:
    """prefix[i] = number of skeleton characters in text[:i]."""
    prefix = [0] * (len(text) + 1)
    count = 0
    for i, ch in enumerate(text):
        if _kept(ch):
            count += 1
        prefix[i + 1] = count
    return prefix


@dataclass
class Essay:
    key: str
    text: str
    gold: list[int]  # skeleton offsets where a new gold sentence starts (essay end excluded)
    paragraph_ends: set[int]  # skeleton offsets of paragraph breaks (essay end excluded)
    sentences: int


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    seconds: float = 0.0
    fps: list[tuple[str, int]] = field(default_factory=list)
    fns: list[tuple[str, int]] = field(default_factory=list)

    def scores(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def essay_id(row: dict[str, object]) -> str:
    match = re.search(r"argrewrite_(\d+)", str(row["file"]))
    return match.group(1) if match else str(row["essay_id"])


def read_essay(folder: Path, draft: str, eid: str) -> str | None:
    files = sorted((folder / f"Draft{draft}").glob(f"*argrewrite_{eid}.txt"))
    if len(files) != 1:
        return None
    raw = files[0].read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def locate(text: str, sentences: list[str]) -> tuple[list[int] | None, int]:
    """Gold boundaries as skeleton offsets, or None when the list does not tile the essay.

    Also returns how many gold sentences could not be found, in order, in the essay."""
    essay = skeleton(text)
    parts = [skeleton(s) for s in sentences]
    if "".join(parts) == essay:
        bounds: list[int] = []
        pos = 0
        for part in parts[:-1]:
            pos += len(part)
            if pos and (not bounds or bounds[-1] != pos):
                bounds.append(pos)
        return bounds, 0
    missing = 0
    cursor = 0
    for part in parts:
        found = essay.find(part, cursor) if part else cursor
        if found < 0:
            missing += 1
        else:
            cursor = found + len(part)
    return None, missing


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line."""
    out = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            out.append((match.start(), match.end()))
    return out


def predicted(text: str, prefix: list[int], split: Splitter) -> set[int]:
    total = prefix[-1]
    bounds: set[int] = set()
    for start, end in paragraphs(text):
        for s, e in split(text[start:end]):
            if e > s:
                bounds.add(prefix[start + e])
    bounds.discard(0)
    bounds.discard(total)
    return bounds


def load(shared: Path) -> tuple[list[Essay], dict[str, int]]:
    bench = shared / "benchmarks" / "argrewrite_v2"
    folder = bench / "dataset" / "essays"
    rows = [json.loads(line) for line in (bench / "derived" / "argrewrite_v2_alignments.jsonl").open()]
    # Candidate gold lists per essay draft; pair 12 first, so Draft2 prefers the new side of pair 12.
    candidates: dict[tuple[str, str], list[list[str]]] = {}
    for row in sorted(rows, key=lambda r: r["draft_pair"]):
        pair = row["draft_pair"]
        for side, draft in (("old", pair[0]), ("new", pair[1])):
            sents = [str(s["text"]) for s in row[side]]
            candidates.setdefault((essay_id(row), draft), []).append(sents)
    stats = {"drafts": 0, "no_file": 0, "skipped": 0, "missing_sentences": 0, "gold_sentences": 0, "folded": 0}
    essays: list[Essay] = []
    for (eid, draft), lists in sorted(candidates.items()):
        stats["drafts"] += 1
        text = read_essay(folder, draft, eid)
        if text is None:
            stats["no_file"] += 1
            continue
        best_missing = None
        for sents in lists:
            bounds, missing = locate(text, sents)
            if bounds is not None:
                prefix = skeleton_prefix(text)
                pends = {prefix[e] for _, e in paragraphs(text)} - {0, prefix[-1]}
                essays.append(Essay(f"{eid}/Draft{draft}", text, bounds, pends, len(sents)))
                stats["gold_sentences"] += len(sents)
                squeezed = "".join(text.split())
                stats["folded"] += sum("".join(x.split()) not in squeezed for x in sents)
                break
            best_missing = missing if best_missing is None else min(best_missing, missing)
        else:
            stats["skipped"] += 1
            stats["missing_sentences"] += best_missing or 0
    return essays, stats


def score(essays: list[Essay], split: Splitter, inside_only: bool) -> Counts:
    counts = Counts()
    for essay in essays:
        prefix = skeleton_prefix(essay.text)
        t0 = time.perf_counter()
        pred = predicted(essay.text, prefix, split)
        counts.seconds += time.perf_counter() - t0
        gold = set(essay.gold)
        if inside_only:
            pred -= essay.paragraph_ends
            gold -= essay.paragraph_ends
        counts.tp += len(pred & gold)
        counts.fp += len(pred - gold)
        counts.fn += len(gold - pred)
        counts.fps += [(essay.key, b) for b in sorted(pred - gold)]
        counts.fns += [(essay.key, b) for b in sorted(gold - pred)]
    return counts


def systems() -> dict[str, Splitter]:
    import nupunkt

    out: dict[str, Splitter] = {
        "editions `split_sentences`": split_sentences,
        "nupunkt `sent_spans` (baseline)": nupunkt.sent_spans,
    }
    try:
        pysbd = importlib.import_module("pysbd")
    except ImportError:
        print("(pysbd not installed: baseline skipped)", file=sys.stderr)
    else:
        seg = pysbd.Segmenter(language="en", clean=False, char_span=True)

        def pysbd_spans(text: str) -> list[tuple[int, int]]:
            return [(s.start, s.end) for s in seg.segment(text)]

        out["pysbd 0.3 (baseline)"] = pysbd_spans
    return out


def context(essays: dict[str, Essay], key: str, bound: int, width: int = 60) -> str:
    text = essays[key].text
    prefix = skeleton_prefix(text)
    pos = next(i for i, n in enumerate(prefix) if n == bound)
    return f"{key}: …{text[max(0, pos - width) : pos]}‖{text[pos : pos + width // 2]}…".replace("\n", "⏎")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--errors", type=int, default=0, help="print up to N missed and N extra breaks of ours")
    args = parser.parse_args()
    essays, stats = load(args.shared)
    n_inside = sum(len(set(e.gold) - e.paragraph_ends) for e in essays)
    print("## Sentence boundaries on ArgRewrite V.2 essays\n")
    print(
        f"Essay drafts with gold sentences: {stats['drafts']}; scored: {len(essays)}, with "
        f"{stats['gold_sentences']} gold sentences and {sum(len(e.gold) for e in essays)} gold boundaries "
        f"({n_inside} of them inside a paragraph). {stats['folded']} of those gold sentences differ from the "
        "essay text by more than whitespace (quote marks, mojibake) and were matched on the skeleton. "
        f"Skipped: {stats['skipped']} drafts whose gold sentences do not tile the essay text "
        f"({stats['missing_sentences']} gold sentences not found in order) and {stats['no_file']} without "
        "an essay file.\n"
    )
    results = {}
    for inside_only in (False, True):
        label = "inside paragraphs only" if inside_only else "all boundaries (paragraph breaks included)"
        print(f"### {label}\n")
        print("| system | precision | recall | F1 | TP | FP | FN | seconds |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for name, split in systems().items():
            c = score(essays, split, inside_only)
            p, r, f = c.scores()
            print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {c.tp} | {c.fp} | {c.fn} | {c.seconds:.2f} |")
            results[(name, inside_only)] = c
        print()
    if args.errors:
        by_key = {e.key: e for e in essays}
        ours = results[("editions `split_sentences`", True)]
        print(f"### Missed breaks ({len(ours.fns)})\n")
        for key, b in ours.fns[: args.errors]:
            print("-", context(by_key, key, b))
        print(f"\n### Extra breaks ({len(ours.fps)})\n")
        for key, b in ours.fps[: args.errors]:
            print("-", context(by_key, key, b))


if __name__ == "__main__":
    main()
