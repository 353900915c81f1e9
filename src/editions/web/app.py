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

import re
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException

import editions
from editions.compare import collector_paused
from editions.errors import EditionsError
from editions.ingest import format_size
from editions.library import Library, NotFoundError
from editions.library.search import search_csv
from editions.library.timeline import Timeline
from editions.library.timeline import to_csv as timeline_csv
from editions.model import SCHEMA_VERSION
from editions.render import comparison as render_comparison
from editions.render.json import edition_to_dict
from editions.web import api_doc, memory, security, upload, views
from editions.web.routes import changes
from editions.web.security import TOKEN_NEEDED, TOKEN_WRONG, UPLOADS_OFF, bearer, token_ok
from editions.web.views import Caches

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_UPLOAD = 25 * 1024 * 1024
"""Largest edition accepted over the web (bytes); `editions show` allows 100 MB from disk."""
FORM_ROOM = 64 * 1024
"""Room for the multipart envelope and the other form fields, beyond the file itself."""

REF_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_@~+-]{0,119}$"
"""A report key or an edition reference: IF10199, IF10199@2022-07-21, IF10199~1, IF10199@v47, a slug, an id.
No dot, slash, backslash, percent or space: nothing that could walk a path."""
_REF = re.compile(REF_PATTERN)

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


def _clean_query(text: str) -> str:
    """A user's search or filter text without control characters (which no edition's text holds)."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def _file_name(name: str | None) -> str:
    """The uploaded file's own name (no directory, no control characters): it names the source and its
    extension picks the reader, as a file name does on the command line."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()[:200]
    return "upload" if base in ("", ".", "..") else base


# --- Templates -----------------------------------------------------------------------------------------------

_ENV: Environment | None = None


def url_edition(ref: str, sentence: int | None = None) -> str:
    return f"/editions/{quote(ref, safe='@~')}" + ("" if sentence is None else f"#s{sentence}")


def url_report(report: str) -> str:
    return f"/reports/{quote(report, safe='')}"


def url_compare(old: str, new: str, min_change: float | None = None) -> str:
    base = f"/compare/{quote(old, safe='@~')}/{quote(new, safe='@~')}"
    return base + (f"?{urlencode({'min_change': min_change})}" if min_change else "")


def url_search(q: str, **filters: str) -> str:
    return "/search?" + urlencode({"q": q, **{k: v for k, v in filters.items() if v}})


