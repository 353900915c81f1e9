"""The pages and their JSON twins, through the ASGI app: every page answers, the JSON follows DESIGN.md's
contract, names in URLs resolve as the CLI's references do, and the basics of accessibility hold (one h1,
headings never skip a level going down, every control labelled)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest
from query_counter import queries

from editions import Library
from editions.render.comparison import comparison_to_dict
from editions.render.json import edition_to_dict

from .conftest import HOSTILE_REPORT, SAMPLES, TOKEN

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

PAGES = [
    "/",
    "/?q=veldoria",
    "/reports/IF99001",
    "/reports/IF99001?figure=personnel",
    "/editions/IF99001",
    "/editions/IF99001@2023-03-14",
    "/editions/IF99001~1",
    "/compare/IF99001@2023-03-14/IF99001@2024-06-02",
    "/compare/IF99001@2024-06-02/IF99001@2025-09-30?min_change=0.3",
    "/search",
    "/search?q=personnel",
    "/search?q=nothing+matches+this+zzz",
    "/docs",
    f"/reports/{HOSTILE_REPORT}",
    f"/editions/{HOSTILE_REPORT}",
    f"/compare/{HOSTILE_REPORT}~1/{HOSTILE_REPORT}",
    "/search?q=agency",
]


class Outline(HTMLParser):
    """Headings, form controls and labels of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.controls: list[dict[str, str | None]] = []
        self.labels: set[str] = set()
        self.inline_scripts = 0
        self.style_attributes = 0
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
            self.controls.append(a)
        if tag == "label" and a.get("for"):
            self.labels.add(str(a["for"]))
        if tag == "script" and not a.get("src"):
            self.inline_scripts += 1
        if "style" in a:
            self.style_attributes += 1
        self.handlers += [name for name in a if name.startswith("on")]


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("url", PAGES)
def test_page_answers_and_is_accessible(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    page = outline(response.text)
    assert page.headings.count(1) == 1 and page.headings[0] == 1, page.headings
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, f"heading h{before} followed by h{after} on {url}"
    for control in page.controls:
        assert control.get("id") in page.labels or control.get("aria-label"), f"unlabelled control {control} on {url}"
    assert page.inline_scripts == 0 and page.style_attributes == 0 and not page.handlers


def test_library_lists_reports_with_latest_and_changed(client: TestClient) -> None:
    html = client.get("/").text
    assert "IF99001" in html and "2025-09-30" in html and "Republic of Veldoria" in html
    assert "/compare/IF99001@2024-06-02/IF99001@2025-09-30" in html  # the % changed links the last two
    filtered = client.get("/?q=veldoria").text
    assert "IF99001" in filtered and HOSTILE_REPORT not in filtered.split('id="reports"')[1]


def test_library_rows_read_every_report_in_a_few_queries(web_library: Library) -> None:
    """The rows are what one lookup per report (latest, and the one before) gives, from a few queries however
    many reports there are; seen again, from memory."""
    from editions.web import views

    caches = views.Caches()
    reports = web_library.reports()
    rows: list[views.ReportRow] = []
    first = queries(web_library, lambda: rows.extend(views.library_rows(web_library, caches, "", reports)))
    again = queries(web_library, lambda: views.library_rows(web_library, caches, "", reports))
    assert views.library_rows(web_library, caches, "", reports) == rows
    assert len(reports) >= 2 and first <= 5 and again == 0  # one lookup each would be 5 queries per edition
    assert rows == [
        views.ReportRow(r, web_library.info(r.report), web_library.info(f"{r.report}~1") if r.editions > 1 else None)
        for r in reports
    ]
    some = views.library_rows(web_library, views.Caches(), "veldoria")
    assert [r.info.report for r in some] == ["IF99001"] and some[0].previous is not None


def test_report_page_charts_figures_and_shows_latest_brief(client: TestClient) -> None:
    html = client.get("/reports/IF99001").text
    rows = html.split('id="editions"')[1].split("</table>")[0]
    dates = [rows.index(d) for d in ("2023-03-14", "2024-06-02", "2025-09-30")]
    assert dates == sorted(dates)  # oldest first, each after the first with the share changed since
    assert len(re.findall(r'<td class="num">\d+%</td>', rows)) == 2 and rows.count('<td class="num">—</td>') == 1
    assert html.count('<svg class="chart"') >= 2
    assert "What changed in the latest edition" in html
    assert "personnel" in client.get("/reports/IF99001?figure=personnel").text
    asked = client.get("/reports/IF99001?figure=military+personnel").text
    headings = re.findall(r'<h3 id="chart-h-\d+">(.*?)</h3>', asked)
    assert len(headings) >= 2 and len(headings) == len(set(headings))  # the figure asked is not charted twice
    assert "No figure changed" not in html  # its figures moved
    assert "No figure about" in client.get("/reports/IF99001?figure=zebras+unicorns").text


def test_compare_page_has_brief_figures_change_list_and_side_by_side(client: TestClient) -> None:
    html = client.get("/compare/IF99001@2023-03-14/IF99001@2024-06-02").text
    order = [html.index(marker) for marker in ('id="brief-h"', 'id="figures-h"', 'id="changes-h"', 'id="side-h"')]
    assert order == sorted(order)
    assert "<del>About 2,100</del>" in html and "<ins>About 2,500</ins>" in html  # the figures table
    assert 'class="row k-edited fig"' in html  # the figure change highlighted side by side
    assert 'href="#c1"' in html and 'id="c1"' in html  # the change list jumps to each change
    assert '<details class="same-run">' in html  # unchanged runs fold
    assert 'id="moved-from-' in html and "where it was" in html  # a moved sentence links both places
    assert "Moved from here: now new sentence 3 ↑" in html  # it moved up, into the Overview
    fewer = client.get("/compare/IF99001@2023-03-14/IF99001@2024-06-02?min_change=0.5").text
    assert fewer.count('href="#c') < html.count('href="#c')
    assert html.index('class="brief headline"') < html.index('id="figures-h"')


def test_min_change_filters_one_comparison(client: TestClient) -> None:
    """A `min_change` setting filters what the one comparison carries: the same links and verdicts, the brief
    without the smaller edits, the headline's figures unchanged."""
    url = "/api/compare/IF99001@2023-03-14/IF99001@2024-06-02"
    full = client.get(url).json()
    fewer = client.get(url, params={"min_change": 0.5}).json()
    assert fewer["links"] == full["links"] and fewer["stats"] == full["stats"]
    assert all(item["changed"] >= 0.5 for item in fewer["brief"])
    assert len(fewer["brief"]) < len(full["brief"])
    figures = [item for item in full["brief"] if item["kind"] == "figure"]
    assert figures and [item for item in fewer["brief"] if item["kind"] == "figure"] == figures
    assert all("substantive" in link and "changed" in link for link in full["links"])


COSMETIC = """Updated {long} (IF99002)

## Cosmetic Report

### Overview

The ministry published its annual plan in March{comma} after a long consultation with the regions.

The plan sets out forty measures for the coastal towns and the northern valleys.
"""


def test_cosmetic_edits_fold(upload_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for day, long, comma in (("2024-01-05", "January 5, 2024", ","), ("2024-02-09", "February 9, 2024", "")):
        text = COSMETIC.format(long=long, comma=comma).encode()
        assert upload_client.post("/api/editions", files={"file": (f"{day}.md", text)}, headers=auth).status_code == 201
    html = upload_client.get("/compare/IF99002~1/IF99002").text
    assert '<details class="cosmetic" id="c1"><summary><span class="badge k-cosmetic">cosmetic edit</span>' in html
    folded = html.split('<details class="cosmetic" id="c1">')[1].split("</details>")[0]
    assert "<del>,</del>" in folded  # the redline is inside the fold, shown when it is opened


def test_kept_pages_follow_the_library(upload_client: TestClient) -> None:
    """Library and report pages are kept in memory; adding an edition shows on them at once."""
    auth = {"Authorization": f"Bearer {TOKEN}"}
    names = ("IF99001-2023-03-14.md", "IF99001-2024-06-02.md", "IF99001-2025-09-30.txt")
    for n, name in enumerate(names, start=1):
        data = (SAMPLES / name).read_bytes()
        assert upload_client.post("/api/editions", files={"file": (name, data)}, headers=auth).status_code == 201
        html = upload_client.get("/reports/IF99001").text
        assert f"{n} edition{'s' if n > 1 else ''}" in html and name in html
        assert upload_client.get("/reports/IF99001").text == html  # kept
        assert f'<td class="num">{n}</td>' in upload_client.get("/").text  # the library page too


def test_api_is_described_at_docs(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    docs = client.get("/docs").text
    paths = set(schema["paths"])
    assert {"/api/reports", "/api/reports/{report}", "/api/editions/{ref}", "/api/compare/{old}/{new}",
            "/api/search", "/api/editions"} <= paths  # fmt: skip
    assert all(p == "/api" or p.startswith("/api/") for p in paths)  # pages are not API operations
    for path in paths:
        assert path in docs, path


def test_compare_form_redirects_to_the_stable_url(client: TestClient) -> None:
    response = client.get("/compare?old=IF99001~1&new=IF99001", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/compare/IF99001~1/IF99001"


def test_edition_page_marks_sentences_facts_and_sections(client: TestClient) -> None:
    html = client.get("/editions/IF99001@2024-06-02").text
    assert 'id="s0"' in html and '<mark class="fact k-count"' in html
    assert '<nav class="toc"' in html and 'href="#sec-' in html
    assert '<aside class="furniture"' in html


def test_search_cites_edition_section_sentence_and_first_seen(client: TestClient) -> None:
    html = client.get("/search?q=personnel").text
    assert "<mark>personnel</mark>" in html
    assert "Security Cooperation" in html and "sentence " in html and "first seen" in html
    assert "/editions/IF99001@2025-09-30#s" in html


def test_search_pages_filters_and_csv(client: TestClient) -> None:
    everything = client.get("/api/search", params={"q": "personnel", "limit": 200}).json()
    total = everything["total"]
    assert total >= 2 and everything["offset"] == 0 and everything["reports"] == 1
    texts = [h["text"] for g in everything["groups"] for h in g["hits"]]
    assert len(texts) == total
    paged = []
    for offset in range(total):
        one = client.get("/api/search", params={"q": "personnel", "limit": 1, "offset": offset}).json()
        assert one["total"] == total and one["limit"] == 1
        paged += [h["text"] for g in one["groups"] for h in g["hits"]]
    assert sorted(paged) == sorted(texts)
    html = client.get("/search", params={"q": "personnel", "limit": 1, "page": 2}).text
    assert f"{total} sentences in 1 report; 2–2 shown (page 2 of {total})" in html
    assert 'rel="prev" href="/search?q=personnel&amp;page=1&amp;limit=1"' in html
    assert "/api/search.csv?q=personnel&amp;limit=1&amp;offset=1" in html
    body = client.get("/api/search", params={"q": "personnel", "in": "body"}).json()
    assert all(h["role"] in ("body", "table") for g in body["groups"] for h in g["hits"])
    assert client.get("/api/search", params={"q": "personnel", "in": "headings"}).status_code == 400
    table = client.get("/api/search.csv", params={"q": "personnel", "limit": 1, "offset": 1})
    assert table.headers["content-type"].startswith("text/csv")
    lines = table.text.splitlines()
    assert lines[0] == "rank,report,role,sentence,editions,first_seen,first_seen_date,latest,latest_date,section"
    assert len(lines) == 2 and lines[1].startswith("2,IF99001,")


def test_api_mirrors_every_page(client: TestClient, web_library: Library) -> None:
    reports = client.get("/api/reports").json()
    assert reports["schema"] == 1
    assert {r["report"] for r in reports["reports"]} == {"IF99001", HOSTILE_REPORT}
    report = client.get("/api/reports/IF99001").json()
    assert [e["date"] for e in report["editions"]] == ["2023-03-14", "2024-06-02", "2025-09-30"]
    assert report["figures"] and report["latest_brief"]["brief"]
    edition = client.get("/api/editions/IF99001@2024-06-02").json()
    assert edition == edition_to_dict(web_library.get("IF99001@2024-06-02"))
    comparison = client.get("/api/compare/IF99001@2023-03-14/IF99001@2024-06-02").json()
    expected = comparison_to_dict(web_library.compare("IF99001@2023-03-14", "IF99001@2024-06-02"))
    assert comparison == {**expected, "min_change": 0.0}
    found = client.get("/api/search", params={"q": "personnel"}).json()
    assert found["groups"][0]["hits"][0]["citations"][0]["ref"].startswith("IF99001@")
    timeline = client.get("/api/reports/IF99001/timeline", params={"words": "personnel"}).json()
    assert [p["value"] for p in timeline["points"]] == [2100, 2500, 2500]
    table = client.get("/api/reports/IF99001/timeline.csv", params={"words": "personnel"})
    assert table.headers["content-type"].startswith("text/csv")
    lines = table.text.splitlines()
    assert lines[0].startswith("report,query,date,version,edition,ref,stated,value")
    assert [line.split(",")[7] for line in lines[1:]] == ["2100", "2500", "2500"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/editions/IF99001@1999-01-01", 404),
        ("/reports/NOSUCH", 404),
        ("/api/editions/NOSUCH", 404),
        ("/api/compare/IF99001/NOSUCH", 404),
        ("/api/search?q=x&since=yesterday", 400),
        ("/api/compare/IF99001~1/IF99001?min_change=2", 400),
        ("/api/reports/IF99001/timeline?words=zebras", 404),
        ("/api/reports/IF99001/timeline.csv?words=zebras", 404),
        ("/no/such/page", 404),
    ],
)
def test_errors_are_one_sentence(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    if url.startswith("/api"):
        message = response.json()["error"]
        assert message.endswith(".") and "\n" not in message
    else:
        assert 'role="alert"' in response.text
