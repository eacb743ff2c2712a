"""The fullscreen stimulus shown on the tracked screen while a session records.

The window is made and shown the moment Record is pressed (the session row is created meanwhile, in a
worker), and the image is scaled once beforehand, so the first frame is on screen within a few
milliseconds: `scripts/bench_stimulus_onset.py` measures it (the target is under 100 ms). Every painted
frame is reported to the session's `presentation.StimulusMapping` (time from `presentation.now()`, video
time of the frame), which stores samples in stimulus pixels from the first frame on.

A video plays at its own rate against the clock: each tick shows the frame due at the time elapsed since
the first one, skipping frames when decoding falls behind (the stored video time stays true), and the
last frame stays up when the video ends (`video_ended`). Escape ends the recording (`escape_pressed`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import math

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter, QPixmap, QScreen
from PySide6.QtWidgets import QWidget

from alyesdesk.inference.gaze import presentation
from alyesdesk.inference.gaze.aoi import Placement
from alyesdesk.inference.gaze.presentation import StimulusMapping
from alyesdesk.ui.gaze.stimuli import Stimulus, bgr_to_qimage

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent, QResizeEvent


def fit_rect(image_size: QSize, area: QSize) -> QRect:
    """Where an image of `image_size` is drawn in `area` (px): scaled to fit, centred, as `Placement.fit`."""
    x, y, w, h = Placement.fit(max(1, image_size.width()), max(1, image_size.height()),
                               max(1, area.width()), max(1, area.height())).rect
    return QRect(round(x), round(y), max(1, round(w)), max(1, round(h)))


def scaled_pixmap(stimulus: Stimulus, size: QSize) -> QPixmap:
    """The stimulus's image scaled (smoothly) to `size`, cached on the stimulus (GUI thread)."""
    key = (size.width(), size.height())
    if key not in stimulus.scaled:
        stimulus.scaled.clear()  # one screen at a time: keep memory bounded
        image = stimulus.image.scaled(size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
        stimulus.scaled[key] = QPixmap.fromImage(image)
    return stimulus.scaled[key]


def prepare(stimulus: Stimulus, screen: QScreen | None) -> None:
    """Scale the stimulus for `screen` ahead of Record (the Studies panel calls this when one is chosen)."""
    if screen is not None and not stimulus.is_screen:
        scaled_pixmap(stimulus, fit_rect(stimulus.image.size(), screen.geometry().size()).size())


class StimulusWindow(QWidget):
    """Signals: `first_frame_shown(float t)` (t: `presentation.now()` after the first paint),
    `video_ended()`, `escape_pressed()`."""

    first_frame_shown = Signal(float)
    video_ended = Signal()
    escape_pressed = Signal()

    def __init__(self, stimulus: Stimulus, screen: QScreen | None, mapping: StimulusMapping | None = None) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.stimulus = stimulus
        self.mapping = mapping
        self.setWindowTitle(self.tr("Stimulus: {name}").format(name=stimulus.name))
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.onset: float | None = None
        self.frame_index = 0
        self._pixmap: QPixmap | None = None
        self._capture = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_tick)
        self._prepare(stimulus.image)
        if stimulus.is_video:  # the file is opened after the first frame is up (`stimulus.image`)
            self._timer.setInterval(max(1, int(1000 / stimulus.fps / 2)))  # twice a frame: a late tick shows less

    def image_rect(self) -> QRect:
        """Where the stimulus is drawn (window px): scaled to fit, centred, as `Placement.fit`."""
        return fit_rect(self.stimulus.image.size(), self.size())

    def _prepare(self, image: QImage) -> None:
        """Scale `image` to the drawn size once, so painting is a plain copy (a still: from the cache)."""
        size = self.image_rect().size()
        if image is self.stimulus.image:
            self._pixmap = scaled_pixmap(self.stimulus, size)
        else:  # a video frame: fast, it is replaced a frame later
            self._pixmap = QPixmap.fromImage(image.scaled(size, Qt.AspectRatioMode.IgnoreAspectRatio,
                                                          Qt.TransformationMode.FastTransformation))

    @property
    def video_time(self) -> float | None:
        return self.frame_index / self.stimulus.fps if self.stimulus.is_video else None

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        if self._pixmap is not None and self._pixmap.size() != self.image_rect().size():
            self._prepare(self.stimulus.image if self.frame_index == 0 else self._pixmap.toImage())
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("black"))
        if self._pixmap is not None:
            painter.drawPixmap(self.image_rect().topLeft(), self._pixmap)
        painter.end()
        t = presentation.now()
        if self.mapping is not None:
            self.mapping.frame_shown(t, self.video_time)
        if self.onset is None:
            self.onset = t
            self.first_frame_shown.emit(t)
            if self.stimulus.is_video:
                self._timer.start()
                self._open_video()

    def _open_video(self) -> None:
        import cv2

        self._capture = cv2.VideoCapture(self.stimulus.path)
        if not self._capture.read()[0]:  # the first frame is `stimulus.image`, already on screen
            self._end_video()

    def present(self) -> None:
        """Show fullscreen and paint at once where the platform allows (offscreen, an already mapped
        window), rather than when the event loop next gets to it."""
        self.showFullScreen()
        self.repaint()

    def _on_tick(self) -> None:
        due = math.floor((presentation.now() - (self.onset or 0.0)) * self.stimulus.fps)
        if due <= self.frame_index or self._capture is None:
            return
        frame = None
        while self.frame_index < due:  # grab (no decode) the frames that are already late
            if self.frame_index + 1 < due:
                ok = self._capture.grab()
            else:
                ok, frame = self._capture.read()
            if not ok:
                self._end_video()
                return
            self.frame_index += 1
        if frame is not None:
            self._prepare(bgr_to_qimage(frame))
            self.update()

    def _end_video(self) -> None:
        self._timer.stop()
        self._release()
        self.video_ended.emit()

    def _release(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            self.close()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._timer.stop()
        self._release()
        super().closeEvent(event)
