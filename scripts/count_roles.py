"""Sentences and facts per role and format over every edition under ../shared/corpus and ../shared/seeds.

What the role rules of `editions.structure.roles` decide, corpus-wide: for each format, how many sentences get
each role, and how many facts `facts.extract` gives in sentences of that role (notes, sources and references
give none).

Usage: .venv/bin/python scripts/count_roles.py [--shared PATH] [--sentences FILE]
(`--sentences FILE` also writes one line per sentence: path, role, text, tab-separated, to compare two runs.)
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from editions import facts, ingest, structure  # noqa: E402
from editions.errors import InputError  # noqa: E402
from editions.model import Role  # noqa: E402

SUFFIXES = (".md", ".html", ".pdf", ".txt")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sentences", type=Path, default=None)
    args = parser.parse_args()
    files = sorted(
        p
        for folder in (args.shared / "corpus", args.shared / "seeds")
        for p in folder.rglob("*")
        if p.suffix in SUFFIXES and "README" not in p.name
    )
    sentences: Counter[tuple[str, Role]] = Counter()
    found: Counter[tuple[str, Role]] = Counter()
    editions: Counter[str] = Counter()
    out = args.sentences.open("w", encoding="utf-8") if args.sentences else None
    for path in files:
        try:
            document = ingest.load(path)
        except InputError as error:
            print(f"skipped {path}: {error}", file=sys.stderr)
            continue
        edition = structure.build(document)
        fmt = document.source.format
        editions[fmt] += 1
        for sentence in edition.sentences:
            sentences[fmt, sentence.role] += 1
            if out is not None:
                out.write(f"{path}\t{sentence.role.value}\t{edition.text_of(sentence)}\n")
        for fact in facts.extract(edition.text, edition.sentences, anchor=edition.date):
            found[fmt, edition.sentences[fact.sentence].role] += 1
    if out is not None:
        out.close()
    print("| format | editions | " + " | ".join(r.value for r in Role) + " |")
    print("|---|---:|" + "---:|" * len(Role))
    for fmt in sorted(editions):
        cells = " | ".join(f"{sentences[fmt, r]:,} / {found[fmt, r]:,}" for r in Role)
        print(f"| {fmt} | {editions[fmt]} | {cells} |")
    totals = " | ".join(
        f"{sum(sentences[f, r] for f in editions):,} / {sum(found[f, r] for f in editions):,}" for r in Role
    )
    print(f"| all | {sum(editions.values())} | {totals} |")
    print("(each cell: sentences / facts)")


if __name__ == "__main__":
    main()
