"""The FastAPI app: HTML pages for people, the same resources as JSON under `/api/…` (OpenAPI at
`/openapi.json`, described for people at `/docs`).

Pages are rendered on the server and work without JavaScript; the vendored htmx (static/) only swaps the
filtered or searched part of a page in place. Every URL is stable and names what it shows:

    /                                   the library: reports, their latest edition, % changed (?q= filters)
    /reports/{report}                   a report: its editions, charts of its figures, the latest brief
    /editions/{ref}                     one edition, its sections, sentences and facts
    /compare/{old_ref}/{new_ref}        two editions side by side (?min_change=0.2 hides smaller edits)
    /search?q=…                         sentences of every edition, cited, with where they first appeared
    /add                                add an edition (only when the server has a token)

Security: Jinja autoescape on, and every text from an edition escaped where HTML is built in Python; every URL
parameter that names something is checked against a strict pattern before it reaches the library; the Host
check, the token and its throttle, body limits and security headers are `security.Guard`'s.
"""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from editions.errors import EditionsError
from editions.library import Library, NotFoundError
from editions.web import api_doc, security
from editions.web.pages import HERE, Pages, environment, version
from editions.web.routes import add, changes, compare, docs, editions, reports, search
from editions.web.views import Caches

DEFAULT_MAX_UPLOAD = 25 * 1024 * 1024
"""Largest edition accepted over the web (bytes); `editions show` allows 100 MB from disk."""
FORM_ROOM = 64 * 1024
"""Room for the multipart envelope and the other form fields, beyond the file itself."""


# --- The app -------------------------------------------------------------------------------------------------


def create_app(
    library: Library,
    *,
    token: str | None = None,
    max_upload: int = DEFAULT_MAX_UPLOAD,
    hosts: Iterable[str] | None = security.LOOPBACK_HOSTS,
    throttle: security.TokenThrottle | None = None,
) -> FastAPI:
    """The web app over `library` (which the caller opens and closes). With `token`, editions can be added
    (upload form and `POST /api/editions`) by whoever gives it; without, adding is refused. Uploads over
    `max_upload` bytes are refused. Requests must name one of `hosts` (with the loopback names) in their Host
    header (None: any); `throttle` counts wrong tokens (default: 5 a minute per address)."""
    if token is not None and not token.strip():
        token = None
    throttle = throttle or security.TokenThrottle()
    app = FastAPI(
        title="Editions",
        version=version(),
        summary="What changed between editions of a policy report: the library, reports, editions, "
        "comparisons and search as JSON.",
        docs_url=None,
        redoc_url=None,
        responses=api_doc.READ_ERRORS,
    )
    app.router.redirect_slashes = False  # one URL per page; "/reports/x/" is no page, not a redirect
    caches = Caches()
    lib = library
    pages = Pages(environment(), uploads=token is not None)

    @app.exception_handler(EditionsError)
    async def _editions_error(request: Request, exc: EditionsError) -> Response:
        status = 404 if isinstance(exc, NotFoundError) else 400
        return pages.problem(request, status, " ".join(str(exc).split()) or type(exc).__name__)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        first = errors[0] if errors else {}
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "the request"
        detail = str(first.get("msg", "is not valid")).rstrip(".")
        return pages.problem(request, 400, f"{where}: {detail[0].lower() + detail[1:] if detail else 'not valid'}.")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = {404: "there is no such page.", 405: "that method is not allowed here."}.get(
            exc.status_code, str(exc.detail)
        )
        response = pages.problem(request, exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    # In the order the paths are matched (and listed in the OpenAPI description): the feeds before
    # /reports/{report}, which would take IF10199.atom; /api/compare/{old}/{new}.csv before /api/compare/{old}/{new}.
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(changes.router(lib, pages.page))
    app.include_router(reports.router(lib, caches, pages))
    app.include_router(editions.router(lib, caches, pages))
    app.include_router(compare.router(lib, caches, pages))
    app.include_router(search.router(lib, pages))
    app.include_router(add.router(lib, pages, token=token, max_upload=max_upload, throttle=throttle))
    app.include_router(docs.router(pages, lambda: app.openapi()))

    plain_openapi = app.openapi
    app.openapi = lambda: api_doc.without_validation_answers(plain_openapi())  # type: ignore[method-assign]
    app.state.library = lib
    app.state.caches = caches
    app.state.pages = pages  # its Jinja environment: the templates, compiled once per app
    app.add_middleware(
        security.Guard, token=token, max_body=max_upload + FORM_ROOM, max_upload=max_upload, throttle=throttle,
        hosts=None if hosts is None else security.allowed_hosts(hosts),
        error_page=lambda status, message: pages.render("error.html", status=status, message=message),
    )  # fmt: skip
    return app
