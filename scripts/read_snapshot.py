"""Snapshot of `editions.read` over every corpus file, one JSON file each, to show a refactor changes nothing.

Each output holds the edition as JSON (dataclasses as objects, enums as values, dates as ISO text) with the
warnings issued while reading, or the refusal's message. Run it before and after a change and `diff -r` the two
folders; the `editions` imported is whichever is first on the path (set PYTHONPATH to a checkout's `src`).

Usage: python scripts/read_snapshot.py OUT_DIR [--shared PATH]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import enum
import json
import warnings
from pathlib import Path
from typing import Any

import editions

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = (".pdf", ".html", ".htm", ".md", ".txt")


def plain(value: Any) -> Any:
    """A JSON-ready form of an edition and everything it holds."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    return value


def snapshot(path: Path) -> dict[str, Any]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            edition = editions.read(path)
        except editions.InputError as error:
            return {"refused": str(error), "warnings": [str(w.message) for w in caught]}
    return {"edition": plain(edition), "warnings": [str(w.message) for w in caught]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    corpus = args.shared / "corpus"
    paths = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in paths:
        name = str(path.relative_to(corpus)).replace("/", "__") + ".json"
        text = json.dumps(snapshot(path), indent=1, ensure_ascii=False, sort_keys=True)
        (args.out / name).write_text(text + "\n", encoding="utf-8")
    print(f"{len(paths)} files read from {corpus} into {args.out} with {editions.__file__}")


if __name__ == "__main__":
    main()
