"""A figure's timeline as a small SVG line chart, drawn on the server: no script, no inline style (the
stylesheet colours it through classes), every text escaped. Editions that do not state the figure are marked
on the axis and break no line; ranks are drawn with 1 at the top."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup, escape

from editions.library import Timeline, TimelinePoint

WIDTH, HEIGHT = 640, 200
LEFT, RIGHT, TOP, BOTTOM = 84, 24, 28, 40  # room above the top for the latest value
_RANKS = frozenset({"rank", "ordinal"})


def number_text(value: float, unit: str | None) -> str:
    """A value for an axis label: 54,000 · 1.2 million · $55 million · 2.4%."""
    sign = "-" if value < 0 else ""
    v = abs(value)
    if unit == "percent":
        return f"{sign}{v:,.3g}%"
    if v >= 1e9:
        text = f"{v / 1e9:,.3g} billion"
    elif v >= 1e6:
        text = f"{v / 1e6:,.3g} million"
    elif v >= 100 or v == int(v):
        text = f"{v:,.0f}"
    else:
        text = f"{v:,.3g}"
    return f"{sign}${text}" if unit == "USD" else sign + text


def _x_positions(points: tuple[TimelinePoint, ...]) -> list[float]:
    span = WIDTH - LEFT - RIGHT
    dates = [p.date for p in points]
    if len(points) == 1:
        return [LEFT + span / 2]
    known = [d for d in dates if d is not None]
    if len(known) == len(dates) and known[0] != known[-1]:
        first, last = known[0].toordinal(), known[-1].toordinal()
        return [LEFT + span * (d.toordinal() - first) / (last - first) for d in known]
    return [LEFT + span * i / (len(points) - 1) for i in range(len(points))]


def _label(date: dt.date | None, ref: str) -> str:
    return date.isoformat() if date else ref


def chart(timeline: Timeline, chart_id: str) -> Markup | None:
    """The SVG element, or None when no edition states the figure as a number."""
    stated = [(i, p, p.number) for i, p in enumerate(timeline.points) if p.number is not None]
    if not stated:
        return None
    xs = _x_positions(timeline.points)
    values = [v for _, _, v in stated if v is not None]
    low, high = min(values), max(values)
    unit = stated[-1][1].unit
    inverted = stated[-1][1].kind in _RANKS
    constant = low == high
    if constant:  # a flat line mid-height, its one value on the axis
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    plot_top, plot_bottom = TOP, HEIGHT - BOTTOM

    def y(value: float) -> float:
        share = (value - low) / (high - low)
        if inverted:
            share = 1 - share
        return plot_bottom - share * (plot_bottom - plot_top)

    first, last = stated[0][1], stated[-1][1]
    summary = (
        f"{first.text or first.value} on {_label(first.date, first.ref)}"
        + (f" to {last.text or last.value} on {_label(last.date, last.ref)}" if last is not first else "")
        + f"; stated in {len(stated)} of {len(timeline.points)} editions."
    )
    e = escape
    out: list[str] = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" xmlns="http://www.w3.org/2000/svg" '
        f'aria-labelledby="{e(chart_id)}-t {e(chart_id)}-d" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{e(chart_id)}-t">{e(timeline.query)}</title>',
        f'<desc id="{e(chart_id)}-d">{e(summary)}</desc>',
        f'<line class="axis" x1="{LEFT}" y1="{plot_bottom}" x2="{WIDTH - RIGHT}" y2="{plot_bottom}"/>',
        f'<line class="axis" x1="{LEFT}" y1="{plot_top}" x2="{LEFT}" y2="{plot_bottom}"/>',
    ]
    top_value, bottom_value = (low, high) if inverted else (high, low)
    rank = "rank " if inverted else ""
    y_labels = (
        [((low + high) / 2, (plot_top + plot_bottom) / 2 + 4)]
        if constant
        else [
            (top_value, plot_top + 4),
            (bottom_value, plot_bottom),
        ]
    )
    for value, at in y_labels:
        out.append(f'<text class="ylabel" x="{LEFT - 6}" y="{at}">{e(rank + number_text(value, unit))}</text>')
    for i, point in enumerate(timeline.points):
        cls = "tick" if point.number is not None else "tick missing"
        out.append(f'<line class="{cls}" x1="{xs[i]:.1f}" y1="{plot_bottom}" x2="{xs[i]:.1f}" y2="{plot_bottom + 5}">')
        out.append(f"<title>{e(_label(point.date, point.ref))}: {e(point.text or 'not stated')}</title></line>")
    for i, anchor in _dated(xs).items():
        point = timeline.points[i]
        x = xs[i]
        out.append(
            f'<text class="xlabel" x="{x:.1f}" y="{HEIGHT - 14}" text-anchor="{anchor}">'
            f"{e(_label(point.date, point.ref))}</text>"
        )
    path = " ".join(f"{xs[i]:.1f},{y(v):.1f}" for i, _, v in stated if v is not None)
    out.append(f'<polyline class="line" points="{path}"/>')
    for i, point, v in stated:
        assert v is not None
        out.append(f'<circle class="dot" cx="{xs[i]:.1f}" cy="{y(v):.1f}" r="4">')
        out.append(f"<title>{e(_label(point.date, point.ref))}: {e(point.text or str(point.value))}</title></circle>")
    # The latest value as the edition words it; the first too, unless it sits at the top (where the axis says it).
    labelled = [stated[-1]]
    if len(stated) > 1 and not constant and stated[0][2] is not None and y(stated[0][2]) > plot_top + 12:
        labelled.insert(0, stated[0])
    for i, point, v in labelled:
        assert v is not None
        anchor = "end" if xs[i] > WIDTH / 2 else "start"
        dx = -8 if anchor == "end" else 8
        out.append(
            f'<text class="value" x="{xs[i] + dx:.1f}" y="{y(v) - 8:.1f}" text-anchor="{anchor}">'
            f"{e(point.text or str(point.value))}</text>"
        )
    out.append("</svg>")
    return Markup("".join(out))


DATE_ROOM = 96
"""Width a date label needs on the x axis (viewBox units)."""


def _dated(xs: list[float]) -> dict[int, str]:
    """Which editions get a date under the axis, with their text-anchor: the first and the last, and those in
    between with room for their date."""
    if len(xs) == 1:
        return {0: "middle"}
    last = len(xs) - 1
    out = {0: "start"}
    previous_end = xs[0] + DATE_ROOM  # a start-anchored label runs right of its x
    for i in range(1, last):
        if xs[i] - DATE_ROOM / 2 >= previous_end + 8 and xs[i] + DATE_ROOM / 2 <= xs[last] - DATE_ROOM - 8:
            out[i] = "middle"
            previous_end = xs[i] + DATE_ROOM / 2
    out[last] = "end"
    return out
