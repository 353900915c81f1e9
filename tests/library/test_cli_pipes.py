"""Search and timeline printed into a pipe: each sentence whole on one line (as `list` prints one line per
report), so that grep, cut and friends see what a reader sees; a terminal still gets them wrapped."""

from __future__ import annotations

from pathlib import Path

from cli_runner import run_editions

LONG = (
    "The harbor dredging program served 54,000 vessels in fiscal year 2025, according to the agency's annual "
    "count, which the agency publishes each spring together with the number of channels cleared, the cost of each "
    "cubic yard of material removed, and the share of the work done by contractors rather than by its own crews."
)


def _library(tmp_path: Path) -> Path:
    db = tmp_path / "lib.db"
    for day, printed, figure in (("2024-03-01", "March 1, 2024", "54,000"), ("2025-03-01", "March 1, 2025", "55,000")):
        page = tmp_path / f"IF90009-{day}.md"
        page.write_text(
            f"Updated {printed} (IF90009)\n\n## Harbor Dredging\n\n### Overview\n\n{LONG.replace('54,000', figure)}\n\n"
            "Congress funds the program through annual appropriations.\n",
            encoding="utf-8",
        )
        added = run_editions("add", page, "--library", db)
        assert added.returncode == 0, added.stderr
    return db


def test_search_and_timeline_print_each_sentence_on_one_line_in_a_pipe(tmp_path: Path) -> None:
    db = _library(tmp_path)
    assert len(LONG) > 200  # wider than the runner's COLUMNS: a wrapping console would break it
    found = run_editions("search", "dredging vessels", "--library", db)
    assert found.returncode == 0, found.stderr
    assert any(line.strip() == LONG.replace("54,000", "55,000") for line in found.stdout.splitlines()), found.stdout
    followed = run_editions("timeline", "IF90009", "vessels", "--library", db)
    assert followed.returncode == 0, followed.stderr
    assert any(line.endswith(LONG) for line in followed.stdout.splitlines()), followed.stdout
