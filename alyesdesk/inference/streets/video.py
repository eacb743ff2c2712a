"""Reading videos and writing overlaid MP4s with OpenCV (Qt-free), with progress and cancel.

Live playback reads frames through `gaze.sources.VideoFileSource`; this module is the batch path:
every frame is segmented, blended, and written to `<tmp>` then renamed, so a cancelled or failed export
never leaves a half-written file under the requested name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np

from alyesdesk.texts import QT_TRANSLATE_NOOP, TextError

if TYPE_CHECKING:
    from collections.abc import Callable
    import threading

VIDEO_SUFFIXES = (".mp4", ".avi", ".mov", ".mkv", ".m4v", ".webm", ".mpg", ".mpeg", ".wmv")
# Codecs tried in order for .mp4: mp4v ships with every OpenCV build; avc1 needs an H.264 encoder.
MP4_CODECS = ("mp4v", "avc1")
MAX_FRAME_PIXELS = 40_000_000


class VideoError(TextError, RuntimeError):
    """A video cannot be read or written; the message (a translatable `Text`) says why and what to do."""


class Cancelled(Exception):
    """The export was cancelled by the user; nothing was written."""


@dataclass
class VideoInfo:
    """A video's frame size in px, frame rate (25 when the container gives none or an implausible one), frame count."""

    width: int
    height: int
    fps: float
    frames: int  # as reported by the container; 0 when unknown


@dataclass
class VideoResult:
    """An exported overlay video: where it was written, how many frames, and each category's mean area."""

    path: Path
    frames: int
    areas: dict[str, float] = field(default_factory=dict)  # mean fraction per category over frames


def is_video(path: str | Path) -> bool:
    """Whether the file name ends in one of VIDEO_SUFFIXES (any case); the content is not looked at."""
    return Path(path).suffix.lower() in VIDEO_SUFFIXES


def open_video(path: str | Path) -> tuple[cv2.VideoCapture, VideoInfo]:
    """Open a video and read its first frame's geometry; VideoError if OpenCV cannot decode it."""
    path = Path(path)
    if not path.is_file():
        raise VideoError(QT_TRANSLATE_NOOP("Errors", "{name}: video file not found").format(name=path.name))
    cap = cv2.VideoCapture(str(path))
    if not cap.isOpened():
        cap.release()
        raise VideoError(QT_TRANSLATE_NOOP(
            "Errors", "{name}: not a video this OpenCV can read (unknown format, missing codec or corrupt)",
        ).format(name=path.name))
    width = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH))
    height = int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
    fps = cap.get(cv2.CAP_PROP_FPS)
    frames = int(cap.get(cv2.CAP_PROP_FRAME_COUNT))
    if width <= 0 or height <= 0:
        cap.release()
        raise VideoError(QT_TRANSLATE_NOOP("Errors", "{name}: the video has no readable frames").format(name=path.name))
    if width * height > MAX_FRAME_PIXELS:
        cap.release()
        raise VideoError(QT_TRANSLATE_NOOP(
            "Errors", "{name}: frames are {width}x{height}, too large to process; scale the video down first",
        ).format(name=path.name, width=width, height=height))
    return cap, VideoInfo(width, height, fps if fps and 0 < fps < 1000 else 25.0, max(0, frames))


def open_writer(path: Path, fps: float, size: tuple[int, int]) -> cv2.VideoWriter:
    """An MP4 writer with the first codec that works; VideoError naming the codecs tried otherwise."""
    for codec in MP4_CODECS:
        writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*codec), fps, size)
        if writer.isOpened():
            return writer
        writer.release()
    raise VideoError(
        f"no MP4 encoder available in this OpenCV build (tried {', '.join(MP4_CODECS)}); "
        "export PNG frames instead or install an OpenCV build with FFmpeg"
    )


