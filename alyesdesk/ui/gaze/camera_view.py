"""The camera image with the front end's face/eye overlay, and the two 32x32 eye crops the model sees."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from alyesdesk.inference.gaze import sample as S

STATUS_TEXT = {
    S.OK: (QT_TRANSLATE_NOOP("GazeStatus", "Tracking"), "#34c759"),
    S.NO_FACE: (QT_TRANSLATE_NOOP("GazeStatus", "No face"), "#ff9f0a"),
    S.BLINK: (QT_TRANSLATE_NOOP("GazeStatus", "Blink"), "#64d2ff"),
    S.LOW_CONFIDENCE: (QT_TRANSLATE_NOOP("GazeStatus", "Low confidence"), "#ff9f0a"),
}
CROP_ZOOM = 4


def to_qimage(image: np.ndarray) -> QImage:
    """BGR or grey uint8 -> QImage (a deep copy, so the numpy buffer may be reused)."""
    image = np.ascontiguousarray(image)
    h, w = image.shape[:2]
    if image.ndim == 2:
        return QImage(image.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
    return QImage(image.data, w, h, 3 * w, QImage.Format.Format_BGR888).copy()


class CameraView(QWidget):
    """Paints the latest frame scaled to fit, with face box, eye corners and iris centres."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._image: QImage | None = None
        self._overlay: dict = {}
        self._status = ""
        self._message = self.tr("Camera off: choose a camera and press Start.")

    def show_frame(self, image: np.ndarray, sample: S.GazeSample) -> None:
        self._image = to_qimage(image)
        self._overlay = sample.overlay or {}
        self._status = sample.status
        self._message = sample.message
        self.update()

    def clear(self, message: str) -> None:
        self._image = None
        self._overlay = {}
        self._message = message
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#101214"))
        if self._image is None:
            p.setPen(QColor("#9aa0a6"))
            p.drawText(self.rect().adjusted(20, 20, -20, -20), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       self._message)
            p.end()
            return
        iw, ih = self._image.width(), self._image.height()
        scale = min(self.width() / iw, self.height() / ih)
        ox, oy = (self.width() - iw * scale) / 2, (self.height() - ih * scale) / 2
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.drawImage(QRectF(ox, oy, iw * scale, ih * scale), self._image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)

        def at(xy: np.ndarray | tuple[float, float]) -> QPointF:
            return QPointF(ox + xy[0] * scale, oy + xy[1] * scale)

        box = self._overlay.get("face_box")
        if box:
            p.setPen(QPen(QColor("#34c759"), 2))
            p.drawRect(QRectF(at(box[:2]), at(box[2:])))
        p.setPen(QPen(QColor("#ffd60a"), 2))
        for c in self._overlay.get("eye_corners", []):
            p.drawEllipse(at(c), 2.5, 2.5)
        p.setPen(QPen(QColor("#ff375f"), 2))
        for c in self._overlay.get("iris", []):
            p.drawEllipse(at(c), 4, 4)
        text, colour = STATUS_TEXT.get(self._status, (self._status, "#ffffff"))
        text = QCoreApplication.translate("GazeStatus", text) if text else text
        if self._message and self._status != S.OK:
            text = f"{text}: {self._message}"
        font = QFont(self.font())
        font.setBold(True)
        p.setFont(font)
        p.fillRect(QRectF(ox + 8, oy + 8, min(iw * scale - 16, 12 + 8 * len(text)), 26), QColor(0, 0, 0, 150))
        p.setPen(QColor(colour))
        p.drawText(QRectF(ox + 14, oy + 8, iw * scale - 28, 26), Qt.AlignmentFlag.AlignVCenter, text)
        p.end()


class EyeCrops(QWidget):
    """The two model inputs, enlarged: what the calibrated model actually sees."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.labels: list[QLabel] = []
        for title in (self.tr("Right eye"), self.tr("Left eye")):
            box = QVBoxLayout()
            image = QLabel()
            image.setFixedSize(S.CROP_SIZE * CROP_ZOOM, S.CROP_SIZE * CROP_ZOOM)
            image.setStyleSheet("background:#101214; border:1px solid #3a3f45;")
            image.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(self.tr("{title} (32x32)").format(title=title))
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(image)
            box.addWidget(caption)
            layout.addLayout(box)
            self.labels.append(image)
        layout.addStretch(1)

    def show_sample(self, sample: S.GazeSample) -> None:
        from PySide6.QtGui import QPixmap

        for label, crop in zip(self.labels, (sample.right_eye, sample.left_eye)):
            if not sample.ok:
                label.clear()
                continue
            image = to_qimage(crop).scaled(label.width(), label.height(), Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.FastTransformation)
            label.setPixmap(QPixmap.fromImage(image))
