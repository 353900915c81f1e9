"""The library and its reports: `/` (every report, its latest edition and % changed), `/reports/{report}` (its
editions, charts of its figures, the latest brief), their JSON twins, and one figure's timeline as JSON and CSV."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from editions.library import Library, NotFoundError
from editions.library.timeline import Timeline
from editions.library.timeline import to_csv as timeline_csv
from editions.model import SCHEMA_VERSION
from editions.render.results import report_overview_to_dict, timeline_to_dict
from editions.web import api_doc, views
from editions.web.pages import Pages
from editions.web.routes.params import ReportParam, TextQuery, clean_query
from editions.web.views import Caches


def router(lib: Library, caches: Caches, pages: Pages) -> APIRouter:
    """The routes over `lib`, keeping rendered pages in `caches`."""
    routes = APIRouter()

    @routes.get("/", response_class=HTMLResponse, include_in_schema=False)
    def library_page(request: Request, q: TextQuery = "") -> HTMLResponse:
        query = clean_query(q)
        reports = lib.reports()

        def render() -> str:
            rows = views.library_rows(lib, caches, query, reports)
            return pages.render("library.html", rows=rows, q=query, total=len(reports) if query else len(rows))

        # Kept while no report gains an edition or changes its title (what the rows show comes from those).
        state = (query, tuple((r.report, r.title, r.product, r.editions, r.latest) for r in reports))
        return HTMLResponse(caches.library_pages.get(state, render))

    @routes.get("/api/reports", tags=["library"], summary="Every report, with its latest edition")
    def api_reports(q: Annotated[str, Query(max_length=300, description="Words that must all be in the "
                    "report's number, title or product.")] = "") -> JSONResponse:  # fmt: skip
        rows = views.library_rows(lib, caches, clean_query(q))
        return JSONResponse({"schema": SCHEMA_VERSION, "query": q, "reports": [r.to_dict() for r in rows]})

    @routes.get("/reports/{report}", response_class=HTMLResponse, include_in_schema=False)
    def report_page(report: ReportParam, figure: TextQuery = "") -> HTMLResponse:
        wanted = clean_query(figure)

        def render() -> str:
            overview = lib.overview(report, wanted)
            charts = [views.figure_chart(t, n) for n, t in enumerate(overview.timelines)]
            return pages.render(
                "report.html", key=overview.report, rows=list(overview.editions), brief=overview.brief,
                charts=charts, figure=wanted, asked=overview.asked,
            )  # fmt: skip

        if wanted:
            return HTMLResponse(render())
        # Kept while the report's latest edition and its place stay the same (any edition added changes one),
        # this app has had no comparison of the report kept since (its % changed come from kept comparisons),
        # and for a minute at most (another process may keep some).
        latest = lib.info(report)

        def state() -> tuple[object, ...]:
            return (
                report,
                latest.id,
                latest.position,
                caches.compared.get(latest.report, 0),
                int(time.monotonic() // 60),
            )

        before = state()
        html = caches.report_pages.get(before, render)
        after = state()  # rendering it the first time keeps the latest comparison
        if after != before:
            caches.report_pages.put(after, html)
        return HTMLResponse(html)

    @routes.get("/api/reports/{report}", tags=["library"], summary="A report: its editions, figures and latest brief")
    def api_report(report: ReportParam, figure: TextQuery = "") -> JSONResponse:
        return JSONResponse(report_overview_to_dict(lib.overview(report, clean_query(figure))))

    def found_timeline(report: str, words: str) -> Timeline:
        """The figure about `words` through the report's editions, or a 404 saying none was found."""
        found = lib.timeline(report, clean_query(words))
        if not found.found:
            raise NotFoundError(f"no figure about {words!r} in {found.report}; try other words.")
        return found

    @routes.get(
        "/api/reports/{report}/timeline", tags=["library"], summary="One figure through every edition of a report"
    )
    def api_timeline(
        report: ReportParam,
        words: Annotated[str, Query(min_length=1, max_length=300, description='What the figure is about, e.g. '
                         '"troops".')],
    ) -> JSONResponse:  # fmt: skip
        return JSONResponse(timeline_to_dict(found_timeline(report, words)))

    @routes.get(
        "/api/reports/{report}/timeline.csv",
        tags=["library"],
        response_class=Response,
        responses=api_doc.CSV_ANSWER,
        summary="One figure through every edition of a report, as CSV (columns in the README)",
    )
    def api_timeline_csv(
        report: ReportParam,
        words: Annotated[str, Query(min_length=1, max_length=300, description='What the figure is about, e.g. '
                         '"troops".')],
    ) -> Response:  # fmt: skip
        return Response(timeline_csv(found_timeline(report, words)), media_type="text/csv; charset=utf-8")

    return routes
