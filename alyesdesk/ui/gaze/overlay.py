"""The on-screen gaze cursor: a small frameless, always-on-top window that moves with the gaze point.

Why small and shaped: a translucent fullscreen window needs a compositing manager; without one (plain X11,
some kiosks and remote desktops) the "transparent" pixels are painted black and the whole screen goes
dark. This window is only as big as the ring, and its shape (`setMask`) is the ring itself, so with or
without compositing nothing but the ring covers the screen. Clicks and keys pass through it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QRegion, QScreen
from PySide6.QtWidgets import QWidget

OVERLAY_FLAGS = (
    Qt.WindowType.FramelessWindowHint
    | Qt.WindowType.WindowStaysOnTopHint
    | Qt.WindowType.WindowTransparentForInput  # clicks and keys go to the window underneath
    | Qt.WindowType.Tool  # no taskbar entry, no focus stealing
    | Qt.WindowType.WindowDoesNotAcceptFocus
    | Qt.WindowType.X11BypassWindowManagerHint  # a WM must not place, decorate or raise-on-click it
)
RING_WIDTH = 5  # the dark outline's pen width: the shape is the ring plus this margin
PARKED = QPoint(-32000, -32000)  # where the window waits while there is no point (it stays "visible")


class GazeCursorWindow(QWidget):
    """Draws the filtered gaze point as a ring in a window the size of the ring; invisible to the mouse.

    A held point (blink) is drawn dashed, so the user sees the tracker is coasting, not following.

    Attributes
    ----------
    point : QPointF or None
        The gaze point in the tracked screen's own pixel coordinates.
    screen_rect : QRect
        The tracked screen's geometry in desktop coordinates (multi-monitor: set by `place_on`).
    """

    def __init__(self, size: int = 28, colour: str = "#ff3b30") -> None:
        super().__init__(None, OVERLAY_FLAGS)
        # Kept for compositors (antialiased edges); the mask below makes it right without one.
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowTitle(self.tr("AlyesDesk gaze cursor"))
        self.cursor_size = max(6, int(size))
        self.colour = QColor(colour) if QColor(colour).isValid() else QColor("#ff3b30")
        self.point: QPointF | None = None
        self.held = False
        self.screen_rect = QRect(0, 0, 0, 0)
        self._apply_size()
        self.move(PARKED)

    # --- look ------------------------------------------------------------------------------------
    def set_style(self, size: int, colour: str) -> None:
        self.cursor_size = max(6, int(size))
        c = QColor(colour)
        self.colour = c if c.isValid() else QColor("#ff3b30")
        self._apply_size()
        self._follow()
        self.update()

    def _side(self) -> int:
        return self.cursor_size + 2 * RING_WIDTH + 4

    def _apply_size(self) -> None:
        side = self._side()
        self.setFixedSize(side, side)
        centre, r = side / 2.0, self.cursor_size / 2.0
        outer = int(r + RING_WIDTH / 2.0 + 1.5)
        inner = max(0, int(r - RING_WIDTH / 2.0 - 1.5))
        c = int(centre)

        def disc(radius: int) -> QRegion:
            return QRegion(c - radius, c - radius, 2 * radius, 2 * radius, QRegion.RegionType.Ellipse)

        # The ring and the centre dot; everything else is not part of the window at all.
        self.setMask(disc(outer).subtracted(disc(inner)).united(disc(4)))

    # --- where -----------------------------------------------------------------------------------
    def place_on(self, screen: QScreen) -> None:
        """Follow `screen`: points are in its pixels, the window moves in desktop coordinates."""
        self.setScreen(screen)
        self.screen_rect = QRect(screen.geometry())
        self._follow()

    def set_point(self, point: tuple[float, float] | None, held: bool = False) -> None:
        """`point` in the tracked screen's own pixel coordinates; None parks the cursor out of sight."""
        self.point = None if point is None else QPointF(point[0], point[1])
        previous_held, self.held = self.held, held
        self._follow()
        if previous_held != held:
            self.update()

    def _follow(self) -> None:
        if self.point is None:
            self.move(PARKED)
            return
        half = self._side() // 2
        x = self.screen_rect.x() + int(round(self.point.x())) - half
        y = self.screen_rect.y() + int(round(self.point.y())) - half
        self.move(x, y)

    def desktop_centre(self) -> QPoint | None:
        """Where the ring's centre is on the desktop (None while parked)."""
        if self.point is None:
            return None
        return self.pos() + QPoint(self._side() // 2, self._side() // 2)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if self.point is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(self._side() // 2, self._side() // 2)
        r = self.cursor_size / 2.0
        p.setPen(QPen(QColor(0, 0, 0, 160), RING_WIDTH))
        p.drawEllipse(centre, r, r)
        p.setPen(QPen(self.colour, 3, Qt.PenStyle.DashLine if self.held else Qt.PenStyle.SolidLine))
        p.drawEllipse(centre, r, r)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.colour)
        p.drawEllipse(centre, 2.5, 2.5)
        p.end()
