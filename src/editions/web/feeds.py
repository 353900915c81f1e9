"""Atom feeds (RFC 4287) of change notices, written with feedgen: one entry per notice, its title
"IF10199 updated: v49, 2026-10-01", its content the notice's headline lines (figure changes first, each
"old → new" with its sentence), its link the compare page, its id the notice's UUID (the same in every feed that
lists it, on every server)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence

from feedgen.feed import FeedGenerator
from markupsafe import escape

from editions.library import Notice
from editions.library.notices import NOTICE_NAMESPACE

MEDIA_TYPE = "application/atom+xml; charset=utf-8"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold (lxml refuses them); an edition's text should have none, but a feed must not
fail on one."""


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def feed_id(name: str) -> str:
    """A feed's id: a UUID from its name ("changes", "watch", "report:IF10199"), so it stays the same wherever
    the server is reached."""
    return uuid.uuid5(NOTICE_NAMESPACE, f"feed:{name}").urn


def entry_html(notice: Notice, compare_url: str) -> str:
    """An entry's content: the headline lines as a list, then the link to the whole comparison; every text
    escaped."""
    items = "".join(f"<li><strong>{escape(h.kind)}</strong> — {escape(_xml(h.text))}</li>" for h in notice.headline)
    lines = f"<ul>{items}</ul>" if items else "<p>No change in content.</p>"
    return (
        f'{lines}<p><a href="{escape(compare_url)}">Compare {escape(notice.old.ref)} with '
        f"{escape(notice.new.ref)}</a></p>"
    )


def atom(
    notices: Sequence[Notice],
    *,
    name: str,
    title: str,
    base_url: str,
    self_path: str,
    page_path: str,
) -> bytes:
    """The Atom document of `notices` (newest first), for the feed `name` served at `self_path` under
    `base_url`, whose page for people is `page_path`."""
    base = base_url.rstrip("/")
    feed = FeedGenerator()
    feed.id(feed_id(name))
    feed.title(_xml(title))
    feed.author({"name": "Editions"})
    feed.link(href=f"{base}{self_path}", rel="self", type="application/atom+xml")
    feed.link(href=f"{base}{page_path}", rel="alternate", type="text/html")
    feed.generator("Editions")
    # An empty feed was last changed when it was made (RFC 4287 requires a date); otherwise by its newest entry.
    feed.updated(max((n.created_at for n in notices), default=dt.datetime.now(dt.UTC)))
    for notice in notices:
        url = f"{base}{notice.compare_path}"
        entry = feed.add_entry(order="append")
        entry.id(notice.uuid.urn)
        entry.title(_xml(notice.title))
        entry.link(href=url, rel="alternate", type="text/html")
        entry.published(notice.created_at)
        entry.updated(notice.created_at)
        entry.content(entry_html(notice, url), type="html")
    data: bytes = feed.atom_str(pretty=True)
    return data
