"""`editions serve` end to end: the real command in a subprocess, on a free port, with the samples loaded;
it prints the URL, the URL answers, Ctrl-C stops it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .conftest import REPO

EDITIONS = [sys.executable, "-m", "editions"]


def _start(*args: str) -> tuple[subprocess.Popen[str], str]:
    env = {k: v for k, v in os.environ.items() if k not in ("EDITIONS_LIBRARY", "EDITIONS_TOKEN")}
    process = subprocess.Popen(
        [*EDITIONS, "serve", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        process.kill()
        raise AssertionError(f"editions serve printed nothing: {process.stderr.read() if process.stderr else ''}")
    return process, line


def _stop(process: subprocess.Popen[str]) -> int:
    process.send_signal(signal.SIGINT)
    try:
        return process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        raise


def _get(url: str) -> tuple[int, str]:
    deadline = time.monotonic() + 15
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status, response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_serve_samples_prints_the_url_and_serves_them() -> None:
    process, line = _start("--samples", "--port", "0")
    try:
        assert line.startswith("Serving ") and "samples.db at http://127.0.0.1:" in line, line
        url = line.split(" at ", 1)[1].strip()
        status, html = _get(url)
        assert status == 200 and "IF99001" in html
        status, html = _get(url + "reports/IF99001")
        assert status == 200 and "<svg" in html
    finally:
        assert _stop(process) in (0, -signal.SIGINT, 130)


def test_serve_without_a_library_says_how_to_make_one(tmp_path: Path) -> None:
    result = subprocess.run(
        [*EDITIONS, "serve", "--library", str(tmp_path / "none.db"), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "EDITIONS_TOKEN": ""},
    )
    assert result.returncode == 1
    assert result.stderr.startswith("editions: there is no library at") and result.stderr.count("\n") == 1
