"""Fixtures for the library tests: every test that takes `library_url` runs against SQLite and against a real,
throwaway PostgreSQL server started from the installed binaries (initdb + pg_ctl in a temporary folder).

Without PostgreSQL the PostgreSQL runs skip, saying how to run them; under CI=true they fail instead."""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

HOW_TO_RUN = (
    "to run them, install PostgreSQL's server binaries (Debian/Ubuntu: apt-get install -y postgresql; or set "
    "EDITIONS_PG_BIN to a folder holding initdb and pg_ctl) and psycopg (pip install -e '.[dev]')"
)


def pg_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: $EDITIONS_PG_BIN when set (and then only it), else Debian's
    /usr/lib/postgresql/N/bin (newest first), or the PATH."""
    candidates: list[Path] = []
    if os.environ.get("EDITIONS_PG_BIN"):
        candidates.append(Path(os.environ["EDITIONS_PG_BIN"]))
        return candidates[0] if all((candidates[0] / b).is_file() for b in ("initdb", "pg_ctl")) else None
    candidates += sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0
    )[::-1]
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).parent)
    for c in candidates:
        if (c / "initdb").is_file() and (c / "pg_ctl").is_file():
            return c
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PostgresServer:
    port: int
    _names: itertools.count[int]

    def url(self, database: str) -> str:
        return f"postgresql://editions@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database on the server; its URL."""
        import psycopg

        name = f"t{next(self._names)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    binaries = pg_bin()
    why = None
    if binaries is None:
        why = "PostgreSQL's initdb and pg_ctl were not found"
    else:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            why = "psycopg is not installed"
    if why is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL tests cannot run under CI=true: {why}; {HOW_TO_RUN}.", pytrace=False)
        pytest.skip(f"PostgreSQL tests skipped: {why}; {HOW_TO_RUN}.")
    assert binaries is not None
    root = Path(tempfile.mkdtemp(prefix="editions-pg-"))
    user: str | None = None
    if os.geteuid() == 0:  # initdb refuses to run as root: run the server as an unprivileged user
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            account = pwd.getpwnam("nobody")
        user = account.pw_name
        os.chown(root, account.pw_uid, account.pw_gid)
    data, log = root / "data", root / "server.log"

    def run(*args: str) -> None:
        result = subprocess.run(args, cwd=root, user=user, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed ({result.returncode}): {result.stderr}{result.stdout}\n{tail}")

    port = _free_port()
    run(str(binaries / "initdb"), "-D", str(data), "-U", "editions", "--auth=trust", "-E", "UTF8", "--no-locale")
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50"
    run(str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start")
    try:
        yield PostgresServer(port, itertools.count(1))
    finally:
        subprocess.run(
            [str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            cwd=root,
            user=user,
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgres"])
def library_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a new, empty library goes: a SQLite file or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "editions.db")
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database()


# --- Editions written for the tests ---------------------------------------------------------------------------


def edition_text(
    report: str | None,
    title: str,
    date: str,
    paragraphs: list[str],
    *,
    section: str = "Overview",
) -> str:
    """A plain-text edition in the form the text reader understands: an "Updated …" line with the report
    number, the title, one section, paragraphs."""
    head = f"Updated {date}" + (f" ({report})" if report else "")
    body = "\n\n".join(textwrap.fill(p, 100) for p in paragraphs)
    return f"{head}\n\n{title}\n\n{section}\n\n{body}\n"


def write_edition(folder: Path, name: str, *args: object, **kwargs: object) -> Path:
    path = folder / name
    path.write_text(edition_text(*args, **kwargs), encoding="utf-8")  # type: ignore[arg-type]
    return path


def many_editions(folder: Path, count: int, *, start: int = 0, sentences: int = 40) -> list[Path]:
    """`count` editions of distinct reports (IF8nnnn), each with `sentences` sentences."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        paragraphs = [
            " ".join(
                f"In fiscal year {2000 + (n + i) % 25}, program {n}-{p}-{i} received about ${(n * 7 + i) % 900 + 10} "
                f"million for {['ports', 'bridges', 'schools', 'clinics', 'radars'][i % 5]} in district {i}."
                for i in range(10)
            )
            for p in range(max(1, sentences // 10))
        ]
        paths.append(
            write_edition(
                folder, f"IF8{n:04d}.txt", f"IF8{n:04d}", f"Program {n}: Funding", "March 3, 2024", paragraphs
            )
        )
    return paths


class Writers:
    """The helpers above, as a fixture (test modules cannot import conftest under --import-mode=importlib)."""

    edition_text = staticmethod(edition_text)
    write_edition = staticmethod(write_edition)
    many_editions = staticmethod(many_editions)


@pytest.fixture(scope="session")
def writers() -> type[Writers]:
    return Writers


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: reads the whole shared corpus (a minute or so); runs in `make test`, skip with -m 'not slow'"
    )
