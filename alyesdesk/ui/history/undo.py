"""Undoable delete: History hides deleted results at once and deletes them for real only when the undo
time runs out or the app closes. A crash before then deletes nothing: data is never lost by accident."""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

UNDO_MS = 30_000


class PendingDeletes(QObject):
    """Batches of result ids deleted but still undoable; the last batch comes back first.

    Signals: changed() when the hidden ids change; committed(int) after the real delete (how many rows)."""

    changed = Signal()
    committed = Signal(int)

    def __init__(self, database: Callable[[], Any], on_error: Callable[[Exception], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._on_error = on_error
        self.batches: list[list[int]] = []
        self.timer = QTimer(self, singleShot=True, interval=UNDO_MS)
        self.timer.timeout.connect(self.commit)

    def hidden(self) -> set[int]:
        return {rid for batch in self.batches for rid in batch}

    def can_undo(self) -> bool:
        return bool(self.batches)

    def delete(self, ids: list[int]) -> None:
        if not ids:
            return
        self.batches.append([int(i) for i in ids])
        self.timer.start()  # the undo time counts from the latest delete
        self.changed.emit()

    def undo(self) -> list[int]:
        """Bring back the last batch; [] when there is none."""
        if not self.batches:
            return []
        batch = self.batches.pop()
        if not self.batches:
            self.timer.stop()
        self.changed.emit()
        return batch

    def commit(self) -> int:
        """Delete every pending batch for real (the undo time ran out, or the app closes)."""
        self.timer.stop()
        ids = sorted(self.hidden())
        if not ids:
            return 0
        db = self._database()
        if db is None:  # the database was closed (a restore): there is nothing to delete from
            self.batches = []
            self.changed.emit()
            return 0
        try:
            count = db.delete_results(ids)
        except Exception as exc:  # kept hidden-but-present is wrong; show them again and say why
            log.warning("pending delete failed: %s", exc)
            self.batches = []
            self.changed.emit()
            self._on_error(exc)
            return 0
        self.batches = []
        self.committed.emit(count)
        self.changed.emit()
        return count
