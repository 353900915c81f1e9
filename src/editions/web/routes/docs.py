"""The API described: `/docs` for people (every operation, its summary and parameters) and `/api`, an index of
the calls as JSON; both read the app's own OpenAPI description."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, JSONResponse

from editions.web import api_doc
from editions.web.pages import Pages


def router(pages: Pages, openapi: Callable[[], dict[str, Any]]) -> APIRouter:
    """The routes describing the app whose OpenAPI description `openapi()` gives (asked at each request)."""
    routes = APIRouter()

    @routes.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page() -> HTMLResponse:
        schema = openapi()
        operations = []
        for path, methods in schema.get("paths", {}).items():
            for method, op in methods.items():
                params = [
                    (p.get("name"), p.get("in"), p.get("required", False), p.get("description", ""))
                    for p in op.get("parameters", [])
                ]
                operations.append((method.upper(), path, op.get("summary", ""), params))
        return pages.page("docs.html", operations=operations, title=schema["info"]["title"])

    @routes.get("/api", tags=["library"], summary="This index of the API: every call, what it is for, and where "
                "the full description is")  # fmt: skip
    @routes.get("/api/", include_in_schema=False)
    def api_index() -> JSONResponse:
        return JSONResponse(api_doc.api_index(openapi()))

    return routes
