"""Rendering untrusted PDFs in a child process that is killed when the document takes too long.

QtPdf (pdfium) cannot be interrupted from inside: a 244-byte PDF whose page tree refers to itself hangs
`QPdfDocument.load` forever, and a page whose content stream repeats a drawing operator a million
times takes minutes. So `IsolatedPdfRenderer` opens and renders each PDF in a 'spawn' child process
(`pdf_render` runs there) and waits for every step with a deadline; when a budget runs out it kills
the child, reports the page or the file, and the batch goes on.

The child parses hostile input, so the parent trusts nothing it sends: messages are a fixed binary
frame (never pickled) and every page's size is checked before its pixels are used. This module imports
no Qt; only the child does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import importlib.util
import multiprocessing
import os
import struct
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from alyesdesk.inference.errors import ImageError
from alyesdesk.texts import QT_TRANSLATE_NOOP, recognise
from alyesdesk.ui.documents import pdf_render
from alyesdesk.ui.documents.pdf_render import MAX_PAGES as PDF_MAX_PAGES
from alyesdesk.ui.documents.pdf_render import MAX_RENDER_PIXELS, PdfUnavailable

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

# --- budgets ---------------------------------------------------------------------------------------
# A scanned or typeset page renders at ~1000 px in well under a second (QtPdf: 20-200 ms on a laptop),
# and opening a sound PDF takes milliseconds. 10 s for one page (or for opening the file) leaves ample
# room for a busy machine and still stops content-stream bombs (26 s a page) and looping page trees
# (forever) quickly.
PAGE_SECONDS = 10.0
# Opening plus every page of one PDF: MAX_PAGES scanned pages at ~0.2 s fit; beyond that one file
# would hold up the rest of the batch for too long.
DOCUMENT_SECONDS = 300.0
# A page that stalls is skipped and rendering goes on from the next page; a sound document has no such
# page, so after this many the file is given up on (twenty bomb pages would otherwise cost 20 x 10 s).
MAX_STALLED_PAGES = 3
# Pages read from one PDF (see pdf_render): longer files are refused before the first page.
MAX_PAGES = PDF_MAX_PAGES
# Starting the child (Python, QtGui, QtPdf: ~0.5 s) is our code, not the document's, but it counts
# against DOCUMENT_SECONDS too; this bounds it on its own so a broken installation fails, not waits.
START_SECONDS = 60.0

# --- messages from the child: kind (1 byte), index, width, height (uint32), then a payload ----------
_FRAME = struct.Struct(">cIII")
READY, OPENED, PAGE, PAGE_ERROR, FATAL = b"R", b"O", b"P", b"E", b"F"
_MAX_MESSAGE = _FRAME.size + MAX_RENDER_PIXELS * 3  # the largest page: BGR at the pixel cap

# Why a PDF was given up on, or a page skipped (translatable: alyesdesk/texts.py).
GIVEN_UP = QT_TRANSLATE_NOOP("Errors", "{name}: {what}. Open it in a PDF viewer, or print it to a new PDF and check that")
STALLED_PAGES = QT_TRANSLATE_NOOP("Errors", "{count} pages could not be rendered in time (or crashed the PDF renderer), "
                                            "so the rest was not tried; the file may be damaged or hostile")
NOT_STARTED = QT_TRANSLATE_NOOP("Errors", "the PDF renderer did not start (check the installation)")
OPENING_STALLED = QT_TRANSLATE_NOOP("Errors", "opening it {what}; the file may be damaged or hostile "
                                              "(for example a page tree that refers to itself)")
CRASHED = QT_TRANSLATE_NOOP("Errors", "crashed the PDF renderer")
TOOK_LONGER = QT_TRANSLATE_NOOP("Errors", "took longer than {seconds} s")
PAGE_SKIPPED = QT_TRANSLATE_NOOP("Errors", "page {page} {what} to render and was skipped (far too complex, or damaged)")
OUT_OF_TIME = QT_TRANSLATE_NOOP("Errors", "rendering took longer than {seconds} s in all, the limit for one PDF, and "
                                          "was stopped; the file may be damaged or hostile")


def pdf_support_problem() -> str | None:
    """Why PDFs cannot be rendered here (PySide6 is not installed), or None; imports no Qt.

    A PySide6 without QtPdf is found out by the child, which then reports it for each PDF.
    """
    try:
        found = importlib.util.find_spec("PySide6") is not None
    except (ImportError, ValueError) as exc:  # ImportError also when the Qt-free test run blocks it
        return str(exc)
    return None if found else "PySide6 is not installed"


@dataclass(frozen=True)
class IsolatedPdfRenderer:
    """A `PdfRenderer` (inference/documents/pages.py) that renders each PDF in a child process under
    time and page limits. Tests pass small budgets; the app and the CLI use the defaults."""

    page_seconds: float = PAGE_SECONDS
    document_seconds: float = DOCUMENT_SECONDS
    max_pages: int = MAX_PAGES

    def support_problem(self) -> str | None:
        return pdf_support_problem()

    def __call__(self, path: Path, long_side: int) -> Iterator[tuple[int, np.ndarray | None, str | None]]:
        """(page index from 0, BGR image or None, page error or None) per page; ImageError for the file.

        A page that takes longer than `page_seconds` (or crashes the renderer) becomes that page's
        error and rendering goes on from the next page in a new child; failing to open in time, the
        MAX_STALLED_PAGES-th such page, or running out of `document_seconds` is an error for the file.
        """
        path = Path(path)
        problem = pdf_support_problem()
        if problem is not None:
            raise PdfUnavailable(f"{path.name}: PDF support needs PySide6 with QtPdf, which is not available "
                                 f"here ({problem}); convert the PDF to images or install PySide6")
        clock = _Clock(self.document_seconds)
        first, total, stalled = 0, None, 0
        while total is None or first < total:
            if stalled >= MAX_STALLED_PAGES:
                raise self._file_error(path.name, clock, STALLED_PAGES.format(count=stalled))
            with _Child(path, long_side, first, self.max_pages) as child:
                total = self._open(child, clock, path.name)
                for item in self._pages(child, clock, path.name, first, total):
                    first = item[0] + 1
                    yield item
            stalled += first < total  # the child's run ended early: a page stalled

    def _open(self, child: _Child, clock: _Clock, name: str) -> int:
        """Wait for the child to start, then to open the document; its page count."""
        try:
            kind, total, _, _, payload = child.receive(clock, START_SECONDS)
        except _Stalled:
            raise self._file_error(name, clock, NOT_STARTED) from None
        if kind == READY:
            try:
                kind, total, _, _, payload = child.receive(clock, self.page_seconds)
            except _Stalled as stalled:
                raise self._file_error(name, clock, OPENING_STALLED.format(what=self._stalled(stalled))) from None
        if kind == FATAL:
            raise ImageError(_text(payload))
        if kind != OPENED:
            raise ImageError(f"{name}: the PDF renderer sent an unexpected message while opening")
        if total > self.max_pages:
            raise ImageError(pdf_render.TOO_MANY_PAGES.format(name=name, total=total, limit=self.max_pages))
        return total

    def _pages(self, child: _Child, clock: _Clock, name: str, first: int, total: int) -> Iterator[tuple]:
        """The child's pages from `first`; a page that stalls or crashes it is yielded as an error and
        ends this child's run (the caller starts another from the next page)."""
        for index in range(first, total):
            try:
                kind, got, w, h, payload = child.receive(clock, self.page_seconds)
            except _Stalled as stalled:
                if clock.left() <= 0:
                    raise self._file_error(name, clock, "") from None
                yield index, None, PAGE_SKIPPED.format(page=index + 1, what=self._stalled(stalled))
                return
            if kind == FATAL:
                raise ImageError(_text(payload))
            if got != index or kind not in (PAGE, PAGE_ERROR):
                raise ImageError(f"{name}: the PDF renderer sent an unexpected message at page {index + 1}")
            if kind == PAGE_ERROR:
                yield index, None, _text(payload)
            else:
                yield index, _pixels(name, index, w, h, payload), None

    def _stalled(self, stalled: _Stalled) -> str:
        return CRASHED if stalled.died else TOOK_LONGER.format(seconds=f"{self.page_seconds:g}")

    def _file_error(self, name: str, clock: _Clock, what: str) -> ImageError:
        """The error for a file given up on; running out of the document's time budget wins."""
        if clock.left() <= 0:
            what = OUT_OF_TIME.format(seconds=f"{clock.seconds:g}")
        return ImageError(GIVEN_UP.format(name=name, what=what))


