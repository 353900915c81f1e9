"""Shared fixtures. Real inputs only: the ../shared corpus (when present, as in CI) or files tests write."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__import__("os").environ.get("EDITIONS_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"the shared corpus is not at {SHARED} (set EDITIONS_SHARED to run these tests)")
    return SHARED


@pytest.fixture(scope="session")
def seed_2022(shared: Path) -> Path:
    return shared / "seeds" / "2022-07-21-us-japan-relations-in-focus.md"


@pytest.fixture(scope="session")
def seed_2018(shared: Path) -> Path:
    return shared / "seeds" / "2018-japan-us-relations-summary.txt"
