"""An input with no content text is refused with one sentence, in every reader: stored, it would be an edition of
the empty text, and every later empty input another "source" of it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import editions
from editions.errors import InputError

sys.path.insert(0, str(Path(__file__).parent))  # the generator of test PDFs sits beside this file
from pdf_fixtures import Line, Page, build

NOTHING_TO_READ = {
    "markdown-rule": ("empty.md", b"---\n"),
    "markdown-empty-div": ("empty.md", b"<div></div>\n"),
    "markdown-image-only": ("chart.md", b"![A chart of spending](chart.png)\n"),
    "markdown-zero-width-spaces": ("blank.md", "\u200b\u200b\u200b\n".encode()),
    "text-zero-width-spaces": ("blank.txt", "\u200b \u200b\n\ufeff\u2060\n".encode()),
    "text-wide-spaces": ("blank.txt", "\u3000\u00a0\u2003\n\n\u200d\n".encode()),
    "html-zero-width-paragraph": ("blank.html", "<html><body><p>\u200b</p><hr></body></html>".encode()),
}


@pytest.mark.parametrize("case", list(NOTHING_TO_READ))
def test_an_input_with_no_content_text_is_refused_with_one_sentence(case: str) -> None:
    name, data = NOTHING_TO_READ[case]
    with pytest.raises(InputError) as error:
        editions.read(data, name=name)
    message = str(error.value)
    assert message.startswith(name) and ("no text" in message or "without any text" in message)
    assert message.endswith(".") and "\n" not in message


def test_a_line_on_every_page_at_one_place_is_the_document_not_its_furniture() -> None:
    # One line per page, each set where a running header would be: removing what recurs would leave nothing.
    pages = [Page([Line(72, 760, "The same notice stands on every page of this leaflet.")]) for _ in range(3)]
    edition = editions.read(build(pages), name="leaflet.pdf")
    assert "The same notice stands on every page of this leaflet." in edition.text
    assert len(edition.sentences) >= 1


def test_a_running_header_is_still_furniture_when_the_pages_have_text() -> None:
    pages = [
        Page([Line(72, 760, "Running header of the report"), Line(72, 500, f"Body text of page {n} goes here.")])
        for n in range(1, 4)
    ]
    edition = editions.read(build(pages), name="report.pdf")
    assert "Running header" not in edition.text
    assert "Body text of page 2 goes here." in edition.text
