"""A stored result in words: what was found (material and bin, signatures and verdict, street areas, gaze
session figures), its earlier versions, a note, and "Open in its tab" / "Show in folder". The raw record
stays behind a "Technical details" toggle for bug reports."""

from __future__ import annotations

import json
import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QPushButton, QToolButton, QVBoxLayout, QWidget)

from alyesdesk.ui.i18n import format_time, input_text, label_text, outcome_text, status_text
from alyesdesk.ui.tabs import TABS, tab_title

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls

log = logging.getLogger(__name__)
HIDDEN = {"model_onnx", "screenshot_png"}



def _percent(value: float) -> str:
    return f"{value * 100:.0f} %"


def summary(result: dict, db: Any = None) -> list[tuple[str, str]]:
    """(label, value) lines that say what a result found, in the interface's language; never raw JSON."""
    capability = result.get("capability")
    try:
        if capability == "waste" and "label" in result:
            return _waste(result)
        if capability == "documents" and "verdict" in result:
            return _documents(result, db)
        if capability == "streets" and "areas" in result:
            return _streets(result)
        if capability == "gaze" and db is not None:
            return _gaze(result, db)
    except (ValueError, TypeError, KeyError) as exc:  # an odd old row: its outcome line still says it
        log.warning("result %s not summarised: %s", result.get("id"), exc)
    return [(translate("ResultSummary", "Result"), outcome_text(capability or "", result.get("outcome")))]


def _waste(result: dict) -> list[tuple[str, str]]:
    from alyesdesk.inference.waste import bins

    label = result.get("correction") or result["label"]
    lines = [(translate("ResultSummary", "Material"), label_text(label))]
    if result.get("correction") and result["correction"] != result["label"]:
        answer = f"{label_text(result['label'])} ({_percent(result['confidence'])})"
        lines.append((translate("ResultSummary", "Model's answer"), answer))
    else:
        lines.append((translate("ResultSummary", "Confidence"), _percent(result["confidence"])))
    rules = bins.resolve()
    advice = rules.advice(label) if rules is not None else None
    if advice is not None:
        where = translate("ResultSummary", "{bin} — {region}").format(bin=advice.container,
                                                                       region=rules.display_name())
        lines.append((translate("ResultSummary", "Bin"), where))
    probabilities = json.loads(result.get("probabilities") or "{}")
    others = sorted(((p, k) for k, p in probabilities.items() if k != result["label"]), reverse=True)[:2]
    if others:
        guesses = ", ".join(f"{label_text(k)} {_percent(p)}" for p, k in others)
        lines.append((translate("ResultSummary", "Next guesses"), guesses))
    return lines


def _documents(result: dict, db: Any) -> list[tuple[str, str]]:
    found = translate("ResultSummary", "{count} found, {expected} expected").format(
        count=result["signature_count"], expected=result["expected"])
    lines = [(translate("ResultSummary", "Verdict"), status_text(result["verdict"])),
             (translate("ResultSummary", "Signatures"), found),
             (translate("ResultSummary", "Pages"), str(result["page_count"]))]
    review = db.document_review(int(result["id"])) if db is not None else None
    if review is not None:
        verdict = review.get("verdict")
        lines.append((translate("ResultSummary", "Review"), status_text(verdict) if verdict
                      else translate("ResultSummary", "boxes checked by a person")))
        if review.get("note"):
            lines.append((translate("ResultSummary", "Review note"), str(review["note"])))
    return lines


def _streets(result: dict) -> list[tuple[str, str]]:
    areas = json.loads(result["areas"]) if isinstance(result["areas"], str) else dict(result["areas"])
    ranked = sorted(areas.items(), key=lambda kv: -kv[1])
    size = translate("ResultSummary", "{width} × {height} px").format(width=result["width"], height=result["height"])
    shown = [f"{label_text(name)} {_percent(share)}" for name, share in ranked if share >= 0.005][:6]
    return [(translate("ResultSummary", "Image size"), size),
            (translate("ResultSummary", "Areas"), ", ".join(shown) or "—")]


