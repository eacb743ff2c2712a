"""The Waste tab's batch at scale: the card grid or a compact list (one model, one filter, one selection),
sort and filter controls, the per-bin totals, removing a row and exporting the batch as CSV.

Undo (Ctrl+Z) covers removals and corrections: both go through `undo_stack` (see `undo.py`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from alyesdesk.inference.waste.classify import FileResult
from alyesdesk.ui.context import AppContext
from alyesdesk.ui.i18n import label_text
from alyesdesk.ui.waste.cards import CELL, ResultDelegate, readable_text_colour
from alyesdesk.ui.waste.results_filter import FILTER_ALL, FILTER_BIN, FILTER_MATERIAL, FILTER_STATUS, ResultsFilter
from alyesdesk.ui.waste.results_model import (
    COL_BIN,
    COL_CONFIDENCE,
    COL_MATERIAL,
    COL_PATH,
    COL_PHOTO,
    COL_STATUS,
    STATUS_CORRECTED,
    STATUS_ERROR,
    STATUS_NOT_SURE,
    STATUS_NOT_WASTE,
    ResultsModel,
)
from alyesdesk.ui.waste.undo import CorrectCommand, RemoveCommand, Store
from alyesdesk.ui.workers import WorkerGroup
from alyesdesk.ui.widgets.exporting import ask_save_path, report_export_failed, report_exported
from alyesdesk.ui.widgets.flow import FlowRow

CARDS, LIST = "cards", "list"
ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
SEP = "\x1f"  # between a filter's kind and value in the combo's data
SUMMARY_MS = 150


class ResultGrid(QListView):
    """One card per file (painted by `ResultDelegate`), over the same filtered model as the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setGridSize(QSize(CELL.width() + 6, CELL.height() + 6))
        self.setSpacing(4)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setItemDelegate(ResultDelegate(self))
        self.setAcceptDrops(False)  # the drop zone and the tab handle drops