def _page_env() -> Environment:
    global _ENV
    if _ENV is None:
        env = Environment(
            loader=FileSystemLoader(str(HERE / "templates")),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.globals.update(
            url_edition=url_edition,
            url_report=url_report,
            url_compare=url_compare,
            url_search=url_search,
            percent=views.percent,
            iso=views.iso,
            edition_label=views.edition_label,
        )
        for name in env.list_templates(extensions=["html"]):
            env.get_template(name)  # compiled now, not on a page's first view (compare.html: ~30 ms)
        _ENV = env
    return _ENV


def _globals(uploads: bool | None) -> dict[str, Any]:
    return {"uploads": bool(uploads), "version": _version()}


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("editions")
    except metadata.PackageNotFoundError:
        return "unknown"


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
        version=_version(),
        summary="What changed between editions of a policy report: the library, reports, editions, "
        "comparisons and search as JSON.",
        docs_url=None,
        redoc_url=None,
        responses=api_doc.READ_ERRORS,
    )
    app.router.redirect_slashes = False  # one URL per page; "/reports/x/" is no page, not a redirect
    caches = Caches()
    lib = library
    uploads = token is not None
    env = _page_env()

    def page(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(**_globals(uploads), **context)
        return HTMLResponse(html, status_code=status_code)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api")

    def problem(request: Request, status: int, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"error": message}, status_code=status)
        return page("error.html", status_code=status, status=status, message=message)

    @app.exception_handler(EditionsError)
    async def _editions_error(request: Request, exc: EditionsError) -> Response:
        status = 404 if isinstance(exc, NotFoundError) else 400
        return problem(request, status, " ".join(str(exc).split()) or type(exc).__name__)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        first = errors[0] if errors else {}
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "the request"
        detail = str(first.get("msg", "is not valid")).rstrip(".")
        return problem(request, 400, f"{where}: {detail[0].lower() + detail[1:] if detail else 'not valid'}.")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = {404: "there is no such page.", 405: "that method is not allowed here."}.get(
            exc.status_code, str(exc.detail)
        )
        response = problem(request, exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(changes.router(lib, page))  # before /reports/{report}, which would take IF10199.atom

    # --- Library ---------------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def library_page(request: Request, q: TextQuery = "") -> HTMLResponse:
        query = _clean_query(q)
        reports = lib.reports()

        def render() -> str:
            rows = views.library_rows(lib, caches, query, reports)
            return env.get_template("library.html").render(
                **_globals(uploads), rows=rows, q=query, total=len(reports) if query else len(rows)
            )

        # Kept while no report gains an edition or changes its title (what the rows show comes from those).
        state = (query, tuple((r.report, r.title, r.product, r.editions, r.latest) for r in reports))
        return HTMLResponse(caches.library_pages.get(state, render))

    @app.get("/api/reports", tags=["library"], summary="Every report, with its latest edition")
    def api_reports(q: Annotated[str, Query(max_length=300, description="Words that must all be in the "
                    "report's number, title or product.")] = "") -> JSONResponse:  # fmt: skip
        rows = views.library_rows(lib, caches, _clean_query(q))
        return JSONResponse({"schema": SCHEMA_VERSION, "query": q, "reports": [r.to_dict() for r in rows]})

    # --- Report ----------------------------------------------------------------------------------------------

    def report_data(report: str, figure: str) -> dict[str, Any]:
        key = lib.info(report).report
        summary = lib.summary(key)  # first: making it may keep the latest comparison, which % changed reads
        rows = lib.editions(key)
        timelines = list(summary.timelines)
        asked = None
        if figure:
            asked = lib.timeline(key, figure)
            timelines = [asked, *[t for t in timelines if t.query != figure and t.statements != asked.statements]]
        return {"key": key, "rows": rows, "brief": summary.brief, "timelines": timelines, "asked": asked}

    @app.get("/reports/{report}", response_class=HTMLResponse, include_in_schema=False)
    def report_page(report: ReportParam, figure: TextQuery = "") -> HTMLResponse:
        wanted = _clean_query(figure)

        def render() -> str:
            data = report_data(report, wanted)
            charts = [views.figure_chart(t, n) for n, t in enumerate(data["timelines"])]
            return env.get_template("report.html").render(
                **_globals(uploads), key=data["key"], rows=data["rows"], brief=data["brief"], charts=charts,
                figure=wanted, asked=data["asked"],
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

    @app.get("/api/reports/{report}", tags=["library"], summary="A report: its editions, figures and latest brief")
    def api_report(report: ReportParam, figure: TextQuery = "") -> JSONResponse:
        data = report_data(report, _clean_query(figure))
        rows = data["rows"]
        brief = data["brief"]
        return JSONResponse(
            {
                "schema": SCHEMA_VERSION,
                "report": data["key"],
                "title": rows[-1].title if rows else None,
                "product": rows[-1].product if rows else None,
                "editions": [views.edition_to_row(e) for e in rows],
                "figures": [t.to_dict() for t in data["timelines"]],
                "latest_brief": None
                if brief is None
                else {"old": rows[-2].ref, "new": rows[-1].ref, "brief": views.brief_to_dict(brief)},
            }
        )

    def found_timeline(report: str, words: str) -> Timeline:
        """The figure about `words` through the report's editions, or a 404 saying none was found."""
        found = lib.timeline(report, _clean_query(words))
        if not found.found:
            raise NotFoundError(f"no figure about {words!r} in {found.report}; try other words.")
        return found

    @app.get("/api/reports/{report}/timeline", tags=["library"], summary="One figure through every edition of a report")
    def api_timeline(
        report: ReportParam,
        words: Annotated[str, Query(min_length=1, max_length=300, description='What the figure is about, e.g. '
                         '"troops".')],
    ) -> JSONResponse:  # fmt: skip
        return JSONResponse({"schema": SCHEMA_VERSION, **found_timeline(report, words).to_dict()})

    @app.get(
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

    # --- Edition ---------------------------------------------------------------------------------------------

    @app.get("/editions/{ref}", response_class=HTMLResponse, include_in_schema=False)
    def edition_page(ref: RefParam, source: SourceParam = None) -> HTMLResponse:
        info = lib.info(ref)
        siblings = lib.editions(info.report)
        position = info.position - 1
        previous = siblings[position - 1] if position > 0 else None
        following = siblings[position + 1] if position + 1 < len(siblings) else None
        shown = source or (info.sources[0].format if info.sources else None)
        key = f"{info.id}:{shown}"  # an edition is shown from its primary source unless ?source= names another
        edition = caches.editions.get(key, lambda: lib.get(info.ref, source=source))
        body = caches.edition_pages.get(
            key, lambda: Markup(env.get_template("edition_body.html").render(view=views.edition_view(edition)))
        )
        return page(
            "edition.html",
            info=info,
            edition=edition,
            body=body,
            previous=previous,
            following=following,
            count=len(siblings),
            shown=edition.source,
            formats=list(dict.fromkeys(s.format for s in info.sources)),
        )

    @app.get(
        "/api/editions/{ref}",
        tags=["editions"],
        summary="One edition: text, blocks, sentences and facts (DESIGN.md's Edition JSON)",
    )
    def api_edition(ref: RefParam, source: SourceParam = None) -> JSONResponse:
        info = lib.info(ref)
        shown = source or (info.sources[0].format if info.sources else None)
        edition = caches.editions.get(f"{info.id}:{shown}", lambda: lib.get(info.ref, source=source))
        return JSONResponse(edition_to_dict(edition))

    # --- Compare ---------------------------------------------------------------------------------------------

    @app.get("/compare", include_in_schema=False)
    def compare_form(
        old: Annotated[str, Query(pattern=REF_PATTERN)],
        new: Annotated[str, Query(pattern=REF_PATTERN)],
        min_change: MinChange = 0.0,
    ) -> RedirectResponse:
        return RedirectResponse(url_compare(old, new, min_change or None), status_code=303)

    @app.get("/compare/{old}/{new}", response_class=HTMLResponse, include_in_schema=False)
    def compare_page(old: RefParam, new: RefParam, min_change: MinChange = 0.0) -> HTMLResponse:
        old_info, new_info = lib.info(old), lib.info(new)

        def render() -> str:
            with collector_paused():
                comparison = views.compare_refs(lib, caches, old, new, infos=(old_info, new_info))
                view = views.compare_view(comparison, min_change)
                return env.get_template("compare.html").render(
                    **_globals(uploads), view=view, c=comparison, old_info=old_info, new_info=new_info,
                    min_change=min_change, side=views.side_by_side_html(view),
                )  # fmt: skip

        # The page names the editions by id and by the references shown (which a newer edition can change).
        key = (old_info.id, new_info.id, old_info.ref, new_info.ref, round(min_change, 3))
        return HTMLResponse(caches.compare_pages.get(key, render))

    @app.get(
        "/api/compare/{old}/{new}.csv",
        tags=["editions"],
        response_class=Response,
        responses=api_doc.CSV_ANSWER,
        summary="The comparison's figure changes as CSV, one row per figure (README)",
    )
    def api_compare_csv(old: RefParam, new: RefParam) -> Response:
        comparison = views.compare_refs(lib, caches, old, new)
        return Response(render_comparison.render_figures_csv(comparison), media_type="text/csv; charset=utf-8")

    @app.get(
        "/api/compare/{old}/{new}",
        tags=["editions"],
        summary="What changed from one edition to another (DESIGN.md's Comparison JSON)",
    )
    def api_compare(old: RefParam, new: RefParam, min_change: MinChange = 0.0) -> JSONResponse:
        comparison = views.compare_refs(lib, caches, old, new)
        return JSONResponse(views.comparison_json(comparison, min_change))

    # --- Search ----------------------------------------------------------------------------------------------

    def run_search(
        q: str, report: str, since: str, until: str, product: str, within: str, limit: int, offset: int
    ) -> Any:
        if report and not _REF.match(report):
            raise NotFoundError(f"no report {report!r} in the library.")
        return lib.search(
            _clean_query(q),
            report=report or None,
            since=since or None,
            until=until or None,
            product=_clean_query(product) or None,
            within=within or None,
            limit=limit,
            offset=offset,
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
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
        return page("search.html", q=_clean_query(q), results=results, report=report, since=since, until=until,
                    product=product, within=within, filters=filters, csv_query=csv_query,
                    highlighted=views.highlighted)  # fmt: skip

    @app.get("/api/search", tags=["library"], summary="Sentences of every edition that say it, cited, a page at a time")
    def api_search(
        q: Annotated[str, Query(max_length=300, description='Words that must all appear; "quoted phrases".')],
        report: Report = "",
        since: DateBound = "",
        until: DateBound = "",
        product: TextQuery = "",
        within: SearchWithinParam = "",
        limit: Limit = 20,
        offset: OffsetParam = 0,
    ) -> JSONResponse:
        return JSONResponse(views.search_to_dict(run_search(q, report, since, until, product, within, limit, offset)))

    @app.get(
        "/api/search.csv",
        tags=["library"],
        response_class=Response,
        responses=api_doc.CSV_ANSWER,
        summary="The same hits as CSV, one row per sentence (README)",
    )
    def api_search_csv(
        q: Annotated[str, Query(max_length=300, description='Words that must all appear; "quoted phrases".')],
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

    @app.get(
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
        return JSONResponse(views.citations_to_dict(cited))

    # --- Adding ----------------------------------------------------------------------------------------------

    def add_bytes(data: bytes, name: str) -> dict[str, Any]:
        return upload.add_edition(lib, data, name, max_upload)

    async def receive_upload(file: UploadFile) -> dict[str, Any]:
        name = _file_name(file.filename)
        if upload.in_child(lib, file):  # a large one: its memory and CPU stay out of the server
            return await upload.add_in_child(lib, file, name, max_upload)
        data = await file.read(max_upload + 1)
        if len(data) > max_upload:
            raise editions.InputError(f"{name} is over the {format_size(max_upload)} limit.")
        large = len(data) >= memory.RELEASE_AFTER
        try:
            return await run_in_threadpool(add_bytes, data, name)
        finally:
            del data
            if large:
                await run_in_threadpool(memory.release)

    @app.post(
        "/api/editions",
        tags=["editions"],
        summary="Add an edition (needs the server's token: Authorization: Bearer T)",
        status_code=201,
        responses={200: {"description": "Already in the library"}, **api_doc.UPLOAD_ERRORS},
    )  # fmt: skip
    async def api_add(request: Request, file: Annotated[UploadFile, File(description="An edition file.")]) -> Response:
        if not uploads:
            return problem(request, 403, UPLOADS_OFF)
        if not token_ok(token, bearer(request.headers.get("authorization"))):
            return JSONResponse({"error": TOKEN_NEEDED}, status_code=401, headers={"www-authenticate": "Bearer"})
        result = await receive_upload(file)
        return JSONResponse(result, status_code=201 if result["status"] == "added" else 200)

    @app.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_page() -> HTMLResponse:
        if not uploads:
            return page("error.html", status_code=403, status=403, message=UPLOADS_OFF)
        return page("add.html", result=None, max_upload=format_size(max_upload))

    @app.post("/add", response_class=HTMLResponse, include_in_schema=False)
    async def add_form(
        request: Request, file: Annotated[UploadFile, File()], token_field: Annotated[str, Form(alias="token")] = ""
    ) -> Response:
        if not uploads:
            return page("error.html", status_code=403, status=403, message=UPLOADS_OFF)
        if not token_ok(token, token_field):
            if token_field and request.client is not None:
                throttle.failed(request.client.host)
            return page("error.html", status_code=401, status=401, message=TOKEN_WRONG if token_field else TOKEN_NEEDED)
        result = await receive_upload(file)
        return page("add.html", status_code=201 if result["status"] == "added" else 200, result=result,
                    max_upload=format_size(max_upload))  # fmt: skip

    # --- API description for people --------------------------------------------------------------------------

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page() -> HTMLResponse:
        schema = app.openapi()
        operations = []
        for path, methods in schema.get("paths", {}).items():
            for method, op in methods.items():
                params = [
                    (p.get("name"), p.get("in"), p.get("required", False), p.get("description", ""))
                    for p in op.get("parameters", [])
                ]
                operations.append((method.upper(), path, op.get("summary", ""), params))
        return page("docs.html", operations=operations, title=schema["info"]["title"])

    @app.get("/api", tags=["library"], summary="This index of the API: every call, what it is for, and where "
             "the full description is")  # fmt: skip
    @app.get("/api/", include_in_schema=False)
    def api_index() -> JSONResponse:
        return JSONResponse(api_doc.api_index(app.openapi()))

    plain_openapi = app.openapi
    app.openapi = lambda: api_doc.without_validation_answers(plain_openapi())  # type: ignore[method-assign]
    app.state.library = lib
    app.state.caches = caches
    app.add_middleware(
        security.Guard, token=token, max_body=max_upload + FORM_ROOM, max_upload=max_upload, throttle=throttle,
        hosts=None if hosts is None else security.allowed_hosts(hosts),
        error_page=lambda status, message: _page_env().get_template("error.html").render(
            **_globals(uploads), status=status, message=message),
    )  # fmt: skip
    return app
