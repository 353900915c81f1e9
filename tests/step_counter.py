"""How many lines of given modules run during a piece of work: a measure of cost that does not depend on the
machine's speed or load, for the tests that hold a function to linear cost (a test calls it on an input and on
one twice as large and compares the counts)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any


def lines_run(module_files: set[str], work: Callable[[], object]) -> int:
    """How many lines of the modules whose source files are `module_files` run during `work()`, the lines of
    their loops and generator expressions counted each time round."""
    steps = 0

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal steps
        if frame.f_code.co_filename not in module_files:
            return None
        if event == "line":
            steps += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(previous)
    return steps
