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

`failed` carries a `WorkerFailure`: a `str` (the message, so slots written for `failed(str)` keep
working) that also holds the exception and its traceback for the notification path.

Short calls (a probe, a query) need no Worker subclass: `run_call(fn, *args, on_done=..., on_error=...,
owner=widget)` runs `fn` on a thread pool and calls back on the owner's thread, never after the owner is
gone. A tab keeps its threads in one `WorkerGroup` and stops them all in `shutdown()`.
"""

from __future__ import annotations

import logging
import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, QTimer, Signal, Slot

log = logging.getLogger(__name__)


class WorkerFailure(str):
    """A worker's error: the message as a `str`, with the exception and its formatted traceback.

    Attributes
    ----------
    exception : BaseException or None
        What `work()` raised.
    details : str
        Its traceback (for "copy for a bug report").
    """

    exception: BaseException | None
    details: str

    def __new__(cls, exception: BaseException | None, details: str = "", message: str | None = None) -> "WorkerFailure":
        text = message if message is not None else (f"{exception}" or type(exception).__name__)
        self = super().__new__(cls, text)
        self.exception = exception
        self.details = details
        return self

    @classmethod
    def from_exception(cls, exc: BaseException) -> "WorkerFailure":
        return cls(exc, "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))


class Worker(QObject):
    """Subclasses implement `work()`; its return value is emitted by `finished`, an exception by `failed`.

    Signals
    -------
    finished(object)
        The result (None when stopped).
    failed(WorkerFailure)
        A `str` subclass: slots taking the message keep working; `.exception` is what was raised.
    """

    finished = Signal(object)
    failed = Signal(object)
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
            self.failed.emit(WorkerFailure.from_exception(exc))
        else:
            self.finished.emit(result)


class WorkerHandle(QObject):
    """Owns a worker's thread; `stop()` is safe to call twice and from closeEvent."""

    def __init__(self, worker: Worker, thread: QThread, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.thread = thread
        self._ended = False

    def is_running(self) -> bool:
        """True from `start_worker` until this thread knows the worker ended.

        Not `QThread.isRunning()`: the thread starts on the next turn of the event loop, and a job that
        was asked for but has not begun is still work in progress (a second drop must queue behind it,
        closing must ask first).
        """
        return not self._ended

    @Slot()
    def _on_ended(self) -> None:
        self._ended = True

    def stop(self, timeout_ms: int = 10_000) -> bool:
        """Ask the worker to stop, end the thread's event loop, and wait; True if it ended in time."""
        self.worker.stop_requested.set()
        self.thread.quit()
        ended = self.thread.wait(timeout_ms)
        if ended:
            self._ended = True
        else:
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
    thread.finished.connect(handle._on_ended)  # queued to the handle's (this) thread

    def start() -> None:
        if worker.stop_requested.is_set():
            # Stopped before it began: no thread is started (it could outlive a closing window), but
            # the worker still ends with its one signal, as a cancelled worker does.
            _live_handles.discard(handle)
            handle._on_ended()
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
    if _pool is not None and not _pool.waitForDone(timeout_ms):
        log.warning("short calls still running after %d ms", timeout_ms)


# --- short calls on a thread pool ----------------------------------------------------------------

_pool: QThreadPool | None = None


def call_pool() -> QThreadPool:
    """The pool for short calls (its own, so a busy global pool never delays them)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(max(2, min(4, QThread.idealThreadCount())))
    return _pool


class _Relay(QObject):
    """Lives on the owner's thread (a child of the owner): its queued signals bring the result there, and
    Qt drops them if the owner was deleted first. The callbacks are called from its own slots (bound
    methods of a QObject), so they run on its thread: a bare lambda would run on the emitting one."""

    done = Signal(object)
    errored = Signal(object)

    def __init__(self, on_done: Callable[[Any], None] | None, on_error: Callable[[Any], None] | None) -> None:
        super().__init__()
        self._on_done_cb, self._on_error_cb = on_done, on_error
        self.cancelled = threading.Event()
        self.done.connect(self._on_done)
        self.errored.connect(self._on_errored)

    @Slot(object)
    def _on_done(self, result: Any) -> None:
        self._deliver(self._on_done_cb, result)

    @Slot(object)
    def _on_errored(self, failure: Any) -> None:
        self._deliver(self._on_error_cb, failure)

    def _deliver(self, callback: Callable[[Any], None] | None, payload: Any) -> None:
        try:
            if callback is not None and not self.cancelled.is_set():
                callback(payload)
        finally:
            self._on_done_cb = self._on_error_cb = None
            self.deleteLater()


class CallHandle:
    """A running `run_call`: `cancel()` drops its result (the call itself runs to its end)."""

    def __init__(self, relay: _Relay) -> None:
        self.cancelled = relay.cancelled
        self.ended = threading.Event()

    def cancel(self) -> None:
        self.cancelled.set()

    def is_running(self) -> bool:
        return not self.ended.is_set()


class _Call(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict, relay: _Relay, handle: CallHandle) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._relay, self._handle = relay, handle

    def run(self) -> None:
        try:
            result = self._fn(*self._args, **self._kwargs)
        except Exception as exc:
            log.error("call %s failed:\n%s", getattr(self._fn, "__name__", self._fn), traceback.format_exc())
            signal, payload = "errored", WorkerFailure.from_exception(exc)
        else:
            signal, payload = "done", result
        finally:
            self._handle.ended.set()
        if self._handle.cancelled.is_set():
            return
        try:
            getattr(self._relay, signal).emit(payload)
        except RuntimeError:  # the owner (and so the relay) was deleted: nobody is left to tell
            pass


def run_call(fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[WorkerFailure], None] | None = None, owner: QObject,
             **kwargs: Any) -> CallHandle:
    """Run `fn(*args, **kwargs)` on the short-call pool; `on_done(result)` or `on_error(failure)` runs
    on `owner`'s thread, exactly one of them, and neither once `owner` is deleted or the call cancelled.

    For long or stoppable work use a `Worker`: a pool thread cannot be asked to stop.
    """
    relay = _Relay(on_done, on_error)
    relay.moveToThread(owner.thread())
    relay.setParent(owner)
    handle = CallHandle(relay)
    call_pool().start(_Call(fn, args, kwargs, relay, handle))
    return handle


class CallWorker(Worker):
    """Runs one short function off the GUI thread as a `Worker` (one thread, `finished` or `failed`).

    For calls that need no thread of their own, `run_call` / `WorkerGroup.call` use the shared pool.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs

    def work(self) -> Any:
        return self.fn(*self.args, **self.kwargs)


class WorkerGroup(QObject):
    """The threads and calls one tab started: started here, forgotten when they end, all stopped in
    `stop_all()` (the tab's `shutdown`). Replaces the ad-hoc lists of handles."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handles: list[WorkerHandle] = []
        self._calls: list[CallHandle] = []

    def start(self, worker: Worker) -> WorkerHandle:
        handle = start_worker(worker, self)
        self._handles.append(handle)
        handle.thread.finished.connect(lambda: self._forget(handle))
        return handle

    def keep(self, handle: WorkerHandle) -> WorkerHandle:
        """Adopt a handle started elsewhere."""
        self._handles.append(handle)
        handle.thread.finished.connect(lambda: self._forget(handle))
        return handle

    def call(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[WorkerFailure], None] | None = None, **kwargs: Any) -> CallHandle:
        handle = run_call(fn, *args, on_done=on_done, on_error=on_error, owner=self, **kwargs)
        self._calls = [c for c in self._calls if c.is_running()] + [handle]
        return handle

    def _forget(self, handle: WorkerHandle) -> None:
        if handle in self._handles:
            self._handles.remove(handle)

    def running(self) -> int:
        return sum(h.is_running() for h in self._handles) + sum(c.is_running() for c in self._calls)

    def stop_all(self, timeout_ms: int = 10_000) -> None:
        """Stop every thread (flag, quit, wait) and drop the results of calls still running."""
        for call in self._calls:
            call.cancel()
        for handle in list(self._handles):
            handle.stop(timeout_ms)
        self._handles.clear()
