"""Gaze as a pointer (opt-in, off by default): the mouse follows the filtered gaze point, a dwell clicks.

The rules live in `inference.gaze.pointer.GazePointer` (Qt-free, tested alone); this module applies them:

- `PointerPanel`: the "Pointer" page of the Gaze tab: the on/off switch (also the application-wide
  hotkey `POINTER_SHORTCUT`), dwell clicking and its time (0.5-2 s), and the pause region (a screen corner:
  look there to rest without moving or clicking anything).
- The pointer is moved with `QCursor.setPos` on the tracked screen. A dwell click is delivered to the
  AlyesDesk widget under the pointer (Qt cannot click into other applications: that needs an OS input
  injector, not shipped); `clicked(float, float)` reports every click in tracked-screen px.
- `DwellRing`: a small click-through window drawing the ring that shrinks as the dwell completes.
- Watchdog: a timer feeds "no point" when none arrived for a while, so losing the face (or the camera)
  releases control within `lost_after_s`; tracking stopping releases it at once.
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QCursor, QKeySequence, QMouseEvent, QPainter, QPen, QScreen, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from alyesdesk.inference.gaze.pointer import MAX_DWELL_S, MIN_DWELL_S, GazePointer, PointerAction
from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.ui.context import WARNING, AppContext

POINTER_SHORTCUT = "Ctrl+Shift+P"
RING_PX = 64
WATCHDOG_MS = 100
PAUSE_CORNERS = ("none", "top-left", "top-right", "bottom-left", "bottom-right")
PAUSE_SIZE = 0.12  # of the screen's width and height


def pause_region(corner: str, geometry: ScreenGeometry) -> tuple[float, float, float, float] | None:
    if corner == "none":
        return None
    w, h = geometry.width_px * PAUSE_SIZE, geometry.height_px * PAUSE_SIZE
    x = 0.0 if "left" in corner else geometry.width_px - w
    y = 0.0 if "top" in corner else geometry.height_px - h
    return (x, y, w, h)


class DwellRing(QWidget):
    """A click-through ring around the dwell point; its radius shrinks from full to zero with progress."""

    def __init__(self) -> None:
        flags = (Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.Tool
                 | Qt.WindowType.WindowTransparentForInput)
        super().__init__(None, flags)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.resize(RING_PX, RING_PX)
        self.progress = 0.0

    def show_at(self, global_pos: QPoint, progress: float) -> None:
        self.progress = progress
        self.move(global_pos - QPoint(RING_PX // 2, RING_PX // 2))
        if not self.isVisible():
            self.show()
        self.update()

    def paintEvent(self, event) -> None:  # noqa: ANN001, N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = (RING_PX / 2 - 3) * (1.0 - self.progress)
        p.setPen(QPen(QColor(255, 200, 0, 220), 3))
        p.drawEllipse(QRectF(RING_PX / 2 - r, RING_PX / 2 - r, 2 * r, 2 * r))
        p.end()


class PointerPanel(QWidget):
    """Signals: `engaged_changed(bool)`, `released(str reason)`, `clicked(float x, float y)` (screen px)."""

    engaged_changed = Signal(bool)
    released = Signal(str)
    clicked = Signal(float, float)

    def __init__(self, ctx: AppContext, screen: Callable[[], QScreen | None],
                 geometry: Callable[[], ScreenGeometry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._screen, self._geometry = screen, geometry
        self.pointer = GazePointer()
        self.ring = DwellRing()
        self._last_point_at: float | None = None
        self.enable_check = QCheckBox(self.tr("Move the mouse pointer with my gaze ({POINTER_SHORTCUT})").format(POINTER_SHORTCUT=POINTER_SHORTCUT))
        self.click_check = QCheckBox(self.tr("Click by dwelling"))
        self.click_check.setChecked(True)
        self.dwell_spin = QDoubleSpinBox()
        self.dwell_spin.setRange(MIN_DWELL_S, MAX_DWELL_S)
        self.dwell_spin.setSingleStep(0.1)
        self.dwell_spin.setValue(self.pointer.dwell_s)
        self.dwell_spin.setSuffix(" s")
        self.pause_combo = QComboBox()
        for corner in PAUSE_CORNERS:
            self.pause_combo.addItem(corner, corner)
        self.pause_combo.setCurrentIndex(PAUSE_CORNERS.index("top-right"))
        self.state_label = QLabel(self.tr("Off."))
        form = QFormLayout()
        form.addRow(self.enable_check)
        form.addRow(self.click_check)
        form.addRow(self.tr("Dwell time"), self.dwell_spin)
        form.addRow(self.tr("Pause region (look there to rest)"), self.pause_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        note = QLabel(self.tr("Off by default. Control is released when tracking is lost; turn it on again with the "
                      "switch or the hotkey. Dwell clicks reach AlyesDesk's own windows only."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.state_label)
        layout.addStretch(1)
        self.shortcut = QShortcut(QKeySequence(POINTER_SHORTCUT), self)
        self.shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcut.activated.connect(self.enable_check.toggle)
        self.enable_check.toggled.connect(self._on_enable_toggled)
        self.click_check.toggled.connect(self._apply_settings)
        self.dwell_spin.valueChanged.connect(self._apply_settings)
        self.pause_combo.currentIndexChanged.connect(self._apply_settings)
        self.watchdog = QTimer(self)
        self.watchdog.setInterval(WATCHDOG_MS)
        self.watchdog.timeout.connect(self._on_watchdog)
        self._apply_settings()

    def _apply_settings(self, *_: object) -> None:
        self.pointer.clicks = self.click_check.isChecked()
        self.pointer.dwell_s = self.dwell_spin.value()
        self.pointer.pause_region = pause_region(self.pause_combo.currentData(), self._geometry())

    def _on_enable_toggled(self, on: bool) -> None:
        if on:
            self._apply_settings()
            self.pointer.engage(time.monotonic())
            self._last_point_at = time.monotonic()
            self.watchdog.start()
            self.state_label.setText(self.tr("On: the pointer follows your gaze."))
        else:
            self.release(self.tr("turned off"))
        self.engaged_changed.emit(on)

    def release(self, reason: str) -> None:
        """Stop driving the pointer (tracking lost or stopped, or turned off)."""
        self._released(reason, self.pointer.engaged)

    def _released(self, reason: str, was_engaged: bool) -> None:
        self.watchdog.stop()
        self.ring.hide()
        self.pointer.release(reason)
        self.state_label.setText(self.tr("Off ({reason}).").format(reason=reason))
        if self.enable_check.isChecked():
            self.enable_check.blockSignals(True)
            self.enable_check.setChecked(False)
            self.enable_check.blockSignals(False)
            self.engaged_changed.emit(False)
        if was_engaged:
            if reason == "tracking lost":
                self.ctx.notify(self.tr("Gaze pointer released: tracking was lost."), WARNING)
            self.released.emit(reason)

    def on_point(self, x: float, y: float) -> None:
        """A filtered gaze point in tracked-screen px (the tab's `point_shown`)."""
        if not self.pointer.engaged:
            return
        self._last_point_at = time.monotonic()
        self._apply(self.pointer.update(self._last_point_at, (x, y)))

    def _on_watchdog(self) -> None:
        now = time.monotonic()
        if self._last_point_at is not None and now - self._last_point_at >= WATCHDOG_MS / 1000.0:
            self._apply(self.pointer.update(now, None))

    def _global(self, x: float, y: float) -> QPoint:
        screen = self._screen()
        origin = screen.geometry().topLeft() if screen is not None else QPoint(0, 0)
        return origin + QPoint(round(x), round(y))

    def _apply(self, action: PointerAction) -> None:
        if action.released:
            self._released(action.released, True)
            return
        if action.move is not None:
            QCursor.setPos(self._global(*action.move))
        if action.ring is not None and action.click is None:
            self.ring.show_at(self._global(*action.ring), action.progress)
        else:
            self.ring.hide()
        if action.click is not None:
            self._click(*action.click)
        self.state_label.setText(self.tr("Paused (looking at the pause region).") if action.paused else
                                 self.tr("On: the pointer follows your gaze."))

    def _click(self, x: float, y: float) -> None:
        pos = self._global(x, y)
        widget = QApplication.widgetAt(pos)
        if widget is not None:
            local = QPointF(widget.mapFromGlobal(pos))
            for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
                buttons = Qt.MouseButton.LeftButton if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton
                event = QMouseEvent(kind, local, QPointF(pos), Qt.MouseButton.LeftButton, buttons,
                                    Qt.KeyboardModifier.NoModifier)
                QApplication.sendEvent(widget, event)
        self.clicked.emit(x, y)

    def shutdown(self) -> None:
        self.release("shutdown")
        self.ring.close()
