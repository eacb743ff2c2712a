"""File > Restore from backup…, and what start-up offers when the database file is missing.

Restoring replaces the database file: the open database is closed first, the current file is set aside
(never deleted) and the restored one is opened in its place, so the tabs carry on with it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from alyesdesk import APP_NAME, paths
from alyesdesk.storage import Database, PassphraseRequired, StorageError, open_database
from alyesdesk.storage.backup import BackupInfo, list_backups, restore_backup
from alyesdesk.ui.error_text import localized
from alyesdesk.ui.i18n import format_time


class BackupsDialog(QDialog):
    """Lists the backups, newest first; `chosen` is the one the user picked (None when cancelled)."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from backup"))
        self.setMinimumWidth(560)
        self.chosen: BackupInfo | None = None
        self._backups = list_backups(db_path)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Choose a backup to restore. The current database is kept beside it (renamed), never deleted.")
            if self._backups else self.tr("There are no backups yet in {folder}.").format(
                folder=db_path.parent / "backups")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        for b in self._backups:
            d = b.to_dict()
            note = "" if d["key_available"] else self.tr("  (its key is not on this computer)")
            reason = {"manual": self.tr("manual"), "daily": self.tr("daily"), "restore": self.tr("before a restore"),
                      "migration": self.tr("before an upgrade"), "key-change": self.tr("before a key change"),
                      }.get(b.reason, b.reason)
            size = QLocale().toString(d["size"] / 1e6, "f", 1)
            item = QListWidgetItem(f"{format_time(b.created)}  ·  {reason}  ·  {size} MB{note}")
            item.setData(Qt.ItemDataRole.UserRole, b)
            self.list.addItem(item)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(self._backups))
        buttons.accepted.connect(self._on_restore_clicked)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self._backups:
            self.list.setCurrentRow(0)

    def _on_restore_clicked(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = item.data(Qt.ItemDataRole.UserRole)
            self.accept()


def restore_interactively(info: BackupInfo, db_path: Path, parent: QWidget | None) -> Database | None:
    """Restore `info` over `db_path` (closed by the caller) and open it; None (with a message) on failure."""
    passphrase = None
    for _attempt in range(3):
        try:
            restore_backup(info.path, db_path, passphrase)
            return open_database(db_path, passphrase=passphrase, auto_backup=False)
        except PassphraseRequired:
            text, ok = QInputDialog.getText(parent, APP_NAME, QCoreApplication.translate("BackupsDialog", "This backup is protected by a passphrase:"),
                                            QLineEdit.EchoMode.Password)
            if not ok:
                return None
            passphrase = text
        except StorageError as exc:
            QMessageBox.warning(parent, APP_NAME, QCoreApplication.translate("BackupsDialog", "Nothing was restored: {reason}").format(reason=localized(exc)))
            return None
    return None


def ask_about_missing_database(message: str, parent: QWidget | None = None) -> Database | None:
    """Start-up found no database where one was made before: restore, start a new one, or go on without."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_NAME)
    box.setText(QCoreApplication.translate("BackupsDialog", "Your database is missing"))
    box.setInformativeText(message)
    restore = box.addButton(QCoreApplication.translate("BackupsDialog", "Restore from backup…"), QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton(QCoreApplication.translate("BackupsDialog", "Start a new, empty database"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QCoreApplication.translate("BackupsDialog", "Continue without storing"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    db_path = paths.database_path()
    if box.clickedButton() is restore:
        dialog = BackupsDialog(db_path, parent)
        if dialog.exec() and dialog.chosen is not None:
            return restore_interactively(dialog.chosen, db_path, parent)
        return None
    if box.clickedButton() is new:
        try:
            return open_database(db_path, allow_new=True, auto_backup=False)
        except StorageError as exc:  # PassphraseRequired included: the normal unlock path asks next start
            QMessageBox.warning(parent, APP_NAME, localized(exc))
    return None
