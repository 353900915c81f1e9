"""Fidelity: the same edition read from PDF, Markdown and HTML should give the same sentences and metadata.

Pairs every CRS PDF of ../shared/corpus/profamiot-crs-reports with the Markdown of the same report number and
version (MANIFEST.tsv), plus IN12669 v3 in three formats (PDF, Markdown, congress.gov HTML from
krischen-crs-reports). For each pair it compares the content sentences (`Edition.sentences`):

- exact: a sentence matches when its whitespace-normalized text is equal (multiset: a sentence printed twice
  on one side must be printed twice on the other);
- quotes folded: the same, with typographic quotes and apostrophes read as ASCII ones (the congress.gov
  renditions straighten them, the PDFs do not);
- lenient: sentences left unmatched are then paired greedily when rapidfuzz `ratio` >= 95.

and the metadata (report number, date, title, author names). Prints a Markdown table and the median.

Usage: .venv/bin/python scripts/score_fidelity.py [--shared PATH] [--show N] [--only SUBSTRING]
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import editions  # noqa: E402
from editions.model import Edition  # noqa: E402

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'})


def normalized(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def folded(text: str) -> str:
    """Typographic quotes as ASCII: congress.gov's HTML prints "Japan's" where the PDF prints "Japan’s"."""
    return text.translate(_QUOTES)


def sentences(edition: Edition) -> list[str]:
    return [normalized(edition.text_of(s)) for s in edition.sentences]


@dataclass
class Score:
    name: str
    left: int
    right: int
    exact: float
    folded: float
    lenient: float
    metadata: dict[str, bool]
    only_left: list[str]
    only_right: list[str]


def f1(matched: int, left: int, right: int) -> float:
    if left == 0 and right == 0:
        return 1.0
    if matched == 0:
        return 0.0
    p, r = matched / left, matched / right
    return 2 * p * r / (p + r)


def compare(name: str, a: Edition, b: Edition) -> Score:
    sa, sb = sentences(a), sentences(b)
    ca, cb = Counter(sa), Counter(sb)
    common = ca & cb
    exact = sum(common.values())
    fa, fb = Counter(folded(x) for x in sa), Counter(folded(x) for x in sb)
    fcommon = fa & fb
    quotes = sum(fcommon.values())
    rest_a = list((fa - fcommon).elements())
    rest_b = list((fb - fcommon).elements())
    fuzzy = 0
    pool = list(rest_b)
    unmatched_a = []
    for s in rest_a:
        hit = process.extractOne(s, pool, scorer=fuzz.ratio, score_cutoff=95) if pool else None
        if hit is None:
            unmatched_a.append(s)
            continue
        pool.pop(hit[2])
        fuzzy += 1
    meta = {
        "report": a.report == b.report,
        "date": a.date == b.date,
        "title": _title(a.title) == _title(b.title),
        "authors": {x.name for x in a.authors} == {x.name for x in b.authors},
    }
    return Score(
        name,
        len(sa),
        len(sb),
        f1(exact, len(sa), len(sb)),
        f1(quotes, len(sa), len(sb)),
        f1(quotes + fuzzy, len(sa), len(sb)),
        meta,
        unmatched_a,
        pool,
    )


def _title(title: str | None) -> str:
    return re.sub(r"[^\w]+", " ", (title or "").replace("’", "'")).strip().lower()


def pairs(shared: Path) -> list[tuple[str, list[Path]]]:
    corpus = shared / "corpus" / "profamiot-crs-reports"
    rows = list(csv.DictReader((corpus / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t"))

    def key(row: dict[str, str]) -> tuple[str, str]:
        return row["report_number"], row["version"].split()[0]

    pdfs = {key(r): corpus / r["file"] for r in rows if r["format"] == "pdf"}
    mds = {key(r): corpus / r["file"] for r in rows if r["format"] == "markdown"}
    out = [
        (f"{report} v{version}", [pdfs[(report, version)], mds[(report, version)]])
        for report, version in sorted(set(pdfs) & set(mds))
    ]
    html = sorted((shared / "corpus" / "krischen-crs-reports" / "html").glob("IN12669v3-*.html"))
    if html and ("IN12669", "3") in pdfs:
        out.append(("IN12669 v3 (PDF/HTML)", [pdfs[("IN12669", "3")], html[0]]))
        out.append(("IN12669 v3 (Markdown/HTML)", [mds[("IN12669", "3")], html[0]]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--show", type=int, default=0, help="print up to N unmatched sentences per file under 0.95")
    parser.add_argument("--only", default="", help="score only pairs whose name contains this")
    args = parser.parse_args()
    started = time.perf_counter()
    scores: list[Score] = []
    for name, (left, right) in pairs(args.shared):
        if args.only not in name:
            continue
        scores.append(compare(name, editions.read(left), editions.read(right)))
    print(
        "| edition | sentences (left) | sentences (right) | exact F1 | quotes folded F1 | lenient F1 "
        "| report | date | title | authors |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for s in scores:
        flags = " | ".join("yes" if s.metadata[k] else "**no**" for k in ("report", "date", "title", "authors"))
        print(f"| {s.name} | {s.left} | {s.right} | {s.exact:.3f} | {s.folded:.3f} | {s.lenient:.3f} | {flags} |")
    if not scores:
        print("no pairs found")
        return
    exact = [s.exact for s in scores]
    fold = [s.folded for s in scores]
    lenient = [s.lenient for s in scores]
    print()
    print(
        f"Pairs: {len(scores)}. Median exact F1 {statistics.median(exact):.3f} (min {min(exact):.3f}); "
        f"median quotes-folded F1 {statistics.median(fold):.3f} (min {min(fold):.3f}); "
        f"median lenient F1 {statistics.median(lenient):.3f} (min {min(lenient):.3f}). "
        f"Under 0.95 folded: {sum(1 for x in fold if x < 0.95)}; under 0.90: {sum(1 for x in fold if x < 0.90)}."
    )
    for field in ("report", "date", "title", "authors"):
        agree = sum(1 for s in scores if s.metadata[field])
        print(f"- {field} agrees in {agree} of {len(scores)}")
    print(f"\n({time.perf_counter() - started:.1f} s)")
    if args.show:
        for s in sorted(scores, key=lambda s: s.folded):
            if s.folded >= 0.95:
                continue
            print(f"\n### {s.name}: folded {s.folded:.3f}")
            for text in s.only_left[: args.show]:
                print("  < " + text[:300])
            for text in s.only_right[: args.show]:
                print("  > " + text[:300])


if __name__ == "__main__":
    main()
