"""The calibration wizard: a fullscreen state machine on the tracked screen.

WAIT_FACE -> TARGET(i) -> FIT -> VALIDATE -> RESULT (accept / redo / redo worst points), or CANCELLED
(Esc, nothing is saved) and FAILED. The timing, fitting and validation are the engine's
`CalibrationSession`; this widget only draws, forwards samples and keeps the clock.

Clock: by default the wall clock (`time.monotonic`). With `frame_time=True` the time is the timestamp of
the frames fed in, so a test driving a non-realtime simulated camera runs the whole wizard
deterministically, as fast as frames are made, without waiting real seconds.
"""

from __future__ import annotations

import logging
import time
from typing import Callable, TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze.calibration import (
    VALIDATING as SESSION_VALIDATING,
    VERDICT_TEXT,
    CalibrationConfig,
    CalibrationResult,
    CalibrationSession,
    Target,
)
from alyesdesk.inference.gaze.fit import FitError
from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.inference.gaze.live import TargetLog, refit, worst_calibration_targets

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QResizeEvent

log = logging.getLogger(__name__)

WAIT_FACE, TARGET, FIT, VALIDATE, REDO, RESULT, FAILED, CANCELLED = (
    "wait_face", "target", "fit", "validate", "redo", "result", "failed", "cancelled")
FACE_OK_FRAMES = 8  # consecutive usable frames before the first dot
TICK_MS = 16  # animation rate
DOT_START_PX, DOT_END_PX = 34.0, 7.0
BACKGROUND = QColor("#0d0f12")  # dark: less glare on glasses, steadier pupils
VERDICT_COLOURS = {"good": "#34c759", "usable": "#ffd60a", "redo": "#ff453a"}


def dark_painter(widget: QWidget) -> QPainter:
    """A painter on `widget` with the fullscreen screens' look: dark fill, antialiasing, large grey text."""
    p = QPainter(widget)
    p.fillRect(widget.rect(), BACKGROUND)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QColor("#c7c9cc"))
    font = QFont(widget.font())
    font.setPointSize(font.pointSize() + 3)
    p.setFont(font)
    return p

INSTRUCTIONS = {
    WAIT_FACE: QT_TRANSLATE_NOOP("CalibrationWizard", "Sit about {distance:.0f} cm from the screen, face the camera, and "
                                 "keep your head still.\nWaiting for your face…   (Esc cancels)"),
    TARGET: QT_TRANSLATE_NOOP("CalibrationWizard", "Look at the centre of each dot until it moves on."),
    VALIDATE: QT_TRANSLATE_NOOP("CalibrationWizard", "Checking accuracy: keep looking at the dots."),
    REDO: QT_TRANSLATE_NOOP("CalibrationWizard", "Redoing the weakest points: look at each dot."),
}


