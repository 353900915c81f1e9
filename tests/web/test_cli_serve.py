"""`editions serve` end to end: the real command in a subprocess, on a free port, with the samples loaded;
it prints the URL, the URL answers, Ctrl-C stops it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from .conftest import REPO

EDITIONS = [sys.executable, "-m", "editions"]


def _start(*args: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen[str], str]:
    env = {**{k: v for k, v in os.environ.items() if k not in ("EDITIONS_LIBRARY", "EDITIONS_TOKEN")}, **(env or {})}
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
    """One GET, no retry: the printed URL must answer as soon as it is printed (the socket listens before)."""
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.status, response.read().decode()


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


def test_serve_takes_the_token_from_the_environment(tmp_path: Path) -> None:
    env = {"EDITIONS_TOKEN": "t0ken-of-16-chars", "EDITIONS_LIBRARY": str(tmp_path / "lib.db")}
    process, line = _start("--port", "0", env=env)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("Adding editions over the web: on")
        url = line.split(" at ", 1)[1].strip()
        sample = (REPO / "samples" / "IF99001-2024-06-02.md").read_bytes()
        boundary = "editions-test-boundary"
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="IF99001-2024-06-02.md"\r\n'
                "Content-Type: text/markdown\r\n\r\n"
            ).encode()
            + sample
            + f"\r\n--{boundary}--\r\n".encode()
        )
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        request = urllib.request.Request(url + "api/editions", data=body, headers=headers, method="POST")
        try:
            urllib.request.urlopen(request, timeout=60)
            raise AssertionError("an upload without the token was accepted")
        except urllib.error.HTTPError as refused:
            assert refused.code == 401
        request.add_header("Authorization", "Bearer t0ken-of-16-chars")
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 201
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


def test_serve_refuses_a_short_token(tmp_path: Path) -> None:
    result = subprocess.run(
        [*EDITIONS, "serve", "--library", str(tmp_path / "lib.db"), "--port", "0", "--token", "hunter2"],
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "EDITIONS_TOKEN"},
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("editions: the token is 7 characters long; give one of at least 16")
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert not (tmp_path / "lib.db").exists()


def test_serve_answers_only_to_its_own_host_names(tmp_path: Path) -> None:
    import httpx

    env = {"EDITIONS_LIBRARY": str(tmp_path / "lib.db")}
    process, line = _start("--samples", "--port", "0", "--allow-host", "editions.example", env=env)
    try:
        url = line.split(" at ", 1)[1].strip()
        port = url.rsplit(":", 1)[1].strip("/")
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", "editions.example", f"EDITIONS.example:{port}"):
            assert httpx.get(url, headers={"Host": host}, timeout=60).status_code == 200, host
        for host in ("rebound.example", f"rebound.example:{port}", "editions.example.rebound.example"):
            refused = httpx.get(url + "api/reports", headers={"Host": host}, timeout=60)
            assert refused.status_code == 400, host
            assert "does not answer to the host name" in refused.json()["error"], host
    finally:
        assert _stop(process) in (0, -signal.SIGINT, 130)
