"""Street segmentation: images, videos and the webcam coloured by category, with exports.

The tab stays thin: segmentation runs in workers (`alyesdesk.ui.streets.workers`), overlay maths and file
writing live in `alyesdesk.inference.streets.overlay` / `alyesdesk.inference.streets.video` (Qt-free, shared with the
`alyesdesk segment` command). Its widgets (`controls`), live playback (`playback`), exports (`exports`) and the
picture on screen (`display`) have their own modules beside this one. Everything about the model (categories, colours, input size) comes from its
sidecar, so any imported segmenter with a valid sidecar replaces the bundled one.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QVBoxLayout, QWidget

from alyesdesk.inference import catalog
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.images import IMAGE_SUFFIXES
from alyesdesk.inference.streets import overlay
from alyesdesk.inference.streets.video import VIDEO_SUFFIXES, VideoError, is_video, open_video
from alyesdesk.ui.context import ERROR, INFO, WARNING, AppContext
from alyesdesk.ui.streets import exports
from alyesdesk.ui.streets.controls import SidePanel, StatusRow, Toolbar
from alyesdesk.ui.streets.display import SIDE_GAP, VIEW_MODES, compose
from alyesdesk.ui.streets.playback import Playback
from alyesdesk.ui.streets.view import ImageView
from alyesdesk.ui.streets.workers import CAPABILITY, Segmented, SegmentImageWorker, VideoExportWorker
from alyesdesk.ui.workers import Worker, WorkerHandle, start_worker

OPEN_FILTER = (
    "Images and videos (" + " ".join(f"*{s}" for s in IMAGE_SUFFIXES + VIDEO_SUFFIXES) + ");;"
    "Images (" + " ".join(f"*{s}" for s in IMAGE_SUFFIXES) + ");;"
    "Videos (" + " ".join(f"*{s}" for s in VIDEO_SUFFIXES) + ");;All files (*)"
)
MAX_KEPT = 10  # segmented images kept for the "Input" list


def _default_webcam():  # noqa: ANN202 - a FrameSource
    from alyesdesk.inference.gaze.sources import WebcamSource

    return WebcamSource(0)


class StreetsTab(QWidget):
    """Signals: `segmentation_finished(object)` (a Segmented image), `frame_shown(int)` (live frame index),
    `live_stopped()`, `export_finished(object)` (written path, or None when a video export was cancelled)."""

    segmentation_finished = Signal(object)
    frame_shown = Signal(int)
    live_stopped = Signal()
    export_finished = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAcceptDrops(True)
        self.model_info: catalog.ModelInfo | None = None
        self.current: Segmented | None = None
        self.items: list[Segmented] = []
        self._queue: list[Path] = []
        self._segmenting: WorkerHandle | None = None
        self._video_path: Path | None = None
        self._handles: list[WorkerHandle] = []  # every thread started, joined on shutdown
        self._segmenting_path: Path | None = None
        self.webcam_factory = _default_webcam  # tests swap in a fake source

        self.toolbar = Toolbar()
        self.view = ImageView("Open or drop a street photo or video, or start the webcam.\n"
                              "Every pixel is coloured by category.")
        self.side_panel = SidePanel()
        self.status_row = StatusRow()
        # the widgets under their long-standing names: callers and tests reach them on the tab
        bar, side, row = self.toolbar, self.side_panel, self.status_row
        self.open_button, self.webcam_button = bar.open_button, bar.webcam_button
        self.pause_button, self.stop_button = bar.pause_button, bar.stop_button
        self.inputs, self.view_mode, self.opacity, self.opacity_label = bar.inputs, bar.view_mode, bar.opacity, bar.opacity_label
        self.export_button, self.export_actions = bar.export_button, bar.export_actions
        self.legend, self.hover_label = side.legend, side.hover_label
        self.model_label, self.timing_label = side.model_label, side.timing_label
        self.status, self.progress, self.cancel_button = row.status, row.progress, row.cancel_button
        self.playback = Playback(self.webcam_button, self.pause_button, self.stop_button, self._start, self)
        self.video_export = exports.VideoExport(self.progress, self.cancel_button, self._start, self)

        middle = QHBoxLayout()
        middle.addWidget(self.view, 1)
        middle.addWidget(self.side_panel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addLayout(middle, 1)
        layout.addWidget(self.status_row)

        self.open_button.clicked.connect(self._on_open_clicked)
        self.webcam_button.toggled.connect(self._on_webcam_toggled)
        self.inputs.currentIndexChanged.connect(self._on_input_selected)
        self.view_mode.currentIndexChanged.connect(self.refresh)
        self.opacity.valueChanged.connect(self.refresh)
        self.legend.toggled.connect(self.refresh)
        self.view.hovered.connect(self._on_hovered)
        self.view.left.connect(side.clear_hover)
        self.toolbar.export_chosen.connect(self._on_export_chosen)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.playback.frame_arrived.connect(self._on_live_frame)
        self.playback.ended.connect(self._on_live_ended)
        self.playback.failed.connect(self._on_live_failed)
        self.playback.stopped.connect(self.live_stopped)
        self.video_export.finished.connect(self._on_video_exported)
        self.video_export.failed.connect(self._on_video_export_failed)
        if hasattr(ctx, "models_changed"):
            ctx.models_changed.connect(self.reload_model)
        self.refresh()
        self.reload_model()

    # --- model -------------------------------------------------------------------------------------
    @Slot()
    def reload_model(self) -> None:
        """Pick up the active segmenter (bundled, or one the user imported)."""
        try:
            info = catalog.active_model("segment")
        except ModelError as exc:
            self.model_info = None
            self.model_label.setText(str(exc))
            self.open_button.setEnabled(False)
            self.webcam_button.setEnabled(False)
            self.status.setText("No street segmentation model is installed.")
            return
        self.model_info = info
        self.side_panel.show_model(info)
        self.open_button.setEnabled(True)
        self.webcam_button.setEnabled(True)
        self.refresh()

    # --- opening -----------------------------------------------------------------------------------
    def _on_open_clicked(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Open street images or a video", "", OPEN_FILTER)
        if files:
            self.open_paths(files)

    def open_paths(self, paths: list[str | Path]) -> None:
        """Images are segmented one after another; a video starts playing with the live overlay."""
        if self.model_info is None:
            self.ctx.notify("No street segmentation model is installed; import one first.", WARNING)
            return
        paths = [Path(p) for p in paths]
        videos = [p for p in paths if is_video(p)]
        images = [p for p in paths if not is_video(p)]
        if videos:
            if len(videos) > 1:
                self.ctx.notify(f"Playing {videos[0].name}; open the other videos one at a time.", INFO)
            self.play_video(videos[0])
        if images:
            self._queue.extend(images)
            self._next_image()

    def _next_image(self) -> None:
        if self._segmenting is not None or not self._queue:
            return
        path = self._queue.pop(0)
        self.status.setText(f"Segmenting {path.name}…" + (f" ({len(self._queue)} waiting)" if self._queue else ""))
        worker = SegmentImageWorker(path, self.ctx.db, self.model_info)
        self._segmenting_path = path
        # bound slots, not lambdas: a lambda would run in the worker's thread and touch widgets there
        worker.finished.connect(self._on_image_segmented)
        worker.failed.connect(self._on_image_failed)
        self._segmenting = self._start(worker)

    @Slot(object)
    def _on_image_segmented(self, result: Segmented) -> None:
        self._segmenting = None
        self.stop_live()
        self._video_path = None
        self.items.append(result)
        if len(self.items) > MAX_KEPT:
            self.items.pop(0)
        self._rebuild_inputs(select_last=True)
        stored = ""
        if result.store_error:
            self.ctx.report_unstored(Path(result.source).name, result.store_error)
        elif self.ctx.db is None:
            stored = " · not stored (database locked)"
        elif result.result_id is not None:
            stored = " · saved to History"
            self.ctx.results_changed.emit(CAPABILITY)
        self.status.setText(f"{Path(result.source).name}: {result.seg.size[0]}x{result.seg.size[1]} px{stored}")
        self.timing_label.setText(f"Segmented in {1000 * result.seconds:.0f} ms")
        self.segmentation_finished.emit(result)
        self._next_image()

    @Slot(str)
    def _on_image_failed(self, message: str) -> None:
        path = self._segmenting_path or Path("image")
        self._segmenting = None
        self.ctx.notify(f"{path.name}: {message}", ERROR)
        self.status.setText(f"{path.name}: {message}")
        self._next_image()

    def _rebuild_inputs(self, select_last: bool) -> None:
        self.inputs.blockSignals(True)
        self.inputs.clear()
        for item in self.items:
            self.inputs.addItem(Path(item.source).name)
        self.inputs.blockSignals(False)
        if select_last and self.items:
            self.inputs.setCurrentIndex(len(self.items) - 1)
            self._show(self.items[-1])

    def _on_input_selected(self, index: int) -> None:
        if 0 <= index < len(self.items) and self._live is None:
            self._show(self.items[index])

    # --- live: video files and webcam ----------------------------------------------------------------
    def play_video(self, path: str | Path) -> None:
        from alyesdesk.inference.gaze.sources import VideoFileSource

        path = Path(path)
        try:
            cap, info = open_video(path)
            cap.release()
        except VideoError as exc:
            self.ctx.notify(str(exc), ERROR)
            self.status.setText(str(exc))
            return
        self._video_path = path
        self._start_live(lambda: VideoFileSource(path), fps=info.fps, what=f"{path.name} ({info.width}x{info.height}, {info.fps:.0f} fps)")

    @Slot(bool)
    def _on_webcam_toggled(self, on: bool) -> None:
        if not on:
            self.stop_live()
            return
        self._video_path = None
        self._start_live(self.webcam_factory, fps=None, what="the webcam")

    def _start_live(self, factory, fps: float | None, what: str) -> None:  # noqa: ANN001
        self.playback.start(factory, self.model_info, fps)
        self.status.setText(f"Playing {what}…")

    @property
    def _live(self) -> WorkerHandle | None:
        """The live worker's handle; None when nothing plays."""
        return self.playback.handle

    def stop_live(self) -> None:
        """Stop video or webcam playback (the last frame stays on screen)."""
        self.playback.stop()

    @Slot(object)
    def _on_live_frame(self, latest: Segmented) -> None:
        self._show(latest)
        self.timing_label.setText(f"{1.0 / max(latest.seconds, 1e-3):.1f} frames/s segmentation")
        self.frame_shown.emit(latest.index)

    @Slot(object)
    def _on_live_ended(self, processed: object) -> None:
        if self._video_path is not None:
            self.status.setText(f"{self._video_path.name}: end of video ({processed} frames segmented). "
                                "Export > Overlaid video MP4 writes every frame.")

    @Slot(str)
    def _on_live_failed(self, message: str) -> None:
        self.ctx.notify(message, ERROR)
        self.status.setText(message)

    def on_hidden(self) -> None:
        """Switching tabs pauses playback (the webcam stops: its light should not stay on unseen)."""
        self.playback.suspend()

    def shutdown(self) -> None:
        self.stop_live()
        self.cancel_export()
        for handle in self._handles:
            handle.stop()
        self._handles.clear()

    def _start(self, worker: Worker) -> WorkerHandle:
        self._handles = [h for h in self._handles if h.is_running()]
        handle = start_worker(worker, self)
        self._handles.append(handle)
        return handle

    # --- rendering -----------------------------------------------------------------------------------
    def _show(self, result: Segmented) -> None:
        self.current = result
        self.legend.set_areas(result.areas)
        self.refresh()

    def display_image(self) -> tuple[np.ndarray, float, int] | None:
        """What the view shows now: (BGR array, display scale, panels)."""
        if self.current is None:
            return None
        mode = VIEW_MODES[self.view_mode.currentIndex()]
        return compose(self.current, mode, self.opacity.value() / 100, self.legend.enabled())

    @Slot()
    def refresh(self) -> None:
        shown = self.display_image()
        if shown is None:
            self.view.set_frame(None)
            return
        image, scale, panels = shown
        self.view.set_frame(image, panels=panels, gap=SIDE_GAP if panels > 1 else 0, display_scale=scale)

    def _on_hovered(self, x: float, y: float) -> None:
        if self.current is None:
            return
        name = overlay.category_at(self.current.seg.labels, x, y, self.current.seg.categories)
        self.side_panel.show_hover(name, x, y)

    # --- exports -------------------------------------------------------------------------------------
    @Slot(str)
    def _on_export_chosen(self, kind: str) -> None:
        if kind == "video":
            if self._video_path is None:
                self.ctx.notify("Open a video first: the MP4 export overlays every frame of the video.", WARNING)
                return
            suggestion = f"{self._video_path.stem}_overlay.mp4"
            path, _ = QFileDialog.getSaveFileName(self, "Export overlaid video", suggestion, "MP4 video (*.mp4)")
            if path:
                self.export_video(path)
            return
        if self.current is None:
            self.ctx.notify("Nothing to export yet: open an image, a video or the webcam first.", WARNING)
            return
        name, filters = exports.suggested_name(kind, self.current.source)
        path, _ = QFileDialog.getSaveFileName(self, "Export", name, filters)
        if path:
            self.export(kind, path)

    def export(self, kind: str, path: str | Path) -> Path | None:
        """Write the current result: 'overlay', 'color', 'labels' (PNG) or 'csv'; None when it failed."""
        if self.current is None:
            return None
        try:
            written = exports.write_still(kind, path, self.current, self.opacity.value() / 100, self.legend.enabled())
        except (OSError, ValueError) as exc:
            self.ctx.notify(f"Export failed: {exc}", ERROR)
            return None
        self.status.setText(f"Saved {written}")
        self.export_finished.emit(written)
        return Path(written)

    def export_video(self, path: str | Path) -> None:
        if self._video_path is None or self.video_export.handle is not None:
            return
        self.video_export.start(VideoExportWorker(self._video_path, path, self.opacity.value() / 100,
                                                  self.legend.enabled(), self.ctx.db, self.model_info))
        self.status.setText(f"Exporting {Path(path).name}…")

    def cancel_export(self) -> None:
        if self.video_export.handle is None:
            return
        self.status.setText("Cancelling export…")
        self.video_export.cancel()

    @Slot(object, bool)
    def _on_video_exported(self, result: object, stored: bool) -> None:
        if result is None:
            self.status.setText("Video export cancelled; no file was written.")
            self.export_finished.emit(None)
            return
        if stored:
            self.ctx.results_changed.emit(CAPABILITY)
        self.status.setText(f"Saved {result.path} ({result.frames} frames)")
        self.export_finished.emit(result.path)

    @Slot(str)
    def _on_video_export_failed(self, message: str) -> None:
        self.ctx.notify(f"Video export failed: {message}", ERROR)
        self.status.setText(f"Video export failed: {message}")

    # --- drag and drop -------------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        files: list[str] = []
        for p in paths:
            path = Path(p)
            if path.is_dir():
                files += sorted(str(c) for c in path.iterdir() if c.suffix.lower() in IMAGE_SUFFIXES + VIDEO_SUFFIXES)
            else:
                files.append(p)
        if files:
            event.acceptProposedAction()
            self.open_paths(files)
