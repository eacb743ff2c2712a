"""The frame shared by the passphrase dialogs: an explanation, passphrase fields, an error line, buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget


class PassphraseForm(QDialog):
    """Subclasses add rows to `self.form` and implement `_on_accepted` (show problems with `fail`)."""

    def __init__(self, title: str, intro: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(intro)
        label.setWordWrap(True)
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def fail(self, message: str) -> None:
        self.error.setText(message)

    def confirmed(self) -> bool:
        """True when both fields agree; otherwise says so."""
        if self.passphrase.text() != self.confirm.text():
            self.fail(self.tr("The two passphrases differ."))
            return False
        return True

    def _on_accepted(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError
