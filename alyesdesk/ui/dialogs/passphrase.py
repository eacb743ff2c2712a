"""Asks for the database passphrase (or a new one), and unlocks the database without ever damaging it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from ...storage import Database, StorageError, WrongKeyError, open_database
from ...storage.keys import MIN_PASSPHRASE_LENGTH


class PassphraseDialog(QDialog):
    """Unlock (existing database) or create (first run without a keyring). `database` is set on success."""

    def __init__(self, message: str, *, create: bool, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.create = create
        self.database: Database | None = None
        self.setWindowTitle("Protect your data" if create else "Unlock AlyesDesk")
        intro = QLabel(message)
        intro.setWordWrap(True)
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Passphrase", self.passphrase)
        if create:
            form.addRow("Repeat", self.confirm)
            hint = QLabel(
                f"At least {MIN_PASSPHRASE_LENGTH} characters. Keep it safe: without it the encrypted "
                "database cannot be opened by anyone, including you."
            )
            hint.setWordWrap(True)
            form.addRow(hint)
        else:
            self.confirm.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create" if create else "Unlock")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Continue without storing")
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _on_accepted(self) -> None:
        text = self.passphrase.text()
        if self.create and text != self.confirm.text():
            self.error.setText("The two passphrases differ.")
            return
        try:
            self.database = open_database(passphrase=text)
        except WrongKeyError:
            self.error.setText("Wrong passphrase. Nothing was changed; try again.")
            self.passphrase.selectAll()
            return
        except (StorageError, ValueError) as exc:
            self.error.setText(str(exc))
            return
        self.accept()
