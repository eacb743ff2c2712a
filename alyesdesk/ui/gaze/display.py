"""Showing live tracking at display rate: the GUI pulls the newest result from the tracking worker's
one-slot buffer on a timer, so it never waits for the camera and never falls behind it.
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QScreen

from alyesdesk.ui.gaze import screens
from alyesdesk.ui.gaze.calibration import CalibrationFlow
from alyesdesk.ui.gaze.camera_view import CameraView, EyeCrops
from alyesdesk.ui.gaze.controls import GazeControls
from alyesdesk.ui.gaze.heatmap import HeatmapView
from alyesdesk.ui.gaze.overlay import GazeCursorWindow
from alyesdesk.ui.gaze.worker import LiveFrame, LiveTrackingWorker, SimTarget, readout_text, status_text

DISPLAY_MS = 16  # ~60 Hz: the GUI pulls the newest result; it never waits for the camera
HEAT_REFRESH_S = 0.1  # redrawing the heat image 10x a second is plenty


class LiveDisplay(QObject):
    """Signals: `frame_shown(object LiveFrame)`, `point_shown(float x, float y)`."""

    frame_shown = Signal(object)
    point_shown = Signal(float, float)

    def __init__(self, camera_view: CameraView, crops: EyeCrops, heatmap: HeatmapView, overlay: GazeCursorWindow,
                 controls: GazeControls, calibration: CalibrationFlow, sim_target: SimTarget,
                 live_worker: Callable[[], LiveTrackingWorker | None], screen: Callable[[], QScreen],
                 recording: Callable[[], bool], parent: QObject) -> None:
        super().__init__(parent)
        self.camera_view, self.crops, self.heatmap, self.overlay = camera_view, crops, heatmap, overlay
        self.controls = controls
        self.calibration = calibration
        self.sim_target = sim_target
        self._live_worker, self._screen, self._recording = live_worker, screen, recording
        self._last_heat_refresh = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(DISPLAY_MS)
        self._timer.timeout.connect(self._on_display_tick)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _on_display_tick(self) -> None:
        worker = self._live_worker()
        if worker is None:
            return
        # The simulated webcam looks at the mouse, except while a calibration window moves its target.
        if worker.choice.kind == "simulated" and not self.calibration.active:
            self.sim_target.set_mouse(*screens.mouse_on(self._screen()))
        frame = worker.slot.take()
        if frame is None:
            return
        self._show_frame(frame, worker)

    def _show_frame(self, frame: LiveFrame, worker: LiveTrackingWorker) -> None:
        self.camera_view.show_frame(frame.image, frame.sample)
        self.crops.show_sample(frame.sample)
        self.calibration.feed(frame.sample, frame.timestamp)
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
        text = readout_text(frame, worker, self._recording())
        self.controls.readout_label.setText(text)
        self.controls.status_label.setText(status_text(frame))
