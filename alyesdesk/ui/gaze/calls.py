"""Background calls for the Gaze tab: database writes and device probes run off the GUI thread.

The handles are kept until their threads end, so a call is never garbage-collected mid-flight and
`stop_all` can wait for every one of them on shutdown (no orphan threads).
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject

from alyesdesk.ui.context import ERROR, AppContext
from alyesdesk.ui.workers import CallWorker, Worker, WorkerGroup, WorkerHandle


class CallRunner(QObject):
    """Runs a function (or a ready `Worker`) in a thread; failures become one 'Gaze: …' error notice."""

    def __init__(self, ctx: AppContext, parent: QObject) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._group = WorkerGroup(self)

    def run(self, on_done: Callable[[Any], None], fn: Any, *args: Any) -> WorkerHandle:
        """`on_done` gets the result on the GUI thread; pass a slot of a QObject so Qt queues it there."""
        worker = fn if isinstance(fn, Worker) else CallWorker(fn, *args)
        # Connect before starting: a quick call could finish before a later connect and be missed.
        worker.finished.connect(on_done)
        worker.failed.connect(self._on_call_failed)
        return self._group.start(worker)

    def keep(self, handle: WorkerHandle) -> None:
        """Hold `handle` until its thread ends; `stop_all` stops it with the others."""
        self._group.keep(handle)

    def stop_all(self) -> None:
        self._group.stop_all()

    def _on_call_failed(self, message: str) -> None:
        self.ctx.notify(self.tr("Gaze: {message}").format(message=message), ERROR)
