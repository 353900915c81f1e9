"""Issue 18 item 3 on PostgreSQL: a large upload's child process opens the server's library by its URL, adds
the edition there, and the server's pages show it at once. (Here because the PostgreSQL fixture is the library
tests'; the SQLite cases are in tests/web/test_upload_in_child.py.)"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from editions import Library
from editions.web import create_app
from editions.web.upload import IN_CHILD_FROM

from .conftest import PostgresServer

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TOKEN = "a-postgres-test-token"


def large_edition(size: int) -> bytes:
    parts = ["# A Large Generated Report\n\nUpdated May 1, 2026 (IF99001)\n"]
    total, n = 0, 0
    while total < size:
        chunk = (
            f"\n## Part {n}\n\n"
            + " ".join(
                f"The board approved {n * 13 + k:,} grants in area {k} of zone {n} in {1995 + k % 25}."
                for k in range(12)
            )
            + "\n"
        )
        parts.append(chunk)
        total, n = total + len(chunk), n + 1
    return "".join(parts).encode()


def test_a_large_upload_to_a_postgres_library_is_added_in_a_child(postgres_server: PostgresServer) -> None:
    url = postgres_server.new_database()
    with Library(url) as lib:
        lib.add_files([SAMPLES / "IF99001-2023-03-14.md", SAMPLES / "IF99001-2024-06-02.md"])
        with TestClient(create_app(lib, token=TOKEN), base_url="http://localhost") as client:
            assert "2026-05-01" not in client.get("/reports/IF99001").text
            answer = client.post(
                "/api/editions",
                files={"file": ("large.md", large_edition(IN_CHILD_FROM + 100 * 1024))},
                headers={"Authorization": f"Bearer {TOKEN}"},
            )
            assert answer.status_code == 201, answer.text
            page = client.get("/reports/IF99001").text
        assert answer.json()["date"] == "2026-05-01"
        assert answer.json()["ref"] in page
        assert [e.date.isoformat() for e in lib.editions("IF99001") if e.date][-1] == "2026-05-01"
