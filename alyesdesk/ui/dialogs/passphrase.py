"""Asks for the database passphrase (or a new one), and unlocks the database without ever damaging it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from alyesdesk.storage import Database, StorageError, WrongKeyError, open_database
from alyesdesk.storage.keys import MIN_PASSPHRASE_LENGTH
from alyesdesk.ui.dialogs.passphrase_form import PassphraseForm
from alyesdesk.ui.error_text import localized

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class PassphraseDialog(PassphraseForm):
    """Unlock (existing database) or create (first run without a keyring). `database` is set on success."""

    def __init__(self, message: str, *, create: bool, parent: QWidget | None = None) -> None:
        # self.tr needs the QObject made first.
        super().__init__(
            QCoreApplication.translate("PassphraseDialog", "Protect your data") if create else QCoreApplication.translate("PassphraseDialog", "Unlock AlyesDesk"), message,
            QCoreApplication.translate("PassphraseDialog", "Create") if create else QCoreApplication.translate("PassphraseDialog", "Unlock"), parent
        )
        self.create = create
        self.database: Database | None = None
        self.form.addRow(self.tr("Passphrase"), self.passphrase)
        if create:
            self.form.addRow(self.tr("Repeat"), self.confirm)
            hint = QLabel(
                self.tr("At least {count} characters. Keep it safe: without it the encrypted "
                        "database cannot be opened by anyone, including you.").format(count=MIN_PASSPHRASE_LENGTH)
            )
            hint.setWordWrap(True)
            self.form.addRow(hint)
            self.add_strength_hint()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Continue without storing"))

    def _on_accepted(self) -> None:
        if self.create and not self.confirmed():
            return
        try:
            self.database = open_database(passphrase=self.passphrase.text())
        except WrongKeyError:
            self.fail(self.tr("Wrong passphrase. Nothing was changed; try again."))
            self.passphrase.selectAll()
            return
        except (StorageError, ValueError) as exc:
            self.fail(localized(exc))
            return
        self.accept()
