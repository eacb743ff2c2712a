"""The on-screen gaze cursor: a transparent, frameless, always-on-top window that clicks pass through."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QScreen
from PySide6.QtWidgets import QWidget

OVERLAY_FLAGS = (
    Qt.WindowType.FramelessWindowHint
    | Qt.WindowType.WindowStaysOnTopHint
    | Qt.WindowType.WindowTransparentForInput  # clicks and keys go to the window underneath
    | Qt.WindowType.Tool  # no taskbar entry, no focus stealing
    | Qt.WindowType.WindowDoesNotAcceptFocus
)


class GazeCursorWindow(QWidget):
    """Covers one screen and draws the filtered gaze point as a ring; invisible to the mouse.

    A held point (blink) is drawn dashed, so the user sees the tracker is coasting, not following.
    """

    def __init__(self, size: int = 28, colour: str = "#ff3b30") -> None:
        super().__init__(None, OVERLAY_FLAGS)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowTitle("AlyesDesk gaze cursor")
        self.cursor_size = int(size)
        self.colour = QColor(colour)
        self.point: QPointF | None = None
        self.held = False

    def set_style(self, size: int, colour: str) -> None:
        self.cursor_size = max(6, int(size))
        c = QColor(colour)
        self.colour = c if c.isValid() else QColor("#ff3b30")
        self.update()

    def place_on(self, screen: QScreen) -> None:
        self.setScreen(screen)
        self.setGeometry(QRect(screen.geometry()))

    def set_point(self, point: tuple[float, float] | None, held: bool = False) -> None:
        """`point` in the screen's own pixel coordinates (the window covers exactly that screen)."""
        old = self._dirty_rect()
        self.point = None if point is None else QPointF(point[0], point[1])
        self.held = held
        # Repaint only around the old and new rings: a full-screen repaint per frame is wasted work.
        new = self._dirty_rect()
        for r in (old, new):
            if r is not None:
                self.update(r)

    def _dirty_rect(self) -> QRect | None:
        if self.point is None:
            return None
        r = self.cursor_size // 2 + 6
        return QRect(int(self.point.x()) - r, int(self.point.y()) - r, 2 * r, 2 * r)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if self.point is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self.cursor_size / 2.0
        outline = QPen(QColor(0, 0, 0, 160), 5)
        p.setPen(outline)
        p.drawEllipse(self.point, r, r)
        pen = QPen(self.colour, 3, Qt.PenStyle.DashLine if self.held else Qt.PenStyle.SolidLine)
        p.setPen(pen)
        p.drawEllipse(self.point, r, r)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.colour)
        p.drawEllipse(self.point, 2.5, 2.5)
        p.end()
