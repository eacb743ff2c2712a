"""Frame sources behind one interface: webcam, video file, image folder, simulator.

Every source is a context manager and an iterator of `Frame`s; `read(timeout_s)` returns the next frame
or raises a typed error:

- `CameraUnavailable`: the device cannot be opened or disappeared (unplugged, taken by another app);
- `CameraTimeout`: no frame within the timeout (a frozen driver never blocks the caller forever);
- `SourceExhausted`: a finite source (file, folder) has no more frames (iteration simply stops).

A webcam is read by a background thread that keeps only the newest frame: processing never falls behind
the camera (stale frames are dropped, not queued) and a hung `VideoCapture.read()` cannot block the caller.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import cv2

from alyesdesk.inference.errors import ImageError
from alyesdesk.inference.images import IMAGE_SUFFIXES, read_image

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    import numpy as np


class CameraError(RuntimeError):
    """A frame source failed; the message says what to do."""


class CameraUnavailable(CameraError):
    """The source cannot be opened, or stopped delivering (device unplugged or busy)."""


class CameraTimeout(CameraError):
    """No frame arrived within the read timeout."""


class SourceExhausted(CameraError):
    """A finite source has no more frames."""


@dataclass
class Frame:
    """One frame from a source; `index` is its 0-based position there (gaps: frames dropped or files skipped)."""

    image: np.ndarray  # 8-bit BGR
    timestamp: float  # seconds (monotonic for live sources, frame time for files)
    index: int
    name: str = ""  # file name for folder sources
    truth: dict | None = None  # ground truth from the simulator (target, head pose, blink)


class FrameSource:
    """Base class: subclasses implement `_open`, `_read` and `_close`."""

    kind = "source"

    def __init__(self) -> None:
        self._opened = False

    def open(self) -> FrameSource:
        if not self._opened:
            self._open()
            self._opened = True
        return self

    def read(self, timeout_s: float = 2.0) -> Frame:
        if not self._opened:
            self.open()
        return self._read(timeout_s)

    def close(self) -> None:
        if self._opened:
            self._opened = False
            self._close()

    def __enter__(self) -> FrameSource:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[Frame]:
        while True:
            try:
                yield self.read()
            except SourceExhausted:
                return

    def describe(self) -> str:
        return self.kind

    # --- for subclasses ---
    def _open(self) -> None:
        pass

    def _read(self, timeout_s: float) -> Frame:
        raise NotImplementedError

    def _close(self) -> None:
        pass


def default_backend() -> int:
    """The OpenCV capture backend that works best on this OS (CAP_ANY picks slow or broken ones)."""
    if sys.platform.startswith("win"):
        return cv2.CAP_DSHOW  # MSMF opens slowly (seconds) and drops resolution requests on many cameras
    if sys.platform == "darwin":
        return cv2.CAP_AVFOUNDATION
    return cv2.CAP_V4L2


class WebcamSource(FrameSource):
    """A live camera read by a background thread; `read` returns the newest frame, never the same one twice.

    Older frames are dropped, so a slow consumer sees the present, not a growing backlog. Opening raises
    CameraUnavailable; a read raises CameraTimeout when no new frame comes in time, CameraUnavailable once
    the camera stops delivering.
    """

    kind = "webcam"

    def __init__(
        self,
        index: int = 0,
        width: int = 640,
        height: int = 480,
        fps: float = 30.0,
        backend: int | None = None,
        capture_factory: Callable[[int, int], object] | None = None,
    ) -> None:
        super().__init__()
        self.index, self.width, self.height, self.fps = index, width, height, fps
        self.backend = default_backend() if backend is None else backend
        # Tests inject a fake VideoCapture; the app uses OpenCV's.
        self._factory = capture_factory or (lambda i, b: cv2.VideoCapture(i, b))
        self._cap: object | None = None
        self._thread: threading.Thread | None = None
        self._cond = threading.Condition()
        self._latest: Frame | None = None
        self._error: CameraError | None = None
        self._stop = threading.Event()
        self._handoff = _Handoff()
        self._count = 0
        self._delivered = -1

    def describe(self) -> str:
        return f"webcam {self.index} ({self.width}x{self.height} @ {self.fps:g} fps)"

    def _open(self) -> None:
        cap = self._factory(self.index, self.backend)
        if cap is None or not cap.isOpened():  # type: ignore[attr-defined]
            raise CameraUnavailable(
                f"camera {self.index} cannot be opened: it may be unplugged, used by another application, "
                "or blocked by the OS privacy settings (allow camera access for this app)"
            )
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)  # type: ignore[attr-defined]
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)  # type: ignore[attr-defined]
        cap.set(cv2.CAP_PROP_FPS, self.fps)  # type: ignore[attr-defined]
        self._cap = cap
        self._stop = threading.Event()  # per thread: a stuck old reader must not see a new session's flag
        self._error = None
        self._handoff = _Handoff()
        self._thread = threading.Thread(target=self._grab_loop, args=(cap, self._stop, self._handoff),
                                        name=f"webcam-{self.index}", daemon=True)
        self._thread.start()

    def _grab_loop(self, cap: object, stop: threading.Event, handoff: _Handoff) -> None:
        try:
            self._grab_frames(cap, stop)
        finally:
            handoff.reader_ended(cap)

    def _grab_frames(self, cap: object, stop: threading.Event) -> None:
        failures = 0
        while not stop.is_set():
            try:
                ok, image = cap.read()  # type: ignore[attr-defined]
            except cv2.error as exc:
                ok, image = False, None
                failures = 10**6
                reason = str(exc)
            else:
                reason = "the driver returned no frame"
            if stop.is_set():
                return  # closed during the read: this frame belongs to no session
            if not ok or image is None:
                failures += 1
                # A few empty reads happen while a camera starts; many in a row mean it is gone.
                if failures >= 30:
                    with self._cond:
                        self._error = CameraUnavailable(
                            f"camera {self.index} stopped delivering frames ({reason}); "
                            "check the cable or whether another application took it"
                        )
                        self._cond.notify_all()
                    return
                time.sleep(0.01)
                continue
            failures = 0
            with self._cond:
                self._latest = Frame(image, time.monotonic(), self._count)
                self._count += 1
                self._cond.notify_all()

    def _read(self, timeout_s: float) -> Frame:
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while True:
                if self._error is not None:
                    raise self._error
                if self._latest is not None and self._latest.index != self._delivered:
                    self._delivered = self._latest.index
                    return self._latest
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise CameraTimeout(
                        f"camera {self.index} gave no frame for {timeout_s:.1f} s; it may be frozen or "
                        "in use elsewhere"
                    )
                self._cond.wait(remaining)

    def _close(self) -> None:
        self._stop.set()
        thread, cap = self._thread, self._cap
        self._thread, self._cap = None, None
        if thread is not None:
            thread.join(timeout=2.0)
            if thread.is_alive() and cap is not None and self._handoff.release_when_reader_ends(cap):
                # A read is stuck in the driver: releasing the capture under it can crash the process.
                log.warning("camera %s: a read did not return within 2 s; released when it does", self.index)
                return
        if cap is not None:
            cap.release()  # type: ignore[attr-defined]


class _Handoff:
    """Who releases a webcam capture: the closer, or the reader thread when a stuck read finally returns."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reader_done = False
        self._release_by_reader = False

    def release_when_reader_ends(self, cap: object) -> bool:
        """Ask the reader to release `cap` when it ends; False when it has already ended (release it now)."""
        with self._lock:
            if self._reader_done:
                return False
            self._release_by_reader = True
            return True

    def reader_ended(self, cap: object) -> None:
        """Called by the reader thread as it exits: releases `cap` if the closer handed it over."""
        with self._lock:
            self._reader_done = True
            release = self._release_by_reader
        if release:
            cap.release()  # type: ignore[attr-defined]


