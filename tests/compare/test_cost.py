"""A comparison of editions without headings costs in proportion to their sentences: naming the section of
every changed sentence ("Text", "Introduction") must not read every block again each time. Cost is counted as
lines run in the brief and the comparison renderer (see step_counter), never timed."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from step_counter import lines_run

from editions.compare import brief as brief_module
from editions.compare import compare
from editions.model import Edition
from editions.render import comparison as render_comparison

ReadFn = Callable[[str, str], Edition]
_WORDS = ["agency", "budget", "committee", "court", "defense", "energy"]
_WORDS += ["federal", "health", "market", "program", "security", "trade"]


def _paragraphs(n: int, edited: bool) -> str:
    out = []
    for i in range(n):
        a, b = _WORDS[i % len(_WORDS)], _WORDS[(i * 5 + 3) % len(_WORDS)]
        first = f"The {a} office of region {i} filed its {b} report on time."
        if edited and i % 4 == 0:
            first = f"The {a} office of region {i} was closed after auditors found its {b} accounts short."
        staff = 100 + i + (7 if edited and i % 4 == 2 else 0)
        out.append(f"{first} Its staff of {staff} people reviewed the {b} rules in region {i}.")
    return "\n\n".join(out) + "\n"


def _steps(edition_of: ReadFn, n: int) -> int:
    old = edition_of(_paragraphs(n, False), f"old{n}.txt")
    new = edition_of(_paragraphs(n, True), f"new{n}.txt")
    # The comparison renderer is a package: every module of it counts.
    files = {brief_module.__file__, *(str(f) for f in Path(render_comparison.__file__).parent.glob("*.py"))}

    def work() -> None:
        comparison = compare(old, new)
        assert any(item.text.startswith("Text") for item in comparison.brief)
        console = Console(width=120, record=True, color_system=None)
        with console.capture():
            console.print(render_comparison.render_terminal(comparison, plain=True))

    return lines_run(files, work)


def test_brief_and_rendering_of_a_headingless_text_grow_linearly(edition_of: ReadFn) -> None:
    small, large = _steps(edition_of, 80), _steps(edition_of, 160)
    assert large < 2.4 * small, (small, large)


def test_comparison_json_written_element_by_element_is_the_same_document(edition_of: ReadFn) -> None:
    old = edition_of("# Costs\n\nCosts rose 12% to $4.5 billion in 2021. Staff “grew”.\n", "old.md")
    new = edition_of("# Costs\n\nCosts rose 15% to $4.9 billion in 2022. Staff “grew”.\n\nA new line.\n", "new.md")
    comparison = compare(old, new)
    assert comparison.fact_changes and comparison.brief
    for indent in (2, 3):
        whole = json.dumps(render_comparison.comparison_to_dict(comparison), ensure_ascii=False, indent=indent)
        assert render_comparison.render_json(comparison, indent=indent) == whole + "\n"
        out = io.StringIO()
        render_comparison.write_json(comparison, out, indent=indent)
        assert out.getvalue() == whole + "\n"
