"""Reading document pages (Qt-free): images, multi-page TIFFs and PDFs (through an injected renderer),
with size limits checked before decoding, and the page-layout statistics the checker uses to decide
whether a page is turned.
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable, Iterable, Iterator

import cv2
import numpy as np

from alyesdesk.inference.errors import ImageError
from alyesdesk.inference.image_headers import MAX_TIFF_PAGES, tiff_sizes
from alyesdesk.inference.images import IMAGE_SUFFIXES, MAX_FILE_BYTES, check_header, decode_image, read_image, to_bgr8
from alyesdesk.inference.inputs import expand_files, read_regular_file
from alyesdesk.texts import QT_TRANSLATE_NOOP

PDF_SUFFIXES = (".pdf",)
TIFF_SUFFIXES = (".tif", ".tiff")
DOCUMENT_SUFFIXES = tuple(IMAGE_SUFFIXES) + PDF_SUFFIXES
MAX_PAGES = MAX_TIFF_PAGES  # pages read from one TIFF (the header parser walks no further)
_tiff_sizes = tiff_sizes  # its old name here (tests/test_documents_logic.py); the parser is in image_headers

# (page index from 0, BGR image or None, error or None)
PageItem = tuple[int, "np.ndarray | None", "str | None"]
PdfRenderer = Callable[[Path, int], Iterator[PageItem]]


# --- page loading ----------------------------------------------------------------------------------
def _read_bytes(path: Path) -> bytes:
    """A document's bytes: regular files only (a FIFO is never opened), size-checked before reading."""
    data = read_regular_file(path, MAX_FILE_BYTES, QT_TRANSLATE_NOOP("Errors", "a document"))
    if not data:
        raise ImageError(QT_TRANSLATE_NOOP("Errors", "{name}: the file is empty (0 bytes)").format(name=path.name))
    return data


def _tiff_pages(path: Path) -> Iterator[PageItem]:
    """Pages one at a time (a long fax TIFF is never decoded all at once), every page's size checked
    from its header first; a file whose header cannot be read is refused, not decoded blindly.
    """
    data = _read_bytes(path)
    header = check_header(data, path.name)
    if header.kind != "TIFF":  # another format saved as .tif: one page
        yield 0, decode_image(data, path.name), None
        return
    buffer = np.frombuffer(data, np.uint8)
    flags = cv2.IMREAD_UNCHANGED | cv2.IMREAD_ANYDEPTH
    for i in range(min(len(header.sizes), MAX_PAGES)):
        try:
            ok, pages = cv2.imdecodemulti(buffer, flags, None, (i, i + 1))
        except cv2.error:
            ok, pages = False, []
        if not ok or not pages or pages[0] is None or pages[0].size == 0:
            if i == 0:
                raise ImageError(QT_TRANSLATE_NOOP(
                    "Errors", "{name}: not a readable TIFF (corrupt, truncated or an unsupported compression)",
                ).format(name=path.name))
            yield i, None, QT_TRANSLATE_NOOP("Errors", "page {page} could not be decoded").format(page=i + 1)
            continue
        yield i, to_bgr8(pages[0]), None


