"""Stands in for a tab whose capability is not available: says what it will do, or why it failed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from alyesdesk.ui.tabs import TabSpec


class PlaceholderTab(QWidget):
    """Empty-state widget: the tab's purpose and, if loading failed, the reason."""

    def __init__(self, spec: TabSpec, error: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel(f"<h2>{spec.title}</h2>")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QLabel(spec.purpose)
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setMaximumWidth(620)
        status = QLabel(
            f"<i>This tab could not start: {error}</i>" if error else "<i>Coming in a next version.</i>"
        )
        status.setWordWrap(True)
        status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for widget in (title, body, status):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
