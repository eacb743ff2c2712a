"""The main window: one tab per capability, menus (from `ui/actions.py`), status bar with the Messages
bell, the idle lock; remembers geometry and the last tab."""

from __future__ import annotations

import importlib
import logging
import time
import traceback
from typing import Any, Callable, TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QIcon
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QDockWidget, QLabel, QMainWindow,
                               QMessageBox, QStackedWidget, QTabWidget, QVBoxLayout, QWidget)

from alyesdesk import APP_NAME, __version__, paths
from alyesdesk.inference import catalog
from alyesdesk.ui.actions import MENUS, ActionRegistry, shortcut_html
from alyesdesk.ui.actions import tr as action_text
from alyesdesk.ui.close_guard import CloseGuard
from alyesdesk.ui.context import ERROR, AppContext
from alyesdesk.ui.errors import Notification
from alyesdesk.ui.i18n import format_time, model_error_text, with_details
from alyesdesk.ui import tab_openers
from alyesdesk.ui.tabs import TABS, TabSpec, tab_title
from alyesdesk.ui.widgets.banner import StorageBanner
from alyesdesk.ui.error_text import localized
from alyesdesk.ui.widgets.lock_screen import IdleWatcher, LockScreen, passphrase_matches
from alyesdesk.ui.widgets.messages import MessagesPanel, NotificationBell
from alyesdesk.ui.widgets.placeholder import PlaceholderTab
from alyesdesk.ui.workers import WorkerGroup, stop_all_workers

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger(__name__)
STATUS_TIMEOUT_MS = 8000


def ui_settings() -> QSettings:
    """Window state only, in the data folder (so ALYESDESK_HOME isolates tests from real settings)."""
    return QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)


def load_tab(spec: TabSpec, ctx: AppContext) -> QWidget:
    """The tab's widget, or a placeholder that says what it will do (not built) or why it failed."""
    try:
        module = importlib.import_module(spec.module)
    except ModuleNotFoundError as exc:
        if exc.name == spec.module:
            return PlaceholderTab(spec)
        log.error("tab %s failed to import:\n%s", spec.key, traceback.format_exc())
        return PlaceholderTab(spec, error=str(exc))
    except Exception as exc:
        log.error("tab %s failed to import:\n%s", spec.key, traceback.format_exc())
        return PlaceholderTab(spec, error=str(exc))
    try:
        return getattr(module, spec.class_name)(ctx)
    except Exception as exc:  # one broken tab must not take the others down
        log.error("tab %s failed to start:\n%s", spec.key, traceback.format_exc())
        return PlaceholderTab(spec, error=str(exc))


