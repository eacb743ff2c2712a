"""Documents: drop scans and PDFs, find and count handwritten signatures, flag unsigned documents.

Thin on purpose: checking runs in `CheckDocumentsWorker` (alyesdesk/inference/documents/check.py does the
work), the batch is the `ReviewQueue` (queue.py), a person's decisions are made in the `ReviewPanel`
(review_panel.py) and stored beside the model's answer, the viewer is `PageViewer`, exports live in
`export.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from alyesdesk.inference import catalog
from alyesdesk.inference.documents.pages import DOCUMENT_SUFFIXES, load_page
from alyesdesk.inference.documents.check import DocumentCheck
from alyesdesk.inference.documents.report import annotate
from alyesdesk.inference.documents.review import Review, reviewed_page
from alyesdesk.inference.errors import ImageError, ModelError
from alyesdesk.inference.sidecar import SidecarError
from alyesdesk.ui.context import ERROR, INFO, WARNING, AppContext
from alyesdesk.ui.widgets.drop_zone import DropZone
from alyesdesk.ui.widgets.exporting import ExportButton
from alyesdesk.ui.widgets.file_problems import FileProblems, problem_reason
from alyesdesk.ui.documents.export_actions import ExportActions
from alyesdesk.ui.documents.queue import ReviewQueue
from alyesdesk.ui.documents.review_panel import ReviewPanel, page_summary
from alyesdesk.ui.documents.viewer import PageViewer
from alyesdesk.ui.documents.worker import CheckDocumentsWorker
from alyesdesk.ui.documents.pdf_render import render_page
from alyesdesk.ui.error_text import localized
from alyesdesk.ui.workers import WorkerHandle, start_worker
from alyesdesk.ui import file_dialogs

if TYPE_CHECKING:
    import numpy as np



class DocumentsTab(ExportActions, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.docs: list[DocumentCheck] = []
        self._handle: WorkerHandle | None = None
        self._pending: list[str] = []
        self._info: catalog.ModelInfo | None = None
        self._page_cache: tuple[str, int, object] | None = None

        self.drop = DropZone(self.tr("Drop scans (PNG, JPEG, TIFF) or PDFs here, or whole folders — or click to choose files"))
        self.folder_button = QPushButton(self.tr("Add folder…"))
        self.folder_button.setToolTip(self.tr("Check every scan and PDF of a folder in one batch"))
        self.problems = FileProblems()  # files that could not be read: inline, each once
        self.expected = QSpinBox()
        self.expected.setRange(1, 99)
        self.expected.setValue(1)
        self.expected.setToolTip(self.tr("Signatures each document must carry to count as signed (applies to the next checks)"))
        self.per_page = QSpinBox()
        self.per_page.setRange(0, 99)
        self.per_page.setSpecialValueText(self.tr("any"))
        self.per_page.setToolTip(self.tr("Signatures every page must carry as well (any: no per-page rule; next checks)"))
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the batch; the documents already checked stay"))
        self.cancel_button.setVisible(False)

        self.queue = ReviewQueue(self.docs)
        self.viewer = PageViewer()
        self.review = ReviewPanel(self)

        # One Export menu, as in every tab with several exports; the entries keep their old names.
        self.export_button = ExportButton()
        self.csv_button = self.export_button.add("csv", self.tr("Report CSV…"))
        self.json_button = self.export_button.add("json", self.tr("Report JSON…"))
        self.pdf_button = self.export_button.add("pdf", self.tr("Annotated PDF…"))
        self.png_button = self.export_button.add("png", self.tr("Annotated PNG…"))
        self.whole_batch = QCheckBox(self.tr("whole batch"))
        self.whole_batch.setToolTip(self.tr("Annotated exports: every document, not only the selected ones"))
        self.training_button = self.export_button.add("training", self.tr("Training data…"), self.tr(
            "Export the reviewed documents as YOLO training data (images/, labels/)"))
        self.clear_button = QPushButton(self.tr("Clear list"))
        self.clear_button.setToolTip(self.tr("Empty this list (stored results stay in History)"))
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.drop, 1)
        side = QVBoxLayout()
        side.addWidget(self.folder_button)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Expected signatures:")))
        row.addWidget(self.expected)
        row.addWidget(QLabel(self.tr("per page:")))
        row.addWidget(self.per_page)
        side.addLayout(row)
        top.addLayout(side)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.viewer, 1)
        right_layout.addWidget(self.review)
        splitter.addWidget(self.queue)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([520, 760])  # the list shows its columns at 1280 px; the viewer takes the rest
        bottom = QHBoxLayout()
        for b in (self.export_button, self.whole_batch, self.clear_button):
            bottom.addWidget(b)
        bottom.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.problems)
        layout.addLayout(progress_row)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.drop.paths_dropped.connect(self.check_paths)
        self.drop.clicked.connect(self._on_choose_files_clicked)
        self.folder_button.clicked.connect(self._on_choose_folder_clicked)
        self.cancel_button.clicked.connect(self.cancel)
        self.queue.current_changed.connect(lambda _doc: self._on_selection_changed())
        self.queue.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.viewer.page_requested.connect(self._show_page)
        self.viewer.box_drawn.connect(self.review.add_drawn)
        self.review.draw_requested.connect(self.viewer.boxed.start_drawing)
        self.review.changed.connect(self._on_review_changed)
        self.export_button.export_chosen.connect(self._on_export_chosen)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.whole_batch.toggled.connect(lambda _on: self._update_buttons())
        self._update_buttons()
        self._show_model_status()

    # --- model -------------------------------------------------------------------------------------
    def _model(self) -> catalog.ModelInfo | None:
        try:
            self._info = catalog.active_model("detect")
        except (ModelError, SidecarError) as exc:
            self._info = None
            self.ctx.notify(self.tr("Documents: {exc}").format(exc=exc), ERROR)
        return self._info

    def _show_model_status(self) -> None:
        try:
            info = catalog.active_model("detect")
        except (ModelError, SidecarError) as exc:
            self.status_label.setText(self.tr("No signature model: {exc}").format(exc=exc))
            return
        score = info.spec.thresholds.get("score")
        review = info.spec.thresholds.get("review", score)
        store = self.tr("results are stored") if self.ctx.db is not None else self.tr("database locked: results are not stored")
        verifier = info.spec.get("documents.verifier")
        second = self.tr(" · second look by {value}").format(value=(Path(verifier).stem)) if verifier else ""
        self.status_label.setText(self.tr("Model {name} {version} · signature ≥ {score:.2f}, review ≥ {review:.2f}{second} "
                                          "· {store}").format(name=info.spec.name, version=info.spec.version, score=score, review=review, second=second, store=store))

    # --- checking ----------------------------------------------------------------------------------
    def check_paths(self, paths: list[str]) -> None:
        """Check documents and folders in the background (queued if a check is running)."""
        if self._handle is not None and self._handle.is_running():
            self._pending.extend(paths)
            self.ctx.notify(self.tr("Queued {value} item(s) after the current check").format(value=(len(paths))), INFO)
            return
        info = self._model()
        if info is None:
            return
        self.problems.clear()  # the list is about the files of this check
        worker = CheckDocumentsWorker(list(paths), self.expected.value(), info, self.ctx.db, self.per_page.value())
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

    def busy_jobs(self) -> list[str]:
        """What closing the window would cut short (ui/close_guard.py asks first)."""
        return [self.tr("checking documents")] if self._handle is not None else []

    def _on_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("{done} / {total} documents").format(done=done, total=total))

    def _on_document_checked(self, doc: DocumentCheck) -> None:
        self.queue.add(doc)  # appends to self.docs (shared with the queue's model)
        if doc.status != "ok":
            self.problems.report(doc.path, doc.error)
        elif doc.storage_error:  # an unreadable file is listed once, above: not also as "not stored"
            self.ctx.report_unstored(doc.path.name, doc.storage_error)
        if self.queue.current_doc() is None:
            self.queue.select_doc(doc)
        self._update_buttons()

    def _on_check_finished(self, docs: object) -> None:
        self._finish_run()
        checked = list(docs or [])
        if checked:
            missing = sum(1 for d in checked if not d.meets_expectation)
            self.ctx.notify(self.tr("Checked {value} document(s): {missing} unsigned, needing review or unreadable").format(value=(len(checked)), missing=missing),
                            WARNING if missing else INFO)
            if self.ctx.db is not None:
                self.ctx.results_changed.emit("documents")
        elif not self._pending:
            self.ctx.notify(self.tr("No documents found (images, TIFF or PDF files)"), WARNING)
        self._start_pending()

    def _on_check_failed(self, message: str) -> None:
        self._finish_run()
        self.ctx.notify(self.tr("Document check failed: {message}").format(message=message), ERROR)
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

    # --- list and review ---------------------------------------------------------------------------
    def current_doc(self) -> DocumentCheck | None:
        return self.queue.current_doc()

    def _on_selection_changed(self) -> None:
        doc = self.current_doc()
        self._update_buttons()
        self.review.set_document(doc)
        if doc is None:
            self.viewer.clear()
        elif doc.status != "ok":
            self.viewer.clear(problem_reason(doc.path, doc.error))  # its name is in the list and above
        else:
            self._show_page(0, fit=True)

    def _on_review_changed(self, doc: DocumentCheck) -> None:
        """Store a person's decision beside the model's answer, refresh the row, the summary and the page."""
        self.queue.refresh(doc)
        if doc is self.current_doc() and doc.status == "ok":
            self._show_page(self.viewer.index)
        if self.ctx.db is None or doc.result_id is None or doc.review is None:
            self.ctx.notify(self.tr("{name}: review kept for this session only (the check is not stored)").format(name=doc.path.name), WARNING)
            return
        try:
            self.ctx.db.save_document_review(doc.result_id, doc.review.to_dict())
        except Exception as exc:  # noqa: BLE001 - a storage failure must not lose the decision on screen
            self.ctx.notify(self.tr("Review of {name} not stored: {exc}").format(name=doc.path.name, exc=localized(exc)), ERROR)
            return
        self.ctx.results_changed.emit("documents")

    def load_reviews(self) -> None:
        """Take in the stored reviews of the listed checks (e.g. after History changed them)."""
        if self.ctx.db is None:
            return
        stored = self.ctx.db.document_reviews([d.result_id for d in self.docs if d.result_id is not None])
        for doc in self.docs:
            if doc.result_id in stored:
                doc.review = Review.from_dict(stored[doc.result_id])
                self.queue.refresh(doc)

    def _load(self, doc: DocumentCheck, index: int) -> np.ndarray:  # a BGR page
        key = (str(doc.path), index)
        if self._page_cache is not None and self._page_cache[:2] == key:
            return self._page_cache[2]
        long_side = int(self._info.spec.get("documents.pdf_long_side_px", 1000)) if self._info else 1000
        image = load_page(doc.path, index, pdf_long_side=long_side, pdf_page=render_page)
        self._page_cache = (*key, image)
        return image

    def _colour(self) -> str:
        return self._info.spec.categories[0][1] if self._info and self._info.spec.categories else "#e6194b"

    def _show_page(self, index: int, fit: bool = False) -> None:
        doc = self.current_doc()
        if doc is None or not doc.pages:
            return
        index = max(0, min(index, len(doc.pages) - 1))
        page = doc.pages[index]
        self.review.set_document(doc, index + 1)
        if page.error:
            self.viewer.show_page(index, len(doc.pages), None, None, self.tr("Page {page}: {error}").format(page=page.page, error=localized(page.error)), fit)
            return
        try:
            image = self._load(doc, index)
        except (ImageError, OSError) as exc:
            self.viewer.show_page(index, len(doc.pages), None, None, self.tr("Cannot show this page: {exc}").format(exc=localized(exc)), fit)
            return
        boxed = annotate(image, reviewed_page(page, doc.review), self._colour())
        self.viewer.show_page(index, len(doc.pages), image, boxed, page_summary(doc, page), fit)

    # --- misc --------------------------------------------------------------------------------------
    def _on_choose_files_clicked(self) -> None:
        patterns = " ".join(f"*{s}" for s in DOCUMENT_SUFFIXES)
        paths = file_dialogs.open_files(self, file_dialogs.DOCUMENTS, self.tr("Choose documents"),
                                        self.tr("Documents ({patterns})").format(patterns=patterns), recent_tab="documents")
        if paths:
            self.check_paths(paths)

    def _on_choose_folder_clicked(self) -> None:
        folder = file_dialogs.open_folder(self, file_dialogs.DOCUMENTS, self.tr("Choose a folder of documents"))
        if folder:
            self.check_paths([folder])

    def _on_clear_clicked(self) -> None:
        if self.is_busy():
            return
        self.queue.clear()
        self.problems.clear()
        self._page_cache = None
        self.review.set_document(None)
        self.viewer.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        if not hasattr(self, "queue"):
            return
        busy = self.is_busy()
        exportable = any(d.status == "ok" for d in self.docs) if self.whole_batch.isChecked() else any(
            d.status == "ok" for d in self.queue.selected_docs())
        for b in (self.csv_button, self.json_button, self.training_button):
            b.setEnabled(bool(self.docs))
        self.pdf_button.setEnabled(exportable)
        self.png_button.setEnabled(exportable)
        self.clear_button.setEnabled(bool(self.docs) and not busy)

    def on_shown(self) -> None:
        self._show_model_status()

    def shutdown(self) -> None:
        self._pending.clear()
        if self._handle is not None:
            self._handle.stop()
            self._handle = None
