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


def characters_handed(module_files: set[str], work: Callable[[], object]) -> int:
    """How many characters of text the functions of the modules whose source files are `module_files` are
    handed during `work()`: the summed length of every string argument of every call. A function that reads
    or copies its text whole (a regular expression's search, a slice, a concatenation) costs that length, so a
    loop that hands on a growing text shows its quadratic cost here even when its lines run a linear number of
    times."""
    characters = 0

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal characters
        code = frame.f_code
        if event != "call" or code.co_filename not in module_files:
            return None
        for name in code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]:
            value = frame.f_locals.get(name)
            if isinstance(value, str):
                characters += len(value)
        return None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(previous)
    return characters
