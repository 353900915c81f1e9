"""PDFs read at once, by threads of one process and by concurrent uploads to a live `editions serve`.

pdfium is not thread-safe (pypdfium2's documentation: no two pdfium calls at once, not even on different
documents); unserialized, two threads reading PDFs crash the process. The reads run in a child process, so that
a crash is a failed assertion (its exit status), not a dead test run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import editions

REPO = Path(__file__).resolve().parents[2]
THREADS = 4
READS = 2  # each thread reads every chosen PDF this many times
RUNS = 3  # child processes: unserialized, one run in three or so gets through unharmed


def _corpus_pdfs(shared: Path, count: int) -> list[Path]:
    """The first few of the corpus's PDFs by path: reports of several pages."""
    paths = sorted((shared / "corpus").rglob("*.pdf"))
    if len(paths) < count:
        pytest.skip("the corpus has too few PDFs")
    return paths[:count]


_CHILD = textwrap.dedent(
    """
    import json, sys, threading
    import editions

    paths, threads, reads = json.loads(sys.argv[1])
    results = {}
    errors = []

    def work(n):
        try:
            for _ in range(reads):
                for path in paths:
                    e = editions.read(path)
                    results.setdefault(path, set()).add((e.id, e.text, len(e.blocks), len(e.facts)))
        except Exception as error:  # a refusal or bug in one thread is reported, not swallowed
            errors.append(f"{type(error).__name__}: {error}")

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(json.dumps({"errors": errors, "ids": {p: sorted(v[0] for v in s) for p, s in results.items()},
                      "variants": {p: len(s) for p, s in results.items()}}))
    """
)


def test_threads_reading_pdfs_at_once_get_identical_editions(shared: Path) -> None:
    paths = _corpus_pdfs(shared, 3)
    expected = {str(p): editions.read(p).id for p in paths}
    for _ in range(RUNS):
        run = subprocess.run(
            [sys.executable, "-c", _CHILD, json.dumps([[str(p) for p in paths], THREADS, READS])],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert run.returncode == 0, f"the reading process died with status {run.returncode}: {run.stderr[-2000:]}"
        out = json.loads(run.stdout)
        assert out["errors"] == []
        assert out["variants"] == {p: 1 for p in expected}  # every read of a file gave the same edition
        assert out["ids"] == {p: [expected[p]] for p in expected}  # the edition a lone read gives


def _start_server(library: Path, token: str) -> tuple[subprocess.Popen[str], str]:
    env = {k: v for k, v in os.environ.items() if k not in ("EDITIONS_LIBRARY", "EDITIONS_TOKEN")}
    process = subprocess.Popen(
        [sys.executable, "-m", "editions", "serve", "--library", str(library), "--token", token, "--port", "0"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if " at http" not in line:
        process.kill()
        raise AssertionError(
            f"editions serve did not start: {line!r} {process.stderr.read() if process.stderr else ''}"
        )
    return process, line.split(" at ", 1)[1].strip()


def _upload(url: str, token: str, path: Path) -> tuple[int, dict[str, object]]:
    boundary = "editions-concurrency-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + path.read_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        url + "api/editions",
        data=body,
        method="POST",
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=300) as response:
        return response.status, json.loads(response.read())


def test_concurrent_pdf_uploads_to_a_live_server_all_succeed(shared: Path, tmp_path: Path) -> None:
    paths = _corpus_pdfs(shared, 3)
    expected = {p.name: editions.read(p).id for p in paths}
    token = "concurrency-test-token-0123456789"
    process, url = _start_server(tmp_path / "lib.db", token)
    try:
        answers: list[tuple[Path, int, dict[str, object]]] = []
        for _ in range(RUNS):
            uploads = [p for p in paths for _ in range(THREADS)]  # each file at once: one adds it, the rest find it
            with ThreadPoolExecutor(len(uploads)) as pool:
                answered = list(pool.map(lambda p: _upload(url, token, p), uploads))
            assert process.poll() is None, f"the server died: {process.stderr.read() if process.stderr else ''}"
            answers += [(path, *answer) for path, answer in zip(uploads, answered, strict=True)]
        for path, status, answer in answers:
            assert status in (200, 201), answer
            assert answer["id"] == expected[path.name]
        assert sorted(path.name for path, status, _ in answers if status == 201) == sorted(expected)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
