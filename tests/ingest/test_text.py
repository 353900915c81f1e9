"""Plain text ingest."""

from __future__ import annotations

import editions
from editions.model import BlockKind


def test_hard_wrapped_paragraphs_and_title() -> None:
    text = (
        "Veldoria and the United States\n\n"
        "Veldoria is a partner of the United States in several areas. The alliance,\n"
        "formed in 1961, is central.\n\n"
        "Trade rose in 2024.\n"
    )
    edition = editions.read(text.encode(), format="text")
    assert edition.title == "Veldoria and the United States"
    assert [edition.text_of(s) for s in edition.sentences] == [
        "Veldoria is a partner of the United States in several areas.",
        "The alliance, formed in 1961, is central.",
        "Trade rose in 2024.",
    ]


def test_bullets_are_list_items() -> None:
    text = "Heading Line\n\nThe options are these:\n- raise the cap;\n- keep it.\n"
    edition = editions.read(text.encode(), format="text")
    assert [(b.kind, edition.text_of(b)) for b in edition.blocks][1:] == [
        (BlockKind.PARAGRAPH, "The options are these:"),
        (BlockKind.LIST_ITEM, "raise the cap;"),
        (BlockKind.LIST_ITEM, "keep it."),
    ]


def test_crlf_and_bom() -> None:
    data = "\ufeffTitle Here\r\n\r\nOne sentence here. Another one.\r\n".encode()
    edition = editions.read(data, format="text")
    assert edition.title == "Title Here"
    assert [edition.text_of(s) for s in edition.sentences] == ["One sentence here.", "Another one."]
