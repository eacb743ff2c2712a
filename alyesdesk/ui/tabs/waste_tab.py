"""Waste sorting: drop photos, get the material and the right bin for the region, correct mistakes.

The tab stays thin: classification runs in `ClassifyWorker` (which also stores results), bin advice
comes from `alyesdesk.inference.waste_bins`, dataset export from `alyesdesk.inference.classify`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from alyesdesk import paths
from alyesdesk.inference import catalog, waste_bins
from alyesdesk.inference.classify import FileResult, export_corrections
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.images import IMAGE_SUFFIXES
from alyesdesk.inference.waste_bins import Nomenclature, NomenclatureError
from alyesdesk.ui.context import ERROR, INFO, WARNING, AppContext
from alyesdesk.ui.waste_bins_dialog import BinsDialog
from alyesdesk.ui.waste_widgets import CELL, CORRECTION_ROLE, RESULT_ROLE, DetailPane, ResultDelegate
from alyesdesk.ui.widgets.drop_zone import DropZone, local_paths
from alyesdesk.ui.widgets.images import bgr_to_pixmap
from alyesdesk.ui.waste_workers import CallWorker, ClassifyWorker
from alyesdesk.ui.workers import WorkerHandle, start_worker

CAPABILITY = "waste"
IMAGE_FILTER = "Images (" + " ".join(f"*{s}" for s in IMAGE_SUFFIXES) + ");;All files (*)"


class _Callback(QObject):
    """Receives a worker's signal in the GUI thread (a plain closure would run in the worker's thread)."""

    def __init__(self, fn: Callable[[Any], None], parent: QObject) -> None:
        super().__init__(parent)
        self.fn = fn

    @Slot(object)
    def call(self, value: Any) -> None:
        try:
            self.fn(value)
        finally:
            self.deleteLater()


class WasteTab(QWidget):
    """Signals: `batch_finished(int)` (results shown), `correction_saved(int)` (result id),
    `export_finished(object)` (an ExportReport)."""

    batch_finished = Signal(int)
    correction_saved = Signal(int)
    export_finished = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._batch: WorkerHandle | None = None
        self._cancelled = False
        self._pending: list[str] = []
        self._calls: list[WorkerHandle] = []
        self._nomenclatures: dict[str, Nomenclature] = {}
        self.nomenclature: Nomenclature | None = None
        self.model_info: catalog.ModelInfo | None = None

        self.add_files_button = QPushButton("Add photos…")
        self.add_folder_button = QPushButton("Add folder…")
        self.paste_button = QPushButton("Paste")
        self.paste_button.setToolTip("Classify image files or an image from the clipboard (Ctrl+V)")
        self.region = QComboBox()
        self.region.setMinimumWidth(200)
        self.edit_bins_button = QPushButton("Edit bins…")
        self.import_bins_button = QPushButton("Import bins…")
        self.export_button = QPushButton("Export corrections as dataset…")
        self.clear_button = QPushButton("Clear")
        self.model_label = QLabel()
        self.model_label.setWordWrap(True)
        self.model_label.setStyleSheet("color: palette(placeholder-text);")

        self.drop_zone = DropZone("Drop photos or folders here: each item gets its material and the bin to use")
        self.drop_zone.setFixedHeight(64)
        self.grid = QListWidget()
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setUniformItemSizes(True)
        self.grid.setGridSize(QSize(CELL.width() + 6, CELL.height() + 6))
        self.grid.setSpacing(4)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setItemDelegate(ResultDelegate(self.grid))
        self.grid.setAcceptDrops(False)  # the drop zone and the tab handle drops
        self.detail = DetailPane()
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.hide()
        self.status = QLabel("No photos yet.")

        top = QHBoxLayout()
        for w in (self.add_files_button, self.add_folder_button, self.paste_button):
            top.addWidget(w)
        top.addSpacing(16)
        top.addWidget(QLabel("Region:"))
        top.addWidget(self.region)
        top.addWidget(self.edit_bins_button)
        top.addWidget(self.import_bins_button)
        top.addStretch(1)
        top.addWidget(self.export_button)
        top.addWidget(self.clear_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.drop_zone)
        left_layout.addWidget(self.grid, 1)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.model_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.setAcceptDrops(True)

        self.add_files_button.clicked.connect(self._on_add_files_clicked)
        self.add_folder_button.clicked.connect(self._on_add_folder_clicked)
        self.paste_button.clicked.connect(self.paste)
        QShortcut(QKeySequence.StandardKey.Paste, self, activated=self.paste)
        self.drop_zone.paths_dropped.connect(self.add_paths)
        self.drop_zone.image_dropped.connect(self._on_image_dropped)
        self.region.currentIndexChanged.connect(self._on_region_changed)
        self.edit_bins_button.clicked.connect(self._on_edit_bins_clicked)
        self.import_bins_button.clicked.connect(self._on_import_bins_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.clear_button.clicked.connect(self.clear)
        self.cancel_button.clicked.connect(self.cancel)
        self.grid.currentItemChanged.connect(self._on_current_item_changed)
        self.detail.correction_requested.connect(self._on_correction_requested)
        self.ctx.models_changed.connect(self.refresh_model)

        self.refresh_regions()
        self.refresh_model()

    # --- model and regions ---------------------------------------------------------------------------
    def refresh_model(self) -> None:
        try:
            self.model_info = catalog.active_model("classify")
        except ModelError as exc:
            self.model_info = None
            self.model_label.setText(f"No classifier available: {exc}")
            self.detail.set_labels([])
            return
        spec = self.model_info.spec
        metrics = spec.metrics or {}
        parts = [f"Model: {spec.name} {spec.version}"]
        if isinstance(metrics.get("top1"), (int, float)):
            parts.append(f"test accuracy {metrics['top1']:.0%} over {len(spec.labels)} materials")
        parts.append(f"'not sure' below {spec.thresholds.get('not_sure', 0.5):.0%}")
        if not self.ctx.storing:
            parts.append("results are NOT stored (database locked)")
        self.model_label.setText(" · ".join(parts))
        self.detail.set_labels(list(spec.labels))

    def refresh_regions(self, select: str | None = None) -> None:
        self._nomenclatures, errors = waste_bins.load_all()
        for message in errors:
            self.ctx.notify(f"Bin nomenclature ignored: {message}", WARNING)
        wanted = select or self.ctx.settings.waste_region
        self.region.blockSignals(True)
        self.region.clear()
        for region, nomenclature in sorted(self._nomenclatures.items(), key=lambda kv: kv[1].name):
            suffix = " (yours)" if nomenclature.user else ""
            self.region.addItem(nomenclature.name + suffix, region)
        index = self.region.findData(wanted)
        if index < 0:
            index = self.region.findData(waste_bins.DEFAULT_REGION)
        self.region.setCurrentIndex(max(0, index))
        self.region.blockSignals(False)
        self._apply_region(self.region.currentData())

    def _apply_region(self, region: str | None) -> None:
        self.nomenclature = self._nomenclatures.get(region) if region else None
        lookup = self.nomenclature.advice if self.nomenclature else None
        self.detail.bin_lookup = lookup
        for i in range(self.grid.count()):
            item = self.grid.item(i)
            result: FileResult = item.data(RESULT_ROLE)
            if result.prediction is not None:
                label = item.data(CORRECTION_ROLE) or result.prediction.label
                result.bin = lookup(label) if lookup else None
                item.setData(RESULT_ROLE, result)
        self._on_current_item_changed(self.grid.currentItem(), None)
        if self.nomenclature is not None and self.nomenclature.note:
            self.region.setToolTip(self.nomenclature.note)

    def _on_region_changed(self, _index: int) -> None:
        region = self.region.currentData()
        if region:
            self.ctx.settings.waste_region = region
            self.ctx.save_settings()
        self._apply_region(region)

    def _on_edit_bins_clicked(self) -> None:
        if self.nomenclature is None:
            self.ctx.notify("No bin nomenclature to edit: import one first", WARNING)
            return
        labels = list(self.model_info.spec.labels) if self.model_info else []
        dialog = BinsDialog(self.nomenclature, labels, self)
        if dialog.exec() and dialog.saved is not None:
            self.ctx.notify(f"Saved your bins for {dialog.saved.name}", INFO)
            self.refresh_regions(select=dialog.saved.region)

    def _on_import_bins_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import a bin nomenclature", "", "JSON (*.json)")
        if path:
            self.import_bins(path)

    def import_bins(self, path: str) -> Nomenclature | None:
        try:
            nomenclature = waste_bins.import_file(path)
        except (NomenclatureError, OSError) as exc:
            self.ctx.notify(f"Could not import the bins: {exc}", ERROR)
            return None
        self.ctx.notify(f"Imported bins for {nomenclature.name}", INFO)
        self.refresh_regions(select=nomenclature.region)
        return nomenclature

    # --- adding photos -------------------------------------------------------------------------------
    def _on_add_files_clicked(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Add photos of waste", "", IMAGE_FILTER)
        if files:
            self.add_paths(files)

    def _on_add_folder_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of photos")
        if folder:
            self.add_paths([folder])

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()

        found = local_paths(mime) if mime is not None else []
        if found:
            self.add_paths(found)
        elif mime is not None and mime.hasImage():
            self._on_image_dropped(QImage(mime.imageData()))
        else:
            self.ctx.notify("The clipboard holds no image and no image file", WARNING)

    def _on_image_dropped(self, image: QImage) -> None:
        """Raw image data has no file: keep a PNG copy in the data folder so it can be stored and exported."""
        if image.isNull():
            self.ctx.notify("The pasted or dropped data is not a readable image", WARNING)
            return
        folder = paths.data_dir() / "pasted"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"pasted-{time.strftime('%Y%m%d-%H%M%S')}-{int(time.time() * 1000) % 1000:03d}.png"
        if not image.save(str(target), "PNG"):
            self.ctx.notify(f"Could not save the pasted image to {target}", ERROR)
            return
        self.add_paths([str(target)])

    def dragEnterEvent(self, event) -> None:  # noqa: ANN001, N802 - drops anywhere on the tab count
        self.drop_zone.dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: ANN001, N802
        self.drop_zone.dragMoveEvent(event)

    def dropEvent(self, event) -> None:  # noqa: ANN001, N802
        self.drop_zone.dropEvent(event)

    def add_paths(self, items: list[str]) -> None:
        """Queue files/folders; one batch runs at a time, later drops wait their turn."""
        self._pending.extend(str(i) for i in items)
        if self._batch is None:
            self._start_next_batch()
        else:
            self.status.setText(f"{len(self._pending)} more item(s) queued after this batch")

    def _start_next_batch(self) -> None:
        if not self._pending:
            return
        items, self._pending = self._pending, []
        lookup = self.nomenclature.advice if self.nomenclature else None
        worker = ClassifyWorker(items, self.ctx.db, lookup, self.model_info)
        worker.item_classified.connect(self._on_item_classified)
        worker.progressed.connect(self._on_progressed)
        worker.finished.connect(self._on_batch_finished)
        worker.failed.connect(self._on_batch_failed)
        self._cancelled = False
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.status.setText("Classifying…")
        self._batch = start_worker(worker, self)

    def cancel(self) -> None:
        if self._batch is not None:
            self._cancelled = True
            self._batch.worker.stop_requested.set()
            self._pending.clear()
            self.cancel_button.setEnabled(False)
            self.status.setText("Cancelling…")

    # --- results -------------------------------------------------------------------------------------
    def _on_item_classified(self, result: FileResult) -> None:
        item = QListWidgetItem()
        item.setSizeHint(CELL)
        thumb = result.extra.pop("thumb", None)
        if thumb is not None:
            item.setData(Qt.ItemDataRole.DecorationRole, bgr_to_pixmap(thumb))
            result.extra["has_thumb"] = True
        item.setData(RESULT_ROLE, result)
        item.setToolTip(str(result.path) if result.ok else f"{result.path}\n{result.error}")
        self.grid.addItem(item)
        if self.grid.currentItem() is None:
            self.grid.setCurrentItem(item)

    def _on_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done}/{total}")

    def _on_batch_finished(self, results: Any) -> None:
        results = results or []
        cancelled = self._cancelled
        self._end_batch()
        failed = sum(1 for r in results if not r.ok)
        stored = sum(1 for r in results if r.result_id)
        text = f"{len(results) - failed} classified, {failed} could not be read"
        if cancelled:
            text = "Cancelled: " + text
        if self.ctx.db is None:
            text += " · not stored (database locked)"
        else:
            text += f" · {stored} new result(s) stored"
        storage_errors = {r.extra["storage_error"] for r in results if "storage_error" in r.extra}
        for message in storage_errors:
            self.ctx.notify(f"A result could not be stored: {message}", WARNING)
        self.status.setText(text)
        if stored:
            self.ctx.results_changed.emit(CAPABILITY)
        self.batch_finished.emit(len(results))
        self._start_next_batch()

    def _on_batch_failed(self, message: str) -> None:
        self._end_batch()
        self.status.setText("Classification failed")
        self.ctx.notify(f"Waste sorting failed: {message}", ERROR)
        self.batch_finished.emit(0)
        self._start_next_batch()

    def _end_batch(self) -> None:
        self._batch = None
        self.progress.hide()
        self.cancel_button.hide()

    def results(self) -> list[FileResult]:
        return [self.grid.item(i).data(RESULT_ROLE) for i in range(self.grid.count())]

    def _on_current_item_changed(self, current: QListWidgetItem | None, _previous: Any) -> None:
        if current is None:
            self.detail.show_result(None)
            return
        result: FileResult = current.data(RESULT_ROLE)
        pixmap = current.data(Qt.ItemDataRole.DecorationRole)
        self.detail.show_result(result, pixmap if isinstance(pixmap, QPixmap) else None,
                                current.data(CORRECTION_ROLE), self._stored_note(result))

    def _stored_note(self, result: FileResult) -> str:
        notes = []
        if result.sha256:
            notes.append(f"sha256 {result.sha256[:16]}…")
        if result.duplicate_of:
            notes.append(f"same bytes as {Path(result.duplicate_of).name}")
        if result.result_id:
            notes.append(f"stored as result #{result.result_id}")
        elif result.previous_result_id:
            notes.append(f"already stored as result #{result.previous_result_id}")
        elif result.ok and self.ctx.db is None:
            notes.append("not stored: database locked")
        return " · ".join(notes)

    # --- corrections ---------------------------------------------------------------------------------
    def _on_correction_requested(self, label: str) -> None:
        item = self.grid.currentItem()
        if item is None:
            return
        self.correct(item, label)

    def correct(self, item: QListWidgetItem, label: str) -> None:
        """Store the user's label beside the model's; the grid shows it at once."""
        result: FileResult = item.data(RESULT_ROLE)
        item.setData(CORRECTION_ROLE, label)
        if self.nomenclature is not None:  # the bin to use is the corrected material's
            result.bin = self.nomenclature.advice(label)
            item.setData(RESULT_ROLE, result)
        self._on_current_item_changed(self.grid.currentItem(), None)
        result_id = result.result_id or result.previous_result_id
        db = self.ctx.db
        if db is None or result_id is None:
            self.ctx.notify("Correction shown but not stored: the database is locked", WARNING)
            return

        def done(_value: Any) -> None:
            self.ctx.results_changed.emit(CAPABILITY)
            self.correction_saved.emit(int(result_id))

        self._call(lambda: db.set_correction(int(result_id), label), done, "Could not store the correction")

    def _on_export_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export corrected photos (one folder per material)")
        if folder:
            self.export_corrections(folder)

    def export_corrections(self, folder: str) -> None:
        db = self.ctx.db
        if db is None:
            self.ctx.notify("Corrections live in the database, which is locked: unlock it to export", WARNING)
            return

        def done(report: Any) -> None:
            summary = ", ".join(f"{k}: {v}" for k, v in sorted(report.per_label.items())) or "nothing"
            text = f"Exported {len(report.written)} corrected photo(s) to {folder} ({summary})"
            if report.skipped:
                text += f"; {len(report.skipped)} skipped (e.g. {report.skipped[0][0]}: {report.skipped[0][1]})"
            self.ctx.notify(text, WARNING if report.skipped else INFO)
            self.status.setText(text)
            self.export_finished.emit(report)

        self._call(lambda: export_corrections(db.corrections(), folder), done, "Export failed")

    def _call(self, fn: Callable[[], Any], done: Callable[[Any], None], failure: str) -> None:
        worker = CallWorker(fn)
        worker.finished.connect(_Callback(done, self).call)
        worker.failed.connect(_Callback(lambda message: self.ctx.notify(f"{failure}: {message}", ERROR), self).call)
        self._calls = [h for h in self._calls if h.is_running()]
        self._calls.append(start_worker(worker, self))

    # --- lifecycle -----------------------------------------------------------------------------------
    def clear(self) -> None:
        self.cancel()
        self.grid.clear()
        self.detail.show_result(None)
        self.status.setText("No photos yet.")

    def shutdown(self) -> None:
        self._pending.clear()
        if self._batch is not None:
            self._batch.stop()
            self._batch = None
        for handle in list(self._calls):
            handle.stop()
