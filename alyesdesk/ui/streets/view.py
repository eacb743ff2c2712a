"""The image area of the Street segmentation tab: shows a BGR frame scaled to fit and reports the
image pixel under the mouse (both halves of a side-by-side view map to the same source pixel)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from alyesdesk.ui.widgets.images import bgr_to_qimage


class ImageView(QWidget):
    """Signals: `hovered(float, float)` source-image pixel under the mouse, `left()` mouse left the image."""

    hovered = Signal(float, float)
    left = Signal()

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

    def set_frame(self, image_bgr: np.ndarray | None, *, panels: int = 1, gap: int = 0,
                  display_scale: float = 1.0) -> None:
        """Show `image_bgr`; `panels`/`gap` describe a side-by-side layout, `display_scale` any downsizing."""
        self._image = None if image_bgr is None else bgr_to_qimage(image_bgr)
        self._panels, self._gap, self._display_scale = panels, gap, display_scale
        if image_bgr is not None:
            self._source_w = max(1, (image_bgr.shape[1] - gap * (panels - 1)) // panels)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(720, 480)

    def _target(self) -> QRectF:
        assert self._image is not None
        iw, ih = self._image.width(), self._image.height()
        scale = min(self.width() / iw, self.height() / ih)
        w, h = iw * scale, ih * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        painter = QPainter(self)
        if self._image is None:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
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

    def mouseMoveEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        pixel = self.source_pixel(event.position())
        if pixel is None:
            self.left.emit()
        else:
            self.hovered.emit(*pixel)

    def leaveEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        self.left.emit()
