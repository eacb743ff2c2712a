"""One error path for the whole app: exceptions from any thread are logged and shown, never silent.

`sys.excepthook` and `threading.excepthook` forward to a Qt signal, so the dialog is always created on
the GUI thread whatever thread failed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import traceback
from types import TracebackType
from typing import Iterator

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger("alyesdesk.errors")


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


def _on_main(exc_type, exc, tb) -> None:  # noqa: ANN001 - excepthook protocol
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
    """Shows errors in a non-blocking dialog over `window`.

    A child of the window, so Qt drops the connection when the window goes: a bridge that outlives
    windows must never call into a deleted one.
    """

    def __init__(self, bridge: ErrorBridge, window) -> None:  # noqa: ANN001 - QWidget
        super().__init__(window)
        self._window = window
        bridge.error_raised.connect(self._on_error_raised, Qt.ConnectionType.QueuedConnection)

    def _on_error_raised(self, summary: str, details: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("AlyesDesk: unexpected error")
        box.setText("Something went wrong. Your data is safe; the error was written to the log.")
        box.setInformativeText(summary)
        box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def connect_error_dialog(bridge: ErrorBridge, window) -> ErrorPresenter:  # noqa: ANN001 - QWidget
    return ErrorPresenter(bridge, window)
