"""File > Import model: pick an ONNX file; use its sidecar, or describe the model in a short form."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from alyesdesk.inference.importer import describe_in_subprocess, draft_sidecar, import_model
from alyesdesk.inference.registry import available_tasks
from alyesdesk.inference.sidecar import COLOR_ORDERS, RESIZE_POLICIES
from alyesdesk.ui.workers import Worker
from alyesdesk.ui import file_dialogs


class ImportWorker(Worker):
    """Copies and checks the model off the GUI thread (the check runs in a child process)."""

    def __init__(self, onnx_path: Path, sidecar: dict | None) -> None:
        super().__init__()
        self.onnx_path = onnx_path
        self.sidecar = sidecar

    def work(self) -> Path:
        return import_model(self.onnx_path, self.sidecar)


class SidecarForm(QDialog):
    """Writes a sidecar for a model that came without one."""

    def __init__(self, onnx_path: Path, description: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Describe {file}").format(file=onnx_path.name))
        self.description = description
        self.task = QComboBox()
        # A gaze model needs calibration metadata and a verifier only makes sense beside its detector (it
        # comes along when that detector is imported), so neither can be described from scratch here.
        self.task.addItems([t for t in available_tasks() if t not in ("gaze", "verify")])
        self.name = QLineEdit(onnx_path.stem)
        self.version = QLineEdit("1.0")
        self.licence = QLineEdit(placeholderText=self.tr("e.g. MIT, or 'private'"))
        self.labels = QLineEdit(placeholderText=self.tr("comma-separated, in output order"))
        self.color = QComboBox()
        self.color.addItems(COLOR_ORDERS)
        self.resize_policy = QComboBox()
        self.resize_policy.addItems(RESIZE_POLICIES)
        self.scale = QDoubleSpinBox(decimals=6, maximum=1000.0, value=1 / 255)
        self.mean = QLineEdit("0.485, 0.456, 0.406")
        self.std = QLineEdit("0.229, 0.224, 0.225")
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        shapes = "; ".join(f"{t['name']} {t['shape']}" for t in description["inputs"])
        form = QFormLayout()
        form.addRow(self.tr("Inputs found"), QLabel(shapes))
        for label, widget in ((self.tr("Task"), self.task), (self.tr("Name"), self.name),
                              (self.tr("Version"), self.version), (self.tr("Licence"), self.licence),
                              (self.tr("Labels"), self.labels), (self.tr("Colour order"), self.color),
                              (self.tr("Resize"), self.resize_policy), (self.tr("Scale"), self.scale),
                              (self.tr("Mean"), self.mean), (self.tr("Std"), self.std)):
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.sidecar: dict | None = None

    def _on_accepted(self) -> None:
        try:
            numbers = lambda text: [float(v) for v in text.split(",") if v.strip()]  # noqa: E731
            self.sidecar = draft_sidecar(
                self.description, self.task.currentText(), self.name.text().strip(), self.version.text().strip(),
                self.licence.text().strip() or "unspecified",
                [v.strip() for v in self.labels.text().split(",") if v.strip()],
                self.color.currentText(), self.resize_policy.currentText(), self.scale.value(),
                numbers(self.mean.text()), numbers(self.std.text()),
            )
        except ValueError as exc:
            self.error.setText(self.tr("Mean and std must be numbers separated by commas ({reason})").format(reason=exc))
            return
        self.accept()


def choose_model(parent: QWidget) -> tuple[Path, dict | None] | None:
    """Ask for an ONNX file and, when it has no sidecar, for its description. None when cancelled."""
    path = file_dialogs.open_file(
        parent, file_dialogs.MODELS, QCoreApplication.translate("SidecarForm", "Import model"),
        QCoreApplication.translate("SidecarForm", "ONNX models (*.onnx)"))
    if not path:
        return None
    onnx_path = Path(path)
    if onnx_path.with_suffix(".json").is_file():
        return onnx_path, None
    description = describe_in_subprocess(onnx_path)
    form = SidecarForm(onnx_path, description, parent)
    if not form.exec() or form.sidecar is None:
        return None
    return onnx_path, form.sidecar
