"""Snapshot of `editions diff` over the development edition pairs, every output format, to show a refactor of
compare or render changes nothing.

For each pair in ../shared/benchmarks/crs_edition_pairs (its primary files and every alt rendition, old × new)
it writes the output of `EDITIONS diff OLD NEW --format F` for json, markdown, html, csv and terminal (no
terminal attached: the plain redline), and markdown, html and terminal again with `--min-change 0.3`, each to
one file with the command's exit status and standard error. Run it with the command of each checkout (its
`.venv/bin/editions`) and `diff -r` the two folders.

Usage: python scripts/diff_snapshot.py EDITIONS OUT_DIR [--shared PATH]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = {"json": "json", "markdown": "md", "html": "html", "csv": "csv", "terminal": "txt"}
MIN_CHANGE = ("--min-change", "0.3")
"""Shown again with this option: it changes only what the views hide, so json and csv are not repeated."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("editions", help="the editions command to run, e.g. .venv/bin/editions")
    parser.add_argument("out", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    # Absolute paths: the command runs in OUT_DIR.
    editions = str(Path(args.editions).absolute()) if os.sep in args.editions else args.editions
    shared = args.shared.absolute()
    gold_dir = shared / "benchmarks" / "crs_edition_pairs"
    args.out.mkdir(parents=True, exist_ok=True)
    # A fixed width and no library: the output depends on the code and the files only.
    env = {"COLUMNS": "120", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    written = 0
    for gold in sorted(gold_dir.glob("*.json")):
        pair = json.loads(gold.read_text(encoding="utf-8"))
        olds = [pair["old"], *pair.get("old_alt", [])]
        news = [pair["new"], *pair.get("new_alt", [])]
        for k, (old, new) in enumerate(itertools.product(olds, news)):
            for (fmt, ext), extra in itertools.product(FORMATS.items(), ((), MIN_CHANGE)):
                if extra and fmt in ("json", "csv"):
                    continue
                command = [editions, "diff", str(shared / old), str(shared / new), "--format", fmt]
                done = subprocess.run(
                    [*command, *extra], capture_output=True, text=True, check=False, cwd=args.out, env=env
                )
                name = f"{gold.stem}-{k}{'-mc' if extra else ''}.{ext}"
                text = f"# {old} -> {new} rc={done.returncode}\n{done.stdout}\n--stderr--\n{done.stderr}"
                (args.out / name).write_text(text, encoding="utf-8")
                written += 1
    print(f"{written} comparisons written into {args.out} by {args.editions}")


if __name__ == "__main__":
    main()
