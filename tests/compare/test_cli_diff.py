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
    assert data["schema"] == 1
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
