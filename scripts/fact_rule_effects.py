"""What a change to `editions.facts` does over the whole corpus: facts removed and added, with examples.

Every edition under `../shared/corpus` and `../shared/seeds` (Markdown, HTML, PDF and plain text; README
files and data tables left out) is read once with this checkout's ingest and structure, and its sentences
(text, role, the edition's date) are cached outside the repository. Then each git revision given has its own
`src/editions/facts` run over those same sentences (`extract_from_sentence` with the edition's date as
anchor, as `editions.read` runs it), and each revision is compared with the one before it: a fact is the same
when its sentence, span, kind, value and unit are. So one commit per rule gives each rule's corpus-wide effect.

Usage:
  python scripts/fact_rule_effects.py REV [REV ...]    # e.g. b95b2bb HEAD, or every commit of a branch
  python scripts/fact_rule_effects.py --steps BASE      # BASE, then each commit after it that touched facts
  options: --examples N (per direction, default 8), --shared PATH, --cache PATH, --refresh (reread the corpus)
  `WORKTREE` as a revision means the working tree's facts package, uncommitted changes included.

Counts are printed over all sentences and over argument sentences only (`Role.is_argument`: body and table).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = frozenset({".md", ".html", ".htm", ".pdf", ".txt"})

# Run inside a subprocess whose `sys.path` starts with a copy of `src` holding one revision's facts package.
_WORKER = """
import datetime as dt, json, sys
from editions.facts import extract_from_sentence
out = open(sys.argv[2], "w", encoding="utf-8")
for line in open(sys.argv[1], encoding="utf-8"):
    row = json.loads(line)
    anchor = dt.date.fromisoformat(row["anchor"]) if row["anchor"] else None
    for f in extract_from_sentence(row["text"], anchor=anchor):
        out.write(json.dumps([row["id"], f.span.start, f.span.end, f.kind, f.value, f.unit]) + "\\n")
"""


def editions_under(shared: Path) -> Iterator[Path]:
    for folder in ("corpus", "seeds"):
        for path in sorted((shared / folder).rglob("*")):
            if path.is_file() and path.suffix.lower() in SUFFIXES and path.name.lower() != "readme.md":
                yield path


def read_sentences(shared: Path, cache: Path) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from editions import ingest, structure
    from editions.errors import InputError

    count = 0
    with cache.open("w", encoding="utf-8") as out:
        for path in editions_under(shared):
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    edition = structure.build(ingest.load(path))
            except InputError:
                continue
            anchor = edition.date.isoformat() if edition.date else None
            name = str(path.relative_to(shared))
            for s in edition.sentences:
                row = {"id": f"{name}#{s.index}", "text": s.span.of(edition.text), "anchor": anchor}
                row["argument"] = s.role.is_argument
                out.write(json.dumps(row) + "\n")
            count += 1
    print(f"read {count} editions into {cache}", file=sys.stderr)


def facts_of(revision: str, cache: Path, work: Path) -> set[tuple[str, int, int, str, str, str]]:
    """The facts of every cached sentence under `revision`'s facts package."""
    src = work / f"src-{revision.replace('/', '_')}"
    shutil.copytree(ROOT / "src", src, dirs_exist_ok=True)
    facts_dir = src / "editions" / "facts"
    if revision != "WORKTREE":
        shutil.rmtree(facts_dir)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", revision, "src/editions/facts"], check=True, capture_output=True
        ).stdout
        unpack = work / f"unpack-{revision.replace('/', '_')}"
        unpack.mkdir()
        subprocess.run(["tar", "-x", "-C", str(unpack)], input=archive, check=True)
        shutil.move(str(unpack / "src" / "editions" / "facts"), str(facts_dir))
    out = work / f"facts-{revision.replace('/', '_')}.jsonl"
    subprocess.run(
        [sys.executable, "-c", _WORKER, str(cache), str(out)],
        check=True,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
    )
    facts = set()
    with out.open(encoding="utf-8") as handle:
        for line in handle:
            sid, start, end, kind, value, unit = json.loads(line)
            facts.add((sid, start, end, kind, json.dumps(value), unit or ""))
    return facts


def steps_after(base: str) -> list[str]:
    log = subprocess.run(
        ["git", "-C", str(ROOT), "rev-list", "--reverse", f"{base}..HEAD", "--", "src/editions/facts"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return [base, *log]


def describe(revision: str) -> str:
    if revision == "WORKTREE":
        return "working tree"
    return subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%h %s", revision], check=True, capture_output=True, text=True
    ).stdout.strip()[:110]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("revisions", nargs="*")
    parser.add_argument("--steps", metavar="BASE", help="BASE and every later commit touching src/editions/facts")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "editions-fact-sentences.jsonl")
    parser.add_argument("--refresh", action="store_true", help="read the corpus again")
    parser.add_argument("--examples", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0, help="which examples are shown")
    args = parser.parse_args()
    revisions = steps_after(args.steps) if args.steps else args.revisions
    if len(revisions) < 2:
        parser.error("give at least two revisions, or --steps BASE")
    if args.refresh or not args.cache.exists():
        read_sentences(args.shared, args.cache)
    sentences: dict[str, tuple[str, bool]] = {}
    with args.cache.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            sentences[row["id"]] = (row["text"], row["argument"])
    print(f"{len(sentences)} sentences")
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        previous = facts_of(revisions[0], args.cache, Path(tmp))
        print(f"{describe(revisions[0])}: {len(previous)} facts")
        for revision in revisions[1:]:
            current = facts_of(revision, args.cache, Path(tmp))
            print(f"\n== {describe(revision)}: {len(current)} facts")
            for label, diff in (("removed", previous - current), ("added", current - previous)):
                argument = [f for f in diff if sentences[f[0]][1]]
                print(f"{label}: {len(diff)} (argument sentences: {len(argument)})")
                for sid, start, end, kind, value, _unit in rng.sample(sorted(diff), min(args.examples, len(diff))):
                    text = sentences[sid][0]
                    around = text[max(0, start - 50) : start] + "[" + text[start:end] + "]" + text[end : end + 40]
                    print(f"  - {kind} {value}: …{' '.join(around.split())}…  ({sid})")
            previous = current


if __name__ == "__main__":
    main()
