"""One error path for the whole app: exceptions from any thread are logged and shown, never silent.

`sys.excepthook` and `threading.excepthook` forward to a Qt signal, so the dialog is always created on
the GUI thread whatever thread failed.

Every message the user is told about becomes a `Notification` record kept by the `NotificationCenter`
(the Messages panel lists them; repeats are merged into one record with a count). Expected errors (the
app's own `ModelError`, `StorageError`, `ImageError`, OS errors) are shown as advice; anything else is
unexpected and comes with its details and a "copy for a bug report" button (napari's
`utils/notifications.py` and pymmcore-gui's `_notification_manager.py` work the same way).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from types import TracebackType
from typing import Callable, Iterator, TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from alyesdesk.inference.errors import ImageError, ModelError
from alyesdesk.storage.errors import StorageError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger("alyesdesk.errors")

INFO, WARNING, ERROR = "info", "warning", "error"
# Errors the app raises on purpose with a message that says what to do: shown as advice, no traceback.
EXPECTED_ERRORS: tuple[type[BaseException], ...] = (ModelError, StorageError, ImageError, OSError)
MAX_RECORDS = 200


@dataclass
class Notification:
    """One thing the user was told.

    Attributes
    ----------
    severity : str
        "info", "warning" or "error".
    message : str
        What happened, in plain words.
    exception : BaseException or None
        The cause, when there is one.
    details : str
        The traceback (scrubbed of home paths) for unexpected errors.
    actions : tuple of (label, callable)
        Buttons the dialog and the panel offer (e.g. "Open the log").
    count : int
        How many times the same message came (duplicates are merged).
    """

    severity: str
    message: str
    exception: BaseException | None = None
    details: str = ""
    actions: tuple[tuple[str, Callable[[], None]], ...] = ()
    count: int = 1
    first: float = field(default_factory=time.time)
    last: float = field(default_factory=time.time)
    unexpected: bool = False  # set for uncaught exceptions that reach the hooks without an object

    @property
    def expected(self) -> bool:
        """An error we raise on purpose (advice), or no exception at all."""
        if self.unexpected:
            return False
        return self.exception is None or isinstance(self.exception, EXPECTED_ERRORS)

    def key(self) -> tuple[str, str, str]:
        return self.severity, self.message, type(self.exception).__name__ if self.exception else ""

    def text(self) -> str:
        return self.message if self.count == 1 else f"{self.message} (×{self.count})"

    def bug_report(self) -> str:
        """What "copy for a bug report" puts on the clipboard: the message, the details, the versions."""
        from alyesdesk import __version__

        parts = [f"AlyesDesk {__version__}", f"{self.severity}: {self.message}"]
        if self.details:
            parts.append(self.details)
        return _scrub("\n\n".join(parts))


class NotificationCenter(QObject):
    """Keeps the records (newest last, at most MAX_RECORDS) and merges repeats of a recent one.

    Signals
    -------
    added(Notification)
        A new record.
    updated(Notification)
        A record's count went up (the same message came again).
    """

    added = Signal(object)
    updated = Signal(object)
    cleared = Signal()

    MERGE_WINDOW = 20  # a repeat among the last 20 records is merged; an old one is a new record

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records: list[Notification] = []

    def push(self, record: Notification) -> Notification:
        for old in reversed(self.records[-self.MERGE_WINDOW:]):
            if old.key() == record.key():
                old.count += 1
                old.last = record.last
                old.exception, old.details = record.exception or old.exception, record.details or old.details
                self.updated.emit(old)
                return old
        self.records.append(record)
        del self.records[:-MAX_RECORDS]
        self.added.emit(record)
        return record

    def unread_errors(self) -> int:
        return sum(1 for r in self.records if r.severity == ERROR)

    def clear(self) -> None:
        self.records.clear()
        self.cleared.emit()


def record_for(message: str, severity: str = INFO, exception: BaseException | None = None,
               actions: tuple[tuple[str, Callable[[], None]], ...] = ()) -> Notification:
    """A record for `message`; an unexpected exception brings its (scrubbed) traceback as details."""
    details = getattr(exception, "details", "") if exception is not None else ""
    cause = getattr(exception, "exception", exception)  # a WorkerFailure carries the real exception
    if cause is not None and not isinstance(cause, BaseException):
        cause = None
    if cause is not None and not details and cause.__traceback__ is not None:
        details = "".join(traceback.format_exception(type(cause), cause, cause.__traceback__))
    return Notification(severity, message, cause, _scrub(details), tuple(actions))


class ErrorBridge(QObject):
    """Carries (summary, details) from any thread to the GUI thread."""

    error_raised = Signal(str, str)


_bridge: ErrorBridge | None = None


def _scrub(text: str) -> str:
    # Keep personal paths out of what users paste into bug reports.
    home = os.path.expanduser("~")
    return text.replace(home, "~") if home and home != "~" else text


def _report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, where: str) -> None:
    details = _scrub("".join(traceback.format_exception(exc_type, exc, tb)))
    log.error("uncaught exception in %s:\n%s", where, details)
    if _bridge is not None:
        _bridge.error_raised.emit(f"{exc_type.__name__}: {exc}", details)
    if os.environ.get("ALYESDESK_EXIT_ON_ERROR") == "1":
        os._exit(70)  # debugging switch: make a hidden error fail loudly


def error_bridge() -> ErrorBridge:
    """The one bridge errors travel on (created on first use, on the GUI thread)."""
    global _bridge
    if _bridge is None:
        _bridge = ErrorBridge()
    return _bridge


def _on_main(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    _report(exc_type, exc, tb, "the main thread")


def _on_thread(args: threading.ExceptHookArgs) -> None:
    _report(args.exc_type, args.exc_value, args.exc_traceback, f"thread {args.thread.name if args.thread else '?'}")


@contextlib.contextmanager
def excepthooks_installed() -> Iterator[ErrorBridge]:
    """Route uncaught exceptions (any thread) to the log and the error dialog while the event loop runs.

    Installed only around `app.exec()` and restored afterwards (as napari's `notification_manager`
    does): replacing the hooks for good would also swallow the exceptions that must fail a test.
    """
    bridge = error_bridge()
    previous = sys.excepthook, threading.excepthook
    sys.excepthook, threading.excepthook = _on_main, _on_thread
    try:
        yield bridge
    finally:
        sys.excepthook, threading.excepthook = previous


class ErrorPresenter(QObject):
    """Turns uncaught errors into records and shows them in the window's one error dialog.

    A child of the window, so Qt drops the connection when the window goes: a bridge that outlives
    windows must never call into a deleted one.
    """

    def __init__(self, bridge: ErrorBridge, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        bridge.error_raised.connect(self._on_error_raised, Qt.ConnectionType.QueuedConnection)

    def _on_error_raised(self, summary: str, details: str) -> None:
        record = Notification(ERROR, summary, details=details, unexpected=True)
        show = getattr(self._window, "show_notification", None)
        if show is not None:
            show(record)
            return
        from alyesdesk.ui.dialogs.error_dialog import ErrorDialog

        ErrorDialog(self._window).show_record(record)


def connect_error_dialog(bridge: ErrorBridge, window: QWidget) -> ErrorPresenter:
    return ErrorPresenter(bridge, window)
