"""The URL parameters the routes share: each checked against a strict pattern or range before it reaches the
library, and described for the API's OpenAPI description."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import Path as PathParam
from fastapi import Query

REF_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_@~+-]{0,119}$"
"""A report key or an edition reference: IF10199, IF10199@2022-07-21, IF10199~1, IF10199@v47, a slug, an id.
No dot, slash, backslash, percent or space: nothing that could walk a path."""
REF = re.compile(REF_PATTERN)

RefParam = Annotated[
    str,
    PathParam(
        pattern=REF_PATTERN,
        description="An edition reference: IF10199 (latest), IF10199~1 (the one before), IF10199@2022-07-21, "
        "IF10199@v47, or an edition id (prefix).",
        examples=["IF99001@2024-06-02"],
    ),
]
ReportParam = Annotated[
    str, PathParam(pattern=REF_PATTERN, description="A report: its number or slug.", examples=["IF99001"])
]
MinChange = Annotated[
    float,
    Query(ge=0.0, le=1.0, allow_inf_nan=False, description="Show as unchanged the edits changing less than this "
          "share of their words (0–1)."),
]  # fmt: skip
TextQuery = Annotated[str, Query(max_length=300)]
SourceParam = Annotated[
    Literal["html", "markdown", "pdf", "text"] | None,
    Query(description="Which source of the edition to read (by format); default: its primary source."),
]
SearchWords = Annotated[str, Query(max_length=300, description='Words that must all appear; "quoted phrases".')]
Report = Annotated[str, Query(max_length=120, description="Only this report.")]
DateBound = Annotated[str, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD.")]
Limit = Annotated[int, Query(ge=1, le=200, description="At most this many sentences.")]
SearchWithinParam = Annotated[
    Literal["", "body", "captions", "notes"],
    Query(
        alias="in",
        description="Only body sentences (prose, table rows), captions, or notes (notes, sources, references).",
    ),
]
OffsetParam = Annotated[int, Query(ge=0, le=1_000_000, description="Skip this many hits (with `limit`, a page).")]
PageParam = Annotated[int, Query(alias="page", ge=1, le=100_000, description="Which page of hits, from 1.")]


def clean_query(text: str) -> str:
    """A user's search or filter text without control characters (which no edition's text holds)."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
