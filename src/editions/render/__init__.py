"""Renderers: an Edition (and later a Comparison) turned into text for people or programs.

Each renderer is a pure function of what it renders: no file reading, no library access, no printing.

- `render.json`     the stable JSON contract of DESIGN.md (`"schema": 1`)
- `render.markdown` a clean Markdown rendering of an edition
- `render.terminal` rich renderables for a terminal (plain text when output is not a TTY)
"""

from __future__ import annotations

FORMATS = ("terminal", "markdown", "json")
"""The formats `editions show` can write."""

__all__ = ["FORMATS"]
