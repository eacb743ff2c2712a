"""Stimuli of gaze studies: the screen itself, an image file, one page of a PDF, or a video file.

A stimulus is known by its name (the file name, "doc.pdf#page 3", or "screen"): AOIs and sessions are
matched by it. `presenter.StimulusWindow` shows it scaled to fit the tracked screen, centred (black bars),
which is `aoi.Placement.fit`; the recorded points are stored in the stimulus's pixels (a video's: its frame
size, AOIs drawn on its first frame) and, for a video, with the time of the frame on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from alyesdesk.inference.gaze.aoi import SCREEN, Placement
from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.inference.image_headers import read_header

MAX_PIXELS = 80_000_000  # refuse decompression bombs before decoding
MAX_VIDEO_PIXELS = 3840 * 2160  # a video is decoded frame by frame on the GUI thread while it plays
PDF_DPI = 110.0
VIDEO_SUFFIXES = (".mp4", ".avi", ".mov", ".mkv", ".webm", ".m4v")


class StimulusError(ValueError):
    """A stimulus file cannot be used; the message says why."""


@dataclass
class Stimulus:
    name: str
    image: QImage  # a video's first frame
    path: str = ""  # the file ("" for the screen)
    fps: float = 0.0  # > 0 for a video
    frames: int = 0
    # The image scaled for presentation, by drawn size (presenter.scaled_pixmap): scaling a large photo
    # takes tens of ms, so it is done when the stimulus is chosen, not when Record is pressed.
    scaled: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_screen(self) -> bool:
        return self.name == SCREEN

    @property
    def is_video(self) -> bool:
        return self.fps > 0

    def placement(self, geometry: ScreenGeometry) -> Placement:
        if self.is_screen:
            return Placement.identity(geometry.width_px, geometry.height_px)
        return Placement.fit(self.image.width(), self.image.height(), geometry.width_px, geometry.height_px)


def screen_stimulus(geometry: ScreenGeometry, screenshot_png: bytes | None = None) -> Stimulus:
    """The tracked screen, in its pixels: its screenshot when there is one, else a grey canvas."""
    size = QSize(geometry.width_px, geometry.height_px)
    image = QImage.fromData(screenshot_png) if screenshot_png else QImage()
    if image.isNull():
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(QColor(60, 60, 60))
    elif image.size() != size:
        image = image.scaled(size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return Stimulus(SCREEN, image)


def image_stimulus(path: str | Path) -> Stimulus:
    path = Path(path)
    try:
        with path.open("rb") as handle:
            header = read_header(handle.read(1 << 20))
    except OSError as exc:
        raise StimulusError(QCoreApplication.translate("Stimuli", "{name}: cannot be read ({error})").format(name=path.name, error=exc.strerror or exc)) from None
    if header is None or not header.sizes:
        raise StimulusError(QCoreApplication.translate("Stimuli", "{name}: not an image AlyesDesk reads (PNG, JPEG, BMP, WebP, TIFF)").format(name=path.name))
    w, h = header.sizes[0]
    if w * h > MAX_PIXELS:
        raise StimulusError(QCoreApplication.translate("Stimuli", "{name}: {w}x{h} is too large a stimulus (at most {mp} MP)").format(
            name=path.name, w=w, h=h, mp=MAX_PIXELS // 1_000_000))
    image = QImage(str(path))
    if image.isNull():
        raise StimulusError(QCoreApplication.translate("Stimuli", "{name}: the image cannot be decoded").format(name=path.name))
    return Stimulus(path.name, image.convertToFormat(QImage.Format.Format_RGB32), str(path))


def pdf_page_count(path: str | Path) -> int:
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(path))
    count = doc.pageCount()
    doc.close()
    return count


def pdf_stimulus(path: str | Path, page: int = 0) -> Stimulus:
    """Page `page` (0-based) of a PDF, rendered at PDF_DPI; named "FILE.pdf#page N" (1-based)."""
    from PySide6.QtPdf import QPdfDocument

    path = Path(path)
    doc = QPdfDocument()
    error = doc.load(str(path))
    try:
        if error != QPdfDocument.Error.None_ or doc.pageCount() < 1:
            raise StimulusError(QCoreApplication.translate("Stimuli", "{name}: not a PDF that can be opened ({error})").format(name=path.name, error=error.name))
        if not 0 <= page < doc.pageCount():
            raise StimulusError(QCoreApplication.translate("Stimuli", "{name} has {count} pages; page {page} does not exist").format(
                name=path.name, count=doc.pageCount(), page=page + 1))
        points = doc.pagePointSize(page)
        size = QSize(max(1, round(points.width() * PDF_DPI / 72)), max(1, round(points.height() * PDF_DPI / 72)))
        if size.width() * size.height() > MAX_PIXELS:
            raise StimulusError(QCoreApplication.translate("Stimuli", "{name}: page {page} is too large to show").format(name=path.name, page=page + 1))
        image = doc.render(page, size)
    finally:
        doc.close()
    if image.isNull():
        raise StimulusError(QCoreApplication.translate("Stimuli", "{name}: page {page} could not be rendered").format(name=path.name, page=page + 1))
    flat = QImage(image.size(), QImage.Format.Format_RGB32)
    flat.fill(QColor("white"))
    with QPainterContext(flat) as painter:
        painter.drawImage(0, 0, image)
    return Stimulus(f"{path.name}#page {page + 1}", flat, str(path))


class QPainterContext:
    def __init__(self, device: QImage) -> None:
        self.painter = QPainter(device)

    def __enter__(self) -> QPainter:
        return self.painter

    def __exit__(self, *exc: object) -> None:
        self.painter.end()


def video_stimulus(path: str | Path) -> Stimulus:
    """A video file: its first frame (for drawing AOIs), frame rate and frame count, read with OpenCV."""
    import cv2

    path = Path(path)
    capture = cv2.VideoCapture(str(path))
    try:
        ok, frame = capture.read() if capture.isOpened() else (False, None)
        fps = float(capture.get(cv2.CAP_PROP_FPS) or 0.0)
        frames = int(capture.get(cv2.CAP_PROP_FRAME_COUNT) or 0)
    finally:
        capture.release()
    if not ok or frame is None:
        raise StimulusError(QCoreApplication.translate("Stimuli", "{name}: not a video OpenCV can read").format(name=path.name))
    h, w = frame.shape[:2]
    if w * h > MAX_VIDEO_PIXELS:
        raise StimulusError(QCoreApplication.translate("Stimuli", "{name}: {w}x{h} is too large a video (at most 3840x2160)").format(name=path.name, w=w, h=h))
    if not 0 < fps <= 240:
        fps = 30.0  # some containers do not say; 30 is the common rate
    return Stimulus(path.name, bgr_to_qimage(frame), str(path), fps, frames)


def bgr_to_qimage(frame: "object") -> QImage:
    """An OpenCV BGR frame as an RGB32 QImage (a copy: the frame's buffer may be reused)."""
    import numpy as np

    h, w = frame.shape[:2]  # type: ignore[attr-defined]
    bgra = np.empty((h, w, 4), np.uint8)
    bgra[..., :3] = frame
    bgra[..., 3] = 255
    return QImage(bgra.data, w, h, 4 * w, QImage.Format.Format_RGB32).copy()


def load_stimulus(path: str | Path, page: int = 0) -> Stimulus:
    lower = str(path).lower()
    if lower.endswith(".pdf"):
        return pdf_stimulus(path, page)
    if lower.endswith(VIDEO_SUFFIXES):
        return video_stimulus(path)
    return image_stimulus(path)
