"""Street segmentation: images, videos and the webcam coloured by category, with exports.

The tab stays thin: segmentation runs in workers (`alyesdesk.ui.streets_workers`), overlay maths and file
writing live in `alyesdesk.inference.overlay` / `alyesdesk.inference.video` (Qt-free, shared with the
`alyesdesk segment` command). Everything about the model (categories, colours, input size) comes from its
sidecar, so any imported segmenter with a valid sidecar replaces the bundled one.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from alyesdesk.inference import catalog, overlay
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.images import IMAGE_SUFFIXES
from alyesdesk.inference.video import VIDEO_SUFFIXES, VideoError, is_video, open_video
from alyesdesk.ui.context import ERROR, INFO, WARNING, AppContext
from alyesdesk.ui.streets_legend import Legend
from alyesdesk.ui.streets_view import ImageView
from alyesdesk.ui.streets_workers import CAPABILITY, LiveWorker, Segmented, SegmentImageWorker, VideoExportWorker
from alyesdesk.ui.workers import WorkerHandle, start_worker

VIEW_MODES = ("Blended", "Side by side", "Colour mask")
OPEN_FILTER = (
    "Images and videos (" + " ".join(f"*{s}" for s in IMAGE_SUFFIXES + VIDEO_SUFFIXES) + ");;"
    "Images (" + " ".join(f"*{s}" for s in IMAGE_SUFFIXES) + ");;"
    "Videos (" + " ".join(f"*{s}" for s in VIDEO_SUFFIXES) + ");;All files (*)"
)
DISPLAY_MAX_PIXELS = 2_000_000  # large photos are shown downsized; exports stay full size
SIDE_GAP = 6
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
        self._live: WorkerHandle | None = None
        self._export: WorkerHandle | None = None
        self._video_path: Path | None = None
        self._handles: list[WorkerHandle] = []  # every thread started, joined on shutdown
        self._segmenting_path: Path | None = None
        self.webcam_factory = _default_webcam  # tests swap in a fake source

        # --- controls ---
        self.open_button = QPushButton("Open images or video…")
        self.webcam_button = QPushButton("Webcam")
        self.webcam_button.setCheckable(True)
        self.webcam_button.setToolTip("Segment the webcam live")
        self.pause_button = QPushButton("Pause")
        self.pause_button.setCheckable(True)
        self.pause_button.setEnabled(False)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setEnabled(False)
        self.inputs = QComboBox()
        self.inputs.setMinimumWidth(160)
        self.inputs.setToolTip("Images segmented in this session")
        self.view_mode = QComboBox()
        self.view_mode.addItems(VIEW_MODES)
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(55)
        self.opacity.setFixedWidth(130)
        self.opacity_label = QLabel()
        self.export_button = QToolButton()
        self.export_button.setText("Export")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_actions: dict[str, QAction] = {}
        for key, text in (("overlay", "Overlay PNG…"), ("color", "Colour mask PNG…"), ("labels", "Label-index PNG…"),
                          ("csv", "Per-category areas CSV…"), ("video", "Overlaid video MP4…")):
            action = menu.addAction(text)
            action.triggered.connect(lambda _=False, k=key: self._on_export_clicked(k))
            self.export_actions[key] = action
        self.export_button.setMenu(menu)

        # --- display and side panel ---
        self.view = ImageView("Open or drop a street photo or video, or start the webcam.\n"
                              "Every pixel is coloured by category.")
        self.legend = Legend()
        self.hover_label = QLabel("Under the mouse: –")
        self.model_label = QLabel()
        self.model_label.setWordWrap(True)
        self.model_label.setStyleSheet("color: palette(placeholder-text);")
        self.timing_label = QLabel("")
        self.progress = QProgressBar()
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel export")
        self.cancel_button.hide()
        self.status = QLabel("Nothing segmented yet.")
        self.status.setWordWrap(True)

        top = QHBoxLayout()
        for widget in (self.open_button, self.webcam_button, self.pause_button, self.stop_button):
            top.addWidget(widget)
        top.addSpacing(12)
        top.addWidget(QLabel("Input:"))
        top.addWidget(self.inputs)
        top.addSpacing(12)
        top.addWidget(QLabel("View:"))
        top.addWidget(self.view_mode)
        top.addWidget(QLabel("Opacity:"))
        top.addWidget(self.opacity)
        top.addWidget(self.opacity_label)
        top.addStretch(1)
        top.addWidget(self.export_button)

        side = QVBoxLayout()
        title = QLabel("<b>Categories</b> (area of the image)")
        side.addWidget(title)
        side.addWidget(self.legend)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        side.addWidget(line)
        side.addWidget(self.hover_label)
        side.addWidget(self.timing_label)
        side.addStretch(1)
        side.addWidget(self.model_label)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setFixedWidth(250)

        middle = QHBoxLayout()
        middle.addWidget(self.view, 1)
        middle.addWidget(side_widget)

        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)

        self.open_button.clicked.connect(self._on_open_clicked)
        self.webcam_button.toggled.connect(self._on_webcam_toggled)
        self.pause_button.toggled.connect(self._on_pause_toggled)
        self.stop_button.clicked.connect(self.stop_live)
        self.inputs.currentIndexChanged.connect(self._on_input_selected)
        self.view_mode.currentIndexChanged.connect(self.refresh)
        self.opacity.valueChanged.connect(self._on_opacity_changed)
        self.legend.toggled.connect(self.refresh)
        self.view.hovered.connect(self._on_hovered)
        self.view.left.connect(lambda: self.hover_label.setText("Under the mouse: –"))
        self.cancel_button.clicked.connect(self.cancel_export)
        if hasattr(ctx, "models_changed"):
            ctx.models_changed.connect(self.reload_model)
        self._on_opacity_changed(self.opacity.value())
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
        spec = info.spec
        names = [n for n, _ in spec.categories]
        colours = [c for _, c in spec.categories]
        void = spec.get("segment.void_category")
        self.legend.set_categories(names, colours, hidden=[void] if void and not spec.get("segment.predict_void", True) else [])
        miou = spec.get("metrics.mean_iou_7")
        quality = f" · mean IoU {miou:.2f} on CamVid val" if isinstance(miou, (int, float)) else ""
        data = "; ".join(spec.data_licences) or "data licence not stated"
        self.model_label.setText(f"Model: {spec.name} {spec.version}{quality}\nLicence: {spec.licence}\nData: {data}")
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
            self.ctx.notify(f"{Path(result.source).name} was segmented but not stored: {result.store_error}", WARNING)
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

    def _on_webcam_toggled(self, on: bool) -> None:
        if not on:
            self.stop_live()
            return
        self._video_path = None
        self._start_live(self.webcam_factory, fps=None, what="the webcam")

    def _start_live(self, factory, fps: float | None, what: str) -> None:  # noqa: ANN001
        self._stop_live_worker()
        if fps is not None:  # a video replaces the webcam
            self._set_webcam_checked(False)
        worker = LiveWorker(factory, self.model_info, fps)
        worker.frame_ready.connect(self._on_live_frame)
        worker.finished.connect(self._on_live_finished)
        worker.failed.connect(self._on_live_failed)
        self._live = self._start(worker)
        self.pause_button.setEnabled(True)
        self.pause_button.setChecked(False)
        self.stop_button.setEnabled(True)
        self.status.setText(f"Playing {what}…")

    def stop_live(self) -> None:
        """Stop video or webcam playback (the last frame stays on screen)."""
        self._stop_live_worker()
        self.pause_button.setEnabled(False)
        self.stop_button.setEnabled(False)
        self._set_webcam_checked(False)

    def _stop_live_worker(self) -> None:
        handle, self._live = self._live, None
        if handle is not None:
            handle.stop()
            self.live_stopped.emit()

    def _set_webcam_checked(self, on: bool) -> None:
        self.webcam_button.blockSignals(True)
        self.webcam_button.setChecked(on)
        self.webcam_button.blockSignals(False)

    def _on_pause_toggled(self, paused: bool) -> None:
        if self._live is not None:
            worker = self._live.worker
            worker.pause.set() if paused else worker.pause.clear()
            self.pause_button.setText("Resume" if paused else "Pause")

    @Slot()
    def _on_live_frame(self) -> None:
        if self._live is None:
            return
        latest = self._live.worker.take_latest()
        if latest is None:
            return  # an older notification: the newest frame was already shown
        self._show(latest)
        self.timing_label.setText(f"{1.0 / max(latest.seconds, 1e-3):.1f} frames/s segmentation")
        self.frame_shown.emit(latest.index)

    @Slot(object)
    def _on_live_finished(self, processed: object) -> None:
        if self._live is None or self._live.worker is not self.sender():
            return  # a worker stopped on purpose (stop_live already reported it)
        self._live = None
        self.stop_live()
        if self._video_path is not None:
            self.status.setText(f"{self._video_path.name}: end of video ({processed} frames segmented). "
                                "Export > Overlaid video MP4 writes every frame.")
        self.live_stopped.emit()

    @Slot(str)
    def _on_live_failed(self, message: str) -> None:
        if self._live is None or self._live.worker is not self.sender():
            return
        self._live = None
        self.stop_live()
        self.ctx.notify(message, ERROR)
        self.status.setText(message)
        self.live_stopped.emit()

    def on_hidden(self) -> None:
        """Switching tabs pauses playback (the webcam stops: its light should not stay on unseen)."""
        if self.webcam_button.isChecked():
            self.stop_live()
        elif self._live is not None:
            self.pause_button.setChecked(True)

    def shutdown(self) -> None:
        self.stop_live()
        self.cancel_export()
        for handle in self._handles:
            handle.stop()
        self._handles.clear()

    def _start(self, worker) -> WorkerHandle:  # noqa: ANN001
        self._handles = [h for h in self._handles if h.is_running()]
        handle = start_worker(worker, self)
        self._handles.append(handle)
        return handle

    # --- rendering -----------------------------------------------------------------------------------
    def _show(self, result: Segmented) -> None:
        self.current = result
        self.legend.set_areas(result.areas)
        self.refresh()

    def _on_opacity_changed(self, value: int) -> None:
        self.opacity_label.setText(f"{value} %")
        self.refresh()

    def display_image(self) -> tuple[np.ndarray, float, int] | None:
        """What the view shows now: (BGR array, display scale, panels)."""
        if self.current is None:
            return None
        image, labels = self.current.image, self.current.seg.labels
        scale = min(1.0, (DISPLAY_MAX_PIXELS / max(1, labels.size)) ** 0.5)
        if scale < 1.0:
            size = (max(1, int(labels.shape[1] * scale)), max(1, int(labels.shape[0] * scale)))
            image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
            labels = cv2.resize(labels, size, interpolation=cv2.INTER_NEAREST)
        colours, enabled = self.current.seg.colours, self.legend.enabled()
        mode = VIEW_MODES[self.view_mode.currentIndex()]
        if mode == "Colour mask":
            return overlay.colorize(labels, colours, enabled), scale, 1
        blended = overlay.blend(image, labels, colours, self.opacity.value() / 100, enabled)
        if mode == "Side by side":
            return overlay.side_by_side(image, blended, gap=SIDE_GAP), scale, 2
        return blended, scale, 1

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
        self.hover_label.setText(f"Under the mouse: <b>{name or '–'}</b> ({int(x)}, {int(y)})")

    # --- exports -------------------------------------------------------------------------------------
    def _on_export_clicked(self, kind: str) -> None:
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
        stem = Path(self.current.source).stem if Path(self.current.source).suffix else "frame"
        suffix = {"overlay": "_overlay.png", "color": "_color.png", "labels": "_labels.png", "csv": "_areas.csv"}[kind]
        filters = "CSV (*.csv)" if kind == "csv" else "PNG image (*.png)"
        path, _ = QFileDialog.getSaveFileName(self, "Export", stem + suffix, filters)
        if path:
            self.export(kind, path)

    def export(self, kind: str, path: str | Path) -> Path | None:
        """Write the current result: 'overlay', 'color', 'labels' (PNG) or 'csv'; None when it failed."""
        if self.current is None:
            return None
        image, seg = self.current.image, self.current.seg
        enabled = self.legend.enabled()
        try:
            if kind == "overlay":
                written = overlay.write_png(path, overlay.blend(image, seg.labels, seg.colours, self.opacity.value() / 100, enabled))
            elif kind == "color":
                written = overlay.write_png(path, overlay.colorize(seg.labels, seg.colours, enabled))
            elif kind == "labels":
                written = overlay.write_png(path, seg.labels)
            elif kind == "csv":
                from alyesdesk.storage.exports import atomic_write_text

                written = atomic_write_text(path, overlay.category_table_csv(self.current.areas, seg.colours))
            else:
                raise ValueError(f"unknown export '{kind}'")
        except (OSError, ValueError) as exc:
            self.ctx.notify(f"Export failed: {exc}", ERROR)
            return None
        self.status.setText(f"Saved {written}")
        self.export_finished.emit(written)
        return Path(written)

    def export_video(self, path: str | Path) -> None:
        if self._video_path is None or self._export is not None:
            return
        worker = VideoExportWorker(self._video_path, path, self.opacity.value() / 100, self.legend.enabled(),
                                   self.ctx.db, self.model_info)
        worker.progressed.connect(self._on_export_progress)
        worker.finished.connect(self._on_video_exported)
        worker.failed.connect(self._on_video_export_failed)
        self._export = self._start(worker)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.status.setText(f"Exporting {Path(path).name}…")

    def cancel_export(self) -> None:
        handle = self._export
        if handle is None:
            return
        handle.worker.stop_requested.set()
        self.status.setText("Cancelling export…")
        if not handle.thread.isRunning() and not handle.thread.isFinished():
            # start_worker never starts a worker stopped before its thread began: no signal will come
            self._on_video_exported(None)

    def _on_export_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done}/{total} frames")

    def _end_export(self) -> None:
        self._export = None
        self.progress.hide()
        self.cancel_button.hide()

    @Slot(object)
    def _on_video_exported(self, result: object) -> None:
        worker = self._export.worker if self._export is not None else None
        self._end_export()
        if result is None:
            self.status.setText("Video export cancelled; no file was written.")
            self.export_finished.emit(None)
            return
        if worker is not None and getattr(worker, "result_id", None) is not None:
            self.ctx.results_changed.emit(CAPABILITY)
        self.status.setText(f"Saved {result.path} ({result.frames} frames)")
        self.export_finished.emit(result.path)

    @Slot(str)
    def _on_video_export_failed(self, message: str) -> None:
        self._end_export()
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
