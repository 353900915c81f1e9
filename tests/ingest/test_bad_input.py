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
    path = tmp_path / "latin1.txt"
    path.write_bytes("Title\n\nThe caf\xe9 opened in 2020. It closed in 2021.\n".encode("latin-1"))
    with pytest.warns(InputWarning, match="1 invalid UTF-8 byte sequence"):
        edition = editions.read(path)
    assert [edition.text_of(s) for s in edition.sentences] == ["The caf\ufffd opened in 2020.", "It closed in 2021."]


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
