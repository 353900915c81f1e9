"""The edition renderers cost time in proportion to the edition, never to headings × sentences.

Cost is counted, not timed: a trace hook counts the lines of the renderer's own module that run (the loop
bodies included), for an edition and for one twice its size. A linear renderer runs about twice the lines; one
that counts every sentence again for every heading runs about four times as many.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console
from step_counter import lines_run

import editions
from editions.model import Edition
from editions.render import json as render_json
from editions.render import terminal as render_terminal


def _sections_edition(tmp_path: Path, sections: int) -> Edition:
    lines = ["# A report in many sections", ""]
    for i in range(sections):
        lines += [f"## Part {i}", "", f"Part {i} holds one sentence. It holds a second one too.", ""]
    path = tmp_path / f"sections-{sections}.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return editions.read(path)


def _printed(renderable: object) -> str:
    console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system="256")
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_section_tree_cost_grows_linearly(tmp_path: Path) -> None:
    small = _sections_edition(tmp_path, 150)
    large = _sections_edition(tmp_path, 300)
    module = render_terminal.__file__
    # Built and printed: the tree draws its own lines.
    small_steps = lines_run({module}, lambda: _printed(render_terminal.section_tree(small)))
    large_steps = lines_run({module}, lambda: _printed(render_terminal.section_tree(large)))
    assert large_steps < 2.3 * small_steps, (small_steps, large_steps)


def test_whole_terminal_rendering_cost_grows_linearly(tmp_path: Path) -> None:
    small = _sections_edition(tmp_path, 150)
    large = _sections_edition(tmp_path, 300)
    module = render_terminal.__file__
    small_steps = lines_run({module}, lambda: _printed(render_terminal.render_edition(small)))
    large_steps = lines_run({module}, lambda: _printed(render_terminal.render_edition(large)))
    assert large_steps < 2.3 * small_steps, (small_steps, large_steps)
    assert "Part 299 holds one sentence." in _printed(render_terminal.render_edition(large))


def test_section_tree_counts_sentences_under_each_heading(tmp_path: Path) -> None:
    path = tmp_path / "nested.md"
    path.write_text(
        "# Title\n\n## Outer\n\nOuter says one thing.\n\n### Inner\n\nInner says one thing. And another.\n\n"
        "## Second\n\nSecond says one thing.\n",
        encoding="utf-8",
    )
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(render_terminal.section_tree(editions.read(path)))
    printed = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Outer  3 sentences" in printed
    assert "Inner  2 sentences" in printed
    assert "Second  1 sentence\n" in printed


def test_json_written_element_by_element_is_the_same_document(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text(
        "# Trade in “Figures”\n\nBy Ann Smith, Analyst\n\n## Costs\n\nCosts rose 12% to $4.5 billion in 2021.\n\n"
        "| Year | Amount |\n| --- | --- |\n| 2020 | 3 |\n\n## Empty\n\n"
        '### Deeper\n\nA line with a \\\\ and a "quote".\n',
        encoding="utf-8",
    )
    edition = editions.read(path)
    assert edition.facts and edition.blocks
    whole = json.dumps(render_json.edition_to_dict(edition), ensure_ascii=False, indent=2) + "\n"
    assert render_json.render_edition(edition) == whole
    for indent in (1, 4):
        out = io.StringIO()
        render_json.write_edition(edition, out, indent=indent)
        assert (
            out.getvalue() == json.dumps(render_json.edition_to_dict(edition), ensure_ascii=False, indent=indent) + "\n"
        )


class _Writes(io.StringIO):
    """A text stream that keeps the length of its longest single write."""

    longest = 0

    def write(self, text: str) -> int:
        self.longest = max(self.longest, len(text))
        return super().write(text)


def test_json_of_a_large_edition_is_never_held_whole(tmp_path: Path) -> None:
    edition = _sections_edition(tmp_path, 400)
    out = _Writes()
    render_json.write_edition(edition, out)
    document = out.getvalue()
    assert json.loads(document)["sentences"][-1]["section"] == ["Part 399"]
    # The longest piece written is the edition's text itself; every block, sentence and fact goes out alone.
    assert out.longest <= len(json.dumps(edition.text, ensure_ascii=False)) + 20
    assert out.longest < len(document) / 4