class ResultTable(QTableView):
    """The compact list: one line per file with a small thumbnail; click a header to sort."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSortingEnabled(True)
        self.setIconSize(QSize(40, 40))
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(44)
        self.setAcceptDrops(False)

    def setModel(self, model: Any) -> None:  # noqa: N802 - sizes need the columns
        super().setModel(model)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((COL_PHOTO, 220), (COL_MATERIAL, 130), (COL_CONFIDENCE, 80), (COL_BIN, 200),
                              (COL_STATUS, 130)):
            self.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        header.setSortIndicator(COL_PHOTO, ASC)


class ResultsView(QWidget):
    """Signals: `current_changed(int)` (source row, -1 for none), `csv_exported(str)` (the file written)."""

    current_changed = Signal(int)
    csv_exported = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = ResultsModel(self)
        self.proxy = ResultsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.undo_stack = QUndoStack(self)
        self._group = WorkerGroup(self)  # CSV writes, off the GUI thread

        self.grid = ResultGrid()
        self.table = ResultTable()
        self.grid.setModel(self.proxy)
        self.table.setModel(self.proxy)
        self.table.setSelectionModel(self.grid.selectionModel())  # one selection for both views
        self.stack = QStackedWidget()
        self.stack.addWidget(self.grid)
        self.stack.addWidget(self.table)

        self.cards_button = QToolButton()
        self.cards_button.setToolTip(self.tr("Show the photos as cards"))
        self.cards_button.setText(self.tr("Cards"))
        self.list_button = QToolButton()
        self.list_button.setToolTip(self.tr("Show the photos as a table"))
        self.list_button.setText(self.tr("List"))
        self.view_group = QButtonGroup(self)
        for button in (self.cards_button, self.list_button):
            button.setCheckable(True)
            self.view_group.addButton(button)
        self.cards_button.setChecked(True)
        self.filter_combo = QComboBox()
        self.filter_combo.setToolTip(self.tr("Show only some of the photos"))
        self.filter_combo.setMinimumContentsLength(16)
        self.sort_combo = QComboBox()
        self.sort_combo.setToolTip(self.tr("Order of the photos"))
        for text, column, order in ((self.tr("Order added"), COL_PHOTO, ASC),
                                    (self.tr("Material"), COL_MATERIAL, ASC),
                                    (self.tr("Confidence, lowest first"), COL_CONFIDENCE, ASC),
                                    (self.tr("Confidence, highest first"), COL_CONFIDENCE, DESC),
                                    (self.tr("Bin"), COL_BIN, ASC), (self.tr("Status"), COL_STATUS, ASC),
                                    (self.tr("File name"), COL_PATH, ASC)):
            self.sort_combo.addItem(text, _sort_key(column, order))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected photo from this list (Delete); its stored "
                                              "result stays in History. Ctrl+Z brings it back."))
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Undo the last removal or correction (Ctrl+Z)"))
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setToolTip(self.tr("Save this batch's results (path, material, confidence, bin, "
                                              "not waste, your label) as a CSV file"))
        self.totals = QLabel()
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        self.totals.setWordWrap(True)
        self.count_label = QLabel()

        bar = FlowRow()  # groups wrap onto a second line in a narrow window
        bar.add(self.cards_button, self.list_button)
        bar.add(QLabel(self.tr("Show:")), self.filter_combo)
        bar.add(QLabel(self.tr("Sort:")), self.sort_combo, self.count_label)
        bar.add(self.undo_button, self.remove_button, self.export_button, align_right=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bar)
        layout.addWidget(self.totals)
        layout.addWidget(self.stack, 1)

        self.view_group.buttonClicked.connect(self._on_view_clicked)
        self.filter_combo.activated.connect(self._on_filter_chosen)
        self.sort_combo.activated.connect(self._on_sort_chosen)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_header_sorted)
        self.grid.selectionModel().currentChanged.connect(self._on_current_changed)
        self.remove_button.clicked.connect(self.remove_current)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.undoTextChanged.connect(
            lambda text: self.undo_button.setToolTip(self.tr("Undo {what} (Ctrl+Z)").format(what=text)))
        # The totals and the filter's choices are recounted at most every SUMMARY_MS: a batch of
        # thousands arrives one row at a time, and recounting per row would cost n^2 in the GUI thread.
        self._summary_timer = QTimer(self, singleShot=True, interval=SUMMARY_MS)
        self._summary_timer.timeout.connect(self.refresh_summary)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.dataChanged,
                       self.model.modelReset):
            signal.connect(self._on_rows_changed)
        self.proxy.rowsInserted.connect(self._on_shown_changed)
        self.proxy.rowsRemoved.connect(self._on_shown_changed)
        self.proxy.layoutChanged.connect(self._on_shown_changed)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in ((QKeySequence.StandardKey.Undo, self.undo_stack.undo),
                           (QKeySequence.StandardKey.Redo, self.undo_stack.redo),
                           (QKeySequence.StandardKey.Delete, self.remove_current)):
            QShortcut(keys, self, activated=slot, context=context)
        self.undo_button.setEnabled(False)
        self.refresh_summary()

    # --- rows ----------------------------------------------------------------------------------------
    def add_result(self, result: FileResult) -> int:
        row = self.model.add_result(result)
        if self.current_row() < 0:  # the first one becomes current so the detail pane is never empty for nothing
            self.select_row(row)
        return row

    def current_row(self) -> int:
        """The selected row of the model (not of the filtered view), -1 for none."""
        index = self.grid.selectionModel().currentIndex()
        return self.proxy.mapToSource(index).row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.grid.selectionModel().setCurrentIndex(index, flags)

    def set_view(self, which: str) -> None:
        (self.list_button if which == LIST else self.cards_button).setChecked(True)
        self.stack.setCurrentWidget(self.table if which == LIST else self.grid)

    @property
    def view(self) -> str:
        return LIST if self.stack.currentWidget() is self.table else CARDS

    def set_filter(self, kind: str, value: str = "") -> None:
        self.proxy.set_filter(kind, value)
        self._sync_filter_combo()
        self._on_shown_changed()

    def sort_by(self, column: int, order: Qt.SortOrder = ASC) -> None:
        self.proxy.sort(column, order)
        self.table.horizontalHeader().setSortIndicator(column, order)
        self._sync_sort_combo()

    def correct(self, row: int, label: str, lookup: Callable[[str], Any] | None, store: Store) -> None:
        """The person's label for `row` (a correction, or the model's own label to confirm it); undoable."""
        self.undo_stack.push(CorrectCommand(self.model, self.model.result(row), label, lookup, store))

    def remove_current(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        proxy_row = self.proxy.proxy_row(row)
        self.undo_stack.push(RemoveCommand(self.model, self.model.result(row)))
        remaining = self.proxy.rowCount()
        if remaining:  # keep a selection where the removed one was, for removing several in a row
            self.select_row(self.proxy.source_row(min(proxy_row, remaining - 1)))

    def clear(self) -> None:
        self.undo_stack.clear()
        self.model.clear()

    def apply_bins(self, lookup: Callable[[str], Any] | None) -> None:
        self.model.apply_bins(lookup)

    # --- export --------------------------------------------------------------------------------------
    def _on_export_clicked(self) -> None:
        # The one export pattern (ui/widgets/exporting.py): a full path in the folder last exported to.
        path = ask_save_path(self, self.tr("Export the results as CSV"), "waste-results.csv",
                             self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> None:
        """Write every row of the batch (in the order shown, whatever the filter) to `path`, off the GUI thread."""
        from alyesdesk.inference.waste.results_csv import write_results_csv

        order = [self.proxy.source_row(r) for r in range(self.proxy.rowCount())]
        hidden = [r for r in range(self.model.rowCount()) if r not in set(order)]
        rows = [(self.model.result(r), self.model.correction(r)) for r in order + hidden]
        target = str(Path(path).absolute())

        def done(_written: Any) -> None:
            report_exported(self.ctx, target, detail=self.tr("{count} result(s)").format(count=len(rows)))
            self.csv_exported.emit(target)

        self._group.call(lambda: write_results_csv(rows, target), on_done=done,
                         on_error=lambda failure: report_export_failed(self.ctx, failure))

    def stop(self) -> None:
        self._group.stop_all()

    # --- filter, sort, totals ------------------------------------------------------------------------
    def _on_view_clicked(self, button: Any) -> None:
        self.set_view(LIST if button is self.list_button else CARDS)

    def _on_filter_chosen(self, _index: int) -> None:
        choice = self.filter_combo.currentData()
        if choice:
            self.set_filter(*choice.split(SEP, 1))

    def _on_sort_chosen(self, _index: int) -> None:
        column, order = self.sort_combo.currentData().split(":")
        self.sort_by(int(column), DESC if order == "desc" else ASC)

    def _on_header_sorted(self, column: int, order: Qt.SortOrder) -> None:
        self._sync_sort_combo(column, order)

    def _sync_sort_combo(self, column: int | None = None, order: Qt.SortOrder | None = None) -> None:
        column = self.proxy.sortColumn() if column is None else column
        order = self.proxy.sortOrder() if order is None else order
        found = self.sort_combo.findData(_sort_key(column, order))
        if found < 0:  # a header sorted the other way round: show the column at least
            found = self.sort_combo.findData(_sort_key(column, DESC if order == ASC else ASC))
        if found >= 0:
            self.sort_combo.setCurrentIndex(found)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(self.proxy.mapToSource(current).row() if current.isValid() else -1)

    def _on_rows_changed(self, *_args: Any) -> None:
        if not self._summary_timer.isActive():
            self._summary_timer.start()

    def refresh_summary(self) -> None:
        """Recount the per-bin totals and the filter's choices now (otherwise done shortly after changes)."""
        self._summary_timer.stop()
        self._rebuild_filter_combo()
        self._show_totals()
        self._on_shown_changed()

    def _on_shown_changed(self, *_args: Any) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(self.tr("{shown} of {total}").format(shown=shown, total=total)
                                 if shown != total else self.tr("{total} photo(s)").format(total=total))
        for w in (self.remove_button, self.export_button):
            w.setEnabled(total > 0)

    def _rebuild_filter_combo(self) -> None:
        choices: list[tuple[str, tuple[str, str]]] = [
            (self.tr("All photos"), (FILTER_ALL, "")), (self.tr("Not sure"), (FILTER_STATUS, STATUS_NOT_SURE)),
            (self.tr("Not waste"), (FILTER_STATUS, STATUS_NOT_WASTE)), (self.tr("Errors"), (FILTER_STATUS, STATUS_ERROR)),
            (self.tr("Corrected or confirmed"), (FILTER_STATUS, STATUS_CORRECTED))]
        choices += [(self.tr("Material: {name}").format(name=label_text(m)), (FILTER_MATERIAL, m))
                    for m in self.model.materials()]
        choices += [(self.tr("Bin: {name}").format(name=b), (FILTER_BIN, b)) for b in self.model.bins()]
        current = self.proxy.current_filter
        if current not in [c for _, c in choices]:  # the filtered value is gone (undone, removed): keep it listed
            choices.append((self.tr("(filter) {value}").format(value=current[1]), current))
        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        for text, (kind, value) in choices:
            self.filter_combo.addItem(text, f"{kind}{SEP}{value}")
        self.filter_combo.blockSignals(False)
        self._sync_filter_combo()

    def _sync_filter_combo(self) -> None:
        found = self.filter_combo.findData(SEP.join(self.proxy.current_filter))
        if found >= 0:
            self.filter_combo.setCurrentIndex(found)

    def _show_totals(self) -> None:
        """Per-bin counts, always visible: the colour of each bin, its name and how many items go in it."""
        totals = self.model.bin_totals()
        if not totals:
            self.totals.setText(self.tr("Per bin: nothing yet"))
            return
        parts = []
        for name, colour, count in totals:
            if name:
                fg = readable_text_colour(colour or "#cccccc")
                parts.append(f"<span style='background:{colour}; color:{fg};'>&nbsp;{_escape(name)}&nbsp;</span>"
                             f"&nbsp;<b>{count}</b>")
            else:
                parts.append(self.tr("no bin: <b>{count}</b>").format(count=count))
        self.totals.setText(self.tr("Per bin: ") + " &nbsp;·&nbsp; ".join(parts))

    def bin_totals(self) -> dict[str, int]:
        return {name: count for name, _colour, count in self.model.bin_totals()}


def _sort_key(column: int, order: Qt.SortOrder) -> str:
    # combo data as plain text: Qt compares strings in findData, not Python tuples
    return f"{column}:{'desc' if order == DESC else 'asc'}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
