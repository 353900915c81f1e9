"""`editions facts FILE`, run for real in a subprocess on the 2022 seed: terminal, JSON and CSV agree, the
JSON follows DESIGN.md's Fact shape, `--kind` filters, and bad input gives one clear line."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cli_runner import run_editions

SEED_2022 = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "2022-07-21-us-japan-relations-in-focus.md"
FACT_KEYS = {"kind", "start", "end", "sentence", "value", "unit", "approximate", "measure"}
CSV_HEADER = ["sentence", "section", "kind", "text", "value", "unit", "approximate", "measure", "start", "end"]

pytestmark = pytest.mark.skipif(not SEED_2022.is_file(), reason=f"seed not found: {SEED_2022}")


def run(*args: object) -> subprocess.CompletedProcess[str]:
    """`editions facts ARGS`."""
    return run_editions("facts", *args)


def facts_json(*args: object) -> dict[str, Any]:
    result = run(SEED_2022, "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def test_json_follows_the_fact_contract() -> None:
    doc = facts_json()
    assert doc["schema"] == 1
    assert doc["edition"]["title"] == "U.S.-Japan Relations"
    assert doc["edition"]["date"] == "2022-07-21"
    assert len(doc["facts"]) == 66  # every figure of the seed (tests/facts/test_seeds.py lists them)
    for fact in doc["facts"]:
        assert set(fact) == FACT_KEYS
        assert 0 <= fact["start"] < fact["end"]
        assert isinstance(fact["approximate"], bool)
        assert isinstance(fact["measure"], str)
    money = [(f["value"], f["unit"]) for f in doc["facts"] if f["kind"] == "money"]
    assert (300_000_000, "USD") in money and (112_200_000_000, "USD") in money
    troops = next(f for f in doc["facts"] if f["kind"] == "count" and f["value"] == 54000)
    assert troops["approximate"] is True and "troop" in troops["measure"]
    # each kind's value as the contract states it: numbers with the scale applied, ranks as integers, dates
    # and years as ISO text at their own precision, ranges as "start/end", office holders as a name
    for fact in doc["facts"]:
        kind, value = fact["kind"], fact["value"]
        if kind in ("count", "money", "percent", "fraction", "duration"):
            assert isinstance(value, int | float) and not isinstance(value, bool), fact
        elif kind in ("rank", "ordinal"):
            assert isinstance(value, int) and value >= 1, fact
        elif kind in ("date", "year"):
            assert isinstance(value, str) and re.fullmatch(r"\d{3,4}(?:-\d{2}(?:-\d{2})?)?", value), fact
        elif kind == "range":
            assert isinstance(value, str) and re.fullmatch(r"[\d.]+/[\d.]+", value), fact
        else:
            assert kind == "office_holder" and isinstance(value, str) and value[0].isupper(), fact
    kinds = {f["kind"] for f in doc["facts"]}
    assert kinds == {"count", "money", "percent", "fraction", "rank", "date", "year", "duration", "range",
                     "office_holder"}  # fmt: skip
    assert ("date", "2022-07-08") in {(f["kind"], f["value"]) for f in doc["facts"]}
    assert ("office_holder", "Kishida Fumio") in {(f["kind"], f["value"]) for f in doc["facts"]}


def test_kind_filter_repeated_or_comma_separated() -> None:
    everything = facts_json()["facts"]
    wanted = {"money", "rank", "percent"}
    expected = [f for f in everything if f["kind"] in wanted]
    assert expected
    assert facts_json("--kind", "money", "-k", "rank,percent")["facts"] == expected
    assert {f["kind"] for f in facts_json("-k", "office_holder")["facts"]} == {"office_holder"}


def test_csv_agrees_with_json() -> None:
    result = run(SEED_2022, "--format", "csv", "--kind", "money,rank")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == CSV_HEADER
    expected = facts_json("--kind", "money,rank")["facts"]
    assert len(rows) - 1 == len(expected)
    text = SEED_2022.read_text(encoding="utf-8")
    for row, fact in zip(rows[1:], expected, strict=True):
        record = dict(zip(CSV_HEADER, row, strict=True))
        assert int(record["sentence"]) == fact["sentence"]
        assert record["kind"] == fact["kind"]
        assert float(record["value"]) == fact["value"]
        assert record["approximate"] == str(fact["approximate"]).lower()
        assert record["measure"] == fact["measure"]
        assert (int(record["start"]), int(record["end"])) == (fact["start"], fact["end"])
        assert record["section"]  # every figure of the seed sits under a heading
        assert record["text"].replace("\\$", "$") in text.replace("\\$", "$")


def test_terminal_table() -> None:
    result = run(SEED_2022)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert "\x1b[" not in out  # not a TTY: plain text
    header = out.splitlines()[0].split()
    assert header == ["#", "Section", "Kind", "Text", "Value", "Unit", "~", "Measure"]
    flat = " ".join(out.split())
    assert "fourth-largest" in flat
    assert "$300 million 300,000,000 USD" in flat
    assert "around 54,000 54,000 ~" in flat
    assert "Overview" in flat


def test_no_fact_of_a_kind(tmp_path: Path) -> None:
    plain = tmp_path / "plain.md"
    plain.write_text("# Title\n\nNo figures are stated here at all.\n", encoding="utf-8")
    result = run(plain, "--kind", "money")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("No facts of that kind in")


def test_unknown_kind_is_a_usage_error() -> None:
    result = run(SEED_2022, "--kind", "money,troops")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("editions: unknown fact kind 'troops'")
    assert "office_holder" in lines[0]


def test_missing_file_is_one_line(tmp_path: Path) -> None:
    result = run(tmp_path / "missing.md")
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("editions: ")
    assert "Traceback" not in result.stderr
