"""File > App lock: require a passphrase at every start, or go back to the keyring key."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from alyesdesk.storage import Database, StorageError
from alyesdesk.storage.keys import MIN_PASSPHRASE_LENGTH, MODE_PASSPHRASE
from alyesdesk.ui.dialogs.passphrase_form import PassphraseForm


class AppLockDialog(PassphraseForm):
    def __init__(self, db: Database, parent=None) -> None:  # noqa: ANN001
        locked = db.key_mode == MODE_PASSPHRASE
        # self.tr needs the QObject made first.
        text = (
            QCoreApplication.translate("AppLockDialog", "AlyesDesk asks for a passphrase at every start. Remove it to keep the key in the system's "
               "password store instead (anyone using your account can then open AlyesDesk).")
            if locked
            else QCoreApplication.translate("AppLockDialog", "Require a passphrase at every start, for shared computers. The database is re-encrypted "
                    "with it and the key in the system's password store is removed. Forgetting it makes the data "
                    "unreadable.")
        )
        super().__init__(QCoreApplication.translate("AppLockDialog", "App lock"), text, QCoreApplication.translate("AppLockDialog", "Remove lock") if locked else QCoreApplication.translate("AppLockDialog", "Lock"), parent)
        self.db = db
        self.locked = locked
        if not locked:
            self.form.addRow(self.tr("New passphrase"), self.passphrase)
            self.form.addRow(self.tr("Repeat"), self.confirm)

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
            self.fail(str(exc))
            return
        self.accept()