class CalibrationWizard(QWidget):
    """Fullscreen calibration. Feed it frames with `feed(sample, timestamp)`.

    Signals
    -------
    state_changed(str)
    target_moved(object)
        (x, y) screen px of the current dot, or None (the simulated webcam looks there).
    result_ready(object)
        A CalibrationResult is shown with its accuracy.
    accepted(object)
        The user accepted the result (CalibrationResult); the caller stores it.
    cancelled()
        Esc or Cancel: nothing is stored.
    """

    state_changed = Signal(str)
    target_moved = Signal(object)
    result_ready = Signal(object)
    accepted = Signal(object)
    cancelled = Signal()

    def __init__(
        self,
        screen: ScreenGeometry,
        frontend: str,
        config: CalibrationConfig | None = None,
        clock: Callable[[], float] = time.monotonic,
        frame_time: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("AlyesDesk calibration"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.screen_geometry = screen
        self.frontend = frontend
        self.config = config or CalibrationConfig()
        self._clock = clock
        self.frame_time = frame_time
        self._frame_now: float | None = None
        self.state = WAIT_FACE
        self.result: CalibrationResult | None = None
        self.verdict: str | None = None  # "good", "usable" or "redo" once a result is shown
        self.message = ""
        self._face_frames = 0
        self._session: CalibrationSession | None = None
        self._log = TargetLog(self.config.settle_s)
        self._redo: list[tuple[float, float]] = []
        self._redo_target: tuple[float, float] | None = None
        self._redo_started = 0.0
        self._dot: tuple[float, float] | None = None
        self._dot_since = 0.0
        self._progress = (0, 0)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_tick)
        self._build_result_panel()

    # --- clock and input ---------------------------------------------------------------------------
    def now(self) -> float:
        if self.frame_time:
            return self._frame_now if self._frame_now is not None else 0.0
        return self._clock()

    def start(self) -> None:
        self._set_state(WAIT_FACE)
        self._timer.start()
        self.setFocus()

    def feed(self, sample: S.GazeSample, timestamp: float) -> None:
        """One processed frame (called by the tab for every frame it pulls from the tracker)."""
        if self.frame_time:
            self._frame_now = timestamp
        now = self.now()
        if self.state == WAIT_FACE:
            self._face_frames = self._face_frames + 1 if sample.ok else 0
            self.message = sample.message if not sample.ok else ""
            if self._face_frames >= FACE_OK_FRAMES:
                self._start_session(now)
            self.update()
            return
        if self.state in (TARGET, VALIDATE) and self._session is not None:
            self._log.add(now, sample)
            self._now_for_callbacks = now
            self._session.update(now, sample)
            self._after_update(now)
        elif self.state == REDO:
            self._log.add(now, sample)
            self._advance_redo(now)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)

    def cancel(self) -> None:
        if self.state == CANCELLED:
            return
        if self._session is not None:
            self._session.abort()
        self._finish_run()
        self._set_state(CANCELLED)
        self.cancelled.emit()

    # --- the run -------------------------------------------------------------------------------------
    def _start_session(self, now: float) -> None:
        self._log = TargetLog(self.config.settle_s)
        self._session = CalibrationSession(
            self.screen_geometry, self.frontend, self.config,
            on_target=self._on_target, on_progress=self._on_progress,
            on_finished=self._on_finished, on_failed=self._on_failed,
        )
        self._now_for_callbacks = now
        self._set_state(TARGET)
        self._session.start(now)

    def _on_target(self, target: Target) -> None:
        now = getattr(self, "_now_for_callbacks", self.now())
        self._log.show(target.stage, (target.x, target.y), now)
        if target.stage == "validate" and self.state == TARGET:
            self._set_state(FIT)  # the session fitted just before its first validation dot
            self._set_state(VALIDATE)
        self._move_dot((target.x, target.y), now)

    def _on_progress(self, done: int, total: int) -> None:
        self._progress = (done, total)

    def _on_finished(self, result: CalibrationResult) -> None:
        self._show_result(result)

    def _on_failed(self, message: str) -> None:
        if self.state == CANCELLED:
            return
        self._finish_run()
        self.message = message
        self._set_state(FAILED)
        self._show_panel(self.tr("Calibration failed: {message}").format(message=message), None)

    def _after_update(self, now: float) -> None:
        session = self._session
        if session is None or self.state not in (TARGET, VALIDATE):
            return
        if session.state == SESSION_VALIDATING and self.state == TARGET:
            self._set_state(FIT)
            self._set_state(VALIDATE)
        pos = session.target_position(now)
        if pos is not None and session.current_target is not None and session.current_target.stage == "pursuit":
            self._move_dot(pos, self._dot_since, moving=True)

    def _on_tick(self) -> None:
        if not self.frame_time and self._session is not None and self.state in (TARGET, VALIDATE):
            now = self.now()
            self._now_for_callbacks = now
            self._session.update(now, None)
            self._after_update(now)
        elif not self.frame_time and self.state == REDO:
            self._advance_redo(self.now())
        self.update()

    def _move_dot(self, point: tuple[float, float] | None, since: float, moving: bool = False) -> None:
        self._dot = point
        if not moving:
            self._dot_since = since
        self.target_moved.emit(point)

    def _finish_run(self) -> None:
        self._log.stop()
        self._move_dot(None, self.now())

    # --- result --------------------------------------------------------------------------------------
    def _show_result(self, result: CalibrationResult) -> None:
        self._finish_run()
        self.result = result
        self._set_state(RESULT)
        report = result.validation
        if report is None:
            self.verdict = "redo"
            text = self.tr("Calibrated, but no validation point had usable samples: accuracy unknown. Redo is advised.")
        else:
            self.verdict = report.verdict
            text = (self.tr("Mean error {mean_deg:.2f}° ({mean_px:.0f} px), median {median_deg:.2f}° "
                            "({median_px:.0f} px) on {value} of {value2} validation points over the whole "
                            "screen.").format(mean_deg=report.mean_deg, mean_px=report.mean_px, median_deg=report.median_deg, median_px=report.median_px, value=(len(report.points)), value2=(report.expected_points or len(report.points))))
            if result.skipped_targets:
                text += self.tr("\n{value} point(s) skipped (no usable samples).").format(value=(len(result.skipped_targets)))
        self._show_panel(text, result)
        self.verdict_label.setText(self.tr("Verdict: {value}").format(value=(VERDICT_TEXT[self.verdict])))
        self.verdict_label.setStyleSheet(f"color:{VERDICT_COLOURS[self.verdict]}; font-weight:bold;")
        self.verdict_label.show()
        self.result_ready.emit(result)

    def accept_result(self) -> None:
        if self.state == RESULT and self.result is not None:
            self._timer.stop()
            self.accepted.emit(self.result)

    def redo(self) -> None:
        self.panel.hide()
        self.verdict = None
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.result = None
        self._face_frames = FACE_OK_FRAMES  # the face was there a moment ago
        self._start_session(self.now())

    def redo_worst(self) -> None:
        """Collect again the calibration dots around the two worst validation points, then refit."""
        if self.result is None or self.result.validation is None or not self._log.cal:
            return
        self._redo = worst_calibration_targets(self.result.validation, list(self._log.cal))
        self.panel.hide()
        self.setCursor(Qt.CursorShape.BlankCursor)
        self._set_state(REDO)
        self._progress = (0, len(self._redo))
        self._next_redo(self.now())

    def _next_redo(self, now: float) -> None:
        if not self._redo:
            self._finish_run()
            try:
                result = refit(self._log, self.screen_geometry, self.frontend, self.config.outlier_z)
            except FitError as exc:
                self._on_failed(str(exc))
                return
            self._show_result(result)
            return
        self._redo_target = self._redo.pop(0)
        self._redo_started = now
        self._log.show("redo", self._redo_target, now)
        self._move_dot(self._redo_target, now)

    def _advance_redo(self, now: float) -> None:
        if self._redo_target is None:
            return
        if now - self._redo_started >= self.config.settle_s + self.config.collect_s:
            done, total = self._progress
            self._progress = (done + 1, total)
            self._next_redo(now)

    # --- drawing ---------------------------------------------------------------------------------------
    def _build_result_panel(self) -> None:
        self.panel = QFrame(self)
        self.panel.setObjectName("calibrationResult")
        self.panel.setStyleSheet(
            "#calibrationResult { background:#1c1f24; border:1px solid #3a3f45; border-radius:10px; }"
            "QLabel { color:#e8eaed; } QPushButton { padding:6px 14px; }")
        layout = QVBoxLayout(self.panel)
        self.result_title = QLabel(self.tr("Calibration result"))
        font = self.result_title.font()
        font.setPointSize(font.pointSize() + 5)
        font.setBold(True)
        self.result_title.setFont(font)
        self.result_text = QLabel()
        self.result_text.setWordWrap(True)
        self.verdict_label = QLabel()  # the plain verdict beside the degrees (thresholds: calibration.py)
        self.verdict_label.setWordWrap(True)
        self.verdict_label.hide()
        self.plot = pg.PlotWidget(background="#111316")
        self.plot.setMinimumSize(520, 300)
        self.plot.invertY(True)
        self.plot.setAspectLocked(True)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(False, False)
        self.plot_legend = QLabel(self.tr("○ target   ● estimate (median of the fixation)   line: error"))
        self.plot_legend.setStyleSheet("color:#9aa0a6;")
        buttons = QHBoxLayout()
        self.accept_button = QPushButton(self.tr("Accept"))
        self.accept_button.setDefault(True)
        self.redo_button = QPushButton(self.tr("Redo"))
        self.redo_worst_button = QPushButton(self.tr("Redo worst points"))
        self.cancel_button = QPushButton(self.tr("Cancel (Esc)"))
        self.accept_button.clicked.connect(self.accept_result)
        self.redo_button.clicked.connect(self.redo)
        self.redo_worst_button.clicked.connect(self.redo_worst)
        self.cancel_button.clicked.connect(self.cancel)
        for b in (self.accept_button, self.redo_button, self.redo_worst_button, self.cancel_button):
            buttons.addWidget(b)
        layout.addWidget(self.result_title)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.result_text)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.plot_legend)
        layout.addLayout(buttons)
        self.panel.hide()

    def _show_panel(self, text: str, result: CalibrationResult | None) -> None:
        self.result_text.setText(text)
        ok = result is not None
        if not ok:
            self.verdict_label.hide()
        self.result_title.setText(self.tr("Calibration result") if ok else self.tr("Calibration failed"))
        self.accept_button.setEnabled(ok)
        # A refit of the worst points uses the logged fixed points only: it would drop a moving dot's samples.
        self.redo_worst_button.setEnabled(bool(ok and result.validation and not self.config.pursuit_s
                                               and self._log.cal))
        has_plot = bool(ok and result.validation)
        self.plot.setVisible(has_plot)
        self.plot_legend.setVisible(has_plot)
        self.unsetCursor()  # the dots hide the mouse; the buttons need it back
        if ok and result.validation:
            self._plot_points(result)
        w = min(760, self.width() - 40)
        h = min(560, self.height() - 40)
        self.panel.setGeometry((self.width() - w) // 2, (self.height() - h) // 2, w, h)
        self.panel.show()
        self.panel.raise_()
        self.update()

    def _plot_points(self, result: CalibrationResult) -> None:
        s = self.screen_geometry
        self.plot.clear()
        frame = pg.QtWidgets.QGraphicsRectItem(0, 0, s.width_px, s.height_px)
        frame.setPen(pg.mkPen("#5f6368", width=1, cosmetic=True))
        self.plot.addItem(frame)
        for p in result.validation.points:  # type: ignore[union-attr]
            self.plot.plot([p.target[0], p.predicted[0]], [p.target[1], p.predicted[1]], pen=pg.mkPen("#9aa0a6"))
            label = pg.TextItem(f"{p.error_px:.0f} px", color="#e8eaed", anchor=(0, 1))
            label.setPos(p.target[0] + 15, p.target[1] - 10)
            self.plot.addItem(label)
        targets = [p.target for p in result.validation.points]  # type: ignore[union-attr]
        preds = [p.predicted for p in result.validation.points]  # type: ignore[union-attr]
        self.plot.plot([t[0] for t in targets], [t[1] for t in targets], pen=None, symbol="o", symbolSize=14,
                       symbolBrush=None, symbolPen=pg.mkPen("#34c759", width=2))
        self.plot.plot([q[0] for q in preds], [q[1] for q in preds], pen=None, symbol="o", symbolSize=9,
                       symbolBrush="#ff375f", symbolPen=None)
        self.plot.setRange(xRange=(0, s.width_px), yRange=(0, s.height_px), padding=0.04)

    def _stage(self) -> str | None:
        """The current dot's stage while calibrating ("calibrate", "pursuit", "head"), else None."""
        target = self._session.current_target if self._session is not None else None
        return target.stage if self.state == TARGET and target is not None else None

    def _pursuit_active(self) -> bool:
        return self._stage() == "pursuit"

    def _to_widget(self, point: tuple[float, float]) -> QPointF:
        s = self.screen_geometry
        return QPointF(point[0] * self.width() / s.width_px, point[1] * self.height() / s.height_px)

    def instruction_text(self) -> str:
        """What the wizard asks of the user now (drawn at the top of the screen; empty: nothing)."""
        text = QCoreApplication.translate("CalibrationWizard", INSTRUCTIONS[self.state]) if self.state in INSTRUCTIONS else ""
        if self._pursuit_active():
            text = self.tr("Follow the moving dot with your eyes (keep your head still).")
        elif self._stage() == "head":
            text = self.tr("Keep your eyes on each dot and move your head slowly: turn it, tilt it, lean in and back.")
        if text:
            text = text.format(distance=self.screen_geometry.distance_cm)
            if self.state == WAIT_FACE and self.message:
                text += f"\n({self.message})"
        return text

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = dark_painter(self)
        text = self.instruction_text()
        if text:
            area = QRectF(40, self.height() * 0.38 if self.state == WAIT_FACE else 30, self.width() - 80, 120)
            p.drawText(area, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
        if self._dot is not None and self.state in (TARGET, VALIDATE, REDO):
            elapsed = max(0.0, self.now() - self._dot_since)
            # The dot shrinks while the eye travels and settles: a shrinking target pulls the gaze to its centre.
            f = min(1.0, elapsed / max(self.config.settle_s, 1e-3))
            radius = DOT_START_PX + (DOT_END_PX - DOT_START_PX) * (1 - (1 - f) ** 2)
            centre = self._to_widget(self._dot)
            colour = QColor("#ffd60a") if self.state == VALIDATE else QColor("#ffffff")
            p.setPen(QPen(colour, 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(centre, radius, radius)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#ff375f"))
            p.drawEllipse(centre, 3.0, 3.0)
            done, total = self._progress
            footer = self.tr("Esc cancels without saving")
            if self._pursuit_active():
                left = self.config.pursuit_s - (self.now() - self._dot_since)
                footer = self.tr("{value:.0f} s left   ·   {footer}").format(value=(max(0.0, left)), footer=footer)
            elif total:
                footer = self.tr("Point {value} of {total}   ·   {footer}").format(value=(min(done + 1, total)), total=total, footer=footer)
            p.setPen(QColor("#7d8186"))
            p.drawText(QRectF(0, self.height() - 50, self.width(), 30), Qt.AlignmentFlag.AlignHCenter, footer)
        p.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.panel.isVisible():
            w, h = min(760, self.width() - 40), min(560, self.height() - 40)
            self.panel.setGeometry((self.width() - w) // 2, (self.height() - h) // 2, w, h)

    def _set_state(self, state: str) -> None:
        if state != self.state or state == WAIT_FACE:
            self.state = state
            self.state_changed.emit(state)
        self.update()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._timer.stop()
        if self.state not in (CANCELLED, RESULT, FAILED):
            self.cancel()
        super().closeEvent(event)
