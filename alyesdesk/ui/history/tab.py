"""History: every stored result in one list, filterable, with details, deletion and CSV export."""

from __future__ import annotations


from PySide6.QtCore import QT_TRANSLATE_NOOP, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alyesdesk.storage import CAPABILITIES
from alyesdesk.storage.exports import atomic_write_text, history_csv
from alyesdesk.ui.context import ERROR, AppContext
from alyesdesk.ui.dialogs.result_details import ResultDetailsDialog
from alyesdesk.ui.i18n import format_time, input_text, outcome_text

COLUMNS = (QT_TRANSLATE_NOOP("HistoryTab", "Time"), QT_TRANSLATE_NOOP("HistoryTab", "Capability"),
           QT_TRANSLATE_NOOP("HistoryTab", "Input"), QT_TRANSLATE_NOOP("HistoryTab", "Outcome"),
           QT_TRANSLATE_NOOP("HistoryTab", "Model"))
CAPABILITY_TITLES = {"gaze": QT_TRANSLATE_NOOP("HistoryTab", "Gaze"),
                     "waste": QT_TRANSLATE_NOOP("HistoryTab", "Waste sorting"),
                     "documents": QT_TRANSLATE_NOOP("HistoryTab", "Documents"),
                     "streets": QT_TRANSLATE_NOOP("HistoryTab", "Streets")}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the time column sorts by the epoch, not by the local text


class HistoryTab(QWidget):
    """Lists `Database.history()`; refreshes when any tab reports new results."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._rows: list[dict] = []

        self.capability = QComboBox()
        self.capability.addItem(self.tr("All capabilities"), None)
        for key in CAPABILITIES:
            self.capability.addItem(self.tr(CAPABILITY_TITLES[key]) if key in CAPABILITY_TITLES else key, key)
        self.search = QLineEdit(placeholderText=self.tr("Filter by file, outcome or model…"))
        self.search.setClearButtonEnabled(True)
        self.details_button = QPushButton(self.tr("Details…"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.count_label = QLabel()

        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: palette(mid); font-size: 15px; padding: 40px;")
        # Empty state and table share one place: an empty table with a footnote reads as "broken".
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)

        bar = QHBoxLayout()
        bar.addWidget(self.capability)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.details_button)
        bar.addWidget(self.delete_button)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count_label)

        # Typing filters after a short pause so a large history is not re-queried on every key.
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.capability.currentIndexChanged.connect(self.refresh)
        self.details_button.clicked.connect(self._on_details_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.table.doubleClicked.connect(self._on_details_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        ctx.results_changed.connect(self._on_results_changed)
        self.refresh()

    # --- data ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.ctx.db is None:
            self._rows = []
            self.empty_label.setText(self.tr("The database is locked: results are not being stored in this session."))
        else:
            try:
                self._rows = self.ctx.db.history(self.capability.currentData(), self.search.text().strip() or None)
            except Exception as exc:  # shown, not raised: a read error must not break the window
                self._rows = []
                self.ctx.notify(self.tr("Could not read the history: {reason}").format(reason=exc), ERROR)
            filtered = bool(self.search.text().strip() or self.capability.currentData())
            self.empty_label.setText(
                self.tr("No result matches this filter.")
                if filtered
                else self.tr("No results yet.\n\nEvery classification, document check, segmentation, calibration "
                             "and gaze recording is stored here, encrypted, as soon as it is made.")
            )
        self.model.removeRows(0, self.model.rowCount())
        for row in self._rows:
            items = [
                QStandardItem(format_time(row["created_at"], seconds=True)),
                QStandardItem(self.tr(CAPABILITY_TITLES[row["capability"]]) if row["capability"] in CAPABILITY_TITLES
                              else row["capability"]),
                QStandardItem(input_text(row["input"])),
                QStandardItem(outcome_text(row["capability"], row["outcome"])),
                QStandardItem(f"{row['model_name']} {row['model_version']}" if row.get("model_name") else "—"),
            ]
            items[0].setData(row["id"], Qt.ItemDataRole.UserRole)
            items[0].setData(row["created_at"], SORT_ROLE)
            for item in items[1:]:
                item.setData(item.text(), SORT_ROLE)
            items[2].setToolTip(row["input"])
            self.model.appendRow(items)
        self.stack.setCurrentWidget(self.table if self._rows else self.empty_label)
        self.count_label.setText(self.tr("{count} result(s)").format(count=len(self._rows)))
        self._update_buttons()

    def _selected_ids(self) -> list[int]:
        ids = []
        for index in self.table.selectionModel().selectedRows(0):
            source = self.proxy.mapToSource(index)
            ids.append(int(self.model.item(source.row(), 0).data(Qt.ItemDataRole.UserRole)))
        return ids

    def _update_buttons(self) -> None:
        selected = bool(self.table.selectionModel().selectedRows()) and self.ctx.db is not None
        self.details_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
        self.export_button.setEnabled(bool(self._rows))

    # --- slots -----------------------------------------------------------------------------------
    def _on_results_changed(self, _capability: str) -> None:
        self.refresh()

    def _on_details_clicked(self) -> None:
        ids = self._selected_ids()
        if not ids or self.ctx.db is None:
            return
        result = self.ctx.db.result(ids[0])
        if result is None:
            self.refresh()
            return
        dialog = ResultDetailsDialog(result, self)
        if dialog.exec() and dialog.note_changed and self.ctx.db is not None:
            self.ctx.db.set_note(ids[0], dialog.note)
            self.refresh()

    def _on_delete_clicked(self) -> None:
        ids = self._selected_ids()
        if not ids or self.ctx.db is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete results"),
            self.tr("Delete {count} result(s) from the encrypted database? This cannot be undone.").format(
                count=len(ids)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        for rid in ids:
            self.ctx.db.delete_result(rid)
        self.ctx.notify(self.tr("Deleted {count} result(s)").format(count=len(ids)))
        self.ctx.results_changed.emit("history")

    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export history"), "alyesdesk-history.csv", "CSV (*.csv)")
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> None:
        try:
            atomic_write_text(path, history_csv(self._rows))
        except OSError as exc:
            self.ctx.notify(self.tr("Could not write {path}: {reason}").format(path=path, reason=exc.strerror or exc), ERROR)
            return
        self.ctx.notify(self.tr("Exported {count} result(s) to {path}").format(count=len(self._rows), path=path))
