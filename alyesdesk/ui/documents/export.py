"""Annotated exports of a checked document: a PDF (one page per page, boxes drawn) or PNG pages."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import cv2
import numpy as np
from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from alyesdesk.fileio import atomic_path, atomic_write_bytes
from alyesdesk.inference.documents.check import DocumentCheck
from alyesdesk.inference.documents.report import annotate
from alyesdesk.inference.errors import ImageError

PageLoader = Callable[[int], np.ndarray]


def _annotated_pages(doc: DocumentCheck, load: PageLoader, colour: str):
    for page in doc.pages:
        if page.error:
            continue
        yield page, annotate(load(page.page - 1), page, colour)


def export_pdf(doc: DocumentCheck, load: PageLoader, out: str | Path, colour: str = "#e6194b") -> Path:
    """Write every readable page with its boxes into `out` (a PDF whose pages keep each page's shape)."""
    with atomic_path(out) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(150)
        writer.setTitle(f"Signature check: {doc.path.name}")
        painter: QPainter | None = None
        try:
            for page, image in _annotated_pages(doc, load, colour):
                h, w = image.shape[:2]
                # Page size in points from the pixel size at 150 dpi so a scan keeps its proportions.
                size = QPageSize(QSizeF(w * 72 / 150, h * 72 / 150), QPageSize.Unit.Point, "page")
                writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
                if painter is None:
                    painter = QPainter(writer)
                else:
                    writer.newPage()
                rgb = np.ascontiguousarray(image[:, :, ::-1])
                qimage = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888)
                target = painter.viewport()
                painter.drawImage(QRectF(0, 0, target.width(), target.height()), qimage)
            if painter is None:
                raise ImageError(f"{doc.path.name}: no readable page to export")
        finally:
            if painter is not None:
                painter.end()
            del writer  # the PDF is finished only when the writer is gone, before the rename
    return Path(out)


def export_pngs(doc: DocumentCheck, load: PageLoader, out: str | Path, colour: str = "#e6194b") -> list[Path]:
    """`out` for a one-page document, else `<stem>_p<N>.png` beside it for every readable page."""
    out = Path(out)
    written = []
    pages = [p for p in doc.pages if not p.error]
    for page, image in _annotated_pages(doc, load, colour):
        target = out if len(pages) == 1 else out.with_name(f"{out.stem}_p{page.page}{out.suffix or '.png'}")
        ok, data = cv2.imencode(".png", image)
        if not ok:
            raise ImageError(f"could not encode page {page.page} as PNG")
        atomic_write_bytes(target, data.tobytes())
        written.append(target)
    if not written:
        raise ImageError(f"{doc.path.name}: no readable page to export")
    return written


def export_documents(docs: list[DocumentCheck], load: Callable[[DocumentCheck, int], np.ndarray], target: str | Path,
                     kind: str, colour: str = "#e6194b") -> list[Path]:
    """Annotated export of one document (`target` is the file) or several (`target` is a folder that gets
    `<stem>_signatures.pdf` or `<stem>_signatures[_pN].png` per document). Unreadable documents are skipped.
    Boxes drawn are the reviewed ones where a person reviewed the document."""
    from alyesdesk.inference.documents.review import reviewed_page

    ok = [d for d in docs if d.status == "ok"]
    if not ok:
        raise ImageError("no readable document to export")
    written: list[Path] = []
    for doc in ok:
        shown = doc if doc.review is None else _with_pages(doc, [reviewed_page(p, doc.review) for p in doc.pages])
        out = Path(target) if len(docs) == 1 else Path(target) / f"{doc.path.stem}_signatures.{kind}"
        if kind == "pdf":
            written.append(export_pdf(shown, lambda i, d=doc: load(d, i), out, colour))
        else:
            written.extend(export_pngs(shown, lambda i, d=doc: load(d, i), out, colour))
    return written


def _with_pages(doc: DocumentCheck, pages: list) -> DocumentCheck:
    from dataclasses import replace

    return replace(doc, pages=pages)
