"""A long report's notes renumbered by one new note: no change in content, one notes line, no figure changes.

The edition is the corpus's crs.gov page with 146 numbered notes (read at run time from ../shared); its second
edition is made here by inserting a note after the first and renumbering every later one, marks and list alike,
as CRS does when a note is added."""

from __future__ import annotations

import re
from pathlib import Path

import editions
from editions.model import Role

_MARK = re.compile(r'(<a class="FootnoteLink"[^>]*>)(\d+)(</a>)')
_NOTE = re.compile(r'(<a name="fn\d+" href="#ifn\d+" class="FootnoteBL">)(\d+)(</a>)')


def _renumbered(html: str) -> str:
    def bump(m: re.Match[str]) -> str:
        n = int(m.group(2))
        return m.group(1) + str(n + 1 if n >= 2 else n) + m.group(3)

    html = _NOTE.sub(bump, _MARK.sub(bump, html))
    first = re.search(r'<sup><a class="FootnoteLink"[^>]*>1</a></sup>', html)
    row = re.search(
        r'<tr>\s*<td valign="top"><a name="fn1" href="#ifn1" class="FootnoteBL">1</a>\..*?</tr>', html, re.S
    )
    assert first is not None and row is not None, "the page's note markup changed"
    new_row = '\n<tr><td valign="top"><a name="fnX" href="#ifnX" class="FootnoteBL">2</a>.</td><td>See p. 12.</td></tr>'
    html = html[: row.end()] + new_row + html[row.end() :]
    mark = '<sup><a class="FootnoteLink" name="ifnX" href="#fnX">2</a></sup>'
    return html[: first.end()] + mark + html[first.end() :]


def test_a_note_inserted_early_renumbers_the_rest_and_changes_no_content(shared: Path) -> None:
    page = (shared / "corpus" / "joshdata-crs-reports-scraper" / "TEST01.html").read_text(encoding="utf-8")
    old = editions.read(page.encode("utf-8"), "html")
    new = editions.read(_renumbered(page).encode("utf-8"), "html")
    assert sum(s.role is Role.NOTE for s in old.sentences) > 100
    c = editions.compare(old, new)
    assert c.fact_changes == ()
    assert c.brief[0].text.startswith("No change in content")
    (notes,) = [item for item in c.brief if item.kind == "notes"]
    renumbered = re.search(r"(\d+) renumbered", notes.text)
    assert renumbered is not None and int(renumbered.group(1)) > 50, notes.text
    assert all(item.kind in ("unchanged", "notes", "cosmetic") for item in c.brief), [i.text for i in c.brief]
