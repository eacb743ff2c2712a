"""Gaze as a pointer (opt-in, off by default): the mouse follows the filtered gaze point, a dwell clicks.

The rules live in `inference.gaze.pointer.GazePointer` (Qt-free, tested alone); this module applies them:

- `PointerPanel`: the "Pointer" page of the Gaze tab: the on/off switch (also the application-wide
  hotkey `POINTER_SHORTCUT`), dwell clicking and its time (0.5-2 s), and the pause region (a screen corner:
  look there to rest without moving or clicking anything).
- The pointer is moved with `QCursor.setPos` on the tracked screen (system-wide). A dwell click on an
  AlyesDesk widget is delivered by Qt; a click elsewhere goes through `system_input` (pynput, the optional
  `pointer` extra) when it is installed; without it the click stays in AlyesDesk and the page says why.
  `clicked(float, float)` reports every click in tracked-screen px.
- The hotkey is application-wide through Qt; with pynput it also works from any application while the
  pointer is on (`system_input.GlobalHotkey`), so it can always be stopped.
- `DwellRing`: a small click-through window drawing the ring that shrinks as the dwell completes.
- Watchdog: a timer feeds "no point" when none arrived for a while, so losing the face (or the camera)
  releases control within `lost_after_s`; tracking stopping releases it at once.
"""

from __future__ import annotations

import time
from typing import Callable, TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
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
from alyesdesk.ui.context import INFO, WARNING, AppContext
from alyesdesk.ui.gaze import system_input

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

POINTER_SHORTCUT = "Ctrl+Shift+P"
RING_PX = 64
WATCHDOG_MS = 100
PAUSE_CORNERS = ("none", "top-left", "top-right", "bottom-left", "bottom-right")
CORNER_LABELS = {"none": QT_TRANSLATE_NOOP("PointerPanel", "none"),
                 "top-left": QT_TRANSLATE_NOOP("PointerPanel", "top-left"),
                 "top-right": QT_TRANSLATE_NOOP("PointerPanel", "top-right"),
                 "bottom-left": QT_TRANSLATE_NOOP("PointerPanel", "bottom-left"),
                 "bottom-right": QT_TRANSLATE_NOOP("PointerPanel", "bottom-right")}
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

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
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
        self.enable_check.setToolTip(self.tr("Let your gaze move the mouse pointer; control is released when tracking is lost"))
        self.click_check = QCheckBox(self.tr("Click by dwelling"))
        self.click_check.setToolTip(self.tr("Click where you keep looking for the time set below"))
        self.click_check.setChecked(True)
        self.dwell_spin = QDoubleSpinBox()
        self.dwell_spin.setToolTip(self.tr("How long to keep looking before a click"))
        self.dwell_spin.setRange(MIN_DWELL_S, MAX_DWELL_S)
        self.dwell_spin.setSingleStep(0.1)
        self.dwell_spin.setValue(self.pointer.dwell_s)
        self.dwell_spin.setSuffix(" s")
        self.pause_combo = QComboBox()
        self.pause_combo.setToolTip(self.tr("Screen corner to look at to pause or resume the pointer"))
        for corner in PAUSE_CORNERS:
            self.pause_combo.addItem(QCoreApplication.translate("PointerPanel", CORNER_LABELS[corner]), corner)
        self.pause_combo.setCurrentIndex(PAUSE_CORNERS.index("top-right"))
        self.state_label = QLabel(self.tr("Off."))
        form = QFormLayout()
        form.addRow(self.enable_check)
        form.addRow(self.click_check)
        form.addRow(self.tr("Dwell time"), self.dwell_spin)
        form.addRow(self.tr("Pause region (look there to rest)"), self.pause_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.system_wide, why = system_input.available()
        note = self.tr("Off by default. Control is released when tracking is lost; turn it on again with the "
                       "switch or the hotkey.")
        if self.system_wide:
            note += " " + self.tr("Dwell clicks and the hotkey work in every application.")
        else:
            note += " " + self.tr("Dwell clicks reach AlyesDesk's own windows only, and the hotkey works while "
                                  "AlyesDesk has the focus: clicking in other applications needs the optional "
                                  "pynput library ({why}).").format(why=why)
        self.note_label = QLabel(note)
        self.note_label.setWordWrap(True)
        layout.addWidget(self.note_label)
        self._told_in_app = False
        layout.addWidget(self.state_label)
        layout.addStretch(1)
        self.shortcut = QShortcut(QKeySequence(POINTER_SHORTCUT), self)
        self.shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcut.activated.connect(self.enable_check.toggle)
        self.hotkey = system_input.GlobalHotkey(POINTER_SHORTCUT, self)  # from any application, while on
        self.hotkey.pressed.connect(self._on_global_hotkey_pressed)
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
            self.hotkey.start()
            self.state_label.setText(self.tr("On: the pointer follows your gaze."))
        else:
            self.release(self.tr("turned off"))
        self.engaged_changed.emit(on)

    def release(self, reason: str) -> None:
        """Stop driving the pointer (tracking lost or stopped, or turned off)."""
        self._released(reason, self.pointer.engaged)

    def _reason_text(self, reason: str) -> str:
        """Why control was released, in the interface's language (the signal keeps the raw reason)."""
        if reason == "tracking lost":
            return self.tr("tracking lost")
        if reason == "shutdown":
            return self.tr("closing")
        if reason.startswith("tracking"):  # tracking stopped, camera lost, tab hidden...
            return self.tr("tracking stopped")
        return reason  # "turned off" comes translated

    def _released(self, reason: str, was_engaged: bool) -> None:
        self.watchdog.stop()
        self.hotkey.stop()
        self.ring.hide()
        self.pointer.release(reason)
        self.state_label.setText(self.tr("Off ({reason}).").format(reason=self._reason_text(reason)))
        if self.enable_check.isChecked():
            self.enable_check.blockSignals(True)
            self.enable_check.setChecked(False)
            self.enable_check.blockSignals(False)
            self.engaged_changed.emit(False)
        if was_engaged:
            if reason == "tracking lost":
                self.ctx.notify(self.tr("Gaze pointer released: tracking was lost."), WARNING)
            self.released.emit(reason)

    def _on_global_hotkey_pressed(self) -> None:
        if self.enable_check.isChecked():  # listened to only while on: the hotkey turns it off
            self.enable_check.setChecked(False)

    def follow(self, tab: QWidget) -> None:
        """Take `tab`'s filtered points (its `point_shown`); its tracking stopping releases control at once."""
        tab.point_shown.connect(self.on_point)  # type: ignore[attr-defined]
        tab.tracking_stopped.connect(lambda reason: self.release(f"tracking {reason}"))  # type: ignore[attr-defined]

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
        if widget is None:  # another application's window, or the desktop
            if not system_input.click(pos.x(), pos.y()) and not self._told_in_app:
                self._told_in_app = True
                self.ctx.notify(self.tr("The dwell click outside AlyesDesk was not made: clicking in other "
                                        "applications needs pynput ({extra}).").format(extra=system_input.EXTRA), INFO)
        else:
            local = QPointF(widget.mapFromGlobal(pos))
            for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
                buttons = Qt.MouseButton.LeftButton if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton
                event = QMouseEvent(kind, local, QPointF(pos), Qt.MouseButton.LeftButton, buttons,
                                    Qt.KeyboardModifier.NoModifier)
                QApplication.sendEvent(widget, event)
        self.clicked.emit(x, y)

    def shutdown(self) -> None:
        self.release("shutdown")
        self.hotkey.stop()
        self.ring.close()
