"""Metadata read from the documents themselves, against the corpus manifest.

The manifest of ../shared/corpus/profamiot-crs-reports lists, for every edition, the report number, title,
version and date that the archive's maintainers recorded. We read each Markdown edition and count agreement.

    .venv/bin/python scripts/score_metadata.py [--shared ../shared] [--format markdown]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import warnings
from pathlib import Path

import editions
from editions.errors import EditionsError

REPO = Path(__file__).resolve().parents[1]


def norm(text: str | None) -> str:
    return re.sub(r"\W+", " ", (text or "").replace("’", "'")).strip().lower()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--format", default="markdown", help="which files of the manifest to read (markdown, pdf)")
    parser.add_argument(
        "--body-only",
        action="store_true",
        help="drop the archive's front matter first, so metadata must come from the page itself",
    )
    args = parser.parse_args()
    root = args.shared / "corpus" / "profamiot-crs-reports"
    with (root / "MANIFEST.tsv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["format"] == args.format]
    fields = ("report", "title", "version", "date")
    agree = dict.fromkeys(fields, 0)
    misses: list[str] = []
    failed = 0
    for row in rows:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                path = root / row["file"]
                if args.body_only:
                    text = path.read_text(encoding="utf-8")
                    body = text.split("\n---\n", 1)[1] if text.startswith("# ") and "\n---\n" in text else text
                    edition = editions.read(body.encode(), format=args.format, name=path.name)
                else:
                    edition = editions.read(path)
        except EditionsError as error:
            failed += 1
            misses.append(f"{row['file']}: not read: {error}")
            continue
        expected = {
            "report": row["report_number"],
            "title": norm(row["title"]),
            "version": int(row["version"]) if row["version"].isdigit() else None,
            "date": dt.date.fromisoformat(row["version_date"][:10]),
        }
        found = {
            "report": edition.report,
            "title": norm(edition.title),
            "version": edition.version,
            "date": edition.date,
        }
        for field in fields:
            if found[field] == expected[field]:
                agree[field] += 1
            else:
                misses.append(f"{row['file']}: {field} {found[field]!r} ≠ manifest {expected[field]!r}")
    n = len(rows)
    scope = " (front matter removed)" if args.body_only else ""
    print(f"{n} {args.format} editions{scope}, {failed} not read\n")
    print("| field | agrees with manifest | share |")
    print("|---|---:|---:|")
    for field in fields:
        print(f"| {field} | {agree[field]} / {n} | {agree[field] / n:.3f} |")
    if misses:
        print("\nDisagreements:")
        for miss in misses:
            print(f"- {miss}")


if __name__ == "__main__":
    main()
