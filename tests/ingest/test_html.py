"""The HTML reader: chrome removal, block kinds, hostile pages, and the shared corpus when present."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import editions
from editions.model import BlockKind

PAGE = b"""<!DOCTYPE html><html><head><title>Grain Storage: Issues for Congress</title>
<style>p { color: red; } .secret { display: none }</style>
<script>var tracking = "SCRIPT TEXT MUST NOT APPEAR";</script></head>
<body>
<header><a href="/">Home</a> <a href="/about">About the site</a></header>
<nav><ul><li>Navigation item one</li><li>Navigation item two</li></ul></nav>
<main>
  <h1>Grain Storage: Issues for Congress</h1>
  <p>Updated May 2, 2025 (IF99999)</p>
  <h2>Background</h2>
  <p>Farmers stored 12 billion bushels of grain in 2024.<sup>1</sup> Storage capacity grew by 3% over the year.</p>
  <h3>Programs</h3>
  <ul><li>The loan program finances new bins.</li><li>The grant program helps rural cooperatives.</li></ul>
  <table><tr><th>Year</th><th>Capacity</th></tr><tr><td>2023</td><td>11.6</td></tr><tr><td>2024</td><td>12.0</td></tr></table>
  <noscript>NOSCRIPT TEXT</noscript>
</main>
<footer>Site footer text, copyright and contact links.</footer>
<script>console.log("MORE SCRIPT TEXT")</script>
</body></html>"""


def test_chrome_scripts_and_styles_never_reach_the_text() -> None:
    edition = editions.read(PAGE, name="page.html")
    for unwanted in ("SCRIPT", "color: red", "Navigation item", "Home", "Site footer", "NOSCRIPT"):
        assert unwanted not in edition.text
    assert edition.title == "Grain Storage: Issues for Congress"
    assert edition.report == "IF99999"
    assert str(edition.date) == "2025-05-02"


def test_headings_lists_and_tables_keep_their_kinds() -> None:
    edition = editions.read(PAGE, name="page.html")
    blocks = [(b.kind, b.level, edition.text_of(b)) for b in edition.blocks]
    assert (BlockKind.HEADING, 2, "Background") in blocks
    assert (BlockKind.HEADING, 3, "Programs") in blocks
    items = [text for kind, _, text in blocks if kind is BlockKind.LIST_ITEM]
    assert items == ["The loan program finances new bins.", "The grant program helps rural cooperatives."]
    tables = [text for kind, _, text in blocks if kind is BlockKind.TABLE]
    assert tables == ["Year | Capacity\n2023 | 11.6\n2024 | 12.0"]
    # The footnote mark is dropped; the sentence is whole.
    sentences = [edition.text_of(s) for s in edition.sentences]
    assert "Farmers stored 12 billion bushels of grain in 2024." in sentences
    programs = [s for s in edition.sentences if s.section[-1:] == ("Programs",)]
    assert len(programs) == 5  # two list items and three table rows


def test_an_unknown_page_without_main_finds_its_densest_content() -> None:
    menu = "".join(f"<div class='menu'><a href='#'>Menu entry {i}</a></div>" for i in range(60))
    body = "".join(f"<p>Paragraph {i} explains the policy in some detail for the reader.</p>" for i in range(12))
    page = f"<html><body><div id='side'>{menu}</div><div id='story'>{body}</div></body></html>".encode()
    edition = editions.read(page, name="unknown.html")
    assert "Menu entry" not in edition.text
    assert len(edition.sentences) == 12


def test_100000_nested_divs_read_quickly() -> None:
    deep = (
        b"<html><body>" + b"<div>" * 100_000 + b"<p>Deep inside the nest lies one sentence.</p>" + b"</div>" * 100_000
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        edition = editions.read(deep + b"</body></html>", name="deep.html")
    assert [edition.text_of(s) for s in edition.sentences] == ["Deep inside the nest lies one sentence."]
    # what was changed to read it is said in one sentence
    assert [str(w.message) for w in caught] == [
        "deep.html: 99747 elements nested deeper than 256 levels were unwrapped."
    ]


def test_a_20_mb_inline_image_stays_within_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "image.html"
    path.write_bytes(
        b'<html><body><p>Before the image there is a sentence.</p><img src="data:image/png;base64,'
        + b"A" * 20_000_000
        + b'"><p>After it, another one.</p></body></html>'
    )
    code = (
        "import resource, editions\n"
        f"e = editions.read({str(path)!r})\n"
        "print(len(e.sentences), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    sentences, peak_kb = (int(x) for x in out.stdout.split())
    assert sentences == 2
    assert peak_kb < 400 * 1024


_HOSTILE_PAGES = {
    "script": b"<html><head><script>alert('x')</script></head><body><script>document.write('x')</script>",
    "nested-divs": b"<html><body>" + b"<div>" * 100_000 + b"</div>" * 100_000,
    "inline-image": b'<html><body><img src="data:image/png;base64,' + b"A" * 20_000_000 + b'">',
}


@pytest.mark.parametrize("case", list(_HOSTILE_PAGES))
def test_editions_show_refuses_a_hostile_page_with_nothing_to_read(tmp_path: Path, case: str) -> None:
    # What the hostile part carries (a script, a nest, an image) is never text, so a page made only of it is
    # refused like an empty PDF: one sentence, exit 1, no traceback, memory bounded. A page that has text
    # besides is read (the tests above).
    path = tmp_path / f"{case}.html"
    path.write_bytes(_HOSTILE_PAGES[case] + b"</body></html>")
    code = (
        "import resource, sys\n"
        "from editions.cli import main\n"
        f"sys.argv = ['editions', 'show', {str(path)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as stop:\n"
        "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        "    raise\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    message, peak_kb = result.stderr.strip().splitlines()
    assert message == f"editions: {path} is an HTML page without any text in its body."
    assert int(peak_kb) < 400 * 1024


def test_congress_gov_fragments_in_the_corpus(shared: Path) -> None:
    folder = shared / "corpus" / "krischen-crs-reports" / "html"
    if not folder.is_dir():
        pytest.skip(f"the krischen corpus is not at {folder}")
    for path in sorted(folder.glob("*.html")):
        edition = editions.read(path)
        assert edition.report and path.name.startswith(edition.report), path.name
        assert edition.title and edition.date, path.name
        assert len(edition.sentences) >= 10, path.name
        assert "<" not in edition.text


def test_a_full_crs_gov_page_loses_its_site_chrome(shared: Path) -> None:
    path = shared / "corpus" / "joshdata-crs-reports-scraper" / "TEST01.html"
    if not path.is_file():
        pytest.skip(f"{path} is not in the corpus")
    edition = editions.read(path)
    assert edition.report == "RL33388"
    assert edition.title == "The Committee on Foreign Investment in the United States (CFIUS)"
    assert "CKEDITOR" not in edition.text
    assert "Sign In" not in edition.text
    assert len(edition.sentences) > 200


NOTES_PAGE = b"""<html><body><main>
<h1>Water Storage</h1>
<p>Reservoirs held 40 million acre-feet in 2024.<sup><a class="FootnoteLink" href="#fn1">1</a></sup></p>
<table>
<tr><td><p>Source</p></td><td><p>Capacity</p></td></tr>
<tr><td><p>The <em>31</em><sup>st</sup> district, the 2<sup>d</sup> session</p></td>
<td><p>12.50% or more<a href="#note-a"><sup></sup><sup><span>a</span></sup></a></p></td></tr>
<tr><td><p>See <a href="https://www.example.com/"><span>https://www.example.com/</span><span>water-</span><span>\
storage/</span></a>2024/<em>05</em>/ and <em>Water News</em>, May 2024.</p></td><td><p>First<br>Second</p></td></tr>
</table>
<div class="Footnotes"><h2>Footnotes</h2>
<table><tr><td><a name="fn1" href="#ifn1">1</a>.</td><td><p>Bureau of Reclamation, <em>Annual Report</em>, \
2024.</p></td></tr>
<tr><td><a name="fn2" href="#ifn2">2</a>.</td><td><p>Ibid., p. 4.</p></td></tr></table>
</div>
<ol class="endnotes"><li>An endnote written as a list item.</li></ol>
</main></body></html>"""


def test_a_table_cell_keeps_the_spaces_of_the_document_and_no_more() -> None:
    edition = editions.read(NOTES_PAGE, name="notes.html")
    rows = [edition.text_of(s) for s in edition.sentences if s.role.value == "table"]
    # Inline nodes are joined as they stand: a URL split over spans stays whole, a suffix stays on its number,
    # a comma stays on its word; a line break or a paragraph in a cell parts words.
    assert rows[1] == "The 31st district, the 2d session | 12.50% or more"
    assert rows[2] == ("See https://www.example.com/water-storage/2024/05/ and Water News, May 2024. | First Second")


def test_footnote_lists_are_footnotes_and_their_marks_are_dropped() -> None:
    edition = editions.read(NOTES_PAGE, name="notes.html")
    notes = [edition.text_of(b) for b in edition.blocks if b.kind is BlockKind.FOOTNOTE]
    assert notes == [
        "1. Bureau of Reclamation, Annual Report, 2024.",
        "2. Ibid., p. 4.",
        "An endnote written as a list item.",
    ]
    body = [edition.text_of(s) for s in edition.sentences if s.role.value == "body"]
    assert body == ["Reservoirs held 40 million acre-feet in 2024."]
