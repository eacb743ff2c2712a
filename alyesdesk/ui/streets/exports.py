"""Exports of the Street segmentation tab: still results written at once; the overlaid MP4 and the batch
exports (a folder of images, or every frame of a video with its per-frame area CSV) in a worker.

The still exports write the full-size result (never the downsized picture on screen); the MP4 and batch
exports re-segment every frame or image, so they run in a worker with progress and a cancel button, one
at a time. `ExportActions` is the tab's export half (a mixin of `StreetsTab`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QProgressBar, QPushButton, QWidget

from alyesdesk.inference.images import IMAGE_SUFFIXES
from alyesdesk.inference.streets import overlay
from alyesdesk.inference.streets.batch import BatchResult
from alyesdesk.inference.streets.video import VIDEO_SUFFIXES
from alyesdesk.ui.context import WARNING
from alyesdesk.ui.error_text import localized
from alyesdesk.ui.streets.workers import CAPABILITY, BatchExportWorker, Segmented, VideoExportWorker
from alyesdesk.ui.widgets.exporting import ask_folder, ask_save_path, report_export_failed, report_exported
from alyesdesk.ui.workers import Worker, WorkerHandle
from alyesdesk.ui import file_dialogs

def open_filter() -> str:
    """The file dialog's filter in the interface's language."""
    return QCoreApplication.translate(
        "StreetsExports", "Images and videos ({patterns});;Images ({images});;Videos ({videos});;All files (*)").format(
        patterns=" ".join(f"*{s}" for s in IMAGE_SUFFIXES + VIDEO_SUFFIXES),
        images=" ".join(f"*{s}" for s in IMAGE_SUFFIXES), videos=" ".join(f"*{s}" for s in VIDEO_SUFFIXES))


OPEN_FILTER = (  # English, kept for callers that read it
    "Images and videos (" + " ".join(f"*{s}" for s in IMAGE_SUFFIXES + VIDEO_SUFFIXES) + ");;"
    "Images (" + " ".join(f"*{s}" for s in IMAGE_SUFFIXES) + ");;"
    "Videos (" + " ".join(f"*{s}" for s in VIDEO_SUFFIXES) + ");;All files (*)"
)

STILL_SUFFIXES = {"overlay": "_overlay.png", "color": "_color.png", "labels": "_labels.png", "csv": "_areas.csv"}


def suggested_name(kind: str, source: str) -> tuple[str, str]:
    """(file name, file-dialog filter) offered when exporting the result of `source` as `kind`."""
    # a webcam frame's source is a description ("webcam 0 (…)"), not a file name: it gets a generic stem
    stem = Path(source).stem if Path(source).suffix else "frame"
    filters = "CSV (*.csv)" if kind == "csv" else QCoreApplication.translate("Exports", "PNG image (*.png)")
    return stem + STILL_SUFFIXES[kind], filters


def media_files(paths: Iterable[str | Path], images_only: bool = False) -> list[str]:
    """Files as given, and the images (and videos) directly inside given folders, in name order."""
    suffixes = IMAGE_SUFFIXES if images_only else IMAGE_SUFFIXES + VIDEO_SUFFIXES
    files: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files += sorted(str(c) for c in path.iterdir() if c.is_file() and c.suffix.lower() in suffixes)
        else:
            files.append(str(p))
    return files


def ask_batch(parent: QWidget, kind: str, video: Path | None) -> tuple[list[Path] | None, str] | None:
    """Dialogs for a batch export: (images, or None for every frame of `video`; output folder), or None."""
    if kind == "batch_video" and video is None:
        parent.ctx.notify(QCoreApplication.translate("Exports", "Open a video first: the batch export writes every frame of the open video."), WARNING)
        return None
    images = None
    if kind == "batch_images":
        folder = file_dialogs.open_folder(parent, file_dialogs.IMAGES, QCoreApplication.translate("Exports", "Folder of street images to segment"))  # an input, not an export
        images = [Path(f) for f in media_files([folder], images_only=True)] if folder else []
        if not images:
            if folder:
                parent.ctx.notify(QCoreApplication.translate("Exports", "No images in {folder}.").format(folder=folder), WARNING)
            return None
    out = ask_folder(parent, QCoreApplication.translate("Exports", "Write the results into this folder"))
    return (images, out) if out else None


def batch_detail(result: BatchResult) -> str:
    """What a batch export wrote, after "Exported to <folder>"."""
    text = (QCoreApplication.translate("Exports", "{count} frames") if result.per_frame
            else QCoreApplication.translate("Exports", "{count} images")).format(count=result.items)
    if result.failed:
        text += QCoreApplication.translate("Exports", "; {value} could not be read (see failed.csv)").format(value=len(result.failed))
    return text


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

    def busy_jobs(self) -> list[str]:
        """What closing the window would cut short (ui/close_guard.py asks first)."""
        if self.handle is None:
            return []
        if isinstance(self.handle.worker, VideoExportWorker):
            return [self.tr("exporting the overlaid video {name}").format(name=self.handle.worker.destination.name)]
        return [self.tr("exporting a batch")]

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
        self.progress.setFormat(self.tr("{done}/{total} frames").format(done=done, total=total))

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

    @Slot(object)
    def _on_worker_failed(self, message: object) -> None:
        self._end()
        self.failed.emit(localized(message))  # translated now: `failed(str)` would drop a Text's translation data


class ExportActions:
    """The tab's exports (mixed into `StreetsTab`, which provides the widgets, `current`, `ctx`, `video_export`)."""

    current: Any
    ctx: Any
    video_export: VideoExport

    def _on_export_chosen(self, kind: str) -> None:
        if kind.startswith("batch"):
            choice = ask_batch(self, kind, self._video_path)
            if choice is not None:
                self.export_batch(choice[1], images=choice[0])
            return
        if kind == "video":
            if self._video_path is None:
                self.ctx.notify(QCoreApplication.translate("ExportActions", "Open a video first: the MP4 export overlays every frame of the video."), WARNING)
                return
            suggestion = f"{self._video_path.stem}_overlay.mp4"
            path = ask_save_path(self, QCoreApplication.translate("ExportActions", "Export overlaid video"), suggestion, QCoreApplication.translate("ExportActions", "MP4 video (*.mp4)"))
            if path:
                self.export_video(path)
            return
        if self.current is None:
            self.ctx.notify(QCoreApplication.translate("ExportActions", "Nothing to export yet: open an image, a video or the webcam first."), WARNING)
            return
        name, filters = suggested_name(kind, self.current.source)
        path = ask_save_path(self, QCoreApplication.translate("ExportActions", "Export"), name, filters)
        if path:
            self.export(kind, path)

    def export(self, kind: str, path: str | Path) -> Path | None:
        """Write the current result: 'overlay', 'color', 'labels' (PNG) or 'csv'; None when it failed."""
        if self.current is None:
            return None
        try:
            written = write_still(kind, path, self.current, self.opacity.value() / 100, self.legend.enabled())
        except (OSError, ValueError) as exc:
            report_export_failed(self.ctx, exc, self.status)
            return None
        report_exported(self.ctx, written, self.status)
        self.export_finished.emit(written)
        return Path(written)

    def export_video(self, path: str | Path) -> None:
        if self._video_path is None or self.video_export.handle is not None:
            return
        self.video_export.start(VideoExportWorker(self._video_path, path, self.opacity.value() / 100,
                                                  self.legend.enabled(), self.ctx.db, self.model_info))
        self.status.setText(QCoreApplication.translate("ExportActions", "Exporting {value}…").format(value=(Path(path).name)))

    def export_batch(self, out_dir: str | Path, images: list[Path] | None = None) -> None:
        """Segment `images` (or, when None, every frame of the open video) into a new folder in `out_dir`."""
        if self.video_export.handle is not None or (images is None and self._video_path is None):
            return
        self.video_export.start(BatchExportWorker(
            out_dir, images=images or (), video=None if images is not None else self._video_path,
            video_factory=self.video_factory, opacity=self.opacity.value() / 100, enabled=self.legend.enabled(),
            info=self.model_info))
        self.status.setText(QCoreApplication.translate("ExportActions", "Exporting {value} images…").format(value=(len(images))) if images is not None else QCoreApplication.translate("ExportActions", "Exporting every frame…"))

    def cancel_export(self) -> None:
        if self.video_export.handle is None:
            return
        self.status.setText(QCoreApplication.translate("ExportActions", "Cancelling export…"))
        self.video_export.cancel()

    def _on_video_exported(self, result: object, stored: bool) -> None:
        if result is None:
            self.status.setText(QCoreApplication.translate("ExportActions", "Export cancelled; no file was written."))
            self.export_finished.emit(None)
            return
        if isinstance(result, BatchResult):
            if result.per_frame and not self.area_plot.isHidden():
                self.area_plot.set_series(result.per_frame)
            report_exported(self.ctx, result.folder, self.status, batch_detail(result), warning=bool(result.failed))
            self.export_finished.emit(result.folder)
            return
        if stored:
            self.ctx.results_changed.emit(CAPABILITY)
        report_exported(self.ctx, result.path, self.status, QCoreApplication.translate("ExportActions", "{frames} frames").format(frames=result.frames))
        self.export_finished.emit(result.path)

    def _on_video_export_failed(self, message: str) -> None:
        report_export_failed(self.ctx, message, self.status)

