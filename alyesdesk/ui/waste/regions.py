"""The Waste tab's region choice: which bin nomenclature gives the advice, and editing or importing one."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from alyesdesk.inference.waste import bins as waste_bins
from alyesdesk.inference.waste.bins import Nomenclature, NomenclatureError
from alyesdesk.ui.context import ERROR, INFO, WARNING, AppContext
from alyesdesk.ui.waste.bins_dialog import BinsDialog
from alyesdesk.ui import file_dialogs


class RegionBar(QWidget):
    """Signal: `region_changed(object)`, the Nomenclature now in use (None when there is none)."""

    region_changed = Signal(object)

    def __init__(self, ctx: AppContext, labels: Callable[[], list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._labels = labels  # asked when the editor opens: the active model can change meanwhile
        self._nomenclatures: dict[str, Nomenclature] = {}
        self.nomenclature: Nomenclature | None = None
        self.combo = QComboBox()
        self.combo.setMinimumWidth(200)
        self.edit_button = QPushButton(self.tr("Edit bins…"))
        self.edit_button.setToolTip(self.tr("Change the bins and what goes in them for this region"))
        self.import_button = QPushButton(self.tr("Import bins…"))
        self.import_button.setToolTip(self.tr("Load the bins of your municipality from a JSON file"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Region:")))
        layout.addWidget(self.combo)
        layout.addWidget(self.edit_button)
        layout.addWidget(self.import_button)

        self.combo.currentIndexChanged.connect(self._on_index_changed)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)

    def refresh(self, select: str | None = None) -> None:
        """Reload the bundled and user nomenclatures; select `select`, else the saved region."""
        self._nomenclatures, errors = waste_bins.load_all()
        for message in errors:
            self.ctx.notify(self.tr("Bin nomenclature ignored: {message}").format(message=message), WARNING)
        wanted = select or self.ctx.settings.waste_region
        self.combo.blockSignals(True)  # one region_changed for the refresh, not one per item added
        self.combo.clear()
        for region, nomenclature in sorted(self._nomenclatures.items(), key=lambda kv: kv[1].name):
            suffix = self.tr(" (yours)") if nomenclature.user else ""
            self.combo.addItem(nomenclature.display_name() + suffix, region)
        index = self.combo.findData(wanted)
        if index < 0:
            index = self.combo.findData(waste_bins.DEFAULT_REGION)
        self.combo.setCurrentIndex(max(0, index))
        self.combo.blockSignals(False)
        self._apply(self.combo.currentData())

    def import_file(self, path: str) -> Nomenclature | None:
        """Validate and keep a nomenclature file as a user copy, then select it; None (and a message) if refused."""
        try:
            nomenclature = waste_bins.import_file(path)
        except (NomenclatureError, OSError) as exc:
            self.ctx.notify(self.tr("Could not import the bins: {exc}").format(exc=exc), ERROR)
            return None
        self.ctx.notify(self.tr("Imported bins for {name}").format(name=nomenclature.name), INFO)
        self.refresh(select=nomenclature.region)
        return nomenclature

    def _apply(self, region: str | None) -> None:
        self.nomenclature = self._nomenclatures.get(region) if region else None
        self.region_changed.emit(self.nomenclature)
        if self.nomenclature is not None and self.nomenclature.note:
            self.combo.setToolTip(self.nomenclature.display_note())

    def _on_index_changed(self, _index: int) -> None:
        region = self.combo.currentData()
        if region:
            self.ctx.settings.waste_region = region
            self.ctx.save_settings()
        self._apply(region)

    def _on_edit_clicked(self) -> None:
        if self.nomenclature is None:
            self.ctx.notify(self.tr("No bin nomenclature to edit: import one first"), WARNING)
            return
        dialog = BinsDialog(self.nomenclature, self._labels(), self)
        if dialog.exec() and dialog.saved is not None:
            self.ctx.notify(self.tr("Saved your bins for {name}").format(name=dialog.saved.name), INFO)
            self.refresh(select=dialog.saved.region)

    def _on_import_clicked(self) -> None:
        path = file_dialogs.open_file(self, file_dialogs.DATA, self.tr("Import a bin nomenclature"), "JSON (*.json)")
        if path:
            self.import_file(path)