class MainWindow(QMainWindow):
    """Hosts the tabs; owns shutdown so no worker thread outlives the window.

    Parameters
    ----------
    ctx : AppContext
    icon : QIcon, optional
    now : callable, optional
        The clock of the idle lock (seconds); tests pass a fake one.
    """

    def __init__(self, ctx: AppContext, icon: QIcon | None = None, now: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.ctx = ctx
        self.workers = WorkerGroup(self)
        self.error_dialog = None  # the one error dialog, made on first use and reused
        self.setWindowTitle(f"{APP_NAME} {__version__}")
        if icon is not None:
            self.setWindowIcon(icon)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tab_widgets: dict[str, QWidget] = {}
        for spec in TABS:
            widget = load_tab(spec, ctx)
            widget.setObjectName(f"tab_{spec.key}")
            self.tab_widgets[spec.key] = widget
            self.tabs.addTab(widget, tab_title(spec))
        self.banner = StorageBanner()
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)
        # The lock screen is a page over the content, not a replacement: the tabs (and their workers)
        # stay as they are underneath.
        self.lock_screen = LockScreen(self._passphrase_matches)
        self.lock_screen.unlocked.connect(self.unlock)
        self.pages = QStackedWidget()
        self.pages.addWidget(content)
        self.pages.addWidget(self.lock_screen)
        self.setCentralWidget(self.pages)
        self._build_messages()
        ctx.store_failed.connect(self._on_store_failed)
        self._storage_label = QLabel()
        self.statusBar().addPermanentWidget(self._storage_label)
        self.statusBar().addPermanentWidget(self.bell)
        self._build_menus()
        tab_openers.install(self)  # File > Open Recent, "Show in folder" buttons, History's "Open in its tab"
        self._update_storage_label()
        self._previous_index = 0
        self.tabs.currentChanged.connect(self._on_tab_changed)
        ctx.notification_added.connect(self._on_notification_added)
        ctx.settings_changed.connect(self._on_setting_changed)
        self.idle = IdleWatcher(self._idle_minutes, self._can_lock, now, self)
        self.idle.idle_reached.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self._restore_state()
        self.actions_registry.refresh()
        self.close_guard = CloseGuard(self)  # closing over running work asks first (ui/close_guard.py)

    # --- menus -----------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        self.actions_registry = ActionRegistry(self)
        for title, keys in MENUS.items():
            self.actions_registry.fill_menu(self.menuBar().addMenu(action_text(title)), keys)
        # Names kept for code and tests that used the hand-made actions.
        self.import_action = self.actions_registry["import_model"]
        self.lock_action = self.actions_registry["app_lock"]
        self.lock_now_action = self.actions_registry["lock_now"]
        self.backup_action = self.actions_registry["backup"]
        self.restore_action = self.actions_registry["restore"]

    def _build_messages(self) -> None:
        self.messages = MessagesPanel(self.ctx.notifications)
        self.messages.record_activated.connect(self._present)
        self.messages_dock = QDockWidget(self.tr("Messages"), self)
        self.messages_dock.setObjectName("messages_dock")
        self.messages_dock.setWidget(self.messages)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.messages_dock)
        self.messages_dock.hide()
        self.bell = NotificationBell(self.ctx.notifications)
        self.bell.clicked.connect(self.show_messages)

    def show_messages(self) -> None:
        if self.is_locked():
            return
        self.messages_dock.show()
        self.messages_dock.raise_()
        self.bell.mark_seen()

    def _on_shortcuts_triggered(self) -> None:
        dialog = QDialog(self)
        dialog.setObjectName("shortcuts_dialog")
        dialog.setWindowTitle(self.tr("Keyboard shortcuts"))
        label = QLabel(shortcut_html())
        label.setTextFormat(Qt.TextFormat.RichText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(label)
        layout.addWidget(buttons)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.shortcuts_dialog = dialog

    def _on_import_model_triggered(self) -> None:
        from alyesdesk.ui.dialogs.import_model import ImportWorker, choose_model

        try:
            choice = choose_model(self)
        except Exception as exc:  # reading an unknown file: report, never crash
            self.ctx.notify(self.tr("Could not read the model: {reason}").format(reason=model_error_text(str(exc))),
                            ERROR, exception=with_details(exc))
            return
        if choice is None:
            return
        self.statusBar().showMessage(self.tr("Checking {file}…").format(file=choice[0].name))
        self._import_handle = self.workers.start(ImportWorker(*choice))
        self._import_handle.worker.finished.connect(self._on_model_imported)
        # A bound method of this window: delivered on the GUI thread (a bare lambda ran on the worker's).
        self._import_handle.worker.failed.connect(self._on_model_import_failed)

    def _on_model_import_failed(self, failure: Any) -> None:
        exception = failure if isinstance(failure, BaseException) else getattr(failure, "exception", None)
        reason = model_error_text(str(failure))
        if exception is not None and reason != str(failure):
            with_details(exception, str(failure))
        self.ctx.notify(self.tr("Model not imported: {reason}").format(reason=reason), ERROR, exception=exception)

    def _on_model_imported(self, installed: Path) -> None:
        found = [m for m in catalog.scan()[0] if m.onnx_path == installed]
        if not found:
            return
        info = found[0]
        answer = QMessageBox.question(
            self, self.tr("Model imported"),
            self.tr("{name} {version} ({task}) was checked and installed.\n"
                    "Use it instead of the current model for this task?").format(
                name=info.spec.name, version=info.spec.version, task=info.spec.task),
        )
        if answer == QMessageBox.StandardButton.Yes:
            catalog.set_active(info.spec.task, info)
        self.ctx.models_changed.emit()
        self.ctx.notify(self.tr("Imported {name} {version}").format(name=info.spec.name, version=info.spec.version))

    def _on_open_data_folder_triggered(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.data_dir())))

    def _on_app_lock_triggered(self) -> None:
        from alyesdesk.ui.dialogs.app_lock import AppLockDialog

        if self.ctx.db is not None and AppLockDialog(self.ctx.db, self).exec():
            locked = self.ctx.db.key_mode == "passphrase"
            self.ctx.notify(self.tr("App lock on: the passphrase is asked at every start (and after {minutes} "
                                    "idle minutes)").format(minutes=self.ctx.settings.idle_lock_minutes)
                            if locked else self.tr("App lock removed"))
            self._update_storage_label()

    def _on_backup_triggered(self) -> None:
        from alyesdesk.storage.backup import make_backup
        from alyesdesk.storage.errors import StorageError

        try:
            path = make_backup(self.ctx.db, "manual")
        except StorageError as exc:
            self.ctx.notify(self.tr("Backup not written: {reason}").format(reason=localized(exc)), ERROR, exception=exc)
            return
        self.ctx.notify(self.tr("Backup written: {path}").format(path=path))

    def _on_restore_triggered(self) -> None:
        from alyesdesk.ui.dialogs.backups import BackupsDialog, restore_interactively

        db_path = self.ctx.db.path if self.ctx.db is not None else paths.database_path()
        dialog = BackupsDialog(db_path, self)
        if not dialog.exec() or dialog.chosen is None:
            return
        # Work in flight would write into the file being replaced: stop it first.
        for widget in self.tab_widgets.values():
            hook = getattr(widget, "shutdown", None)
            if hook is not None:
                hook()
        stop_all_workers()
        if self.ctx.db is not None:
            self.ctx.db.close()
            self.ctx.db = None
        self.ctx.db = restore_interactively(dialog.chosen, db_path, self)
        self._update_storage_label()
        self.ctx.results_changed.emit("")
        if self.ctx.db is not None:
            self.ctx.notify(self.tr("Restored the backup of {date}").format(date=format_time(dialog.chosen.created)))

    def _on_diagnostics_triggered(self) -> None:
        from alyesdesk.diagnostics import report

        # Probing cameras can take seconds per device: off the GUI thread, shown when ready.
        self.statusBar().showMessage(self.tr("Collecting diagnostics (probing cameras)…"))
        self.workers.call(report, cameras=True, on_done=self._on_diagnostics_ready,
                          on_error=self._on_diagnostics_failed)

    def _on_diagnostics_ready(self, data: dict) -> None:
        from alyesdesk.ui.dialogs.info import DiagnosticsDialog

        self.statusBar().clearMessage()
        dialog = DiagnosticsDialog(self, data)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.diagnostics_dialog = dialog

    def _on_diagnostics_failed(self, failure: Any) -> None:
        self.ctx.notify_failure(self.tr("Diagnostics not collected"), failure)

    def _on_settings_triggered(self) -> None:
        from alyesdesk.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx.settings, self)
        if not dialog.exec():
            return
        try:
            language_changed = dialog.apply()
        except (TypeError, ValueError) as exc:
            self.ctx.notify(self.tr("Settings not changed: {reason}").format(reason=exc), ERROR, exception=exc)
            return
        self.ctx.save_settings()
        if language_changed:
            self.ctx.notify(self.tr("The new language applies at the next start of AlyesDesk."))

    def _on_about_triggered(self) -> None:
        from alyesdesk.ui.dialogs.info import AboutDialog

        AboutDialog(self).exec()

    # --- state -----------------------------------------------------------------------------------
    def _on_store_failed(self, what: str, reason: str) -> None:
        if self.ctx.db is not None:  # without a database the locked banner already says it all
            self.banner.add_unstored(what, reason)

    def _update_storage_label(self) -> None:
        if self.ctx.db is None:
            self._storage_label.setText(self.tr("Results not stored: database locked"))
            self.banner.show_locked(self.tr("The encrypted database is not open (locked, missing or unreadable): "
                                            "what you do here is shown but not kept. Restart AlyesDesk to unlock "
                                            "it, or use File > Restore from backup."))
        else:
            self.banner.clear()
            self._storage_label.setText(self.tr("Encrypted storage (passphrase)")
                                        if self.ctx.db.key_mode == "passphrase"
                                        else self.tr("Encrypted storage (key in the system's password store)"))
        if hasattr(self, "actions_registry"):
            self.actions_registry.refresh()

    # --- notifications ---------------------------------------------------------------------------
    def _on_notification_added(self, record: Notification) -> None:
        self.statusBar().showMessage(record.text(), STATUS_TIMEOUT_MS)
        if record.severity == ERROR:
            self._present(record)

    def show_notification(self, record: Notification) -> Notification:
        """Keep `record` (merged with a repeat) and show it: the error path's entry for uncaught errors."""
        kept = self.ctx.notifications.push(record)
        self.statusBar().showMessage(kept.text(), STATUS_TIMEOUT_MS)
        if kept.severity == ERROR:
            self._present(kept)
        return kept

    def _present(self, record: Notification) -> None:
        """The one error dialog, reused: a second error while it is open replaces its text."""
        if self.is_locked():
            return  # the record is kept; what failed is not shown over the lock screen
        from alyesdesk.ui.dialogs.error_dialog import ErrorDialog

        if self.error_dialog is None:
            self.error_dialog = ErrorDialog(self)
        self.error_dialog.show_record(record)

    # --- idle lock -------------------------------------------------------------------------------
    def _idle_minutes(self) -> int:
        return self.ctx.settings.idle_lock_minutes

    def _passphrase_matches(self, typed: str) -> bool:
        return passphrase_matches(self.ctx.db, typed)

    def _can_lock(self) -> bool:
        return self.ctx.db is not None and self.ctx.db.key_mode == "passphrase" and not self.is_locked()

    def is_locked(self) -> bool:
        return hasattr(self, "pages") and self.pages.currentWidget() is self.lock_screen

    def lock(self) -> bool:
        """Cover results and images until the passphrase is typed; False when there is no passphrase."""
        if not self._can_lock():
            return False
        self._dock_was_visible = self.messages_dock.isVisible()
        self.messages_dock.hide()
        if self.error_dialog is not None:
            self.error_dialog.hide()
        self.pages.setCurrentWidget(self.lock_screen)
        self.lock_screen.reset()
        self.actions_registry.refresh()
        log.info("window locked")
        return True

    def unlock(self) -> None:
        self.pages.setCurrentIndex(0)
        if getattr(self, "_dock_was_visible", False):
            self.messages_dock.show()
        self.idle.touch()
        self.actions_registry.refresh()
        log.info("window unlocked")

    def _on_setting_changed(self, name: str, value: object) -> None:
        if name == "idle_lock_minutes":
            self.idle.touch()  # a new idle time counts from now

    def _on_tab_changed(self, index: int) -> None:
        previous = self.tabs.widget(self._previous_index)
        hook = getattr(previous, "on_hidden", None)
        if hook is not None and previous is not self.tabs.widget(index):
            hook()
        self._previous_index = index
        # A status line speaks about the tab it came from ("Checking contract.pdf…"): on another tab it
        # reads as that tab's news. The bell keeps every notification, so nothing is lost by clearing it.
        self.statusBar().clearMessage()
        shown = getattr(self.tabs.widget(index), "on_shown", None)
        if shown is not None:
            shown()
        self.actions_registry.refresh()

    def run_tab_command(self, command: str) -> None:
        """Ctrl+O, Ctrl+F, Ctrl+E: what the shown tab's own button or field does (ui/tab_commands.py)."""
        from alyesdesk.ui import tab_commands

        key = self.current_tab_key()
        if not tab_commands.run(self.tab_widgets[key], command, key):
            self.statusBar().showMessage(tab_commands.unavailable_text(command), STATUS_TIMEOUT_MS)

    def show_user_guide(self) -> None:
        """F1: the offline user guide, on the page of the tab shown."""
        from alyesdesk.ui.help import show_user_guide

        self.user_guide = show_user_guide(self, self.current_tab_key())

    def select_tab(self, key: str) -> bool:
        widget = self.tab_widgets.get(key)
        if widget is None:
            return False
        self.tabs.setCurrentWidget(widget)
        return True

    def _restore_state(self) -> None:
        settings = ui_settings()
        geometry = settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        last = settings.value("last_tab")
        if isinstance(last, str):
            self.select_tab(last)

    def current_tab_key(self) -> str:
        current = self.tabs.currentWidget()
        return next((k for k, w in self.tab_widgets.items() if w is current), TABS[0].key)

    def shutdown(self) -> None:
        """Stop every tab's workers and save window state; safe to call more than once."""
        for key, widget in self.tab_widgets.items():
            hook = getattr(widget, "shutdown", None)
            if hook is not None:
                try:
                    hook()
                except Exception:  # keep closing the others
                    log.exception("tab %s failed to shut down", key)
        self.idle.timer.stop()
        self.close_guard.shutdown()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        self.workers.stop_all()
        stop_all_workers()
        settings = ui_settings()
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("last_tab", self.current_tab_key())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.close_guard.may_close():  # work is running and the user chose not to cancel it
            event.ignore()
            return
        self.shutdown()
        event.accept()