def _gaze(result: dict, db: Any) -> list[tuple[str, str]]:
    session = next((s for s in db.sessions() if s.get("result_id") == result["id"]), None)
    if session is None:  # a calibration: its outcome is already the accuracy in words
        return [(translate("ResultSummary", "Calibration"), outcome_text("gaze", result.get("outcome")))]
    ended = session.get("ended_at") or session["started_at"]
    seconds = max(0.0, ended - session["started_at"])
    duration = translate("ResultSummary", "{minutes} min {seconds} s").format(minutes=int(seconds // 60),
                                                                             seconds=int(seconds % 60))
    lines = [(translate("ResultSummary", "Samples"), str(session["sample_count"])),
             (translate("ResultSummary", "Duration"), duration),
             (translate("ResultSummary", "Screen"), str(session["screen"]))]
    labels = {"participant": translate("ResultSummary", "Participant"), "study": translate("ResultSummary", "Study"),
              "stimulus": translate("ResultSummary", "Stimulus")}
    lines += [(label, str(session[key])) for key, label in labels.items() if session.get(key)]
    return lines


class HistoryDetailsDialog(QDialog):
    """One History entry: its summary, its versions (double-click one to see it), a note.

    Signals: open_requested(dict) and show_in_folder_requested(dict) with the result shown."""

    open_requested = Signal(dict)
    show_in_folder_requested = Signal(dict)
    version_chosen = Signal(int)

    def __init__(self, result: dict, versions: list[dict], db: Any = None, thumbnail: QPixmap | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result = result
        self.setWindowTitle(input_text(result["input"]))
        form = QFormLayout()
        titles = {t.key: tab_title(t) for t in TABS}
        form.addRow(self.tr("Checked"), QLabel(format_time(result["created_at"], seconds=True)))
        form.addRow(self.tr("Capability"), QLabel(titles.get(result["capability"], result["capability"])))
        path = QLabel(input_text(result["input"]))
        path.setWordWrap(True)
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("File"), path)
        model = f"{result.get('model_name')} {result.get('model_version')}" if result.get("model_name") else "—"
        form.addRow(self.tr("Model"), QLabel(model))
        self.summary_lines = summary(result, db)
        for label, value in self.summary_lines:
            shown = QLabel(value)
            shown.setWordWrap(True)
            form.addRow(label, shown)
        self._note_edit = QLineEdit(result.get("note") or "")
        self._original_note = self._note_edit.text()
        form.addRow(self.tr("Note"), self._note_edit)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        if thumbnail is not None and not thumbnail.isNull():
            picture = QLabel()
            picture.setPixmap(thumbnail)
            picture.setAlignment(Qt.AlignmentFlag.AlignTop)
            top.addWidget(picture)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        self.versions = QListWidget()
        self.versions.setObjectName("versions_list")
        if len(versions) > 1:
            layout.addWidget(QLabel(self.tr("Versions (checked {count} times with this model):").format(
                count=len(versions))))
            for version in versions:
                item = QListWidgetItem(f"{format_time(version['created_at'], seconds=True)} — "
                                       f"{outcome_text(version['capability'], version['outcome'])}")
                item.setData(Qt.ItemDataRole.UserRole, int(version["id"]))
                if version["id"] == result["id"]:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.versions.addItem(item)
            self.versions.setMaximumHeight(110)
            self.versions.itemActivated.connect(
                lambda item: self.version_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole))))
            layout.addWidget(self.versions)
        self.details_toggle = QToolButton()
        self.details_toggle.setText(self.tr("Technical details"))
        self.details_toggle.setCheckable(True)
        self.details_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_toggle.setArrowType(Qt.ArrowType.RightArrow)
        raw = QPlainTextEdit(json.dumps({k: v for k, v in result.items() if k not in HIDDEN}, indent=2,
                                        ensure_ascii=False, default=str))
        raw.setReadOnly(True)
        raw.setVisible(False)
        self.details_toggle.toggled.connect(raw.setVisible)
        self.details_toggle.toggled.connect(lambda on: self.details_toggle.setArrowType(
            Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow))
        self.details_toggle.toggled.connect(self._on_details_toggled)
        layout.addWidget(self.details_toggle)
        layout.addWidget(raw, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton(self.tr("Open in its tab"))
        self.folder_button = QPushButton(self.tr("Show in folder"))
        self.folder_button.setVisible(result["capability"] != "gaze")
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.folder_button.clicked.connect(lambda: self.show_in_folder_requested.emit(self.result))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(max(680, self.sizeHint().width()), self.sizeHint().height())

    def _on_details_toggled(self, shown: bool) -> None:
        if shown:  # the record needs room; hidden, the dialog is only as tall as what it says
            self.resize(self.width(), max(self.height(), 560))

    def _on_open_clicked(self) -> None:
        self.open_requested.emit(self.result)
        self.reject()

    @property
    def note(self) -> str:
        return self._note_edit.text().strip()

    @property
    def note_changed(self) -> bool:
        return self.note != self._original_note.strip()
