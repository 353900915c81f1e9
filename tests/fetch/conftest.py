"""Fixtures for the fetch tests: a fake Congress.gov (API, file host, EveryCRSReport mirror) per test, a fake
clock, and reports made of the tests' own sentences."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # fake_congress, for the test modules
from fake_congress import FakeClock, FakeCongress, running


@pytest.fixture
def fake() -> Iterator[FakeCongress]:
    with running() as server:
        yield server


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
