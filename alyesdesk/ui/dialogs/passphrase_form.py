"""The frame shared by the passphrase dialogs: an explanation, passphrase fields with a show/hide switch, an
optional strength hint for a new passphrase, an error line, buttons."""

from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
                               QWidget)

from alyesdesk.ui.dialogs.passphrase_strength import COLOURS, strength, strength_text

# Wide enough that the explanation wraps on a few lines instead of a tall narrow column (and no text is cut).
MIN_WIDTH_PX = 520


class PassphraseForm(QDialog):
    """Subclasses add rows to `self.form` and implement `_on_accepted` (show problems with `fail`)."""

    def __init__(self, title: str, intro: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(MIN_WIDTH_PX)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.passphrase.setToolTip(self.tr("Your passphrase (it is never stored)"))
        self.confirm = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.confirm.setToolTip(self.tr("The same passphrase again, to catch a typing mistake"))
        self.show_check = QCheckBox(self.tr("Show passphrase"))
        self.show_check.setToolTip(self.tr("Show the characters typed (make sure nobody is looking)"))
        self.show_check.toggled.connect(self._on_show_toggled)
        self.strength_label = QLabel()
        self.strength_label.setWordWrap(True)
        self.strength_label.hide()  # only for a new passphrase: add_strength_hint()
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        self.error.hide()  # shown with a problem only: an empty wrapped label still takes room
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.show_check)
        layout.addWidget(self.strength_label)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def add_strength_hint(self) -> None:
        """Under a new passphrase: how hard it would be to guess, updated as it is typed."""
        self.passphrase.textChanged.connect(self._on_passphrase_edited)
        self._on_passphrase_edited(self.passphrase.text())
        self.strength_label.show()

    def _on_passphrase_edited(self, text: str) -> None:
        level = strength(text)
        self.strength_label.setText(strength_text(level))
        self.strength_label.setStyleSheet(f"color: {COLOURS[level]};")
        self.strength_label.setProperty("level", level)

    def _on_show_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.confirm.setEchoMode(mode)

    def confirmed(self) -> bool:
        """True when both fields agree; otherwise says so."""
        if self.passphrase.text() != self.confirm.text():
            self.fail(self.tr("The two passphrases differ."))
            return False
        return True

    def _on_accepted(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError
