"""Adding an uploaded edition to the library: a small upload in the server's own process, a large one in a
child process that opens the library itself.

Reading and storing an edition of many megabytes makes a great many small objects; once they are freed, the
server's allocators keep most of their pages, and while the add runs its Python code takes turns with the
readers' on the interpreter lock. A child process gives all of its memory back to the system when it exits and
has an interpreter of its own. Only small things cross between the two: the upload goes as a temporary file,
and what comes back is the result `add_edition` makes (a few short strings) or the reader's one-sentence error.
A small upload stays in the server, where it does not pay for starting a process."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

from fastapi import HTTPException, UploadFile
from fastapi.concurrency import run_in_threadpool

import editions
from editions.errors import EditionsError, InputWarning
from editions.ingest import format_size
from editions.library import Library, NotFoundError
from editions.web import memory, views

_log = logging.getLogger(__name__)

IN_CHILD_FROM = memory.RELEASE_AFTER
"""Uploads at least this large are added in a child process (a smaller one costs less than starting one)."""

_COPY_CHUNK = 1024 * 1024


def add_edition(lib: Library, data: bytes, name: str, max_upload: int) -> dict[str, Any]:
    """Adds the edition `data` holds to `lib` (`Library.add_bytes`); returns what the upload's answer shows:
    status, ref, id, report, title, date and the warnings of reading and adding it."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        added = lib.add_bytes(data, name, max_bytes=max_upload)
    e = added.edition
    return {
        "status": added.status.value,
        "ref": e.ref,
        "id": e.id,
        "report": e.report,
        "title": e.title,
        "date": views.iso(e.date),
        "warnings": [str(w.message) for w in caught if issubclass(w.category, InputWarning)],
    }


def in_child(lib: Library, file: UploadFile) -> bool:
    """Whether `file` is to be added in a child process: it is large, and the library is one another process
    can open (a file or a PostgreSQL database, not an in-memory SQLite one)."""
    size = file.size
    return size is not None and size >= IN_CHILD_FROM and lib.location not in ("", ":memory:")


def _child_add(request: dict[str, Any]) -> dict[str, Any]:
    """The child's work: opens the library at the request's location and adds the edition in the file at its
    path. Answers {"result": …} or {"error": kind, "message": the reader's sentence}."""
    try:
        data = Path(request["path"]).read_bytes()
        with Library(request["location"], create=False) as lib:
            return {"result": add_edition(lib, data, request["name"], request["max_upload"])}
    except NotFoundError as exc:
        return {"error": "not-found", "message": str(exc)}
    except EditionsError as exc:
        return {"error": "input", "message": str(exc) or type(exc).__name__}


def _run_child(location: str, path: str, name: str, max_upload: int) -> dict[str, Any]:
    # A fresh interpreter running this module (not multiprocessing's "spawn", which runs the parent's main
    # script again in the child and so breaks a server started from a script without a __main__ guard). The
    # request goes on stdin, not argv, where a PostgreSQL URL's password would be visible to other users.
    request = {"location": location, "path": path, "name": name, "max_upload": max_upload}
    done = subprocess.run(
        [sys.executable, "-m", "editions.web.upload"],
        input=json.dumps(request), capture_output=True, text=True, check=False,
    )  # fmt: skip
    answer = _answer(done.stdout) if done.returncode == 0 else None
    if answer is None:
        # Killed (by the system for its memory, or by hand), or failed without a sentence of ours: the server
        # answers at once, and the library holds what the child committed, an edition whole or nothing of it.
        how = _how_it_ended(done.returncode)
        _log.error("the process adding %s %s: %s", name, how, done.stderr[-4000:])
        raise HTTPException(
            500,
            f"{name} could not be added: the process adding it {how} before it answered; an edition is stored "
            "whole or not at all, so the upload can be sent again.",
        )
    if "result" in answer:
        return dict(answer["result"])
    if answer["error"] == "not-found":
        raise NotFoundError(answer["message"])
    raise editions.InputError(answer["message"])


def _answer(stdout: str) -> dict[str, Any] | None:
    """The child's answer: its last line of output (anything printed before is not the answer), or None."""
    lines = stdout.splitlines()
    try:
        answer = json.loads(lines[-1]) if lines else None
    except json.JSONDecodeError:
        return None
    return answer if isinstance(answer, dict) and ("result" in answer or "error" in answer) else None


def _how_it_ended(code: int) -> str:
    if code < 0:
        try:
            return f"was stopped by {signal.Signals(-code).name}"
        except ValueError:
            return f"was stopped by signal {-code}"
    return f"ended with exit code {code}" if code else "ended without an answer"


def _spool(source: UploadFile, folder: str, max_upload: int, name: str) -> str:
    """Copies the upload to a file of its own in `folder` (the child reads it there), refusing one over
    `max_upload` bytes."""
    target = Path(folder) / "upload"
    source.file.seek(0)
    with target.open("wb") as out:
        shutil.copyfileobj(source.file, out, _COPY_CHUNK)
        size = out.tell()
    if size > max_upload:
        raise editions.InputError(f"{name} is over the {format_size(max_upload)} limit.")
    return os.fspath(target)


async def add_in_child(lib: Library, file: UploadFile, name: str, max_upload: int) -> dict[str, Any]:
    """Adds the uploaded `file` to `lib` in a child process (see the module's description); waits for it in the
    request's thread pool, so the server goes on answering meanwhile. Raises the reader's error as
    `InputError` (or `NotFoundError`), with its sentence."""
    with tempfile.TemporaryDirectory(prefix="editions-upload-") as folder:
        path = await run_in_threadpool(_spool, file, folder, max_upload, name)
        return await run_in_threadpool(_run_child, lib.location, path, name, max_upload)


if __name__ == "__main__":  # the child: python -m editions.web.upload, its request as JSON on stdin
    json.dump(_child_add(json.load(sys.stdin)), sys.stdout)
