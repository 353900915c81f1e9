"""Comparison speed and memory: `editions.compare` against diff-match-patch's word-mode diff, in one run.

    .venv/bin/python benchmarks/compare.py [--shared ../shared] [--repeat 3] [--pages 100] [--no-memory]
    .venv/bin/python benchmarks/compare.py --truth-only --repeat 1   # the found-edits table only

The edition pair is built from the corpus's own sentences (the Markdown editions of
../shared/corpus/profamiot-crs-reports, in file order, each sentence once): about 30 sentences a page, in
sections of 8 paragraphs of 5 sentences. The new edition gets programmatic edits, chosen with a fixed seed:
3% of sentences have a figure changed (their first number; a year moves by 1 to 9 years), 2% are added
(sentences not in the old edition), 2% deleted, 2% reworded (a word inserted, one dropped), 1% moved to another
section, one sentence split in two and two sentences merged into one (split and merge only of sentences no other
edit touched). Both editions are written as Markdown and read with `editions.read` (untimed); then are timed,
best of `--repeat`:

- `editions.compare(old, new)`: alignment, word operations, figure changes, stats and brief;
- the baseline: diff-match-patch `diff_main` in word mode (words mapped to characters, as its line mode does
  for lines; what EveryCRSReport runs) over the two editions' normalized texts, then `diff_cleanupSemantic`,
  with the library's default `Diff_Timeout` of 1 s (with 0, an exact diff, it takes ~40 s at 100 pages).

Every new sentence carries its origin, so the comparison of the first pair is scored against the known edits,
kind by kind: recall (the edit's exact link was found; for a changed figure, a figure change citing both
sentences) and precision (of the links of that kind reported; for figures, of the changed figures; for
reworded, of the edited links that are not a figure edit's). Generated sentences the reader does not give back
as one sentence of its own (about 2.5%: footnote letters such as "h." cut off or not, table rows) are left out
of the truth, and links touching them out of what is reported. A second pair, untimed, puts every added
sentence right after an edited one (the spare corpus sentence sharing most words with it: an added sentence on
the same subject) and deletes the sentence right after a reworded one, where a split or merge detector is
tempted to glue the two; its table follows. `--truth-only` stops after these tables.

Then the same at 10× the pages (`time ratio` should stay ≤ 12×; wall-clock and CPU time, best of `--repeat`
each: on a shared machine the CPU time is the steadier figure), and, in a child process, the peak resident
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
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import diff_match_patch

import editions
from editions.model import Comparison
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
    year = m.group().isdigit() and 1900 <= value <= 2100
    new = value + rng.randint(1, 9) * (1 if year else 10 ** max(0, len(digits.split(".")[0]) - 2))
    text = f"{int(new):,}" if "," in m.group() else (str(int(new)) if "." not in digits else f"{new:.1f}")
    return sentence[: m.start()] + text + sentence[m.end() :]


def _reword(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    k = rng.randrange(1, max(2, len(words) - 1))
    del words[k]
    words.insert(rng.randrange(1, len(words)), rng.choice(["notably", "reportedly", "currently", "also"]))
    return " ".join(words)


Origin = tuple[str, int, int]
"""Where a new-edition sentence comes from: (kind, old index, second old index or -1), kind one of same,
figure, reworded, moved, added (old index -1), split (second field: which part, 0 or 1) and merge."""


def edited_pair(
    sentences: list[str], spare: list[str], seed: int = 5, beside_edits: bool = False
) -> tuple[list[list[str]], list[list[tuple[str, Origin]]]]:
    """Old and new editions as sections of sentences; each new sentence carries its origin (the truth).
    `beside_edits`: every added sentence goes right after an edited one, and every deleted sentence is the
    one right after a reworded one (where split and merge detectors are tempted)."""
    rng = random.Random(seed)
    n = len(sentences)
    old = [sentences[i : i + SECTION] for i in range(0, n, SECTION)]
    new: list[list[tuple[str, Origin]]] = [
        [(text, ("same", s * SECTION + k, -1)) for k, text in enumerate(section)] for s, section in enumerate(old)
    ]
    flat = [(s, k) for s, section in enumerate(new) for k in range(len(section))]
    picks = rng.sample(flat, int(n * 0.08))
    cut = [int(n * x) for x in (0.03, 0.05, 0.07, 0.09)]
    figures, deleted, reworded, moved = picks[: cut[0]], picks[cut[0] : cut[1]], picks[cut[1] : cut[2]], picks[cut[2] :]
    for s, k in figures:
        text, (_, i, _) = new[s][k]
        bumped = _bump(text, rng)
        new[s][k] = (bumped, ("figure", i, -1)) if bumped else (_reword(text, rng), ("reworded", i, -1))
    for s, k in reworded:
        text, (_, i, _) = new[s][k]
        new[s][k] = (_reword(text, rng), ("reworded", i, -1))
    if beside_edits:
        taken = set(picks)
        after = [(s, k + 1) for s, k in reworded if k + 1 < len(new[s]) and (s, k + 1) not in taken]
        deleted = after[: len(deleted)]
    moving = [(new[s][k][0], ("moved", new[s][k][1][1], -1)) for s, k in moved]
    for s, k in sorted(deleted + moved, reverse=True):
        del new[s][k]
    for entry in moving:
        target = new[rng.randrange(len(new))]
        target.insert(rng.randrange(len(target) + 1), entry)
    if beside_edits:
        # Each added sentence is the spare sentence sharing most words with the edited one it follows: an
        # added sentence on the same subject, the hardest case for a split detector.
        edited = [(s, k) for s, sec in enumerate(new) for k, (_, o) in enumerate(sec) if o[0] in ("figure", "reworded")]
        places = sorted(rng.sample(edited, int(n * 0.02)), reverse=True)
        free = {k: set(_LETTERS.findall(t.lower())) for k, t in enumerate(spare)}
        for s, k in places:
            words = set(_LETTERS.findall(new[s][k][0].lower()))
            best = max(free, key=lambda x: (len(free[x] & words), -x))
            del free[best]
            new[s].insert(k + 1, (spare[best], ("added", -1, -1)))
    for sentence in spare[: 0 if beside_edits else int(n * 0.02)]:
        target = new[rng.randrange(len(new))]
        target.insert(rng.randrange(len(target) + 1), (sentence, ("added", -1, -1)))
    # One split, one merge, of sentences no other edit touched.
    done = False
    for section in new:
        for k, (text, origin) in enumerate(section):
            if origin[0] == "same" and ", and " in text:
                a, b = text.split(", and ", 1)
                i = origin[1]
                section[k : k + 1] = [(a + ".", ("split", i, 0)), (b[:1].upper() + b[1:], ("split", i, 1))]
                done = True
                break
        if done:
            break
    done = False
    for section in reversed(new):
        for k in range(len(section) - 1):
            (ta, oa), (tb, ob) = section[k], section[k + 1]
            if oa[0] == ob[0] == "same" and ob[1] == oa[1] + 1:
                section[k : k + 2] = [(ta.rstrip(".") + "; " + tb, ("merge", oa[1], ob[1]))]
                done = True
                break
        if done:
            break
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


def best_of(repeat: int, fn: Callable[[], object]) -> tuple[float, float]:
    """The best wall-clock time and the best CPU time (`process_time`: what a shared, busy machine disturbs
    least) of `repeat` runs."""
    best = best_cpu = float("inf")
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
    return best, best_cpu


@dataclass
class Pair:
    """A built edition pair and its truth: the generated old sentences and the new ones with their origins."""

    old: editions.Edition
    new: editions.Edition
    old_texts: list[str]
    new_entries: list[tuple[str, Origin]]


def build(shared: Path, pages: int, folder: Path, beside_edits: bool = False) -> Pair:
    n = pages * SENTENCES_PER_PAGE
    pool = corpus_sentences(shared, n + (n // 3 if beside_edits else n // 50 + 10))
    if len(pool) < n + n // 50:
        sys.exit(f"no corpus sentences under {shared}")
    old, new = edited_pair(pool[:n], pool[n:], beside_edits=beside_edits)
    (folder / "old.md").write_text(to_markdown("Benchmark report", old), encoding="utf-8")
    (folder / "new.md").write_text(to_markdown("Benchmark report", [[t for t, _ in sec] for sec in new]), "utf-8")
    return Pair(
        editions.read(folder / "old.md"),
        editions.read(folder / "new.md"),
        [t for section in old for t in section],
        [entry for section in new for entry in section],
    )


_URL = re.compile(r"https?://\S+")
_LETTERS = re.compile(r"[a-z]{4,}")


def _plain_key(text: str) -> str:
    """A sentence as the Markdown reader and the generator both give it: its words of 4+ letters, links'
    addresses, emphasis marks and ordinal suffixes aside."""
    return " ".join(_LETTERS.findall(_URL.sub(" ", text.lower()).replace("_", " ")))


KINDS = ("changed figures", "added", "deleted", "reworded", "moved", "split", "merge")


def _index(edition: editions.Edition, texts: list[str]) -> tuple[dict[int, int], int]:
    """Generated sentence → the edition's sentence with the same text (similarity key), and how many
    generated sentences the reader did not give back as one sentence of their own."""
    where: dict[str, list[int]] = defaultdict(list)
    for k, s in enumerate(edition.sentences):
        where[_plain_key(edition.text_of(s))].append(k)
    out: dict[int, int] = {}
    for g, text in enumerate(texts):
        hits = where.get(_plain_key(text))
        if hits and len(hits) == 1:
            out[g] = hits[0]
    return out, len(texts) - len(out)


def truth_scores(pair: Pair, c: Comparison) -> dict[str, tuple[int, int, int, int]]:
    """For each kind of programmatic edit: (truth, found, reported, reported correctly). A truth edit is
    found when the comparison has exactly its link (a figure edit: a changed figure citing both of its
    sentences); reported counts the comparison's links of that kind (for figures its changed figures; for
    reworded its edited links that are not a figure edit's)."""
    old_at, lost_old = _index(pair.old, pair.old_texts)
    new_at, lost_new = _index(pair.new, [t for t, _ in pair.new_entries])
    print(
        f"      truth: {lost_old} old and {lost_new} new generated sentences are not one sentence of the read "
        "edition (left out of the truth)"
    )
    truth: dict[str, set[tuple[tuple[int, ...], tuple[int, ...]]]] = {k: set() for k in KINDS}
    kept: set[int] = set()
    split_parts: dict[int, list[int]] = defaultdict(list)
    for g, (_, (kind, i, i2)) in enumerate(pair.new_entries):
        if i >= 0:
            kept.add(i)
        if kind == "merge":
            kept.add(i2)
        if kind == "split":
            split_parts[i].append(g)
            continue
        if g not in new_at or (i >= 0 and i not in old_at) or (kind == "merge" and i2 not in old_at):
            continue  # the reader split or joined this sentence differently: no truth to check
        j = new_at[g]
        if kind == "added":
            truth["added"].add(((), (j,)))
        elif kind == "merge":
            truth["merge"].add(((old_at[i], old_at[i2]), (j,)))
        elif kind in ("figure", "reworded", "moved"):
            name = "changed figures" if kind == "figure" else kind
            truth[name].add(((old_at[i],), (j,)))
    for i, parts in split_parts.items():
        if i in old_at and all(g in new_at for g in parts):
            truth["split"].add(((old_at[i],), tuple(new_at[g] for g in parts)))
    for i in range(len(pair.old_texts)):
        if i not in kept and i in old_at:
            truth["deleted"].add(((old_at[i],), ()))

    got: dict[str, set[tuple[tuple[int, ...], tuple[int, ...]]]] = {k: set() for k in KINDS}
    name_of = {"added": "added", "deleted": "deleted", "moved": "moved", "split": "split", "merged": "merge"}
    judged_old, judged_new = set(old_at.values()), set(new_at.values())
    for link in c.links:
        key = (link.old, link.new)
        if not (judged_old.issuperset(link.old) and judged_new.issuperset(link.new)):
            continue  # a sentence the truth cannot speak for
        if str(link.kind) in name_of:
            got[name_of[str(link.kind)]].add(key)
        elif link.kind == "edited" and key not in truth["changed figures"]:
            got["reworded"].add(key)
    figures = [
        ((fc.old.sentence,), (fc.new.sentence,))
        for fc in c.fact_changes
        if fc.kind == "changed"
        and fc.old is not None
        and fc.new is not None
        and fc.old.sentence in judged_old
        and fc.new.sentence in judged_new
    ]
    out: dict[str, tuple[int, int, int, int]] = {}
    for kind in KINDS:
        if kind == "changed figures":
            found = len(truth[kind] & set(figures))
            out[kind] = (len(truth[kind]), found, len(figures), sum(f in truth[kind] for f in figures))
        else:
            out[kind] = (len(truth[kind]), len(truth[kind] & got[kind]), len(got[kind]), len(truth[kind] & got[kind]))
    return out


