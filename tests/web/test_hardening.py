"""Issue 18's server hardening: the Host check (against DNS rebinding), the throttle on wrong tokens, `HEAD` on
every page, the index of the API at /api, and the OpenAPI description of every error answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from editions import Library
from editions.web import create_app
from editions.web.security import TokenThrottle, allowed_hosts, host_name

from .conftest import SAMPLES, TOKEN

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

PAGES = [
    "/",
    "/reports/IF99001",
    "/editions/IF99001",
    "/compare/IF99001~1/IF99001",
    "/search?q=troops",
    "/changes",
    "/docs",
    "/api",
    "/api/",
    "/api/reports",
    "/api/reports/IF99001",
    "/api/editions/IF99001",
    "/api/search?q=troops",
    "/openapi.json",
    "/static/editions.css",
]


# --- Host ---------------------------------------------------------------------------------------------------


def test_host_names_are_read_without_their_port() -> None:
    assert host_name("LocalHost:8000") == "localhost"
    assert host_name("[::1]:8000") == "[::1]"
    assert host_name("[::1]") == "[::1]"
    assert host_name("example.org") == "example.org"
    assert allowed_hosts(["0.0.0.0", "::1"], ["Editions.Example"]) == {
        "localhost", "127.0.0.1", "[::1]", "0.0.0.0", "editions.example"
    }  # fmt: skip


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:1234", "[::1]:8000"])
def test_loopback_names_are_served(app: FastAPI, host: str) -> None:
    from fastapi.testclient import TestClient

    assert TestClient(app, base_url=f"http://{host}").get("/api/reports").status_code == 200


@pytest.mark.parametrize("url", ["/", "/api/reports", "/static/editions.css", "/reports/IF99001"])
def test_another_host_name_is_refused_with_one_sentence(app: FastAPI, url: str) -> None:
    from fastapi.testclient import TestClient

    rebound = TestClient(app, base_url="http://attacker.example")
    response = rebound.get(url)
    assert response.status_code == 400
    assert "IF99001" not in response.text and "troops" not in response.text
    expected = (
        "this server does not answer to the host name attacker.example; open it as localhost, or start it with "
        "--allow-host attacker.example."
    )
    if url.startswith("/api"):
        assert response.json() == {"error": expected}
    else:
        assert "T" + expected[1:] in response.text and response.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_allowed_host_names_are_served_and_none_means_any(web_library: Library) -> None:
    from fastapi.testclient import TestClient

    named = create_app(web_library, hosts=["editions.example"])
    assert TestClient(named, base_url="http://editions.example").get("/api/reports").status_code == 200
    assert TestClient(named, base_url="http://other.example").get("/api/reports").status_code == 400
    anyone = create_app(web_library, hosts=None)
    assert TestClient(anyone, base_url="http://other.example").get("/api/reports").status_code == 200


def test_a_live_server_refuses_a_rebound_host(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    assert httpx.get(server + "/api/reports", timeout=60).status_code == 200
    assert httpx.get(server + "/api/reports", headers={"Host": f"localhost:{port}"}, timeout=60).status_code == 200
    refused = httpx.get(server + "/api/reports", headers={"Host": f"rebind.attacker.example:{port}"}, timeout=60)
    assert refused.status_code == 400 and "rebind.attacker.example" in refused.json()["error"]
    assert "IF99001" not in refused.text


# --- Token throttle -----------------------------------------------------------------------------------------


class Clock:
    """A clock the test moves by hand (seconds)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def throttled(tmp_path: Path) -> Iterator[tuple[TestClient, Clock]]:
    from fastapi.testclient import TestClient

    clock = Clock()
    lib = Library(tmp_path / "throttled.db")
    app = create_app(lib, token=TOKEN, throttle=TokenThrottle(max_failures=5, window_s=60.0, clock=clock))
    yield TestClient(app, base_url="http://localhost"), clock
    lib.close()


def _upload(client: TestClient, token: str | None) -> httpx.Response:
    path = SAMPLES / "IF99001-2024-06-02.md"
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    return client.post("/api/editions", files={"file": (path.name, path.read_bytes())}, headers=headers)


