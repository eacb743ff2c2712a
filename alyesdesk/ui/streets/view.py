"""The image area of the Street segmentation tab: shows a BGR frame, scaled to fit or zoomed and panned,
and reports the image pixel under the mouse (both halves of a side-by-side view map to the same pixel).

Zoom: the mouse wheel zooms about the pointer (x1 .. x16 of the fitted size); dragging with the left button
pans; a double click or `fit()` returns to the whole picture. The zoom survives new frames of a video.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from alyesdesk.ui.widgets.images import bgr_to_qimage

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QMouseEvent, QPaintEvent, QWheelEvent


MAX_ZOOM = 16.0
WHEEL_STEP = 1.25  # zoom factor per wheel notch


class ImageView(QWidget):
    """Signals: `hovered(float, float)` source-image pixel under the mouse, `left()` mouse left the image,
    `zoom_changed(float)` the zoom relative to the fitted picture (1.0 = fit)."""

    hovered = Signal(float, float)
    left = Signal()
    zoom_changed = Signal(float)

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self.setAutoFillBackground(True)
        self.placeholder = placeholder
        self._image: QImage | None = None
        self._panels = 1  # 2 when the view shows two copies side by side
        self._gap = 0
        self._source_w = 1  # width of one panel in source pixels
        self._display_scale = 1.0  # display-array pixels per source pixel
        self._zoom = 1.0  # relative to the fitted picture
        self._pan = QPointF(0.0, 0.0)  # offset of the picture's centre from the widget's centre, widget px
        self._drag: QPointF | None = None

    def set_frame(self, image_bgr: np.ndarray | None, *, panels: int = 1, gap: int = 0,
                  display_scale: float = 1.0) -> None:
        """Show `image_bgr`; `panels`/`gap` describe a side-by-side layout, `display_scale` any downsizing."""
        old = None if self._image is None else (self._image.width(), self._image.height())
        self._image = None if image_bgr is None else bgr_to_qimage(image_bgr)
        if self._image is None or old != (self._image.width(), self._image.height()):
            self._zoom, self._pan = 1.0, QPointF(0.0, 0.0)  # another picture: fit it (video frames keep the zoom)
        self._panels, self._gap, self._display_scale = panels, gap, display_scale
        if image_bgr is not None:
            self._source_w = max(1, (image_bgr.shape[1] - gap * (panels - 1)) // panels)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(720, 480)

    @property
    def zoom(self) -> float:
        return self._zoom

    def fit(self) -> None:
        """Show the whole picture again."""
        self._set_view(1.0, QPointF(0.0, 0.0))

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom by `factor` keeping the picture point under widget position `anchor` (default: centre) still."""
        if self._image is None:
            return
        zoom = min(MAX_ZOOM, max(1.0, self._zoom * factor))
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        centre = QPointF(self.width() / 2, self.height() / 2) + self._pan
        ratio = zoom / self._zoom
        # the anchor's offset from the picture centre scales with the zoom; move the centre to keep it put
        self._set_view(zoom, anchor - (anchor - centre) * ratio - QPointF(self.width() / 2, self.height() / 2))

    def pan_by(self, dx: float, dy: float) -> None:
        self._set_view(self._zoom, self._pan + QPointF(dx, dy))

    def _set_view(self, zoom: float, pan: QPointF) -> None:
        if self._image is not None:
            # keep some of the picture on screen: its centre stays within the zoomed picture's half size
            fitted = self._fitted_size()
            limit_x, limit_y = fitted[0] * zoom / 2, fitted[1] * zoom / 2
            pan = QPointF(min(limit_x, max(-limit_x, pan.x())), min(limit_y, max(-limit_y, pan.y())))
        if zoom == 1.0:
            pan = QPointF(0.0, 0.0)
        changed = zoom != self._zoom
        self._zoom, self._pan = zoom, pan
        self.update()
        if changed:
            self.zoom_changed.emit(zoom)

    def _fitted_size(self) -> tuple[float, float]:
        assert self._image is not None
        iw, ih = self._image.width(), self._image.height()
        scale = min(self.width() / iw, self.height() / ih)
        return iw * scale, ih * scale

    def _target(self) -> QRectF:
        """Where the picture is drawn, in widget pixels (larger than the widget when zoomed in)."""
        w, h = self._fitted_size()
        w, h = w * self._zoom, h * self._zoom
        cx, cy = self.width() / 2 + self._pan.x(), self.height() / 2 + self._pan.y()
        return QRectF(cx - w / 2, cy - h / 2, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        if self._image is None:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            return
        # smooth when shrinking; sharp pixels when zoomed in, so label edges can be inspected
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self._zoom < 2.0)
        painter.drawImage(self._target(), self._image)

    def source_pixel(self, pos: QPointF) -> tuple[float, float] | None:
        """The source-image pixel under widget position `pos`, or None outside the image."""
        if self._image is None:
            return None
        target = self._target()
        if not target.contains(pos):
            return None
        x = (pos.x() - target.left()) * self._image.width() / target.width()
        y = (pos.y() - target.top()) * self._image.height() / target.height()
        panel_w = self._source_w + self._gap
        if self._panels > 1:
            if x % panel_w >= self._source_w:
                return None  # on the gap between panels
            x = x % panel_w
        return x / self._display_scale, y / self._display_scale

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        steps = event.angleDelta().y() / 120
        if steps and self._image is not None:
            self.zoom_by(WHEEL_STEP ** steps, event.position())
            event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self._zoom > 1.0:
            self._drag = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self._drag is not None:
            self._drag = None
            self.unsetCursor()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.fit()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._drag is not None:
            delta = event.position() - self._drag
            self._drag = event.position()
            self.pan_by(delta.x(), delta.y())
        pixel = self.source_pixel(event.position())
        if pixel is None:
            self.left.emit()
        else:
            self.hovered.emit(*pixel)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        self.left.emit()
