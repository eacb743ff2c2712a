"""Stimuli of gaze studies: the screen itself, an image file, or one page of a PDF; and the fullscreen
window that shows a stimulus while a session records.

A stimulus is known by its name (the file name, "doc.pdf#page 3", or "screen"): AOIs and sessions are
matched by it. The window shows the image scaled to fit the tracked screen, centred (black bars), which is
`aoi.Placement.fit`: stored with the session, it maps the recorded screen points to stimulus pixels.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter, QScreen
from PySide6.QtWidgets import QWidget

from alyesdesk.inference.gaze.aoi import SCREEN, Placement
from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.inference.image_headers import read_header

MAX_PIXELS = 80_000_000  # refuse decompression bombs before decoding
PDF_DPI = 110.0


class StimulusError(ValueError):
    """A stimulus file cannot be used; the message says why."""


@dataclass
class Stimulus:
    name: str
    image: QImage
    path: str = ""  # the file ("" for the screen)

    @property
    def is_screen(self) -> bool:
        return self.name == SCREEN

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
        raise StimulusError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    if header is None or not header.sizes:
        raise StimulusError(f"{path.name}: not an image AlyesDesk reads (PNG, JPEG, BMP, WebP, TIFF)")
    w, h = header.sizes[0]
    if w * h > MAX_PIXELS:
        raise StimulusError(f"{path.name}: {w}x{h} is too large a stimulus (at most {MAX_PIXELS // 1_000_000} MP)")
    image = QImage(str(path))
    if image.isNull():
        raise StimulusError(f"{path.name}: the image cannot be decoded")
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
            raise StimulusError(f"{path.name}: not a PDF that can be opened ({error.name})")
        if not 0 <= page < doc.pageCount():
            raise StimulusError(f"{path.name} has {doc.pageCount()} pages; page {page + 1} does not exist")
        points = doc.pagePointSize(page)
        size = QSize(max(1, round(points.width() * PDF_DPI / 72)), max(1, round(points.height() * PDF_DPI / 72)))
        if size.width() * size.height() > MAX_PIXELS:
            raise StimulusError(f"{path.name}: page {page + 1} is too large to show")
        image = doc.render(page, size)
    finally:
        doc.close()
    if image.isNull():
        raise StimulusError(f"{path.name}: page {page + 1} could not be rendered")
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


def load_stimulus(path: str | Path, page: int = 0) -> Stimulus:
    return pdf_stimulus(path, page) if str(path).lower().endswith(".pdf") else image_stimulus(path)


class StimulusWindow(QWidget):
    """The stimulus fullscreen on the tracked screen while a session records; Escape ends the recording."""

    escape_pressed = Signal()

    def __init__(self, stimulus: Stimulus, screen: QScreen) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.stimulus = stimulus
        self.setWindowTitle(f"Stimulus: {stimulus.name}")
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.setCursor(Qt.CursorShape.BlankCursor)

    def image_rect(self) -> QRectF:
        """Where the image is drawn (window px): scaled to fit, centred, as `Placement.fit`."""
        img = self.stimulus.image
        p = Placement.fit(img.width(), img.height(), self.width(), self.height())
        return QRectF(*p.rect)

    def paintEvent(self, event) -> None:  # noqa: ANN001, N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("black"))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(self.image_rect(), self.stimulus.image)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            self.close()
        else:
            super().keyPressEvent(event)
