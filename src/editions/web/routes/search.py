"""Search: `/search?q=…` (sentences of every edition, cited, with where they first appeared), the same hits as
JSON and CSV, and a hit's other citations."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, Response

from editions.library import Library, NotFoundError, SearchResults
from editions.library.search import search_csv
from editions.render.results import citations_to_dict, search_to_dict
from editions.web import api_doc, views
from editions.web.pages import Pages
from editions.web.routes.params import (
    REF,
    DateBound,
    Limit,
    OffsetParam,
    PageParam,
    RefParam,
    Report,
    SearchWithinParam,
    SearchWords,
    TextQuery,
    clean_query,
)


def router(lib: Library, pages: Pages) -> APIRouter:
    """The routes searching `lib`."""
    routes = APIRouter()

    def run_search(
        q: str, report: str, since: str, until: str, product: str, within: str, limit: int, offset: int
    ) -> SearchResults:
        if report and not REF.match(report):
            raise NotFoundError(f"no report {report!r} in the library.")
        return lib.search(
            clean_query(q),
            report=report or None,
            since=since or None,
            until=until or None,
            product=clean_query(product) or None,
            within=within or None,
            limit=limit,
            offset=offset,
        )

    @routes.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        q: TextQuery = "",
        report: Report = "",
        since: DateBound = "",
        until: DateBound = "",
        product: TextQuery = "",
        within: SearchWithinParam = "",
        limit: Limit = 20,
        page_number: PageParam = 1,
    ) -> HTMLResponse:
        offset = (page_number - 1) * limit
        results = run_search(q, report, since, until, product, within, limit, offset) if q.strip() else None
        filters = {"report": report, "since": since, "until": until, "product": product, "in": within}
        if limit != 20:
            filters["limit"] = str(limit)
        csv_query = urlencode({"q": q, **{k: v for k, v in filters.items() if v}, "limit": limit, "offset": offset})
        return pages.page("search.html", q=clean_query(q), results=results, report=report, since=since,
                          until=until, product=product, within=within, filters=filters, csv_query=csv_query,
                          highlighted=views.highlighted)  # fmt: skip

    @routes.get(
        "/api/search", tags=["library"], summary="Sentences of every edition that say it, cited, a page at a time"
    )
    def api_search(
        q: SearchWords,
        report: Report = "",
        since: DateBound = "",
        until: DateBound = "",
        product: TextQuery = "",
        within: SearchWithinParam = "",
        limit: Limit = 20,
        offset: OffsetParam = 0,
    ) -> JSONResponse:
        return JSONResponse(search_to_dict(run_search(q, report, since, until, product, within, limit, offset)))

    @routes.get(
        "/api/search.csv",
        tags=["library"],
        response_class=Response,
        responses=api_doc.CSV_ANSWER,
        summary="The same hits as CSV, one row per sentence (README)",
    )
    def api_search_csv(
        q: SearchWords,
        report: Report = "",
        since: DateBound = "",
        until: DateBound = "",
        product: TextQuery = "",
        within: SearchWithinParam = "",
        limit: Limit = 20,
        offset: OffsetParam = 0,
    ) -> Response:
        results = run_search(q, report, since, until, product, within, limit, offset)
        return Response(search_csv(results), media_type="text/csv; charset=utf-8")

    @routes.get(
        "/api/editions/{ref}/sentences/{sentence}/citations",
        tags=["library"],
        summary="Every sentence that prints this sentence's wording, a page at a time (a search hit's other citations)",
    )
    def api_citations(
        ref: RefParam,
        sentence: Annotated[int, PathParam(ge=0, le=10_000_000, description="The sentence's index, from 0.")],
        since: DateBound = "",
        until: DateBound = "",
        limit: Limit = 50,
        offset: OffsetParam = 0,
    ) -> JSONResponse:
        cited = lib.citations(ref, sentence, since=since or None, until=until or None, offset=offset, limit=limit)
        return JSONResponse(citations_to_dict(cited))

    return routes
