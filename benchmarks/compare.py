"""Comparison speed and memory: `editions.compare` against diff-match-patch's word-mode diff, in one run.

    .venv/bin/python benchmarks/compare.py [--shared ../shared] [--repeat 3] [--pages 100] [--no-memory]

The edition pair is built from the corpus's own sentences (the Markdown editions of
../shared/corpus/profamiot-crs-reports, in file order, each sentence once): about 30 sentences a page, in
sections of 8 paragraphs of 5 sentences. The new edition gets programmatic edits, chosen with a fixed seed:
3% of sentences have a figure changed (their first number), 2% are added (sentences not in the old edition),
2% deleted, 2% reworded (a word inserted, one dropped), 1% moved to another section, one sentence split in two
and two sentences merged into one. Both editions are written as Markdown and read with `editions.read`
(untimed); then are timed, best of `--repeat`:

- `editions.compare(old, new)`: alignment, word operations, figure changes, stats and brief;
- the baseline: diff-match-patch `diff_main` in word mode (words mapped to characters, as its line mode does
  for lines; what EveryCRSReport runs) over the two editions' normalized texts, then `diff_cleanupSemantic`,
  with the library's default `Diff_Timeout` of 1 s (with 0, an exact diff, it takes ~40 s at 100 pages).

Then the same at 10× the pages (`time ratio` should stay ≤ 12×), and, in a child process, the peak resident
memory of reading and comparing a 1,000-page pair (`ru_maxrss`, goal ≤ 1 GB).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import diff_match_patch

import editions
from editions.structure.sentences import split_sentences

REPO = Path(__file__).resolve().parents[1]
SENTENCES_PER_PAGE = 30
PARAGRAPH = 5
SECTION = 8 * PARAGRAPH
_NUMBER = re.compile(r"\b\d[\d,]*(?:\.\d+)?\b")
_WORDS = re.compile(r"\S+\s*")


def corpus_sentences(shared: Path, needed: int) -> list[str]:
    """Distinct corpus sentences of 8 to 60 words, in file order. The corpus holds about 9,000; beyond that
    the list repeats itself in disguise: copy r replaces every word of four or more letters by a pseudo-word
    of the same length and capitalization drawn from a hash of the word and r (numbers and short words
    stay). Copies are thus new text to the aligner, with the corpus's sentence lengths and figures."""
    distinct = _distinct_sentences(shared)
    out = list(distinct[:needed])
    copy = 2
    while distinct and len(out) < needed:
        out.extend(_disguise(s, copy) for s in distinct[: needed - len(out)])
        copy += 1
    return out


_LONG_WORD = re.compile(r"[A-Za-z]{4,}")


def _pseudo(word: str, copy: int) -> str:
    digest = hashlib.sha1(f"{copy}:{word.lower()}".encode()).digest()
    letters = "".join(("bcdfghklmnprstvz"[b % 16] if k % 2 == 0 else "aeiou"[b % 5]) for k, b in enumerate(digest))
    out = (letters * 2)[: len(word)]
    return out.capitalize() if word[0].isupper() else out


def _disguise(sentence: str, copy: int) -> str:
    return _LONG_WORD.sub(lambda m: _pseudo(m.group(), copy), sentence)


