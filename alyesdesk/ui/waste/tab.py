"""Waste sorting: drop photos, get the material and the right bin for the region, correct mistakes.

The tab stays thin: it lays out and wires the pieces. Batches queue in `BatchQueue` (classification runs
in `ClassifyWorker`, which also stores results), the region and its bins live in `RegionBar`, the cards
in `ResultGrid` and `DetailPane`, correction writes and the dataset export in `CorrectionStore`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from alyesdesk import paths
from alyesdesk.inference import catalog
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.images import IMAGE_SUFFIXES
from alyesdesk.inference.waste.bins import Nomenclature
from alyesdesk.inference.waste.class_bins import with_class_bins
from alyesdesk.inference.waste.classify import FileResult
from alyesdesk.ui.context import ERROR, WARNING, AppContext
from alyesdesk.ui.waste.batches import BatchQueue, batch_summary
from alyesdesk.ui.waste.camera import CameraPanel
from alyesdesk.ui.waste.cards import DetailPane, stored_note
from alyesdesk.ui.waste.corrections import CorrectionStore
from alyesdesk.ui.waste.projects import ProjectsPanel
from alyesdesk.ui.waste.regions import RegionBar
from alyesdesk.ui.waste.results_view import ResultsView
from alyesdesk.ui.waste.workers import ClassifyWorker
from alyesdesk.ui.widgets.drop_zone import DropZone, local_paths
from alyesdesk.ui.widgets.exporting import ask_folder
from alyesdesk.ui.widgets.file_problems import FileProblems
from alyesdesk.ui import file_dialogs
from alyesdesk.ui.widgets.scrolled import scrolled
from alyesdesk.ui.widgets.flow import FlowRow

if TYPE_CHECKING:
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

CAPABILITY = "waste"
IMAGE_FILTER = "Images (" + " ".join(f"*{s}" for s in IMAGE_SUFFIXES) + ");;All files (*)"


class WasteTab(QWidget):
    """Signals: `batch_finished(int)` (results shown), `correction_saved(int)` (result id),
    `export_finished(object)` (an ExportReport)."""

    batch_finished = Signal(int)
    correction_saved = Signal(int)
    export_finished = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model_info: catalog.ModelInfo | None = None
        self.batches = BatchQueue(self._make_worker, self)
        self.corrections = CorrectionStore(ctx, self)

        self.add_files_button = QPushButton(self.tr("Add photos…"))
        self.add_files_button.setToolTip(self.tr("Classify photos (Ctrl+O)"))
        self.add_folder_button = QPushButton(self.tr("Add folder…"))
        self.add_folder_button.setToolTip(self.tr("Classify every photo of a folder"))
        self.paste_button = QPushButton(self.tr("Paste"))
        self.paste_button.setToolTip(self.tr("Classify image files or an image from the clipboard (Ctrl+V)"))
        self.regions = RegionBar(ctx, self._material_labels)
        self.region = self.regions.combo  # the region is chosen here; callers and tests pick it by data
        self.export_button = QPushButton(self.tr("Export corrections as dataset…"))
        self.export_button.setToolTip(self.tr("Copy the corrected photos into one folder per label, ready for training"))
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Empty the list (stored results stay in History)"))
        self.model_label = QLabel()
        self.model_label.setWordWrap(True)
        self.model_label.setStyleSheet("color: palette(placeholder-text);")

        self.drop_zone = DropZone(self.tr("Drop photos or folders here: each item gets its material and the bin to use"))
        self.drop_zone.setFixedHeight(64)
        self.problems = FileProblems()  # photos that could not be read: inline, each once
        self.view = ResultsView(ctx)  # the batch: cards or list, sort, filter, totals, CSV, undo
        self.grid = self.view.grid
        self.detail = DetailPane()
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the batch; the photos already classified stay"))
        self.cancel_button.hide()
        self.status = QLabel(self.tr("No photos yet."))
        self.status.setWordWrap(True)  # a batch summary is longer than a narrow window

        top = FlowRow()  # wraps onto a second line in a narrow window (one row was 1,200 px in French)
        top.add(self.add_files_button, self.add_folder_button, self.paste_button)
        top.add(self.regions)
        top.add(self.export_button, self.clear_button, align_right=True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.drop_zone)
        left_layout.addWidget(self.problems)
        left_layout.addWidget(self.view, 1)
        splitter.addWidget(left)
        splitter.addWidget(scrolled(self.detail))  # scrolls when the window is short (no overlapping text)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addWidget(self.model_label)
        # Pages: the photos (as before), the camera, and teaching (projects, adapting the material model).
        self.camera = CameraPanel(ctx, lambda: self.model_info)
        self.projects = ProjectsPanel(ctx)
        self.pages = QTabWidget()
        self.pages.addTab(splitter, self.tr("Photos"))
        self.pages.addTab(self.camera, self.tr("Camera"))
        self.pages.addTab(self.projects, self.tr("Teach"))
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)
        self.setAcceptDrops(True)

        self.add_files_button.clicked.connect(self._on_add_files_clicked)
        self.add_folder_button.clicked.connect(self._on_add_folder_clicked)
        self.paste_button.clicked.connect(self.paste)
        QShortcut(QKeySequence.StandardKey.Paste, self, activated=self.paste)
        self.drop_zone.clicked.connect(self._on_add_files_clicked)
        self.drop_zone.paths_dropped.connect(self.add_paths)
        self.drop_zone.image_dropped.connect(self._on_image_dropped)
        self.regions.region_changed.connect(self._on_region_changed)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.clear_button.clicked.connect(self.clear)
        self.cancel_button.clicked.connect(self.cancel)
        self.view.current_changed.connect(self._on_current_changed)
        self.view.model.dataChanged.connect(lambda *_: self._on_current_changed(self.view.current_row()))
        self.detail.correction_requested.connect(self._on_correction_requested)
        self.batches.batch_started.connect(self._on_batch_started)
        self.batches.item_classified.connect(self._on_item_classified)
        self.batches.progressed.connect(self._on_progressed)
        self.batches.batch_finished.connect(self._on_batch_finished)
        self.batches.batch_failed.connect(self._on_batch_failed)
        self.corrections.correction_saved.connect(self._on_correction_saved)
        self.corrections.export_finished.connect(self._on_export_finished)
        self.ctx.models_changed.connect(self.refresh_model)

        self.refresh_regions()
        self.refresh_model()

    # --- model and regions ---------------------------------------------------------------------------
    def refresh_model(self) -> None:
        try:
            self.model_info = catalog.active_model("classify")
        except ModelError as exc:
            self.model_info = None
            self.model_label.setText(self.tr("No classifier available: {exc}").format(exc=exc))
            self.detail.set_labels([])
            return
        spec = self.model_info.spec
        metrics = spec.metrics or {}
        parts = [self.tr("Model: {name} {version}").format(name=spec.name, version=spec.version)]
        if isinstance(metrics.get("top1"), (int, float)):
            parts.append(self.tr("test accuracy {value:.0%} over {value2} materials").format(value=(metrics['top1']), value2=(len(spec.labels))))
        parts.append(self.tr("'not sure' below {value:.0%}").format(value=(spec.thresholds.get('not_sure', 0.5))))
        if not self.ctx.storing:
            parts.append(self.tr("results are NOT stored (database locked)"))
        self.model_label.setText(" · ".join(parts))
        self.detail.set_labels(list(spec.labels))
        self.detail.bin_lookup = self.bin_lookup()  # a project model may bring its own class bins

    def _material_labels(self) -> list[str]:
        return list(self.model_info.spec.labels) if self.model_info else []

    @property
    def nomenclature(self) -> Nomenclature | None:
        return self.regions.nomenclature

    def refresh_regions(self, select: str | None = None) -> None:
        self.regions.refresh(select)

    def import_bins(self, path: str) -> Nomenclature | None:
        return self.regions.import_file(path)

    def bin_lookup(self, nomenclature: Nomenclature | None = None) -> Any:
        """The bin advice for a label: a project model's own class bins first, then the region's, by material."""
        nomenclature = nomenclature or self.nomenclature
        return with_class_bins(self.model_info.spec if self.model_info else None,
                               nomenclature.advice if nomenclature else None)

    def _on_region_changed(self, nomenclature: Nomenclature | None) -> None:
        lookup = self.bin_lookup(nomenclature)
        self.detail.bin_lookup = lookup
        self.view.apply_bins(lookup)

    # --- adding photos -------------------------------------------------------------------------------
    def _on_add_files_clicked(self) -> None:
        files = file_dialogs.open_files(self, file_dialogs.IMAGES, self.tr("Add photos of waste"), QCoreApplication.translate(
            "WasteTab", "Images ({patterns});;All files (*)").format(patterns=" ".join(f"*{s}" for s in IMAGE_SUFFIXES)),
            recent_tab="waste")
        if files:
            self.add_paths(files)

    def _on_add_folder_clicked(self) -> None:
        folder = file_dialogs.open_folder(self, file_dialogs.IMAGES, self.tr("Add a folder of photos"))
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
            self.ctx.notify(self.tr("The clipboard holds no image and no image file"), WARNING)

    def _on_image_dropped(self, image: QImage) -> None:
        """Raw image data has no file: keep a PNG copy in the data folder so it can be stored and exported."""
        if image.isNull():
            self.ctx.notify(self.tr("The pasted or dropped data is not a readable image"), WARNING)
            return
        folder = paths.data_dir() / "pasted"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"pasted-{time.strftime('%Y%m%d-%H%M%S')}-{int(time.time() * 1000) % 1000:03d}.png"
        if not image.save(str(target), "PNG"):
            self.ctx.notify(self.tr("Could not save the pasted image to {target}").format(target=target), ERROR)
            return
        self.add_paths([str(target)])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - drops anywhere on the tab count
        self.drop_zone.dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        self.drop_zone.dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self.drop_zone.dropEvent(event)

    def add_paths(self, items: list[str]) -> None:
        """Queue files/folders; one batch runs at a time, later drops wait their turn."""
        if self.batches.add(items):
            self.status.setText(self.tr("{value} more item(s) queued after this batch").format(value=(len(self.batches.pending))))

    def _make_worker(self, items: list[str]) -> ClassifyWorker:
        return ClassifyWorker(items, self.ctx.db, self.bin_lookup(), self.model_info)

    def cancel(self) -> None:
        if self.batches.cancel():
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))

    # --- results -------------------------------------------------------------------------------------
    def _on_batch_started(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.status.setText(self.tr("Classifying…"))
        self.problems.clear()  # the list is about the photos of this batch

    def _on_item_classified(self, result: FileResult) -> None:
        self.view.add_result(result)
        if not result.ok:
            self.problems.report(result.path, result.error)

    def _on_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done}/{total}")

    def _on_batch_finished(self, results: list[FileResult], cancelled: bool) -> None:
        self._end_batch()
        text = batch_summary(results, cancelled, db_locked=self.ctx.db is None)
        for r in results:
            if r.ok and r.store_error and self.ctx.db is not None:  # an unreadable photo is listed above, not here
                self.ctx.report_unstored(Path(r.path).name, r.store_error)
        self.status.setText(text)
        if any(r.result_id for r in results):
            self.ctx.results_changed.emit(CAPABILITY)
        self.batch_finished.emit(len(results))

    def _on_batch_failed(self, message: str) -> None:
        self._end_batch()
        self.status.setText(self.tr("Classification failed"))
        self.ctx.notify(self.tr("Waste sorting failed: {message}").format(message=message), ERROR)
        self.batch_finished.emit(0)

    def _end_batch(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def results(self) -> list[FileResult]:
        return self.view.model.results()

    def _on_current_changed(self, row: int) -> None:
        if row < 0:
            self.detail.show_result(None)
            return
        entry = self.view.model.row(row)
        self.detail.show_result(entry.result, entry.pixmap, entry.correction,
                                stored_note(entry.result, db_locked=self.ctx.db is None))

    # --- corrections ---------------------------------------------------------------------------------
    def _on_correction_requested(self, label: str) -> None:
        row = self.view.current_row()
        if row >= 0:
            self.correct(row, label)

    def correct(self, row: int, label: str) -> None:
        """Store the person's label (a correction, or the model's own to confirm it) beside the model's,
        photo included; the views show it at once and Ctrl+Z undoes it (in the database too)."""
        self.view.correct(row, label, self.bin_lookup(), self.corrections.save)  # the label's own bin

    def _on_correction_saved(self, result_id: int) -> None:
        self.ctx.results_changed.emit(CAPABILITY)
        self.correction_saved.emit(result_id)

    def _on_export_clicked(self) -> None:
        folder = ask_folder(self, self.tr("Export corrected photos (one folder per material)"))
        if folder:
            self.export_corrections(folder)

    def export_corrections(self, folder: str) -> None:
        self.corrections.export(folder)

    def _on_export_finished(self, report: Any, summary: str) -> None:
        self.status.setText(summary)
        self.export_finished.emit(report)

    # --- lifecycle -----------------------------------------------------------------------------------
    def clear(self) -> None:
        self.cancel()
        self.view.clear()
        self.problems.clear()
        self.detail.show_result(None)
        self.status.setText(self.tr("No photos yet."))

    def shutdown(self) -> None:
        self.batches.stop()
        self.corrections.stop()
        self.view.stop()
        self.camera.shutdown()
        self.projects.shutdown()
