"""Street segmentation: images, videos and the webcam coloured by category, with exports.

The tab stays thin: segmentation runs in workers (`workers`), overlay maths, file writing and batch exports
live in `alyesdesk.inference.streets` (Qt-free, shared with `alyesdesk segment`). Widgets (`controls`, the
zoomable `view`, `timeline`, `area_plot`), live playback (`playback`), exports (`exports`) and the picture
(`display`) have their own modules. Everything about the model comes from its sidecar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pathlib import Path

import numpy as np
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from alyesdesk.inference import catalog
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.streets import overlay
from alyesdesk.inference.streets.video import SeekableVideo, VideoError, is_video
from alyesdesk.ui.context import ERROR, INFO, WARNING, AppContext
from alyesdesk.ui.streets import exports
from alyesdesk.ui.streets.area_plot import AreaPlot
from alyesdesk.ui.streets.controls import SidePanel, StatusRow, Toolbar
from alyesdesk.ui.streets.display import SIDE_GAP, VIEW_MODES, compose, source_label
from alyesdesk.ui.streets.playback import Playback
from alyesdesk.ui.streets.timeline import Timeline
from alyesdesk.ui.streets.view import ImageView
from alyesdesk.ui.streets.workers import CAPABILITY, Segmented, SegmentImageWorker
from alyesdesk.ui.widgets.drop_zone import DropZone
from alyesdesk.ui.widgets.file_problems import FileProblems, is_file_problem
from alyesdesk.ui.workers import Worker, WorkerGroup, WorkerHandle
from alyesdesk.ui import file_dialogs

if TYPE_CHECKING:
    from alyesdesk.inference.gaze.sources import FrameSource
    from collections.abc import Callable
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

MAX_KEPT = 10  # segmented images kept for the "Input" list


def _default_webcam() -> FrameSource:
    from alyesdesk.inference.gaze.sources import WebcamSource

    return WebcamSource(0)


class StreetsTab(exports.ExportActions, QWidget):
    """Signals: `segmentation_finished(object)` (a Segmented image), `frame_shown(int)` (live frame index),
    `live_stopped()`, `export_finished(object)` (written path or batch folder; None when an export was cancelled)."""

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
        self._group = WorkerGroup(self)  # every thread started (even not yet running), joined on shutdown
        self._segmenting_path: Path | None = None
        self._closed = False  # after shutdown nothing new starts (queued images are dropped)
        self.webcam_factory = _default_webcam  # tests swap in fake sources
        self.video_factory = SeekableVideo  # path -> a source with read/seek/info
        self._playing: str | None = None  # the video or webcam the Input field names (with its state)

        self.toolbar = Toolbar()
        self.drop_zone = DropZone(self.tr("Drop street photos, videos or folders here, or click to choose them"))
        self.drop_zone.setFixedHeight(48)
        self.problems = FileProblems()  # files that could not be used: inline, each once
        self.view = ImageView(self.tr("Open or drop a street photo or video, or start the webcam.\n"
                              "Every pixel is coloured by category. Wheel: zoom, drag: pan, double click: fit."))
        self.timeline, self.area_plot = Timeline(), AreaPlot()
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

        left = QVBoxLayout()
        for widget, stretch in ((self.drop_zone, 0), (self.problems, 0), (self.view, 1), (self.timeline, 0), (self.area_plot, 0)):
            left.addWidget(widget, stretch)
        middle = QHBoxLayout()
        middle.addLayout(left, 1)
        middle.addWidget(self.side_panel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addLayout(middle, 1)
        layout.addWidget(self.status_row)

        self.open_button.clicked.connect(self._on_open_clicked)
        self.drop_zone.clicked.connect(self._on_open_clicked)
        self.drop_zone.paths_dropped.connect(lambda paths: self.open_paths(exports.media_files(paths)))
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
        self.timeline.seek_requested.connect(self.seek)
        self.timeline.play_toggled.connect(self._on_play_toggled)
        self.pause_button.toggled.connect(lambda paused: self.timeline.set_playing(not paused))
        self.pause_button.toggled.connect(lambda _paused: self._rebuild_inputs(select_last=False))
        self.playback.stopped.connect(lambda: self._rebuild_inputs(select_last=False))  # "· stopped", not playing
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
            self.status.setText(self.tr("No street segmentation model is installed."))
            return
        self.model_info = info
        self.side_panel.show_model(info)
        self.open_button.setEnabled(True)
        self.webcam_button.setEnabled(True)
        self.refresh()

    # --- opening -----------------------------------------------------------------------------------
    def _on_open_clicked(self) -> None:
        files = file_dialogs.open_files(self, file_dialogs.IMAGES, self.tr("Open street images or a video"),
                                        exports.open_filter(), recent_tab="streets")
        if files:
            self.open_paths(files)

    def open_paths(self, paths: list[str | Path]) -> None:
        """Images are segmented one after another; a video starts playing with the live overlay."""
        if self.model_info is None:
            self.ctx.notify(self.tr("No street segmentation model is installed; import one first."), WARNING)
            return
        paths = [Path(p) for p in paths]
        self.problems.clear()  # the list is about the files opened last
        videos = [p for p in paths if is_video(p)]
        images = [p for p in paths if not is_video(p)]
        if videos:
            if len(videos) > 1:
                self.ctx.notify(self.tr("Playing {value}; open the other videos one at a time.").format(value=(videos[0].name)), INFO)
            self.play_video(videos[0])
        if images:
            self._queue.extend(images)
            self._next_image()

    def _next_image(self) -> None:
        if self._segmenting is not None or not self._queue or self._closed:
            return
        path = self._queue.pop(0)
        self.status.setText(self.tr("Segmenting {name}…").format(name=path.name) + (self.tr(" ({value} waiting)").format(value=(len(self._queue))) if self._queue else ""))
        worker = SegmentImageWorker(path, self.ctx.db, self.model_info)
        self._segmenting_path = path
        # bound slots, not lambdas: a lambda would run in the worker's thread and touch widgets there
        worker.finished.connect(self._on_image_segmented)
        worker.failed.connect(self._on_image_failed)
        self._segmenting = self._start(worker)

    @Slot(object)
    def _on_image_segmented(self, result: Segmented) -> None:
        self._segmenting = None
        if not isinstance(result, Segmented) or self._closed:  # stopped (shutdown): nothing to show
            return
        self.stop_live()
        self._video_path, self._playing = None, None
        self.timeline.hide()
        self.area_plot.hide()
        self.items.append(result)
        if len(self.items) > MAX_KEPT:
            self.items.pop(0)
        self._rebuild_inputs(select_last=True)
        stored = ""
        if result.store_error:
            self.ctx.report_unstored(Path(result.source).name, result.store_error)
        elif self.ctx.db is None:
            stored = self.tr(" · not stored (database locked)")
        elif result.result_id is not None:
            stored = self.tr(" · saved to History")
            self.ctx.results_changed.emit(CAPABILITY)
        self.status.setText(self.tr("{value}: {value2}x{value3} px{stored}").format(value=(Path(result.source).name), value2=(result.seg.size[0]), value3=(result.seg.size[1]), stored=stored))
        self.timing_label.setText(self.tr("Segmented in {value:.0f} ms").format(value=(1000 * result.seconds)))
        self.segmentation_finished.emit(result)
        self._next_image()

    @Slot(object)
    def _on_image_failed(self, failure: object) -> None:
        path = self._segmenting_path or Path("image")
        self._segmenting = None
        if is_file_problem(failure):  # the user's file: listed inline, once (no dialog, no repeat)
            self._file_failed(path, failure)
        else:
            self.ctx.notify_failure(self.tr("Segmentation failed"), failure)
            self.status.setText(self.tr("Segmentation failed."))
        self._next_image()

    def _file_failed(self, path: Path, message: object) -> None:
        self.problems.report(path, message)
        self.status.setText(self.tr("Some files could not be used (listed above)."))

    def _rebuild_inputs(self, select_last: bool) -> None:
        """The segmented images, then (selected) the video or webcam playing, if any."""
        self.inputs.blockSignals(True)
        self.inputs.clear()
        for item in self.items:
            self.inputs.addItem(Path(item.source).name)
        if self._playing is not None:
            self.inputs.addItem(source_label(self._playing, self._live is not None, self.pause_button.isChecked()))
            self.inputs.setCurrentIndex(len(self.items))
        self.inputs.blockSignals(False)
        if select_last and self.items and self._playing is None:
            self.inputs.setCurrentIndex(len(self.items) - 1)
            self._show(self.items[-1])

    def _on_input_selected(self, index: int) -> None:
        if 0 <= index < len(self.items) and self._live is None:
            if self._playing is not None:  # the stopped video's entry goes; the image chosen stays selected
                self._playing, self._video_path = None, None
                self.timeline.hide()
                self.area_plot.hide()
                self._rebuild_inputs(select_last=False)
                self.inputs.blockSignals(True)
                self.inputs.setCurrentIndex(index)
                self.inputs.blockSignals(False)
            self._show(self.items[index])

    # --- live: video files and webcam ----------------------------------------------------------------
    def play_video(self, path: str | Path, start: int = 0, paused: bool = False) -> None:
        """Play `path` from frame `start` (`paused`: show that frame and hold) with the timeline and area plot."""
        path = Path(path)
        try:
            with self.video_factory(path) as probe:
                info = probe.info
        except VideoError as exc:
            self._file_failed(path, exc)
            return
        if path != self._video_path or self.timeline.isHidden():
            self.timeline.begin(info.frames, info.fps)
            spec = self.model_info.spec
            void = spec.get("segment.void_category")
            hidden = [void] if void and not spec.get("segment.predict_void", True) else []
            self.area_plot.reset([n for n, _ in spec.categories], [c for _, c in spec.categories], hidden)
        self._video_path = path
        self._start_live(lambda: self.video_factory(path), fps=info.fps, what=self.tr("{name} ({width}x{height}, {fps:.0f} fps)").format(name=path.name, width=info.width, height=info.height, fps=info.fps), start=start, paused=paused)
        self.timeline.set_playing(not paused)

    @Slot(int)
    def seek(self, index: int) -> None:
        """Show frame `index` of the open video (an ended video restarts there, paused)."""
        self.timeline.set_position(index)
        if not self.playback.seek(index) and self._video_path is not None:
            self.play_video(self._video_path, start=index, paused=True)

    @Slot(bool)
    def _on_play_toggled(self, playing: bool) -> None:
        if self._live is not None:
            self.pause_button.setChecked(not playing)
        elif self._video_path is not None and playing:  # ended or stopped: play again from the slider
            at_end = self.timeline.position >= self.timeline.slider.maximum()
            self.play_video(self._video_path, start=0 if at_end else self.timeline.position)

    @Slot(bool)
    def _on_webcam_toggled(self, on: bool) -> None:
        if not on:
            self.stop_live()
            return
        self._video_path = None
        self.timeline.hide()
        self.area_plot.hide()
        self._start_live(self.webcam_factory, fps=None, what=self.tr("the webcam"))

    def _start_live(self, factory: Callable[[], FrameSource], fps: float | None, what: str, start: int = 0, paused: bool = False) -> None:
        self.playback.start(factory, self.model_info, fps, start, paused)
        self._playing = what.split(' (')[0] if fps is not None else self.tr("Webcam")
        self._rebuild_inputs(select_last=False)
        self.status.setText(self.tr("Playing {what}…").format(what=what))

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
        self.timing_label.setText(self.tr("{value:.1f} frames/s segmentation").format(value=(1.0 / max(latest.seconds, 1e-3))))
        if self._video_path is not None:
            self.timeline.set_position(latest.index)
            self.area_plot.add(latest.index, latest.areas)
            self.area_plot.set_cursor(latest.index)
        self.frame_shown.emit(latest.index)

    @Slot(object)
    def _on_live_ended(self, processed: object) -> None:
        self.timeline.set_playing(False)
        if self._video_path is not None:
            self.status.setText(self.tr("{name}: end of video ({processed} frames segmented). Export > Overlaid video "
                                        "MP4 writes every frame.").format(name=self._video_path.name, processed=processed))

    @Slot(str)
    def _on_live_failed(self, message: str) -> None:
        self.ctx.notify(message, ERROR)
        self.status.setText(message)

    def busy_jobs(self) -> list[str]:
        """Images still to segment (the video export says its own): ui/close_guard.py asks before closing."""
        return [self.tr("segmenting images")] if self._segmenting is not None or self._queue else []

    def on_hidden(self) -> None:
        """Switching tabs pauses playback (the webcam stops: its light should not stay on unseen)."""
        self.playback.suspend()

    def shutdown(self) -> None:
        self._closed = True
        self._queue.clear()  # a finishing worker would otherwise start the next image after shutdown
        self.stop_live()
        self.cancel_export()
        self._group.stop_all()

    def _start(self, worker: Worker) -> WorkerHandle:
        # The group keeps a thread until it has finished, the ones start_worker has not started yet too
        # (it starts them on the next event-loop turn), so shutdown joins every one.
        return self._group.start(worker)

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

    # --- drag and drop: anywhere on the tab counts, as on the drop zone -------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        self.drop_zone.dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt override
        self.drop_zone.dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        self.drop_zone.dropEvent(event)
