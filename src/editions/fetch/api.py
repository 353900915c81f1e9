"""The Congress.gov API (v3) as far as CRS products go: one report's detail, and the catalogue list.

What the API answers is taken with its known traps (docs: ../shared/SOURCES.md, "Congress.gov API v3"): the
detail states `currentVersion` (the published spec says `version`), its page `url` has no scheme, the list's
`version` can be older than the detail's, `formats` may hold only HTML, and the list moves a product updated
while one pages to the top (ids repeat). `format=json` is always sent: XML is the API's default.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from editions.fetch.http import FetchError, Missing, PoliteClient, Response

DEFAULT_API_URL = "https://api.congress.gov/v3"
API_URL_ENV = "EDITIONS_CONGRESS_API"
API_KEY_ENV = "CONGRESS_API_KEY"
KEY_HELP = "get a free key at https://api.data.gov/signup/ and pass it with --api-key or $CONGRESS_API_KEY"
PAGE_SIZE = 250
"""The most the list gives in one page."""
_PDF_VERSION = re.compile(r"/(?P<id>[A-Za-z0-9]+)\.(?P<version>\d+)\.pdf$")


class ApiKeyError(FetchError):
    """The API refused the key (missing, invalid or disabled)."""


@dataclass(frozen=True, slots=True)
class FileLink:
    format: str
    """'pdf' or 'html'."""
    url: str
    version: int | None
    """For a PDF, the version its name carries (`IF10199.49.pdf`); an HTML URL serves whatever is current."""


@dataclass(frozen=True, slots=True)
class ReportDetail:
    id: str
    title: str | None
    current_version: int | None
    """The detail's `currentVersion`, else the version of its PDF's name, else the spec's `version`."""
    publish_date: str | None
    update_date: str | None
    status: str | None
    content_type: str | None
    formats: tuple[FileLink, ...]
    summary: str
    page_url: str | None


@dataclass(frozen=True, slots=True)
class Listed:
    """One item of the catalogue list: enough to decide whether to look at the report again."""

    id: str
    update_date: str
    publish_date: str | None
    version: int | None
    """The list's version number, which can lag the detail's: a hint, never trusted."""
    content_type: str | None
    title: str | None


def absolute(url: str) -> str:
    """A URL with a scheme: the API gives some without (`www.congress.gov/crs-report/IN12740`)."""
    if url.startswith("//"):
        return "https:" + url
    return url if re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I) else "https://" + url.lstrip("/")


def pdf_version(url: str) -> int | None:
    m = _PDF_VERSION.search(url.split("?")[0])
    return int(m.group("version")) if m else None


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


class CongressApi:
    def __init__(self, client: PoliteClient, base_url: str, api_key: str) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key

    def _get(self, path: str, params: dict[str, str | int] | None = None) -> dict[str, Any]:
        response = self.client.get(
            f"{self.base_url}/{path}", params={"format": "json", **(params or {})}, headers={"X-Api-Key": self.api_key}
        )
        return _answer(response, path)

    def detail(self, report_id: str) -> ReportDetail:
        """The report's detail; `Missing` for a report the API does not know."""
        body = self._get(f"crsreport/{report_id}")
        raw = body.get("CRSReport")
        if not isinstance(raw, dict):
            raise FetchError(f"the API's answer for {report_id} has no CRSReport; is {self.base_url} the API?")
        links = []
        for item in raw.get("formats") or ():
            if not isinstance(item, dict) or not isinstance(item.get("url"), str):
                continue
            fmt = str(item.get("format", "")).strip().lower()
            if fmt in ("pdf", "html"):
                url = absolute(item["url"])
                links.append(FileLink(fmt, url, pdf_version(url) if fmt == "pdf" else None))
        from_pdf = max((link.version for link in links if link.version is not None), default=None)
        current = _int(raw.get("currentVersion")) or from_pdf or _int(raw.get("version"))
        page = _text(raw.get("url"))
        return ReportDetail(
            id=_text(raw.get("id")) or report_id.upper(),
            title=_text(raw.get("title")),
            current_version=current,
            publish_date=_text(raw.get("publishDate")),
            update_date=_text(raw.get("updateDate")),
            status=_text(raw.get("status")),
            content_type=_text(raw.get("contentType")),
            formats=tuple(links),
            summary=_text(raw.get("summary")) or "",
            page_url=absolute(page) if page else None,
        )

    def listing(self, *, since: str | None = None, page_size: int = PAGE_SIZE) -> Iterator[Listed]:
        """The catalogue, newest update first, each id once, down to `since` (an ISO date or date-time on the
        update date; filtered here too: the API was reported not to)."""
        params: dict[str, str | int] = {"limit": page_size}
        if since:
            params["fromDateTime"] = since if "T" in since else f"{since}T00:00:00Z"
        seen: set[str] = set()
        offset = 0
        while True:
            body = self._get("crsreport", {**params, "offset": offset})
            items = body.get("CRSReports")
            if not isinstance(items, list) or not items:
                return
            for raw in items:
                if not isinstance(raw, dict) or not (report_id := _text(raw.get("id"))):
                    continue
                updated = _text(raw.get("updateDate")) or ""
                if since and updated[: len(since)] < since:
                    return  # newest first: everything after is older
                if report_id in seen:
                    continue  # moved to the top while we paged
                seen.add(report_id)
                yield Listed(
                    id=report_id,
                    update_date=updated,
                    publish_date=_text(raw.get("publishDate")),
                    version=_int(raw.get("version")),
                    content_type=_text(raw.get("contentType")),
                    title=_text(raw.get("title")),
                )
            offset += len(items)
            count = _int((body.get("pagination") or {}).get("count"))
            if count is not None and offset >= count:
                return


def _answer(response: Response, path: str) -> dict[str, Any]:
    """The JSON body of a successful answer; otherwise the error it states, as one sentence."""
    try:
        body = json.loads(response.content) if response.content else {}
    except ValueError:
        body = None
    error = body.get("error") if isinstance(body, dict) else None
    if response.status == 403 or (isinstance(error, dict) and str(error.get("code", "")).startswith("API_KEY")):
        code = str(error.get("code", "")) if isinstance(error, dict) else ""
        what = {
            "API_KEY_MISSING": "no API key was sent",
            "API_KEY_INVALID": "the API key is not valid",
            "API_KEY_DISABLED": "the API key is disabled",
        }.get(code, "the API refused the request (HTTP 403)")
        raise ApiKeyError(f"{what}; {KEY_HELP}.")
    if response.status == 404:
        raise Missing(f"the API has no CRS product {path.rsplit('/', 1)[-1]!r} (HTTP 404).")
    if response.status >= 400 or error is not None:
        message = str(error.get("message") or error.get("code") or "") if isinstance(error, dict) else str(error or "")
        said = " ".join(message.split())[:200]
        raise FetchError(f"the API answered {path} with HTTP {response.status}" + (f": {said}." if said else "."))
    if not isinstance(body, dict):
        raise FetchError(f"the API's answer to {path} is not JSON; is the API URL right?")
    return body
