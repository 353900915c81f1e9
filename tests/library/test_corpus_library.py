"""The whole shared corpus and the seeds added to one library, checked against the corpus manifests
(`MANIFEST.tsv` in each folder: report, version and date of every file): one edition per (report, version),
every file of an edition one of its sources, no two versions merged, no hash in any reference."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest

from editions.library import Library

pytestmark = pytest.mark.slow

HASH_REF = re.compile(r"@[0-9a-f]{12}\b")


def manifest_rows(corpus: Path) -> list[tuple[Path, str, int | None]]:
    """(file, report, version) of every edition file the manifests list (listings and metadata files left out)."""
    out = []
    for manifest in sorted(corpus.glob("*/MANIFEST.tsv")):
        with manifest.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                report, version = row["report_number"], row["version"]
                if not re.fullmatch(r"[A-Z]*\d[\d-]*", report) or not (manifest.parent / row["file"]).is_file():
                    continue
                if row["format"].split()[0] not in ("pdf", "html", "markdown", "text"):
                    continue
                number = re.match(r"\d+", version)
                out.append((manifest.parent / row["file"], report, int(number.group(0)) if number else None))
    return out


def test_corpus_and_seeds_make_one_edition_per_version(shared: Path, tmp_path: Path) -> None:
    expected = manifest_rows(shared / "corpus")
    assert len(expected) > 150
    with Library(tmp_path / "corpus.db") as lib:
        results = lib.add_files([shared / "corpus", shared / "seeds"])
        assert all(r.ok for r in results), [r.error for r in results if not r.ok]
        skipped = {r.path.name for r in results if r.skipped}
        assert {"README.md", "SOURCE_README.md", "MANIFEST.tsv"} <= skipped
        by_source: dict[str, tuple[str, str, int | None]] = {}  # file → (report, edition id, version)
        addresses: dict[str, str | None] = {}  # file → the address it states
        all_refs = [r.added.edition.ref for r in results if r.added]
        for report in lib.reports():
            for edition in lib.editions(report.report):
                all_refs.append(edition.ref)
                for source in edition.sources:
                    by_source[str(Path(source.name or ""))] = (report.report, edition.id, edition.version)
                    addresses[str(Path(source.name or ""))] = source.url
        editions_of: dict[tuple[str, int | None], set[str]] = defaultdict(set)
        versions_of: dict[str, set[str]] = defaultdict(set)
        for path, report, version in expected:
            key, edition_id, _ = by_source[str(path)]
            assert key == report, path
            editions_of[(report, version)].add(edition_id)
            versions_of[edition_id].add(f"{report} v{version}")
        # every file of one (report, version) is a source of one edition …
        split = {k: v for k, v in editions_of.items() if k[1] is not None and len(v) > 1}
        assert split == {}
        # … and no edition holds two versions
        merged = {k: v for k, v in versions_of.items() if len({x for x in v if not x.endswith("None")}) > 1}
        assert merged == {}
        numbered = {r for _, r, _ in expected}
        for report in numbered:
            versions = {v for (r, v) in editions_of if r == report}
            assert len(lib.editions(report)) == len(versions) + (report == "IF10199"), report  # + the seed
        (in12669,) = [e for e in lib.editions("IN12669") if e.version == 3]
        assert sorted(s.format for s in in12669.sources) == ["html", "markdown", "pdf"]
        assert [ref for ref in all_refs if HASH_REF.search(ref)] == []
        # every saved page states the address it was saved from in its front matter; each source keeps its own
        saved_pages = [str(path) for path, _, _ in expected if path.suffix == ".md"]
        assert saved_pages and all((addresses[p] or "").startswith("https://") for p in saved_pages)

        # Each report page's latest brief compares two distinct versions, read from one format when they share
        # one: the latest change of a report whose two editions are days apart shows a figure the newer states.
        for report in sorted(numbered):
            rows = lib.editions(report)
            if len(rows) < 2:
                continue
            assert rows[-2].id != rows[-1].id and (rows[-2].version, rows[-2].date) != (rows[-1].version, rows[-1].date)
            assert lib.summary(report).brief, report
        old, new = lib.get("IF10753~1"), lib.get("IF10753")
        figures = set(re.findall(r"\$[\d,]{5,}", new.text)) - set(re.findall(r"\$[\d,]{5,}", old.text))
        brief = " ".join(item.text for item in lib.summary("IF10753").brief)
        assert figures and any(f in brief for f in figures)
