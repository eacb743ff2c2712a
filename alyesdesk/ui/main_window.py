"""The main window: one tab per capability, menus, status bar; remembers geometry and the last tab."""

from __future__ import annotations

import importlib
import logging
import traceback

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from alyesdesk import APP_NAME, __version__, paths
from alyesdesk.inference import catalog
from alyesdesk.ui.context import ERROR, AppContext
from alyesdesk.ui.tabs import TABS, TabSpec
from alyesdesk.ui.widgets.banner import StorageBanner
from alyesdesk.ui.widgets.placeholder import PlaceholderTab
from alyesdesk.ui.workers import start_worker, stop_all_workers

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
    """Hosts the tabs; owns shutdown so no worker thread outlives the window."""

    def __init__(self, ctx: AppContext, icon: QIcon | None = None) -> None:
        super().__init__()
        self.ctx = ctx
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
            self.tabs.addTab(widget, spec.title)
        self.banner = StorageBanner()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        ctx.store_failed.connect(self._on_store_failed)
        self._storage_label = QLabel()
        self.statusBar().addPermanentWidget(self._storage_label)
        self._update_storage_label()
        self._build_menus()
        self._previous_index = 0
        self.tabs.currentChanged.connect(self._on_tab_changed)
        ctx.notified.connect(self._on_notified)
        self._restore_state()

    # --- menus -----------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.import_action = QAction("&Import model…", self, triggered=self._on_import_model_triggered)
        open_data = QAction("Open &data folder", self, triggered=self._on_open_data_folder_triggered)
        self.lock_action = QAction("App &lock…", self, triggered=self._on_app_lock_triggered)
        self.backup_action = QAction("&Back up the database now", self, triggered=self._on_backup_triggered)
        self.restore_action = QAction("&Restore from backup…", self, triggered=self._on_restore_triggered)
        quit_action = QAction("&Quit", self, triggered=self.close)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        for action in (self.import_action, open_data, self.lock_action, self.backup_action, self.restore_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(QAction("&Diagnostics…", self, triggered=self._on_diagnostics_triggered))
        help_menu.addAction(QAction("&About AlyesDesk…", self, triggered=self._on_about_triggered))
        self.lock_action.setEnabled(self.ctx.db is not None)
        self.backup_action.setEnabled(self.ctx.db is not None)

    def _on_import_model_triggered(self) -> None:
        from alyesdesk.ui.dialogs.import_model import ImportWorker, choose_model

        try:
            choice = choose_model(self)
        except Exception as exc:  # reading an unknown file: report, never crash
            self.ctx.notify(f"Could not read the model: {exc}", ERROR)
            return
        if choice is None:
            return
        self.statusBar().showMessage(f"Checking {choice[0].name}…")
        self._import_handle = start_worker(ImportWorker(*choice), self)
        self._import_handle.worker.finished.connect(self._on_model_imported)
        self._import_handle.worker.failed.connect(lambda message: self.ctx.notify(f"Model not imported: {message}", ERROR))

    def _on_model_imported(self, installed) -> None:  # noqa: ANN001 - Path
        found = [m for m in catalog.scan()[0] if m.onnx_path == installed]
        if not found:
            return
        info = found[0]
        answer = QMessageBox.question(
            self, "Model imported",
            f"{info.spec.name} {info.spec.version} ({info.spec.task}) was checked and installed.\n"
            "Use it instead of the current model for this task?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            catalog.set_active(info.spec.task, info)
        self.ctx.models_changed.emit()
        self.ctx.notify(f"Imported {info.spec.name} {info.spec.version}")

    def _on_open_data_folder_triggered(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.data_dir())))

    def _on_app_lock_triggered(self) -> None:
        from alyesdesk.ui.dialogs.app_lock import AppLockDialog

        if self.ctx.db is not None and AppLockDialog(self.ctx.db, self).exec():
            locked = self.ctx.db.key_mode == "passphrase"
            self.ctx.notify("App lock on: the passphrase is asked at every start" if locked else "App lock removed")
            self._update_storage_label()

    def _on_backup_triggered(self) -> None:
        from alyesdesk.storage.backup import make_backup
        from alyesdesk.storage.errors import StorageError

        try:
            path = make_backup(self.ctx.db, "manual")
        except StorageError as exc:
            self.ctx.notify(f"Backup not written: {exc}", ERROR)
            return
        self.ctx.notify(f"Backup written: {path}")

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
            self.ctx.notify(f"Restored the backup of {dialog.chosen.to_dict()['created']}")

    def _on_diagnostics_triggered(self) -> None:
        from alyesdesk.ui.dialogs.info import DiagnosticsDialog

        DiagnosticsDialog(self).exec()

    def _on_about_triggered(self) -> None:
        from alyesdesk.ui.dialogs.info import AboutDialog

        AboutDialog(self).exec()

    # --- state -----------------------------------------------------------------------------------
    def _on_store_failed(self, what: str, reason: str) -> None:
        if self.ctx.db is not None:  # without a database the locked banner already says it all
            self.banner.add_unstored(what, reason)

    def _update_storage_label(self) -> None:
        if self.ctx.db is None:
            self._storage_label.setText("Results not stored: database locked")
            self.banner.show_locked("The encrypted database is not open (locked, missing or unreadable): "
                                    "what you do here is shown but not kept. Restart AlyesDesk to unlock it, "
                                    "or use File > Restore from backup.")
        else:
            self.banner.clear()
            lock = "passphrase" if self.ctx.db.key_mode == "passphrase" else "keyring key"
            self._storage_label.setText(f"Encrypted storage ({lock})")

    def _on_notified(self, text: str, level: str) -> None:
        self.statusBar().showMessage(text, STATUS_TIMEOUT_MS)
        if level == ERROR:
            box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text, QMessageBox.StandardButton.Ok, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    def _on_tab_changed(self, index: int) -> None:
        previous = self.tabs.widget(self._previous_index)
        hook = getattr(previous, "on_hidden", None)
        if hook is not None and previous is not self.tabs.widget(index):
            hook()
        self._previous_index = index
        shown = getattr(self.tabs.widget(index), "on_shown", None)
        if shown is not None:
            shown()

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
        stop_all_workers()
        settings = ui_settings()
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("last_tab", self.current_tab_key())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.shutdown()
        event.accept()
