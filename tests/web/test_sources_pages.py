"""The report page's one row per edition with its sources, the compare form naming editions by date and version,
and the edition page saying which source it shows and offering the others."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install -e '.[dev]'")

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

from editions import Library
from editions.web import create_app

BODY = [f"The depot program of district {i} received ${i + 10} million in fiscal year {2010 + i}." for i in range(16)]


ADDRESS = "https://example.org/product/IF99301?s=1&r=2"


def _markdown(version: int, date: str, body: list[str], source: str = "") -> str:
    head = f"# Depot Funding\n**Report No.:** IF99301\n**Version:** {version}\n**Publication Date:** {date}\n"
    head += (f"**Source:** {source}\n" if source else "") + "\n---\n\n"
    return head + "## Overview\n\n" + " ".join(body) + "\n"


def _text(date_words: str, body: list[str]) -> str:
    return f"Updated {date_words} (IF99301)\n\nDepot Funding\n\nOverview\n\n" + " ".join(body) + "\n"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    files = {
        "v1.md": _markdown(1, "2025-02-03", BODY, source=ADDRESS),
        "v1.txt": _text("February 3, 2025", [*BODY[:3], BODY[3].replace("program", "pro- gram"), *BODY[4:]]),
        "v2.md": _markdown(2, "2025-02-03", [*BODY[:-1], "The depot program closed in fiscal year 2026."]),
    }
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    with Library(tmp_path / "web.db") as lib:
        lib.add_files([tmp_path])
        yield TestClient(create_app(lib), base_url="http://localhost")


def test_report_page_has_one_row_per_edition_with_its_sources(client: TestClient) -> None:
    page = client.get("/reports/IF99301").text
    table = page.split("<tbody>")[1].split("</tbody>")[0]
    rows = table.split("<tr>")[1:]
    assert len(rows) == 2  # two versions of one day, three files
    assert '>markdown</a> <a class="badge" href="/editions/IF99301@v1?source=text"' in rows[0]
    assert re.findall(r"<option value=\"([^\"]+)\"[^>]*>([^<]+)</option>", page)[:2] == [
        ("IF99301@v1", "2025-02-03 · v1"),
        ("IF99301@v2", "2025-02-03 · v2"),
    ]
    assert not re.search(r"@[0-9a-f]{12}", page)  # no hash reference where a version tells them apart


def test_edition_page_says_which_source_it_shows_and_offers_the_others(client: TestClient) -> None:
    page = client.get("/editions/IF99301@v1").text
    assert re.search(r"Shown from</dt><dd><span class=\"badge\">markdown</span> v1\.md", page)
    assert 'href="/editions/IF99301@v1?source=text">text</a>' in page
    assert "pro- gram" not in page
    text_page = client.get("/editions/IF99301@v1?source=text").text
    assert re.search(r"Shown from</dt><dd><span class=\"badge\">text</span> v1\.txt", text_page)
    assert "pro- gram" in text_page
    assert client.get("/editions/IF99301@v2?source=pdf").status_code == 404
    assert client.get("/api/editions/IF99301@v1?source=text").json()["source"]["format"] == "text"
    assert client.get("/api/editions/IF99301@v1").json()["source"]["format"] == "markdown"


def test_edition_page_links_a_source_to_the_address_it_states(client: TestClient) -> None:
    page = client.get("/editions/IF99301@v1").text
    sources = page.split("<dt>Sources</dt>")[1].split("</dd>")[0]
    assert (
        '<a class="badge" href="https://example.org/product/IF99301?s=1&amp;r=2" rel="noopener noreferrer" '
        'title="published at https://example.org/product/IF99301?s=1&amp;r=2">markdown</a> v1.md' in sources
    )
    assert '<span class="badge">text</span> v1.txt' in sources  # a source that states no address: a badge
    api = client.get("/api/editions/IF99301@v1").json()["source"]
    assert api == {"format": "markdown", "name": api["name"], "url": ADDRESS} and api["name"].endswith("v1.md")
    assert client.get("/api/editions/IF99301@v1?source=text").json()["source"]["url"] is None
    assert "href=" not in client.get("/editions/IF99301@v2").text.split("<dt>Sources</dt>")[1].split("</dd>")[0]
