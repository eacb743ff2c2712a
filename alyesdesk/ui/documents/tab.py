"""Documents: drop scans and PDFs, find and count handwritten signatures, flag unsigned documents.

Thin on purpose: checking runs in `CheckDocumentsWorker` (alyesdesk/inference/documents/check.py does the
work), the viewer is `PageViewer`, exports live in `documents_export`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alyesdesk.inference import catalog
from alyesdesk.inference.documents.pages import DOCUMENT_SUFFIXES, load_page
from alyesdesk.inference.documents.check import NEEDS_REVIEW, SIGNED, UNSIGNED, VERDICT_TEXT, DocumentCheck
from alyesdesk.inference.documents.report import annotate, write_csv, write_json
from alyesdesk.inference.errors import ImageError, ModelError
from alyesdesk.inference.sidecar import SidecarError
from alyesdesk.ui.context import ERROR, INFO, WARNING, AppContext
from alyesdesk.ui.widgets.drop_zone import DropZone
from alyesdesk.ui.documents.export import export_pdf, export_pngs
from alyesdesk.ui.documents.viewer import PageViewer
from alyesdesk.ui.documents.worker import CheckDocumentsWorker
from alyesdesk.ui.documents.pdf_render import render_page
from alyesdesk.ui.workers import WorkerHandle, start_worker

COLUMNS = ("Document", "Pages", "Signatures", "Verdict")
VERDICT_COLOURS = {SIGNED: "#2e7d32", UNSIGNED: "#c62828", NEEDS_REVIEW: "#ef6c00", None: "#757575"}


class DocumentsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.docs: list[DocumentCheck] = []
        self._handle: WorkerHandle | None = None
        self._pending: list[str] = []
        self._info: catalog.ModelInfo | None = None
        self._page_cache: tuple[str, int, object] | None = None

        self.drop = DropZone("Drop scans (PNG, JPEG, TIFF) or PDFs here, or whole folders — or click to choose files")
        self.folder_button = QPushButton("Add folder…")
        self.expected = QSpinBox()
        self.expected.setRange(1, 99)
        self.expected.setValue(1)
        self.expected.setToolTip("Signatures each document must carry to count as signed (applies to the next checks)")
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setVisible(False)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.viewer = PageViewer()

        self.csv_button = QPushButton("Report CSV…")
        self.json_button = QPushButton("Report JSON…")
        self.pdf_button = QPushButton("Annotated PDF…")
        self.png_button = QPushButton("Annotated PNG…")
        self.clear_button = QPushButton("Clear list")
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.drop, 1)
        side = QVBoxLayout()
        side.addWidget(self.folder_button)
        row = QHBoxLayout()
        row.addWidget(QLabel("Expected signatures:"))
        row.addWidget(self.expected)
        side.addLayout(row)
        top.addLayout(side)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.viewer)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([380, 900])
        bottom = QHBoxLayout()
        for b in (self.csv_button, self.json_button, self.pdf_button, self.png_button, self.clear_button):
            bottom.addWidget(b)
        bottom.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(progress_row)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.drop.paths_dropped.connect(self.check_paths)
        self.drop.clicked.connect(self._on_choose_files_clicked)
        self.folder_button.clicked.connect(self._on_choose_folder_clicked)
        self.cancel_button.clicked.connect(self.cancel)
        self.table.itemSelectionChanged.connect(self._on_selection_changed)
        self.viewer.page_requested.connect(self._show_page)
        self.csv_button.clicked.connect(lambda: self._on_report_clicked("csv"))
        self.json_button.clicked.connect(lambda: self._on_report_clicked("json"))
        self.pdf_button.clicked.connect(lambda: self._on_annotated_clicked("pdf"))
        self.png_button.clicked.connect(lambda: self._on_annotated_clicked("png"))
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self._update_buttons()
        self._show_model_status()

    # --- model -------------------------------------------------------------------------------------
    def _model(self) -> catalog.ModelInfo | None:
        try:
            self._info = catalog.active_model("detect")
        except (ModelError, SidecarError) as exc:
            self._info = None
            self.ctx.notify(f"Documents: {exc}", ERROR)
        return self._info

    def _show_model_status(self) -> None:
        try:
            info = catalog.active_model("detect")
        except (ModelError, SidecarError) as exc:
            self.status_label.setText(f"No signature model: {exc}")
            return
        score = info.spec.thresholds.get("score")
        review = info.spec.thresholds.get("review", score)
        store = "results are stored" if self.ctx.db is not None else "database locked: results are not stored"
        verifier = info.spec.get("documents.verifier")
        second = f" · second look by {Path(verifier).stem}" if verifier else ""
        self.status_label.setText(f"Model {info.spec.name} {info.spec.version} · signature ≥ {score:.2f}, "
                                  f"review ≥ {review:.2f}{second} · {store}")

    # --- checking ----------------------------------------------------------------------------------
    def check_paths(self, paths: list[str]) -> None:
        """Check documents and folders in the background (queued if a check is running)."""
        if self._handle is not None and self._handle.is_running():
            self._pending.extend(paths)
            self.ctx.notify(f"Queued {len(paths)} item(s) after the current check", INFO)
            return
        info = self._model()
        if info is None:
            return
        worker = CheckDocumentsWorker(list(paths), self.expected.value(), info, self.ctx.db)
        worker.document_checked.connect(self._on_document_checked)
        worker.progressed.connect(self._on_progressed)
        worker.finished.connect(self._on_check_finished)
        worker.failed.connect(self._on_check_failed)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)
        self._handle = start_worker(worker, self)

    def cancel(self) -> None:
        if self._handle is not None:
            self._pending.clear()
            self._handle.worker.stop_requested.set()
            self.cancel_button.setEnabled(False)

    def is_busy(self) -> bool:
        return self._handle is not None and self._handle.is_running()

    def _on_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} / {total} documents")

    def _on_document_checked(self, doc: DocumentCheck) -> None:
        self.docs.append(doc)
        self._add_row(doc)
        if doc.storage_error:
            self.ctx.report_unstored(doc.path.name, doc.storage_error)
        if len(self.docs) == 1 or not self.table.selectedItems():
            self.table.selectRow(len(self.docs) - 1)

    def _on_check_finished(self, docs: object) -> None:
        self._finish_run()
        checked = list(docs or [])
        if checked:
            missing = sum(1 for d in checked if not d.meets_expectation)
            self.ctx.notify(f"Checked {len(checked)} document(s): {missing} unsigned, needing review or unreadable",
                            WARNING if missing else INFO)
            if self.ctx.db is not None:
                self.ctx.results_changed.emit("documents")
        elif not self._pending:
            self.ctx.notify("No documents found (images, TIFF or PDF files)", WARNING)
        self._start_pending()

    def _on_check_failed(self, message: str) -> None:
        self._finish_run()
        self.ctx.notify(f"Document check failed: {message}", ERROR)
        self._start_pending()

    def _finish_run(self) -> None:
        self._handle = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._update_buttons()

    def _start_pending(self) -> None:
        if self._pending:
            paths, self._pending = self._pending, []
            self.check_paths(paths)

    # --- list --------------------------------------------------------------------------------------
    def _add_row(self, doc: DocumentCheck) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QTableWidgetItem(doc.path.name)
        name.setToolTip(str(doc.path) + (f"\n{doc.error}" if doc.error else ""))
        pages = QTableWidgetItem(str(len(doc.pages)) if doc.pages else "–")
        count = QTableWidgetItem(f"{doc.count} / {doc.expected}" + (f" (+{doc.review_count}?)" if doc.review_count else ""))
        verdict = QTableWidgetItem(VERDICT_TEXT.get(doc.verdict, "error"))
        verdict.setForeground(QBrush(QColor(VERDICT_COLOURS.get(doc.verdict, "#757575"))))
        font = verdict.font()
        font.setBold(True)
        verdict.setFont(font)
        if doc.status != "ok":
            verdict.setToolTip(doc.error or "")
        for col, item in enumerate((name, pages, count, verdict)):
            if col:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, col, item)
        self._update_buttons()

    def current_doc(self) -> DocumentCheck | None:
        rows = self.table.selectionModel().selectedRows()
        return self.docs[rows[0].row()] if rows and rows[0].row() < len(self.docs) else None

    def _on_selection_changed(self) -> None:
        doc = self.current_doc()
        self._update_buttons()
        if doc is None:
            self.viewer.clear()
        elif doc.status != "ok":
            self.viewer.clear(f"{doc.path.name}: {doc.error}")
        else:
            self._show_page(0)

    def _load(self, doc: DocumentCheck, index: int):
        key = (str(doc.path), index)
        if self._page_cache is not None and self._page_cache[:2] == key:
            return self._page_cache[2]
        long_side = int(self._info.spec.get("documents.pdf_long_side_px", 1000)) if self._info else 1000
        image = load_page(doc.path, index, pdf_long_side=long_side, pdf_page=render_page)
        self._page_cache = (*key, image)
        return image

    def _colour(self) -> str:
        return self._info.spec.categories[0][1] if self._info and self._info.spec.categories else "#e6194b"

    def _show_page(self, index: int) -> None:
        doc = self.current_doc()
        if doc is None or not doc.pages:
            return
        index = max(0, min(index, len(doc.pages) - 1))
        page = doc.pages[index]
        if page.error:
            self.viewer.show_page(index, len(doc.pages), None, None, f"Page {page.page}: {page.error}")
            return
        try:
            image = self._load(doc, index)
        except (ImageError, OSError) as exc:
            self.viewer.show_page(index, len(doc.pages), None, None, f"Cannot show this page: {exc}")
            return
        boxed = annotate(image, page, self._colour())
        self.viewer.show_page(index, len(doc.pages), image, boxed, self._page_text(doc, page))

    @staticmethod
    def _page_text(doc: DocumentCheck, page) -> str:
        scores = ", ".join(f"{b.score:.2f}" + ("" if b.verifier is None else f" (verifier {b.verifier:.2f})")
                           for b in page.boxes if not b.review) or "none"
        parts = [f"<b>{doc.path.name}</b> — {VERDICT_TEXT.get(doc.verdict)}: {doc.count} of {doc.expected} expected "
                 f"signature(s) · this page: {page.count} (scores {scores})"]
        if page.review_count:
            parts.append(f"{page.review_count} uncertain box(es) to review (orange)")
        if page.rotation:
            parts.append(f"scan read turned {page.rotation}°")
        if page.warning:
            parts.append(f"⚠ {page.warning}")
        return " · ".join(parts)

    # --- exports -----------------------------------------------------------------------------------
    def _on_report_clicked(self, kind: str) -> None:
        if not self.docs:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Save batch report", f"signature_report.{kind}",
                                              "CSV (*.csv)" if kind == "csv" else "JSON (*.json)")
        if path:
            self.save_report(path, kind)

    def save_report(self, path: str, kind: str) -> None:
        try:
            (write_csv if kind == "csv" else write_json)(self.docs, path)
        except OSError as exc:
            self.ctx.notify(f"Report not saved: {exc.strerror or exc}", ERROR)
            return
        self.ctx.notify(f"Report saved: {path}", INFO)

    def _on_annotated_clicked(self, kind: str) -> None:
        doc = self.current_doc()
        if doc is None or doc.status != "ok":
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export annotated document", f"{doc.path.stem}_signatures.{kind}",
                                              "PDF (*.pdf)" if kind == "pdf" else "PNG (*.png)")
        if path:
            self.export_annotated(path, kind)

    def export_annotated(self, path: str, kind: str) -> None:
        doc = self.current_doc()
        if doc is None:
            return
        try:
            if kind == "pdf":
                export_pdf(doc, lambda i: self._load(doc, i), path, self._colour())
            else:
                export_pngs(doc, lambda i: self._load(doc, i), path, self._colour())
        except (ImageError, OSError) as exc:
            self.ctx.notify(f"Export failed: {exc}", ERROR)
            return
        self.ctx.notify(f"Exported {path}", INFO)

    # --- misc --------------------------------------------------------------------------------------
    def _on_choose_files_clicked(self) -> None:
        patterns = " ".join(f"*{s}" for s in DOCUMENT_SUFFIXES)
        paths, _ = QFileDialog.getOpenFileNames(self, "Choose documents", "", f"Documents ({patterns})")
        if paths:
            self.check_paths(paths)

    def _on_choose_folder_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a folder of documents")
        if folder:
            self.check_paths([folder])

    def _on_clear_clicked(self) -> None:
        if self.is_busy():
            return
        self.docs.clear()
        self.table.setRowCount(0)
        self._page_cache = None
        self.viewer.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        doc = self.current_doc() if hasattr(self, "table") else None
        busy = self.is_busy()
        self.csv_button.setEnabled(bool(self.docs))
        self.json_button.setEnabled(bool(self.docs))
        self.pdf_button.setEnabled(doc is not None and doc.status == "ok")
        self.png_button.setEnabled(doc is not None and doc.status == "ok")
        self.clear_button.setEnabled(bool(self.docs) and not busy)

    def on_shown(self) -> None:
        self._show_model_status()

    def shutdown(self) -> None:
        self._pending.clear()
        if self._handle is not None:
            self._handle.stop()
            self._handle = None
