"""Hostile and broken PDFs: each refused with its own one sentence, whatever was read before it."""

from __future__ import annotations

import subprocess
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


def test_a_decompression_bomb_is_refused_naming_the_limit_within_bounded_memory(tmp_path: Path) -> None:
    # About 1 MB on disk; its one content stream inflates to 1 GiB of spaces after a line of text.
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(build([Page([Line(72, 700, "A line over a sea of spaces.")], padding=1 << 30)]))
    assert bomb.stat().st_size < 2 * 1024 * 1024
    code = (
        "import resource, editions\n"
        f"try:\n    editions.read({str(bomb)!r})\nexcept editions.InputError as error:\n    print(error)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    message, peak_kb = out.stdout.strip().split("\n")
    assert message == f"{bomb} holds a compressed stream that inflates to over 128 MB, the limit per stream."
    assert int(peak_kb) < 400 * 1024


def test_a_compressed_content_stream_under_the_limit_is_read() -> None:
    data = build([Page([Line(72, 700, "A line over a few spaces.")], padding=4 << 20)])
    assert "A line over a few spaces." in editions.read(data, name="padded.pdf").text
