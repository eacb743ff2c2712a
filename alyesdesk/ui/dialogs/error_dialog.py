"""The one error dialog: reused for every error (never a pile of boxes), advice or a bug-report copy."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from alyesdesk.ui.errors import Notification

ADVICE_TITLE = "AlyesDesk"
UNEXPECTED_TITLE = QT_TRANSLATE_NOOP("ErrorDialog", "AlyesDesk: unexpected error")
UNEXPECTED_TEXT = QT_TRANSLATE_NOOP("ErrorDialog", "Something went wrong. Your data is safe; the error was written to "
                                    "the log.")


class ErrorDialog(QMessageBox):
    """Shows the latest error record; a new error while it is open replaces the text (and counts).

    Expected errors (ours, with a message that says what to do) read as advice; unexpected ones add
    the details and a "Copy for a bug report" button.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: Notification | None = None
        self.addButton(QMessageBox.StandardButton.Ok)
        self.copy_button = QPushButton(self.tr("Copy for a bug report"))
        self.addButton(self.copy_button, QMessageBox.ButtonRole.ActionRole)
        # An ActionRole button would close the box: copying must leave it open.
        self.copy_button.clicked.disconnect()
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self._action_buttons: list[QPushButton] = []

    def show_record(self, record: Notification) -> None:
        self.record = record
        for button in self._action_buttons:
            self.removeButton(button)
            button.deleteLater()
        self._action_buttons = []
        if record.expected:
            self.setIcon(QMessageBox.Icon.Warning)
            self.setWindowTitle(ADVICE_TITLE)
            self.setText(record.text())
            self.setInformativeText("")
            # Raw text kept out of the message (an ONNX Runtime code, a hash) waits behind "Show Details…".
            self.setDetailedText(getattr(record.exception, "details", "") or "")
            self.copy_button.hide()
        else:
            self.setIcon(QMessageBox.Icon.Critical)
            self.setWindowTitle(self.tr(UNEXPECTED_TITLE))
            text = self.tr(UNEXPECTED_TEXT)
            self.setText(text if record.count == 1 else f"{text} (×{record.count})")
            self.setInformativeText(record.message)
            self.setDetailedText(record.details or record.message)
            self.copy_button.show()
        for label, callback in record.actions:
            button = QPushButton(label)
            self.addButton(button, QMessageBox.ButtonRole.ActionRole)
            button.clicked.connect(callback)
            self._action_buttons.append(button)
        if not self.isVisible():
            self.open()

    def _on_copy_clicked(self) -> None:
        if self.record is not None:
            QGuiApplication.clipboard().setText(self.record.bug_report())
