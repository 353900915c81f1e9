"""web/serve.py's listening socket (what `editions serve` binds before it announces its URL)."""

from __future__ import annotations

import socket

import pytest

from editions.web.serve import ServeError, listen


def test_listen_answers_at_the_url_it_gives() -> None:
    sock, url = listen("127.0.0.1", 0)
    try:
        port = sock.getsockname()[1]
        assert url == f"http://127.0.0.1:{port}/"
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass  # the connection waits in the backlog: the URL answers before the server runs
    finally:
        sock.close()


def test_listen_on_a_taken_port_says_so() -> None:
    taken = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        with pytest.raises(ServeError, match=rf"^cannot listen on 127\.0\.0\.1:{port}: .+\.$"):
            listen("127.0.0.1", port)
    finally:
        taken.close()
