"""numpy BGR images to Qt images and pixmaps and back (one conversion for every tab)."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage, QPixmap


def bgr_to_qimage(image: np.ndarray) -> QImage:
    """A deep copy: the numpy buffer is not owned by Qt and may be freed or reused."""
    image = np.ascontiguousarray(image)
    if image.ndim == 2:
        h, w = image.shape
        return QImage(image.data, w, h, int(image.strides[0]), QImage.Format.Format_Grayscale8).copy()
    h, w = image.shape[:2]
    return QImage(image.data, w, h, int(image.strides[0]), QImage.Format.Format_BGR888).copy()


def bgr_to_pixmap(image: np.ndarray) -> QPixmap:
    return QPixmap.fromImage(bgr_to_qimage(image))


def qimage_to_bgr(image: QImage) -> np.ndarray:
    """The inverse of `bgr_to_qimage`: any QImage as an owned BGR array (alpha dropped)."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    array = np.frombuffer(image.constBits(), np.uint8, count=stride * h).reshape(h, stride)[:, : 3 * w]
    return array.reshape(h, w, 3)[:, :, ::-1].copy()
