"""The storage banner: a persistent strip above the tabs while results are not being stored.

A status-bar line vanishes with the next message; losing results silently is the one thing this app must
never do, so the warning stays until storage works again or the user dismisses it, and it counts.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class StorageBanner(QFrame):
    """Says that (and why) results are not stored; `dismissed` when the user closes it."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storage_banner")
        self.setStyleSheet("#storage_banner { background: #fff3cd; border-bottom: 1px solid #e0c56e; }"
                           "#storage_banner QLabel { color: #5c4400; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.clicked.connect(self._on_dismiss_clicked)
        layout.addWidget(self.dismiss_button)
        self.unstored = 0
        self.hide()

    def show_locked(self, reason: str) -> None:
        """The database is not open at all: nothing will be stored this session."""
        self.label.setText(self.tr("<b>Results are not being stored.</b> {reason}").format(reason=reason))
        self.dismiss_button.setVisible(False)
        self.show()

    def add_unstored(self, what: str, reason: str) -> None:
        """One more result was produced but not stored."""
        self.unstored += 1
        count = (self.tr("<b>1 result was NOT stored.</b>") if self.unstored == 1
                 else self.tr("<b>{count} results were NOT stored.</b>").format(count=self.unstored))
        self.label.setText(self.tr("{count} Last: {what}: {reason}").format(count=count, what=what, reason=reason))
        self.dismiss_button.setVisible(True)
        self.show()

    def clear(self) -> None:
        self.unstored = 0
        self.hide()

    def _on_dismiss_clicked(self) -> None:
        self.clear()
        self.dismissed.emit()
