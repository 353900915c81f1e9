"""The web face's security, in one ASGI middleware (`Guard`) that every request passes first:

- the `Host` header must name this server (the `--host` names, `localhost`, `127.0.0.1`, `[::1]`, and each
  `--allow-host`): a page on another site that points its own name at 127.0.0.1 (DNS rebinding) gets a 400;
- uploads are refused before their body is read when the server takes none (403) or the API call lacks the
  token (401); wrong tokens are counted per client address, and after `TokenThrottle.max_failures` in its window
  that address gets a 429 until the window has passed;
- request bodies are spooled to a temporary file (not memory) up to the limit, and refused with 413 beyond it,
  before anything parses them;
- `HEAD` is answered on every page as `GET` is, without the body;
- every response carries the security headers (a Content-Security-Policy without inline scripts or styles).

The token itself is compared in constant time (`token_ok`).
"""

from __future__ import annotations

import hmac
import json
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from starlette.datastructures import MutableHeaders

from editions.ingest import format_size

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
ErrorPage = Callable[[int, str], str]
"""Renders the HTML page of an error (status, one sentence) for the paths that are not under /api."""

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
)
UPLOAD_PATHS = frozenset({"/api/editions", "/add"})
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
"""The names a loopback server always answers to, besides the address it listens on."""
MIN_TOKEN_LENGTH = 16
"""Shortest token `editions serve` accepts: a short one is guessed even at the throttled rate."""
SPOOL_BYTES = 1024 * 1024
"""Request bodies beyond this go to a temporary file while they are received."""
REPLAY_CHUNK = 64 * 1024

UPLOADS_OFF = "adding editions over the web is off; start the server with a token: editions serve --token T."
TOKEN_NEEDED = "adding editions needs the server's token (Authorization: Bearer T)."
TOKEN_WRONG = "that is not the server's token."


def bearer(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer T` header, or None."""
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def token_ok(expected: str | None, given: str | None) -> bool:
    if expected is None or given is None:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def short_token(token: str) -> str | None:
    """The sentence refusing `token` when it is too short to keep guessers out, else None."""
    if len(token) >= MIN_TOKEN_LENGTH:
        return None
    return (
        f"the token is {len(token)} characters long; give one of at least {MIN_TOKEN_LENGTH} "
        '(e.g. python3 -c "import secrets; print(secrets.token_urlsafe())").'
    )


def host_name(header: str) -> str:
    """The name in a `Host` header, without its port: `[::1]:8000` → `[::1]`, `Example.org:80` → `example.org`."""
    name = header.strip().lower()
    if name.startswith("["):
        return name[: name.find("]") + 1] if "]" in name else name
    return name.rsplit(":", 1)[0] if name.count(":") == 1 else name


def allowed_hosts(listen: Iterable[str], extra: Iterable[str] = ()) -> frozenset[str]:
    """The `Host` names a server listening on `listen` answers to: those, the loopback names, and `extra`
    (IPv6 addresses in brackets, as a `Host` header writes them)."""
    names = set(LOOPBACK_HOSTS)
    for name in (*listen, *extra):
        bare = name.strip().lower()
        if ":" in bare and not bare.startswith("["):
            bare = f"[{bare}]"
        if bare:
            names.add(host_name(bare))
    return frozenset(names)


class TokenThrottle:
    """Counts wrong tokens per client address: after `max_failures` within `window_s` seconds, that address is
    refused (429) until its oldest counted failure is `window_s` old. `clock` returns seconds (monotonic)."""

    def __init__(
        self, *, max_failures: int = 5, window_s: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self.clock = clock
        self._failures: dict[str, list[float]] = {}

    def _recent(self, client: str, now: float) -> list[float]:
        recent = [t for t in self._failures.get(client, ()) if now - t < self.window_s]
        if recent:
            self._failures[client] = recent
        else:
            self._failures.pop(client, None)
        return recent

    def retry_after(self, client: str) -> int | None:
        """Whole seconds until `client` may try a token again, or None when it may now."""
        now = self.clock()
        recent = self._recent(client, now)
        if len(recent) < self.max_failures:
            return None
        return max(1, int(recent[-self.max_failures] + self.window_s - now + 0.999))

    def failed(self, client: str) -> None:
        now = self.clock()
        if len(self._failures) > 10_000:  # many addresses: forget those with no failure in the window
            for other in list(self._failures):
                self._recent(other, now)
        self._failures[client] = [*self._recent(client, now), now]


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else ""


class Guard:
    """The middleware described at the top of this module. `hosts` None answers any `Host` (an app embedded
    behind another server that checks it); `error_page` renders the HTML error pages."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        token: str | None,
        max_body: int,
        max_upload: int,
        hosts: frozenset[str] | None,
        throttle: TokenThrottle,
        error_page: ErrorPage,
    ) -> None:
        self.app = app
        self.token = token
        self.max_body = max_body
        self.max_upload = max_upload
        self.hosts = hosts
        self.throttle = throttle
        self.error_page = error_page

    async def refuse(
        self, scope: Scope, send: Send, status: int, message: str, extra: dict[str, str] | None = None
    ) -> None:
        if scope["path"].startswith("/api"):
            body = json.dumps({"error": message}).encode()
            kind = "application/json"
        else:
            body = self.error_page(status, message).encode()
            kind = "text/html; charset=utf-8"
        headers = [(b"content-type", kind.encode()), (b"content-length", str(len(body)).encode())]
        headers += [(k.encode(), v.encode()) for k, v in (extra or {}).items()]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    if name not in headers:
                        headers[name] = value
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if self.hosts is not None:
            name = host_name(headers.get("host", ""))
            if name not in self.hosts:
                shown = name[:100] or "(none)"
                await self.refuse(
                    scope, send_secured, 400,
                    f"this server does not answer to the host name {shown}; open it as localhost, or start it "
                    f"with --allow-host {shown}.",
                )  # fmt: skip
                return
        if head:
            await self.app({**scope, "method": "GET"}, receive, send_secured)
            return
        if scope["method"] not in ("POST", "PUT", "PATCH", "DELETE"):
            await self.app(scope, receive, send_secured)
            return
        path = scope["path"]
        if path in UPLOAD_PATHS:
            if self.token is None:
                await self.refuse(scope, send_secured, 403, UPLOADS_OFF)
                return
            client = client_address(scope)
            wait = self.throttle.retry_after(client)
            if wait is not None:
                refusal = f"too many wrong tokens from this address; try again in {wait} s."
                await self.refuse(scope, send_secured, 429, refusal, {"retry-after": str(wait)})
                return
            if path == "/api/editions":
                given = bearer(headers.get("authorization"))
                if not token_ok(self.token, given):
                    if given is not None:
                        self.throttle.failed(client)
                    await self.refuse(scope, send_secured, 401, TOKEN_NEEDED, {"www-authenticate": "Bearer"})
                    return
        length = headers.get("content-length")
        too_big = f"the upload is over the {format_size(self.max_upload)} limit."
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await self.refuse(scope, send_secured, 413, too_big)
            return
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as body:
            size = 0
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.max_body:
                    await self.refuse(scope, send_secured, 413, too_big)
                    return
                body.write(chunk)
                if not message.get("more_body", False):
                    break
            body.seek(0)
            done = False

            async def replay() -> Message:
                nonlocal done
                if done:
                    return await receive()
                chunk = body.read(REPLAY_CHUNK)
                done = body.tell() >= size
                return {"type": "http.request", "body": chunk, "more_body": not done}

            await self.app(scope, replay, send_secured)