def export_overlay_video(
    source: str | Path,
    destination: str | Path,
    render: Callable[[np.ndarray], tuple[np.ndarray, dict[str, float]]],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> VideoResult:
    """Run `render(frame) -> (overlay_bgr, areas)` on every frame and write an MP4 at the source fps.

    `progress(done, total)` is called after each frame (total 0 when the container does not say).
    Raises Cancelled (and removes the partial file) when `cancel` is set; VideoError on bad input.
    """
    destination = Path(destination)
    cap, info = open_video(source)
    tmp = destination.with_name(f".{destination.stem}.part{destination.suffix or '.mp4'}")
    writer: cv2.VideoWriter | None = None
    done = 0
    totals: dict[str, float] = {}
    try:
        while True:
            if cancel is not None and cancel.is_set():
                raise Cancelled(f"export of {Path(source).name} cancelled after {done} frames")
            ok, frame = cap.read()
            if not ok or frame is None:
                break
            overlay, areas = render(frame)
            if writer is None:
                destination.parent.mkdir(parents=True, exist_ok=True)
                writer = open_writer(tmp, info.fps, (overlay.shape[1], overlay.shape[0]))
            writer.write(np.ascontiguousarray(overlay))
            for name, value in areas.items():
                totals[name] = totals.get(name, 0.0) + value
            done += 1
            if progress is not None:
                progress(done, max(info.frames, done))
        if done == 0:
            raise VideoError(_no_frame(source))
        if writer is not None:
            writer.release()
        writer = None
        os.replace(tmp, destination)
    finally:
        cap.release()
        if writer is not None:
            writer.release()
        if tmp.exists():
            tmp.unlink(missing_ok=True)
    return VideoResult(destination, done, {k: v / done for k, v in totals.items()})


def read_frames(path: str | Path, limit: int | None = None) -> list[np.ndarray]:
    """All (or the first `limit`) frames of a small video, for tests and previews."""
    cap, _ = open_video(path)
    frames: list[np.ndarray] = []
    try:
        while limit is None or len(frames) < limit:
            ok, frame = cap.read()
            if not ok or frame is None:
                break
            frames.append(frame)
    finally:
        cap.release()
    return frames


def first_frame(path: str | Path) -> np.ndarray:
    """The first frame of a video as BGR; VideoError when it cannot be opened or no frame decodes."""
    frames = read_frames(path, 1)
    if not frames:
        raise VideoError(_no_frame(path))
    return frames[0]


def _no_frame(path: str | Path) -> str:
    return QT_TRANSLATE_NOOP("Errors", "{name}: no frame could be decoded (corrupt file or missing codec)").format(
        name=Path(path).name)




class EndOfVideo(Exception):
    """A `SeekableVideo` has no more frames."""


@dataclass
class VideoFrame:
    """One frame of a `SeekableVideo`: BGR image, time index / fps in seconds, 0-based frame index."""

    image: np.ndarray  # BGR
    timestamp: float  # seconds from the start
    index: int


class SeekableVideo:
    """A video file read frame by frame that can jump to any frame: the tab's live playback and timeline.

    Same reading interface as the gaze `FrameSource`s (`read`, `describe`, a context manager), plus
    `seek(index)` and `info` (after opening). VideoError when the file cannot be opened; EndOfVideo at the end.
    """

    kind = "video"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.info: VideoInfo | None = None
        self._cap: cv2.VideoCapture | None = None
        self._index = 0

    def describe(self) -> str:
        return f"video {self.path.name}"

    def open(self) -> SeekableVideo:
        if self._cap is None:
            self._cap, self.info = open_video(self.path)
            self._index = 0
        return self

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None

    def __enter__(self) -> SeekableVideo:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def seek(self, index: int) -> None:
        self.open()
        assert self._cap is not None and self.info is not None
        index = max(0, int(index))
        if self.info.frames:
            index = min(index, self.info.frames - 1)
        self._cap.set(cv2.CAP_PROP_POS_FRAMES, index)
        self._index = index

    def read(self, timeout_s: float = 2.0) -> VideoFrame:
        self.open()
        assert self._cap is not None and self.info is not None
        ok, image = self._cap.read()
        if not ok or image is None:
            raise EndOfVideo(f"{self.path.name}: end of video after {self._index} frames")
        frame = VideoFrame(image, self._index / self.info.fps, self._index)
        self._index += 1
        return frame
