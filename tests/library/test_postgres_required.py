"""The PostgreSQL half of the library tests cannot silently vanish: without PostgreSQL's binaries they skip with a
message saying how to run them, and under CI=true (as `.ci/run` sets it) they fail instead. Checked by running
pytest itself in a subprocess, with $EDITIONS_PG_BIN pointing at a folder that holds no PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ONE_POSTGRES_TEST = "tests/library/test_library.py::test_newer_schema_is_refused[postgres]"


def _pytest(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "EDITIONS_PG_BIN", "PYTEST_ADDOPTS")}
    env["EDITIONS_PG_BIN"] = str(tmp_path)  # an empty folder: no initdb, no pg_ctl
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", ONE_POSTGRES_TEST, "-rs", "-p", "no:cacheprovider", "-o", "addopts="],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_without_postgres_the_tests_skip_and_say_how_to_run_them(tmp_path: Path) -> None:
    result = _pytest(tmp_path, None)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert "PostgreSQL tests skipped: PostgreSQL's initdb and pg_ctl were not found" in result.stdout
    assert "apt-get install -y postgresql" in result.stdout and "EDITIONS_PG_BIN" in result.stdout


def test_under_ci_missing_postgres_fails(tmp_path: Path) -> None:
    result = _pytest(tmp_path, "true")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "skipped" not in result.stdout.splitlines()[-1]
    assert "1 error" in result.stdout.splitlines()[-1]
    assert "PostgreSQL tests cannot run under CI=true" in result.stdout
