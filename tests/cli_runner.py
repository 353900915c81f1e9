"""The `editions` command run as a user runs it, for the CLI tests of every stage."""

from __future__ import annotations

import os
import subprocess
import sys


def run_editions(
    *args: object, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`python -m editions ARGS` with a wide, colourless, non-TTY terminal, and neither a library nor a size
    limit from the environment of whoever runs the tests."""
    drop = ("EDITIONS_LIBRARY", "EDITIONS_MAX_SIZE", "FORCE_COLOR")
    environment = {k: v for k, v in os.environ.items() if k not in drop}
    environment.update({"COLUMNS": "200", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"})
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "editions", *(str(a) for a in args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=timeout,
        check=False,
    )
