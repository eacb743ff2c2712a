"""Recording gaze without the GUI: a frame source through the pipeline, one row per frame.

Qt-free and storage-free: `record()` hands every frame's row to a `sink` (the `gaze record` command
gives it a `storage.samples.SampleWriter`) and, optionally, every point to a `publish` callable (the
WebSocket stream of `api.gaze_stream`). No frame is lost: a frame with a gaze point is a sample, a frame
without one (no face, blink, low confidence) is a status row (x = y = 0, confidence 0).

Time: rows carry `frame.timestamp + offset`. For a video file or the simulator the frame times are the
video's (index / fps) and the offset is the session's start, so a 60 s video gives a 60 s session however
fast it was processed; for a webcam the offset turns the monotonic capture time into epoch seconds.

`PathSimulatedSource` is the simulated webcam following a scripted path (`load_path`: CSV rows t,x,y;
the face looks at (x, y) from t until the next row's t), rendered as fast as possible.
"""

from __future__ import annotations

import csv
import io
import math
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable, Sequence

import numpy as np

from alyesdesk.inference import safejson
from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze.sources import CameraError, CameraTimeout, Frame, FrameSource, SourceExhausted

MAX_PATH_BYTES = 16 * 1024 * 1024
MAX_TIMEOUTS = 3  # consecutive read timeouts before a live camera counts as lost

Sink = Callable[[float, float, float, float, str], None]  # t, x, y, confidence, status


class PathError(ValueError):
    """A gaze path file is not valid."""


@dataclass(frozen=True)
class GazePath:
    """Piecewise-constant gaze targets: `points[i]` from `times[i]` until `times[i + 1]`."""

    times: tuple[float, ...]
    points: tuple[tuple[float, float], ...]

    def at(self, t: float) -> tuple[float, float]:
        i = int(np.searchsorted(np.asarray(self.times), t, side="right")) - 1
        return self.points[max(0, i)]

    @property
    def end(self) -> float:
        return self.times[-1]


def parse_path(text: str, source: str = "path") -> GazePath:
    """The gaze path of CSV text: rows t,x,y (seconds, screen px), an optional header row starting with "t".

    PathError naming `source` and the row when a row is malformed, not finite, t < 0, or t does not increase.
    """
    rows = [r for r in csv.reader(io.StringIO(text)) if r and any(c.strip() for c in r)]
    if rows and rows[0] and rows[0][0].strip().lower() == "t":
        rows = rows[1:]  # header
    if not rows:
        raise PathError(f"{source}: no rows (expected t,x,y lines)")
    times: list[float] = []
    points: list[tuple[float, float]] = []
    for n, row in enumerate(rows, 1):
        if len(row) != 3:
            raise PathError(f"{source}, row {n}: expected 3 values t,x,y, got {len(row)}")
        try:
            t, x, y = (float(c) for c in row)
        except ValueError:
            raise PathError(f"{source}, row {n}: t, x and y must be numbers") from None
        if not all(math.isfinite(v) for v in (t, x, y)) or t < 0:
            raise PathError(f"{source}, row {n}: values must be finite and t >= 0")
        if times and t <= times[-1]:
            raise PathError(f"{source}, row {n}: times must increase ({t:g} after {times[-1]:g})")
        times.append(t)
        points.append((x, y))
    return GazePath(tuple(times), tuple(points))


def load_path(path: str | Path) -> GazePath:
    """The gaze path in a CSV file (see `parse_path`); PathError when it cannot be read or is not valid."""
    shown = safejson.display_path(Path(path))
    try:
        text = safejson.read_text(path, MAX_PATH_BYTES)
    except OSError as exc:
        raise PathError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    except safejson.UntrustedJsonError as exc:
        raise PathError(f"{shown}: {exc}") from None
    return parse_path(text, shown)


class PathSimulatedSource(FrameSource):
    """The simulator looking along `path`, at `fps`, frame times index / fps (not paced: as fast as it renders)."""

    kind = "simulator"

    def __init__(self, simulator: object, path: GazePath, fps: float = 30.0) -> None:
        super().__init__()
        if not fps > 0:
            raise ValueError("fps must be > 0")
        self.simulator, self.path, self.fps = simulator, path, fps
        self._index = 0

    def describe(self) -> str:
        return f"simulated webcam following a path of {len(self.path.times)} points"

    def _open(self) -> None:
        self._index = 0

    def _read(self, timeout_s: float) -> Frame:
        t = self._index / self.fps
        x, y = self.path.at(t)
        rendered = self.simulator.render(float(x), float(y), t)  # type: ignore[attr-defined]
        frame = Frame(rendered.image, t, self._index, truth=rendered.truth)
        self._index += 1
        return frame


