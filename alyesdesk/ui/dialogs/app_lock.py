"""File > App lock: require a passphrase at every start, or go back to the keyring key."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from ...storage import Database, StorageError
from ...storage.keys import MIN_PASSPHRASE_LENGTH, MODE_PASSPHRASE


class AppLockDialog(QDialog):
    def __init__(self, db: Database, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.db = db
        self.locked = db.key_mode == MODE_PASSPHRASE
        self.setWindowTitle("App lock")
        text = (
            "AlyesDesk asks for a passphrase at every start. Remove it to keep the key in the system "
            "keyring instead (anyone using your account can then open AlyesDesk)."
            if self.locked
            else "Require a passphrase at every start, for shared computers. The database is re-encrypted "
            "with it and the keyring key is removed. Forgetting it makes the data unreadable."
        )
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        if not self.locked:
            form.addRow("New passphrase", self.passphrase)
            form.addRow("Repeat", self.confirm)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Remove lock" if self.locked else "Lock")
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _on_accepted(self) -> None:
        try:
            if self.locked:
                self.db.remove_passphrase()
            else:
                if self.passphrase.text() != self.confirm.text():
                    self.error.setText("The two passphrases differ.")
                    return
                if len(self.passphrase.text()) < MIN_PASSPHRASE_LENGTH:
                    self.error.setText(f"Use at least {MIN_PASSPHRASE_LENGTH} characters.")
                    return
                self.db.set_passphrase(self.passphrase.text())
        except (StorageError, ValueError) as exc:
            self.error.setText(str(exc))
            return
        self.accept()
