"""The `editions` command line, run for real in a subprocess: the seeds, the bundled samples, and bad input.

Every bad input must give one clear line on stderr and a non-zero exit code, never a traceback; recoverable
damage (invalid UTF-8 bytes) gives a warning and a normal result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_runner import run_editions

from editions import cli
from editions.errors import InputError
from editions.model import BlockKind, Role

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SAMPLE_FILES = sorted(SAMPLES.glob("IF99001-*"))
SAMPLE_TITLE = "Republic of Veldoria: Background and U.S. Relations"

EDITION_KEYS = {
    "schema",
    "id",
    "report",
    "title",
    "date",
    "version",
    "product",
    "authors",
    "text",
    "blocks",
    "sentences",
    "facts",
    "source",
}
BLOCK_KEYS = {"kind", "start", "end", "level", "section"}
SENTENCE_KEYS = {"index", "start", "end", "block", "section", "role"}
FACT_KEYS = {"kind", "start", "end", "sentence", "value", "unit", "approximate", "measure"}


def run(*args: object, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return run_editions(*args, env=env, timeout=timeout)


def show_json(path: Path) -> dict[str, Any]:
    result = run("show", path, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    doc: dict[str, Any] = json.loads(result.stdout)
    check_contract(doc)
    return doc


def check_contract(doc: dict[str, Any]) -> None:
    """DESIGN.md's JSON contract for an Edition, and every span inside the text it points into."""
    assert set(doc) == EDITION_KEYS
    assert doc["schema"] == 1
    text = doc["text"]
    assert isinstance(text, str)
    assert doc["id"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    if doc["date"] is not None:
        dt.date.fromisoformat(doc["date"])
    assert doc["version"] is None or isinstance(doc["version"], int)
    for author in doc["authors"]:
        assert set(author) == {"name", "role"}
        assert isinstance(author["name"], str) and author["name"]
    assert set(doc["source"]) == {"format", "name", "url"}
    assert doc["source"]["format"] in ("text", "markdown", "html", "pdf")

    kinds = {k.value for k in BlockKind}
    blocks = doc["blocks"]
    previous_end = 0
    for block in blocks:
        assert set(block) == BLOCK_KEYS
        assert block["kind"] in kinds
        assert previous_end <= block["start"] <= block["end"] <= len(text)
        assert text[block["start"] : block["end"]].strip()
        assert all(isinstance(s, str) for s in block["section"])
        previous_end = block["end"]

    previous_end = 0
    for i, sentence in enumerate(doc["sentences"]):
        assert set(sentence) == SENTENCE_KEYS
        assert sentence["index"] == i
        assert previous_end <= sentence["start"] < sentence["end"] <= len(text)
        block = blocks[sentence["block"]]
        assert block["start"] <= sentence["start"] and sentence["end"] <= block["end"]
        assert sentence["section"] == block["section"]
        assert BlockKind(block["kind"]).is_content
        assert sentence["role"] in {r.value for r in Role}
        previous_end = sentence["end"]

    for fact in doc["facts"]:
        assert set(fact) == FACT_KEYS
        sentence = doc["sentences"][fact["sentence"]]
        assert sentence["start"] <= fact["start"] <= fact["end"] <= sentence["end"]
        assert isinstance(fact["approximate"], bool)


def sentences_of(doc: dict[str, Any]) -> list[str]:
    return [doc["text"][s["start"] : s["end"]] for s in doc["sentences"]]


def blocks_of(doc: dict[str, Any], kind: str) -> list[str]:
    return [doc["text"][b["start"] : b["end"]] for b in doc["blocks"] if b["kind"] == kind]


def assert_one_clear_line(result: subprocess.CompletedProcess[str], pattern: str, code: int = 1) -> None:
    """A refusal: the expected exit code, nothing on stdout, one line `editions: …` matching `pattern`."""
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("editions: ") and not line.startswith("editions: warning:")
    assert line.endswith("."), line
    assert len(line) < 300, line
    assert re.search(pattern, line), line


# --- The command itself -----------------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert re.fullmatch(r"editions \S+\n", result.stdout)


def test_help_lists_show() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "show" in result.stdout


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "editions"
    if not script.exists():
        pytest.skip("the editions console script is not installed beside this Python")
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.startswith("editions ")


# --- The seeds ---------------------------------------------------------------------------------------------

SEED_AUTHORS = [
    ("Emma Chanlett-Avery", "Coordinator, Specialist in Asian Affairs"),
    ("Mark E. Manyin", "Specialist in Asian Affairs"),
    ("Brock R. Williams", "Specialist in International Trade and Finance"),
    ("Cathleen D. Cimino-Isaacs", "Specialist in International Trade and Finance"),
    ("Caitlin Campbell", "Analyst in Asian Affairs"),
]


def test_show_seed_2022_terminal(seed_2022: Path) -> None:
    result = run("show", seed_2022)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert "\x1b[" not in out  # not a TTY: plain text
    assert "U.S.-Japan Relations" in out
    assert "2022-07-21" in out
    for name, role in SEED_AUTHORS:
        assert f"{name} — {role}" in out
    # The section tree and the text, in that order, after the panel.
    assert out.index("Sections") < out.index("Overview") < out.index("Japan, a U.S. treaty ally since 1951")
    assert "Regional Relations" in out
    flat = " ".join(out.split())  # the terminal wraps lines
    assert "$300 million" in flat and "\\$" not in flat
    assert "its coalition partner, Komeito, increased" in flat


def test_show_seed_2022_json(seed_2022: Path) -> None:
    doc = show_json(seed_2022)
    assert doc["title"] == "U.S.-Japan Relations"
    assert doc["date"] == "2022-07-21"
    assert [(a["name"], a["role"]) for a in doc["authors"]] == SEED_AUTHORS
    assert doc["source"]["format"] == "markdown"
    assert "\\$" not in doc["text"]
    assert any(
        s.startswith("In the vote, the LDP and its coalition partner, Komeito, increased") for s in sentences_of(doc)
    )
    assert "Figure 1. Top U.S. Trade Partners, 2021" in blocks_of(doc, "caption")
    assert any(
        b.startswith("This document was prepared by the Congressional Research Service")
        for b in blocks_of(doc, "boilerplate")
    )
    assert not any("Congressional Research Service" in s for s in sentences_of(doc))


def test_show_seed_2022_markdown(seed_2022: Path) -> None:
    result = run("show", seed_2022, "--format", "markdown")
    assert result.returncode == 0, result.stderr
    md = result.stdout
    assert md.startswith("# U.S.-Japan Relations\n")
    assert "**Date:** 2022-07-21" in md
    assert "Emma Chanlett-Avery (Coordinator, Specialist in Asian Affairs)" in md
    assert "\n### Overview\n" in md and "\n## Regional Relations\n" in md
    assert "*Figure 1. Top U.S. Trade Partners, 2021*" in md
    assert "$300 million" in md and "\\$" not in md
    furniture = md.index("## Furniture")
    assert md.index("This document was prepared by the Congressional Research Service") > furniture
    assert md.index("Trade Agreement Negotiations") < furniture

    bare = run("show", seed_2022, "--format", "markdown", "--no-furniture")
    assert bare.returncode == 0
    assert "Furniture" not in bare.stdout and "Congressional Research Service" not in bare.stdout


def test_show_seed_2018(seed_2018: Path) -> None:
    result = run("show", seed_2018)
    assert result.returncode == 0, result.stderr
    assert "Japan-U.S. Relations" in result.stdout
    doc = show_json(seed_2018)
    assert doc["title"] == "Japan-U.S. Relations"
    assert doc["source"]["format"] == "text"
    assert len(blocks_of(doc, "paragraph")) >= 3


# --- The samples -------------------------------------------------------------------------------------------


def test_samples_are_bundled() -> None:
    assert [p.name for p in SAMPLE_FILES] == [
        "IF99001-2023-03-14.md",
        "IF99001-2024-06-02.md",
        "IF99001-2025-09-30.txt",
    ]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_show_sample(path: Path) -> None:
    date = path.stem.removeprefix("IF99001-")
    result = run("show", path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert SAMPLE_TITLE in out
    assert date in out
    assert "IF99001" in out and "In Focus" in out
    assert "Ilse M. Varga — Specialist in European Affairs" in out
    assert "Security Cooperation" in out

    doc = show_json(path)
    assert doc["title"] == SAMPLE_TITLE
    assert doc["date"] == date
    assert doc["report"] == "IF99001"
    assert "\\$" not in doc["text"]
    assert "Figure 1. Veldoria at a Glance" in blocks_of(doc, "caption")
    assert not any("Congressional Research Service" in s for s in sentences_of(doc))


def test_samples_carry_the_changes() -> None:
    first, second, third = (show_json(p) for p in SAMPLE_FILES)
    assert any("About 2,100 U.S. military personnel" in s for s in sentences_of(first))
    assert any("About 2,500 U.S. military personnel" in s for s in sentences_of(second))
    assert any("$40 million in Foreign Military Financing" in s for s in sentences_of(first))
    assert any("$55 million in Foreign Military Financing" in s for s in sentences_of(second))
    assert any("third-largest trading partner" in s for s in sentences_of(second))
    assert any("second-largest trading partner" in s for s in sentences_of(third))
    assert any("Prime Minister Anton Kessary" in s for s in sentences_of(second))
    assert any("Prime Minister Mira Talvenen" in s for s in sentences_of(third))
    # Repairs: the paragraph cut mid-sentence is one sentence again; the word hyphenated at a line end is whole.
    assert any(s.endswith("patrol boats, and training for the Veldorian Coast Guard.") for s in sentences_of(second))
    assert any("strengthen the energy cooperation the two governments" in s for s in sentences_of(third))
    assert len(third["authors"]) == 2 and len(second["authors"]) == 3


def test_sample_table_as_markdown() -> None:
    result = run("show", SAMPLE_FILES[1], "-f", "markdown")
    assert result.returncode == 0, result.stderr
    md = result.stdout
    assert "| Fiscal Year | FMF | Economic Aid |\n| --- | --- | --- |\n| FY2021 | $35 million | $14 million |" in md
    assert "*Table 1. U.S. Assistance to Veldoria, FY2021-FY2023*" in md
    assert "**Authors:** Ilse M. Varga (Specialist in European Affairs); Theo Brandt-Lund" in md


def test_max_size_accepts_the_forms_the_docs_give() -> None:
    assert cli.parse_size("100MB") == 100 * 1024 * 1024
    assert cli.parse_size("2GB") == 2 * 1024**3
    assert cli.parse_size("500 kb") == 500 * 1024
    assert cli.parse_size("1.5M") == 1536 * 1024
    assert cli.parse_size("12345") == 12345
    for bad in ("lots", "", "-5", "0", "10 parsecs", "5MiBB"):
        with pytest.raises(ValueError):
            cli.parse_size(bad)


# --- Bad input ---------------------------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    assert_one_clear_line(run("show", path), r"empty\.md is empty")


def test_blank_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n\t\n")
    assert_one_clear_line(run("show", path), r"blank\.txt is empty")


@pytest.mark.parametrize("name", ["junk.md", "junk.txt", "junk"])
def test_binary_junk(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(random.Random(7).randbytes(8192))
    assert_one_clear_line(run("show", path), r"is binary data")


def test_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("A sentence about Veldoria.\n" * 200)  # 5,400 bytes
    assert_one_clear_line(run("show", path, "--max-size", "1KB"), r"big\.txt is .* over the 1 KB limit")
    assert_one_clear_line(run("show", path, env={"EDITIONS_MAX_SIZE": "2KB"}), r"over the 2 KB limit")
    assert run("show", path, "--max-size", "1MB").returncode == 0


def test_bad_max_size_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text("A sentence about Veldoria.\n")
    assert_one_clear_line(run("show", path, "--max-size", "lots"), r"'lots' is not a size", code=2)
    assert_one_clear_line(run("show", path, env={"EDITIONS_MAX_SIZE": "huge"}), r"EDITIONS_MAX_SIZE", code=2)


@pytest.mark.parametrize("output", ["terminal", "json"])
def test_a_single_line_of_a_million_characters(tmp_path: Path, output: str) -> None:
    path = tmp_path / "long.txt"
    line = ("Veldoria raised its defense budget by 4% in 2024 and said so. " * 20_000)[:1_000_000]
    path.write_text(line)
    result = run("show", path, "--format", output)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    if output == "json":
        doc = json.loads(result.stdout)
        check_contract(doc)
        assert len(doc["text"]) >= 999_000
        assert doc["sentences"]
    else:
        assert "Veldoria raised its defense budget" in result.stdout


def test_a_single_word_of_a_million_characters(tmp_path: Path) -> None:
    path = tmp_path / "word.txt"
    path.write_text("x" * 1_000_000)
    result = run("show", path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_utf8_is_a_warning_and_a_best_effort_read(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"Veldoria Notes\n\nThe caf\xe9 at Port Ilvane reopened in 2024. Trade rose to $8.1 billion.\n")
    result = run("show", path, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1
    assert warnings[0].startswith("editions: warning: ") and "UTF-8" in warnings[0]
    doc = json.loads(result.stdout)
    check_contract(doc)
    assert "The caf\u00e9 at Port Ilvane reopened in 2024." in sentences_of(doc)  # read as Windows-1252
    assert "Trade rose to $8.1 billion." in sentences_of(doc)


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "report.xyz"
    path.write_text("Some text about Veldoria.\n")
    assert_one_clear_line(run("show", path), r"unknown file type '\.xyz'")


def test_unknown_extension_read_as_a_format_the_user_names(tmp_path: Path) -> None:
    path = tmp_path / "report.xyz"
    path.write_text("Some text about Veldoria. It has two sentences.\n")
    result = run("show", path, "--input-format", "text", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert sentences_of(json.loads(result.stdout)) == ["Some text about Veldoria.", "It has two sentences."]


def test_a_directory(tmp_path: Path) -> None:
    assert_one_clear_line(run("show", tmp_path), r"is a directory")


def test_a_missing_file(tmp_path: Path) -> None:
    assert_one_clear_line(run("show", tmp_path / "nowhere.md"), r"nowhere\.md does not exist")


def test_output_to_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Veldoria raised its defense budget by 4% in 2024. " * 4_000)  # JSON over a pipe's buffer
    process = subprocess.Popen(
        [sys.executable, "-m", "editions", "show", str(path), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(100)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in stderr
    assert process.returncode in (0, 1, 120)


# --- Interrupts and bugs (in-process, so the failure can be provoked) -----------------------------------


def _main(monkeypatch: pytest.MonkeyPatch, path: Path, failure: BaseException) -> int:
    def fail(*args: object, **kwargs: object) -> None:
        raise failure

    monkeypatch.setattr(cli.editions, "read", fail)
    monkeypatch.setattr(sys, "argv", ["editions", "show", str(path)])
    monkeypatch.delenv("EDITIONS_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    code = exit_info.value.code
    assert isinstance(code, int)
    return code


def test_ctrl_c_exits_130_quietly(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert _main(monkeypatch, SAMPLE_FILES[0], KeyboardInterrupt()) == 130
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_our_errors_in_process(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert _main(monkeypatch, SAMPLE_FILES[0], InputError("that file is not an edition.")) == 1
    assert capsys.readouterr().err == "editions: that file is not an edition.\n"


def test_a_bug_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert _main(monkeypatch, SAMPLE_FILES[0], ValueError("boom")) == 70
    err = capsys.readouterr().err
    assert err.startswith("editions: internal error (ValueError: boom)") and err.count("\n") == 1
    assert "Traceback" not in err