class _Stalled(Exception):
    """The child sent nothing in time (`died` False), or died or sent garbage (`died` True)."""

    def __init__(self, died: bool) -> None:
        super().__init__("died" if died else "timed out")
        self.died = died


class _Clock:
    """The document's time budget: only time spent waiting for the child counts (not the caller's
    own work on the pages it was handed)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.spent = 0.0

    def left(self) -> float:
        return max(0.0, self.seconds - self.spent)


class _Child:
    """One child process rendering one document from page `first` on, with the receiving end of its pipe."""

    def __init__(self, path: Path, long_side: int, first: int, max_pages: int) -> None:
        context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt threads
        self.conn, child_end = context.Pipe(duplex=False)
        args = (child_end, str(path), int(long_side), first, max_pages)
        self.process = context.Process(target=_child_main, args=args, name="alyesdesk-pdf-render", daemon=True)
        try:
            self.process.start()
        except OSError as exc:  # out of processes or memory: this file fails, the batch goes on
            self.conn.close()
            raise ImageError(f"{path.name}: the PDF renderer could not be started ({exc.strerror or exc})") from None
        finally:
            child_end.close()  # ours closed, so the child's death reads as end-of-file

    def __enter__(self) -> _Child:
        return self

    def __exit__(self, *exc: object) -> None:
        """Whatever happened (done, stalled, the caller stopped early), the child goes."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def receive(self, clock: _Clock, step_seconds: float) -> tuple[bytes, int, int, int, bytes]:
        """The next message (kind, index, width, height, payload) within `step_seconds` and what is left
        of the document's budget, which is charged the time waited; _Stalled otherwise."""
        start = time.monotonic()
        try:
            ready = self.conn.poll(min(step_seconds, clock.left()))
            message, died = (self.conn.recv_bytes(_MAX_MESSAGE) if ready else None), False
        except (EOFError, OSError):  # the child died, or sent a message over the size of any page
            message, died = None, True
        finally:
            clock.spent += time.monotonic() - start
        if message is None or len(message) < _FRAME.size:
            self.process.kill()  # it is not asked anything again
            raise _Stalled(died or message is not None)
        kind, index, w, h = _FRAME.unpack_from(message)
        return kind, index, w, h, message[_FRAME.size :]


