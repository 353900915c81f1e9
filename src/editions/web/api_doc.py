"""What the OpenAPI description says beyond the routes themselves: the error answers every API call can give
(each a JSON object with one sentence under "error"), and the index of the API that `/api` answers."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class Problem(BaseModel):
    """Every error answer of the API: one sentence saying what was wrong."""

    error: str


def _answer(description: str) -> dict[str, Any]:
    return {"model": Problem, "description": description}


READ_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _answer("A parameter is not valid, or the request's Host is not this server's"),
    404: _answer("No such report, edition or figure"),
}
"""What every API call can answer besides its success (FastAPI's own 422 is never given: the app says 400)."""
UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _answer("Not an edition (the reader's sentence says why)"),
    401: _answer("No token, or the wrong one"),
    403: _answer("Adding is off (the server has no token)"),
    413: _answer("Too large"),
    429: _answer("Too many wrong tokens from this address; Retry-After says when to try again"),
    500: _answer("The process adding a large upload stopped before it answered; nothing of it was stored"),
}


CSV_ANSWER: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "CSV with a header row (columns in the README)",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    },
}
"""The success answer of the `.csv` twins: text, not JSON."""


def without_validation_answers(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` without FastAPI's 422 answers and their schemas: the app answers a bad parameter with 400."""
    for methods in schema.get("paths", {}).values():
        for operation in methods.values():
            operation.get("responses", {}).pop("422", None)
    components = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    return schema


def api_index(schema: dict[str, Any]) -> dict[str, Any]:
    """The index `/api` answers: every API call with what it is for, and where the full description is."""
    calls = [
        {"method": method.upper(), "path": path, "purpose": operation.get("summary", "")}
        for path, methods in schema.get("paths", {}).items()
        for method, operation in methods.items()
    ]
    return {
        "name": schema["info"]["title"],
        "version": schema["info"]["version"],
        "about": schema["info"].get("summary", ""),
        "openapi": "/openapi.json",
        "docs": "/docs",
        "endpoints": calls,
    }