def print_truth(scores: dict[str, tuple[int, int, int, int]]) -> None:
    print("      | edit | truth | found | recall | reported | correct | precision |")
    print("      |---|---:|---:|---:|---:|---:|---:|")
    for kind, (t, f, r, ok) in scores.items():
        recall = f"{f / t:.3f}" if t else "—"
        precision = f"{ok / r:.3f}" if r else "—"
        print(f"      | {kind} | {t} | {f} | {recall} | {r} | {ok} | {precision} |")


def run(shared: Path, pages: int, repeat: int, truth: bool = True) -> tuple[float, float, float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        pair = build(shared, pages, Path(tmp))
    old, new = pair.old, pair.new
    ours, ours_cpu = best_of(repeat, lambda: editions.compare(old, new))
    base, base_cpu = best_of(repeat, lambda: dmp_words(old.text, new.text))
    c = editions.compare(old, new)
    kinds: dict[str, int] = {}
    for link in c.links:
        kinds[str(link.kind)] = kinds.get(str(link.kind), 0) + 1
    changed = sum(1 for fc in c.fact_changes if fc.kind == "changed")
    print(
        f"{pages:>5} pages | {len(old.sentences):>6} → {len(new.sentences):>6} sentences | "
        f"{len(old.text) / 1e6:.2f} MB | compare {ours:.3f} s | dmp word diff {base:.3f} s | "
        f"compare/dmp {ours / base:.2f}x (CPU time: {ours_cpu:.3f} s / {base_cpu:.3f} s = {ours_cpu / base_cpu:.2f}x)"
    )
    print(f"      links {kinds}; figures changed {changed}; brief items {len(c.brief)}")
    if truth:
        print_truth(truth_scores(pair, c))
    return ours, base, ours_cpu, base_cpu


def run_beside_edits(shared: Path, pages: int) -> None:
    """The found-edits table of a pair whose added and deleted sentences all sit next to edited ones."""
    with tempfile.TemporaryDirectory() as tmp:
        pair = build(shared, pages, Path(tmp), beside_edits=True)
    c = editions.compare(pair.old, pair.new)
    kinds: dict[str, int] = {}
    for link in c.links:
        kinds[str(link.kind)] = kinds.get(str(link.kind), 0) + 1
    print(f"{pages:>5} pages, added and deleted sentences beside edited ones | links {kinds}")
    print_truth(truth_scores(pair, c))


def child(shared: Path, pages: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pair = build(shared, pages, Path(tmp))
    old, new = pair.old, pair.new
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
    parser.add_argument("--truth-only", action="store_true", help="only the first pair: time and found edits")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.shared, args.child)
        return
    small, small_base, small_cpu, small_base_cpu = run(args.shared, args.pages, args.repeat)
    run_beside_edits(args.shared, args.pages)
    if args.truth_only:
        return
    large, large_base, large_cpu, large_base_cpu = run(args.shared, args.pages * 10, args.repeat, truth=False)
    print(
        f"10x the text: compare {large / small:.1f}x the time, {large_cpu / small_cpu:.1f}x the CPU time "
        f"(goal ≤ 12x); dmp word diff {large_base / small_base:.1f}x, {large_base_cpu / small_base_cpu:.1f}x"
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
