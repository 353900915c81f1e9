"""Change notices on the web: the /changes page, /api/changes, and the Atom feeds (RFC 4287, checked with
feedparser and element by element), over a library of the samples and a hostile report whose notices were
recorded; then a reader in a real browser goes from /changes to the comparison and follows a report's feed link."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
from fastapi.testclient import TestClient

from editions import Library
from editions.library import Notice
from editions.web import create_app

from .conftest import HOSTILE_REPORT, ServerThread, make_library

ATOM = "{http://www.w3.org/2005/Atom}"
REPORT = "IF99001"


@pytest.fixture(scope="module")
def noticed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Library, list[Notice]]]:
    """The web tests' library, with a notice for each new edition of the samples and of the hostile report, and
    IF99001 and IF10199 (not in the library) on the watch list."""
    lib = make_library(tmp_path_factory.mktemp("changes"))
    recorded = [lib.record_notice(ref) for ref in (f"{REPORT}~1", REPORT, HOSTILE_REPORT)]
    lib.watch([REPORT, "IF10199"])
    yield lib, [n for n in recorded if n is not None]
    lib.close()


@pytest.fixture(scope="module")
def client(noticed: tuple[Library, list[Notice]]) -> TestClient:
    return TestClient(create_app(noticed[0]), base_url="http://localhost")


def _feed(client: TestClient, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    # RFC 4287's required elements, read from the XML itself: the feed's id, title, updated and author (its
    # entries have none), each entry's id, title, updated and alternate link.
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert (root.findtext(ATOM + name) or "").strip(), name
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert (entry.findtext(ATOM + name) or "").strip(), name
        # A link without rel is the alternate one (RFC 4287, 4.2.7.2).
        assert [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
    return parsed


def test_the_library_feed_has_one_entry_per_notice_with_its_headline(
    client: TestClient, noticed: tuple[Library, list[Notice]]
) -> None:
    _, notices = noticed
    feed = _feed(client, "/changes.atom")
    assert len(feed.entries) == len(notices) == 3
    titles = [e.title for e in feed.entries]
    assert titles.index(f"{REPORT} updated: 2025-09-30") < titles.index(f"{REPORT} updated: 2024-06-02")  # newest first
    entry = next(e for e in feed.entries if e.title == f"{REPORT} updated: 2024-06-02")
    assert entry.link == f"http://localhost/compare/{REPORT}@2023-03-14/{REPORT}@2024-06-02"
    content = entry.content[0].value
    assert "“About 2,100” → “About 2,500”" in content and "U.S. military personnel are stationed" in content
    assert content.index("<strong>figure</strong>") < content.index("<strong>new</strong>")  # figures first
    # Ids are the notices' UUIDs: the same on every fetch and in every feed that lists the notice.
    assert entry.id == notices[0].uuid.urn
    assert [e.id for e in _feed(client, "/changes.atom").entries] == [e.id for e in feed.entries]
    assert entry.id in [e.id for e in _feed(client, f"/reports/{REPORT}.atom").entries]


def test_the_watch_list_and_report_feeds_choose_their_notices(client: TestClient) -> None:
    watched = _feed(client, "/watch.atom")
    assert {e.title.split()[0] for e in watched.entries} == {REPORT}
    assert len(_feed(client, f"/reports/{REPORT.lower()}.atom").entries) == 2
    hostile = _feed(client, f"/reports/{HOSTILE_REPORT}.atom")
    (entry,) = hostile.entries
    assert "<script" not in entry.content[0].value and "&lt;script&gt;" in entry.content[0].value
    assert _feed(client, "/reports/IF10199.atom").entries == []  # watched, not fetched yet: an empty feed
    missing = client.get("/reports/IF55555.atom")
    assert missing.status_code == 404


def test_changes_page_and_api(client: TestClient, noticed: tuple[Library, list[Notice]]) -> None:
    html = client.get("/changes").text
    assert '<link rel="alternate" type="application/atom+xml" title="Editions: changes" href="/changes.atom">' in html
    assert html.count('<article class="change">') == 3
    first = html.index(f"{REPORT}</a> updated: 2025-09-30")
    assert first < html.index(f"{REPORT}</a> updated: 2024-06-02")  # newest first
    assert f'href="/compare/{REPORT}@2023-03-14/{REPORT}@2024-06-02"' in html
    assert "<script>pwned" not in html and "&lt;script&gt;" in html

    only = client.get("/changes", params={"report": HOSTILE_REPORT}).text
    assert only.count('<article class="change">') == 1 and f'href="/reports/{HOSTILE_REPORT}.atom"' in only
    assert client.get("/changes", params={"since": "2999"}).text.count("<article") == 0
    assert client.get("/changes", params={"since": "soon"}).status_code == 400

    data = client.get("/api/changes", params={"watched": "true"}).json()
    assert [n["title"] for n in data["notices"]] == [f"{REPORT} updated: 2025-09-30", f"{REPORT} updated: 2024-06-02"]
    assert data["notices"][1]["headline"][0]["kind"] == "figure"
    assert data["notices"][1]["compare"] == f"/compare/{REPORT}@2023-03-14/{REPORT}@2024-06-02"
    assert len(client.get("/api/changes", params={"limit": 1}).json()["notices"]) == 1


def test_the_report_page_links_its_feed(client: TestClient) -> None:
    html = client.get(f"/reports/{REPORT}").text
    link = f'type="application/atom+xml" title="{REPORT}: new editions" href="/reports/{REPORT}.atom">'
    assert f'<link rel="alternate" {link}' in html


def test_a_reader_goes_from_changes_to_the_comparison_and_follows_a_feed(
    browser: Any, noticed: tuple[Library, list[Notice]], artifacts: Path
) -> None:
    from playwright.sync_api import expect

    with ServerThread(create_app(noticed[0])) as running:
        context = browser.new_context(base_url=running.url, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))

        page.goto("/")
        page.get_by_role("link", name="Changes", exact=True).click()
        expect(page).to_have_url(re.compile(r"/changes$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Changes")
        expect(page.locator("article.change")).to_have_count(3)
        newest = page.locator("article.change").filter(has_text=f"{REPORT} updated: 2024-06-02")
        expect(newest.locator("ol.brief li").first).to_contain_text("“about 1.6%” → “about 1.8%”")
        page.screenshot(path=str(artifacts / "changes.png"), full_page=True)

        newest.get_by_role("link", name=re.compile("^compare ")).click()
        expect(page).to_have_url(re.compile(rf"/compare/{REPORT}@2023-03-14/{REPORT}@2024-06-02$"))
        expect(page.get_by_role("heading", name="Brief")).to_be_visible()

        # The report page announces its feed; what the link names is a valid Atom feed of that report.
        page.goto(f"/reports/{REPORT}")
        link = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
        expect(link).to_have_count(1)
        href = link.get_attribute("href")
        assert href == f"/reports/{REPORT}.atom"
        response = page.request.get(href)
        assert response.ok and response.headers["content-type"].startswith("application/atom+xml")
        feed = feedparser.parse(response.body())
        assert not feed.bozo and len(feed.entries) == 2
        assert feed.entries[0].link.startswith(running.url + "/compare/")

        # The feed link on /changes, as a reader's feed reader would take it.
        page.goto("/changes")
        watch_href = page.get_by_role("link", name="watched reports", exact=True).get_attribute("href")
        assert watch_href == "/watch.atom"
        assert not feedparser.parse(page.request.get(watch_href).body()).bozo
        assert problems == []
        context.close()
