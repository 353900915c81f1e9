"""Two editions compared: `/compare/{old}/{new}` side by side (and the `/compare?old=&new=` form's redirect),
the comparison as JSON, and its figure changes as CSV."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from editions.compare import collector_paused
from editions.library import Library
from editions.render import comparison as render_comparison
from editions.web import api_doc, views
from editions.web import compare_page as compare_views
from editions.web.pages import Pages, url_compare
from editions.web.routes.params import REF_PATTERN, MinChange, RefParam
from editions.web.views import Caches


def router(lib: Library, caches: Caches, pages: Pages) -> APIRouter:
    """The routes over `lib`, keeping comparisons and rendered pages in `caches`."""
    routes = APIRouter()

    @routes.get("/compare", include_in_schema=False)
    def compare_form(
        old: Annotated[str, Query(pattern=REF_PATTERN)],
        new: Annotated[str, Query(pattern=REF_PATTERN)],
        min_change: MinChange = 0.0,
    ) -> RedirectResponse:
        return RedirectResponse(url_compare(old, new, min_change or None), status_code=303)

    @routes.get("/compare/{old}/{new}", response_class=HTMLResponse, include_in_schema=False)
    def compare_page(old: RefParam, new: RefParam, min_change: MinChange = 0.0) -> HTMLResponse:
        old_info, new_info = lib.info(old), lib.info(new)

        def render() -> str:
            with collector_paused():
                comparison = views.compare_refs(lib, caches, old, new, infos=(old_info, new_info))
                view = compare_views.compare_view(comparison, min_change)
                return pages.render(
                    "compare.html", view=view, c=comparison, old_info=old_info, new_info=new_info,
                    min_change=min_change, side=compare_views.side_by_side_html(view),
                )  # fmt: skip

        # The page names the editions by id and by the references shown (which a newer edition can change).
        key = (old_info.id, new_info.id, old_info.ref, new_info.ref, round(min_change, 3))
        return HTMLResponse(caches.compare_pages.get(key, render))

    @routes.get(
        "/api/compare/{old}/{new}.csv",
        tags=["editions"],
        response_class=Response,
        responses=api_doc.CSV_ANSWER,
        summary="The comparison's figure changes as CSV, one row per figure (README)",
    )
    def api_compare_csv(old: RefParam, new: RefParam) -> Response:
        comparison = views.compare_refs(lib, caches, old, new)
        return Response(render_comparison.render_figures_csv(comparison), media_type="text/csv; charset=utf-8")

    @routes.get(
        "/api/compare/{old}/{new}",
        tags=["editions"],
        summary="What changed from one edition to another (DESIGN.md's Comparison JSON)",
    )
    def api_compare(old: RefParam, new: RefParam, min_change: MinChange = 0.0) -> JSONResponse:
        comparison = views.compare_refs(lib, caches, old, new)
        return JSONResponse(compare_views.comparison_json(comparison, min_change))

    return routes
