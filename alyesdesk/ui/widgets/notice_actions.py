"""Buttons for the latest notice's actions in the status bar ("Show in folder" after an export).

Errors show their actions in the error dialog; a notice (an export written, results deleted) only has the
status bar, whose text vanishes: its buttons stay a while longer, then go, and the next notice with actions
replaces them.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from alyesdesk.ui.errors import ERROR, Notification

SHOWN_MS = 20000


class NoticeActions(QWidget):
    """Shows the `actions` of notices handed to `show_record`; hides after SHOWN_MS."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice_actions")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QPushButton] = []
        self._timer = QTimer(self, singleShot=True, interval=SHOWN_MS)
        self._timer.timeout.connect(self.clear)
        self.hide()

    def show_record(self, record: Notification) -> None:
        if record.severity == ERROR:
            return  # the error dialog shows them
        if not record.actions:
            return  # a notice without actions leaves the previous buttons for their time
        self.clear()
        for label, callback in record.actions:
            button = QPushButton(label)
            button.setFlat(True)
            button.setStyleSheet("QPushButton { color: palette(link); text-decoration: underline; }")
            button.clicked.connect(_runner(callback, self.clear))
            self._layout.addWidget(button)
            self.buttons.append(button)
        self.show()
        self._timer.start()

    def clear(self) -> None:
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        self._timer.stop()
        self.hide()


def _runner(callback: Callable[[], None], then: Callable[[], None]) -> Callable[..., None]:
    def run(*_: object) -> None:
        callback()
        then()  # an action is done once: "Undo" twice would be wrong, and the buttons have done their job
    return run
