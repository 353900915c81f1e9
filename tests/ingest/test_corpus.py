"""Every Markdown edition of the corpus ingests, and its report number and date are read wherever printed."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

import editions
from editions.model import BlockKind


def _manifest(shared: Path) -> list[dict[str, str]]:
    root = shared / "corpus" / "profamiot-crs-reports"
    with (root / "MANIFEST.tsv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["format"] == "markdown"]
    return rows


def _printed_forms(day: dt.date) -> list[str]:
    return [f"{day:%m/%d/%Y}", f"{day:%B} {day.day}, {day.year}"]


def test_every_markdown_file_ingests_with_its_metadata(shared: Path) -> None:
    root = shared / "corpus" / "profamiot-crs-reports"
    rows = _manifest(shared)
    assert len(rows) >= 90
    misses: list[str] = []
    for row in rows:
        path = root / row["file"]
        raw = path.read_text(encoding="utf-8")
        edition = editions.read(path)
        assert edition.sentences, f"{path.name}: no sentences"
        assert edition.title, f"{path.name}: no title"
        number = row["report_number"]
        if number in raw and edition.report != number:
            misses.append(f"{path.name}: report {edition.report!r}, printed {number!r}")
        day = dt.date.fromisoformat(row["version_date"][:10])
        if any(form in raw for form in _printed_forms(day)) and edition.date != day:
            misses.append(f"{path.name}: date {edition.date}, printed {day}")
        # Chrome and the disclaimer never reach content.
        content = " ".join(edition.text_of(s) for s in edition.sentences)
        for chrome in ("Download PDF", "PDF Version History", "CRS Product Number", "Hide Overview"):
            assert chrome not in content, f"{path.name}: {chrome!r} in content"
        assert "prepared by the Congressional Research Service" not in content, f"{path.name}: disclaimer"
        assert "](" not in edition.text and "\\$" not in edition.text, f"{path.name}: markup left"
    assert not misses, "metadata misses:\n" + "\n".join(misses)


def test_corpus_sections_are_found(shared: Path) -> None:
    root = shared / "corpus" / "profamiot-crs-reports" / "markdown"
    headless = []
    for path in sorted(root.glob("*/*.md")):
        edition = editions.read(path)
        if not any(b.kind is BlockKind.HEADING for b in edition.blocks):
            headless.append(path.name)
    # A few short Insights have no headings at all; most editions do.
    assert len(headless) <= 10, headless


@pytest.mark.parametrize("name", ["IF10753v6", "IF10753v7"])
def test_two_editions_of_one_report(shared: Path, name: str) -> None:
    root = shared / "corpus" / "profamiot-crs-reports" / "markdown" / "in-focus"
    (path,) = root.glob(f"{name}-*.md")
    edition = editions.read(path)
    assert edition.report == "IF10753"
    assert edition.version == int(name.split("v")[1])
    assert edition.product == "In Focus"
