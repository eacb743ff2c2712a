"""Never lose work: closing the window while a batch, an export, a video or a recording runs asks first.

A tab, or any object inside it that runs long work (a batch queue, an export controller, the recorder),
has a `busy_jobs()` method: the jobs it runs now, in plain words ("exporting a video").
When the window is asked to close while any run, `CloseGuard.may_close` asks what to do:

- wait: the window stays open and closes by itself once every job has ended;
- cancel: the window closes now; each tab's `shutdown` stops its work cleanly (flag, quit, wait: a video
  export is cancelled and leaves no half-written file);
- keep running in the tray (offered only where the desktop has a system tray): the window hides, the
  work goes on, and the tray says when it is done (click the icon to bring the window back);
- don't close.

The guard also says when a job ends while the window is not in front: a tray message where there is a
tray, the taskbar entry asks for attention elsewhere, and the Messages panel keeps a line either way.
It polls `busy_jobs()` once a second rather than asking every tab to report each start and end: a few
attribute reads per second cost nothing and no tab needs extra bookkeeping.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QSystemTrayIcon, QWidget

log = logging.getLogger(__name__)

WAIT, CANCEL, TRAY, STAY = "wait", "cancel", "tray", "stay"
IDLE_POLL_MS = 1000
WAIT_POLL_MS = 200
LONG_JOB_S = 5.0  # a job that ran at least this long is announced when it ends out of sight



def tray_available() -> bool:
    """Whether the desktop shows tray icons (an offscreen or bare X session has none)."""
    return QSystemTrayIcon.isSystemTrayAvailable()


def close_dialog(parent: QWidget, jobs: list[str], tray: bool) -> tuple[QMessageBox, dict[Any, str]]:
    """The question (not shown yet) and the choice behind each of its buttons."""
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("CloseGuard", "Work in progress"),
                      QCoreApplication.translate("CloseGuard", "AlyesDesk is still working:") + "\n• " + "\n• ".join(jobs), parent=parent)
    box.setObjectName("close_guard_dialog")
    box.setInformativeText(QCoreApplication.translate("CloseGuard", "Closing now would cancel this work. What should happen?"))
    choices: dict[Any, str] = {}
    wait = box.addButton(QCoreApplication.translate("CloseGuard", "Wait, then close"), QMessageBox.ButtonRole.AcceptRole)
    choices[wait] = WAIT
    if tray:
        choices[box.addButton(QCoreApplication.translate("CloseGuard", "Keep working in the tray"), QMessageBox.ButtonRole.ActionRole)] = TRAY
    choices[box.addButton(QCoreApplication.translate("CloseGuard", "Cancel the work and close"), QMessageBox.ButtonRole.DestructiveRole)] = CANCEL
    stay = box.addButton(QCoreApplication.translate("CloseGuard", "Don't close"), QMessageBox.ButtonRole.RejectRole)
    choices[stay] = STAY
    box.setDefaultButton(wait)
    box.setEscapeButton(stay)
    return box, choices


def ask_close_choice(parent: QWidget, jobs: list[str], tray: bool) -> str:
    """WAIT, CANCEL, TRAY or STAY (tests replace this function)."""
    box, choices = close_dialog(parent, jobs, tray)
    box.exec()
    choice = choices.get(box.clickedButton(), STAY)
    box.deleteLater()
    return choice


class CloseGuard(QObject):
    """Asks before the window closes over running work, and says when work ends out of sight.

    Parameters
    ----------
    window : MainWindow
        Needs `tab_widgets`, `tabs`, `ctx`, `statusBar()` and `close()`.
    """

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.mode: str | None = None  # WAIT or TRAY while a close is pending
        self.tray: QSystemTrayIcon | None = None
        self._seen: dict[str, float] = {}  # running job -> when it was first seen (time.monotonic)
        self.timer = QTimer(self)
        self.timer.setInterval(IDLE_POLL_MS)
        self.timer.timeout.connect(self._on_tick)
        self.timer.start()

    def jobs(self) -> list[str]:
        """Every running job as "<tab>: <job>"."""
        found: list[str] = []
        for widget in self.window.tab_widgets.values():
            title = self.window.tabs.tabText(self.window.tabs.indexOf(widget)).replace("&", "")
            for owner in (widget, *widget.findChildren(QObject)):
                busy = getattr(owner, "busy_jobs", None)
                if not callable(busy):
                    continue
                try:
                    found += [f"{title}: {job}" for job in busy()]
                except Exception:  # a broken tab must never stop the window from closing
                    log.exception("busy_jobs of %s failed", type(owner).__name__)
        return found

    def may_close(self) -> bool:
        """Called by closeEvent: True to close now; otherwise the work goes on as the user chose."""
        jobs = self.jobs()
        self.mode = None
        if not jobs:
            return True
        # a job that ends before the next poll is still announced
        self._seen = {job: self._seen.get(job, time.monotonic() - LONG_JOB_S) for job in jobs}
        choice = ask_close_choice(self.window, jobs, tray_available())
        log.info("close requested during %s: %s", jobs, choice)
        if choice == CANCEL:
            return True  # each tab's shutdown stops its work cleanly
        if choice == WAIT:
            self.mode = WAIT
            self.window.statusBar().showMessage(QCoreApplication.translate("CloseGuard", "AlyesDesk will close when the work in progress has ended."))
        elif choice == TRAY:
            self.mode = TRAY
            self._tray().show()
            self.window.hide()
            self._tray().showMessage(QCoreApplication.translate("CloseGuard", "AlyesDesk keeps working"),
                                     QCoreApplication.translate("CloseGuard", "You will be told here when it is done. Click the icon to open the window."))
        if self.mode is not None:
            self.timer.setInterval(WAIT_POLL_MS)
        return False

    def _on_tick(self) -> None:
        current = set(self.jobs())
        now = time.monotonic()
        ended = sorted(job for job, since in self._seen.items() if job not in current and now - since >= LONG_JOB_S)
        self._seen = {job: self._seen.get(job, now) for job in current}
        if ended and not self._in_front():
            self._tell_ended(ended)
        if current or self.mode is None:
            return
        self.timer.setInterval(IDLE_POLL_MS)
        if self.mode == WAIT:
            self.mode = None
            self.window.close()
        else:  # TRAY: the work is done; the app stays in the tray until the user opens or quits it
            self.mode = None

    def _in_front(self) -> bool:
        w = self.window
        return w.isVisible() and not w.isMinimized() and w.isActiveWindow()

    def _tell_ended(self, ended: list[str]) -> None:
        text = QCoreApplication.translate("CloseGuard", "Finished: {jobs}").format(jobs="; ".join(ended))
        self.window.ctx.notify(text)
        if self.mode == TRAY or tray_available():
            self._tray().show()
            self._tray().showMessage("AlyesDesk", text)
        elif self.window.isVisible():
            QApplication.alert(self.window)  # the taskbar entry asks for attention

    def _tray(self) -> QSystemTrayIcon:
        if self.tray is None:
            self.tray = QSystemTrayIcon(self.window.windowIcon(), self)
            self.tray.setToolTip("AlyesDesk")
            menu = QMenu(self.window)  # parented: a parentless menu would be a stray top-level widget
            show = QAction(QCoreApplication.translate("CloseGuard", "Open AlyesDesk"), menu)
            show.triggered.connect(self._on_show_triggered)
            quit_ = QAction(QCoreApplication.translate("CloseGuard", "Quit"), menu)
            quit_.triggered.connect(self._on_quit_triggered)
            menu.addAction(show)
            menu.addAction(quit_)
            self.tray.setContextMenu(menu)
            self.tray.activated.connect(self._on_show_triggered)
            self.tray.messageClicked.connect(self._on_show_triggered)
        return self.tray

    def _on_show_triggered(self, *_: object) -> None:
        if self.mode == TRAY:
            self.mode = None  # back in the window: closing it asks again
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def _on_quit_triggered(self) -> None:
        self.mode = None
        if self.window.close():  # asks again if work still runs
            QCoreApplication.quit()

    def shutdown(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()
