"""File > Settings: the language of the interface (applies at the next start), the idle lock and what
History does when a file is checked again."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QWidget

from alyesdesk.settings import RULES, Settings
from alyesdesk.ui import i18n


class SettingsDialog(QDialog):
    """Edits a `Settings` object; `apply()` (on OK) validates through it and says what changed."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self.language = QComboBox()
        self.language.setObjectName("language_combo")
        for value, text in (("system", self.tr("Same as the computer")), ("fr", "Français"), ("en", "English")):
            self.language.addItem(text, value)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.idle = QSpinBox()
        rule = RULES["idle_lock_minutes"]
        self.idle.setRange(int(rule.minimum or 0), int(rule.maximum or 0))
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setSpecialValueText(self.tr("never"))
        self.idle.setValue(settings.idle_lock_minutes)
        self.idle.setToolTip(self.tr("Lock the window after this many idle minutes when an app-lock passphrase "
                                     "is set (0 = never)."))
        # The answer "don't ask again" remembered in History's question can be changed back here.
        self.recheck = QComboBox()
        self.recheck.setObjectName("recheck_combo")
        for value, text in (("ask", self.tr("Ask each time")), ("replace", self.tr("Replace the stored result")),
                            ("keep", self.tr("Keep both as versions"))):
            self.recheck.addItem(text, value)
        self.recheck.setCurrentIndex(max(0, self.recheck.findData(settings.recheck_policy)))
        self.recheck.setToolTip(self.tr("What happens in History when a file is checked again with the same model"))
        note = QLabel(self.tr("A new language applies at the next start of AlyesDesk."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow("", note)
        form.addRow(self.tr("Lock when idle after:"), self.idle)
        form.addRow(self.tr("File checked again:"), self.recheck)
        form.addRow(buttons)

    def apply(self) -> bool:
        """Write the chosen values into the settings; True when the language changed."""
        language = self.language.currentData()
        changed = language != self.settings.language
        self.settings.update(language=language, idle_lock_minutes=self.idle.value(),
                             recheck_policy=self.recheck.currentData())
        return changed and i18n.resolve(language) != i18n.current_language()
