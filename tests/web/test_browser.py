"""The web app in a real browser (Debian's Chromium through Playwright) against uvicorn on loopback: a reader
opens the library, goes to a report, compares two sample editions, sees the figure change highlighted, walks the
change list (also by keyboard), narrows the comparison, searches and follows a result; a report whose text is
full of <script> runs none of it. Screenshots go to test-artifacts/; `make screenshots` runs this test and copies
the ones README shows to docs/screenshots/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import editions
from editions import Library
from editions.web import create_app

from .conftest import HOSTILE_HTML, HOSTILE_HTML_REPORT, HOSTILE_REPORT, ServerThread

OLD, NEW = "IF99001@2023-03-14", "IF99001@2024-06-02"


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.problems = []  # console errors (CSP refusals included) and uncaught exceptions
    tab.on("console", lambda m: tab.problems.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.problems.append(str(e)))
    yield tab
    context.close()


def shot(page: Any, artifacts: Path, name: str, full: bool = True) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=full)


def test_reader_walks_from_library_to_compare_and_search(page: Any, artifacts: Path) -> None:
    from playwright.sync_api import expect

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Library")
    expect(page.locator("#reports tbody tr")).to_have_count(2)
    shot(page, artifacts, "library")

    # The filter box narrows the list in place (htmx), and the URL follows.
    page.get_by_label("Filter reports").fill("veldoria")
    expect(page.locator("#reports tbody tr")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"\?q=veldoria$"))

    page.get_by_role("link", name="IF99001", exact=True).click()
    expect(page).to_have_url(re.compile(r"/reports/IF99001$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Republic of Veldoria")
    assert page.locator("svg.chart").count() >= 2
    expect(page.locator("svg.chart polyline").first).to_be_visible()
    shot(page, artifacts, "report")
    page.locator("#figures").evaluate("heading => heading.scrollIntoView({block: 'start'})")
    shot(page, artifacts, "report-figures", full=False)

    # Compare any two editions: the form leads to a URL naming both.
    page.get_by_label("Older").select_option(OLD)
    page.get_by_label("Newer").select_option(NEW)
    page.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(re.compile(rf"/compare/{OLD}/{NEW}$"))
    expect(page.get_by_role("heading", name="Brief")).to_be_visible()

    # The figure change, highlighted in the table and side by side.
    figures = page.locator("#figures tbody tr").filter(has_text="About 2,500")
    expect(figures.locator("del")).to_have_text("About 2,100")
    expect(figures.locator("ins")).to_have_text("About 2,500")
    row = page.locator(".row.fig").filter(has_text="military personnel").first
    expect(row.locator("ins").first).to_have_text("2,500")
    colour = row.evaluate("r => getComputedStyle(r).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"), colour
    shot(page, artifacts, "compare")
    shot(page, artifacts, "compare-top", full=False)

    # The change list jumps to each change; the target row is on screen and marked.
    link = page.locator(".change-list a").filter(has_text="military personnel").first
    target = link.get_attribute("href")
    assert target and target.startswith("#c")
    link.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.locator(target)).to_be_in_viewport()
    shot(page, artifacts, "compare-change", full=False)

    # By keyboard: Enter on a change-list entry, then Tab reaches the links of that change.
    page.locator(".change-list a").nth(1).focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#c2$"))
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "document.activeElement.closest('.row, details') && document.activeElement.closest('.row, details').id"
    )
    assert focused in ("c2", "c3"), focused
    # Folded cosmetic edits and unchanged runs open from the keyboard.
    summary = page.locator("details.same-run > summary").first
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator("details.same-run").first).to_have_attribute("open", "")

    # The min change control narrows the comparison (htmx swap, URL kept in step).
    before = page.locator(".change-list li").count()
    page.get_by_label("Show as unchanged the edits that change less than").select_option("0.5")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"min_change=0\.5"))
    expect(page.locator(".change-list li")).not_to_have_count(before)

    # Search, and follow a result to the sentence it cites.
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Search").click()
    page.get_by_label("Words, or “a phrase” in quotes").fill("personnel")
    page.keyboard.press("Enter")
    hits = page.locator("ol.hits > li")
    expect(hits).to_have_count(2)
    expect(hits.first.locator("mark")).to_have_text("personnel")
    shot(page, artifacts, "search")
    hits.first.locator("p.cite a").first.click()
    expect(page).to_have_url(re.compile(r"/editions/IF99001@2025-09-30#s\d+$"))
    sentence = page.locator(".s:target")
    expect(sentence).to_contain_text("personnel")
    expect(sentence).to_be_in_viewport()
    shot(page, artifacts, "edition", full=False)
    assert page.problems == []


def test_script_in_a_report_never_runs(page: Any, artifacts: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for url in (
        f"/reports/{HOSTILE_REPORT}",
        f"/editions/{HOSTILE_REPORT}",
        f"/compare/{HOSTILE_REPORT}~1/{HOSTILE_REPORT}",
        "/search?q=agency",
        f"/editions/{HOSTILE_REPORT}#s0",
    ):
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof pwned") == "undefined", url
        assert page.locator("script:not([src])").count() == 0
        assert page.locator("img, iframe, article svg, style").count() == 0
    page.goto(f"/editions/{HOSTILE_REPORT}")
    expect_text = page.locator("article.text").inner_text()
    assert '<script>pwned = "body"; alert("body")</script>' in expect_text  # shown as the text it is
    shot(page, artifacts, "hostile-edition")
    assert dialogs == []
    assert page.problems == []


def test_script_in_an_html_source_never_runs(browser: Any, tmp_path: Path, artifacts: Path) -> None:
    """An HTML report with live scripts, handlers, a javascript: link, an iframe and an SVG: the reader keeps its
    text, and in the browser none of it runs or loads."""
    source = tmp_path / "hostile.html"
    source.write_text(HOSTILE_HTML, encoding="utf-8")
    with Library(tmp_path / "html.db") as lib:
        lib.add(editions.read(source))
        with ServerThread(create_app(lib)) as running:
            context = browser.new_context(base_url=running.url, viewport={"width": 1280, "height": 900})
            tab = context.new_page()
            problems: list[str] = []
            dialogs: list[str] = []
            tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            tab.on("pageerror", lambda e: problems.append(str(e)))
            tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            try:
                for url in (f"/editions/{HOSTILE_HTML_REPORT}", f"/reports/{HOSTILE_HTML_REPORT}", "/search?q=agency"):
                    tab.goto(url)
                    tab.wait_for_load_state("load")
                    assert tab.evaluate("typeof pwned") == "undefined", url
                    assert tab.locator("script:not([src]), img, iframe, article svg, style").count() == 0, url
                tab.goto(f"/editions/{HOSTILE_HTML_REPORT}")
                text = tab.locator("article.text").inner_text()
                assert '<script>pwned = "text"; alert("text")</script>' in text  # markup written as text, shown
                assert "here" in text and tab.locator('article a[href^="javascript"]').count() == 0
                shot(tab, artifacts, "hostile-html-edition")
            finally:
                context.close()
    assert dialogs == [] and problems == []
