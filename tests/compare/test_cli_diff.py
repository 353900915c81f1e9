"""`editions diff`, run for real in a subprocess on the seeds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "editions", "diff", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_diff_json(seed_2018: Path, seed_2022: Path) -> None:
    result = run(seed_2018, seed_2022, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == 2
    assert sum(1 for fc in data["fact_changes"] if fc["kind"] == "changed") == 5


def test_diff_terminal_and_html_to_file(seed_2018: Path, seed_2022: Path, tmp_path: Path) -> None:
    result = run(seed_2018, seed_2022)
    assert result.returncode == 0 and "54,000" in result.stdout
    out = tmp_path / "diff.html"
    result = run(seed_2018, seed_2022, "-f", "html", "--output", out, "--min-change", "0.2")
    assert result.returncode == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_diff_errors(seed_2018: Path, tmp_path: Path) -> None:
    missing = run(tmp_path / "nope.md", seed_2018)
    assert missing.returncode == 1 and missing.stderr.startswith("editions: ")
    assert run(seed_2018, seed_2018, "--min-change", "1.5").returncode == 2
    unwritable = run(seed_2018, seed_2018, "--output", tmp_path / "no" / "dir" / "x.txt")
    assert unwritable.returncode == 1 and "cannot write" in unwritable.stderr


def test_diff_reads_any_format_pdf_against_markdown(shared: Path) -> None:
    """The same edition as a PDF and as Markdown: the comparison sees almost nothing changed — no figure, no
    substantive edit, about 1% of words (what the two readers render differently) — where a diff of the raw
    files would see everything changed."""
    corpus = shared / "corpus" / "profamiot-crs-reports"
    stem = "IF13199v1-section-122-of-the-trade-act-of-1974"
    result = run(
        corpus / "pdf" / "in-focus" / f"{stem}.pdf", corpus / "markdown" / "in-focus" / f"{stem}.md", "-f", "json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    stats = data["stats"]
    assert stats["old_sentences"] > 50 and stats["new_sentences"] > 50
    assert stats["words_changed"] < 0.05
    assert stats["share_same"] > 0.8
    assert stats["edits_substantive"] == 0
    assert data["fact_changes"] == []
    assert not [item for item in data["brief"] if item["kind"] in ("figure", "reworded")]
    # The PDF reader keeps the authors' closing lines as a sentence: at most that one statement differs.
    assert len([item for item in data["brief"] if item["kind"] in ("new", "dropped")]) <= 1


def test_diff_reads_html_editions(shared: Path) -> None:
    """Two real consecutive editions of an Insight, as Congress.gov web pages."""
    html = shared / "corpus" / "krischen-crs-reports" / "html"
    old, new = sorted(html.glob("IN12668v*.html"))
    result = run(old, new, "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Changes:")
    data = json.loads(run(old, new, "--format", "json").stdout)
    olds = sorted(i for link in data["links"] for i in link["old"])
    news = sorted(j for link in data["links"] for j in link["new"])
    assert olds == list(range(len(data["old_sentences"]))) and news == list(range(len(data["new_sentences"])))
    # Navigation and the disclaimer are furniture: no sentence of either edition holds them.
    for side in ("old", "new"):
        text = data[f"{side}_text"]
        for s in data[f"{side}_sentences"]:
            assert "prepared by the Congressional Research Service" not in text[s["start"] : s["end"]]
    assert 0 < data["stats"]["words_changed"] < 1


def test_diff_min_change_hides_small_edits_only(seed_2018: Path, seed_2022: Path) -> None:
    full = json.loads(run(seed_2018, seed_2022, "-f", "json").stdout)
    hidden = json.loads(run(seed_2018, seed_2022, "-f", "json", "--min-change", "0.9").stdout)
    kinds = [item["kind"] for item in full["brief"]]
    assert "reworded" in kinds
    assert not [item for item in hidden["brief"] if item["kind"] in ("reworded", "cosmetic")]
    # Figures, new and dropped statements, links and stats are never hidden.
    for kind in ("figure", "new", "dropped"):
        assert [i for i in hidden["brief"] if i["kind"] == kind] == [i for i in full["brief"] if i["kind"] == kind]
    assert hidden["links"] == full["links"] and hidden["stats"] == full["stats"]
    markdown = run(seed_2018, seed_2022, "-f", "markdown", "--min-change", "0.9").stdout
    assert "54,000" in markdown


def test_diff_to_a_file_keeps_the_redline_readable(tmp_path: Path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("# R\n\n## A\n\nThe previous staffing target was set by the office last year.\n", "utf-8")
    new.write_text("# R\n\n## A\n\nThe original staffing target was set by the office last year.\n", "utf-8")
    piped = run(old, new)  # standard output is a pipe here, not a terminal
    assert piped.returncode == 0, piped.stderr
    assert "[-previous-] {+original+}" in piped.stdout
    written = tmp_path / "diff.txt"
    assert run(old, new, "--output", written).returncode == 0
    assert "[-previous-] {+original+}" in written.read_text("utf-8")
