"""uvicorn on a socket bound here (port 0 picks a free one), in the foreground or in a thread."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any


def bind(host: str, port: int) -> socket.socket:
    """A listening-ready TCP socket on (host, port); OSError (e.g. the port is taken) otherwise."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    return sock


def make_server(app: Any, **options: Any) -> Any:
    import uvicorn

    config = uvicorn.Config(app, log_level=options.pop("log_level", "warning"), access_log=False,
                            lifespan="auto", **options)
    return uvicorn.Server(config)


def url_of(sock: socket.socket, scheme: str = "http") -> str:
    host, port = sock.getsockname()[:2]
    return f"{scheme}://{'[' + host + ']' if ':' in host else host}:{port}"


class ServerThread:
    """`app` served by uvicorn in a daemon thread; `start()` returns once it accepts connections."""

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0, **options: Any) -> None:
        self.sock = bind(host, port)
        self.server = make_server(app, **options)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       name="alyesdesk-api-server", daemon=True)

    @property
    def url(self) -> str:
        return url_of(self.sock)

    @property
    def port(self) -> int:
        return int(self.sock.getsockname()[1])

    def start(self, timeout: float = 15.0) -> ServerThread:
        self.thread.start()
        end = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > end:
                raise RuntimeError("the API server did not start")
            time.sleep(0.02)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)
        self.sock.close()

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *_: Any) -> None:
        self.stop()
