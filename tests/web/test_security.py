"""Security of the web face: every text escaped, a Content-Security-Policy without inline scripts or styles,
names in URLs that could walk a path refused, uploads refused without the token, over the size limit, or when
not an edition (with the reader's own sentence, as the CLI prints it)."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import pytest

import editions
from editions.errors import InputError

from .conftest import HOSTILE_HTML, HOSTILE_HTML_REPORT, HOSTILE_REPORT, SAMPLES, TOKEN

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

HOSTILE_PAGES = [
    f"/reports/{HOSTILE_REPORT}",
    f"/editions/{HOSTILE_REPORT}",
    f"/compare/{HOSTILE_REPORT}~1/{HOSTILE_REPORT}",
    "/search?q=agency+cases",
    "/",
]


@pytest.mark.parametrize("url", HOSTILE_PAGES)
def test_report_text_is_escaped(client: TestClient, url: str) -> None:
    html = client.get(url).text
    for raw in ("<script>pwned", "<img src=x", "<svg onload", "<iframe", "<style>body", 'href="javascript:'):
        assert raw not in html
    assert "&lt;script&gt;" in html or url == "/"
    assert html.count("<script") == 1  # the vendored htmx, by src


def test_html_source_is_sanitized_and_its_text_escaped(upload_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    added = upload_client.post("/api/editions", files={"file": ("hostile.html", HOSTILE_HTML.encode())}, headers=auth)
    assert added.status_code == 201 and added.json()["report"] == HOSTILE_HTML_REPORT, added.text
    edition = upload_client.get(f"/api/editions/{HOSTILE_HTML_REPORT}").json()
    for live in ('"head"', '"body"', "onerror", "onload", "onclick", "javascript:", "display: none", "drawn"):
        assert live not in edition["text"], live  # scripts, styles, handlers, frames and drawings are not text
    assert '<script>pwned = "text"; alert("text")</script>' in edition["text"]  # markup written as text stays
    for url in (f"/editions/{HOSTILE_HTML_REPORT}", "/search?q=agency+cases", f"/reports/{HOSTILE_HTML_REPORT}"):
        html = upload_client.get(url).text
        assert "&lt;script&gt;pwned" in html or url.startswith("/reports"), url  # shown as the text it is
        assert html.count("<script") == 1 and "<iframe" not in html and "javascript:" not in html, url


@pytest.mark.parametrize(
    "url", ["/", "/reports/IF99001", "/api/reports", "/static/htmx.min.js", "/no/such/page", "/api/editions/NOPE"]
)
def test_every_response_has_the_security_headers(client: TestClient, url: str) -> None:
    headers = client.get(url).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"


# A bare ".." is resolved by the client itself (/reports/.. is /), so every case here is encoded.
TRAVERSALS = ["..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%2e%2e%2f%2e%2e%2fpyproject.toml", "....%2F%2F",
              "..%5C..%5Cwindows", "IF99001%00", "IF99001%2F..%2F..", "~%2F.ssh", ".git"]  # fmt: skip


@pytest.mark.parametrize("bad", TRAVERSALS)
@pytest.mark.parametrize(
    "template",
    [
        "/reports/{}",
        "/editions/{}",
        "/compare/{}/IF99001",
        "/compare/IF99001/{}",
        "/api/reports/{}",
        "/api/reports/{}/timeline?words=x",
        "/api/editions/{}",
        "/api/compare/IF99001~1/{}",
        "/compare?old={}&new=IF99001",
        "/search?q=x&report={}",
        "/api/search?q=x&report={}",
        "/static/{}/pyproject.toml",
        "/static/{}/{}/README.md",
    ],
)
def test_path_traversal_is_refused(client: TestClient, template: str, bad: str) -> None:
    response = client.get(template.replace("{}", bad), follow_redirects=False)
    assert response.status_code in (400, 404), response.status_code
    assert b"[build-system]" not in response.content and b"root:" not in response.content


def test_static_files_cannot_leave_their_folder(client: TestClient) -> None:
    for url in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/../../../pyproject.toml"):
        response = client.get(url)
        assert response.status_code == 404 and b"create_app" not in response.content


def _sample() -> tuple[str, bytes]:
    path = SAMPLES / "IF99001-2024-06-02.md"
    return path.name, path.read_bytes()


def test_uploads_are_off_without_a_token(client: TestClient) -> None:
    name, data = _sample()
    response = client.post("/api/editions", files={"file": (name, data)}, headers={"Authorization": "Bearer x"})
    assert response.status_code == 403 and "off" in response.json()["error"]
    assert client.post("/add", files={"file": (name, data)}, data={"token": "x"}).status_code == 403
    assert client.get("/add").status_code == 403
    assert 'href="/add"' not in client.get("/").text


def test_upload_needs_the_token(upload_client: TestClient) -> None:
    name, data = _sample()
    assert upload_client.post("/api/editions", files={"file": (name, data)}).status_code == 401
    wrong = upload_client.post("/api/editions", files={"file": (name, data)}, headers={"Authorization": "Bearer no"})
    assert wrong.status_code == 401
    form = upload_client.post("/add", files={"file": (name, data)}, data={"token": "wrong"})
    assert form.status_code == 401
    assert upload_client.get("/api/reports").json()["reports"] == []


def test_upload_with_the_token_adds_once(upload_client: TestClient) -> None:
    name, data = _sample()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    first = upload_client.post("/api/editions", files={"file": (name, data)}, headers=auth)
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "added" and first.json()["ref"] == "IF99001@2024-06-02"
    again = upload_client.post("/api/editions", files={"file": (name, data)}, headers=auth)
    assert again.status_code == 200 and again.json()["status"] == "exists"
    other = (SAMPLES / "IF99001-2025-09-30.txt").read_bytes()
    form = upload_client.post(
        "/add", files={"file": ("../../etc/IF99001-2025-09-30.txt", other)}, data={"token": TOKEN}
    )
    assert form.status_code == 201 and "Added" in form.text
    sources = upload_client.get("/api/reports/IF99001").json()["editions"][-1]["sources"]
    assert sources == [
        {"format": "text", "name": "IF99001-2025-09-30.txt", "url": None}
    ]  # the file's own name, no path


def test_oversize_upload_is_refused(upload_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = b"Word " * (200 * 1024)  # 1 MB > 64 KB + room for the form
    response = upload_client.post("/api/editions", files={"file": ("big.txt", big)}, headers=auth)
    assert response.status_code == 413 and "limit" in response.json()["error"]
    form = upload_client.post("/add", files={"file": ("big.txt", big)}, data={"token": TOKEN})
    assert form.status_code == 413
    just_over = b"Word " * (13 * 1024 + 200)  # over 64 KB, within the form's room: the reader's own limit
    response = upload_client.post("/api/editions", files={"file": ("over.txt", just_over)}, headers=auth)
    assert response.status_code == 400 and "over the 64 KB limit" in response.json()["error"]


def _reader_error(data: bytes, name: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(InputError) as caught:
            editions.read(data, name=name, max_bytes=64 * 1024)
    return " ".join(str(caught.value).split())


@pytest.mark.parametrize(
    ("name", "data"),
    [("empty.md", b"   \n"), ("blob.bin", bytes(range(256)) * 10), ("noise.pdf", b"%PDF-1.4 not really a pdf")],
)
def test_bad_upload_gives_the_readers_sentence(upload_client: TestClient, name: str, data: bytes) -> None:
    response = upload_client.post(
        "/api/editions", files={"file": (name, data)}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 400
    assert response.json()["error"] == _reader_error(data, name)
