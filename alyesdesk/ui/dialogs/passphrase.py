"""Asks for the database passphrase (or a new one), and unlocks the database without ever damaging it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel

from alyesdesk.storage import Database, StorageError, WrongKeyError, open_database
from alyesdesk.storage.keys import MIN_PASSPHRASE_LENGTH
from alyesdesk.ui.dialogs.passphrase_form import PassphraseForm


class PassphraseDialog(PassphraseForm):
    """Unlock (existing database) or create (first run without a keyring). `database` is set on success."""

    def __init__(self, message: str, *, create: bool, parent=None) -> None:  # noqa: ANN001
        super().__init__(
            "Protect your data" if create else "Unlock AlyesDesk", message, "Create" if create else "Unlock", parent
        )
        self.create = create
        self.database: Database | None = None
        self.form.addRow("Passphrase", self.passphrase)
        if create:
            self.form.addRow("Repeat", self.confirm)
            hint = QLabel(
                f"At least {MIN_PASSPHRASE_LENGTH} characters. Keep it safe: without it the encrypted "
                "database cannot be opened by anyone, including you."
            )
            hint.setWordWrap(True)
            self.form.addRow(hint)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Continue without storing")

    def _on_accepted(self) -> None:
        if self.create and not self.confirmed():
            return
        try:
            self.database = open_database(passphrase=self.passphrase.text())
        except WrongKeyError:
            self.fail("Wrong passphrase. Nothing was changed; try again.")
            self.passphrase.selectAll()
            return
        except (StorageError, ValueError) as exc:
            self.fail(str(exc))
            return
        self.accept()
