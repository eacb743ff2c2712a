"""1-point re-centre: one dot in the middle of the tracked screen shifts the calibration onto it.

Uses the engine's `DriftCorrection`; works on a fresh or a stored calibration (both have `recentred`).
Same clock rules as the wizard: wall clock, or frame time when `frame_time=True` (tests).
"""

from __future__ import annotations

import time
from typing import Any, Callable

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze.calibration import FINISHED, DriftCorrection
from alyesdesk.ui.gaze.wizard import DOT_END_PX, DOT_START_PX, dark_painter


class RecentreWindow(QWidget):
    """Signals: `recentred(object)` (the shifted model), `failed(str)`, `cancelled()`."""

    recentred = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    target_moved = Signal(object)

    def __init__(self, model: Any, clock: Callable[[], float] = time.monotonic, frame_time: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("AlyesDesk re-centre"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.model = model
        self._clock, self.frame_time = clock, frame_time
        self._frame_now = 0.0
        self.correction = DriftCorrection(model, on_finished=self._on_finished, on_failed=self._on_failed)
        self._started = 0.0
        self._running = False
        self._done = False
        self._timer = QTimer(self)
        self._timer.setInterval(16)
        self._timer.timeout.connect(self._on_tick)

    def now(self) -> float:
        return self._frame_now if self.frame_time else self._clock()

    def start(self) -> None:
        self._running = True
        self._started = self.now()
        self.correction.start(self._started)
        t = self.correction.target
        self.target_moved.emit((t.x, t.y))
        self._timer.start()
        self.setFocus()

    def feed(self, sample: S.GazeSample, timestamp: float) -> None:
        if self.frame_time:
            if not self._running and not self._done:
                self._frame_now = timestamp
                self.start()
            self._frame_now = timestamp
        self.correction.update(self.now(), sample)

    def _on_tick(self) -> None:
        if not self.frame_time:
            self.correction.update(self.now(), None)
        self.update()

    def _on_finished(self, model: Any) -> None:
        self._end()
        self.recentred.emit(model)

    def _on_failed(self, message: str) -> None:
        self._end()
        self.failed.emit(message)

    def _end(self) -> None:
        self._done = True
        self._timer.stop()
        self.target_moved.emit(None)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape and not self._done:
            self._end()
            self.cancelled.emit()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = dark_painter(self)
        p.drawText(QRectF(0, 30, self.width(), 40), Qt.AlignmentFlag.AlignHCenter,
                   self.tr("Look at the dot to re-centre the calibration.   (Esc cancels)"))
        if not self._done and self.correction.state != FINISHED:
            s = self.model.screen
            t = self.correction.target
            c = QPointF(t.x * self.width() / s.width_px, t.y * self.height() / s.height_px)
            f = min(1.0, max(0.0, self.now() - self._started) / max(self.correction.settle_s, 1e-3))
            r = DOT_START_PX + (DOT_END_PX - DOT_START_PX) * f
            p.setPen(QPen(QColor("#ffffff"), 2))
            p.drawEllipse(c, r, r)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#ff375f"))
            p.drawEllipse(c, 3.0, 3.0)
        p.end()
