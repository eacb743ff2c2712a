"""The Messages panel (every notification, newest first, repeats counted) and its status-bar bell."""

from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QToolButton, QVBoxLayout,
                               QWidget)

from alyesdesk.ui.errors import ERROR, WARNING, Notification, NotificationCenter

# Words, not emoji: a minimal Linux may have no emoji font (the glyph would be an empty box).
MARKS = {ERROR: QT_TRANSLATE_NOOP("MessagesPanel", "Error"), WARNING: QT_TRANSLATE_NOOP("MessagesPanel", "Warning"),
         "info": QT_TRANSLATE_NOOP("MessagesPanel", "Info")}


class MessagesPanel(QWidget):
    """Lists the records of a NotificationCenter; "Copy" puts the selected one (with details) on the
    clipboard, ready for a bug report.

    Signals
    -------
    record_activated(Notification)
        A record was double-clicked (the window shows it in the error dialog).
    """

    record_activated = Signal(object)

    def __init__(self, center: NotificationCenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.center = center
        self.list = QListWidget()
        self.list.itemActivated.connect(self._on_item_activated)
        copy = QPushButton(self.tr("Copy for a bug report"))
        copy.clicked.connect(self._on_copy_clicked)
        clear = QPushButton(self.tr("Clear"))
        clear.clicked.connect(center.clear)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(copy)
        buttons.addWidget(clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        center.added.connect(self._on_record_added)
        center.updated.connect(self._on_record_updated)
        center.cleared.connect(self.list.clear)
        for record in center.records:
            self._on_record_added(record)

    def _label(self, record: Notification) -> str:
        stamp = time.strftime("%H:%M:%S", time.localtime(record.last))
        return f"{stamp}  {self.tr(MARKS.get(record.severity, 'Info'))}: {record.text()}"

    def _on_record_added(self, record: Notification) -> None:
        item = QListWidgetItem(self._label(record))
        item.setData(Qt.ItemDataRole.UserRole, record)
        item.setToolTip(record.details or record.message)
        self.list.insertItem(0, item)

    def _on_record_updated(self, record: Notification) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) is record:
                item.setText(self._label(record))
                self.list.insertItem(0, self.list.takeItem(row))  # the latest repeat comes first
                return

    def records_shown(self) -> list[Notification]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def _selected(self) -> Notification | None:
        item = self.list.currentItem() or self.list.item(0)
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _on_copy_clicked(self) -> None:
        record = self._selected()
        if record is not None:
            QGuiApplication.clipboard().setText(record.bug_report())

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self.record_activated.emit(item.data(Qt.ItemDataRole.UserRole))


class NotificationBell(QToolButton):
    """Status-bar button: the number of errors since the panel was last opened; click opens the panel."""

    def __init__(self, center: NotificationCenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoRaise(True)
        self.setToolTip(self.tr("Messages (errors and notices of this session)"))
        self.unseen = 0
        center.added.connect(self._on_record)
        center.updated.connect(self._on_record)
        center.cleared.connect(self.mark_seen)
        self._refresh()

    def _on_record(self, record: Notification) -> None:
        if record.severity == ERROR:
            self.unseen += 1
        self._refresh()

    def mark_seen(self) -> None:
        self.unseen = 0
        self._refresh()

    def _refresh(self) -> None:
        if not self.unseen:
            self.setText(self.tr("Messages"))
        elif self.unseen == 1:
            self.setText(self.tr("Messages (1 new error)"))
        else:
            self.setText(self.tr("Messages ({count} new errors)").format(count=self.unseen))
