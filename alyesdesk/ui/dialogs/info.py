"""Help > Diagnostics (copyable) and Help > About (versions and model licences)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import json

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout

from alyesdesk import __version__
from alyesdesk.diagnostics import report, versions
from alyesdesk.inference import catalog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class DiagnosticsDialog(QDialog):
    """Shows `data` (a `diagnostics.report()`); without it the report is made here, cameras included,
    which blocks: the window makes it in a worker first (`run_call`) and passes it in."""

    def __init__(self, parent: QWidget | None = None, data: dict | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Diagnostics"))
        self.resize(720, 560)
        self.text = json.dumps(report(cameras=True) if data is None else data, indent=2, ensure_ascii=False)
        view = QPlainTextEdit(self.text)
        view.setReadOnly(True)
        copy = QPushButton(self.tr("Copy to clipboard"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Paste this into bug reports (home paths are not included in error logs).")))
        layout.addWidget(view, 1)
        layout.addWidget(buttons)


def about_html() -> str:
    rows = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in versions().items())
    found, _ = catalog.scan()
    model_rows = []
    for m in found:
        data = "<br>".join(m.spec.data_licences) or "—"
        model_rows.append(
            f"<tr><td><b>{m.spec.name}</b> {m.spec.version}<br><small>{m.spec.task}</small></td>"
            f"<td>{m.spec.licence}<br><small>{data}</small></td></tr>"
        )
    none = QCoreApplication.translate("AboutDialog", "No models installed.")
    models = "".join(model_rows) or f"<tr><td colspan=2>{none}</td></tr>"
    return (
        f"<h2>AlyesDesk {__version__}</h2>"
        + QCoreApplication.translate("AboutDialog", "<p>A local, offline computer-vision workbench. Nothing leaves this computer; results are kept "
              "in an encrypted database.</p>")
        + QCoreApplication.translate("AboutDialog", "<h3>Models and their data licences</h3>") + f"<table cellpadding=3>{models}</table>"
        + QCoreApplication.translate("AboutDialog", "<h3>Versions</h3>") + f"<table cellpadding=2>{rows}</table>"
    )



class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About AlyesDesk"))
        self.resize(640, 620)
        label = QLabel(about_html())
        label.setWordWrap(True)
        label.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label, 1)
        layout.addWidget(buttons)
