"""PDF pages as 8-bit BGR numpy images, rendered with QtPdf at a resolution matched to the model.

This renders in the calling process, with no time limit: QtPdf (pdfium) cannot be interrupted, and a
hostile PDF can hang it forever. Untrusted documents go through `pdf_process.IsolatedPdfRenderer`,
which runs these functions in a child process it kills when a time budget runs out. Qt is imported
inside the functions only, so the parent side can use this module's limits without loading Qt.
`render_pdf` needs a QGuiApplication; `ensure_gui_app()` makes an offscreen one when none exists.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

import numpy as np

from alyesdesk.inference.errors import ImageError
from alyesdesk.texts import QT_TRANSLATE_NOOP, Text

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
    from PySide6.QtPdf import QPdfDocument

# A page is rendered at the size asked for (its long side), never at its size in points: a PDF can
# declare a 200-inch page, or a 14400 x 14400 pt one with /UserUnit. This caps the pixels of any one
# rendered page as well (40 MP is 160 MB as ARGB), whatever size is asked for.
MAX_RENDER_PIXELS = 40_000_000
# Pages read from one PDF; longer ones are refused before the first page (split them first). Bound
# contracts and scanned files run to a few hundred pages; with pdf_process.DOCUMENT_SECONDS this bounds
# what one file can cost a batch.
MAX_PAGES = 1000

# What a PDF's problems are called. They are translatable `Text`s (alyesdesk/texts.py); the child process
# of pdf_process sends them as plain text, and the parent makes them translatable again from `MESSAGES`.
NO_SUCH_FILE = QT_TRANSLATE_NOOP("Errors", "{name}: no such file")
EMPTY = QT_TRANSLATE_NOOP("Errors", "{name}: the PDF is empty (0 bytes)")
ENCRYPTED = QT_TRANSLATE_NOOP("Errors", "{name}: the PDF is password-protected (encrypted); remove the password and retry")
UNSUPPORTED_ENCRYPTION = QT_TRANSLATE_NOOP("Errors", "{name}: the PDF uses an unsupported encryption scheme")
INVALID = QT_TRANSLATE_NOOP("Errors", "{name}: not a valid PDF (corrupt or truncated)")
NOT_OPENED = QT_TRANSLATE_NOOP("Errors", "{name}: the PDF could not be opened ({reason})")
NO_PAGES = QT_TRANSLATE_NOOP("Errors", "{name}: the PDF has no pages")
TOO_MANY_PAGES = QT_TRANSLATE_NOOP("Errors", "{name}: {total} pages, over the {limit}-page limit; "
                                             "split the PDF and check the parts")
NO_PAGE = QT_TRANSLATE_NOOP("Errors", "{name}: there is no page {page}")
PAGE_PROBLEM = QT_TRANSLATE_NOOP("Errors", "page {page} {problem}")
NAMED_PAGE_PROBLEM = QT_TRANSLATE_NOOP("Errors", "{name}: page {page} {problem}")
HAS_NO_SIZE = QT_TRANSLATE_NOOP("Errors", "has no size")
NOT_RENDERED = QT_TRANSLATE_NOOP("Errors", "could not be rendered")
MESSAGES = (NO_SUCH_FILE, EMPTY, ENCRYPTED, UNSUPPORTED_ENCRYPTION, INVALID, NOT_OPENED, NO_PAGES, TOO_MANY_PAGES,
            NO_PAGE, PAGE_PROBLEM, NAMED_PAGE_PROBLEM, HAS_NO_SIZE, NOT_RENDERED)


class PdfUnavailable(ImageError):
    """QtPdf (PySide6.QtPdf) is missing from this installation."""


def ensure_gui_app() -> None:
    """QPdfDocument needs a Gui application object; make an offscreen one when there is none."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # Kept on the function so it lives as long as the process.
        ensure_gui_app.app = QGuiApplication([])  # type: ignore[attr-defined]


def _qtpdf():
    try:
        from PySide6.QtCore import QSize  # noqa: F401
        from PySide6.QtGui import QGuiApplication, QImage  # noqa: F401
        from PySide6.QtPdf import QPdfDocument
    except ImportError as exc:
        raise PdfUnavailable(
            f"PDF support needs QtPdf (PySide6.QtPdf), which is not available here ({exc}); "
            "convert the PDF to images or install the full PySide6 package"
        ) from None
    return QPdfDocument


def page_count(path: str | Path) -> int:
    doc, _ = _open(path)
    try:
        return doc.pageCount()
    finally:
        doc.close()


