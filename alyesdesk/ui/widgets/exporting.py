"""The one export pattern of every tab: the button says "Export …", one save dialog, one success message.

Every export asks for its target here (`ask_save_path` for a file, `ask_folder` for a folder: both suggest
a full path in the folder last exported to, so the dialog never opens in the working directory of the
process), and ends with `report_exported` ("Exported to <path>", in the status bar, the Messages panel and
the tab's own status line if it has one) or `report_export_failed` (an error with the reason). Tests patch
`QFileDialog.getSaveFileName` / `getExistingDirectory` as before: these call them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QToolButton, QWidget

from alyesdesk.ui import file_dialogs
from alyesdesk.ui.context import ERROR, INFO, WARNING
from alyesdesk.ui.error_text import localized

# Where the last export of each kind went is a setting (`last_folders`, kept by `ui.file_dialogs`), so the
# next dialog opens there in this session and the next ones.



class ExportButton(QToolButton):
    """The "Export" button of a tab with several kinds of export: one menu entry per kind.

    Signals
    -------
    export_chosen(str)
        The key of the entry picked.
    """

    export_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(QCoreApplication.translate("Exporting", "Export"))
        self.setToolTip(QCoreApplication.translate("Exporting", "Choose what to export (Ctrl+E)"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.actions_by_key: dict[str, QAction] = {}

    def add(self, key: str, text: str, tooltip: str = "") -> QAction:
        """An entry (`text` ends with "…" when a dialog follows); its action can be enabled and disabled."""
        action = self.menu().addAction(text)
        action.setToolTip(tooltip)
        action.setStatusTip(tooltip)
        action.triggered.connect(lambda _=False, k=key: self.export_chosen.emit(k))
        self.actions_by_key[key] = action
        return action


def export_folder(kind: str = "export") -> Path:
    """The folder the next export of `kind` is suggested in: the last one used, else the user's home."""
    return Path(file_dialogs.last_folder(kind, fallback="export"))


def remember_folder(path: str | Path, kind: str = "export") -> None:
    file_dialogs.remember_folder(kind, path)
    if kind != "export":
        file_dialogs.remember_folder("export", path)


def ask_save_path(parent: QWidget, title: str, name: str, filters: str, kind: str = "export") -> str | None:
    """The save dialog of every export: `name` suggested as a full path; None when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(export_folder(kind) / name), filters)
    if not path:
        return None
    remember_folder(path, kind)
    return path


def ask_folder(parent: QWidget, title: str, kind: str = "export") -> str | None:
    """The folder dialog of every export that writes several files; None when cancelled."""
    folder = QFileDialog.getExistingDirectory(parent, title, str(export_folder(kind)))
    if not folder:
        return None
    remember_folder(folder, kind)
    return folder


def exported_text(path: str | Path) -> str:
    return QCoreApplication.translate("Exporting", "Exported to {path}").format(path=path)


def report_exported(ctx: Any, path: str | Path, status: QLabel | None = None, detail: str = "",
                    warning: bool = False) -> str:
    """Say where an export went, the same way in every tab; `detail` (counts, skipped files) follows."""
    text = exported_text(path) + (f" ({detail})" if detail else "")
    ctx.notify(text, WARNING if warning else INFO, actions=file_dialogs.show_in_folder_action(path))
    if status is not None:
        status.setText(text)
    return text


def report_export_failed(ctx: Any, reason: object, status: QLabel | None = None,
                         exception: BaseException | None = None) -> str:
    """An export that wrote nothing: one error with the reason."""
    exception = exception if exception is not None else (reason if isinstance(reason, BaseException) else
                                                         getattr(reason, "exception", None))
    text = QCoreApplication.translate("Exporting", "Export failed: {reason}").format(
        reason=getattr(reason, "strerror", None) or localized(reason))
    ctx.notify(text, ERROR, exception=exception)
    if status is not None:
        status.setText(text)
    return text
