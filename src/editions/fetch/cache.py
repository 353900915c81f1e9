"""Downloaded files kept on disk, so that a re-run asks only "has it changed?" (ETag, Last-Modified).

Each URL has two files named by the SHA-256 of the URL: `<key>.data` (the bytes) and `<key>.json` (URL, ETag,
Last-Modified, SHA-256 of the bytes, when retrieved). Both are written to `tmp/` and renamed into place, data
first, so a reader (or a run after kill -9) sees a whole entry or none: an entry whose data does not hash to its
record is not one. `tmp/` is emptied when a cache is opened.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

CACHE_ENV = "EDITIONS_CACHE"


def default_cache_dir() -> Path:
    """`$EDITIONS_CACHE`, else `$XDG_CACHE_HOME/editions/files`, else `~/.cache/editions/files`."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "editions" / "files"


@dataclass(frozen=True, slots=True)
class Entry:
    url: str
    sha256: str
    retrieved_at: str
    """ISO 8601, UTC."""
    etag: str | None = None
    last_modified: str | None = None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class FileCache:
    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self._tmp = self.folder / "tmp"
        self._tmp.mkdir(parents=True, exist_ok=True)
        for leftover in self._tmp.iterdir():  # a run killed while writing
            leftover.unlink(missing_ok=True)

    def _key(self, url: str) -> str:
        return hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]

    def get(self, url: str) -> tuple[Entry, bytes] | None:
        """The entry for `url` and its bytes, if whole."""
        key = self._key(url)
        try:
            record = json.loads((self.folder / f"{key}.json").read_text("utf-8"))
            entry = Entry(**record)
            data = (self.folder / f"{key}.data").read_bytes()
        except (OSError, ValueError, TypeError):
            return None
        if entry.url != url or sha256_of(data) != entry.sha256:
            return None
        return entry, data

    def is_missing(self, url: str) -> bool:
        """Whether the server said it has no such file (a gap in a report's version numbers)."""
        return (self.folder / f"{self._key(url)}.missing").exists()

    def mark_missing(self, url: str) -> None:
        self._write(self.folder / f"{self._key(url)}.missing", url.encode("utf-8"))

    def put(self, url: str, data: bytes, *, etag: str | None, last_modified: str | None) -> Entry:
        key = self._key(url)
        entry = Entry(
            url=url,
            sha256=sha256_of(data),
            retrieved_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            etag=etag,
            last_modified=last_modified,
        )
        self._write(self.folder / f"{key}.data", data)
        self._write(self.folder / f"{key}.json", json.dumps(asdict(entry)).encode("utf-8"))
        return entry

    def _write(self, path: Path, data: bytes) -> None:
        fd, name = tempfile.mkstemp(dir=self._tmp, prefix=path.name + ".")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            # No fsync: a rename survives a killed process whole, and after a power loss an entry whose data
            # does not hash to its record is no entry (`get`), so the cost of syncing every file buys nothing.
            os.replace(name, path)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
