"""Idle lock: after N idle minutes (with an app-lock passphrase) the window's content is covered until
the passphrase is typed again. Work in progress keeps running underneath; only what is shown is hidden."""

from __future__ import annotations

import hmac
import time
from typing import Callable, TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from alyesdesk.storage.keys import MODE_PASSPHRASE

if TYPE_CHECKING:
    from alyesdesk.storage.database import Database

CHECK_INTERVAL_MS = 15_000
ACTIVITY_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
                   QEvent.Type.TouchBegin}


def passphrase_matches(db: Database, typed: str) -> bool:
    """Constant-time compare of `typed` with the passphrase that opened `db` (no disk access)."""
    if db is None or db.key_mode != MODE_PASSPHRASE:
        return False
    return hmac.compare_digest(typed.encode("utf-8"), db.key.secret.encode("utf-8"))


class IdleWatcher(QObject):
    """Notes user activity (an application event filter) and emits `idle_reached` once `minutes()` pass
    without any. `now` is injectable so tests use a fake clock instead of sleeping.

    Signals
    -------
    idle_reached()
        No input for the idle time (only while `enabled()` says locking applies).
    """

    idle_reached = Signal()

    def __init__(self, minutes: Callable[[], int], enabled: Callable[[], bool],
                 now: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._minutes, self._enabled, self.now = minutes, enabled, now
        self.last_activity = now()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in ACTIVITY_EVENTS:
            self.touch()
        return False

    def touch(self) -> None:
        self.last_activity = self.now()

    def check(self) -> bool:
        """Emit `idle_reached` (and return True) when the idle time has passed."""
        minutes = self._minutes()
        if minutes <= 0 or not self._enabled():
            return False
        if self.now() - self.last_activity >= minutes * 60:
            self.idle_reached.emit()
            return True
        return False


class LockScreen(QWidget):
    """Covers the central area while locked: a passphrase field and an Unlock button.

    Signals
    -------
    unlocked()
        The right passphrase was typed.
    """

    unlocked = Signal()

    def __init__(self, verify: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._verify = verify
        self.setObjectName("lock_screen")
        title = QLabel(self.tr("<h2>AlyesDesk is locked</h2>"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(self.tr("Results and images are hidden. Work that was running goes on.\n"
                              "Type the app-lock passphrase to continue."))
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.passphrase.setMaximumWidth(320)
        self.passphrase.returnPressed.connect(self.try_unlock)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setMaximumWidth(320)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #c62828")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (title, text, self.passphrase, self.unlock_button, self.error):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def reset(self) -> None:
        self.passphrase.clear()
        self.error.clear()
        self.passphrase.setFocus()

    def try_unlock(self) -> bool:
        typed = self.passphrase.text()
        self.passphrase.clear()
        if self._verify(typed):
            self.error.clear()
            self.unlocked.emit()
            return True
        self.error.setText(self.tr("Wrong passphrase."))
        return False
