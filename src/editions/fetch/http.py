"""Polite HTTP for the publishers' hosts: a request rate, their rate-limit answers, retries, the bot check.

One `PoliteClient` serves every request of a run (API calls and file downloads, from any number of threads), so
the rate it keeps is the run's rate. Waiting goes through a `Clock`, so tests run a fake one and never sleep.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

import httpx

from editions.errors import EditionsError

USER_AGENT = "editions (a reader of CRS report editions; about one request a second)"
DEFAULT_RATE = 1.0
"""Requests a second: what the publishers ask of a polite client."""
BUDGET_RESERVE = 0.1
"""Once fewer than this share of the hour's API budget (`X-RateLimit-Limit`) remains, requests are spread at the
hourly pace (the limit's requests over an hour) instead of the run's rate, so a long run never meets a 429."""
MAX_ATTEMPTS = 5
MAX_RETRY_AFTER = 3600.0
"""The longest `Retry-After` waited out; a longer one (the demo key's is until midnight) ends the run."""


class FetchError(EditionsError):
    """Something the publisher's server answered (or did not) that stops a fetch; one sentence."""


class BotChallenge(FetchError):
    """The file's host answered with its bot check ("Just a moment..."), not with the file."""


class Missing(FetchError):
    """The server says the thing asked for does not exist (404)."""


class Clock(Protocol):
    """Time as the rate limiter sees it: `monotonic` seconds, and a way to wait."""

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@dataclass(frozen=True, slots=True)
class Response:
    url: str
    status: int
    headers: Mapping[str, str]
    content: bytes


class RateLimiter:
    """At most `rate` requests a second (0: no limit), slower when the server's budget runs low."""

    def __init__(self, rate: float, clock: Clock) -> None:
        self.interval = 0.0 if rate <= 0 else 1.0 / rate
        self.clock = clock
        self._next = clock.monotonic()
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = self.clock.monotonic()
            if self._next > now:
                self.clock.sleep(self._next - now)
                now = self._next
            self._next = now + self.interval

    def pause(self, seconds: float) -> None:
        """The server asked for a pause (`Retry-After`, a 5xx back-off): no request before it is over."""
        with self._lock:
            now = self.clock.monotonic()
            self._next = max(self._next, now + seconds)
        self.wait()

    def observe(self, headers: Mapping[str, str]) -> None:
        limit, remaining = _int(headers.get("x-ratelimit-limit")), _int(headers.get("x-ratelimit-remaining"))
        if limit is None or remaining is None or limit <= 0:
            return
        if remaining < limit * BUDGET_RESERVE:
            with self._lock:
                self._next = max(self._next, self.clock.monotonic() + 3600.0 / limit)


def _int(text: str | None) -> int | None:
    try:
        return None if text is None else int(text.strip())
    except ValueError:
        return None


def retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """`Retry-After` in seconds: a number of seconds or an HTTP date."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


def is_bot_challenge(response: Response) -> bool:
    """Cloudflare's check: 403 (or 503) with `cf-mitigated: challenge`, or its "Just a moment..." page."""
    if response.headers.get("cf-mitigated", "").lower() == "challenge":
        return True
    return response.status in (403, 503) and b"Just a moment..." in response.content[:4096]


class PoliteClient:
    """GET with the run's rate, retries on 429 (after `Retry-After`) and on 5xx and network errors (backing off
    2, 4, 8 … seconds), and the bot check told apart from an answer. Thread-safe."""

    def __init__(
        self,
        *,
        rate: float = DEFAULT_RATE,
        clock: Clock | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float = 60.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.clock = clock or SystemClock()
        self.limiter = RateLimiter(rate, self.clock)
        self.requests = 0
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT, **(headers or {})},
            timeout=timeout,
            follow_redirects=True,
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self, url: str, *, params: Mapping[str, str | int] | None = None, headers: Mapping[str, str] | None = None
    ) -> Response:
        """The server's answer (any status but 429 and 5xx, which are retried). Raises `FetchError` when the
        retries run out or the server asks for a longer pause than `MAX_RETRY_AFTER`."""
        shown = url.split("?")[0]
        for attempt in range(1, MAX_ATTEMPTS + 1):
            self.limiter.wait()
            try:
                raw = self._client.get(url, params=params, headers=headers)
            except httpx.TransportError as exc:
                if attempt == MAX_ATTEMPTS:
                    raise FetchError(f"cannot reach {shown}: {exc or type(exc).__name__}.") from None
                self.limiter.pause(2.0**attempt)
                continue
            self.requests += 1
            response = Response(str(raw.url), raw.status_code, raw.headers, raw.content)
            self.limiter.observe(raw.headers)
            if raw.status_code == 429:
                wait = retry_after(raw.headers.get("retry-after"))
                wait = 2.0**attempt if wait is None else wait
                if wait > MAX_RETRY_AFTER or attempt == MAX_ATTEMPTS:
                    raise FetchError(
                        f"the server's rate limit is reached (HTTP 429) and it asks to wait {wait:.0f} s; "
                        "run again later."
                    )
                self.limiter.pause(wait)
                continue
            if raw.status_code >= 500 and not is_bot_challenge(response):
                if attempt == MAX_ATTEMPTS:
                    raise FetchError(f"{shown} answered HTTP {raw.status_code} {MAX_ATTEMPTS} times; try again later.")
                self.limiter.pause(2.0**attempt)
                continue
            return response
        raise AssertionError("unreachable")
