"""The Documents tab's exports (a mixin of `DocumentsTab`): the batch report (CSV, JSON: model and
reviewed verdicts), annotated pages of the selection or the whole batch, and reviewed documents as YOLO
training data."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from alyesdesk.inference.documents.check import DocumentCheck
from alyesdesk.inference.documents.report import write_csv, write_json
from alyesdesk.inference.documents.review import export_yolo
from alyesdesk.inference.errors import ImageError
from alyesdesk.ui.context import WARNING
from alyesdesk.ui.documents.export import export_documents
from alyesdesk.ui.widgets.exporting import ask_folder, ask_save_path, report_export_failed, report_exported


class ExportActions:
    """Needs the tab's `ctx`, `docs`, `queue`, `whole_batch`, `_load` and `_colour`."""

    ctx: Any
    docs: list[DocumentCheck]
    queue: Any
    whole_batch: Any
    _load: Any
    _colour: Any

    # --- exports -----------------------------------------------------------------------------------
    def _on_export_chosen(self, kind: str) -> None:
        """An entry of the Export menu: 'csv', 'json' (report), 'pdf', 'png' (annotated) or 'training'."""
        if kind in ("csv", "json"):
            self._on_report_clicked(kind)
        elif kind in ("pdf", "png"):
            self._on_annotated_clicked(kind)
        else:
            self._on_training_clicked()

    def _on_report_clicked(self, kind: str) -> None:
        if not self.docs:
            return
        path = ask_save_path(self, QCoreApplication.translate("ExportActions", "Save batch report"), f"signature_report.{kind}",
                             "CSV (*.csv)" if kind == "csv" else "JSON (*.json)")
        if path:
            self.save_report(path, kind)

    def save_report(self, path: str, kind: str) -> None:
        try:
            (write_csv if kind == "csv" else write_json)(self.docs, path)
        except OSError as exc:
            report_export_failed(self.ctx, exc)
            return
        report_exported(self.ctx, path)

    def export_targets(self) -> list[DocumentCheck]:
        """The documents an annotated export writes: the whole batch, or the selection."""
        return list(self.docs) if self.whole_batch.isChecked() else self.queue.selected_docs()

    def _on_annotated_clicked(self, kind: str) -> None:
        docs = [d for d in self.export_targets() if d.status == "ok"]
        if not docs:
            return
        if len(docs) == 1:
            path = ask_save_path(self, QCoreApplication.translate("ExportActions", "Export annotated document"), f"{docs[0].path.stem}_signatures.{kind}",
                                 "PDF (*.pdf)" if kind == "pdf" else "PNG (*.png)")
        else:
            path = ask_folder(self, QCoreApplication.translate("ExportActions", "Folder for {value} annotated documents").format(value=(len(docs))))
        if path:
            self.export_annotated(path, kind, docs)

    def export_annotated(self, path: str, kind: str, docs: list[DocumentCheck] | None = None) -> None:
        docs = [d for d in (self.export_targets() if docs is None else docs) if d.status == "ok"]
        if not docs:
            return
        try:
            export_documents(docs, self._load, path, kind, self._colour())
        except (ImageError, OSError) as exc:
            report_export_failed(self.ctx, exc)
            return
        report_exported(self.ctx, path, detail=QCoreApplication.translate("ExportActions", "{value} document(s)").format(value=len(docs)))

    def _on_training_clicked(self) -> None:
        folder = ask_folder(self, QCoreApplication.translate("ExportActions", "Folder for the training data (images/ and labels/)"))
        if folder:
            self.export_training(folder)

    def export_training(self, folder: str) -> int:
        try:
            n = export_yolo(self.docs, folder, self._load)
        except (ImageError, OSError) as exc:
            report_export_failed(self.ctx, exc)
            return 0
        if n:
            report_exported(self.ctx, folder, detail=QCoreApplication.translate("ExportActions", "{n} reviewed page(s) as YOLO training data").format(n=n))
        else:
            self.ctx.notify(QCoreApplication.translate("ExportActions", "No reviewed document to export: review some first"), WARNING)
        return n

