"""When a file is checked again with the same model (in any tab), ask once whether the new result
replaces the stored one or both are kept as versions, instead of piling up copies in History.

The new result is always stored first (never lost); "Replace" then deletes the earlier versions through
History's undoable delete. "Don't ask again" keeps the answer in the `recheck_policy` setting.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from alyesdesk.ui.context import AppContext
from alyesdesk.ui.history.undo import PendingDeletes

log = logging.getLogger(__name__)
QUIET_MS = 800  # a batch stores results one by one: ask once it has paused


class RecheckWatcher(QObject):
    """Watches new results for re-checks. Signals: replaced(list of ids) after earlier versions went."""

    replaced = Signal(list)

    def __init__(self, ctx: AppContext, pending: PendingDeletes, dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self.ctx = ctx
        self.pending = pending
        self.dialog_parent = dialog_parent
        self._asking = False
        self._mark = self._last_id()
        self.timer = QTimer(self, singleShot=True, interval=QUIET_MS)
        self.timer.timeout.connect(self.check)
        ctx.results_changed.connect(self._on_results_changed)

    def _last_id(self) -> int:
        try:
            return self.ctx.db.last_result_id() if self.ctx.db is not None else 0
        except Exception:  # a locked or closed database: nothing to watch
            return 0

    def _on_results_changed(self, capability: str) -> None:
        if capability == "":  # a restored database: its ids say nothing about this session's checks
            self._mark = self._last_id()
            return
        if capability != "history":
            self.timer.start()

    def check(self) -> list[dict]:
        """Handle the re-checks stored since the last look; returns them."""
        if self.ctx.db is None:
            return []
        if self._asking:  # a question is open: look again once it is answered
            self.timer.start()
            return []
        # The window is fixed first: a result stored by a worker while this runs is looked at next time,
        # not skipped by a mark taken after the query.
        top = self._last_id()
        found = self.ctx.db.rechecks_since(self._mark, up_to=top)
        self._mark = top
        if not found:
            return []
        policy = self.ctx.settings.recheck_policy
        if policy == "ask":
            self._asking = True
            try:
                policy, remember = self.ask(found)
            finally:
                self._asking = False
            if remember:
                self.ctx.settings.recheck_policy = policy
                self.ctx.save_settings()
        if policy == "replace":
            earlier = sorted({rid for item in found for rid in item["earlier"]})
            self.pending.delete(earlier)
            self.replaced.emit(earlier)
        return found

    def ask(self, found: list[dict]) -> tuple[str, bool]:
        """("replace" or "keep", remember the answer). Without a window on screen (a headless run) nobody
        can answer: both are kept, which loses nothing."""
        from pathlib import Path

        window = self.dialog_parent.window()
        if not window.isVisible():
            return "keep", False
        box = QMessageBox(window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Checked again"))
        if len(found) == 1:
            box.setText(self.tr("{file} was already checked with this model. Replace the stored result with the "
                                "new one, or keep both as versions?").format(file=Path(found[0]["input"]).name))
        else:
            box.setText(self.tr("{count} files were already checked with this model. Replace their stored results "
                                "with the new ones, or keep both as versions?").format(count=len(found)))
        replace = box.addButton(self.tr("Replace"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep both"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(replace)
        remember = QCheckBox(self.tr("Don't ask again"))
        box.setCheckBox(remember)
        box.exec()
        return ("replace" if box.clickedButton() is replace else "keep"), remember.isChecked()
