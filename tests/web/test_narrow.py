"""Issue 18 item 7: at 400 px wide (a phone) no page is wider than the window: long words and URLs wrap, wide
tables scroll inside their own box. Checked in Debian's Chromium for every kind of page, and for the standalone
`editions diff --format html` file; a screenshot of each goes to test-artifacts/narrow-*.png."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import editions
from editions.render import comparison as render_comparison
from editions.web import create_app

from .conftest import SAMPLES, TOKEN, ServerThread, make_library

WIDTH = 400
LONG_URL = "https://www.example.gov/publications/reports/appendices/" + "figure-sources-and-notes-" * 6 + "table.html"
LONG_WORD = "Supercalifragilistic" * 8

# An edition of our own whose text holds what does not wrap by itself: a long URL in a Source line, a long word,
# and a wide table.
LONG_LINES = f"""# Narrow Screens Report
**Report No.:** IF99401
**Publication Date:** 2025-03-01
**Source:** {LONG_URL}

---

## Overview

The office counted 1,204 requests in 2024, up from 980 in 2023.

Source: {LONG_URL}

The program's code name was {LONG_WORD} in every filing.

| Fiscal year | Requests received | Requests approved | Requests denied | Appeals filed | Appeals granted | Days |
|---|---|---|---|---|---|---|
| 2022 | 1,001 | 870 | 131 | 40 | 12 | 45 |
| 2023 | 980 | 860 | 120 | 38 | 10 | 41 |
| 2024 | 1,204 | 1,050 | 154 | 52 | 17 | 39 |
"""

PAGES = {
    "library": "/",
    "report": "/reports/IF99001",
    "edition": "/editions/IF99001",
    "compare": "/compare/IF99001~1/IF99001",
    "compare-both": "/compare/IF99001~2/IF99001",
    "search": "/search?q=troops",
    "add": "/add",
    "changes": "/changes",
    "docs": "/docs",
    "error": "/no/such/page",
    "long-lines": "/editions/IF99401",
    "long-lines-report": "/reports/IF99401",
    "long-lines-search": "/search?q=office+counted",
}


@pytest.fixture(scope="module")
def narrow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("narrow")
    lib = make_library(folder)
    (folder / "IF99401.md").write_text(LONG_LINES, encoding="utf-8")
    results = lib.add_files([folder / "IF99401.md"])
    assert all(r.ok for r in results), [r.error for r in results]
    try:
        with ServerThread(create_app(lib, token=TOKEN)) as running:
            yield running.url
    finally:
        lib.close()


def _overflow(browser: Any, url: str, shot: Path) -> tuple[int, int]:
    context = browser.new_context(viewport={"width": WIDTH, "height": 800})
    try:
        tab = context.new_page()
        assert tab.goto(url) is not None
        shot.parent.mkdir(exist_ok=True)
        tab.screenshot(path=str(shot), full_page=True)
        widths: tuple[int, int] = tab.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        return widths
    finally:
        context.close()


@pytest.mark.parametrize("name", PAGES)
def test_no_page_is_wider_than_a_phone(browser: Any, narrow_server: str, artifacts: Path, name: str) -> None:
    scroll, client = _overflow(browser, narrow_server + PAGES[name], artifacts / f"narrow-{name}.png")
    assert client == WIDTH
    assert scroll <= client, f"{PAGES[name]} is {scroll} px wide in a {client} px window"


def test_standalone_diff_file_fits_a_phone(browser: Any, tmp_path: Path, artifacts: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        old = editions.read(SAMPLES / "IF99001-2023-03-14.md")
        new = editions.read(SAMPLES / "IF99001-2024-06-02.md")
    page = tmp_path / "diff.html"
    html = render_comparison.render_html(editions.compare(old, new))
    page.write_text(html.replace("</h1>", f"</h1><p>Source: {LONG_URL}</p>", 1), encoding="utf-8")
    scroll, client = _overflow(browser, page.as_uri(), artifacts / "narrow-diff-file.png")
    assert scroll <= client, f"diff.html is {scroll} px wide in a {client} px window"


def test_the_long_lines_edition_holds_what_the_test_is_about() -> None:
    # The generated edition holds what the test is about (a reader could drop a line it cannot place).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        edition = editions.read(LONG_LINES.encode(), name="IF99401.md")
    assert LONG_URL in edition.text and LONG_WORD in edition.text and edition.report == "IF99401"
