"""Gaze: live webcam gaze tracking, on-screen cursor, calibration, heatmap, recording and sessions.

The tab wires parts that each live in their own module:

- `gaze_worker.LiveTrackingWorker`: camera -> front end -> calibrated model -> filtered point, on a
  QThread; results go to a one-slot buffer that this tab pulls at display rate (`DISPLAY_MS`);
- `gaze_wizard.CalibrationWizard` / `gaze_recentre.RecentreWindow`: fullscreen calibration and re-centre;
- `gaze_overlay.GazeCursorWindow`: the click-through cursor on the tracked screen;
- `gaze_heatmap.HeatmapView`, `gaze_camera_view`, `gaze_sessions.SessionsBrowser`, `gaze_controls`.

Calibrations are stored per screen (`Database.save_calibration`) and the latest valid one for the chosen
screen is loaded automatically. Recording streams samples through `Database.sample_writer` from the
tracking thread; the GUI thread never writes to the database.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QColorDialog, QFileDialog, QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.gaze.calibration import CalibrationConfig, CalibrationResult
from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.inference.gaze.live import StoredCalibration
from alyesdesk.ui import gaze_screens as screens
from alyesdesk.ui.context import ERROR, INFO, WARNING, AppContext
from alyesdesk.ui.gaze_camera_view import CameraView, EyeCrops
from alyesdesk.ui.gaze_controls import OVERLAY_SHORTCUT, Banner, GazeControls, live_page
from alyesdesk.ui.gaze_heatmap import HeatmapView
from alyesdesk.ui.gaze_overlay import GazeCursorWindow
from alyesdesk.ui.gaze_recentre import RecentreWindow
from alyesdesk.ui.gaze_sessions import SessionsBrowser
from alyesdesk.ui.gaze_wizard import CalibrationWizard
from alyesdesk.ui.gaze_worker import (
    CallWorker,
    CameraListWorker,
    CloseRecordingWorker,
    LiveFrame,
    LiveTrackingWorker,
    SimTarget,
    SourceChoice,
    readout_text,
    status_text,
)
from alyesdesk.ui.workers import Worker, WorkerHandle, start_worker

log = logging.getLogger(__name__)

CAPABILITY = "gaze"
DISPLAY_MS = 16  # ~60 Hz: the GUI pulls the newest result; it never waits for the camera
HEAT_REFRESH_S = 0.1  # redrawing the heat image 10x a second is plenty
VIDEO_FILTER = "Videos (*.mp4 *.avi *.mov *.mkv *.webm);;All files (*)"


class GazeTab(QWidget):
    """Signals (past tense, for tests and other tabs):

    tracking_started(), tracking_stopped(str reason), frame_shown(object LiveFrame),
    point_shown(float x, float y), calibration_saved(int id), calibration_loaded(object),
    recording_started(int session id), recording_finished(int session id, int samples written).
    """

    tracking_started = Signal()
    tracking_stopped = Signal(str)
    frame_shown = Signal(object)
    point_shown = Signal(float, float)
    calibration_saved = Signal(int)
    calibration_loaded = Signal(object)
    recording_started = Signal(int)
    recording_finished = Signal(int, int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = ctx.settings
        self.model: StoredCalibration | None = None
        self.sim_target = SimTarget()
        self.wizard: CalibrationWizard | None = None
        self.recentre_window: RecentreWindow | None = None
        self._live: WorkerHandle | None = None
        self._handles: list[WorkerHandle] = []
        self._session_id: int | None = None
        self._session_name = ""
        self._last_heat_refresh = 0.0
        self._video_path = ""
        self._cameras_probed = False

        self.controls = GazeControls()
        self.banner = Banner()
        self.camera_view = CameraView()
        self.crops = EyeCrops()
        self.heatmap = HeatmapView(self.current_geometry(), self.settings.gaze_heatmap_decay)
        self.sessions = SessionsBrowser(ctx)
        self.overlay = GazeCursorWindow(self.settings.gaze_cursor_size, self.settings.gaze_cursor_color)
        self._build_layout()
        self._init_controls()
        self._display_timer = QTimer(self)
        self._display_timer.setInterval(DISPLAY_MS)
        self._display_timer.timeout.connect(self._on_display_tick)
        self.overlay_shortcut = QShortcut(QKeySequence(OVERLAY_SHORTCUT), self)
        self.overlay_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.overlay_shortcut.activated.connect(self.controls.overlay_check.toggle)
        self.load_calibration()

    # --- layout and wiring -------------------------------------------------------------------------
    def _build_layout(self) -> None:
        live = live_page(self.camera_view, self.crops, self.heatmap)
        self.views = QTabWidget()
        self.views.addTab(live, "Live")
        self.views.addTab(self.sessions, "Sessions")
        right = QVBoxLayout()
        right.addWidget(self.banner)
        right.addWidget(self.views, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.controls)
        layout.addLayout(right, 1)

    def _init_controls(self) -> None:
        c = self.controls
        c.set_sources([])
        c.camera_combo.setCurrentIndex(0)
        i = c.frontend_combo.findData(self.settings.gaze_frontend)
        c.frontend_combo.setCurrentIndex(max(0, i))
        for s in screens.screens():
            c.screen_combo.addItem(screens.screen_key(s), screens.screen_key(s))
        c.distance_spin.setValue(self.settings.viewing_distance_cm)
        c.cursor_size_spin.setValue(self.settings.gaze_cursor_size)
        c.set_cursor_colour(self.settings.gaze_cursor_color)
        c.decay_spin.setValue(self.settings.gaze_heatmap_decay)
        c.start_button.toggled.connect(self._on_start_toggled)
        c.refresh_cameras_button.clicked.connect(self.find_cameras)
        c.camera_combo.activated.connect(self._on_camera_chosen)
        c.frontend_combo.currentIndexChanged.connect(self._on_frontend_changed)
        c.screen_combo.currentIndexChanged.connect(self._on_screen_changed)
        c.distance_spin.valueChanged.connect(self._on_distance_changed)
        c.calibrate_button.clicked.connect(lambda: self.open_wizard())
        c.recentre_button.clicked.connect(lambda: self.open_recentre())
        c.overlay_check.toggled.connect(self._on_overlay_toggled)
        c.cursor_size_spin.valueChanged.connect(self._on_cursor_style_changed)
        c.cursor_colour_button.clicked.connect(self._on_cursor_colour_clicked)
        c.decay_spin.valueChanged.connect(self._on_decay_changed)
        c.clear_heatmap_button.clicked.connect(self.heatmap.clear_heat)
        c.record_button.toggled.connect(self._on_record_toggled)
        self.banner.button.clicked.connect(lambda: self.open_wizard())
        self._update_buttons()

    # --- screen and calibration ------------------------------------------------------------------------
    def current_screen(self):  # noqa: ANN201 - QScreen
        return screens.screen_by_key(self.controls.screen_combo.currentData())

    def current_screen_key(self) -> str:
        return screens.screen_key(self.current_screen())

    def current_geometry(self) -> ScreenGeometry:
        return screens.screen_geometry(self.current_screen(), self.settings.viewing_distance_cm)

    def current_frontend(self) -> str:
        return str(self.controls.frontend_combo.currentData())

    def load_calibration(self) -> None:
        """The latest valid calibration of the chosen screen, or the 'no calibration' explanation."""
        self.model = None
        if self.ctx.db is not None:
            record = self.ctx.db.latest_calibration(self.current_screen_key())
            if record is not None:
                try:
                    self.model = StoredCalibration.from_record(record)
                except ModelError as exc:
                    self.ctx.notify(f"The stored calibration cannot be used ({exc}); please recalibrate.", WARNING)
        if self.model is not None and self.model.frontend != self.current_frontend():
            i = self.controls.frontend_combo.findData(self.model.frontend)
            if i >= 0:
                self.controls.frontend_combo.setCurrentIndex(i)  # follow the calibration's front end
        self._apply_model()
        if self.model is not None:
            self.calibration_loaded.emit(self.model)

    def _apply_model(self) -> None:
        if self._live is not None:
            self._live.worker.set_model(self._model_for_worker())
        m = self.model
        if m is None:
            self.controls.calibration_label.setText("No calibration for this screen.")
            self.banner.show_message(
                "No calibration for this screen yet. Tracking already shows your face and eyes, but a gaze "
                "point needs a calibration: you look at a few dots for about 30 seconds.", "Calibrate now")
        else:
            acc = m.accuracy
            text = "Calibrated"
            if acc.get("mean_deg") is not None:
                text += f": {acc['mean_deg']:.2f}° mean error ({acc.get('mean_px') or 0:.0f} px)"
            if m.shift_px:
                text += f", re-centred by {m.shift_px:.0f} px"
            if m.frontend != self.current_frontend():
                text += f". It was made with the {m.frontend} front end: switch back or recalibrate."
            self.controls.calibration_label.setText(text)
            self.banner.hide()
        self._update_buttons()

    def _model_for_worker(self) -> Any:
        return self.model if self.model is not None and self.model.frontend == self.current_frontend() else None

    def open_wizard(self, config: CalibrationConfig | None = None, frame_time: bool = False) -> CalibrationWizard:
        """Fullscreen calibration on the chosen screen (tracking starts if it was off)."""
        if self.wizard is not None:
            self.wizard.close()
        pattern = str(self.controls.pattern_combo.currentData() or "9")
        config = config or CalibrationConfig(pattern=pattern)
        wizard = CalibrationWizard(self.current_geometry(), self.current_frontend(), config, frame_time=frame_time)
        wizard.target_moved.connect(self._on_target_moved)
        wizard.accepted.connect(self._on_wizard_accepted)
        wizard.cancelled.connect(self._on_wizard_cancelled)
        self.wizard = wizard
        screen = self.current_screen()
        wizard.setScreen(screen)
        wizard.setGeometry(screen.geometry())
        wizard.showFullScreen()
        wizard.start()
        if self._live is None:
            self.start_tracking()
        return wizard

    def _on_target_moved(self, point: Any) -> None:
        self.sim_target.force(point)

    def _on_wizard_cancelled(self) -> None:
        self.ctx.notify("Calibration cancelled: nothing was saved.")
        self._close_wizard()

    def _close_wizard(self) -> None:
        self.sim_target.force(None)
        if self.wizard is not None:
            wizard, self.wizard = self.wizard, None
            wizard.close()
            wizard.deleteLater()

    def _on_wizard_accepted(self, result: CalibrationResult) -> None:
        self._close_wizard()
        model = result.model
        report = result.validation
        accuracy = {}
        if report is not None:
            accuracy = {"mean_px": report.mean_px, "median_px": report.median_px,
                        "mean_deg": report.mean_deg, "median_deg": report.median_deg}
        onnx, sidecar = model.to_onnx(), model.sidecar()
        self.model = StoredCalibration(onnx, sidecar, None, accuracy)
        self._apply_model()
        if self.ctx.db is None:
            self.ctx.notify("Calibrated, but not stored (the database is locked): it lasts until you quit.", WARNING)
            return
        self._run(self._on_calibration_saved, self.ctx.db.save_calibration, self.current_screen_key(),
                  model.screen.to_dict(), model.frontend, onnx, sidecar, accuracy)

    def _on_calibration_saved(self, calibration_id: int) -> None:
        if self.model is not None:
            self.model.calibration_id = calibration_id
        self.ctx.notify(f"Calibration saved for {self.current_screen_key()}: {self.controls.calibration_label.text()}")
        self.ctx.results_changed.emit(CAPABILITY)
        self.calibration_saved.emit(calibration_id)

    def open_recentre(self, frame_time: bool = False) -> RecentreWindow | None:
        if self.model is None:
            self.ctx.notify("Re-centring needs a calibration first: press Calibrate.", WARNING)
            return None
        window = RecentreWindow(self.model, frame_time=frame_time)
        window.target_moved.connect(self._on_target_moved)
        window.recentred.connect(self._on_recentred)
        window.failed.connect(self._on_recentre_failed)
        window.cancelled.connect(self._close_recentre)
        self.recentre_window = window
        screen = self.current_screen()
        window.setScreen(screen)
        window.setGeometry(screen.geometry())
        window.showFullScreen()
        if not frame_time:
            window.start()
        if self._live is None:
            self.start_tracking()
        return window

    def _close_recentre(self) -> None:
        self.sim_target.force(None)
        if self.recentre_window is not None:
            window, self.recentre_window = self.recentre_window, None
            window.close()
            window.deleteLater()

    def _on_recentred(self, model: StoredCalibration) -> None:
        self._close_recentre()
        self.model = model
        self._apply_model()
        if self.ctx.db is not None:
            self._run(self._on_calibration_saved, self.ctx.db.save_calibration, self.current_screen_key(),
                      model.screen.to_dict(), model.frontend, model.onnx, model.sidecar, model.accuracy)

    def _on_recentre_failed(self, message: str) -> None:
        self._close_recentre()
        self.ctx.notify(f"Re-centre failed: {message}", WARNING)

    # --- tracking ------------------------------------------------------------------------------------
    def selected_source(self) -> SourceChoice | None:
        choice = self.controls.camera_combo.currentData()
        if choice is None:
            return None
        if choice.kind == "video":
            if not self._video_path:
                return None
            return SourceChoice("video", path=self._video_path)
        return choice

    def start_tracking(self, choice: SourceChoice | None = None, source_factory: Any = None) -> bool:
        """Start the camera thread; `source_factory` replaces the camera (tests inject failing sources)."""
        choice = choice or self.selected_source()
        if choice is None:
            self.ctx.notify("Choose a camera, a video file or the simulated webcam first.", WARNING)
            self._set_start_checked(False)
            return False
        self.stop_tracking()
        worker = LiveTrackingWorker(choice, self.current_frontend(), self.current_geometry(), self.sim_target,
                                    self._model_for_worker(), source_factory)
        worker.tracking_started.connect(self._on_tracking_started)
        worker.camera_lost.connect(self._on_camera_lost)
        worker.finished.connect(self._on_tracking_finished)
        worker.failed.connect(self._on_tracking_failed)
        self._live = start_worker(worker, self)
        self.heatmap.set_screen(self.current_geometry())
        self.controls.status_label.setText(f"Starting {choice.label}…")
        self._display_timer.start()
        self._set_start_checked(True)
        self._update_buttons()
        return True

    def stop_tracking(self, reason: str = "stopped") -> None:
        """Stop recording (the session is kept), then the camera thread; waits for it (no orphan threads)."""
        self.stop_recording()
        handle, self._live = self._live, None
        if handle is not None:
            handle.stop()
            self.tracking_stopped.emit(reason)
        self._display_timer.stop()
        self.overlay.set_point(None)
        self._set_start_checked(False)
        self.camera_view.clear("Camera off: choose a camera and press Start.")
        self._update_buttons()

    def _set_start_checked(self, on: bool) -> None:
        self.controls.set_checked_quietly(self.controls.start_button, on, "Stop tracking", "Start tracking")

    @property
    def tracking(self) -> bool:
        return self._live is not None

    @property
    def live_worker(self) -> LiveTrackingWorker | None:
        return self._live.worker if self._live is not None else None  # type: ignore[return-value]

    def _on_start_toggled(self, on: bool) -> None:
        if on:
            self.start_tracking()
        else:
            self.stop_tracking()

    def _on_tracking_started(self, description: str) -> None:
        self.controls.status_label.setText(f"Tracking with {description}")
        self.tracking_started.emit()

    def _on_tracking_finished(self, reason: str) -> None:
        if self._live is not None and reason != "stopped":
            self.stop_tracking(reason)
            if reason == "ended":
                self.ctx.notify("The video ended: tracking stopped.")

    def _on_tracking_failed(self, message: str) -> None:
        self.stop_tracking("failed")
        self.controls.status_label.setText(f"Camera error: {message}")
        self.ctx.notify(f"Tracking could not start: {message}", ERROR)

    def _on_camera_lost(self, message: str) -> None:
        kept = f" The session '{self._session_name}' was kept and ends at its last sample." if self._session_id else ""
        self.stop_tracking("camera lost")
        self.controls.status_label.setText(f"Camera lost: {message}")
        self.ctx.notify(f"Camera lost: {message}.{kept}", WARNING)

    def _on_display_tick(self) -> None:
        worker = self.live_worker
        if worker is None:
            return
        if worker.choice.kind == "simulated" and self.wizard is None and self.recentre_window is None:
            self.sim_target.set_mouse(*screens.mouse_on(self.current_screen()))
        frame = worker.slot.take()
        if frame is None:
            return
        self._show_frame(frame, worker)

    def _show_frame(self, frame: LiveFrame, worker: LiveTrackingWorker) -> None:
        self.camera_view.show_frame(frame.image, frame.sample)
        self.crops.show_sample(frame.sample)
        if self.wizard is not None:
            self.wizard.feed(frame.sample, frame.timestamp)
        if self.recentre_window is not None:
            self.recentre_window.feed(frame.sample, frame.timestamp)
        now = time.monotonic()
        if frame.point is not None:
            if not frame.held:
                self.heatmap.add_point(*frame.point)
            self.heatmap.show_point(frame.point)
            if self.overlay.isVisible():
                self.overlay.set_point(frame.point, frame.held)
            self.point_shown.emit(frame.point[0], frame.point[1])
        self.heatmap.add_fixations(frame.fixations)
        if now - self._last_heat_refresh >= HEAT_REFRESH_S:
            self.heatmap.decay(now)
            self.heatmap.refresh()
            self._last_heat_refresh = now
            self._update_readout(frame, worker)
        self.frame_shown.emit(frame)

    def _update_readout(self, frame: LiveFrame, worker: LiveTrackingWorker) -> None:
        text = readout_text(frame, worker, self._session_id is not None)
        self.controls.readout_label.setText(text)
        self.controls.status_label.setText(status_text(frame))

    # --- recording -----------------------------------------------------------------------------------
    def start_recording(self, name: str | None = None) -> bool:
        name = (name if name is not None else self.controls.session_name.text()).strip()
        name = name or time.strftime("Session %Y-%m-%d %H:%M")
        if self.ctx.db is None:
            self.ctx.notify("Recording needs the database (it is locked): sessions cannot be stored.", WARNING)
            return False
        if self._live is None or self.model is None:
            self.ctx.notify("Start tracking with a calibration before recording.", WARNING)
            return False
        screen = self.current_screen()
        shot = screens.screenshot_png(screen)  # on the GUI thread, as Qt requires for grabbing
        calibration_id = self.model.calibration_id
        self._session_name = name
        self._run(self._on_session_created, self.ctx.db.create_session, name, self.current_screen_key(),
                  self.current_geometry().to_dict(), shot, calibration_id)
        self.controls.record_label.setText(f"Starting '{name}'…")
        return True

    def _on_session_created(self, session_id: int) -> None:
        worker = self.live_worker
        if worker is None or self.ctx.db is None:  # tracking stopped while the session was being created
            if self.ctx.db is not None:
                self.ctx.db.end_session(session_id)
            return
        self._session_id = session_id
        worker.attach_recorder(self.ctx.db.sample_writer(session_id))
        self.controls.record_label.setText(f"Recording '{self._session_name}'")
        self._set_record_checked(True)
        self.recording_started.emit(session_id)

    def stop_recording(self) -> None:
        worker = self.live_worker
        writer = worker.detach_recorder() if worker is not None else None
        if writer is None:
            self._set_record_checked(False)
            return
        self._session_id = None
        self.controls.record_label.setText(f"Saving '{self._session_name}'…")
        closer = CloseRecordingWorker(writer)
        closer.finished.connect(self._on_recording_closed)
        closer.failed.connect(self._on_recording_failed)
        self._keep(start_worker(closer, self))
        self._set_record_checked(False)

    def _on_recording_closed(self, result: tuple[int, int]) -> None:
        session_id, written = result
        self.controls.record_label.setText(f"Saved '{self._session_name}': {written} samples")
        self.ctx.notify(f"Session '{self._session_name}' saved ({written} samples)", INFO)
        self.ctx.results_changed.emit(CAPABILITY)
        self.sessions.refresh(select=session_id)
        self.recording_finished.emit(session_id, written)

    def _on_recording_failed(self, message: str) -> None:
        self.ctx.notify(f"The session could not be closed: {message}", ERROR)

    def _on_record_toggled(self, on: bool) -> None:
        if on and self._session_id is None:
            if not self.start_recording():
                self._set_record_checked(False)
        elif not on:
            self.stop_recording()

    def _set_record_checked(self, on: bool) -> None:
        self.controls.set_checked_quietly(self.controls.record_button, on, "Stop recording", "Record")

    # --- small settings slots ------------------------------------------------------------------------
    def find_cameras(self) -> None:
        self._cameras_probed = True
        self.controls.refresh_cameras_button.setEnabled(False)
        self._run(self._on_cameras_found, CameraListWorker())

    def _on_cameras_found(self, cameras: list[dict]) -> None:
        self.controls.set_sources(cameras)
        self.controls.refresh_cameras_button.setEnabled(True)
        self.ctx.notify(f"{len(cameras)} webcam(s) found" if cameras else "No webcam found: the simulated webcam "
                        "and video files still work.")

    def _on_camera_chosen(self, _index: int) -> None:
        choice = self.controls.camera_combo.currentData()
        if choice is not None and choice.kind == "video":
            path, _ = QFileDialog.getOpenFileName(self, "Video of a face", "", VIDEO_FILTER)
            self._video_path = path or self._video_path

    def _on_frontend_changed(self, _index: int) -> None:
        self.settings.gaze_frontend = self.current_frontend()
        self.ctx.save_settings()
        self._apply_model()
        if self._live is not None:
            self.start_tracking(self._live.worker.choice)  # type: ignore[attr-defined]

    def _on_screen_changed(self, _index: int) -> None:
        self.overlay.place_on(self.current_screen())
        self.heatmap.set_screen(self.current_geometry())
        self.load_calibration()

    def _on_distance_changed(self, value: float) -> None:
        self.settings.viewing_distance_cm = float(value)
        self.ctx.save_settings()

    def _on_overlay_toggled(self, on: bool) -> None:
        if on:
            self.overlay.place_on(self.current_screen())
            self.overlay.show()
        else:
            self.overlay.hide()

    def _on_cursor_style_changed(self, *_: Any) -> None:
        self.settings.gaze_cursor_size = self.controls.cursor_size_spin.value()
        self.overlay.set_style(self.settings.gaze_cursor_size, self.settings.gaze_cursor_color)
        self.heatmap.set_cursor_colour(self.settings.gaze_cursor_color)
        self.ctx.save_settings()

    def _on_cursor_colour_clicked(self) -> None:
        from PySide6.QtGui import QColor

        colour = QColorDialog.getColor(QColor(self.settings.gaze_cursor_color), self, "Gaze cursor colour")
        if colour.isValid():
            self.settings.gaze_cursor_color = colour.name()
            self.controls.set_cursor_colour(colour.name())
            self._on_cursor_style_changed()

    def _on_decay_changed(self, value: float) -> None:
        self.settings.gaze_heatmap_decay = float(value)
        self.heatmap.decay_half_life_s = float(value)
        self.ctx.save_settings()

    def _update_buttons(self) -> None:
        c = self.controls
        c.recentre_button.setEnabled(self.model is not None)
        c.record_button.setEnabled(self._live is not None and self.model is not None and self.ctx.db is not None)
        if self.ctx.db is None:
            c.record_button.setToolTip("The database is locked: sessions cannot be stored.")
        elif self.model is None:
            c.record_button.setToolTip("Calibrate first: without a calibration there is no gaze point to record.")
        else:
            c.record_button.setToolTip("")

    # --- workers and lifecycle -------------------------------------------------------------------------
    def _run(self, on_done: Any, fn: Any, *args: Any) -> WorkerHandle:
        worker = fn if isinstance(fn, Worker) else CallWorker(fn, *args)
        # Connect before starting: a quick call could finish before a later connect and be missed.
        worker.finished.connect(on_done)
        worker.failed.connect(self._on_call_failed)
        handle = start_worker(worker, self)
        self._keep(handle)
        return handle

    def _keep(self, handle: WorkerHandle) -> None:
        self._handles = [h for h in self._handles if h.is_running()] + [handle]

    def _on_call_failed(self, message: str) -> None:
        self.ctx.notify(f"Gaze: {message}", ERROR)

    def on_shown(self) -> None:
        """The first time the tab is shown, look for webcams (in a worker: probing opens devices)."""
        if not self._cameras_probed:
            self._cameras_probed = True
            self.find_cameras()

    def on_hidden(self) -> None:
        """Switching tabs stops the camera (its light should not stay on unseen); a recording is kept."""
        if self.wizard is None and self.recentre_window is None:
            self.stop_tracking("tab hidden")

    def shutdown(self) -> None:
        self._close_wizard()
        self._close_recentre()
        self.stop_tracking("shutdown")
        for handle in self._handles:
            handle.stop()
        self._handles.clear()
        self.sessions.shutdown()
        self.overlay.close()
