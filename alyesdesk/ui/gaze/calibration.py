"""The fullscreen calibration windows of the Gaze tab: the wizard and the 1-point re-centre.

This module opens them on the tracked screen, points the simulated webcam at their dots, and closes
them; what a finished calibration means for the tab (its model, the database) stays with the tab.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal
from PySide6.QtGui import QScreen

from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze.calibration import CalibrationConfig, CalibrationResult
from alyesdesk.inference.gaze.live import StoredCalibration
from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.ui.context import WARNING, AppContext
from alyesdesk.ui.gaze.recentre import RecentreWindow
from alyesdesk.ui.gaze.wizard import CalibrationWizard
from alyesdesk.ui.gaze.worker import SimTarget


def accuracy_of(result: CalibrationResult) -> dict:
    """The validation figures stored with a calibration; empty when the wizard ran no validation."""
    report = result.validation
    if report is None:
        return {}
    return {"mean_px": report.mean_px, "median_px": report.median_px,
            "mean_deg": report.mean_deg, "median_deg": report.median_deg}


def summary_text(model: StoredCalibration, frontend: str) -> str:
    """One line for the side panel: accuracy, re-centre shift, and a warning if the front end differs."""
    acc = model.accuracy
    text = QCoreApplication.translate("CalibrationSummary", "Calibrated")
    if acc.get("mean_deg") is not None:
        text += QCoreApplication.translate("CalibrationSummary", ": {degrees}° mean error ({pixels:.0f} px)").format(
            degrees=QLocale().toString(float(acc["mean_deg"]), "f", 2), pixels=acc.get("mean_px") or 0)
    if model.shift_px:
        text += QCoreApplication.translate("CalibrationSummary", ", re-centred by {pixels:.0f} px").format(
            pixels=model.shift_px)
    if model.frontend != frontend:
        text += QCoreApplication.translate(
            "CalibrationSummary", ". It was made with the {frontend} front end: switch back or recalibrate.").format(
            frontend=model.frontend)
    return text


class CalibrationFlow(QObject):
    """Signals: `calibrated(object CalibrationResult)` once the wizard's result is accepted,
    `recentred(object StoredCalibration)` once a re-centre succeeded; both after the window closed.
    """

    calibrated = Signal(object)
    recentred = Signal(object)

    def __init__(self, ctx: AppContext, sim_target: SimTarget, parent: QObject) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sim_target = sim_target
        self.wizard: CalibrationWizard | None = None
        self.recentre_window: RecentreWindow | None = None

    @property
    def active(self) -> bool:
        """A calibration window is open (it needs the camera and owns the simulated gaze target)."""
        return self.wizard is not None or self.recentre_window is not None

    def open_wizard(self, screen: QScreen, geometry: ScreenGeometry, frontend: str, config: CalibrationConfig,
                    frame_time: bool = False) -> CalibrationWizard:
        if self.wizard is not None:
            self.wizard.close()
        wizard = CalibrationWizard(geometry, frontend, config, frame_time=frame_time)
        wizard.target_moved.connect(self._on_target_moved)
        wizard.accepted.connect(self._on_wizard_accepted)
        wizard.cancelled.connect(self._on_wizard_cancelled)
        self.wizard = wizard
        wizard.setScreen(screen)
        wizard.setGeometry(screen.geometry())
        wizard.showFullScreen()
        wizard.start()
        return wizard

    def open_recentre(self, model: StoredCalibration, screen: QScreen, frame_time: bool = False) -> RecentreWindow:
        window = RecentreWindow(model, frame_time=frame_time)
        window.target_moved.connect(self._on_target_moved)
        window.recentred.connect(self._on_recentred)
        window.failed.connect(self._on_recentre_failed)
        window.cancelled.connect(self.close_recentre)
        self.recentre_window = window
        window.setScreen(screen)
        window.setGeometry(screen.geometry())
        window.showFullScreen()
        if not frame_time:
            window.start()  # with frame time, the first fed frame starts it
        return window

    def feed(self, sample: S.GazeSample, timestamp: float) -> None:
        if self.wizard is not None:
            self.wizard.feed(sample, timestamp)
        if self.recentre_window is not None:
            self.recentre_window.feed(sample, timestamp)

    def close_wizard(self) -> None:
        self.sim_target.force(None)
        if self.wizard is not None:
            wizard, self.wizard = self.wizard, None
            wizard.close()
            wizard.deleteLater()

    def close_recentre(self) -> None:
        self.sim_target.force(None)
        if self.recentre_window is not None:
            window, self.recentre_window = self.recentre_window, None
            window.close()
            window.deleteLater()

    def _on_target_moved(self, point: Any) -> None:
        self.sim_target.force(point)

    def _on_wizard_accepted(self, result: CalibrationResult) -> None:
        self.close_wizard()
        self.calibrated.emit(result)

    def _on_wizard_cancelled(self) -> None:
        self.ctx.notify(self.tr("Calibration cancelled: nothing was saved."))
        self.close_wizard()

    def _on_recentred(self, model: StoredCalibration) -> None:
        self.close_recentre()
        self.recentred.emit(model)

    def _on_recentre_failed(self, message: str) -> None:
        self.close_recentre()
        self.ctx.notify(self.tr("Re-centre failed: {message}").format(message=message), WARNING)
