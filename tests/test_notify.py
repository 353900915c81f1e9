"""Alerts through Apprise to a real HTTP receiver on 127.0.0.1 (Apprise's json:// posts the notice as JSON): each
notice delivered once per URL with its headline text; a receiver that fails gets the notice again on the next
call, never losing it; every attempt is recorded per (notice, URL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from http_receiver import Receiver

from editions import Library
from editions.notify import NotifyError, deliver_pending, services

REPORT = "IF97011"


@pytest.fixture()
def receiver() -> Iterator[Receiver]:
    with Receiver() as r:
        yield r


def _edition(folder: Path, name: str, date: str, troops: str) -> Path:
    path = folder / name
    path.write_text(
        f"Updated {date} ({REPORT})\n\nForces in Ostrava\n\nOverview\n\n"
        f"The United States keeps about {troops} troops in Ostrava under a 2011 agreement. "
        "Both governments review the agreement every five years.\n\n"
        "The Ostravan parliament debates the cost of the partnership each spring.\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture()
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "alerts.db") as lib:
        lib.add(_edition(tmp_path, "a.txt", "March 3, 2025", "54,000"))
        lib.add(_edition(tmp_path, "b.txt", "October 1, 2026", "55,000"))
        assert lib.record_notice(REPORT) is not None
        yield lib


def test_each_notice_is_delivered_once_with_its_headline(library: Library, receiver: Receiver) -> None:
    made = deliver_pending(library, [receiver.url()], base_url="https://editions.example.org")
    assert [(d.delivered, d.attempts, d.error) for d in made] == [(True, 1, None)]
    assert len(receiver.bodies) == 1
    body = receiver.bodies[0]
    assert body["title"] == f"{REPORT} updated: 2026-10-01"
    assert "54,000" in body["message"] and "55,000" in body["message"] and "→" in body["message"]
    assert f"https://editions.example.org/compare/{REPORT}@2025-03-03/{REPORT}@2026-10-01" in body["message"]

    assert deliver_pending(library, [receiver.url()]) == []  # delivered: nothing pending for that URL
    assert len(receiver.bodies) == 1
    # Another URL is another target: it gets the notice too.
    other = deliver_pending(library, [receiver.url("other")])
    assert [d.delivered for d in other] == [True] and receiver.paths[-1] == "/other"


def test_a_failed_delivery_is_recorded_and_retried_on_the_next_call(library: Library, receiver: Receiver) -> None:
    receiver.status = 500
    failed = deliver_pending(library, [receiver.url()])
    assert [(d.delivered, d.attempts) for d in failed] == [(False, 1)]
    assert failed[0].error and "500" in failed[0].error
    assert receiver.bodies == []

    failed_again = deliver_pending(library, [receiver.url()])
    assert [(d.delivered, d.attempts) for d in failed_again] == [(False, 2)]

    receiver.status = 200
    delivered = deliver_pending(library, [receiver.url()])
    assert [(d.delivered, d.attempts, d.notice.id) for d in delivered] == [(True, 3, failed[0].notice.id)]
    assert [b["title"] for b in receiver.bodies] == [f"{REPORT} updated: 2026-10-01"]
    assert deliver_pending(library, [receiver.url()]) == []


def test_a_receiver_that_is_not_listening_loses_nothing(library: Library, receiver: Receiver) -> None:
    url = receiver.url()
    receiver.close()  # the port now refuses connections
    made = deliver_pending(library, [url])
    assert [d.delivered for d in made] == [False] and made[0].error
    # The same URL later: the notice is still pending for it (the library keeps a hash of the URL, not the URL).
    (_, target), *_ = services([url])
    assert [n.id for n in library.pending_notices(target, backlog=dt.timedelta(days=7))] == [made[0].notice.id]


def test_urls_apprise_does_not_know_are_refused_before_anything_is_sent(library: Library, receiver: Receiver) -> None:
    with pytest.raises(NotifyError, match="not a notification URL"):
        deliver_pending(library, [receiver.url(), "nosuchservice://x/y"])
    with pytest.raises(NotifyError, match="without a scheme"):
        deliver_pending(library, ["just words"])
    assert receiver.bodies == []


def test_the_library_keeps_no_secret_of_a_url(library: Library, receiver: Receiver, tmp_path: Path) -> None:
    url = f"json://alice:hunter2-secret@127.0.0.1:{receiver.port}/hook"
    assert [d.delivered for d in deliver_pending(library, [url])] == [True]
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("alerts.db*"))  # the file and its write-ahead log
    assert b"alice" in stored and b"hunter2-secret" not in stored
    (_, target), *_ = services([url])
    assert "hunter2-secret" not in target.label and "alice" in target.label
