"""History's list: one row per file and model, newest first, with its thumbnail, sortable by every column."""

from __future__ import annotations

import os

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QIcon, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from alyesdesk.ui.history.filters import capability_title
from alyesdesk.ui.i18n import format_time, input_text, outcome_text

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls

COLUMNS = (QT_TRANSLATE_NOOP("HistoryTab", "Time"), QT_TRANSLATE_NOOP("HistoryTab", "Capability"),
           QT_TRANSLATE_NOOP("HistoryTab", "Input"), QT_TRANSLATE_NOOP("HistoryTab", "Outcome"),
           QT_TRANSLATE_NOOP("HistoryTab", "Model"), QT_TRANSLATE_NOOP("HistoryTab", "Versions"))
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the time column sorts by the epoch, not by the local text
ICON = 40  # thumbnail size in the list (px)
# What stands for a result without a picture (a PDF, a video, a gaze session).
PLACEHOLDERS = {"documents": QStyle.StandardPixmap.SP_FileIcon, "streets": QStyle.StandardPixmap.SP_MediaPlay,
                "gaze": QStyle.StandardPixmap.SP_ComputerIcon, "waste": QStyle.StandardPixmap.SP_FileIcon}


def _tr(text: str) -> str:
    return translate("HistoryTab", text)


def shown_input(capability: str, stored: str) -> str:
    """The Input column's text: a file's name (its full path is the tooltip: long folders pushed every
    name out of view); a gaze session's name, or a calibration, as it is (a "/" there is not a folder).
    """
    text = input_text(stored)
    if capability == "gaze":
        return text
    separators = "/\\" if os.name == "nt" else "/"
    name = text
    for sep in separators:
        name = name.rsplit(sep, 1)[-1]
    return name or text


class HistoryTable(QTableView):
    """`set_entries(entries)` fills it; `selected_entries()`; `set_thumbnail(result id, pixmap)`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = QStandardItemModel(0, len(COLUMNS), self)
        self.source.setHorizontalHeaderLabels([_tr(c) for c in COLUMNS])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setIconSize(QSize(ICON, ICON))
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(ICON + 6)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self._rows_by_id: dict[int, int] = {}
        self._entries: dict[int, dict] = {}  # Python objects stay here: a QVariant would convert them

    def set_entries(self, entries: list[dict], thumbnails: dict[int, QPixmap | None]) -> None:
        self.source.removeRows(0, self.source.rowCount())
        self._rows_by_id = {}
        self._entries = {int(e["id"]): e for e in entries}
        for entry in entries:
            count = entry.get("version_count", 1)
            model = f"{entry['model_name']} {entry['model_version']}" if entry.get("model_name") else "—"
            versions = translate("HistoryTab", "{count} versions").format(count=count) if count > 1 else ""
            items = [QStandardItem(format_time(entry["created_at"], seconds=True)),
                     QStandardItem(capability_title(entry["capability"])),
                     QStandardItem(shown_input(entry["capability"], entry["input"])),
                     QStandardItem(outcome_text(entry["capability"], entry["outcome"])),
                     QStandardItem(model),
                     QStandardItem(versions)]
            items[0].setData(entry["id"], Qt.ItemDataRole.UserRole)
            items[0].setData(entry["created_at"], SORT_ROLE)
            for item in items[1:]:
                item.setData(item.text(), SORT_ROLE)
            items[5].setData(count, SORT_ROLE)
            items[2].setToolTip(entry["input"])
            items[2].setData(self._icon(entry, thumbnails.get(int(entry["id"]))), Qt.ItemDataRole.DecorationRole)
            if count > 1:
                items[5].setToolTip(translate("HistoryTab", "Checked {count} times with this model; Details lists "
                                              "every version").format(count=count))
            self.source.appendRow(items)
            self._rows_by_id[int(entry["id"])] = self.source.rowCount() - 1

    def _icon(self, entry: dict, pixmap: QPixmap | None) -> QIcon:
        if pixmap is not None:
            return QIcon(pixmap)
        return self.style().standardIcon(PLACEHOLDERS.get(entry["capability"], QStyle.StandardPixmap.SP_FileIcon))

    def set_thumbnail(self, result_id: int, pixmap: QPixmap) -> None:
        row = self._rows_by_id.get(result_id)
        if row is not None:
            self.source.item(row, 2).setData(QIcon(pixmap), Qt.ItemDataRole.DecorationRole)

    def entries(self) -> list[dict]:
        return list(self._entries.values())

    def selected_entries(self) -> list[dict]:
        out = []
        for index in self.selectionModel().selectedRows(0):
            source = self.proxy.mapToSource(index)
            out.append(self._entries[int(self.source.item(source.row(), 0).data(Qt.ItemDataRole.UserRole))])
        return out

    def select_id(self, result_id: int) -> None:
        row = self._rows_by_id.get(result_id)
        if row is not None:
            self.selectRow(self.proxy.mapFromSource(self.source.index(row, 0)).row())