class VideoFileSource(FrameSource):
    """A video file's frames in order, timed index / fps (30 when the file gives none), as fast as read.

    SourceExhausted at the end, unless `loop` starts it over; CameraUnavailable when it cannot be opened.
    """

    kind = "video"

    def __init__(self, path: str | Path, loop: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.loop = loop
        self._cap: cv2.VideoCapture | None = None
        self._index = 0
        self._fps = 30.0

    def describe(self) -> str:
        return f"video {self.path.name}"

    def _open(self) -> None:
        if not self.path.is_file():
            raise CameraUnavailable(f"video file not found: {self.path}")
        cap = cv2.VideoCapture(str(self.path))
        if not cap.isOpened():
            raise CameraUnavailable(f"{self.path.name}: not a video OpenCV can read (codec missing or corrupt)")
        fps = cap.get(cv2.CAP_PROP_FPS)
        self._fps = fps if fps and fps > 0 else 30.0
        self._cap = cap
        self._index = 0

    def _read(self, timeout_s: float) -> Frame:
        assert self._cap is not None
        ok, image = self._cap.read()
        if not ok or image is None:
            if self.loop and self._index > 0:
                self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
                ok, image = self._cap.read()
            if not ok or image is None:
                raise SourceExhausted(f"{self.path.name}: end of video after {self._index} frames")
        frame = Frame(image, self._index / self._fps, self._index)
        self._index += 1
        return frame

    def _close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class ImageFolderSource(FrameSource):
    """Images of a folder in name order; unreadable files are skipped (and listed in `skipped`)."""

    kind = "folder"

    def __init__(self, folder: str | Path, fps: float = 30.0) -> None:
        super().__init__()
        self.folder = Path(folder)
        self.fps = fps
        self._files: list[Path] = []
        self._pos = 0
        self.skipped: list[tuple[str, str]] = []

    def describe(self) -> str:
        return f"folder {self.folder.name}"

    def _open(self) -> None:
        if not self.folder.is_dir():
            raise CameraUnavailable(f"image folder not found: {self.folder}")
        self._files = sorted(p for p in self.folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if not self._files:
            raise CameraUnavailable(f"{self.folder} holds no images ({', '.join(IMAGE_SUFFIXES)})")
        self._pos = 0

    def _read(self, timeout_s: float) -> Frame:
        while self._pos < len(self._files):
            path = self._files[self._pos]
            index = self._pos
            self._pos += 1
            try:
                image = read_image(path)
            except ImageError as exc:
                self.skipped.append((path.name, str(exc)))
                continue
            return Frame(image, index / self.fps, index, name=path.name)
        raise SourceExhausted(f"{self.folder.name}: no more images")


class SimulatedWebcamSource(FrameSource):
    """The simulator as a live camera: the face looks at `target()` (e.g. the mouse position).

    Frames are paced at `fps` like a real camera, so the app behaves the same with or without one.
    """

    kind = "simulator"

    def __init__(
        self,
        simulator: object,
        target: Callable[[], tuple[float, float]],
        fps: float = 30.0,
        realtime: bool = True,
    ) -> None:
        super().__init__()
        self.simulator = simulator
        self.target = target
        self.fps = fps
        self.realtime = realtime
        self._index = 0
        self._t0 = 0.0

    def describe(self) -> str:
        return "simulated webcam"

    def _open(self) -> None:
        self._index = 0
        self._t0 = time.monotonic()

    def _read(self, timeout_s: float) -> Frame:
        t = self._index / self.fps
        if self.realtime:
            wait = self._t0 + t - time.monotonic()
            if wait > timeout_s:
                raise CameraTimeout("simulated webcam: next frame later than the timeout")
            if wait > 0:
                time.sleep(wait)
        try:
            x, y = self.target()
        except Exception as exc:  # a callback from the UI must not kill the source silently
            raise CameraError(f"simulated webcam: the target callback failed: {exc}") from exc
        rendered = self.simulator.render(float(x), float(y), t)  # type: ignore[attr-defined]
        frame = Frame(rendered.image, self._t0 + t if self.realtime else t, self._index, truth=rendered.truth)
        self._index += 1
        return frame
