"""The live gaze stream: a tracking loop pushes filtered points, WebSocket clients receive them.

`GazePublisher` is plain Python (no Qt, no FastAPI): any thread calls `publish(...)`, which never
blocks, so the tracking loop keeps its frame rate whatever the clients do. Each client has a small
queue; a client that reads too slowly loses its oldest points, never the newest (latest wins).

Clients connect to `ws://127.0.0.1:PORT/v1/gaze` with `Authorization: Bearer TOKEN` (the API token).
The first message is `{"type": "hello", ...}`; then one JSON message per point:
`{"type": "point", "x": px, "y": px, "t": unix seconds, "fixation_id": int or null, "status": "tracking",
"confidence": float or null}` (screen pixels of the tracked screen; x and y are null while the status is
"lost" or "blink"). `{"type": "end"}` comes when the publisher closes.

The stream is served by `alyesdesk serve` (same port and token as the HTTP API) or, for a tracking loop
in its own process, by `GazeStreamServer` (a WebSocket-only server in a background thread).
"""

# No `from __future__ import annotations`: FastAPI reads the WebSocket endpoint's annotations, and
# `WebSocket` is imported inside `gaze_router` (this module must import without FastAPI).
import asyncio
import json
import threading
import time
from dataclasses import asdict, dataclass
from typing import Any

STATUSES = ("tracking", "fixation", "blink", "lost", "paused")
QUEUE_SIZE = 64  # points per client (about 2 s at 30 Hz) before the oldest are dropped


@dataclass(frozen=True)
class GazePoint:
    """One filtered gaze point on the tracked screen, in screen pixels."""

    x: float | None
    y: float | None
    t: float
    fixation_id: int | None = None
    status: str = "tracking"
    confidence: float | None = None

    def message(self) -> str:
        return json.dumps({"type": "point", **asdict(self)})


class _Subscriber:
    def __init__(self, loop: asyncio.AbstractEventLoop, size: int) -> None:
        self.loop = loop
        self.queue: asyncio.Queue[str | None] = asyncio.Queue(maxsize=size)
        self.dropped = 0

    def offer(self, message: str | None) -> None:
        """In the subscriber's loop: queue `message`, dropping the oldest when full."""
        if self.queue.full():
            self.queue.get_nowait()
            self.dropped += 1
        self.queue.put_nowait(message)


class GazePublisher:
    """Fans points out to the connected clients; thread-safe, never blocks the caller."""

    def __init__(self, queue_size: int = QUEUE_SIZE) -> None:
        self.queue_size = queue_size
        self._subscribers: set[_Subscriber] = set()
        self._lock = threading.Lock()
        self.published = 0
        self.closed = False

    @property
    def subscribers(self) -> int:
        with self._lock:
            return len(self._subscribers)

    def publish(self, x: float | None = None, y: float | None = None, *, t: float | None = None,
                fixation_id: int | None = None, status: str = "tracking", confidence: float | None = None,
                point: GazePoint | None = None) -> int:
        """Send one point to every client; returns how many clients it was queued for."""
        if point is None:
            point = GazePoint(None if x is None else float(x), None if y is None else float(y),
                              time.time() if t is None else float(t),
                              None if fixation_id is None else int(fixation_id), str(status),
                              None if confidence is None else float(confidence))
        self.published += 1
        return self._send(point.message())

    def close(self) -> None:
        """End the stream: every client gets {"type": "end"} and is disconnected."""
        self.closed = True
        self._send(None)

    def _send(self, message: str | None) -> int:
        with self._lock:
            subscribers = list(self._subscribers)
        reached = 0
        for sub in subscribers:
            try:
                sub.loop.call_soon_threadsafe(sub.offer, message)
                reached += 1
            except RuntimeError:  # its event loop is gone
                self.unsubscribe(sub)
        return reached

    def subscribe(self, loop: asyncio.AbstractEventLoop) -> _Subscriber:
        sub = _Subscriber(loop, self.queue_size)
        with self._lock:
            self._subscribers.add(sub)
        return sub

    def unsubscribe(self, sub: _Subscriber) -> None:
        with self._lock:
            self._subscribers.discard(sub)


def hello() -> str:
    from alyesdesk import __version__

    return json.dumps({"type": "hello", "version": __version__, "units": "screen px", "statuses": list(STATUSES)})


def gaze_router(publisher: GazePublisher, token: str) -> Any:
    """The `/v1/gaze` WebSocket route (FastAPI), checking the bearer token before accepting."""
    from fastapi import APIRouter, WebSocket, WebSocketDisconnect

    from alyesdesk.api.auth import bearer_value, token_matches

    router = APIRouter()

    @router.websocket("/v1/gaze")
    async def gaze(websocket: WebSocket) -> None:
        if not token_matches(bearer_value(websocket.headers.get("authorization")), token):
            await websocket.close(code=1008)  # before accept: the handshake is refused (HTTP 403)
            return
        await websocket.accept()
        sub = publisher.subscribe(asyncio.get_running_loop())
        gone = asyncio.create_task(_until_disconnect(websocket))
        try:
            await websocket.send_text(hello())
            while True:
                getter = asyncio.ensure_future(sub.queue.get())
                await asyncio.wait({getter, gone}, return_when=asyncio.FIRST_COMPLETED)
                if not getter.done():
                    getter.cancel()
                    break  # the client left
                message = getter.result()
                if message is None:
                    await websocket.send_text(json.dumps({"type": "end"}))
                    await websocket.close(code=1001)
                    break
                await websocket.send_text(message)
        except (WebSocketDisconnect, RuntimeError):
            pass  # the client left while we were sending
        finally:
            publisher.unsubscribe(sub)
            gone.cancel()

    return router


async def _until_disconnect(websocket: Any) -> None:
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return


class GazeStreamServer:
    """The gaze stream alone, for a tracking loop in its own process: `start()`, `publisher.publish()`,
    `stop()`. Loopback only (`host` must be a loopback address).
    """

    def __init__(self, token: str, host: str = "127.0.0.1", port: int = 0,
                 publisher: GazePublisher | None = None) -> None:
        from alyesdesk.api.config import is_loopback

        if not is_loopback(host):
            raise ValueError(f"{host} is not a loopback address; the gaze stream stays on this computer")
        self.publisher = publisher or GazePublisher()
        self.token, self.host, self.port = token, host, port
        self._server: Any = None

    @property
    def url(self) -> str:
        return self._server.url.replace("http://", "ws://") + "/v1/gaze"

    def start(self) -> "GazeStreamServer":
        from fastapi import FastAPI

        from alyesdesk.api.server import ServerThread

        app = FastAPI(title="AlyesDesk gaze stream", docs_url=None, redoc_url=None, openapi_url=None)
        app.include_router(gaze_router(self.publisher, self.token))
        self._server = ServerThread(app, self.host, self.port).start()
        return self

    def stop(self) -> None:
        self.publisher.close()
        if self._server is not None:
            time.sleep(0.05)  # let the "end" messages go out
            self._server.stop()
            self._server = None


def demo_points(publisher: GazePublisher, stop: threading.Event, width: int = 1920, height: int = 1080,
                rate_hz: float = 30.0) -> None:
    """A synthetic point source (a slow figure eight, one fixation per second) for trying a client
    without a camera: `alyesdesk serve --gaze-demo`.
    """
    import math

    start = time.time()
    while not stop.wait(1.0 / rate_hz):
        t = time.time() - start
        publisher.publish(width / 2 + width / 3 * math.sin(t / 2), height / 2 + height / 3 * math.sin(t),
                          t=time.time(), fixation_id=int(t), status="tracking", confidence=1.0)
