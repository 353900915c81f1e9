"""Change notices on the web: the `/changes` page, `/api/changes` as JSON, and Atom feeds of the whole library
(`/changes.atom`), of the watch list (`/watch.atom`) and of one report (`/reports/IF10199.atom`).

    /changes                    recent new editions across the library, newest first, with their headlines
    /api/changes                the same notices as JSON (since, report, watched, limit)
    /changes.atom               every notice            /watch.atom     notices of watched reports
    /reports/{report}.atom      one report's notices (a report of the library, or one watched before it was fetched)

Feed links are absolute, made from the address the request reached the server at. The feeds are pages, not API
operations: /docs and /openapi.json list only /api/….
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, Response

from editions.library import Library, NotFoundError, Notice
from editions.model import SCHEMA_VERSION
from editions.web import feeds

REF_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_@~+-]{0,119}$"
"""A report key, as the app's other routes check it: nothing that could walk a path."""
FEED_SIZE = 50
"""Entries in a feed: the newest notices (feed readers keep what they have seen)."""

Since = Annotated[
    str, Query(max_length=25, description="Only notices recorded on or after: YYYY, YYYY-MM or YYYY-MM-DD.")
]
ReportFilter = Annotated[str, Query(max_length=120, pattern=r"^$|" + REF_PATTERN, description="Only this report.")]
Watched = Annotated[bool, Query(description="Only reports on the watch list.")]
Limit = Annotated[int, Query(ge=1, le=200, description="At most this many notices.")]
ReportParam = Annotated[
    str, PathParam(pattern=REF_PATTERN, description="A report: its number or slug.", examples=["IF99001"])
]


def router(library: Library, page: Callable[..., HTMLResponse]) -> APIRouter:
    """The routes over `library`; `page(template, **context)` renders one of the app's pages."""
    routes = APIRouter()

    def select(since: str, report: str, watched: bool, limit: int) -> list[Notice]:
        return library.notices(since=since or None, report=report or None, watched_only=watched, limit=limit)

    def feed(request: Request, notices: list[Notice], *, name: str, title: str, page_path: str) -> Response:
        body = feeds.atom(
            notices,
            name=name,
            title=title,
            base_url=str(request.base_url),
            self_path=request.url.path,
            page_path=page_path,
        )
        return Response(body, media_type=feeds.MEDIA_TYPE)

    @routes.get("/changes", response_class=HTMLResponse, include_in_schema=False)
    def changes_page(since: Since = "", report: ReportFilter = "", watched: Watched = False) -> HTMLResponse:
        notices = select(since, report, watched, FEED_SIZE)
        return page("changes.html", notices=notices, since=since, report=report, watched=watched)

    @routes.get(
        "/api/changes", tags=["library"], summary="Change notices: each new edition and what changed, newest first"
    )
    def api_changes(
        since: Since = "", report: ReportFilter = "", watched: Watched = False, limit: Limit = 50
    ) -> JSONResponse:
        notices = select(since, report, watched, limit)
        return JSONResponse({"schema": SCHEMA_VERSION, "notices": [n.to_dict() for n in notices]})

    @routes.get(
        "/changes.atom",
        include_in_schema=False,
        response_class=Response,
        summary="Atom feed of every change notice in the library",
    )
    def changes_feed(request: Request) -> Response:
        return feed(request, select("", "", False, FEED_SIZE), name="changes", title="Editions: changes",
                    page_path="/changes")  # fmt: skip

    @routes.get(
        "/watch.atom",
        include_in_schema=False,
        response_class=Response,
        summary="Atom feed of the watched reports' notices",
    )
    def watch_feed(request: Request) -> Response:
        return feed(request, select("", "", True, FEED_SIZE), name="watch", title="Editions: watched reports",
                    page_path="/changes?watched=true")  # fmt: skip

    @routes.get(
        "/reports/{report}.atom",
        include_in_schema=False,
        response_class=Response,
        summary="Atom feed of one report's notices",
    )
    def report_feed(request: Request, report: ReportParam) -> Response:
        try:
            key = library.info(report).report
            page_path = f"/reports/{key}"
        except NotFoundError:
            watched = {w.report.lower(): w.report for w in library.watched()}
            if report.lower() not in watched:
                raise
            key = watched[report.lower()]
            page_path = f"/changes?report={key}"
        return feed(request, select("", key, False, FEED_SIZE), name=f"report:{key}", title=f"Editions: {key}",
                    page_path=page_path)  # fmt: skip

    return routes
