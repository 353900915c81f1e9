"""A Comparison for people and programs: JSON (DESIGN.md's contract), Markdown, a terminal view and a
standalone HTML page.

Every renderer is a pure function of the comparison and shows one view of it (`comparison_view`, which the web
page reads too): the brief's headline, then its groups, the figures table, the changes section by section.
What is substantive, what share of a link changed, what the headline is: all read from the Comparison, never
decided again here. `min_change` (0–1) hides edits that change less than that share of their words (read from
`Link.changed` and `BriefItem.changed`): they are shown as unchanged. Text from the editions is always escaped
for the output (HTML entities, Markdown backslashes, rich `Text` objects rather than markup).

One module each: `view` (the view and what the formats share), `data` (JSON and the figures CSV), `markdown`,
`terminal` and `html_page`.
"""

from __future__ import annotations

from editions.render.comparison.data import (
    FIGURE_CSV_COLUMNS,
    brief_item_to_dict,
    comparison_to_dict,
    render_figures_csv,
    render_json,
    write_json,
)
from editions.render.comparison.html_page import render_html
from editions.render.comparison.markdown import render_markdown
from editions.render.comparison.terminal import render_terminal
from editions.render.comparison.view import ComparisonView, cite_sentences, comparison_view, shown

__all__ = [
    "FIGURE_CSV_COLUMNS",
    "ComparisonView",
    "brief_item_to_dict",
    "cite_sentences",
    "comparison_to_dict",
    "comparison_view",
    "render_figures_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "render_terminal",
    "shown",
    "write_json",
]
