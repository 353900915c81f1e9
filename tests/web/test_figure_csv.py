"""Figure changes as CSV: `editions diff --format csv` and `/api/compare/{old}/{new}.csv`, one row per figure
change, the same rows as the comparison's JSON `fact_changes`."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from cli_runner import run_editions

from editions.render.comparison import FIGURE_CSV_COLUMNS

from .conftest import SAMPLES

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

OLD, NEW = "IF99001@2023-03-14", "IF99001@2024-06-02"


def rows(text: str) -> list[dict[str, str]]:
    table = list(csv.DictReader(io.StringIO(text)))
    assert table and tuple(table[0]) == FIGURE_CSV_COLUMNS
    return table


def test_api_compare_csv_has_a_row_per_figure_change(client: TestClient) -> None:
    answer = client.get(f"/api/compare/{OLD}/{NEW}.csv")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    table = rows(answer.text)
    changes = client.get(f"/api/compare/{OLD}/{NEW}").json()["fact_changes"]
    assert [r["kind"] for r in table] == [c["kind"] for c in changes]
    assert [r["measure"] for r in table] == [c["measure"] for c in changes]
    troops = next(r for r in table if r["old_figure"] == "About 2,100")
    assert (troops["new_figure"], troops["old_value"], troops["new_value"]) == ("About 2,500", "2100", "2500")
    assert troops["section"] == "Security Cooperation" and troops["in_brief"] == "yes"
    assert troops["old_text"].startswith("About 2,100 U.S. military personnel are stationed in Veldoria")
    assert troops["old_sentence"] == "7" and troops["new_sentence"] == "8"
    money = next(r for r in table if r["old_figure"] == "$40 million")
    assert (money["new_figure"], money["unit"], money["new_value"]) == ("$55 million", "USD", "55000000")
    missing = client.get(f"/api/compare/{OLD}/NOSUCH.csv")
    assert missing.status_code == 404


def test_diff_format_csv_writes_the_same_rows() -> None:
    old, new = SAMPLES / "IF99001-2023-03-14.md", SAMPLES / "IF99001-2024-06-02.md"
    shown = run_editions("diff", old, new, "--format", "csv")
    assert shown.returncode == 0, shown.stderr
    table = rows(shown.stdout)
    assert any(r["old_figure"] == "About 2,100" and r["new_figure"] == "About 2,500" for r in table)
    assert {r["kind"] for r in table} <= {"changed", "added", "removed"}
    assert all(r["old_text"] or r["kind"] == "added" for r in table)
