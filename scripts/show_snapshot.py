"""Snapshot of `editions show` for a terminal over the corpus, to show a change of the terminal renderer prints
the same bytes.

For every Markdown and HTML file of ../shared/corpus and every k-th PDF (40 in all), it runs `editions show FILE`
in this process through the CLI app (typer's test runner: standard output is not a terminal, as in a pipe) three
ways: as into a pipe (80 columns, plain text); with FORCE_COLOR=1 (rich's switch to write for a terminal, as a
user's environment sets it), COLUMNS=100 and 256 colours; and with FORCE_COLOR=1, COLUMNS=60, truecolor and
--no-furniture. Each output goes to one file with the exit status. Run it with the Python of each checkout (its
`.venv/bin/python`) and `diff -r` the two folders.

Usage: python scripts/show_snapshot.py OUT_DIR [--shared PATH] [--pdfs N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from typer.testing import CliRunner

from editions.cli import app

ROOT = Path(__file__).resolve().parents[1]
VARIANTS: dict[str, tuple[dict[str, str | None], list[str]]] = {
    "pipe": ({"COLUMNS": None, "FORCE_COLOR": None, "NO_COLOR": None}, []),
    "term100": (
        {"COLUMNS": "100", "FORCE_COLOR": "1", "TERM": "xterm-256color", "COLORTERM": None, "NO_COLOR": None},
        [],
    ),
    "term60-truecolor-nofurn": (
        {"COLUMNS": "60", "FORCE_COLOR": "1", "COLORTERM": "truecolor", "NO_COLOR": None},
        ["--no-furniture"],
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--pdfs", type=int, default=40, help="How many of the corpus PDFs to show (every k-th).")
    args = parser.parse_args()
    # Resolved: the Source line prints the path, so every checkout must name the files alike.
    corpus = args.shared.resolve() / "corpus"
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".md", ".html"))
    pdfs = sorted(corpus.rglob("*.pdf"))
    files += pdfs[:: max(1, len(pdfs) // max(args.pdfs, 1))][: args.pdfs]
    args.out.mkdir(parents=True, exist_ok=True)
    runner = CliRunner()
    for path in files:
        name = str(path.relative_to(corpus)).replace("/", "__")
        for variant, (env, extra) in VARIANTS.items():
            result = runner.invoke(app, ["show", str(path), *extra], env=env)
            (args.out / f"{name}.{variant}.txt").write_text(f"rc={result.exit_code}\n{result.stdout}", encoding="utf-8")
    print(f"{len(files)} files × {len(VARIANTS)} ways written into {args.out}")


if __name__ == "__main__":
    main()
