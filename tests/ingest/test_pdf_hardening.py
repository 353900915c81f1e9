"""Hostile and broken PDFs: each refused with its own one sentence, whatever was read before it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import editions
from editions.errors import InputError

sys.path.insert(0, str(Path(__file__).parent))  # the generator of test PDFs sits beside this file
from pdf_fixtures import Line, Page, build


def _refusal(data: bytes) -> str:
    with pytest.raises(InputError) as error:
        editions.read(data, format="pdf", name="bad.pdf")
    return str(error.value)


def test_a_damaged_pdf_read_after_an_encrypted_one_is_not_called_encrypted() -> None:
    encrypted = build([Page([Line(72, 700, "secret")])], encrypt=True)
    # A catalog without its page tree: pdfium opens it, with no pages and no error code of its own.
    no_page_tree = build([Page([Line(72, 700, "lost")])]).replace(b"/Type /Catalog /Pages", b"/Type /Catalog /Pagez")
    assert "encrypted" in _refusal(encrypted)
    message = _refusal(no_page_tree)
    assert "encrypted" not in message
    assert "not a readable PDF" in message and message.endswith(".") and "\n" not in message