def _open(path: str | Path):
    QPdfDocument = _qtpdf()
    ensure_gui_app()
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise ImageError(NO_SUCH_FILE.format(name=name))
    if path.stat().st_size == 0:
        raise ImageError(EMPTY.format(name=name))
    doc = QPdfDocument()
    error = doc.load(str(path))
    E = QPdfDocument.Error
    if error == E.IncorrectPassword:
        doc.close()
        raise ImageError(ENCRYPTED.format(name=name))
    if error == E.UnsupportedSecurityScheme:
        doc.close()
        raise ImageError(UNSUPPORTED_ENCRYPTION.format(name=name))
    if error == E.InvalidFileFormat:
        doc.close()
        raise ImageError(INVALID.format(name=name))
    if error == E.FileNotFound:
        doc.close()
        raise ImageError(NO_SUCH_FILE.format(name=name))
    if error != E.None_:
        doc.close()
        raise ImageError(NOT_OPENED.format(name=name, reason=str(getattr(error, "name", error))))
    if doc.pageCount() <= 0:
        doc.close()
        raise ImageError(NO_PAGES.format(name=name))
    return doc, name


def render_size(points_w: float, points_h: float, long_side_px: int) -> tuple[int, int]:
    """Pixel size for a page of `points_w` x `points_h` points whose long side becomes `long_side_px`."""
    if not (0 < points_w < math.inf and 0 < points_h < math.inf):
        raise ValueError("page has no size")
    scale = long_side_px / max(points_w, points_h)
    w, h = max(1, round(points_w * scale)), max(1, round(points_h * scale))
    if w * h > MAX_RENDER_PIXELS:
        shrink = (MAX_RENDER_PIXELS / (w * h)) ** 0.5
        w, h = max(1, int(w * shrink)), max(1, int(h * shrink))
    return w, h


def render_pdf(path: str | Path, long_side_px: int = 1000, first: int = 0, max_pages: int = MAX_PAGES,
               on_open: Callable[[int], None] | None = None) -> Iterator[tuple[int, np.ndarray | None, str | None]]:
    """Yield (page index from 0, BGR image or None, error or None) for each page from `first` on.

    The document-level problems (missing, empty, encrypted, corrupt, no QtPdf, over `max_pages` pages)
    raise ImageError before the first page; a single page that fails to render yields its error and
    the next page follows. `on_open(page count)` is called once the document is open.
    """
    doc, name = _open(path)  # first: turns a missing QtPdf into a clear PdfUnavailable
    try:
        total = doc.pageCount()
        if total > max_pages:
            raise ImageError(TOO_MANY_PAGES.format(name=name, total=total, limit=max_pages))
        if on_open is not None:
            on_open(total)
        for index in range(first, total):
            try:
                yield index, _render(doc, index, long_side_px), None
            except ValueError as exc:
                yield index, None, PAGE_PROBLEM.format(page=index + 1, problem=_problem(exc))
    finally:
        doc.close()


def _render(doc: QPdfDocument, index: int, long_side_px: int) -> np.ndarray:
    """One open page as BGR at `long_side_px` (capped by MAX_RENDER_PIXELS); ValueError says why not."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage

    size = doc.pagePointSize(index)
    try:
        w, h = render_size(size.width(), size.height(), long_side_px)
    except ValueError:
        raise ValueError(HAS_NO_SIZE) from None
    image = doc.render(index, QSize(w, h))
    if image.isNull():
        raise ValueError(NOT_RENDERED)
    return qimage_to_bgr(image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied))


def qimage_to_bgr(image: QImage) -> np.ndarray:
    """A Format_ARGB32_Premultiplied QImage composited on white paper, as a BGR array (copied).

    QtPdf renders page backgrounds transparent; without compositing, a plain page would turn black.
    """
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    buffer = np.frombuffer(image.constBits(), np.uint8, count=stride * h).reshape(h, stride)
    bgra = buffer[:, : w * 4].reshape(h, w, 4)  # little-endian ARGB32 is B, G, R, A in memory
    alpha = bgra[:, :, 3:4].astype(np.uint16)
    return (bgra[:, :, :3].astype(np.uint16) + (255 - alpha)).clip(0, 255).astype(np.uint8)


def render_page(path: str | Path, index: int, long_side_px: int = 1000) -> np.ndarray:
    """One page (0-based) of a PDF, for the viewer; ImageError when it cannot be rendered."""
    doc, name = _open(path)
    try:
        if not 0 <= index < doc.pageCount():
            raise ImageError(NO_PAGE.format(name=name, page=index + 1))
        try:
            return _render(doc, index, long_side_px)
        except ValueError as exc:
            raise ImageError(NAMED_PAGE_PROBLEM.format(name=name, page=index + 1, problem=_problem(exc))) from None
    finally:
        doc.close()


def _problem(exc: ValueError) -> str:
    """Why `_render` failed: its `Text` (translatable) when it raised one."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], Text) else str(exc)
