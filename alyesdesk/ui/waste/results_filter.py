"""Which rows of the batch show, and in which order: a QSortFilterProxyModel over `ResultsModel`.

A filter is a (kind, value) pair: ("all", ""), ("material", "plastic"), ("bin", "Poubelle jaune"),
("status", "not_sure" | "not_waste" | "error" | "corrected"). Sorting uses `SORT_ROLE` (numbers for the
confidence, the arrival order for the photo column), so both views sort the same way.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from alyesdesk.ui.waste.results_model import (
    BIN_ROLE,
    COL_PHOTO,
    MATERIAL_ROLE,
    SORT_ROLE,
    STATUS_CONFIRMED,
    STATUS_CORRECTED,
    STATUS_ROLE,
)

FILTER_ALL, FILTER_MATERIAL, FILTER_BIN, FILTER_STATUS = "all", "material", "bin", "status"


class ResultsFilter(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._kind, self._value = FILTER_ALL, ""
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)  # a correction re-sorts and re-filters at once
        self.sort(COL_PHOTO, Qt.SortOrder.AscendingOrder)  # arrival order until the person picks another

    @property
    def current_filter(self) -> tuple[str, str]:
        return self._kind, self._value

    def set_filter(self, kind: str, value: str = "") -> None:
        if kind not in (FILTER_ALL, FILTER_MATERIAL, FILTER_BIN, FILTER_STATUS):
            raise ValueError(f"unknown filter {kind!r}")
        self.beginFilterChange()
        self._kind, self._value = kind, value
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        if self._kind == FILTER_ALL:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        if self._kind == FILTER_MATERIAL:
            return index.data(MATERIAL_ROLE) == self._value
        if self._kind == FILTER_BIN:
            return index.data(BIN_ROLE) == self._value
        status = index.data(STATUS_ROLE)
        if self._value == STATUS_CORRECTED:  # the person's answers, corrections and confirmations alike
            return status in (STATUS_CORRECTED, STATUS_CONFIRMED)
        return status == self._value

    def source_row(self, proxy_row: int) -> int:
        return self.mapToSource(self.index(proxy_row, 0)).row()

    def proxy_row(self, source_row: int) -> int:
        return self.mapFromSource(self.sourceModel().index(source_row, 0)).row()
