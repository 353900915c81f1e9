"""Schemathesis against a live server (uvicorn on loopback, with a token so the uploads reach the readers):
every check it has (`--checks all`: no server error, every status and body as the OpenAPI description says,
headers, methods, auth) over every API operation, with a fixed seed and a few dozen examples per operation.

One setting is ours: a schema-valid request may be answered 400 by `POST /api/editions` (the schema cannot say
"bytes that are an edition"), `GET /api/search`, its CSV twin and a hit's citations (nor "a date that exists",
such as 2023-02-30) and `GET /api/changes` (nor "a report the library holds"); these 400s are documented answers
with the same JSON body as every error."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editions.web import create_app
from editions.web.security import TokenThrottle

from .conftest import TOKEN, ServerThread, make_library

CONFIG = """
[[operations]]
include-name = [
    "POST /api/editions",
    "GET /api/search",
    "GET /api/search.csv",
    "GET /api/editions/{ref}/sentences/{sentence}/citations",
    "GET /api/changes",
]

[operations.checks.positive_data_acceptance]
expected-statuses = ["2XX", "400", "401", "403", "404", "429"]
"""


def _schemathesis() -> str:
    beside = Path(sys.executable).with_name("schemathesis")
    found = str(beside) if beside.exists() else shutil.which("schemathesis")
    if found is None:
        pytest.skip("schemathesis is not installed: pip install -e '.[dev]'")
    return found


def test_schemathesis_finds_no_server_error_and_no_contract_failure(tmp_path: Path) -> None:
    lib = make_library(tmp_path)
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG, encoding="utf-8")
    # schemathesis tries wrong tokens on purpose: a throttle that never closes keeps its uploads reaching the app.
    app = create_app(lib, token=TOKEN, max_upload=256 * 1024, throttle=TokenThrottle(max_failures=10**9))
    try:
        with ServerThread(app) as running:
            run = subprocess.run(
                [
                    _schemathesis(), "--no-color", "--config-file", str(config), "run",
                    f"{running.url}/openapi.json", "--checks", "all", "--max-examples", "12", "--seed", "18",
                    "--workers", "1", "--header", f"Authorization: Bearer {TOKEN}",
                ],
                capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path,
            )  # fmt: skip
    finally:
        lib.close()
    out = run.stdout + run.stderr
    assert run.returncode == 0, out[-6000:]
    operations = sum(len(methods) for methods in app.openapi()["paths"].values())
    assert f"Tested: {operations}" in out, out[-3000:]  # every API operation, /api included
    assert "failure" not in out.split("SUMMARY", 1)[-1].lower().replace("no failures", ""), out[-3000:]
