"""What every tab receives: the database, the one notification path, settings, and shared events."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, Signal

from alyesdesk import settings as settings_module
from alyesdesk.settings import Settings
from alyesdesk.ui.error_text import localized
from alyesdesk.ui.errors import ERROR, INFO, WARNING, Notification, NotificationCenter, record_for

if TYPE_CHECKING:
    from alyesdesk.storage import Database

log = logging.getLogger(__name__)

__all__ = ["AppContext", "ERROR", "INFO", "WARNING"]


class AppContext(QObject):
    """Shared application state handed to each tab.

    Attributes
    ----------
    db : Database or None
        The open encrypted database; None when the user did not unlock it (results are then not stored).
    settings : Settings
        Typed, validated user settings (saved with `save_settings`); this object owns `settings.json`
        while the app runs.
    notifications : NotificationCenter
        Every notification as a record (the Messages panel); repeats merged.

    Signals
    -------
    notified(str, str)
        (text, level) for the status bar and, for errors, the error dialog; the one notification path.
    notification_added(Notification)
        The record behind each `notify` (with its exception and actions).
    settings_changed(str, object)
        (name, value) after a setting took a new value, from any code that changed it.
    results_changed(str)
        A capability stored or deleted results: History refreshes.
    store_failed(str, str)
        (what, reason): a result was produced but NOT stored; the window keeps a banner up.
    """

    notified = Signal(str, str)
    notification_added = Signal(object)
    settings_changed = Signal(str, object)
    results_changed = Signal(str)
    store_failed = Signal(str, str)
    models_changed = Signal()

    def __init__(self, db: "Database | None", settings: Settings | None = None) -> None:
        super().__init__()
        self.db = db
        self.settings = settings or Settings.load()
        self.notifications = NotificationCenter(self)
        # The Qt-free callback list, bridged to a signal (emitted on whatever thread changed the value;
        # Qt queues it to receivers on other threads).
        self.settings.changed.append(self._on_setting_changed)
        settings_module.set_owner(self.settings)

    def _on_setting_changed(self, name: str, value: Any) -> None:
        self.settings_changed.emit(name, value)

    def notify(self, text: str, level: str = INFO, *, exception: BaseException | None = None,
               actions: tuple[tuple[str, Callable[[], None]], ...] = ()) -> Notification:
        """Tell the user `text` (status bar; errors also in the dialog) and keep it in the Messages panel.

        `exception` (or a worker's `WorkerFailure`) makes an error expected advice or, when it is not one
        of ours, an unexpected error with details for a bug report. A message of the Qt-free layers
        (`alyesdesk.texts.Text`) is shown in the interface's language.
        """
        level = level if level in (INFO, WARNING, ERROR) else INFO
        getattr(log, level)(text)  # a Text is logged in English (bug reports), shown translated
        text = localized(text)
        record = self.notifications.push(record_for(text, level, exception, actions))
        self.notification_added.emit(record)
        self.notified.emit(text, level)
        return record

    def notify_failure(self, what: str, failure: Any) -> Notification:
        """A worker's `failed` payload (a WorkerFailure, an exception or a plain message) as an error."""
        exception = failure if isinstance(failure, BaseException) else getattr(failure, "exception", None)
        return self.notify(f"{what}: {localized(failure)}", ERROR, exception=exception if exception is not None else None)

    def report_unstored(self, what: str, reason: str) -> None:
        """Every path that stores a result calls this when the write failed (or there is no database).

        `reason` is translated here: the signal carries plain `str`, which would drop a `Text`'s translation data.
        """
        log.warning("not stored: %s: %s", what, reason)
        self.store_failed.emit(what, localized(reason))

    def save_settings(self) -> None:
        try:
            self.settings.save()
        except OSError as exc:
            self.notify(self.tr("Settings could not be saved: {reason}").format(reason=exc), WARNING)

    @property
    def storing(self) -> bool:
        return self.db is not None

