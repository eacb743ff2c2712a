"""Gaze: live webcam gaze tracking, on-screen cursor, calibration, heatmap, recording and sessions.

The tab wires parts that each live in their own module of this package:

- `worker.LiveTrackingWorker`: camera -> front end -> calibrated model -> filtered point, on a QThread;
  results go to a one-slot buffer that `display.LiveDisplay` pulls at display rate;
- `sources.CameraSources`: the webcam list, a video file or the simulated webcam;
- `calibration.CalibrationFlow` (`wizard.CalibrationWizard`, `recentre.RecentreWindow`): fullscreen
  calibration and re-centre;
- `cursor.CursorSwitch` / `overlay.GazeCursorWindow`: the click-through cursor on the tracked screen;
- `recording.Recorder`: sessions streamed to the database;
- `heatmap.HeatmapView`, `camera_view`, `sessions.SessionsBrowser`, `controls`; `calls.CallRunner` runs
  the database calls off the GUI thread.

Calibrations are stored per screen (`Database.save_calibration`) and the latest valid one for the chosen
screen is loaded automatically. Recording streams samples through a `storage.samples.SampleWriter` from the
tracking thread; the GUI thread never writes to the database.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.gaze.calibration import CalibrationConfig, CalibrationResult
from alyesdesk.inference.gaze.live import StoredCalibration
from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.ui.context import ERROR, WARNING, AppContext
from alyesdesk.ui.gaze import screens
from alyesdesk.ui.gaze.calibration import CalibrationFlow, accuracy_of, summary_text
from alyesdesk.ui.gaze.calls import CallRunner
from alyesdesk.ui.gaze.camera_view import CameraView, EyeCrops
from alyesdesk.ui.gaze.controls import Banner, GazeControls, live_page
from alyesdesk.ui.gaze.cursor import CursorSwitch
from alyesdesk.ui.gaze.stream import GazeStream
from alyesdesk.ui.gaze.display import LiveDisplay
from alyesdesk.ui.gaze.heatmap import HeatmapView
from alyesdesk.ui.gaze.overlay import GazeCursorWindow
from alyesdesk.ui.gaze.pages import add_study_pages
from alyesdesk.ui.gaze.recentre import RecentreWindow
from alyesdesk.ui.gaze.recording import CAPABILITY, Recorder
from alyesdesk.ui.gaze.sessions import SessionsBrowser
from alyesdesk.ui.gaze.sources import CameraSources
from alyesdesk.ui.gaze.wizard import CalibrationWizard
from alyesdesk.ui.gaze.worker import LiveTrackingWorker, SimTarget, SourceChoice
from alyesdesk.ui.workers import WorkerHandle, start_worker

log = logging.getLogger(__name__)


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
        self._live: WorkerHandle | None = None

        self.controls = GazeControls()
        self.banner = Banner()
        self.camera_view = CameraView()
        self.crops = EyeCrops()
        self.heatmap = HeatmapView(self.current_geometry(), self.settings.gaze_heatmap_decay)
        self.sessions = SessionsBrowser(ctx)
        self.overlay = GazeCursorWindow(self.settings.gaze_cursor_size, self.settings.gaze_cursor_color)
        self.runner = CallRunner(ctx, self)
        self.calibration = CalibrationFlow(ctx, self.sim_target, self)
        self.calibration.calibrated.connect(self._on_calibrated)
        self.calibration.recentred.connect(self._on_recentred)
        self._build_layout()
        self._init_controls()
        self.display = LiveDisplay(self.camera_view, self.crops, self.heatmap, self.overlay, self.controls,
                                   self.calibration, self.sim_target, lambda: self.live_worker, self.current_screen,
                                   lambda: self.recorder.recording, self)
        self.display.frame_shown.connect(self.frame_shown)
        self.display.point_shown.connect(self.point_shown)
        self.pointer.follow(self)
        self.load_calibration()

    # --- layout and wiring -------------------------------------------------------------------------
    def _build_layout(self) -> None:
        live = live_page(self.camera_view, self.crops, self.heatmap)
        self.views = QTabWidget()
        self.views.addTab(live, self.tr("Live"))
        self.views.addTab(self.sessions, self.tr("Sessions"))
        self.studies, self.pointer = add_study_pages(self.views, self.ctx, self.current_screen, self.current_geometry)
        right = QVBoxLayout()
        right.addWidget(self.banner)
        right.addWidget(self.views, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.controls.panel())
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
        # The helpers connect their own controls, so they are made only now: setting the saved values
        # above must not fire their slots (which would save the settings back).
        self.sources = CameraSources(self.ctx, c, self.runner, self)
        self.cursor = CursorSwitch(self.ctx, c, self.overlay, self.heatmap, self.current_screen, self)
        self.overlay_shortcut = self.cursor.shortcut
        self.stream = GazeStream(self.ctx, parent=self)
        box = c.overlay_check.parentWidget().layout()  # a form: a whole row, like the cursor switch
        box.addRow(self.stream.check) if hasattr(box, "addRow") else box.addWidget(self.stream.check)
        self.frame_shown.connect(self.stream.publish)
        self.recorder = Recorder(self.ctx, c, self.sessions, self.runner, lambda: self.live_worker,
                                 lambda: self.model, self.current_screen, self.current_geometry, self)
        self.recorder.recording_started.connect(self.recording_started)
        self.recorder.recording_finished.connect(self.recording_finished)
        self.studies.attach(self.recorder)
        c.start_button.toggled.connect(self._on_start_toggled)
        c.frontend_combo.currentIndexChanged.connect(self._on_frontend_changed)
        c.screen_combo.currentIndexChanged.connect(self._on_screen_changed)
        c.distance_spin.valueChanged.connect(self._on_distance_changed)
        c.calibrate_button.clicked.connect(lambda: self.open_wizard())
        c.recentre_button.clicked.connect(lambda: self.open_recentre())
        c.decay_spin.valueChanged.connect(self._on_decay_changed)
        c.clear_heatmap_button.clicked.connect(self.heatmap.clear_heat)
        self.banner.button.clicked.connect(lambda: self.open_wizard())
        self._update_buttons()

    # --- screen and calibration ------------------------------------------------------------------------
    def current_screen(self) -> QScreen:
        return screens.screen_by_key(self.controls.screen_combo.currentData())

    def current_screen_key(self) -> str:
        return screens.screen_key(self.current_screen())

    def current_geometry(self) -> ScreenGeometry:
        return screens.screen_geometry(self.current_screen(), self.settings.viewing_distance_cm)

    def current_frontend(self) -> str:
        return str(self.controls.frontend_combo.currentData())

    @property
    def wizard(self) -> CalibrationWizard | None:
        return self.calibration.wizard

    @property
    def recentre_window(self) -> RecentreWindow | None:
        return self.calibration.recentre_window

    def load_calibration(self) -> None:
        """The latest valid calibration of the chosen screen, or the 'no calibration' explanation."""
        self.model = None
        if self.ctx.db is not None:
            record = self.ctx.db.latest_calibration(self.current_screen_key())
            if record is not None:
                try:
                    self.model = StoredCalibration.from_record(record)
                except ModelError as exc:
                    self.ctx.notify(self.tr("The stored calibration cannot be used ({exc}); please recalibrate.").format(exc=exc), WARNING)
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
        if self.model is None:
            self.controls.calibration_label.setText(self.tr("No calibration for this screen."))
            self.banner.show_message(
                self.tr("No calibration for this screen yet. Tracking already shows your face and eyes, but a gaze "
                "point needs a calibration: you look at a few dots for about 30 seconds."), self.tr("Calibrate now"))
        else:
            self.controls.calibration_label.setText(summary_text(self.model, self.current_frontend()))
            self.banner.hide()
        self._update_buttons()

    def _model_for_worker(self) -> Any:
        return self.model if self.model is not None and self.model.frontend == self.current_frontend() else None

    def open_wizard(self, config: CalibrationConfig | None = None, frame_time: bool = False) -> CalibrationWizard:
        """Fullscreen calibration on the chosen screen (tracking starts if it was off)."""
        config = config or CalibrationConfig(pattern=str(self.controls.pattern_combo.currentData() or "9"))
        wizard = self.calibration.open_wizard(self.current_screen(), self.current_geometry(),
                                              self.current_frontend(), config, frame_time)
        if self._live is None:
            self.start_tracking()
        return wizard

    def _on_calibrated(self, result: CalibrationResult) -> None:
        model, accuracy = result.model, accuracy_of(result)
        onnx, sidecar = model.to_onnx(), model.sidecar()
        self.model = StoredCalibration(onnx, sidecar, None, accuracy)
        self._apply_model()
        if self.ctx.db is None:
            self.ctx.notify(self.tr("Calibrated, but not stored (the database is locked): it lasts until you quit."), WARNING)
            return
        self._save_calibration(model.screen.to_dict(), model.frontend, onnx, sidecar, accuracy)

    def _save_calibration(self, screen: dict, frontend: str, onnx: bytes, sidecar: dict, accuracy: dict) -> None:
        self.runner.run(self._on_calibration_saved, self.ctx.db.save_calibration, self.current_screen_key(),
                        screen, frontend, onnx, sidecar, accuracy)

    def _on_calibration_saved(self, calibration_id: int) -> None:
        if self.model is not None:
            self.model.calibration_id = calibration_id
        self.ctx.notify(self.tr("Calibration saved for {current_screen_key}: {text}").format(current_screen_key=self.current_screen_key(), text=self.controls.calibration_label.text()))
        self.ctx.results_changed.emit(CAPABILITY)
        self.calibration_saved.emit(calibration_id)

    def open_recentre(self, frame_time: bool = False) -> RecentreWindow | None:
        if self.model is None:
            self.ctx.notify(self.tr("Re-centring needs a calibration first: press Calibrate."), WARNING)
            return None
        window = self.calibration.open_recentre(self.model, self.current_screen(), frame_time)
        if self._live is None:
            self.start_tracking()
        return window

    def _on_recentred(self, model: StoredCalibration) -> None:
        self.model = model
        self._apply_model()
        if self.ctx.db is not None:
            self._save_calibration(model.screen.to_dict(), model.frontend, model.onnx, model.sidecar, model.accuracy)

    # --- tracking ------------------------------------------------------------------------------------
    def selected_source(self) -> SourceChoice | None:
        return self.sources.selected()

    def start_tracking(self, choice: SourceChoice | None = None, source_factory: Any = None) -> bool:
        """Start the camera thread; `source_factory` replaces the camera (tests inject failing sources)."""
        choice = choice or self.selected_source()
        if choice is None:
            self.ctx.notify(self.tr("Choose a camera, a video file or the simulated webcam first."), WARNING)
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
        self.controls.status_label.setText(self.tr("Starting {label}…").format(label=choice.label))
        self.display.start()
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
            self.controls.status_label.setText(self.tr("Tracking stopped"))  # the readout said "Tracking"
        self.display.stop()
        self.overlay.set_point(None)
        self._set_start_checked(False)
        self.camera_view.clear(self.tr("Camera off: choose a camera and press Start."))
        self._update_buttons()

    def _set_start_checked(self, on: bool) -> None:
        self.controls.set_checked_quietly(self.controls.start_button, on, self.tr("Stop tracking"), self.tr("Start tracking"))

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
        if self._live is not None:  # a start reported after Stop is stale: the status stays "stopped"
            self.controls.status_label.setText(self.tr("Tracking with {description}").format(description=description))
            self.tracking_started.emit()

    def _on_tracking_finished(self, reason: str) -> None:
        if self._live is not None and reason != "stopped":
            self.stop_tracking(reason)
            if reason == "ended":
                self.ctx.notify(self.tr("The video ended: tracking stopped."))

    def _on_tracking_failed(self, message: str) -> None:
        self.stop_tracking("failed")
        self.controls.status_label.setText(self.tr("Camera error: {message}").format(message=message))
        self.ctx.notify(self.tr("Tracking could not start: {message}").format(message=message), ERROR)

    def _on_camera_lost(self, message: str) -> None:
        name = self.recorder.session_name
        kept = self.tr(" The session '{name}' was kept and ends at its last sample.").format(name=name) if self.recorder.session_id else ""
        self.stop_tracking("camera lost")
        self.controls.status_label.setText(self.tr("Camera lost: {message}").format(message=message))
        self.ctx.notify(self.tr("Camera lost: {message}.{kept}").format(message=message, kept=kept), WARNING)

    # --- recording -----------------------------------------------------------------------------------
    def start_recording(self, name: str | None = None) -> bool:
        return self.recorder.start(name)

    def stop_recording(self) -> None:
        self.recorder.stop()

    # --- small settings slots ------------------------------------------------------------------------
    def find_cameras(self) -> None:
        self.sources.find_cameras()

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

    def _on_decay_changed(self, value: float) -> None:
        self.settings.gaze_heatmap_decay = float(value)
        self.heatmap.decay_half_life_s = float(value)
        self.ctx.save_settings()

    def _update_buttons(self) -> None:
        c = self.controls
        c.recentre_button.setEnabled(self.model is not None)
        c.record_button.setEnabled(self._live is not None and self.model is not None and self.ctx.db is not None)
        if self.ctx.db is None:
            c.record_button.setToolTip(self.tr("The database is locked: sessions cannot be stored."))
        elif self.model is None:
            c.record_button.setToolTip(self.tr("Calibrate first: without a calibration there is no gaze point to record."))
        else:
            c.record_button.setToolTip("")

    # --- lifecycle ---------------------------------------------------------------------------------------
    def on_shown(self) -> None:
        """The first time the tab is shown, look for webcams (in a worker: probing opens devices)."""
        self.sources.probe_once()

    def on_hidden(self) -> None:
        """Switching tabs stops the camera (its light should not stay on unseen); a recording is kept."""
        if not self.calibration.active:
            self.stop_tracking("tab hidden")

    def shutdown(self) -> None:
        self.calibration.close_wizard()
        self.calibration.close_recentre()
        self.stop_tracking("shutdown")
        self.runner.stop_all()
        self.sessions.shutdown()
        self.studies.shutdown()
        self.pointer.shutdown()
        self.stream.stop()
        self.overlay.close()
