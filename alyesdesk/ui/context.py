"""What every tab receives: the database, the one notification path, settings, and shared events."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from alyesdesk.settings import Settings

if TYPE_CHECKING:
    from alyesdesk.storage import Database

log = logging.getLogger(__name__)

INFO, WARNING, ERROR = "info", "warning", "error"


class AppContext(QObject):
    """Shared application state handed to each tab.

    Attributes
    ----------
    db : Database or None
        The open encrypted database; None when the user did not unlock it (results are then not stored).
    settings : Settings
        Typed user settings (saved with `save_settings`).

    Signals
    -------
    notified(str, str)
        (text, level) for the status bar and, for errors, a dialog; the one notification path.
    results_changed(str)
        A capability stored or deleted results: History refreshes.
    store_failed(str, str)
        (what, reason): a result was produced but NOT stored; the window keeps a banner up.
    """

    notified = Signal(str, str)
    results_changed = Signal(str)
    store_failed = Signal(str, str)
    models_changed = Signal()

    def __init__(self, db: "Database | None", settings: Settings | None = None) -> None:
        super().__init__()
        self.db = db
        self.settings = settings or Settings.load()

    def notify(self, text: str, level: str = INFO) -> None:
        getattr(log, level if level in (INFO, WARNING, ERROR) else INFO)(text)
        self.notified.emit(text, level)

    def report_unstored(self, what: str, reason: str) -> None:
        """Every path that stores a result calls this when the write failed (or there is no database)."""
        log.warning("not stored: %s: %s", what, reason)
        self.store_failed.emit(what, reason)

    def save_settings(self) -> None:
        try:
            self.settings.save()
        except OSError as exc:
            self.notify(f"Settings could not be saved: {exc}", WARNING)

    @property
    def storing(self) -> bool:
        return self.db is not None
