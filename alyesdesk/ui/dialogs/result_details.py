"""Shows one stored result in full (details as readable JSON) and lets the user annotate it."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QToolButton,
                               QVBoxLayout)

from alyesdesk.ui.i18n import format_time, input_text, outcome_text
from alyesdesk.ui.tabs import TABS, tab_title

HIDDEN = {"model_onnx", "screenshot_png"}


class ResultDetailsDialog(QDialog):
    def __init__(self, result: dict, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle(self.tr("Result #{id}").format(id=result["id"]))
        self.resize(640, 480)
        form = QFormLayout()
        form.addRow(self.tr("Time"), QLabel(format_time(result["created_at"], seconds=True)))
        titles = {t.key: tab_title(t) for t in TABS}
        form.addRow(self.tr("Capability"), QLabel(titles.get(result["capability"], result["capability"])))
        path = QLabel(input_text(result["input"]))
        path.setWordWrap(True)
        form.addRow(self.tr("Input"), path)
        form.addRow(self.tr("Outcome"), QLabel(outcome_text(result["capability"], result["outcome"])))
        model = f"{result.get('model_name')} {result.get('model_version')}" if result.get("model_name") else "—"
        form.addRow(self.tr("Model"), QLabel(model))
        self._note_edit = QLineEdit(result.get("note") or "")
        self._original_note = self._note_edit.text()
        form.addRow(self.tr("Note"), self._note_edit)
        details = {k: _decode(v) for k, v in result.items() if k not in HIDDEN}
        text = QPlainTextEdit(json.dumps(details, indent=2, ensure_ascii=False, default=str))
        text.setReadOnly(True)
        # The raw record (ids, hashes, epoch times) is for a bug report, behind a toggle.
        text.setVisible(False)
        toggle = QToolButton()
        toggle.setText(self.tr("Technical details"))
        toggle.setCheckable(True)
        toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toggle.setArrowType(Qt.ArrowType.RightArrow)
        toggle.toggled.connect(text.setVisible)
        toggle.toggled.connect(lambda on: toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow))
        self.details_toggle = toggle
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(toggle)
        layout.addWidget(text, 1)
        layout.addStretch(0)
        layout.addWidget(buttons)

    @property
    def note(self) -> str:
        return self._note_edit.text().strip()

    @property
    def note_changed(self) -> bool:
        return self.note != self._original_note.strip()


def _decode(value):  # noqa: ANN001, ANN202
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value
