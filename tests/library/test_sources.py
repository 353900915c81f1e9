"""One edition, many sources: which files are one edition, which reading is shown, references people can read,
removing, skipping what is not an edition, and upgrading a library written by schema 4."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any

import pytest

import editions
from editions.errors import InputWarning
from editions.library import AddStatus, Library, NotFoundError, Skipped, scan_paths
from editions.library.schema import LATEST

TOPICS = ["harbors", "bridges", "schools", "clinics", "radars", "canals", "depots", "levees"]


def sentences(seed: int, count: int = 20) -> list[str]:
    """`count` distinct invented sentences; `seed` changes their figures, not their wording."""
    return [
        f"The {TOPICS[i % len(TOPICS)]} program of district {i} received ${seed * 10 + i} million in fiscal year "
        f"{2010 + i}."
        for i in range(count)
    ]


def markdown(report: str, version: int, date: str, body: list[str], title: str = "Harbor Funding") -> str:
    """A saved CRS page: front matter with number, version and date, then one section."""
    head = f"# {title}\n**Report No.:** {report}\n**Version:** {version}\n**Publication Date:** {date}\n\n---\n\n"
    return head + "## Overview\n\n" + "\n\n".join(" ".join(body[i : i + 4]) for i in range(0, len(body), 4)) + "\n"


def text(report: str, date_words: str, body: list[str], title: str = "Harbor Funding") -> str:
    """The same edition as plain text: an "Updated …" line with the number, no version."""
    paragraphs = "\n\n".join(" ".join(body[i : i + 4]) for i in range(0, len(body), 4))
    return f"Updated {date_words} ({report})\n\n{title}\n\nOverview\n\n{paragraphs}\n"


def write(folder: Path, name: str, content: str) -> Path:
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def library(library_url: str) -> Any:
    with Library(library_url) as lib:
        yield lib


def twin_files(folder: Path) -> tuple[Path, Path]:
    """One edition as Markdown and as text; the text reader's copy differs in one sentence (a reader's slip)."""
    body = sentences(1)
    slipped = [*body[:5], body[5].replace("program", "pro- gram"), *body[6:]]
    return (
        write(folder, "IF99123v3.md", markdown("IF99123", 3, "2025-03-04", body)),
        write(folder, "IF99123.txt", text("IF99123", "March 4, 2025", slipped)),
    )


def test_twins_are_one_edition_with_two_sources_shown_from_the_better_format(library: Library, tmp_path: Path) -> None:
    md, txt = twin_files(tmp_path)
    first = library.add(txt)
    second = library.add(md)
    assert first.status is AddStatus.ADDED and second.status is AddStatus.NEW_SOURCE
    (edition,) = library.editions("IF99123")
    assert [s.format for s in edition.sources] == ["markdown", "text"]  # the one shown first
    assert edition.version == 3 and edition.ref == "IF99123@2025-03-04"
    shown = library.get("IF99123@v3")
    assert shown.source.format == "markdown" and "pro- gram" not in shown.text
    assert "pro- gram" in library.get("IF99123", source="text").text
    with pytest.raises(NotFoundError, match="no pdf source"):
        library.get("IF99123", source="pdf")
    # search answers from the reading shown, once per edition
    hits = library.search("district 5 program")
    assert [len(h.citations) for g in hits.groups for h in g.hits] == [1]
    assert library.add(txt).status is AddStatus.EXISTS


def test_same_edition_by_metadata_but_other_text_is_kept_apart_with_a_warning(library: Library, tmp_path: Path) -> None:
    md = write(tmp_path, "a.md", markdown("IF99124", 2, "2025-05-06", sentences(1)))
    other = [f"An unrelated statement number {i} about lighthouses and {TOPICS[i % 8]}." for i in range(20)]
    txt = write(tmp_path, "b.txt", text("IF99124", "May 6, 2025", other))
    library.add(md)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        library.add(txt)
    assert len(library.editions("IF99124")) == 2
    (message,) = [str(w.message) for w in caught if issubclass(w.category, InputWarning)]
    assert "b.txt" in message and "IF99124@" in message and "a.md" in message and "agree" in message


def test_versions_stay_apart_even_when_their_text_agrees(library: Library, tmp_path: Path) -> None:
    body = sentences(1)
    library.add(write(tmp_path, "v1.md", markdown("IF99125", 1, "2025-05-06", body)))
    library.add(write(tmp_path, "v2.md", markdown("IF99125", 2, "2025-05-06", [*body[:-1], "One sentence more."])))
    library.add(write(tmp_path, "v3.md", markdown("IF99125", 3, "2025-05-09", body)))
    refs = [e.ref for e in library.editions("IF99125")]
    assert refs == ["IF99125@v1", "IF99125@v2", "IF99125@2025-05-09"]  # same-day re-issues named by version
    assert library.info("IF99125~1").ref == "IF99125@v2"  # ~N counts editions, not sources


def test_comparison_reads_both_editions_from_a_format_they_share(library: Library, tmp_path: Path) -> None:
    md, txt = twin_files(tmp_path)
    library.add(md)
    library.add(txt)
    later = sentences(2)
    library.add(write(tmp_path, "later.txt", text("IF99123", "June 1, 2025", later)))
    comparison = library.compare("IF99123~1", "IF99123")
    assert comparison.old.source.format == comparison.new.source.format == "text"
    assert library.compare("IF99123~1", "IF99123", source="text").old.text == comparison.old.text
    # the "% changed" of the pair is counted from the same readings, not from the Markdown shown against text
    from editions.library import _compare

    assert library.editions("IF99123", compare=True)[-1].changed == _compare.changed_share(comparison.stats)


def test_as_of_a_date_is_the_edition_in_force_then(library: Library, tmp_path: Path) -> None:
    library.add(write(tmp_path, "a.md", markdown("IF99126", 1, "2024-01-05", sentences(1))))
    library.add(write(tmp_path, "b.md", markdown("IF99126", 2, "2024-06-01", sentences(2))))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        assert library.get("IF99126@2024-03-01").version == 1
        assert library.get("IF99126@2025-01-01").version == 2
    assert any("IF99126@2024-01-05 is the edition in force" in str(w.message) for w in caught)
    with pytest.raises(NotFoundError, match="no edition dated 2023-01-01 or earlier"):
        library.get("IF99126@2023-01-01")


def _counts(library: Library) -> dict[str, int]:
    db = library._db
    tables = ("editions", "sources", "sentences", "passages", "facts", "reports", "summaries", "sentence_overlaps")
    counts = {t: int(db.query(f"SELECT count(*) FROM {t}")[0][0]) for t in tables}
    if db.dialect == "sqlite":
        counts["index"] = int(db.query("SELECT count(*) FROM passages_fts_docsize")[0][0])
    return counts


def _check_integrity(library: Library) -> None:
    db = library._db
    if db.dialect == "sqlite":
        assert db.query("PRAGMA integrity_check")[0][0] == "ok"
        db.write(lambda d: d.execute("INSERT INTO passages_fts (passages_fts) VALUES ('integrity-check')"))
    orphans = db.query(
        "SELECT count(*) FROM sentences s LEFT JOIN passages p ON p.pk = s.passage_pk WHERE p.pk IS NULL"
    )
    assert orphans[0][0] == 0
    for table in ("sentences", "facts", "sources"):
        dangling = db.query(
            f"SELECT count(*) FROM {table} t LEFT JOIN editions e ON e.pk = t.edition_pk WHERE e.pk IS NULL"
        )
        assert dangling[0][0] == 0, table
    unused = db.query(
        "SELECT count(*) FROM passages p WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.passage_pk = p.pk)"
    )
    assert unused[0][0] == 0


def test_remove_an_edition_leaves_the_library_consistent(library: Library, tmp_path: Path) -> None:
    md, txt = twin_files(tmp_path)
    library.add(md)
    library.add(txt)
    only_later = [*sentences(1)[:10], "Lighthouse keepers were given a new uniform allowance of $4 million."]
    library.add(write(tmp_path, "later.md", markdown("IF99123", 4, "2025-07-01", only_later)))
    library.add(write(tmp_path, "other.md", markdown("IF99127", 1, "2025-07-01", sentences(9))))
    library.prepare()
    before = _counts(library)
    assert library.search("lighthouse uniform").groups
    removed = library.remove("IF99123@v4")
    assert removed.edition and removed.ref == "IF99123@2025-07-01"
    after = _counts(library)
    assert after["editions"] == before["editions"] - 1 and after["sources"] == before["sources"] - 1
    assert after["sentences"] == before["sentences"] - 11
    assert after["passages"] == before["passages"] - 1  # only the sentence no other edition prints
    assert after["facts"] < before["facts"] and after["summaries"] == before["summaries"] - 1
    if "index" in after:
        assert after["index"] == before["index"] - 1
    assert not library.search("lighthouse uniform").groups
    assert [e.ref for e in library.editions("IF99123")] == ["IF99123@2025-03-04"]
    _check_integrity(library)
    library.remove("IF99127")
    assert [r.report for r in library.reports()] == ["IF99123"]
    _check_integrity(library)


def test_remove_one_source_shows_the_next_best(library: Library, tmp_path: Path) -> None:
    md, txt = twin_files(tmp_path)
    library.add(md)
    library.add(txt)
    removed = library.remove("IF99123", source="markdown")
    assert not removed.edition and [s.format for s in removed.sources] == ["markdown"]
    (edition,) = library.editions("IF99123")
    assert [s.format for s in edition.sources] == ["text"]
    assert "pro- gram" in library.get("IF99123").text
    assert library.search("pro gram").groups  # the index follows the reading shown
    _check_integrity(library)
    with pytest.raises(NotFoundError, match="no source 'pdf'"):
        library.remove("IF99123", source="pdf")
    library.remove("IF99123", source="IF99123.txt")  # the last source: the edition goes
    assert library.reports() == []
    _check_integrity(library)


def test_a_folder_skips_files_that_are_not_editions(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    md, _ = twin_files(folder)
    for name in ("README.md", "SOURCE_README.md", "LICENSE.txt", "listing.csv", "MANIFEST.tsv"):
        write(folder, name, "# A folder of reports\n\nWhat this folder holds.\n")
    kept = write(folder, "changes-to-harbor-funding-in-the-new-budget.md", markdown("IF99128", 1, "2025-01-02", []))
    found = scan_paths([folder, folder / "README.md"])
    skipped = {p.path.name: p.reason for p in found if isinstance(p, Skipped)}
    assert set(skipped) == {"README.md", "SOURCE_README.md", "LICENSE.txt", "listing.csv", "MANIFEST.tsv"}
    assert "README" in skipped["SOURCE_README.md"] and ".csv" in skipped["listing.csv"]
    read = [p for p in found if isinstance(p, Path)]
    assert kept in read and md in read and read[-1] == folder / "README.md"  # a file named outright is read


def _library_of_schema_4(location: str, folder: Path) -> None:
    """What the release before schema 5 wrote for a folder of twins: one edition per distinct text (its code
    path is kept for this: `Library(_schema=4)` stores what schema 4 stored)."""
    md, txt = twin_files(folder)
    with Library(location, _schema=4) as old:
        old.add(md)
        old.add(txt)
        old.add(write(folder, "later.txt", text("IF99123", "June 1, 2025", sentences(2))))
        old.prepare()
        assert len(old.editions("IF99123")) == 3 and old.schema_version() == 4


def test_a_schema_4_library_is_upgraded_in_place(library_url: str, tmp_path: Path) -> None:
    _library_of_schema_4(library_url, tmp_path)
    with Library(library_url) as lib:
        assert lib.schema_version() == LATEST
        editions = lib.editions("IF99123")
        assert [e.ref for e in editions] == ["IF99123@2025-03-04", "IF99123@2025-06-01"]
        assert [s.format for s in editions[0].sources] == ["markdown", "text"] and editions[0].version == 3
        assert "pro- gram" in lib.get("IF99123~1", source="text").text  # nothing lost
        assert lib.get("IF99123~1").source.format == "markdown"
        hits = [h for g in lib.search("district 5 program").groups for h in g.hits]
        assert [len(h.citations) for h in hits] == [1, 1] and not any("pro- gram" in h.text for h in hits)
        summary = lib.summary("IF99123")  # rebuilt from the two real editions, read from the text both have
        assert summary.brief and any(re.search(r"\$2\d million", item.text) for item in summary.brief)
        _check_integrity(lib)
    with Library(library_url) as again:  # the merge ran once
        assert len(again.editions("IF99123")) == 2


def test_cli_show_source_remove_and_diff_as_of(tmp_path: Path) -> None:
    from cli_runner import run_editions

    md, txt = twin_files(tmp_path)
    later = write(tmp_path, "later.txt", text("IF99123", "June 1, 2025", sentences(2)))
    db = str(tmp_path / "cli.db")
    added = run_editions("add", md, txt, later, "-L", db)
    assert added.returncode == 0, added.stderr
    assert not re.search(r"@[0-9a-f]{12}", added.stdout)
    shown = run_editions("show", "IF99123@v3", "--source", "text", "--format", "markdown", "-L", db)
    assert shown.returncode == 0 and "pro- gram" in shown.stdout
    assert "pro- gram" not in run_editions("show", "IF99123@v3", "--format", "markdown", "-L", db).stdout
    diff = run_editions("diff", "IF99123@2025-04-01", "IF99123", "--format", "json", "-L", db)
    assert diff.returncode == 0, diff.stderr
    assert "IF99123@2025-03-04 is the edition in force on that date" in diff.stderr
    with Library(db) as lib:  # both sides read from the format they share: text
        text_reading = lib.get("IF99123@v3", source="text").id
    assert json.loads(diff.stdout)["old"]["id"] == text_reading
    removed = run_editions("remove", "IF99123@v3", "--source", "markdown", "-L", db)
    assert removed.returncode == 0 and "keeps its other sources" in removed.stdout
    listed = run_editions("list", "IF99123", "-L", db, "--format", "json")
    assert [[s["format"] for s in e["sources"]] for e in json.loads(listed.stdout)] == [
        ["text"],
        ["text"],
    ]
    gone = run_editions("remove", "IF99123~1", "-L", db)
    assert gone.returncode == 0 and gone.stdout.startswith("removed     IF99123@2025-03-04")
    assert run_editions("remove", "IF99123@v9", "-L", db).returncode == 1


# --- Provenance: the address a source states ------------------------------------------------------------------------


def _with_address(page: str, url: str) -> str:
    """A saved page whose front matter states the address it was saved from."""
    return page.replace("\n\n---\n", f"\n**Source:** {url}\n\n---\n", 1)


def test_each_source_keeps_the_address_it_states(library: Library, tmp_path: Path) -> None:
    md, txt = twin_files(tmp_path)
    md.write_text(_with_address(md.read_text(encoding="utf-8"), "https://example.org/IF99123?v=3"), encoding="utf-8")
    library.add(txt)
    library.add(md)  # shown instead of the text: its format comes first
    sources = library.sources("IF99123@v3")
    assert [(s.format, s.url) for s in sources] == [("markdown", "https://example.org/IF99123?v=3"), ("text", None)]
    assert library.get("IF99123@v3").source.url == "https://example.org/IF99123?v=3"
    assert library.get("IF99123@v3", source="text").source.url is None
    assert library.get("IF99123@v3") == editions.read(md)  # the stored edition is the one read, address and all
    assert library.info("IF99123@v3").sources == sources


def test_a_schema_5_library_gains_addresses_and_keeps_its_sources(library_url: str, tmp_path: Path) -> None:
    md, txt = twin_files(tmp_path)
    md.write_text(_with_address(md.read_text(encoding="utf-8"), "https://example.org/IF99123"), encoding="utf-8")
    with Library(library_url, _schema=5) as old:  # what schema 5 stored: no address
        old.add(md)
        assert old.schema_version() == 5 and old.get("IF99123").source.url is None
    with Library(library_url) as lib:
        assert lib.schema_version() == LATEST
        assert [(s.format, s.name, s.url) for s in lib.sources("IF99123")] == [("markdown", str(md), None)]
        lib.add(txt)
        later = write(
            tmp_path,
            "v4.md",
            _with_address(markdown("IF99123", 4, "2025-05-06", sentences(3)), "https://example.org/v4"),
        )
        lib.add(later)
        assert [s.url for s in lib.sources("IF99123@v3")] == [None, None]
        assert lib.get("IF99123@v4").source.url == "https://example.org/v4"
        _check_integrity(lib)
