"""Giving back the memory a large upload used: reading and storing an edition of many megabytes makes many
small objects, and once they are freed the allocators keep the pages for the process unless told otherwise."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc

RELEASE_AFTER = 1024 * 1024
"""Uploads at least this large are followed by `release` (a small one leaves little to give back)."""


def release() -> None:
    """Frees what only reference cycles still hold (gc), then asks glibc to return its free heap pages to the
    system (`malloc_trim`); elsewhere than glibc the second step is skipped."""
    gc.collect()
    name = ctypes.util.find_library("c")
    if name is None:
        return
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return
    trim.argtypes = [ctypes.c_size_t]
    trim(0)
