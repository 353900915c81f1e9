"""Serving the web app (`editions serve`): a socket listening on the address asked for, and uvicorn on it.

The socket is bound and listening before the address is announced, so the URL printed answers at once
(connections wait in the backlog until uvicorn accepts them)."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterable

import uvicorn

from editions.errors import EditionsError
from editions.library import Library
from editions.web.app import create_app

BACKLOG = 2048
"""Connections the kernel keeps waiting for the server to accept."""


class ServeError(EditionsError):
    """The server cannot listen where it was asked to."""


def listen(host: str, port: int) -> tuple[socket.socket, str]:
    """A TCP socket listening on `host`:`port` (0: a free port) and the URL it answers at; raises `ServeError`
    when the address cannot be listened on."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP said outright: asyncio sets TCP_NODELAY only on such sockets, and without it every response
    # waited ~40 ms for the client's delayed ACK (Nagle), small pages included.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(BACKLOG)  # connections wait in the backlog from now on, so the URL announced answers
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}.") from None
    bound = sock.getsockname()[1]
    return sock, f"http://{f'[{host}]' if family == socket.AF_INET6 else host}:{bound}/"


def serve(
    lib: Library,
    *,
    host: str,
    port: int,
    token: str | None,
    hosts: Iterable[str] = (),
    on_listening: Callable[[str], None] | None = None,
) -> None:
    """Serve `lib` (`create_app`) on `host`:`port` until interrupted, answering requests for `host` and `hosts`;
    `on_listening` is called with the URL once the socket listens. Raises `ServeError` when it cannot listen."""
    sock, url = listen(host, port)
    try:
        if on_listening is not None:
            on_listening(url)
        app = create_app(lib, token=token, hosts=[host, *hosts])
        config = uvicorn.Config(app, log_level="warning", access_log=False)
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
