"""layout's cheap tests before its regular expressions rule out only texts the expressions would not match."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editions.ingest import layout

_PARTS = st.sampled_from(
    ["Title ", "April 14, 2026", " ", "(R48905)", "(IF10753)", " Jump to Main Text of Report", "\n", ")", "x", "  "]
)


@given(st.lists(_PARTS, max_size=8).map("".join))
@settings(max_examples=3000, deadline=None)
def test_title_date_lines_end_as_the_guard_expects(text: str) -> None:
    if layout._TITLE_DATE_LINE.search(text):
        assert text.rstrip().endswith(layout._TITLE_DATE_LINE_ENDS)


def test_title_date_line_example() -> None:
    text = "Tariff Changes April 14, 2026 (R48905) Jump to Main Text of Report"
    assert layout._TITLE_DATE_LINE.search(text) and text.rstrip().endswith(layout._TITLE_DATE_LINE_ENDS)