def test_wrong_tokens_are_throttled_per_address(throttled: tuple[TestClient, Clock]) -> None:
    client, clock = throttled
    for _ in range(3):
        assert _upload(client, None).status_code == 401  # no token given: not a guess
    for n in range(5):
        clock.now += 1
        assert _upload(client, f"guess-{n}").status_code == 401
    blocked = _upload(client, "guess-5")
    assert blocked.status_code == 429
    assert blocked.json() == {"error": "too many wrong tokens from this address; try again in 56 s."}
    assert blocked.headers["retry-after"] == "56"
    assert _upload(client, TOKEN).status_code == 429  # even the right token, until the window has passed
    form = client.post("/add", files={"file": ("x.md", b"x")}, data={"token": "guess"})
    assert form.status_code == 429 and "try again in 56 s" in form.text
    assert client.get("/api/reports").status_code == 200  # reading is not throttled
    clock.now += 56
    added = _upload(client, TOKEN)
    assert added.status_code == 201, added.text


def test_wrong_tokens_in_the_form_count_too(throttled: tuple[TestClient, Clock]) -> None:
    client, clock = throttled
    for _ in range(5):
        assert client.post("/add", files={"file": ("x.md", b"x")}, data={"token": "guess"}).status_code == 401
    assert _upload(client, TOKEN).status_code == 429
    clock.now += 60
    assert _upload(client, TOKEN).status_code == 201


def test_the_throttle_counts_each_address_in_its_own_window() -> None:
    clock = Clock()
    throttle = TokenThrottle(max_failures=3, window_s=10.0, clock=clock)
    for _ in range(3):
        throttle.failed("192.0.2.1")
        clock.now += 2
    assert throttle.retry_after("192.0.2.1") == 4 and throttle.retry_after("192.0.2.2") is None
    clock.now += 4  # the first failure leaves the window
    assert throttle.retry_after("192.0.2.1") is None
    throttle.failed("192.0.2.1")
    assert throttle.retry_after("192.0.2.1") == 2


# --- HEAD, the API's index and its description ---------------------------------------------------------------


@pytest.mark.parametrize("url", PAGES)
def test_head_answers_every_page_without_a_body(client: TestClient, url: str) -> None:
    got = client.get(url)
    head = client.head(url)
    assert got.status_code == head.status_code == 200, (got.status_code, head.status_code)
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["x-content-type-options"] == "nosniff"


def test_head_on_a_live_server(server: str) -> None:
    for url in ("/", "/reports/IF99001", "/api/reports", "/no/such/page"):
        head = httpx.head(server + url, timeout=60)
        assert head.status_code == (404 if url.startswith("/no") else 200) and head.content == b"", url
        assert int(head.headers["content-length"]) == len(httpx.get(server + url, timeout=60).content), url


@pytest.mark.parametrize("url", ["/api", "/api/"])
def test_api_answers_an_index_of_itself(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    index = response.json()
    assert index["openapi"] == "/openapi.json" and index["docs"] == "/docs" and index["name"] == "Editions"
    calls = {(c["method"], c["path"]): c["purpose"] for c in index["endpoints"]}
    assert calls[("GET", "/api/search")].startswith("Sentences of every edition that say it, cited")
    assert calls[("POST", "/api/editions")].startswith("Add an edition")
    assert {path for _, path in calls} == set(client.get("/openapi.json").json()["paths"])


def test_the_openapi_description_documents_every_error_answer(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    problem = schema["components"]["schemas"]["Problem"]
    assert problem["required"] == ["error"] and problem["properties"]["error"]["type"] == "string"
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            answers = operation["responses"]
            assert "422" not in answers, (method, path)  # the app answers 400, never FastAPI's 422
            expected = {"400", "404"} | ({"401", "403", "413", "429"} if method == "post" else set())
            assert expected <= set(answers), (method, path, sorted(answers))
            for status in expected:
                body = answers[status]["content"]["application/json"]["schema"]
                assert body == {"$ref": "#/components/schemas/Problem"}, (method, path, status)