def _distinct_sentences(shared: Path) -> list[str]:
    root = shared / "corpus" / "profamiot-crs-reports" / "markdown"
    seen: dict[str, None] = {}
    for path in sorted(root.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for paragraph in re.split(r"\n\s*\n", text):
            if paragraph.lstrip().startswith(("#", "|", "!", "*", "-", ">", "[")):
                continue
            flat = " ".join(paragraph.split())
            for start, end in split_sentences(flat):
                s = flat[start:end].strip()
                if 8 <= len(s.split()) <= 60 and s[-1:] in ".?!" and "\\" not in s and s not in seen:
                    seen[s] = None
    return list(seen)


def _bump(sentence: str, rng: random.Random) -> str | None:
    m = _NUMBER.search(sentence)
    if m is None:
        return None
    digits = m.group().replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        return None
    new = value + rng.randint(1, 9) * (10 ** max(0, len(digits.split(".")[0]) - 2))
    text = f"{int(new):,}" if "," in m.group() else (str(int(new)) if "." not in digits else f"{new:.1f}")
    return sentence[: m.start()] + text + sentence[m.end() :]


def _reword(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    k = rng.randrange(1, max(2, len(words) - 1))
    del words[k]
    words.insert(rng.randrange(1, len(words)), rng.choice(["notably", "reportedly", "currently", "also"]))
    return " ".join(words)


def edited_pair(sentences: list[str], spare: list[str], seed: int = 5) -> tuple[list[list[str]], list[list[str]]]:
    """Old and new editions as sections of sentences."""
    rng = random.Random(seed)
    n = len(sentences)
    old = [sentences[i : i + SECTION] for i in range(0, n, SECTION)]
    new = [list(section) for section in old]
    flat = [(s, k) for s, section in enumerate(new) for k in range(len(section))]
    picks = rng.sample(flat, int(n * 0.10))
    cut = [int(n * x) for x in (0.03, 0.05, 0.07, 0.09)]
    figures, deleted, reworded, moved = picks[: cut[0]], picks[cut[0] : cut[1]], picks[cut[1] : cut[2]], picks[cut[2] :]
    for s, k in figures:
        new[s][k] = _bump(new[s][k], rng) or _reword(new[s][k], rng)
    for s, k in reworded:
        new[s][k] = _reword(new[s][k], rng)
    moving = [new[s][k] for s, k in moved]
    for s, k in sorted(deleted + moved, reverse=True):
        del new[s][k]
    for sentence in moving:
        target = new[rng.randrange(len(new))]
        target.insert(rng.randrange(len(target) + 1), sentence)
    for sentence in spare[: int(n * 0.02)]:
        target = new[rng.randrange(len(new))]
        target.insert(rng.randrange(len(target) + 1), sentence)
    # One split, one merge.
    for section in new:
        for k, s in enumerate(section):
            if ", and " in s:
                a, b = s.split(", and ", 1)
                section[k : k + 1] = [a + ".", b[:1].upper() + b[1:]]
                break
        else:
            continue
        break
    last = new[-1]
    if len(last) > 2:
        last[0:2] = [last[0].rstrip(".") + "; " + last[1]]
    return old, new


def to_markdown(title: str, sections: list[list[str]]) -> str:
    out = [f"# {title}\n"]
    for s, section in enumerate(sections):
        out.append(f"## Section {s + 1}\n")
        for p in range(0, len(section), PARAGRAPH):
            out.append(" ".join(section[p : p + PARAGRAPH]) + "\n")
    return "\n".join(out)


def dmp_words(a: str, b: str) -> int:
    """diff-match-patch word mode: each distinct word (with its trailing spaces) becomes one character."""
    dmp = diff_match_patch.diff_match_patch()  # default settings: Diff_Timeout = 1 s, as deployed
    table: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        chars = []
        for w in _WORDS.findall(text):
            c = table.get(w)
            if c is None:
                c = chr(len(words) + 1) if len(words) + 1 < 0xD800 else chr(len(words) + 1 + 0x800)
                table[w] = c
                words.append(w)
            chars.append(c)
        return "".join(chars)

    diffs = dmp.diff_main(encode(a), encode(b), False)
    dmp.diff_cleanupSemantic(diffs)
    return len(diffs)


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def build(shared: Path, pages: int, folder: Path) -> tuple[editions.Edition, editions.Edition]:
    n = pages * SENTENCES_PER_PAGE
    pool = corpus_sentences(shared, n + n // 50 + 10)
    if len(pool) < n + n // 50:
        sys.exit(f"no corpus sentences under {shared}")
    old, new = edited_pair(pool[:n], pool[n:])
    (folder / "old.md").write_text(to_markdown("Benchmark report", old), encoding="utf-8")
    (folder / "new.md").write_text(to_markdown("Benchmark report", new), encoding="utf-8")
    return editions.read(folder / "old.md"), editions.read(folder / "new.md")


def run(shared: Path, pages: int, repeat: int) -> tuple[float, float, editions.Edition]:
    with tempfile.TemporaryDirectory() as tmp:
        old, new = build(shared, pages, Path(tmp))
    ours = best_of(repeat, lambda: editions.compare(old, new))
    base = best_of(repeat, lambda: dmp_words(old.text, new.text))
    c = editions.compare(old, new)
    kinds: dict[str, int] = {}
    for link in c.links:
        kinds[str(link.kind)] = kinds.get(str(link.kind), 0) + 1
    changed = sum(1 for fc in c.fact_changes if fc.kind == "changed")
    print(
        f"{pages:>5} pages | {len(old.sentences):>6} → {len(new.sentences):>6} sentences | "
        f"{len(old.text) / 1e6:.2f} MB | compare {ours:.3f} s | dmp word diff {base:.3f} s | "
        f"compare/dmp {ours / base:.2f}x"
    )
    print(f"      links {kinds}; figures changed {changed}; brief items {len(c.brief)}")
    return ours, base, old


def child(shared: Path, pages: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        old, new = build(shared, pages, Path(tmp))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    c = editions.compare(old, new)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{before / 1024:.0f} {after / 1024:.0f} {len(c.links)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.shared, args.child)
        return
    small, small_base, _ = run(args.shared, args.pages, args.repeat)
    large, large_base, _ = run(args.shared, args.pages * 10, 1)
    print(
        f"10x the text: compare {large / small:.1f}x the time (goal ≤ 12x), "
        f"dmp word diff {large_base / small_base:.1f}x"
    )
    if not args.no_memory:
        pages = args.pages * 10
        out = subprocess.run(
            [sys.executable, __file__, "--shared", str(args.shared), "--child", str(pages)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        print(
            f"peak memory, {pages} pages: {out[0]} MB after reading both editions, {out[1]} MB after compare "
            f"(goal ≤ 1024 MB)"
        )


if __name__ == "__main__":
    main()
