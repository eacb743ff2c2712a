"""File > App lock: require a passphrase at every start, or go back to the keyring key.

Only what this computer can do is offered: removing the lock needs a system password store (keyring) to
keep the key in; where there is none, the dialog says so and has no button that would fail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox

from alyesdesk.storage import Database, StorageError
from alyesdesk.storage.keys import MIN_PASSPHRASE_LENGTH, MODE_PASSPHRASE, keyring_usable
from alyesdesk.ui.dialogs.passphrase_form import PassphraseForm
from alyesdesk.ui.error_text import localized

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class AppLockDialog(PassphraseForm):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        locked = db.key_mode == MODE_PASSPHRASE
        can_remove = locked and keyring_usable()
        # self.tr needs the QObject made first.
        text = (
            QCoreApplication.translate("AppLockDialog", "AlyesDesk asks for a passphrase at every start. Remove it to keep the key in the system's "
               "password store instead (anyone using your account can then open AlyesDesk).")
            if can_remove
            else QCoreApplication.translate("AppLockDialog", "AlyesDesk asks for a passphrase at every start. This computer has no "
                    "system password store to keep the key in instead, so the passphrase stays: it is what "
                    "protects your data here.")
            if locked
            else QCoreApplication.translate("AppLockDialog", "Require a passphrase at every start, for shared computers. The database is re-encrypted "
                    "with it and the key in the system's password store is removed. Forgetting it makes the data "
                    "unreadable.")
        )
        super().__init__(QCoreApplication.translate("AppLockDialog", "App lock"), text, QCoreApplication.translate("AppLockDialog", "Remove lock") if locked else QCoreApplication.translate("AppLockDialog", "Lock"), parent)
        self.db = db
        self.locked = locked
        self.can_remove = can_remove
        if not locked:
            self.form.addRow(self.tr("New passphrase"), self.passphrase)
            self.form.addRow(self.tr("Repeat"), self.confirm)
        else:  # removing the lock asks for no passphrase: nothing to show or hide
            show = getattr(self, "show_check", None)
            if show is not None:
                show.hide()
            if not self.can_remove:  # nothing this computer can do here: only a Close button
                self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

    def _on_accepted(self) -> None:
        try:
            if self.locked:
                self.db.remove_passphrase()
            else:
                if not self.confirmed():
                    return
                if len(self.passphrase.text()) < MIN_PASSPHRASE_LENGTH:
                    self.fail(self.tr("Use at least {count} characters.").format(count=MIN_PASSPHRASE_LENGTH))
                    return
                self.db.set_passphrase(self.passphrase.text())
        except (StorageError, ValueError) as exc:
            self.fail(localized(exc))
            return
        self.accept()
