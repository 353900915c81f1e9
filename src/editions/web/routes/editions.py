"""One edition: `/editions/{ref}` (its sections, sentences and facts) and its JSON twin."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, JSONResponse
from markupsafe import Markup

from editions.library import Library
from editions.render.json import edition_to_dict
from editions.web import views
from editions.web.pages import Pages
from editions.web.routes.params import RefParam, SourceParam
from editions.web.views import Caches


def router(lib: Library, caches: Caches, pages: Pages) -> APIRouter:
    """The routes over `lib`, keeping read editions and their rendered text in `caches`."""
    routes = APIRouter()

    @routes.get("/editions/{ref}", response_class=HTMLResponse, include_in_schema=False)
    def edition_page(ref: RefParam, source: SourceParam = None) -> HTMLResponse:
        place = lib.neighbours(ref)
        info = place.edition
        shown = source or (info.sources[0].format if info.sources else None)
        key = f"{info.id}:{shown}"  # an edition is shown from its primary source unless ?source= names another
        edition = caches.editions.get(key, lambda: lib.get(info.ref, source=source))
        body = caches.edition_pages.get(
            key,
            lambda: Markup(
                pages.env.get_template("edition_body.html").render(view=views.edition_view(edition, caches.indexes))
            ),
        )
        return pages.page(
            "edition.html",
            info=info,
            edition=edition,
            body=body,
            previous=place.previous,
            following=place.following,
            count=place.count,
            shown=edition.source,
            formats=list(dict.fromkeys(s.format for s in info.sources)),
        )

    @routes.get(
        "/api/editions/{ref}",
        tags=["editions"],
        summary="One edition: text, blocks, sentences and facts (DESIGN.md's Edition JSON)",
    )
    def api_edition(ref: RefParam, source: SourceParam = None) -> JSONResponse:
        info = lib.info(ref)
        shown = source or (info.sources[0].format if info.sources else None)
        edition = caches.editions.get(f"{info.id}:{shown}", lambda: lib.get(info.ref, source=source))
        return JSONResponse(edition_to_dict(edition))

    return routes
