"""The Waste tab's "Teach" page: projects (your own classes from a few photos) and adapting the material
model to your corrections.

Create a project, name its classes, add photos per class (files, a folder, or paste), press Teach: the
head is fitted off the GUI thread (`WorkerGroup.call`), installed as an ordinary classify model, and its
leave-one-out accuracy, confusion table and ambiguous photos are shown. Photos are kept, downscaled and
encrypted, in the database; deleting a project deletes its photos and its model.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alyesdesk.ui.context import ERROR, INFO, WARNING, AppContext
from alyesdesk.ui.error_text import localized
from alyesdesk.ui.i18n import label_text
from alyesdesk.ui.widgets.images import qimage_to_bgr
from alyesdesk.ui.workers import WorkerGroup
from alyesdesk.ui import file_dialogs

IMAGE_FILTER = QT_TRANSLATE_NOOP("WasteProjects", "Images (*.jpg *.jpeg *.png *.bmp *.webp *.tif *.tiff);;All files (*)")


class ProjectsPanel(QWidget):
    """Signals: `projects_changed()`, `taught(object)` (a TeachResult), `adapted(object)` (a TeachResult),
    `photos_embedded(int)` (photos embedded ahead of Teach, in the background, after they were added)."""

    projects_changed = Signal()
    photos_embedded = Signal(int)
    taught = Signal(object)
    adapted = Signal(object)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._group = WorkerGroup(self)  # teach, adapt and database calls, stopped together
        self._projects: list[dict] = []

        self.project_list = QListWidget()
        self.new_button = QPushButton(self.tr("New project…"))
        self.new_button.setToolTip(self.tr("Start a project: a set of classes of your own to teach"))
        self.delete_button = QPushButton(self.tr("Delete project"))
        self.delete_button.setToolTip(self.tr("Delete the selected project and its photos"))
        self.class_list = QListWidget()
        self.add_class_button = QPushButton(self.tr("Add class…"))
        self.add_class_button.setToolTip(self.tr("Add a class to the project"))
        self.add_photos_button = QPushButton(self.tr("Add photos…"))
        self.add_photos_button.setToolTip(self.tr("Add photos to the selected class"))
        self.add_folder_button = QPushButton(self.tr("Add folder…"))
        self.add_folder_button.setToolTip(self.tr("Add every photo of a folder to the selected class"))
        self.paste_button = QPushButton(self.tr("Paste"))
        self.paste_button.setToolTip(self.tr("Add the image in the clipboard to the selected class"))
        self.bin_button = QPushButton(self.tr("Bin…"))
        self.bin_button.setToolTip(self.tr("Which bin the selected class goes in: the same as a material, or "
                                           "a bin of its own; shown with every answer of the project's model"))
        self.teach_button = QPushButton(self.tr("Teach"))
        self.teach_button.setToolTip(self.tr("Teach the classes from their photos and show how well they are told apart"))
        self.adapt_button = QPushButton(self.tr("Adapt to my corrections"))
        self.adapt_button.setToolTip(self.tr("Refit the material model with your corrected photos; keeps the 9 materials"))
        self.result_label = QLabel(self.tr("Create a project, name its classes and add a few photos to each."))
        self.result_label.setWordWrap(True)
        self.confusion = QTableWidget()
        self.ambiguous = QListWidget()

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Projects")))
        left.addWidget(self.project_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        left.addLayout(row)
        left.addWidget(self.adapt_button)
        middle = QVBoxLayout()
        middle.addWidget(QLabel(self.tr("Classes (photos)")))
        middle.addWidget(self.class_list, 1)
        for w in (self.add_class_button, self.add_photos_button, self.add_folder_button, self.paste_button,
                  self.bin_button, self.teach_button):
            middle.addWidget(w)
        right = QVBoxLayout()
        right.addWidget(self.result_label)
        right.addWidget(QLabel(self.tr("Leave-one-out confusion (rows: true class, columns: predicted)")))
        right.addWidget(self.confusion, 2)
        right.addWidget(QLabel(self.tr("Ambiguous photos (wrong, or right by a small margin)")))
        right.addWidget(self.ambiguous, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(middle, 1)
        layout.addLayout(right, 2)

        self.new_button.clicked.connect(self._on_new)
        self.delete_button.clicked.connect(self._on_delete)
        self.add_class_button.clicked.connect(self._on_add_class)
        self.bin_button.clicked.connect(self._on_bin_clicked)
        self.add_photos_button.clicked.connect(self._on_add_photos)
        self.add_folder_button.clicked.connect(self._on_add_folder)
        self.paste_button.clicked.connect(self.paste)
        self.teach_button.clicked.connect(self.teach)
        self.adapt_button.clicked.connect(self.adapt)
        self.project_list.currentRowChanged.connect(lambda _row: self._show_project())
        self.refresh()

    # --- state ---------------------------------------------------------------------------------------
    @property
    def current(self) -> dict | None:
        row = self.project_list.currentRow()
        return self._projects[row] if 0 <= row < len(self._projects) else None

    @property
    def current_class(self) -> str | None:
        item = self.class_list.currentItem()
        return item.data(0x0100) if item is not None else None

    def refresh(self, select: str | None = None) -> None:
        """Reload the projects (a quick read; the photos themselves are not loaded)."""
        db = self.ctx.db
        previous = select or (self.current or {}).get("name")
        self._projects = db.projects() if db is not None else []
        self.project_list.blockSignals(True)
        self.project_list.clear()
        for p in self._projects:
            n = sum(p["counts"].values())
            acc = (p.get("metrics") or {}).get("accuracy")
            suffix = f", {acc:.0%}" if isinstance(acc, (int, float)) else ""
            self.project_list.addItem(self.tr("{value} ({value2} classes, {n} photos{suffix})").format(value=(p['name']), value2=(len(p['classes'])), n=n, suffix=suffix))
        names = [p["name"] for p in self._projects]
        self.project_list.setCurrentRow(names.index(previous) if previous in names else (0 if names else -1))
        self.project_list.blockSignals(False)
        enabled = db is not None
        for w in (self.new_button, self.adapt_button):
            w.setEnabled(enabled)
        if not enabled:
            self.result_label.setText(self.tr("Projects live in the database, which is locked: unlock it to teach."))
        self._show_project()

    def _show_project(self) -> None:
        project = self.current
        keep = self.current_class
        self.class_list.clear()
        for w in (self.delete_button, self.add_class_button, self.teach_button, self.bin_button):
            w.setEnabled(project is not None)
        if project is None:
            self._show_evaluation(None)
            return
        for label in project["classes"]:
            text = f"{label} ({project['counts'].get(label, 0)})"
            entry = (project.get("bins") or {}).get(label)
            if entry:
                text += " → " + self.bin_text(entry)
            item = QListWidgetItem(text)
            item.setData(0x0100, label)
            self.class_list.addItem(item)
            if label == keep:
                self.class_list.setCurrentItem(item)
        if self.class_list.currentItem() is None and self.class_list.count():
            self.class_list.setCurrentRow(0)
        self._show_evaluation(project.get("metrics"))

    def _show_evaluation(self, metrics: dict | None) -> None:
        self.confusion.clear()
        self.ambiguous.clear()
        if not metrics or "confusion" not in metrics:
            self.confusion.setRowCount(0)
            self.confusion.setColumnCount(0)
            if self.current is not None:
                self.result_label.setText(self.tr("Not taught yet: add at least 2 photos to each class, then press Teach."))
            return
        labels = metrics["labels"]
        self.confusion.setRowCount(len(labels))
        self.confusion.setColumnCount(len(labels))
        self.confusion.setHorizontalHeaderLabels(labels)
        self.confusion.setVerticalHeaderLabels(labels)
        for i, row in enumerate(metrics["confusion"]):
            for j, value in enumerate(row):
                self.confusion.setItem(i, j, QTableWidgetItem(str(value)))
        text = self.tr("{value} accuracy: {value2:.0%}").format(value=(metrics.get('method', 'leave-one-out')), value2=(metrics['accuracy']))
        if "test_accuracy_before" in metrics:
            text += (self.tr("; in-domain test accuracy {value:.1%} before, {value2:.1%} after").format(value=(metrics['test_accuracy_before']), value2=(metrics['test_accuracy_after'])))
        if metrics.get("name"):
            text += self.tr(". Model '{value}' installed: choose it under Models, or `alyesdesk classify "
                            "--model {value}`").format(value=(metrics['name']))
        self.result_label.setText(text)
        for n in metrics.get("ambiguous_photos", []):
            self.ambiguous.addItem(n)

    # --- worker calls --------------------------------------------------------------------------------
    def _call(self, fn: Callable[[], Any], done: Callable[[Any], None], failure: str) -> None:
        self._group.call(fn, on_done=done, on_error=lambda m: self._failed(f"{failure}: {localized(m)}"))

    def _failed(self, message: str) -> None:
        self.ctx.notify(message, ERROR)
        self.result_label.setText(message)
        self.failed.emit(message)

    def _db(self) -> Any:
        if self.ctx.db is None:
            self.ctx.notify(self.tr("Projects live in the database, which is locked: unlock it to teach"), WARNING)
        return self.ctx.db

    # --- actions -------------------------------------------------------------------------------------
    def create_project(self, name: str, classes: list[str]) -> None:
        db = self._db()
        if db is None:
            return
        self._call(lambda: db.create_project(name, classes), lambda _pid: self._changed(name), self.tr("Could not create it"))

    def _changed(self, select: str | None = None) -> None:
        self.refresh(select)
        self.projects_changed.emit()

    def add_class(self, label: str) -> None:
        project, db = self.current, self._db()
        label = label.strip()
        if project is None or db is None or not label or label in project["classes"]:
            return
        classes = [*project["classes"], label]
        self._call(lambda: db.set_project_classes(project["id"], classes), lambda _v: self._changed(), self.tr("Could not add it"))

    def bin_text(self, entry: dict) -> str:
        if "material" in entry:
            return self.tr("same bin as {material}").format(material=label_text(entry["material"]))
        return entry.get("container", "")

    def set_class_bin(self, label: str, entry: dict | None) -> None:
        """Give class `label` a bin ({"material": X}: the same as material X in the region; {"container":
        NAME, "color": #RRGGBB}: its own) or none; Teach writes the bins into the model's sidecar."""
        from alyesdesk.inference.waste.class_bins import clean_bins

        project, db = self.current, self._db()
        if project is None or db is None or label not in project["classes"]:
            return
        bins = {k: v for k, v in (project.get("bins") or {}).items() if k != label}
        if entry:
            bins[label] = entry
        bins = clean_bins(bins, project["classes"])
        self._call(lambda: db.set_project_bins(project["id"], bins), lambda _v: self._changed(),
                   self.tr("Could not set the bin"))

    def add_paths(self, paths: list[str], label: str | None = None) -> None:
        """Store photo files or folders as examples of `label` (the selected class by default)."""
        from alyesdesk.inference.waste.projects import add_files

        project, db, label = self.current, self._db(), label or self.current_class
        if project is None or db is None or label is None:
            self.ctx.notify(self.tr("Choose a project and a class first"), WARNING)
            return

        def done(report: Any) -> None:
            text = QCoreApplication.translate("ProjectsPanel", "Added {added} photo(s) to {label}").format(added=report.added, label=label)
            if report.duplicates:
                text += QCoreApplication.translate("ProjectsPanel", ", {duplicates} already there").format(duplicates=report.duplicates)
            if report.errors:
                text += f"; {len(report.errors)} skipped (e.g. {report.errors[0][0]}: {report.errors[0][1]})"
            self.ctx.notify(text, WARNING if report.errors else INFO)
            self._changed()
            self._warm(project["id"])

        self._call(lambda: add_files(db, project["id"], label, paths), done, self.tr("Could not add the photos"))

    def add_image(self, image_bgr: Any, source: str = "clipboard") -> None:
        from alyesdesk.inference.waste.projects import add_image

        project, db, label = self.current, self._db(), self.current_class
        if project is None or db is None or label is None:
            self.ctx.notify(self.tr("Choose a project and a class first"), WARNING)
            return
        self._call(lambda: add_image(db, project["id"], label, image_bgr, source),
                   lambda _v: (self._changed(), self._warm(project["id"])), self.tr("Could not add the photo"))

    def _warm(self, project_id: int) -> None:
        """Embed the new photos now, in the background, so pressing Teach only fits (well under a second)."""
        from alyesdesk.inference.waste.projects import warm_project

        db = self.ctx.db
        if db is not None:
            # A failure here costs nothing but time: Teach embeds what is missing and reports its own errors.
            self._group.call(lambda: warm_project(db, project_id), on_done=self.photos_embedded.emit,
                             on_error=lambda _failure: self.photos_embedded.emit(0))

    def paste(self) -> None:
        from alyesdesk.ui.widgets.drop_zone import local_paths

        mime = QGuiApplication.clipboard().mimeData()
        found = local_paths(mime) if mime is not None else []
        if found:
            self.add_paths(found)
        elif mime is not None and mime.hasImage():
            self.add_image(qimage_to_bgr(QImage(mime.imageData())))
        else:
            self.ctx.notify(self.tr("The clipboard holds no image and no image file"), WARNING)

    def teach(self) -> None:
        """Fit the current project's head (off the GUI thread) and install its model."""
        from alyesdesk.inference.waste.projects import teach_project

        project, db = self.current, self._db()
        if project is None or db is None:
            return
        self.teach_button.setEnabled(False)
        self.result_label.setText(self.tr("Teaching…"))

        def run() -> Any:
            result = teach_project(db, project["id"])
            photos = {r["id"]: r.get("source") or QCoreApplication.translate("ProjectsPanel", "photo #{value}").format(value=(r['id'])) for r in db.project_photos(project["id"], False)}
            metrics = {**result.to_dict(),
                       "ambiguous_photos": [f"{photos.get(result.photo_ids[i], i)} ({result.labels[result.evaluation.predicted[i]]}?)"
                                            for i in result.evaluation.ambiguous]}
            db.set_project_model(project["id"], result.name, metrics)
            return result

        def done(result: Any) -> None:
            self.teach_button.setEnabled(True)
            self._after_model_change()
            self._changed(project["name"])
            self.taught.emit(result)

        def failed_reset(message: str) -> None:
            self.teach_button.setEnabled(True)
            self._failed(message)

        self._group.call(run, on_done=done, on_error=lambda m: failed_reset(
            QCoreApplication.translate("ProjectsPanel", "Teaching failed: {m}").format(m=localized(m))))

    def adapt(self) -> None:
        """Refit the material model with the corrected photos kept in the database."""
        from alyesdesk.inference.waste.projects import adapt_from_corrections

        db = self._db()
        if db is None:
            return
        self.adapt_button.setEnabled(False)
        self.result_label.setText(self.tr("Adapting the material model to your corrections…"))

        def done(result: Any) -> None:
            self.adapt_button.setEnabled(True)
            self._after_model_change()
            self._show_evaluation(result.to_dict())
            self.adapted.emit(result)

        def failed(message: str) -> None:
            self.adapt_button.setEnabled(True)
            self._failed(message)

        self._group.call(lambda: adapt_from_corrections(db), on_done=done, on_error=lambda m: failed(
            QCoreApplication.translate("ProjectsPanel", "Adapting failed: {m}").format(m=localized(m))))

    def delete_current(self) -> None:
        from alyesdesk.inference.waste.projects import delete_project

        project, db = self.current, self._db()
        if project is None or db is None:
            return
        self._call(lambda: delete_project(db, project["id"]),
                   lambda _v: (self._after_model_change(), self._changed()), self.tr("Could not delete it"))

    def _after_model_change(self) -> None:
        from alyesdesk.inference import catalog

        catalog.clear_cache()
        self.ctx.models_changed.emit()

    # --- dialogs -------------------------------------------------------------------------------------
    def _on_new(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New project"), self.tr("Project name:"))
        if not ok or not name.strip():
            return
        classes, ok = QInputDialog.getText(self, self.tr("New project"), self.tr("Class names, separated by commas:"))
        if ok:
            self.create_project(name.strip(), [c.strip() for c in classes.split(",") if c.strip()])

    def _on_delete(self) -> None:
        project = self.current
        if project is not None and QMessageBox.question(
                self, self.tr("Delete project"), self.tr("Delete '{value}', its photos and its model?").format(value=(project['name']))) == QMessageBox.StandardButton.Yes:
            self.delete_current()

    def _on_add_class(self) -> None:
        label, ok = QInputDialog.getText(self, self.tr("Add class"), self.tr("Class name:"))
        if ok:
            self.add_class(label)

    def _on_bin_clicked(self) -> None:
        from alyesdesk.inference.waste.projects import base_labels

        label = self.current_class
        if label is None:
            return
        materials = base_labels()
        choices = [self.tr("No bin")] + [self.tr("Same bin as {material}").format(material=label_text(m))
                                         for m in materials] + [self.tr("A bin of its own…")]
        choice, ok = QInputDialog.getItem(self, self.tr("Bin for {label}").format(label=label),
                                          self.tr("Where does {label} go?").format(label=label), choices, 0, False)
        if not ok:
            return
        index = choices.index(choice)
        if index == 0:
            self.set_class_bin(label, None)
        elif index <= len(materials):
            self.set_class_bin(label, {"material": materials[index - 1]})
        else:
            name, ok = QInputDialog.getText(self, self.tr("Bin for {label}").format(label=label),
                                            self.tr("Name of the bin (as written on it):"))
            if ok and name.strip():
                self.set_class_bin(label, {"container": name.strip()})

    def _on_add_photos(self) -> None:
        files = file_dialogs.open_files(self, file_dialogs.IMAGES, self.tr("Add photos of this class"),
                                        QCoreApplication.translate("WasteProjects", IMAGE_FILTER))
        if files:
            self.add_paths(files)

    def _on_add_folder(self) -> None:
        folder = file_dialogs.open_folder(self, file_dialogs.IMAGES, self.tr("Add a folder of photos of this class"))
        if folder:
            self.add_paths([folder])

    def shutdown(self) -> None:
        self._group.stop_all()
