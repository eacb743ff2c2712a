"""Editing a bin nomenclature: one row per material (container, colour, advice), saved as a user copy."""

from __future__ import annotations

import copy

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alyesdesk.inference.waste import bins as waste_bins
from alyesdesk.inference.waste.bins import Nomenclature, NomenclatureError

COLUMNS = (QT_TRANSLATE_NOOP("BinsDialog", "Material"), QT_TRANSLATE_NOOP("BinsDialog", "Container"),
           QT_TRANSLATE_NOOP("BinsDialog", "Colour"), QT_TRANSLATE_NOOP("BinsDialog", "Advice"))


class BinsDialog(QDialog):
    """Edits a copy of `nomenclature`; `saved` holds the validated result after Save."""

    def __init__(self, nomenclature: Nomenclature, labels: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bins: {name}").format(name=nomenclature.name))
        self.resize(820, 460)
        self.source = nomenclature
        self.saved: Nomenclature | None = None
        self.name = QLineEdit(nomenclature.name)
        # Editing a bundled set saves a user copy under the same id, which then wins over the bundled one.
        self.region = QLineEdit(nomenclature.region)
        materials = list(dict.fromkeys([*labels, *nomenclature.materials]))
        self.table = QTableWidget(len(materials) + 1, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("BinsDialog", c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        rows = [(m, nomenclature.materials.get(m)) for m in materials]
        rows.append((self.tr("(anything else)"), nomenclature.default))
        for r, (material, entry) in enumerate(rows):
            entry = entry or {}
            key = QTableWidgetItem(material)
            key.setFlags(key.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(r, 0, key)
            self.table.setItem(r, 1, QTableWidgetItem(entry.get("container", "")))
            self.table.setItem(r, 2, QTableWidgetItem(entry.get("color", "")))
            self.table.setItem(r, 3, QTableWidgetItem(entry.get("advice", "")))
            self._paint_colour(r)
        self.table.itemChanged.connect(lambda item: self._paint_colour(item.row()) if item.column() == 2 else None)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Region id"), self.region)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Leave a container empty to drop that material. Colours are #rrggbb.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _paint_colour(self, row: int) -> None:
        item = self.table.item(row, 2)
        if item is None:
            return
        colour = QColor(item.text().strip())
        self.table.blockSignals(True)
        item.setBackground(colour if colour.isValid() else QColor(0, 0, 0, 0))
        item.setForeground(QColor("#000000" if colour.isValid() and colour.lightness() > 128 else "#ffffff")
                           if colour.isValid() else QColor())
        self.table.blockSignals(False)

    def to_nomenclature(self) -> Nomenclature:
        """The table as a validated nomenclature; NomenclatureError names the bad row."""
        materials: dict[str, dict[str, str]] = {}
        default = None
        last = self.table.rowCount() - 1
        for r in range(self.table.rowCount()):
            cells = [(self.table.item(r, c).text().strip() if self.table.item(r, c) else "") for c in range(4)]
            material, container, colour, advice = cells
            if not container:
                continue
            entry = {"container": container, "color": colour}
            if advice:
                entry["advice"] = advice
            if r == last:
                default = entry
            else:
                materials[material] = entry
        data = copy.deepcopy(self.source.to_json())
        data.update(name=self.name.text().strip(), region=self.region.text().strip(), materials=materials)
        data.pop("default", None)
        if default:
            data["default"] = default
        return waste_bins.validate(data, self.tr("this nomenclature"))

    def _on_save(self) -> None:
        try:
            nomenclature = self.to_nomenclature()
            waste_bins.save_user(nomenclature)
        except (NomenclatureError, OSError) as exc:
            self.error.setText(str(exc))
            return
        self.saved = nomenclature
        self.accept()
