"""Background work for the GUI: a QObject moved to a QThread that ends with exactly one signal.

Usage::

    class Resize(Worker):
        def work(self):
            for i, item in enumerate(items):
                if self.stop_requested.is_set():
                    return None          # cancelled: finished(None)
                ...
                self.progressed.emit(i + 1, len(items))
            return result                # finished(result)

    handle = start_worker(Resize(), parent=self)
    handle.worker.finished.connect(self._on_resize_finished)

Never terminate(): `handle.stop()` sets the flag, quits the thread's loop and waits.
"""

from __future__ import annotations

import logging
import threading
import traceback
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

log = logging.getLogger(__name__)


class Worker(QObject):
    """Subclasses implement `work()`; its return value is emitted by `finished`, an exception by `failed`."""

    finished = Signal(object)
    failed = Signal(str)
    progressed = Signal(int, int)

    def __init__(self) -> None:
        super().__init__()
        self.stop_requested = threading.Event()

    def work(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    @Slot()
    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # the one place a worker's error becomes a message
            log.error("%s failed:\n%s", type(self).__name__, traceback.format_exc())
            self.failed.emit(f"{exc}" or type(exc).__name__)
        else:
            self.finished.emit(result)


class WorkerHandle(QObject):
    """Owns a worker's thread; `stop()` is safe to call twice and from closeEvent."""

    def __init__(self, worker: Worker, thread: QThread, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.thread = thread

    def is_running(self) -> bool:
        return self.thread.isRunning()

    def stop(self, timeout_ms: int = 10_000) -> bool:
        """Ask the worker to stop, end the thread's event loop, and wait; True if it ended in time."""
        self.worker.stop_requested.set()
        self.thread.quit()
        ended = self.thread.wait(timeout_ms)
        if not ended:
            log.warning("%s did not stop within %d ms", type(self.worker).__name__, timeout_ms)
        return ended


_live_handles: set[WorkerHandle] = set()


def start_worker(worker: Worker, parent: QObject | None = None) -> WorkerHandle:
    """Move `worker` to a new QThread, start it, and clean both up when it ends.

    The thread starts on the next turn of the event loop, so signals connected right after this call
    are in place before the worker can emit: a fast worker never finishes unheard.
    """
    thread = QThread()
    thread.setObjectName(type(worker).__name__)
    handle = WorkerHandle(worker, thread, parent)
    _live_handles.add(handle)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    thread.finished.connect(lambda: _live_handles.discard(handle))

    def start() -> None:
        if worker.stop_requested.is_set():
            # Stopped before it began: no thread is started (it could outlive a closing window), but
            # the worker still ends with its one signal, as a cancelled worker does.
            _live_handles.discard(handle)
            worker.finished.emit(None)
            return
        # Moved only now: a worker that never gets its thread stays in this one, so the signal
        # above reaches receivers instead of waiting in a thread that will never run.
        worker.moveToThread(thread)
        thread.start()

    QTimer.singleShot(0, start)
    return handle


def stop_all_workers(timeout_ms: int = 10_000) -> None:
    """Safety net for quit: no 'QThread: Destroyed while thread is still running'."""
    for handle in list(_live_handles):
        handle.stop(timeout_ms)
