"""The standard commands (Ctrl+O open, Ctrl+F find, Ctrl+E export) carried out by the tab that is shown.

Each tab already has the button or field that does it; this table names it, so the window's one shortcut per
command does exactly what clicking that button does (same dialogs, same checks) and a tab never binds the
same keys itself (two bindings of one key make Qt ignore both). A command the shown tab does not have does
nothing but say so in the status bar.

Targets are attribute paths from the tab widget ("toolbar.open_button"); a button is clicked (an Export menu
button shows its menu), a line edit gets the focus with its text selected, a method is called.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QToolButton, QWidget

log = logging.getLogger(__name__)

OPEN, FIND, EXPORT = "open", "find", "export"

TAB_COMMANDS: dict[str, dict[str, str]] = {
    OPEN: {"waste": "add_files_button", "documents": "_on_choose_files_clicked", "streets": "toolbar.open_button"},
    FIND: {"documents": "queue.search", "history": "filters.search"},
    EXPORT: {"waste": "view.export_button", "documents": "export_button", "streets": "toolbar.export_button",
             "history": "export_button", "gaze": "sessions.csv_button"},
}

COMMAND_NAMES = {OPEN: QT_TRANSLATE_NOOP("TabCommands", "Open"), FIND: QT_TRANSLATE_NOOP("TabCommands", "Find"),
                 EXPORT: QT_TRANSLATE_NOOP("TabCommands", "Export")}


def target(tab: QWidget, command: str, tab_key: str) -> Any | None:
    """The widget or method that carries out `command` in `tab`, or None when the tab has none."""
    path = TAB_COMMANDS.get(command, {}).get(tab_key)
    if path is None:
        return None
    found: Any = tab
    for part in path.split("."):
        found = getattr(found, part, None)
        if found is None:
            log.warning("tab %s has no %s for the %s command", tab_key, path, command)
            return None
    return found


def run(tab: QWidget, command: str, tab_key: str) -> bool:
    """Carry out `command` in `tab`; False when the tab has no such command or it is not available now."""
    found = target(tab, command, tab_key)
    if isinstance(found, QLineEdit):
        if not found.isEnabled():
            return False
        found.setFocus()
        found.selectAll()
        return True
    if isinstance(found, QAbstractButton):
        if not found.isEnabled() or not found.isVisibleTo(tab):
            return False
        if isinstance(found, QToolButton) and found.menu() is not None:
            found.showMenu()  # the Export menu: the user picks the kind
        else:
            found.click()
        return True
    if callable(found):
        found()
        return True
    return False


def unavailable_text(command: str) -> str:
    """Status-bar text when the shown tab cannot carry out `command` now."""
    name = QCoreApplication.translate("TabCommands", COMMAND_NAMES.get(command, command))
    return QCoreApplication.translate("TabCommands", "{command}: not available in this tab now").format(command=name)