def _text(payload: bytes) -> str:
    """The child's message, translatable again when it is one of pdf_render's (it came as plain text)."""
    return recognise(payload.decode("utf-8", "replace")[:2000], pdf_render.MESSAGES)


def _pixels(name: str, index: int, w: int, h: int, payload: bytes) -> np.ndarray:
    """A page's BGR pixels, after checking the size the child claims against the cap and the bytes."""
    if not (0 < w and 0 < h and w * h <= MAX_RENDER_PIXELS and len(payload) == w * h * 3):
        raise ImageError(f"{name}: the PDF renderer sent a malformed page {index + 1}")
    return np.frombuffer(payload, np.uint8).reshape(h, w, 3).copy()  # writable, like any decoded image


# --- the child -------------------------------------------------------------------------------------
def _frame(kind: bytes, index: int = 0, w: int = 0, h: int = 0, payload: bytes = b"") -> bytes:
    return _FRAME.pack(kind, index, w, h) + payload


def _child_main(conn: Connection, path: str, long_side: int, first: int, max_pages: int) -> None:
    """Runs in the child: READY, OPENED (page count), then PAGE or PAGE_ERROR per page from `first`;
    FATAL with the reason for a problem with the whole file."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # never a window, never a connection to the display
    try:
        from alyesdesk.ui.documents import pdf_render

        pdf_render.ensure_gui_app()
    except ImportError as exc:
        reason = f"{Path(path).name}: PDF support needs PySide6 with QtPdf, which is not available here ({exc})"
        conn.send_bytes(_frame(FATAL, payload=reason.encode()))
        return
    conn.send_bytes(_frame(READY))
    try:
        pages = pdf_render.render_pdf(path, long_side, first, max_pages,
                                      on_open=lambda total: conn.send_bytes(_frame(OPENED, total)))
        for index, image, error in pages:
            if image is None:
                conn.send_bytes(_frame(PAGE_ERROR, index, payload=(error or "").encode()))
            else:
                h, w = image.shape[:2]
                conn.send_bytes(_frame(PAGE, index, w, h, image.tobytes()))
    except ImageError as exc:
        conn.send_bytes(_frame(FATAL, payload=str(exc).encode()))
