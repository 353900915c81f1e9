"""Bad input: one clear `InputError` sentence, or a warning and a best-effort read."""

from __future__ import annotations

from pathlib import Path

import pytest

import editions
from editions.errors import InputError, InputWarning


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.md is empty\."):
        editions.read(path)


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\n\t \n")
    with pytest.raises(InputError, match="is empty"):
        editions.read(path)


def test_binary_junk(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(InputError, match="binary data"):
        editions.read(path)


def test_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"A sentence here. " * 1000)
    with pytest.raises(InputError, match=r"over the 1 KB limit"):
        editions.read(path, max_bytes=1024)
    with pytest.raises(InputError, match="over the"):
        editions.read(path.read_bytes(), max_bytes=1024)


def test_default_limit_is_100_mb() -> None:
    assert editions.ingest.DEFAULT_MAX_BYTES == 100 * 1024 * 1024


def test_one_line_of_a_million_characters(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_text("word " * 200_000, encoding="utf-8")
    edition = editions.read(path)
    assert len(edition.text) == len("word " * 200_000) - 1
    covered = sum(len(s.span) for s in edition.sentences)
    assert covered == len(edition.text)


def test_invalid_utf8_is_a_warning_and_a_best_effort_read(tmp_path: Path) -> None:
    # UTF-8 ("façade") with one stray byte: the byte is replaced, the rest read as UTF-8.
    path = tmp_path / "damaged.txt"
    path.write_bytes(
        "Title\n\nThe fa\u00e7ade of the caf".encode() + b"\xe9" + b" opened in 2020. It closed in 2021.\n"
    )
    with pytest.warns(InputWarning, match="1 invalid UTF-8 byte sequence"):
        edition = editions.read(path)
    assert [edition.text_of(s) for s in edition.sentences] == [
        "The fa\u00e7ade of the caf\ufffd opened in 2020.",
        "It closed in 2021.",
    ]


@pytest.mark.parametrize("name", ["latin1.txt", "latin1.md", "latin1.html"])
def test_windows_1252_text_is_read_with_a_warning(tmp_path: Path, name: str) -> None:
    # A legacy 8-bit text: accents on most lines (refused as "not text" before), and cp1252's curly quotes and dash.
    lines = ["R\u00e9sum\u00e9 des r\u00e9formes fran\u00e7aises", ""]
    lines += [
        f"L\u2019\u00e9t\u00e9 {year}, le caf\u00e9 a ferm\u00e9 \u2013 \u00ab d\u00e9j\u00e0 \u00bb."
        for year in range(2000, 2020)
    ]
    text = "\n".join(lines) + "\n"
    path = tmp_path / name
    path.write_bytes(("<p>" + text + "</p>" if name.endswith(".html") else text).encode("cp1252"))
    with pytest.warns(InputWarning, match="is not UTF-8: read as Windows-1252"):
        edition = editions.read(path)
    assert (
        "\u00e9t\u00e9 2019, le caf\u00e9 a ferm\u00e9 \u2013 \u00ab d\u00e9j\u00e0 \u00bb." in edition.text
    )  # (quotes are made straight)
    assert "\ufffd" not in edition.text


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputError, match=r"unknown file type '\.docx'"):
        editions.read(path)


def test_unknown_extension_with_format_given_is_read(tmp_path: Path) -> None:
    path = tmp_path / "report.notes"
    path.write_text("Title\n\nOne sentence.\n", encoding="utf-8")
    assert editions.read(path, format="text").title == "Title"


def test_unknown_format_name() -> None:
    with pytest.raises(InputError, match="unknown format 'docx'"):
        editions.read(b"hello", format="docx")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        editions.read(tmp_path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        editions.read(tmp_path / "nope.md")


def test_pathological_markup_is_linear(tmp_path: Path) -> None:
    # Brackets, parentheses, stars and underscores without closers: a backtracking regex would take forever.
    # (No timing assertion: the test would simply never finish.)
    data = ("[" * 50_000 + "(" * 50_000 + "*_" * 50_000 + "\\" * 1000).encode()
    edition = editions.read(data, format="markdown")
    assert edition.text.startswith("[" * 50_000 + "(" * 50_000)
    assert "*" not in edition.text
