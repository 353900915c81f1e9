"""Refusals and failure lines that name the limit or the fault exactly: diff's size limit (with how to raise
it), `add`'s failure lines (the path once), symbolic links that lead nowhere."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cli_runner import run_editions


def run(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_editions(*args, env=env, timeout=300)


def _one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_diff_refuses_an_edition_over_its_limit_before_reading_it(tmp_path: Path) -> None:
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    with big.open("wb") as f:
        f.truncate(11 * 1024 * 1024)  # sparse zeros: refused by size alone, never read
    small.write_text("The program had 12 staff in 2020.\n", encoding="utf-8")
    line = _one_error_line(run("diff", big, small))
    assert line == (
        f"editions: {big} is 11 MB, over diff's 10 MB limit on each edition; "
        "--max-size (or $EDITIONS_MAX_SIZE) raises it."
    )
    assert "over diff's 10 MB limit" in _one_error_line(run("diff", small, big))
    # Raised, the file is read, and refused for what it holds.
    assert "binary data" in _one_error_line(run("diff", big, small, "--max-size", "20MB"))
    assert "binary data" in _one_error_line(run("diff", big, small, env={"EDITIONS_MAX_SIZE": "20MB"}))
    assert "over diff's 1 KB limit" in _one_error_line(run("diff", small, big, "--max-size", "1KB"))


def test_add_names_a_failed_path_once(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01\x02\x03 binary")
    missing = tmp_path / "missing.md"
    added = run("add", junk, missing, "-L", tmp_path / "lib.db")
    assert added.returncode == 1
    assert added.stdout.splitlines()[:2] == [
        f"failed      {junk} is binary data, not a text, Markdown, HTML or PDF document.",
        f"failed      {missing} does not exist.",
    ]


def test_a_symbolic_link_loop_is_named_so(tmp_path: Path) -> None:
    one, two, dangling = tmp_path / "one.md", tmp_path / "two.md", tmp_path / "dangling.md"
    one.symlink_to(two)
    two.symlink_to(one)
    dangling.symlink_to(tmp_path / "nowhere.md")
    assert _one_error_line(run("show", one)) == f"editions: {one} is a symbolic link loop."
    assert _one_error_line(run("show", dangling)) == (
        f"editions: {dangling} is a symbolic link to {tmp_path / 'nowhere.md'}, which does not exist."
    )
    added = run("add", one, "-L", tmp_path / "lib.db")
    assert added.stdout.splitlines()[0] == f"failed      {one} is a symbolic link loop."
