"""Fixtures for the web tests: a temporary SQLite library holding the bundled samples and a hostile report
(its text full of <script> and event handlers), the app over it, a real uvicorn server on a free loopback port
in a thread, and Debian's Chromium driven by Playwright.

Without Chromium at /usr/bin/chromium (or $EDITIONS_CHROMIUM) the browser tests skip, saying how to install
it; under CI=true they fail instead. Playwright never downloads a browser here."""

from __future__ import annotations

import os
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install -e '.[dev]'")

import uvicorn
from fastapi import FastAPI

with warnings.catch_warnings():  # Starlette suggests httpx2 for its test client; httpx still works
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

from editions import Library
from editions.web import create_app

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path(os.environ.get("EDITIONS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TOKEN = "s3cret-test-token"
HOSTILE_REPORT = "IF99999"

# A generated Markdown edition whose text holds markup: Markdown escapes (\<) keep it as literal text, so
# the reader hands "<script>…" to the library exactly as a hostile source would.
HOSTILE = """Updated {long} (IF99999)

## Hostile \\<script>pwned = "title"; alert("title")\\</script> Report

### Overview \\<img src=x onerror="pwned='heading'">

The agency counted about {count} \\<script>pwned = "body"; alert("body")\\</script> cases in 2023.

Another sentence with \\</textarea>\\<svg onload="pwned='svg'">\\<iframe src="javascript:alert(1)"> inside.

### Funding \\<style>body {{ display: none }}\\</style>

Funding reached \\$4 million \\<a href="javascript:pwned='link'">here\\</a> in {year}.
"""

# An HTML source with live markup (scripts, handlers, an iframe, an SVG) and markup written as text (&lt;script&gt;):
# the HTML reader keeps only the text, and the pages escape it.
HOSTILE_HTML_REPORT = "IF99998"
HOSTILE_HTML = """<!doctype html><html><head><title>Hostile HTML Report</title>
<script>pwned = "head"; alert("head")</script><style>body { display: none }</style></head>
<body onload="pwned='onload'">
<h1>Hostile HTML Report</h1>
<p>Updated May 1, 2024 (IF99998)</p>
<h2>Overview <img src=x onerror="pwned='heading'"></h2>
<p>The agency counted about 1,700 cases &lt;script&gt;pwned = "text"; alert("text")&lt;/script&gt; in 2024.
<script>pwned = "body"; alert("body")</script></p>
<p>Funding reached $5 million <a href="javascript:pwned='link'" onclick="pwned='click'">here</a> in 2024.
<iframe src="javascript:alert(1)"></iframe></p>
<svg onload="pwned='svg'"><text>drawn</text></svg>
</body></html>
"""


def sample_files() -> list[Path]:
    return sorted(SAMPLES.glob("*.md")) + sorted(SAMPLES.glob("*.txt"))


def write_hostile(folder: Path) -> list[Path]:
    out = []
    dates = (("2024-01-01", "January 1, 2024", "1,200", 2023), ("2024-03-01", "March 1, 2024", "1,500", 2024))
    for day, long, count, year in dates:
        path = folder / f"{HOSTILE_REPORT}-{day}.md"
        path.write_text(HOSTILE.format(long=long, count=count, year=year), encoding="utf-8")
        out.append(path)
    return out


def make_library(folder: Path) -> Library:
    lib = Library(folder / "web.db")
    files = [f for f in sample_files() if f.name.lower() != "readme.md"] + write_hostile(folder)
    results = lib.add_files(files)
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    return lib


@pytest.fixture(scope="session")
def web_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    lib = make_library(tmp_path_factory.mktemp("web"))
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def app(web_library: Library) -> FastAPI:
    """Read-only app (no token): what the browser and page tests use."""
    return create_app(web_library)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> TestClient:
    return TestClient(app, base_url="http://localhost")


@pytest.fixture()
def upload_client(tmp_path: Path) -> Iterator[TestClient]:
    """An app with a token and a 64 KB upload limit, over its own library (uploads change it)."""
    lib = Library(tmp_path / "uploads.db")
    yield TestClient(create_app(lib, token=TOKEN, max_upload=64 * 1024), base_url="http://localhost")
    lib.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerThread:
    """uvicorn serving an app on 127.0.0.1 in a daemon thread."""

    def __init__(self, app: Any) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # TCP_NODELAY, as serve
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


@pytest.fixture(scope="session")
def server(app: FastAPI) -> Iterator[str]:
    with ServerThread(app) as running:
        yield running.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = (
            f"Chromium is not at {CHROMIUM}: install Debian's (apt-get install -y chromium) or set "
            "EDITIONS_CHROMIUM to run the browser tests"
        )
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(message)
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
