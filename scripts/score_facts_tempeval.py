"""DATE timexes of TempEval-3 against `editions.facts` date and year facts.

The document creation time (DCT) is the anchor for relative expressions ("Friday", "last year", "now"),
as TimeML prescribes; `references=True` lets "now"/"the past" be reported as PRESENT_REF/PAST_REF.
Gold: TIMEX3 of type DATE inside <TEXT> (the DCT timex itself is not scored). Predictions: facts of kind
date or year found sentence by sentence (durations, ranges and the rest are not DATE predictions).

Span scores: strict (identical offsets) and lenient (overlap), P/R/F1, with one-to-one matching.
Value accuracy: share of lenient matches whose value equals the gold value (the TempEval-3 attribute
score), and the same over all gold DATEs (a miss counts as wrong).
The platinum test set is what we report; TimeBank and AQUAINT (the training data) are shown as
development figures, which the rules were checked against.

Usage: python scripts/score_facts_tempeval.py [--shared PATH] [--misses N] [--sets platinum,timebank,aquaint]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from editions.facts import find  # noqa: E402
from editions.structure.sentences import split_sentences  # noqa: E402

SETS = {
    "platinum": "Evaluation/te3-platinum",
    "timebank": "Training/TBAQ-cleaned/TimeBank",
    "aquaint": "Training/TBAQ-cleaned/AQUAINT",
}
_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    value: str


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    lenient: int = 0
    value_ok: int = 0
    misses: list[str] = field(default_factory=list)


def parse(path: Path) -> tuple[str, dt.date | None, list[Timex]]:
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.S)
    dct = dt.date.fromisoformat(dct_match.group(1)) if dct_match else None
    body_match = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    body = body_match.group(1) if body_match else ""
    out: list[str] = []
    length = 0
    gold: list[Timex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            if attrs.get("type") == "DATE":
                gold.append(Timex(start, length, attrs.get("value", "")))
            open_timex = None
    out.append(html.unescape(body[pos:]))
    return "".join(out), dct, gold


def predict(text: str, dct: dt.date | None) -> list[Timex]:
    predictions: list[Timex] = []
    for start, end in split_sentences(text):
        for f in find(text[start:end], dct, references=True):
            if f.kind in ("date", "year") and isinstance(f.value, str):
                predictions.append(Timex(start + f.start, start + f.end, f.value))
    return predictions


def score_file(path: Path, tally: Tally) -> None:
    text, dct, gold = parse(path)
    predictions = predict(text, dct)
    tally.gold += len(gold)
    tally.predicted += len(predictions)
    used: set[int] = set()
    for g in gold:
        match = None
        for i, p in enumerate(predictions):
            if i not in used and p.start < g.end and g.start < p.end:
                match = i
                if (p.start, p.end) == (g.start, g.end):
                    break
        if match is None:
            tally.misses.append(f"{path.name}: missed {text[g.start : g.end]!r} ({g.value})")
            continue
        used.add(match)
        p = predictions[match]
        tally.lenient += 1
        tally.strict += (p.start, p.end) == (g.start, g.end)
        if p.value == g.value:
            tally.value_ok += 1
        else:
            tally.misses.append(
                f"{path.name}: {text[g.start : g.end]!r} gold {g.value} got {p.value} ({text[p.start : p.end]!r})"
            )
    for i, p in enumerate(predictions):
        if i not in used:
            tally.misses.append(f"{path.name}: spurious {text[p.start : p.end]!r} ({p.value})")


def _prf(hit: int, predicted: int, gold: int) -> str:
    precision = hit / predicted if predicted else 0.0
    recall = hit / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"{precision:.3f} / {recall:.3f} / {f1:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sets", default="platinum,timebank,aquaint")
    parser.add_argument("--misses", type=int, default=0)
    args = parser.parse_args()
    base = args.shared / "benchmarks" / "tempeval3"
    if not base.is_dir():
        sys.exit(f"no TempEval-3 data at {base}")
    print(
        "| set | docs | gold DATE | predicted | strict P / R / F1 | lenient P / R / F1 "
        "| value acc. (matched) | value acc. (all gold) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    tallies: dict[str, Tally] = {}
    for name in args.sets.split(","):
        files = sorted((base / SETS[name]).glob("*.tml"))
        t = tallies[name] = Tally()
        for path in files:
            score_file(path, t)
        role = "test" if name == "platinum" else "train (dev)"
        print(
            f"| {name} ({role}) | {len(files)} | {t.gold} | {t.predicted} | {_prf(t.strict, t.predicted, t.gold)} "
            f"| {_prf(t.lenient, t.predicted, t.gold)} | {t.value_ok / max(t.lenient, 1):.3f} "
            f"| {t.value_ok / max(t.gold, 1):.3f} |"
        )
    if args.misses:
        for name, t in tallies.items():
            print(f"\n### {name}")
            for line in t.misses[: args.misses]:
                print("-", line)


if __name__ == "__main__":
    main()
