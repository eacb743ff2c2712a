"""History: every stored result as a library: one row per file and model (re-checks are its versions),
with thumbnails, filters (capability, date range, text), readable details, "Open in its tab",
"Show in folder", undoable delete and CSV export.

The parts: `filters.HistoryFilters`, `table.HistoryTable`, `thumbnails.ThumbnailLoader`,
`details.HistoryDetailsDialog`, `undo.PendingDeletes`, `rechecks.RecheckWatcher`.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QStackedWidget, QVBoxLayout,
                               QWidget)

from alyesdesk.pathtext import from_stored
from alyesdesk.storage.exports import atomic_write_text, history_csv
from alyesdesk.ui import file_dialogs
from alyesdesk.ui.context import ERROR, AppContext
from alyesdesk.ui.history.details import HistoryDetailsDialog
from alyesdesk.ui.history.filters import HistoryFilters
from alyesdesk.ui.history.rechecks import RecheckWatcher
from alyesdesk.ui.error_text import localized
from alyesdesk.ui.history.table import HistoryTable
from alyesdesk.ui.history.thumbnails import ThumbnailLoader
from alyesdesk.ui.history.undo import PendingDeletes
from alyesdesk.ui.widgets.exporting import ask_save_path, report_export_failed, report_exported


class HistoryTab(QWidget):
    """Lists `Database.library()`; refreshes when any tab reports new results.

    Signals
    -------
    open_requested(dict)
        A result to show in its own tab (the main window opens it there).
    """

    open_requested = Signal(dict)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._rows: list[dict] = []

        self.filters = HistoryFilters()
        self.capability = self.filters.capability
        self.search = self.filters.search
        self.details_button = QPushButton(self.tr("Details…"))
        self.open_button = QPushButton(self.tr("Open in its tab"))
        self.folder_button = QPushButton(self.tr("Show in folder"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.details_button.setToolTip(self.tr("What was found, every version, and a note (Enter)"))
        self.open_button.setToolTip(self.tr("Open the file again in the tab that checked it"))
        self.folder_button.setToolTip(self.tr("Open the folder that holds the file"))
        self.delete_button.setToolTip(self.tr("Delete the selected results and their versions (Ctrl+Z brings "
                                              "them back)"))
        self.export_button.setToolTip(self.tr("Save the results shown as a CSV file"))
        self.count_label = QLabel()

        self.table = HistoryTable()
        self.model = self.table.source
        self.proxy = self.table.proxy
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: palette(mid); font-size: 15px; padding: 40px;")
        # Empty state and table share one place: an empty table with a footnote reads as "broken".
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)

        # The undo strip: what was deleted, and the button that brings it back.
        self.undo_bar = QFrame()
        self.undo_bar.setObjectName("undo_bar")
        self.undo_bar.setStyleSheet("#undo_bar { background: palette(alternate-base); border-radius: 4px; }")
        self.undo_label = QLabel()
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Bring the deleted results back (Ctrl+Z)"))
        strip = QHBoxLayout(self.undo_bar)
        strip.setContentsMargins(8, 4, 8, 4)
        strip.addWidget(self.undo_label, 1)
        strip.addWidget(self.undo_button)
        self.undo_bar.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        for button in (self.details_button, self.open_button, self.folder_button, self.delete_button,
                       self.export_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

        self.thumbnails = ThumbnailLoader(self)
        self.thumbnails.thumbnail_ready.connect(self._on_thumbnail_ready)
        self.pending = PendingDeletes(lambda: self.ctx.db, self._on_delete_failed, self)
        self.pending.changed.connect(self._on_pending_changed)
        self.pending.committed.connect(self._on_deletes_committed)
        self.rechecks = RecheckWatcher(ctx, self.pending, self)
        self.rechecks.replaced.connect(self._on_rechecks_replaced)
        self.undo_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self, self.undo_delete)
        self.undo_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.filters.changed.connect(self.refresh)
        self.details_button.clicked.connect(self._on_details_clicked)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.folder_button.clicked.connect(self._on_folder_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.undo_button.clicked.connect(self.undo_delete)
        self.table.doubleClicked.connect(self._on_details_clicked)
        self.table.customContextMenuRequested.connect(self._on_context_menu_requested)
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
                self._rows = self.ctx.db.library(exclude=self.pending.hidden(), **self.filters.values())
            except Exception as exc:  # shown, not raised: a read error must not break the window
                self._rows = []
                self.ctx.notify(self.tr("Could not read the history: {reason}").format(reason=localized(exc)), ERROR)
            self.empty_label.setText(
                self.tr("No result matches this filter.")
                if self.filters.is_filtered()
                else self.tr("No results yet.\n\nEvery classification, document check, segmentation, calibration "
                             "and gaze recording is stored here, encrypted, as soon as it is made.")
            )
        selected = [e["id"] for e in self.table.selected_entries()]
        self.table.set_entries(self._rows, {e["id"]: self.thumbnails.cached(e["id"]) for e in self._rows})
        for rid in selected:
            self.table.select_id(rid)
        if self.ctx.db is not None:
            self.thumbnails.request(self.ctx.db, self._rows)
        self.stack.setCurrentWidget(self.table if self._rows else self.empty_label)
        self.count_label.setText(self.tr("{count} result(s)").format(count=len(self._rows)))
        self._update_buttons()

    def all_rows(self) -> list[dict]:
        """Every stored result shown, versions included (what the CSV export writes)."""
        return [row for entry in self._rows for row in (entry, *entry.get("versions", ()))]

    def _selected(self) -> list[dict]:
        return self.table.selected_entries()

    def _update_buttons(self) -> None:
        selected = self._selected() if self.ctx.db is not None else []
        self.details_button.setEnabled(len(selected) == 1)
        self.open_button.setEnabled(len(selected) == 1)
        self.folder_button.setEnabled(len(selected) == 1 and selected[0]["capability"] != "gaze")
        self.delete_button.setEnabled(bool(selected))
        self.export_button.setEnabled(bool(self._rows))

    # --- slots -----------------------------------------------------------------------------------
    def _on_results_changed(self, _capability: str) -> None:
        self.refresh()

    def _on_thumbnail_ready(self, result_id: int, pixmap: QPixmap) -> None:
        self.table.set_thumbnail(result_id, pixmap)

    def _on_details_clicked(self) -> None:
        selected = self._selected()
        if selected and self.ctx.db is not None:
            self.show_details(int(selected[0]["id"]))

    def show_details(self, result_id: int) -> HistoryDetailsDialog | None:
        """The details dialog of one result (modal); a version chosen in it is shown next."""
        result = self.ctx.db.result(result_id) if self.ctx.db is not None else None
        if result is None:
            self.refresh()
            return None
        versions = self.ctx.db.versions_of(result_id)
        thumb = self.thumbnails.cached(result_id)
        dialog = HistoryDetailsDialog(result, versions, self.ctx.db,
                                      thumb.scaledToWidth(160) if thumb is not None else None, self)
        dialog.open_requested.connect(self._on_dialog_open_requested)
        dialog.show_in_folder_requested.connect(self.show_in_folder)
        chosen: list[int] = []
        dialog.version_chosen.connect(lambda rid: (chosen.append(rid), dialog.reject()))
        self.details_dialog = dialog
        if dialog.exec() and dialog.note_changed and self.ctx.db is not None:
            self.ctx.db.set_note(result_id, dialog.note)
            self.refresh()
        if chosen and chosen[0] != result_id:
            return self.show_details(chosen[0])
        return dialog

    def _on_dialog_open_requested(self, result: dict) -> None:
        self.open_requested.emit(_with_path_bytes(result))

    def _on_open_clicked(self) -> None:
        selected = self._selected()
        if selected:
            self.open_requested.emit(selected[0])

    def _on_folder_clicked(self) -> None:
        selected = self._selected()
        if selected:
            self.show_in_folder(selected[0])

    def show_in_folder(self, result: dict) -> bool:
        path = from_stored(result["input"], result.get("input_bytes") or _with_path_bytes(result).get("input_bytes"))
        if file_dialogs.show_in_folder(path):
            return True
        self.ctx.notify(self.tr("The folder of {file} is no longer there").format(file=path), ERROR)
        return False

    def _on_context_menu_requested(self, pos: QPoint) -> None:
        if not self._selected():
            return
        menu = QMenu(self)
        for button in (self.details_button, self.open_button, self.folder_button, self.delete_button):
            action = menu.addAction(button.text(), button.click)
            action.setEnabled(button.isEnabled())
        self.context_menu = menu
        menu.popup(self.table.viewport().mapToGlobal(pos))

    # --- undoable delete -------------------------------------------------------------------------
    def _on_delete_clicked(self) -> None:
        selected = self._selected()
        if not selected or self.ctx.db is None:
            return
        ids = [int(row["id"]) for entry in selected for row in (entry, *entry.get("versions", ()))]
        self.pending.delete(ids)
        text = self.tr("Deleted {count} result(s)").format(count=len(ids))
        self._show_undo(text)
        self.ctx.notify(text, actions=((self.tr("Undo"), self.undo_delete),))

    def _on_rechecks_replaced(self, ids: list) -> None:
        text = self.tr("Replaced {count} earlier result(s) with the new check").format(count=len(ids))
        self._show_undo(text)
        self.ctx.notify(text, actions=((self.tr("Undo"), self.undo_delete),))

    def _show_undo(self, text: str) -> None:
        self.undo_label.setText(text)
        self.undo_bar.show()

    def undo_delete(self) -> list[int]:
        """Bring the last deleted results back (Ctrl+Z, the Undo button)."""
        restored = self.pending.undo()
        if restored:
            self.ctx.notify(self.tr("Restored {count} result(s)").format(count=len(restored)))
        return restored

    def _on_pending_changed(self) -> None:
        if not self.pending.can_undo():
            self.undo_bar.hide()
        self.refresh()

    def _on_deletes_committed(self, _count: int) -> None:
        self.ctx.results_changed.emit("history")  # other tabs drop what they showed of them

    def _on_delete_failed(self, exc: Exception) -> None:
        self.ctx.notify(self.tr("The results could not be deleted: {reason}").format(reason=localized(exc)), ERROR, exception=exc)

    # --- export ------------------------------------------------------------------------------------
    def _on_export_clicked(self) -> None:
        name = f"alyesdesk-history-{time.strftime('%Y-%m-%d')}.csv"
        path = ask_save_path(self, self.tr("Export history"), name, "CSV (*.csv)")
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> None:
        rows = self.all_rows()
        try:
            atomic_write_text(path, history_csv(rows))
        except OSError as exc:
            report_export_failed(self.ctx, exc)
            return
        report_exported(self.ctx, path, detail=self.tr("{count} result(s)").format(count=len(rows)))

    def shutdown(self) -> None:
        """The app closes: pending deletes happen now (their undo time ends with the session)."""
        self.pending.commit()
        self.thumbnails.shutdown()


def _with_path_bytes(result: dict) -> dict:
    """A `Database.result` row carries a non-UTF-8 name's bytes in its details; History rows as input_bytes."""
    details = result.get("details")
    if "input_bytes" not in result and isinstance(details, dict) and details.get("path_bytes"):
        return {**result, "input_bytes": details["path_bytes"]}
    return result
