"""The Documents tab's exports (a mixin of `DocumentsTab`): the batch report (CSV, JSON: model and
reviewed verdicts), annotated pages of the selection or the whole batch, and reviewed documents as YOLO
training data."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from alyesdesk.inference.documents.check import DocumentCheck
from alyesdesk.inference.documents.report import write_csv, write_json
from alyesdesk.inference.documents.review import export_yolo
from alyesdesk.inference.errors import ImageError
from alyesdesk.ui.context import ERROR, INFO, WARNING
from alyesdesk.ui.documents.export import export_documents


class ExportActions:
    """Needs the tab's `ctx`, `docs`, `queue`, `whole_batch`, `_load` and `_colour`."""

    ctx: Any
    docs: list[DocumentCheck]
    queue: Any
    whole_batch: Any
    _load: Any
    _colour: Any

    # --- exports -----------------------------------------------------------------------------------
    def _on_report_clicked(self, kind: str) -> None:
        if not self.docs:
            return
        path, _ = QFileDialog.getSaveFileName(self, QCoreApplication.translate("ExportActions", "Save batch report"), f"signature_report.{kind}",
                                              "CSV (*.csv)" if kind == "csv" else "JSON (*.json)")
        if path:
            self.save_report(path, kind)

    def save_report(self, path: str, kind: str) -> None:
        try:
            (write_csv if kind == "csv" else write_json)(self.docs, path)
        except OSError as exc:
            self.ctx.notify(QCoreApplication.translate("ExportActions", "Report not saved: {value}").format(value=(exc.strerror or exc)), ERROR)
            return
        self.ctx.notify(QCoreApplication.translate("ExportActions", "Report saved: {path}").format(path=path), INFO)

    def export_targets(self) -> list[DocumentCheck]:
        """The documents an annotated export writes: the whole batch, or the selection."""
        return list(self.docs) if self.whole_batch.isChecked() else self.queue.selected_docs()

    def _on_annotated_clicked(self, kind: str) -> None:
        docs = [d for d in self.export_targets() if d.status == "ok"]
        if not docs:
            return
        if len(docs) == 1:
            path, _ = QFileDialog.getSaveFileName(self, QCoreApplication.translate("ExportActions", "Export annotated document"), f"{docs[0].path.stem}_signatures.{kind}",
                                                  "PDF (*.pdf)" if kind == "pdf" else "PNG (*.png)")
        else:
            path = QFileDialog.getExistingDirectory(self, QCoreApplication.translate("ExportActions", "Folder for {value} annotated documents").format(value=(len(docs))))
        if path:
            self.export_annotated(path, kind, docs)

    def export_annotated(self, path: str, kind: str, docs: list[DocumentCheck] | None = None) -> None:
        docs = [d for d in (self.export_targets() if docs is None else docs) if d.status == "ok"]
        if not docs:
            return
        try:
            export_documents(docs, self._load, path, kind, self._colour())
        except (ImageError, OSError) as exc:
            self.ctx.notify(QCoreApplication.translate("ExportActions", "Export failed: {exc}").format(exc=exc), ERROR)
            return
        self.ctx.notify(QCoreApplication.translate("ExportActions", "Exported {value} document(s) to {path}").format(value=(len(docs)), path=path), INFO)

    def _on_training_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, QCoreApplication.translate("ExportActions", "Folder for the training data (images/ and labels/)"))
        if folder:
            self.export_training(folder)

    def export_training(self, folder: str) -> int:
        try:
            n = export_yolo(self.docs, folder, self._load)
        except (ImageError, OSError) as exc:
            self.ctx.notify(QCoreApplication.translate("ExportActions", "Training data not written: {exc}").format(exc=exc), ERROR)
            return 0
        self.ctx.notify(QCoreApplication.translate("ExportActions", "Wrote {n} reviewed page(s) as YOLO training data to {folder}").format(n=n, folder=folder) if n else
                        QCoreApplication.translate("ExportActions", "No reviewed document to export: review some first"), INFO if n else WARNING)
        return n

