"""A small, real HTTP server standing in for the Congress.gov API, its file host and an EveryCRSReport mirror,
built from the facts in ../shared/SOURCES.md (field names exact). One per test, on 127.0.0.1 with a free port.

- `GET /v3/crsreport?format=json&offset=N&limit=L` and `GET /v3/crsreport/{id}?format=json`, key in `X-Api-Key`
  (or `api_key`): 403 `API_KEY_MISSING` / `API_KEY_INVALID` / `API_KEY_DISABLED`, 429 `OVER_RATE_LIMIT` with
  `Retry-After` (queued with `throttle`), an application error body for ids in `app_errors`, 404 for unknown
  ids; the list's `version` can lag the detail's `currentVersion` (`FakeReport.list_version`).
- Files at `/crs_external_products/{DIR}/PDF/{ID}/{ID}.{V}.pdf` and `/crs_external_products/{DIR}/HTML/{ID}.html`,
  with ETags (304 on `If-None-Match`); an HTML can answer the bot check (403, `cf-mitigated: challenge`).
- An EveryCRSReport layout at `/ecr/`: `reports.csv`, `reports/{ID}.json`, `files/{DATE}_{ID}_{SHA1}.{ext}`
  (`write_mirror` writes the same to a folder).
- `requests`: every request as (method, path, status), for counting; `hold`: a path prefix at which the server
  sends half the body, then waits for `release` (a client killed mid-download).

Report texts and PDFs are made by the tests from their own sentences (`report_pdf`, `report_html`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingest"))  # the generator of test PDFs
from pdf_fixtures import Line, Page, build, paragraph_lines

CHALLENGE_PAGE = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
    b"<body><p>Checking your browser before accessing the site.</p></body></html>"
)


def report_pdf(report: str, title: str, date_text: str, paragraphs: list[str]) -> bytes:
    """A CRS-like PDF: title, "Updated <date> (<report>)", one section of the paragraphs."""
    lines = [Line(72, 720, title, 16, "F2"), Line(72, 690, f"Updated {date_text} ({report})", 10)]
    lines.append(Line(72, 660, "Overview", 12, "F2"))
    y = 640.0
    for paragraph in paragraphs:
        for text in paragraph_lines(paragraph.split(), 85):
            lines.append(Line(72, y, text))
            y -= 13
        y -= 8
    return build([Page(lines)])


def report_html(report: str, title: str, date_text: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body><h1>{title}</h1>"
        f"<p>Updated {date_text} ({report})</p><h2>Overview</h2>{body}</body></html>"
    ).encode()


@dataclass
class Version:
    number: int
    date: str
    """ISO date."""
    date_text: str
    paragraphs: list[str]


@dataclass
class FakeReport:
    id: str
    title: str
    versions: dict[int, Version] = field(default_factory=dict)
    directory: str = ""
    """The product-type folder of the file URLs (not always the id's letters)."""
    update_date: str = "2026-01-01T12:00:00Z"
    list_version: int | None = None
    """What the list says the version is (None: the current one); the trap is a lagging one."""
    html: bool = True
    pdf_in_formats: bool = True
    html_challenge: bool = False

    @property
    def current(self) -> int:
        return max(self.versions)

    def pdf(self, number: int) -> bytes:
        v = self.versions[number]
        return report_pdf(self.id, self.title, v.date_text, v.paragraphs)

    def html_page(self) -> bytes:
        v = self.versions[self.current]
        return report_html(self.id, self.title, v.date_text, v.paragraphs)


class FakeCongress:
    def __init__(self) -> None:
        self.reports: dict[str, FakeReport] = {}
        self.keys = {"test-key"}
        self.disabled_keys: set[str] = set()
        self.app_errors: set[str] = set()
        self.requests: list[tuple[str, str, int]] = []
        self.throttle_queue: list[str] = []
        self.fail_queue: list[int] = []
        """Statuses (5xx) the next API requests answer with, before answering again."""
        self.remaining = 4999
        """`X-RateLimit-Remaining` of the API's answers (of 5,000)."""
        self.hold: str | None = None
        self.held = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # --- Set-up ---------------------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/v3"

    @property
    def mirror_url(self) -> str:
        return f"{self.url}/ecr"

    def add(self, report: FakeReport) -> FakeReport:
        report.directory = report.directory or "".join(c for c in report.id if c.isalpha())
        self.reports[report.id] = report
        return report

    def throttle(self, retry_after: str, times: int = 1) -> None:
        """The next `times` API requests answer 429 with this `Retry-After`."""
        self.throttle_queue.extend([retry_after] * times)

    def count(self, prefix: str = "", status: int | None = None) -> int:
        return sum(1 for _, path, s in self.requests if path.startswith(prefix) and (status is None or s == status))

    def file_downloads(self) -> int:
        """File responses that carried the file (200)."""
        return self.count("/crs_external_products/", 200)

    def pdf_url(self, report: FakeReport, number: int) -> str:
        return f"{self.url}/crs_external_products/{report.directory}/PDF/{report.id}/{report.id}.{number}.pdf"

    def html_url(self, report: FakeReport) -> str:
        return f"{self.url}/crs_external_products/{report.directory}/HTML/{report.id}.html"

    # --- Answers ----------------------------------------------------------------------------------------------

    def detail(self, report: FakeReport) -> dict[str, object]:
        formats = []
        if report.pdf_in_formats:
            formats.append({"format": "PDF", "url": self.pdf_url(report, report.current)})
        if report.html:
            formats.append({"format": "HTML", "url": self.html_url(report)})
        first = report.versions[min(report.versions)]
        return {
            "CRSReport": {
                "authors": [{"author": "Analyst, A."}, {"author": "Analyst, A."}],
                "contentType": "Reports",
                "currentVersion": report.current,
                "formats": formats,
                "id": report.id,
                "publishDate": f"{first.date}T04:00:00Z",
                "relatedMaterials": [{"URL": "", "congress": 119, "number": 5, "title": "A bill", "type": "HR"}],
                "status": "Active",
                "summary": "A summary.\nIts second paragraph.",
                "title": report.title,
                "topics": [{"topic": "Testing"}],
                "updateDate": report.update_date,
                "url": f"www.congress.gov/crs-report/{report.id}",
            },
            "request": {"contentType": "application/json", "format": "json", "report_id": report.id.lower()},
        }

    def listing(self, offset: int, limit: int) -> dict[str, object]:
        ordered = sorted(self.reports.values(), key=lambda r: r.update_date, reverse=True)
        page = ordered[offset : offset + limit]
        items = [
            {
                "contentType": "Reports",
                "id": r.id,
                "publishDate": f"{r.versions[min(r.versions)].date}T04:00:00Z",
                "status": "Active",
                "title": r.title,
                "updateDate": r.update_date,
                "url": f"{self.api_url}/crsreport/{r.id}",
                "version": r.list_version if r.list_version is not None else r.current,
            }
            for r in page
        ]
        nxt = f"{self.api_url}/crsreport?offset={offset + limit}&limit={limit}&format=json"
        return {
            "CRSReports": items,
            "pagination": {"count": len(ordered), **({"next": nxt} if offset + limit < len(ordered) else {})},
            "request": {"contentType": "application/json", "format": "json"},
        }

    def mirror_files(self) -> dict[str, bytes]:
        """The EveryCRSReport layout of every report: relative path → bytes."""
        files: dict[str, bytes] = {}
        rows = []
        for report in self.reports.values():
            versions = []
            for number in sorted(report.versions, reverse=True):
                v = report.versions[number]
                pdf = report.pdf(number)
                sha1 = hashlib.sha1(pdf).hexdigest()
                name = f"files/{v.date}_{report.id}_{sha1}.pdf"
                files[name] = pdf
                formats = [{"format": "PDF", "filename": name, "sha1": sha1, "url": self.pdf_url(report, number)}]
                versions.append(
                    {
                        "id": f"{report.id}_{number}_{v.date}",
                        "date": v.date,
                        "title": report.title,
                        "summary": "",
                        "source": "CRS",
                        "sourceLink": f"https://www.congress.gov/crs-product/{report.id}",
                        "retrieved": f"{v.date}T12:00:00",
                        "formats": formats,
                    }
                )
            record = json.dumps(
                {
                    "id": report.id,
                    "number": report.id,
                    "type": "In Focus",
                    "typeId": report.directory,
                    "active": True,
                    "topics": [],
                    "versions": versions,
                }
            ).encode()
            files[f"reports/{report.id}.json"] = record
            latest = versions[0]
            rows.append(
                [
                    report.id,
                    f"reports/{report.id}.json",
                    hashlib.sha1(record).hexdigest(),
                    latest["date"],
                    report.title,
                    latest["formats"][0]["filename"],
                    "",
                ]
            )
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["number", "url", "sha1", "latestPubDate", "title", "latestPDF", "latestHTML"])
        writer.writerows(rows)
        files["reports.csv"] = out.getvalue().encode()
        return files

    def write_mirror(self, folder: Path) -> Path:
        for name, data in self.mirror_files().items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        return folder

    # --- The server ----------------------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stall

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                status, headers, body = fake.answer(parts.path, query, dict(self.headers.items()))
                with fake.lock:
                    fake.requests.append(("GET", parts.path, status))
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if fake.hold and parts.path.startswith(fake.hold) and status == 200:
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    fake.held.set()
                    fake.release.wait(30)
                    return
                self.wfile.write(body)

        return Handler

    def answer(self, path: str, query: dict[str, str], headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        lowered = {k.lower(): v for k, v in headers.items()}
        if path.startswith("/v3/"):
            return self.api(path.removeprefix("/v3/"), query, lowered)
        if path.startswith("/crs_external_products/"):
            return self.file(path, lowered)
        if path.startswith("/ecr/"):
            data = self.mirror_files().get(path.removeprefix("/ecr/"))
            return (200, {}, data) if data is not None else (404, {}, b"not found")
        return 404, {}, b"not found"

    def api(self, path: str, query: dict[str, str], headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        def js(status: int, body: object, extra: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
            base = {
                "Content-Type": "application/json",
                "X-RateLimit-Limit": "5000",
                "X-RateLimit-Remaining": str(self.remaining),
            }
            return status, {**base, **(extra or {})}, json.dumps(body).encode()

        key = headers.get("x-api-key") or query.get("api_key")
        if not key:
            return js(403, {"error": {"code": "API_KEY_MISSING", "message": "No api_key was supplied."}})
        if key in self.disabled_keys:
            return js(403, {"error": {"code": "API_KEY_DISABLED", "message": "The api_key has been disabled."}})
        if key not in self.keys:
            return js(403, {"error": {"code": "API_KEY_INVALID", "message": "An invalid api_key was supplied."}})
        if query.get("format") != "json":
            return 200, {"Content-Type": "application/xml"}, b"<api-root><error>XML is the default</error></api-root>"
        with self.lock:
            wait = self.throttle_queue.pop(0) if self.throttle_queue else None
            failure = self.fail_queue.pop(0) if self.fail_queue else None
        if failure is not None:
            return failure, {"Content-Type": "text/html"}, b"<html><body>Service Unavailable</body></html>"
        if wait is not None:
            body = {"error": {"code": "OVER_RATE_LIMIT", "message": "You have exceeded your rate limit."}}
            return js(429, body, {"Retry-After": wait, "X-RateLimit-Remaining": "0"})
        if path == "crsreport":
            return js(200, self.listing(int(query.get("offset", 0)), min(250, int(query.get("limit", 20)))))
        report_id = path.removeprefix("crsreport/").upper()
        if report_id in self.app_errors:
            return js(400, {"error": "ValueError: invalid literal for int() with base 10", "request": {}})
        report = self.reports.get(report_id)
        if report is None:
            return js(404, {"error": {"code": "NOT_FOUND", "message": "Not found"}})
        return js(200, self.detail(report))

    def file(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        parts = path.split("/")
        data: bytes | None = None
        content_type = "application/pdf"
        if len(parts) == 6 and parts[3] == "PDF":
            report = self.reports.get(parts[4])
            name = parts[5].removesuffix(".pdf").split(".")
            if report and len(name) == 2 and name[1].isdigit() and int(name[1]) in report.versions:
                data = report.pdf(int(name[1]))
        elif len(parts) == 5 and parts[3] == "HTML":
            report = self.reports.get(parts[4].removesuffix(".html").removesuffix(".web"))
            if report and report.html:
                if report.html_challenge:
                    return 403, {"cf-mitigated": "challenge", "Content-Type": "text/html"}, CHALLENGE_PAGE
                data, content_type = report.html_page(), "text/html"
        if data is None:
            return 404, {"Content-Type": "text/html"}, b"<html><body>Page not found</body></html>"
        etag = '"' + hashlib.sha1(data).hexdigest() + '"'
        if headers.get("if-none-match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"ETag": etag, "Content-Type": content_type}, data


@contextmanager
def running() -> Iterator[FakeCongress]:
    fake = FakeCongress()
    fake.thread.start()
    try:
        yield fake
    finally:
        fake.release.set()
        fake.server.shutdown()
        fake.server.server_close()


class FakeClock:
    """The rate limiter's clock in tests: sleeping moves it on at once and is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


# --- A made-up report, in versions ---------------------------------------------------------------------------

FIGURES = ["50,000", "51,500", "52,000", "53,250", "54,000", "55,000", "55,000"]
DATES = [
    ("2025-01-06", "January 6, 2025"),
    ("2025-03-10", "March 10, 2025"),
    ("2025-05-12", "May 12, 2025"),
    ("2025-08-04", "August 4, 2025"),
    ("2025-11-17", "November 17, 2025"),
    ("2026-02-09", "February 9, 2026"),
    ("2026-02-09", "February 9, 2026"),
]


def harbor_version(number: int) -> Version:
    """Version `number` of a made-up report: each version a new dated text whose headline figure moves."""
    date, date_text = DATES[number - 1]
    paragraphs = [
        f"The harbor dredging program served {FIGURES[number - 1]} vessels in fiscal year 2025, according to the "
        "agency's annual count.",
        "Congress funds the program through annual appropriations for the civil works account of the agency.",
        f"Dredging crews cleared {number * 3 + 10} channels during the season, and the agency plans more work.",
        "The program's authorization expires at the end of the fiscal year unless Congress extends it again.",
    ]
    return Version(number, date, date_text, paragraphs)


def harbor_report(report_id: str = "IF90001", versions: int = 5) -> FakeReport:
    return FakeReport(
        id=report_id,
        title="Harbor Dredging: Issues for Congress",
        versions={n: harbor_version(n) for n in range(1, versions + 1)},
        update_date="2026-01-05T15:00:00Z",
    )