def load_pages(path: str | Path, pdf_renderer: PdfRenderer | None = None, pdf_long_side: int = 1000) -> Iterator[PageItem]:
    """Every page of a document as (index, BGR image or None, page error or None).

    A problem with the whole file raises ImageError before the first page.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        if pdf_renderer is None:
            raise ImageError(QT_TRANSLATE_NOOP("Errors", "{name}: PDF support is not available in this context").format(
                name=path.name))
        yield from pdf_renderer(path, pdf_long_side)
    elif suffix in TIFF_SUFFIXES:
        yield from _tiff_pages(path)
    else:
        yield 0, read_image(path), None


def load_page(path: str | Path, index: int, pdf_renderer: PdfRenderer | None = None, pdf_long_side: int = 1000,
              pdf_page: Callable[[Path, int, int], np.ndarray] | None = None) -> np.ndarray:
    """One page (0-based) for viewing; ImageError if it cannot be loaded.

    `pdf_page(path, index, long_side)` renders a single PDF page directly (no need to render the ones before).
    """
    path = Path(path)
    if pdf_page is not None and path.suffix.lower() in PDF_SUFFIXES:
        return pdf_page(path, index, pdf_long_side)
    for i, image, error in load_pages(path, pdf_renderer, pdf_long_side):
        if i == index:
            if image is None:
                raise ImageError(error or QT_TRANSLATE_NOOP("Errors", "page {page} could not be loaded").format(page=index + 1))
            return image
    raise ImageError(QT_TRANSLATE_NOOP("Errors", "{name}: there is no page {page}").format(name=path.name, page=index + 1))


# --- page analysis ---------------------------------------------------------------------------------
def _line_structure(grey: np.ndarray) -> tuple[float, float]:
    """How strongly ink forms horizontal vs vertical lines (row vs column projection roughness)."""
    small = cv2.resize(grey, (512, 512), interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    rows, cols = ink.sum(1).astype(np.float64), ink.sum(0).astype(np.float64)
    return (float(np.std(np.diff(rows)) / (rows.mean() + 1e-6)), float(np.std(np.diff(cols)) / (cols.mean() + 1e-6)))


def _paper_region(grey: np.ndarray) -> np.ndarray:
    """The page without dark scanner borders: the span of rows/columns that are mostly bright."""
    small = cv2.resize(grey, (256, 256), interpolation=cv2.INTER_AREA)
    bright = small > 128
    rows = np.flatnonzero(bright.mean(1) > 0.5)
    cols = np.flatnonzero(bright.mean(0) > 0.5)
    if len(rows) < 32 or len(cols) < 32:
        return grey
    sy, sx = grey.shape[0] / 256, grey.shape[1] / 256
    return grey[int(rows[0] * sy) : int((rows[-1] + 1) * sy), int(cols[0] * sx) : int((cols[-1] + 1) * sx)]


def page_layout(image_bgr: np.ndarray) -> tuple[bool, bool]:
    """(looks like a text document, text runs vertically: the scan is turned by 90 degrees).

    Measured on the bright paper area so black scanner borders do not drown the text lines.
    """
    small = _shrink(image_bgr, 768)  # the statistics need lines, not pixels
    grey = _paper_region(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY))
    rows, cols = _line_structure(grey)
    return max(rows, cols) >= 0.12, cols > 2.0 * rows and cols >= 0.4


# Latin text has more ascenders (b d f h k l t, capitals) than descenders (g j p q y): on an upright page
# more ink sits above the lines' x-height band than below it. Below/above > this ratio hints upside down.
# Alone the hint is right on ~85% of pages (Tobacco800 val), so it only decides whether a page with no
# confident signature deserves a second, upside-down reading.
UPSIDE_DOWN_INK_RATIO = 0.8
UPSIDE_DOWN_LONG_SIDE = 1000  # px; ascenders are 2-3 px at this scale, enough for the profile


def looks_upside_down(image_bgr: np.ndarray) -> bool:
    """True when the text lines' ink profile says the page is more likely upside down than upright."""
    grey = image_bgr if image_bgr.ndim == 2 else cv2.cvtColor(image_bgr, cv2.COLOR_BGR2GRAY)
    grey = _shrink(grey, UPSIDE_DOWN_LONG_SIDE)
    above, below = _ink_around_lines(grey)
    return below > UPSIDE_DOWN_INK_RATIO * above and below > 0


def _ink_around_lines(grey: np.ndarray) -> tuple[float, float]:
    """Ink above and below the x-height band of every text line (from the rows' ink profile)."""
    _, ink = cv2.threshold(grey, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    profile = ink.sum(1).astype(np.float64)
    on = profile > max(2.0, 0.02 * ink.shape[1])
    # Runs of inked rows are text lines; 6-60 px keeps lines of type and drops rules and pictures.
    edges = np.flatnonzero(np.diff(np.concatenate([[0], on.astype(np.int8), [0]])))
    above = below = 0.0
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        if not 6 <= end - start <= 60:
            continue
        line = profile[start:end]
        core = np.flatnonzero(line >= 0.5 * line.max())
        above += float(line[: core[0]].sum())
        below += float(line[core[-1] + 1 :].sum())
    return above, below


def _shrink(image: np.ndarray, long_side: int) -> np.ndarray:
    """The image with its long side at most `long_side` px (never enlarged)."""
    h, w = image.shape[:2]
    scale = min(1.0, long_side / max(h, w))
    if scale == 1.0:
        return image
    return cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)


def unrotate_boxes(boxes: np.ndarray, rotation: int, w: int, h: int) -> np.ndarray:
    """Boxes found on the page turned `rotation` degrees clockwise -> the original page's pixels."""
    if rotation == 0 or len(boxes) == 0:
        return boxes
    x1, y1, x2, y2 = boxes.T
    if rotation == 90:  # (x', y') = (h - y, x)
        return np.stack([y1, h - x2, y2, h - x1], 1)
    if rotation == 270:  # (x', y') = (y, w - x)
        return np.stack([w - y2, x1, w - y1, x2], 1)
    if rotation == 180:  # (x', y') = (w - x, h - y)
        return np.stack([w - x2, h - y2, w - x1, h - y1], 1)
    raise ValueError(rotation)


# --- inputs ----------------------------------------------------------------------------------------
def expand_documents(items: Iterable[str | Path]) -> list[tuple[Path, str | None]]:
    """Documents and folders of documents (recursed, sorted) -> (path, error or None)."""
    return expand_files(items, DOCUMENT_SUFFIXES)
