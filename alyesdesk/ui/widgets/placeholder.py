"""Stands in for a tab whose capability is not available: says what it will do, or why it failed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from alyesdesk.ui.tabs import TabSpec, tab_purpose, tab_title


class PlaceholderTab(QWidget):
    """Empty-state widget: the tab's purpose and, if loading failed, the reason."""

    def __init__(self, spec: TabSpec, error: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel(f"<h2>{tab_title(spec)}</h2>")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QLabel(tab_purpose(spec))
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setMaximumWidth(620)
        status = QLabel(
            self.tr("<i>This tab could not start: {reason}</i>").format(reason=error) if error
            else self.tr("<i>Coming in a next version.</i>")
        )
        status.setWordWrap(True)
        status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for widget in (title, body, status):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