@dataclass
class RecordStats:
    """What `record` did: rows written per status, frame time covered vs wall time, and why it ended."""

    frames: int = 0
    samples: int = 0  # frames with a gaze point looking somewhere (status ok)
    statuses: Counter = field(default_factory=Counter)  # rows per status
    media_s: float = 0.0  # frame time covered (first to last frame, plus one frame)
    wall_s: float = 0.0
    ended: str = "duration"  # "duration", "end of source", "camera lost", "stopped"
    error: str = ""

    @property
    def speed(self) -> float:
        """Media seconds per wall-clock second (>= 1: faster than real time)."""
        return self.media_s / self.wall_s if self.wall_s > 0 else 0.0

    def to_dict(self) -> dict:
        return {"frames": self.frames, "samples": self.samples, "statuses": dict(self.statuses),
                "media_s": round(self.media_s, 3), "wall_s": round(self.wall_s, 3),
                "speed_x_realtime": round(self.speed, 2), "ended": self.ended, "error": self.error}


def stream_status(status: str, held: bool) -> str:
    """The gaze stream's status word for a row's status."""
    if status == S.OK and not held:
        return "tracking"
    return "blink" if status == S.BLINK else "lost"


def record(
    source: FrameSource,
    pipeline: object,
    seconds: float,
    sink: Sink,
    *,
    started_at: float,
    live: bool = False,
    publish: Callable[..., object] | None = None,
    should_stop: Callable[[], bool] | None = None,
    read_timeout_s: float = 2.0,
) -> RecordStats:
    """Run `source` through `pipeline` (a `GazePipeline`) for `seconds` of frame time; one row per frame.

    `live` (a webcam): frame timestamps are monotonic; rows get epoch capture times. Otherwise the first
    frame is at `started_at` and later ones follow the source's frame times.
    """
    stats = RecordStats()
    wall0 = time.perf_counter()
    first: float | None = None
    last: float | None = None
    offset = time.time() - time.monotonic() if live else 0.0
    timeouts = 0
    intervals: list[float] = []
    try:
        while True:
            if should_stop is not None and should_stop():
                stats.ended = "stopped"
                break
            try:
                frame = source.read(read_timeout_s)
            except SourceExhausted:
                stats.ended = "end of source"
                break
            except CameraTimeout as exc:
                timeouts += 1
                if timeouts >= MAX_TIMEOUTS:
                    stats.ended, stats.error = "camera lost", str(exc)
                    break
                continue
            except CameraError as exc:
                stats.ended, stats.error = "camera lost", str(exc)
                break
            timeouts = 0
            if first is None:
                first = frame.timestamp
                if not live:
                    offset = started_at - first
            if frame.timestamp - first >= seconds - 1e-9:
                break
            if last is not None and frame.timestamp > last:
                intervals.append(frame.timestamp - last)
            last = frame.timestamp
            result = pipeline.process(frame.image, frame.timestamp)  # type: ignore[attr-defined]
            t = frame.timestamp + offset
            status = result.sample.status
            if result.point is None:
                x = y = 0.0
                row_status, confidence = (status if status != S.OK else "no_point"), 0.0
            else:
                x, y = result.point
                if result.held:
                    row_status, confidence = (status if status != S.OK else "held"), 0.0
                else:
                    row_status, confidence = S.OK, 1.0
            sink(t, float(x), float(y), confidence, row_status)
            stats.frames += 1
            stats.statuses[row_status] += 1
            if row_status == S.OK:
                stats.samples += 1
            if publish is not None:
                word = stream_status(status, result.held)
                visible = word == "tracking"  # the stream's x and y are null while lost or blinking
                publish(x if visible else None, y if visible else None, t=t, status=word,
                        confidence=confidence if result.point is not None else None)
    finally:
        stats.wall_s = time.perf_counter() - wall0
    if first is not None and last is not None:
        step = float(np.median(intervals)) if intervals else 0.0
        stats.media_s = last - first + step
    return stats


def stimulus_size(path: str | Path) -> tuple[int, int]:
    """(width, height) of an image stimulus, from its header (never decodes a decompression bomb)."""
    from alyesdesk.inference.image_headers import read_header

    path = Path(path)
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
    header = read_header(head)
    sizes: Sequence = getattr(header, "sizes", None) or []
    if header is None or not sizes:
        raise ValueError(f"{path.name}: not an image whose size can be read (PNG, JPEG, BMP, WebP, TIFF)")
    w, h = sizes[0]
    return int(w), int(h)


def video_size(path: str | Path) -> tuple[int, int]:
    """(width, height) of a video stimulus's frames (OpenCV reads its first frame)."""
    import cv2

    path = Path(path)
    capture = cv2.VideoCapture(str(path))
    try:
        ok, frame = capture.read() if capture.isOpened() else (False, None)
    finally:
        capture.release()
    if not ok or frame is None:
        raise ValueError(f"{path.name}: not a video OpenCV can read")
    h, w = frame.shape[:2]
    return int(w), int(h)


def video_duration(path: str | Path) -> float:
    """Seconds a video stimulus plays: its frame count over its frame rate (counted by grabbing every frame
    when the container does not say; 30 fps when it gives no rate, as the presenter assumes).
    """
    import cv2

    capture = cv2.VideoCapture(str(path))
    try:
        fps = float(capture.get(cv2.CAP_PROP_FPS) or 0.0)
        frames = int(capture.get(cv2.CAP_PROP_FRAME_COUNT) or 0)
        if frames <= 0:
            while capture.grab():
                frames += 1
    finally:
        capture.release()
    if not 0 < fps <= 240:
        fps = 30.0
    return frames / fps
