"""Background work of the Street segmentation tab: one image, live video/webcam, and MP4 export.

Live playback keeps only the newest result in a one-slot buffer: the worker overwrites it and emits
`frame_ready`; the GUI takes whatever is newest when it gets round to it, so nothing queues up and a slow
machine shows fewer frames, never older ones.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
from PySide6.QtCore import Signal

from alyesdesk.inference import catalog
from alyesdesk.inference.images import read_image
from alyesdesk.inference.streets.overlay import area_fractions, render
from alyesdesk.inference.streets.segment import Segmenter, Segmentation
from alyesdesk.inference.streets import batch
from alyesdesk.inference.streets.video import Cancelled, EndOfVideo, VideoResult, export_overlay_video
from alyesdesk.ui.workers import Worker

CAPABILITY = "streets"


def open_segmenter(info: catalog.ModelInfo | None = None) -> tuple[Segmenter, catalog.ModelInfo]:
    """The active (or given) segmenter, opened and checked; ModelError says what to do otherwise."""
    return catalog.open_for_task("segment", info=info)  # type: ignore[return-value]


@dataclass
class Segmented:
    """One segmented frame: the image, its labels, areas, and where it came from."""

    image: np.ndarray
    seg: Segmentation
    areas: dict[str, float]
    source: str
    index: int = 0
    result_id: int | None = None
    store_error: str | None = None
    seconds: float = 0.0


class SegmentImageWorker(Worker):
    """Reads, segments and (when the database is open) stores one image."""

    def __init__(self, path: str | Path, db: Any, info: catalog.ModelInfo | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self.db = db
        self.info = info

    def work(self) -> Segmented:
        backend, info = open_segmenter(self.info)
        image = read_image(self.path)
        started = time.perf_counter()
        seg = backend.segment(image)
        result = Segmented(image, seg, area_fractions(seg.labels, seg.categories), str(self.path),
                           seconds=time.perf_counter() - started)
        if self.db is not None:
            try:
                result.result_id = self.db.save_segmentation(
                    str(self.path.resolve()), catalog.file_sha256(self.path), seg.size[0], seg.size[1],
                    result.areas, catalog.model_ref(info),
                )
            except Exception as exc:  # storage trouble must not hide the segmentation itself
                result.store_error = str(exc)
        return result


class LiveWorker(Worker):
    """Segments frames from a `FrameSource` (video file or webcam) until stopped or exhausted.

    Video files are paced to their own frame rate: frames the model cannot keep up with are skipped,
    so playback runs in real time. `pause` holds the loop without closing the source. `seek(index)` (for
    sources with a `seek` method) jumps there; while paused, the frame sought is segmented and shown.
    """

    frame_ready = Signal()

    def __init__(self, source_factory: Callable[[], Any], info: catalog.ModelInfo | None = None,
                 fps: float | None = None, start_frame: int = 0) -> None:
        super().__init__()
        self.source_factory = source_factory
        self._seek: int | None = start_frame or None
        self.info = info
        self.fps = fps  # None for live sources: take whatever is newest
        self.pause = threading.Event()
        self._lock = threading.Lock()
        self._latest: Segmented | None = None
        self._notified = False  # a frame_ready is queued and not yet taken: do not queue another
        self.frames_shown = 0
        self.frames_skipped = 0

    def take_latest(self) -> Segmented | None:
        with self._lock:
            latest, self._latest = self._latest, None
            self._notified = False
            return latest

    def seek(self, index: int) -> None:
        """Jump to frame `index` (the newest request wins); ignored by sources that cannot seek."""
        with self._lock:
            self._seek = max(0, int(index))

    def work(self) -> int:
        from alyesdesk.inference.gaze.sources import SourceExhausted

        backend, _ = open_segmenter(self.info)
        processed = 0
        with self.source_factory() as source:
            started = time.monotonic()
            while not self.stop_requested.is_set():
                with self._lock:
                    seek, self._seek = self._seek, None
                if seek is not None and hasattr(source, "seek"):
                    source.seek(seek)
                    started = None  # re-anchor the clock at the new position
                elif self.pause.is_set():
                    self.stop_requested.wait(0.05)
                    started = None  # re-anchor the clock after a pause
                    continue
                try:
                    frame = source.read(timeout_s=2.0)
                except (SourceExhausted, EndOfVideo):
                    break
                if self.fps and seek is None:
                    if started is None:
                        started = time.monotonic() - frame.timestamp
                    behind = (time.monotonic() - started) - frame.timestamp
                    if behind > 1.5 / self.fps:  # late: drop this frame, read the next
                        self.frames_skipped += 1
                        continue
                    if behind < 0:
                        self.stop_requested.wait(-behind)
                t0 = time.perf_counter()
                seg = backend.segment(frame.image)
                result = Segmented(frame.image, seg, area_fractions(seg.labels, seg.categories),
                                   source.describe(), frame.index, seconds=time.perf_counter() - t0)
                with self._lock:
                    self._latest = result
                    notify, self._notified = not self._notified, True
                processed += 1
                if notify:  # at most one notification in flight: a slow GUI never builds a backlog
                    self.frame_ready.emit()
        return processed


class VideoExportWorker(Worker):
    """Writes an overlaid MP4; `finished(VideoResult)` or `finished(None)` when cancelled."""

    def __init__(self, source: str | Path, destination: str | Path, opacity: float, enabled: Sequence[bool],
                 db: Any = None, info: catalog.ModelInfo | None = None) -> None:
        super().__init__()
        self.source, self.destination = Path(source), Path(destination)
        self.opacity, self.enabled = opacity, list(enabled)
        self.db, self.info = db, info
        self.result_id: int | None = None

    def work(self) -> VideoResult | None:
        backend, info = open_segmenter(self.info)
        size: list[int] = []

        def frame(image: np.ndarray):
            seg = backend.segment(image)
            if not size:
                size.extend(seg.size)
            return render(image, seg.labels, seg.categories, seg.colours, self.opacity, self.enabled)

        try:
            result = export_overlay_video(self.source, self.destination, frame,
                                          progress=self.progressed.emit, cancel=self.stop_requested)
        except Cancelled:
            return None
        if self.db is not None and size:
            try:
                self.result_id = self.db.save_segmentation(
                    str(self.source.resolve()), catalog.file_sha256(self.source), size[0], size[1],
                    result.areas, catalog.model_ref(info),
                )
            except Exception:  # the video is written; a storage failure is reported by the tab
                self.result_id = None
        return result


class BatchExportWorker(Worker):
    """Segments a list of images, or every frame of a video, into a new folder (`inference.streets.batch`).

    `finished(BatchResult)`, or `finished(None)` when cancelled (the partial folder is removed).
    `video_factory(path)` opens the video (a `SeekableVideo`, or a test's fake with the same interface).
    """

    def __init__(self, out_dir: str | Path, *, images: Sequence[str | Path] = (), video: str | Path | None = None,
                 video_factory: Callable[[Path], Any] | None = None, opacity: float = 0.5,
                 enabled: Sequence[bool] | None = None, info: catalog.ModelInfo | None = None) -> None:
        super().__init__()
        self.out_dir = Path(out_dir)
        self.images = [Path(p) for p in images]
        self.video = Path(video) if video is not None else None
        self.video_factory = video_factory
        self.opacity, self.enabled, self.info = opacity, list(enabled) if enabled is not None else None, info

    def work(self) -> batch.BatchResult | None:
        backend, _ = open_segmenter(self.info)
        options = {"opacity": self.opacity, "enabled": self.enabled, "progress": self.progressed.emit,
                   "cancel": self.stop_requested}
        try:
            if self.video is None:
                name = f"{self.images[0].parent.name or 'images'}_segmentation" if self.images else "segmentation"
                return batch.export_images(self.images, self.out_dir, name, backend.segment, read_image, **options)
            from alyesdesk.inference.gaze.sources import SourceExhausted
            from alyesdesk.inference.streets.video import SeekableVideo

            with (self.video_factory or SeekableVideo)(self.video) as source:
                total = getattr(getattr(source, "info", None), "frames", 0) or 0
                return batch.export_video_frames(source, self.out_dir, f"{self.video.stem}_segmentation",
                                                 backend.segment, total=total, end=(SourceExhausted,), **options)
        except Cancelled:
            return None
