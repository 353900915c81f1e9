"""Alerts: each change notice sent through Apprise (mail, Slack, Discord, Teams, ntfy, a `json://` webhook, …)
to every URL configured, with the notice's headline lines as its text.

`deliver_pending(library, urls)` sends each URL the notices not yet delivered to it, oldest first, and records
every attempt in the library (`Library.record_delivery`). A delivery that fails is recorded with its error and
stays pending: the next call tries it again, so a notice is never lost to a receiver that was down. After a
failure the call sends that URL nothing more (what follows stays pending too, in order). A URL seen for the first
time is sent the notices of the last `backlog` only, not the library's whole history.

The library keeps a hash of each URL and the URL with its secrets hidden, never the URL itself.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import apprise

from editions.errors import EditionsError
from editions.library import Library, Notice, Target

DEFAULT_BACKLOG = dt.timedelta(days=7)
"""How far back a URL seen for the first time is sent notices."""
MAX_ERROR = 300
"""Longest error text kept for a failed delivery."""


class NotifyError(EditionsError):
    """A notification URL that Apprise cannot use."""


@dataclass(frozen=True, slots=True)
class Delivery:
    """One attempt to send one notice to one URL."""

    notice: Notice
    target: str
    """The URL with its secrets hidden (Apprise's privacy form)."""
    delivered: bool
    attempts: int
    """Attempts so far for this notice and URL, this one included."""
    error: str | None = None


@dataclass(frozen=True, slots=True)
class _Service:
    url: str
    target: Target
    plugin: apprise.NotifyBase


def services(urls: Iterable[str]) -> list[tuple[str, Target]]:
    """Each URL with the target the library keeps for it; raises `NotifyError` for a URL Apprise does not know
    (before anything is sent)."""
    return [(s.url, s.target) for s in _services(urls)]


def _services(urls: Iterable[str]) -> list[_Service]:
    out: list[_Service] = []
    for url in dict.fromkeys(u.strip() for u in urls):
        plugin = apprise.Apprise.instantiate(url)
        if plugin is None:
            scheme = url.split("://", 1)[0] if "://" in url else ""
            shown = f"a URL starting {scheme + '://'!r}" if scheme else "a URL without a scheme (like json://host/path)"
            raise NotifyError(
                f"--notify: {shown} is not a notification URL Apprise knows; see its URL list "
                "(mailto://, json://, ntfy://, slack://, discord://, …)."
            )
        label = str(plugin.url(privacy=True))  # type: ignore[no-untyped-call]  # Apprise leaves it untyped
        out.append(_Service(url, Target.of(url, label), plugin))
    return out


def _send(service: _Service, notice: Notice, base_url: str | None) -> str | None:
    """Send one notice; None when delivered, else what went wrong."""
    sender = apprise.Apprise()
    sender.add(service.plugin)
    # Apprise reports why a service refused on its logger; the capture keeps that text for the delivery's record.
    capture = apprise.LogCapture(level=logging.WARNING, fmt="%(message)s")  # type: ignore[no-untyped-call]
    with capture as log:
        delivered = bool(
            sender.notify(body=notice.text(base_url), title=notice.title, body_format=apprise.NotifyFormat.TEXT)
        )
        said = log.getvalue()
    if delivered:
        return None
    lines = [line.strip() for line in str(said).splitlines() if line.strip()]
    return (" ".join(lines[-2:]) or "the service did not accept the notification")[:MAX_ERROR]


def deliver_pending(
    library: Library,
    urls: Sequence[str],
    *,
    base_url: str | None = None,
    backlog: dt.timedelta = DEFAULT_BACKLOG,
) -> list[Delivery]:
    """Send every URL the notices not yet delivered to it (oldest first), recording each attempt; returns the
    attempts made. Links in the text go to `base_url`'s compare page when given, else name `editions diff`."""
    made: list[Delivery] = []
    for service in _services(urls):
        for notice in library.pending_notices(service.target, backlog=backlog):
            error = _send(service, notice, base_url)
            attempts = library.record_delivery(notice.id, service.target, error)
            made.append(Delivery(notice, service.target.label, error is None, attempts, error))
            if error is not None:
                break  # the rest stays pending for this URL, in order, for the next call
    return made
