"""The drop zone shared by every tab that takes files: drag, drop, click or paste."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent


def local_paths(mime: QMimeData) -> list[str]:
    """Local files and folders in a drag or a paste (URLs, or plain text with one path per line)."""
    if mime.hasUrls():
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]
    found: list[str] = []
    if mime.hasText():
        for line in mime.text().splitlines():
            line = line.strip().removeprefix("file://")
            if line and Path(line).exists():
                found.append(line)
    return found


class DropZone(QFrame):
    """Empty-state widget: dashed border; accepts dropped files and folders, and opens a file dialog
    when clicked (`clicked`), so it is never a dead area.

    Signals
    -------
    paths_dropped(list)
        Local paths of the dropped files and folders.
    image_dropped(QImage)
        Raw image data with no file behind it (dragged from a browser).
    clicked()
    """

    paths_dropped = Signal(list)
    image_dropped = Signal(QImage)
    clicked = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setObjectName("dropZone")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumHeight(56)
        self.label = QLabel(text)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.label)
        self._set_hover(False)

    def _set_hover(self, hover: bool) -> None:
        border = "#2d7ff9" if hover else "palette(mid)"
        self.setStyleSheet(
            f"#dropZone {{ border: 2px dashed {border}; border-radius: 8px; }}"
            "#dropZone QLabel { color: palette(text); font-size: 13px; }"
        )

    @staticmethod
    def accepts(mime: QMimeData) -> bool:
        return bool(local_paths(mime)) or mime.hasImage()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if self.accepts(event.mimeData()):
            event.acceptProposedAction()
            self._set_hover(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt override
        if self.accepts(event.mimeData()):
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802 - Qt override
        self._set_hover(False)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        self._set_hover(False)
        mime = event.mimeData()
        paths = local_paths(mime)
        if paths:
            event.acceptProposedAction()
            self.paths_dropped.emit(paths)
        elif mime.hasImage():
            event.acceptProposedAction()
            self.image_dropped.emit(QImage(mime.imageData()))
        else:
            event.ignore()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
