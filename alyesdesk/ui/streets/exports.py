"""Exports of the Street segmentation tab: still results written at once, the overlaid MP4 in a worker.

The still exports write the full-size result (never the downsized picture on screen); the MP4 export
re-segments every frame of the video, so it runs in a worker with progress and a cancel button.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QProgressBar, QPushButton

from alyesdesk.inference.streets import overlay
from alyesdesk.ui.streets.workers import Segmented, VideoExportWorker
from alyesdesk.ui.workers import Worker, WorkerHandle

STILL_SUFFIXES = {"overlay": "_overlay.png", "color": "_color.png", "labels": "_labels.png", "csv": "_areas.csv"}


def suggested_name(kind: str, source: str) -> tuple[str, str]:
    """(file name, file-dialog filter) offered when exporting the result of `source` as `kind`."""
    # a webcam frame's source is a description ("webcam 0 (…)"), not a file name: it gets a generic stem
    stem = Path(source).stem if Path(source).suffix else "frame"
    filters = "CSV (*.csv)" if kind == "csv" else "PNG image (*.png)"
    return stem + STILL_SUFFIXES[kind], filters


def write_still(kind: str, path: str | Path, result: Segmented, opacity: float, enabled: Sequence[bool]) -> Path:
    """Write 'overlay', 'color', 'labels' (PNG) or 'csv' of `result`; OSError or ValueError when it cannot."""
    image, seg = result.image, result.seg
    if kind == "overlay":
        return overlay.write_png(path, overlay.blend(image, seg.labels, seg.colours, opacity, enabled))
    if kind == "color":
        return overlay.write_png(path, overlay.colorize(seg.labels, seg.colours, enabled))
    if kind == "labels":
        return overlay.write_png(path, seg.labels)
    if kind == "csv":
        from alyesdesk.storage.exports import atomic_write_text

        return atomic_write_text(path, overlay.category_table_csv(result.areas, seg.colours))
    raise ValueError(f"unknown export '{kind}'")


class VideoExport(QObject):
    """Runs one overlaid-MP4 export at a time and drives its progress bar and cancel button.

    Signals: `finished(object, bool)` the VideoResult (None when cancelled) and whether it was saved to
    History; `failed(str)`.
    """

    finished = Signal(object, bool)
    failed = Signal(str)

    def __init__(self, progress: QProgressBar, cancel_button: QPushButton,
                 start: Callable[[Worker], WorkerHandle], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.progress = progress
        self.cancel_button = cancel_button
        self._start = start  # the tab's, so its shutdown joins this thread too
        self.handle: WorkerHandle | None = None

    def start(self, worker: VideoExportWorker) -> None:
        # bound slots, not lambdas: a lambda would run in the worker's thread and touch widgets there
        worker.progressed.connect(self._on_progressed)
        worker.finished.connect(self._on_worker_finished)
        worker.failed.connect(self._on_worker_failed)
        self.handle = self._start(worker)
        self.progress.setRange(0, 0)  # busy until the first frame count arrives
        self.progress.show()
        self.cancel_button.show()

    def cancel(self) -> None:
        handle = self.handle
        if handle is None:
            return
        handle.worker.stop_requested.set()
        if not handle.thread.isRunning() and not handle.thread.isFinished():
            # start_worker never starts a worker stopped before its thread began: no signal will come
            self._on_worker_finished(None)

    @Slot(int, int)
    def _on_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done}/{total} frames")

    def _end(self) -> None:
        self.handle = None
        self.progress.hide()
        self.cancel_button.hide()

    @Slot(object)
    def _on_worker_finished(self, result: object) -> None:
        worker = self.handle.worker if self.handle is not None else None
        self._end()
        stored = worker is not None and getattr(worker, "result_id", None) is not None
        self.finished.emit(result, stored)

    @Slot(str)
    def _on_worker_failed(self, message: str) -> None:
        self._end()
        self.failed.emit(message)
