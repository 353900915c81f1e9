"""How the charts of a library's report pages read: of the charts drawn by default (every report's summary
timelines that state a number, on pages where some figure moved), the share that are flat lines, the steadiest
figures offered folded where none moved, those whose points include a spelled-out number
word (listed, so a determiner such as "One way that …" shows), the points that read as an identifier (a number
after an acronym, "No." or a word that numbers orders, directives, sections, plans and bills, or written as
directives are: "3000.09"; listed), and the points taken from a sentence that is not the report's argument (a
caption, heading, title, note, source line or reference). With --titles, each chart's title (what its figure
counts, `Timeline.measures`) beside the stating clause it replaced, and how many titles are that clause still.

    .venv/bin/python scripts/score_charts.py LIBRARY.db [--list] [--titles]

LIBRARY.db: a library made with `editions add` (for the corpus and seeds:
`editions add -L /tmp/corpus.db ../shared/corpus ../shared/seeds`). The summaries are made again if the ones
kept are stale (`Library.summary`)."""

from __future__ import annotations

import argparse
import re
import sys

from editions.facts.phrase import figure_clause
from editions.library import Library
from editions.model import BlockKind

NUMBER_WORDS = frozenset(
    {
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "dozen",
    }
)
NOT_ARGUMENT_BLOCKS = frozenset({BlockKind.TITLE, BlockKind.HEADING, BlockKind.CAPTION})
# Read independently of the facts stage's own rules, so that this count checks them.
IDENTIFIER_BEFORE = re.compile(
    r"(?:\b[A-Z]{2,}|\bNos?\.|\b(?:Order|Directive|Instruction|Section|Title|Plan|Bill|Act|Law|H\.R\.|S\.|"
    r"P\.L\.|Figure|Table|Part|Article|Rule)|§)\s*$"
)
IDENTIFIER_FORM = re.compile(r"^(?:No\.\s?\d|\d+\.\d{2,}$)")


def identifier(text: str, sentence: str) -> bool:
    """Whether a figure as printed (`text`, in `sentence`) reads as an identifier."""
    at = sentence.find(text)
    return IDENTIFIER_FORM.match(text) is not None or (at >= 0 and IDENTIFIER_BEFORE.search(sentence[:at]) is not None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("library")
    parser.add_argument("--list", action="store_true", help="print every chart's points")
    parser.add_argument("--titles", action="store_true", help="print every chart's title and the clause before")
    args = parser.parse_args()
    charts = flat = steadiest = 0
    worded: list[str] = []
    identifiers: list[str] = []
    clauses = 0
    outside: list[str] = []
    with Library(args.library) as lib:
        for report in lib.reports():
            for timeline in lib.summary(report.report).timelines:
                stated = [p for p in timeline.points if p.number is not None]
                if not stated:
                    continue  # a page draws no chart for it
                if not any(t.moved for t in lib.summary(report.report).timelines):
                    steadiest += 1  # offered folded, under "no figure moved", not drawn by default
                else:
                    charts += 1
                    flat += not timeline.moved
                line = f"{report.report}: " + " → ".join(p.text or "—" for p in timeline.points)
                if args.list:
                    print(line)
                latest = stated[-1]
                clause = figure_clause(latest.sentence_text or "", latest.text or "")
                clauses += timeline.measures == clause
                if args.titles:
                    print(f"{report.report} [{latest.text}]\n    clause: {clause}\n    title:  {timeline.measures}")
                if any(set((p.text or "").lower().replace("-", " ").split()) & NUMBER_WORDS for p in stated):
                    worded.append(line)
                if any(identifier(p.text or "", p.sentence_text or "") for p in stated):
                    identifiers.append(line)
                for p in timeline.points:
                    if p.sentence is None:
                        continue
                    edition = lib.get(p.ref)
                    sentence = edition.sentences[p.sentence]
                    block = edition.blocks[sentence.block].kind
                    if not sentence.role.is_argument or block in NOT_ARGUMENT_BLOCKS:
                        outside.append(f"{p.ref} s{p.sentence} ({sentence.role}, {block}): {p.sentence_text}")
    print(f"charts drawn by default: {charts}")
    print(f"flat lines: {flat} ({flat / charts:.1%})" if charts else "flat lines: 0")
    print(f"steadiest figures offered (folded) on pages where none moved: {steadiest}")
    print(f"charts with a spelled-out number word: {len(worded)}")
    for line in worded:
        print("   ", line)
    print(f"titles that are the stating clause (no noun phrase found): {clauses} of {charts + steadiest}")
    print(f"charts of an identifier: {len(identifiers)}")
    for line in identifiers:
        print("   ", line)
    print(f"points outside the argument (caption, heading, title, note, source, reference): {len(outside)}")
    for line in outside:
        print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
