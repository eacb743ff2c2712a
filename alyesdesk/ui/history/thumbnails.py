"""Thumbnails of History entries: the one stored in the database, else one made (off the GUI thread) from
a picture the database holds or from the file while it still exists, then stored so it outlives the file.

Decoding is guarded like every other image read: the header's size is checked before any pixel is
decoded, and the reader decodes straight to the small size.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap

from alyesdesk.inference.image_headers import read_header
from alyesdesk.inference.images import IMAGE_SUFFIXES, MAX_PIXELS
from alyesdesk.inference.streets.video import VideoError, first_frame, is_video
from alyesdesk.pathtext import from_stored
from alyesdesk.ui.workers import WorkerGroup

log = logging.getLogger(__name__)

SIDE = 160  # stored long side (px); the list shows them smaller
MAX_FILE_BYTES = 60 * 1024 * 1024


def thumbnail_bytes(data: bytes) -> tuple[bytes, str] | None:
    """Encoded image bytes -> (JPEG or, with transparency, PNG bytes of long side <= SIDE), or None when
    they are not a readable image (or too large to decode safely)."""
    header = read_header(data[:1 << 20])
    if header is not None and any(w * h > MAX_PIXELS for w, h in header.sizes):
        return None
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if not size.isValid() or size.width() * size.height() > MAX_PIXELS:
        return None
    if size.width() > SIDE or size.height() > SIDE:  # small pictures stay as they are: never enlarged
        scaled = size.scaled(QSize(SIDE, SIDE), Qt.AspectRatioMode.KeepAspectRatio)
        reader.setScaledSize(scaled.expandedTo(QSize(1, 1)))
    image = reader.read()
    if image.isNull():
        return None
    kind = "png" if image.hasAlphaChannel() else "jpeg"
    out = QBuffer()
    out.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(out, "PNG" if kind == "png" else "JPEG", 80)
    return bytes(out.data()), kind


def find_thumbnail(db: Any, entry: dict) -> tuple[int, bytes | None]:
    """(result id, thumbnail bytes or None) for a History entry; makes and stores one when it can.
    Runs on a pool thread: the database methods open their own connections."""
    rid = int(entry["id"])
    stored = db.thumbnail(rid)
    if stored is not None:
        return rid, stored[0]
    picture = db.stored_picture(rid)
    data = picture[0] if picture is not None else _file_bytes(entry)
    made = thumbnail_bytes(data) if data else None
    if made is None:
        return rid, None
    try:
        db.set_thumbnail(rid, *made)
    except Exception as exc:  # a read-only database still shows the thumbnail this time
        log.warning("thumbnail of result %s not stored: %s", rid, exc)
    return rid, made[0]


def _file_bytes(entry: dict) -> bytes | None:
    path = from_stored(entry["input"], entry.get("input_bytes"))
    if is_video(path):
        return _video_frame(path)
    if Path(path).suffix.lower() not in IMAGE_SUFFIXES:
        return None  # a PDF: rendering it takes a child process (ui/documents), too much for a list
    try:
        if os.path.getsize(path) > MAX_FILE_BYTES:
            return None
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _video_frame(path: str) -> bytes | None:
    """A video's first frame as PNG bytes (a street video segmented in the Streets tab)."""
    import cv2

    try:
        frame = first_frame(path)
    except (VideoError, OSError, ValueError):
        return None
    ok, encoded = cv2.imencode(".png", frame)
    return encoded.tobytes() if ok else None


class ThumbnailLoader(QObject):
    """Loads thumbnails for entries in the background; `thumbnail_ready(result id, QPixmap)` for each found.

    Results are cached for the session (a thumbnail never changes); an id with none is not asked again."""

    thumbnail_ready = Signal(int, QPixmap)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workers = WorkerGroup(self)
        self._cache: dict[int, QPixmap | None] = {}
        self._pending: set[int] = set()

    def cached(self, result_id: int) -> QPixmap | None:
        return self._cache.get(result_id)

    def request(self, db: Any, entries: list[dict]) -> None:
        for entry in entries:
            rid = int(entry["id"])
            if rid in self._cache or rid in self._pending:
                continue
            self._pending.add(rid)
            self.workers.call(find_thumbnail, db, entry, on_done=self._on_found, on_error=self._on_failed)

    def _on_found(self, found: tuple[int, bytes | None]) -> None:
        rid, data = found
        self._pending.discard(rid)
        pixmap = None
        if data:
            image = QImage.fromData(data)
            pixmap = None if image.isNull() else QPixmap.fromImage(image)
        self._cache[rid] = pixmap
        if pixmap is not None:
            self.thumbnail_ready.emit(rid, pixmap)

    def _on_failed(self, failure: Any) -> None:
        log.warning("thumbnail not made: %s", failure)

    def shutdown(self) -> None:
        self.workers.stop_all()
