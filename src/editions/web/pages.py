"""The app's pages: the Jinja environment of its templates, the URL helpers the templates use, and the renderer
every route hands a template and its context to (with what every page shows: uploads on or off, the version)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from editions import vocabulary
from editions.web import views

HERE = Path(__file__).resolve().parent


def url_edition(ref: str, sentence: int | None = None) -> str:
    return f"/editions/{quote(ref, safe='@~')}" + ("" if sentence is None else f"#s{sentence}")


def url_report(report: str) -> str:
    return f"/reports/{quote(report, safe='')}"


def url_compare(old: str, new: str, min_change: float | None = None) -> str:
    base = f"/compare/{quote(old, safe='@~')}/{quote(new, safe='@~')}"
    return base + (f"?{urlencode({'min_change': min_change})}" if min_change else "")


def url_search(q: str, **filters: str) -> str:
    return "/search?" + urlencode({"q": q, **{k: v for k, v in filters.items() if v}})


def version() -> str:
    from importlib import metadata

    try:
        return metadata.version("editions")
    except metadata.PackageNotFoundError:
        return "unknown"


def environment() -> Environment:
    """The templates' environment, every template compiled now (not on a page's first view), with the helpers
    the templates call."""
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
        section_label=vocabulary.section_label,
    )
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)
    return env


@dataclass(frozen=True)
class Pages:
    """Renders the app's templates from `env`; `uploads` says whether the pages offer adding an edition."""

    env: Environment
    uploads: bool

    def globals(self) -> dict[str, Any]:
        return {"uploads": self.uploads, "version": version()}

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**self.globals(), **context)

    def page(self, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.render(name, **context), status_code=status_code)

    def problem(self, request: Request, status: int, message: str) -> Response:
        """An error as JSON under `/api`, as an error page elsewhere."""
        if request.url.path.startswith("/api"):
            return JSONResponse({"error": message}, status_code=status)
        return self.page("error.html", status_code=status, status=status, message=message)
