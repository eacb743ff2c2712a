"""The Waste tab's batch as a table model: one row per file, shared by the card grid and the list view
(both look through one `ResultsFilter`, so sorting and filtering apply to both).

Row data: the `FileResult`, the person's label (`CORRECTION_ROLE`: a correction, or the model's own label
for a confirmed answer) and the thumbnail. Duplicates of an earlier file show that file's thumbnail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap

from alyesdesk.inference.waste.classify import FileResult
from alyesdesk.ui.error_text import localized
from alyesdesk.ui.i18n import label_text
from alyesdesk.ui.widgets.images import bgr_to_pixmap

RESULT_ROLE = Qt.ItemDataRole.UserRole + 1
CORRECTION_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # a plain value to sort on (text, number)
STATUS_ROLE = Qt.ItemDataRole.UserRole + 4  # one of the STATUS_* keys below
BIN_ROLE = Qt.ItemDataRole.UserRole + 5  # the bin's container name, "" without one
MATERIAL_ROLE = Qt.ItemDataRole.UserRole + 6  # the shown material (the person's label first), "" without one
ORDER_ROLE = Qt.ItemDataRole.UserRole + 7  # the order the files arrived in
THUMB_ROLE = Qt.ItemDataRole.UserRole + 8  # the thumbnail QPixmap (the decoration is a QIcon, sized by the view)

COL_PHOTO, COL_MATERIAL, COL_CONFIDENCE, COL_BIN, COL_STATUS, COL_PATH = range(6)

STATUS_OK, STATUS_NOT_SURE, STATUS_NOT_WASTE, STATUS_ERROR, STATUS_CORRECTED, STATUS_CONFIRMED = (
    "ok", "not_sure", "not_waste", "error", "corrected", "confirmed")


@dataclass
class Row:
    result: FileResult
    correction: str | None = None
    pixmap: QPixmap | None = None
    order: int = 0


def status_of(result: FileResult, correction: str | None) -> str:
    """What a row is, for its badge and for the filter: the person's word beats the model's."""
    p = result.prediction
    if not result.ok or p is None:
        return STATUS_ERROR
    if correction:
        return STATUS_CONFIRMED if correction == p.label else STATUS_CORRECTED
    if result.looks_like_waste is False:
        return STATUS_NOT_WASTE
    return STATUS_OK if p.sure else STATUS_NOT_SURE


def shown_material(result: FileResult, correction: str | None) -> str:
    """The material a row stands for: the person's label, else the model's (none for errors or not waste)."""
    if correction:
        return correction
    if result.prediction is None or result.looks_like_waste is False:
        return ""
    return result.prediction.label


class ResultsModel(QAbstractTableModel):
    """The batch's results; change it only through these methods so both views stay in step."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._added = 0

    # --- Qt model ------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Photo"), self.tr("Material"), self.tr("Confidence"), self.tr("Bin"), self.tr("Status"),
                self.tr("File"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        result, column = row.result, index.column()
        if role == RESULT_ROLE:
            return result
        if role == CORRECTION_ROLE:
            return row.correction
        if role == STATUS_ROLE:
            return status_of(result, row.correction)
        if role == MATERIAL_ROLE:
            return shown_material(result, row.correction)
        if role == BIN_ROLE:
            return self._bin(row)
        if role == ORDER_ROLE:
            return row.order
        if role == THUMB_ROLE:
            return row.pixmap
        if role == Qt.ItemDataRole.DecorationRole and column == COL_PHOTO and row.pixmap is not None:
            return QIcon(row.pixmap)  # an icon, so the list draws it at its icon size
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(result.path) if result.ok else f"{result.path}\n{localized(result.error or '')}"
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS:
            status = status_of(result, row.correction)
            return QColor({STATUS_ERROR: "#c0392b", STATUS_NOT_SURE: "#d9822b", STATUS_NOT_WASTE: "#d9822b",
                           STATUS_CORRECTED: "#2d7ff9", STATUS_CONFIRMED: "#2e8b57"}.get(status, "#555555"))
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_BIN:
            advice = result.bin if self._bin(row) else None
            return QColor(advice.color) if advice is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_value(row, column)
        return None

    def _bin(self, row: Row) -> str:
        advice = row.result.bin
        if advice is None or (row.result.looks_like_waste is False and not row.correction):
            return ""
        return advice.container

    def _display(self, row: Row, column: int) -> str:
        result, p = row.result, row.result.prediction
        if column == COL_PHOTO:
            return result.path.name
        if column == COL_MATERIAL:
            material = shown_material(result, row.correction)
            return label_text(material) if material else ("—" if result.ok else "")
        if column == COL_CONFIDENCE:
            return f"{p.confidence:.0%}" if p is not None else ""
        if column == COL_BIN:
            return self._bin(row)
        if column == COL_STATUS:
            status = status_of(result, row.correction)
            text = {STATUS_OK: self.tr("sure"), STATUS_NOT_SURE: self.tr("not sure"),
                    STATUS_NOT_WASTE: self.tr("not waste"), STATUS_CORRECTED: self.tr("corrected"),
                    STATUS_CONFIRMED: self.tr("confirmed"), STATUS_ERROR: self.tr("error")}[status]
            if status == STATUS_ERROR and result.error:
                text += f": {localized(result.error)}"
            if result.duplicate_of:
                text += self.tr(" (duplicate)")
            return text
        return str(result.path)

    def _sort_value(self, row: Row, column: int) -> Any:
        if column == COL_CONFIDENCE:
            return row.result.prediction.confidence if row.result.prediction is not None else -1.0
        if column == COL_PHOTO:
            return row.order
        return self._display(row, column).casefold()

    # --- the batch -----------------------------------------------------------------------------------
    def add_result(self, result: FileResult) -> int:
        """Append a row (its thumbnail made once, or borrowed from the file it duplicates); its row number."""
        thumb = result.extra.pop("thumb", None)  # the array is not kept: the pixmap replaces it
        pixmap = bgr_to_pixmap(thumb) if thumb is not None else self._pixmap_of(result.sha256)
        if pixmap is not None:
            result.extra["has_thumb"] = True
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(Row(result, None, pixmap, self._added))
        self._added += 1
        self.endInsertRows()
        return n

    def _pixmap_of(self, sha256: str | None) -> QPixmap | None:
        # Same bytes, same picture: the first copy's thumbnail (its array is gone once it was shown).
        if not sha256:
            return None
        return next((r.pixmap for r in self._rows if r.result.sha256 == sha256 and r.pixmap is not None), None)

    def row(self, n: int) -> Row:
        return self._rows[n]

    def result(self, n: int) -> FileResult:
        return self._rows[n].result

    def correction(self, n: int) -> str | None:
        return self._rows[n].correction

    def results(self) -> list[FileResult]:
        return [r.result for r in self._rows]

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_of(self, result: FileResult) -> int:
        """The row that holds `result` (by identity), -1 when it was removed."""
        return next((i for i, r in enumerate(self._rows) if r.result is result), -1)

    def set_correction(self, n: int, label: str | None, lookup: Callable[[str], Any] | None = None) -> str | None:
        """Set the person's label of row `n` (None: back to the model's answer); returns the previous one.
        With `lookup` the bin follows the label."""
        row = self._rows[n]
        previous, row.correction = row.correction, label
        if lookup is not None and row.result.prediction is not None:
            self._advise(row, lookup)
        self._changed(n)
        return previous

    def take_row(self, n: int) -> Row:
        """Remove row `n` and return it (to put it back on undo)."""
        self.beginRemoveRows(QModelIndex(), n, n)
        row = self._rows.pop(n)
        self.endRemoveRows()
        return row

    def insert_row(self, n: int, row: Row) -> None:
        n = max(0, min(n, len(self._rows)))
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.insert(n, row)
        self.endInsertRows()

    def apply_bins(self, lookup: Callable[[str], Any] | None) -> None:
        """Re-advise every row for a new region; a corrected row gets the bin of its corrected label."""
        for row in self._rows:
            if row.result.prediction is not None:
                if lookup is None:
                    row.result.bin = None
                else:
                    self._advise(row, lookup)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))

    @staticmethod
    def _advise(row: Row, lookup: Callable[[str], Any]) -> None:
        label = row.correction or row.result.prediction.label  # type: ignore[union-attr]
        waste = row.correction or row.result.looks_like_waste is not False  # not waste: no bin to advise
        row.result.bin = lookup(label) if waste else None

    def clear(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self.endResetModel()

    def _changed(self, n: int) -> None:
        self.dataChanged.emit(self.index(n, 0), self.index(n, self.columnCount() - 1))

    # --- summaries -----------------------------------------------------------------------------------
    def bin_totals(self) -> list[tuple[str, str | None, int]]:
        """(bin container, colour, count) for every bin used, biggest first; rows without a bin (not waste,
        errors, no advice) are counted under "" last."""
        counts: dict[str, list[Any]] = {}
        for row in self._rows:
            name = self._bin(row)
            entry = counts.setdefault(name, [row.result.bin.color if name else None, 0])
            entry[1] += 1
        named = sorted(((k, v[0], v[1]) for k, v in counts.items() if k), key=lambda t: (-t[2], t[0]))
        return named + ([("", None, counts[""][1])] if "" in counts else [])

    def materials(self) -> list[str]:
        """The materials shown in the batch (for the filter), in first-seen order."""
        seen: dict[str, None] = {}
        for row in self._rows:
            material = shown_material(row.result, row.correction)
            if material:
                seen.setdefault(material)
        return list(seen)

    def bins(self) -> list[str]:
        return [name for name, _colour, _n in self.bin_totals() if name]
