"""Helpers for comparison tests: editions are built by `editions.read` from files the tests write."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import editions
from editions.model import Comparison, Edition, Link


@pytest.fixture
def edition_of(tmp_path: Path) -> Callable[[str, str], Edition]:
    """An Edition read from Markdown text written to a file named `name`."""

    def make(text: str, name: str = "edition.md") -> Edition:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return editions.read(path)

    return make


def assert_partition(comparison: Comparison) -> None:
    """Every sentence of both editions is in exactly one link, and link kinds agree with their sides."""
    assert_links_partition(comparison.links, len(comparison.old.sentences), len(comparison.new.sentences))


def assert_links_partition(links: tuple[Link, ...] | list[Link], n_old: int, n_new: int) -> None:
    olds = [i for link in links for i in link.old]
    news = [j for link in links for j in link.new]
    assert sorted(olds) == list(range(n_old))
    assert sorted(news) == list(range(n_new))
    for link in links:
        if link.kind == "added":
            assert not link.old and len(link.new) == 1
        elif link.kind == "deleted":
            assert len(link.old) == 1 and not link.new
        elif link.kind == "split":
            assert len(link.old) == 1 and len(link.new) >= 2
        elif link.kind == "merged":
            assert len(link.old) >= 2 and len(link.new) == 1
        else:
            assert len(link.old) == 1 and len(link.new) == 1
