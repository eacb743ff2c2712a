"""Screens for gaze tracking: geometry (px and mm) from QScreen, a stable key, and a screenshot."""

from __future__ import annotations

import logging

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint
from PySide6.QtGui import QCursor, QGuiApplication, QImage, QScreen

from alyesdesk.inference.gaze.screen import ScreenGeometry

log = logging.getLogger(__name__)

# Offscreen and some virtual displays report nonsense physical sizes; below this we assume 96 dpi.
MIN_PLAUSIBLE_MM = 100.0


def screens() -> list[QScreen]:
    return list(QGuiApplication.screens())


def screen_key(screen: QScreen) -> str:
    """What calibrations are stored under: the name and resolution (a new monitor needs its own)."""
    size = screen.size()
    name = screen.name() or "screen"
    return f"{name} {size.width()}x{size.height()}"


def screen_geometry(screen: QScreen, distance_cm: float) -> ScreenGeometry:
    size = screen.size()
    w_px, h_px = max(1, size.width()), max(1, size.height())
    phys = screen.physicalSize()
    w_mm, h_mm = float(phys.width()), float(phys.height())
    if w_mm < MIN_PLAUSIBLE_MM or h_mm < MIN_PLAUSIBLE_MM * 0.5:
        w_mm, h_mm = w_px * 25.4 / 96.0, h_px * 25.4 / 96.0
    return ScreenGeometry(w_px, h_px, w_mm, h_mm, max(20.0, float(distance_cm)))


def screen_by_key(key: str | None) -> QScreen | None:
    for s in screens():
        if screen_key(s) == key:
            return s
    return QGuiApplication.primaryScreen()


def mouse_on(screen: QScreen) -> tuple[float, float]:
    """The mouse position in the screen's own pixel coordinates (clamped to it)."""
    pos: QPoint = QCursor.pos(screen)
    geo = screen.geometry()
    x = min(max(pos.x() - geo.x(), 0), geo.width() - 1)
    y = min(max(pos.y() - geo.y(), 0), geo.height() - 1)
    return float(x), float(y)


def screenshot_png(screen: QScreen) -> bytes | None:
    """The whole screen as PNG bytes (None when the platform refuses, e.g. Wayland without a portal)."""
    return png_bytes(grab_screen(screen))


def grab_screen(screen: QScreen) -> QImage | None:
    """The whole screen as an image (GUI thread, as Qt requires for grabbing); None when refused."""
    try:
        pixmap = screen.grabWindow(0)
    except Exception:  # a platform plugin without grabbing must not stop a recording
        log.exception("screen grab failed")
        return None
    return None if pixmap.isNull() else pixmap.toImage()


def png_bytes(image: QImage | None) -> bytes | None:
    """`image` as PNG bytes; any thread (encoding a full screen takes tens of ms: keep it off the GUI thread)."""
    if image is None or image.isNull():
        return None
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())
