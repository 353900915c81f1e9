"""Provenance: the address a document states as its own is read by each reader and kept on its source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editions.ingest import load
from editions.ingest.metadata import stated_url

BODY = "The canal program received $40 million in fiscal year 2024. It was extended by two years.\n"


def _saved_page(field: str) -> bytes:
    head = "# Canal Upkeep\n\n**Report No.:** IF99501\n**Version:** 2\n**Publication Date:** 03/04/2025\n"
    return (head + field + "\n\n---\n\n## Overview\n\n" + BODY).encode()


@pytest.mark.parametrize(
    ("field", "url"),
    [
        ("**Source:** https://example.org/product/IF99501?s=1&r=2", "https://example.org/product/IF99501?s=1&r=2"),
        ("**URL:** <https://example.org/IF99501>", "https://example.org/IF99501"),
        ("**Source:** [the page](http://example.org/IF99501).", "http://example.org/IF99501"),
        ("**Source:** a library's archive", None),
        ("**Source:** javascript:alert(1)", None),
    ],
)
def test_a_saved_page_states_its_address_in_its_front_matter(field: str, url: str | None) -> None:
    document = load(_saved_page(field), name="IF99501.md")
    assert document.metadata.url == url
    assert document.source.url == url and document.source.name == "IF99501.md"
    assert document.metadata.report == "IF99501"  # the other fields are read as before


def test_a_source_line_in_the_body_is_not_the_page_address() -> None:
    page = _saved_page("**Topics:** Water") + b"\n**Source:** https://example.org/table-data.\n"
    assert load(page, name="p.md").source.url is None


def _html(head: str) -> bytes:
    return (
        f"<html><head><title>Canal Upkeep</title>{head}</head><body><h1>Canal Upkeep</h1>"
        f"<p>Updated March 4, 2025 (IF99501)</p><p>{BODY * 3}</p>"
        '<p>See <a href="https://example.org/elsewhere">another page</a>.</p></body></html>'
    ).encode()


def test_an_html_page_states_its_address_in_its_canonical_link_or_open_graph_url() -> None:
    canonical = _html(
        '<link rel="canonical" href="https://example.org/IF99501"><meta property="og:url" content="https://example.org/og">'
    )
    assert load(canonical, name="p.html").source.url == "https://example.org/IF99501"
    open_graph = _html('<meta property="og:url" content="https://example.org/og/IF99501">')
    assert load(open_graph, name="p.html").source.url == "https://example.org/og/IF99501"
    assert load(_html(""), name="p.html").source.url is None  # a link in the body names another page
    relative = _html('<link rel="canonical" href="/IF99501">')
    assert load(relative, name="p.html").source.url is None  # not an address the web can link to as given


def test_plain_text_states_no_address() -> None:
    text = f"Updated March 4, 2025 (IF99501)\n\nCanal Upkeep\n\nOverview\n\n{BODY}See https://example.org/x.\n"
    assert load(text.encode(), name="p.txt").source.url is None


def test_stated_url() -> None:
    assert stated_url("see <https://example.org/a_b?x=1>.") == "https://example.org/a_b?x=1"
    assert stated_url("ftp://example.org/a") is None and stated_url(None) is None and stated_url("") is None
    assert stated_url('https://example.org/a"onmouseover="x') == "https://example.org/a"


def test_show_prints_the_address_in_every_format(tmp_path: Path) -> None:
    from rich.console import Console

    from editions import read
    from editions.render import json as json_render
    from editions.render import markdown as markdown_render
    from editions.render import terminal

    path = tmp_path / "IF99501.md"
    path.write_bytes(_saved_page("**Source:** https://example.org/IF99501?a=1&b=2"))
    edition = read(path)
    shown = json.loads(json_render.render_edition(edition))["source"]
    assert shown == {"format": "markdown", "name": str(path), "url": "https://example.org/IF99501?a=1&b=2"}
    assert "**Published at:** <https://example.org/IF99501?a=1&b=2>" in markdown_render.render_edition(edition)
    console = Console(width=200, record=True)
    console.print(terminal.metadata_panel(edition))
    panel = console.export_text()
    assert "Published at  https://example.org/IF99501?a=1&b=2" in panel
    no_address = read(_saved_page("**Topics:** Water"), name="p.md")
    assert json.loads(json_render.render_edition(no_address))["source"]["url"] is None
    assert "Published at" not in markdown_render.render_edition(no_address)
