"""The Waste tab's classification queue: one batch runs at a time, items added meanwhile wait for the next."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from alyesdesk.inference.waste.classify import FileResult
from alyesdesk.ui.error_text import localized
from alyesdesk.ui.waste.workers import ClassifyWorker
from alyesdesk.ui.workers import WorkerHandle, start_worker


def batch_summary(results: list[FileResult], cancelled: bool, db_locked: bool) -> str:
    """The status line after a batch: how many were classified, unreadable and stored."""
    failed = sum(1 for r in results if not r.ok)
    stored = sum(1 for r in results if r.result_id)
    text = QCoreApplication.translate("Batches", "{value} classified, {failed} could not be read").format(value=(len(results) - failed), failed=failed)
    if cancelled:
        text = QCoreApplication.translate("Batches", "Cancelled: ") + text
    if db_locked:
        text += QCoreApplication.translate("Batches", " · not stored (database locked)")
    else:
        text += QCoreApplication.translate("Batches", " · {stored} new result(s) stored").format(stored=stored)
    return text


class BatchQueue(QObject):
    """Signals: `batch_started()`, `item_classified(FileResult)`, `progressed(done, total)`,
    `batch_finished(list, cancelled)` (results, partial when cancelled), `batch_failed(str)`.

    `make_worker` builds each batch's worker when it starts, so a queued batch uses the region and
    model current at its own start, not those of the moment it was queued.
    """

    batch_started = Signal()
    item_classified = Signal(object)
    progressed = Signal(int, int)
    batch_finished = Signal(object, bool)
    batch_failed = Signal(str)

    def __init__(self, make_worker: Callable[[list[str]], ClassifyWorker], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._make_worker = make_worker
        self._handle: WorkerHandle | None = None
        self._cancelled = False
        self.pending: list[str] = []

    def add(self, items: list[str]) -> bool:
        """Queue files/folders; True when they wait behind the running batch."""
        self.pending.extend(str(i) for i in items)
        if self._handle is None:
            self._start_next()
            return False
        return True

    def busy_jobs(self) -> list[str]:
        """What closing the window would cut short (ui/close_guard.py asks first)."""
        return [self.tr("classifying photos")] if self._handle is not None else []

    def cancel(self) -> bool:
        """Stop the running batch and drop the queue; False when no batch was running."""
        if self._handle is None:
            return False
        self._cancelled = True
        self._handle.worker.stop_requested.set()
        self.pending.clear()
        return True

    def stop(self) -> None:
        """Drop the queue and wait for the running batch to end (the tab is closing)."""
        self.pending.clear()
        if self._handle is not None:
            self._handle.stop()
            self._handle = None

    def _start_next(self) -> None:
        if not self.pending:
            return
        items, self.pending = self.pending, []
        worker = self._make_worker(items)
        worker.item_classified.connect(self.item_classified)
        worker.progressed.connect(self.progressed)
        worker.finished.connect(self._on_worker_finished)
        worker.failed.connect(self._on_worker_failed)
        self._cancelled = False
        self.batch_started.emit()
        self._handle = start_worker(worker, self)

    def _on_worker_finished(self, results: Any) -> None:
        cancelled = self._cancelled
        self._handle = None  # idle before listeners run, so what they add starts a batch at once
        self.batch_finished.emit(results or [], cancelled)
        self._start_next()

    def _on_worker_failed(self, message: object) -> None:
        self._handle = None
        self.batch_failed.emit(localized(message))  # translated now: `batch_failed(str)` drops a Text's data
        self._start_next()
