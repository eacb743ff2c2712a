"""Every menu action in one table: key, text, shortcut, tab scope, enabled-when rule and callback.

Menus are lists of keys (`MENUS`); Help > Keyboard shortcuts is generated from this table, and the tests
trigger every action and check that no two shortcuts collide. Shortcuts that a tab owns itself (a
`QShortcut` made by the tab) are listed in `TAB_SHORTCUTS` so the help and the collision check see them.

Usage::

    registry = ActionRegistry(window)           # QActions made from ACTIONS, parented to the window
    menu = registry.fill_menu(menu_bar.addMenu("&File"), MENUS["&File"])
    registry.refresh()                          # re-evaluate the enabled-when rules
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from alyesdesk.ui.main_window import MainWindow

def _has_db(w: "MainWindow") -> bool:
    return w.ctx.db is not None


def _has_passphrase(w: "MainWindow") -> bool:
    return w.ctx.db is not None and w.ctx.db.key_mode == "passphrase" and not w.is_locked()


def _unlocked(w: "MainWindow") -> bool:
    return not w.is_locked()


def _tab_has(command: str) -> Callable[["MainWindow"], bool]:
    """Enabled when the shown tab can carry out `command` (ui/tab_commands.py)."""
    def rule(w: "MainWindow") -> bool:
        from alyesdesk.ui import tab_commands

        key = w.current_tab_key()
        return not w.is_locked() and tab_commands.target(w.tab_widgets.get(key), command, key) is not None
    return rule


def tr(text: str) -> str:
    """A text of this table in the interface's language."""
    return QCoreApplication.translate("Actions", text)


@dataclass(frozen=True)
class ActionSpec:
    """One command of the window.

    Attributes
    ----------
    key : str
        Stable id (object name of the QAction: `action_<key>`).
    text : str
        Menu text with its & mnemonic.
    callback : str
        The MainWindow method it calls.
    shortcut : str or QKeySequence.StandardKey or None
    tab : str or None
        Only enabled while this tab is shown (None: everywhere).
    enabled_when : callable or None
        `rule(window) -> bool`, re-evaluated on tab changes, locks and database changes.
    """

    key: str
    text: str
    callback: str
    shortcut: object = None
    tab: str | None = None
    enabled_when: Callable[["MainWindow"], bool] | None = None
    description: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    # Standard keys, carried out by the tab shown (`run_tab_command:<command>`, see ui/tab_commands.py).
    ActionSpec("open_files", QT_TRANSLATE_NOOP("Actions", "&Open…"), "run_tab_command:open", QKeySequence.StandardKey.Open,
               None, _tab_has("open"), QT_TRANSLATE_NOOP("Actions", "Open files in the tab shown")),
    ActionSpec("find", QT_TRANSLATE_NOOP("Actions", "&Find…"), "run_tab_command:find", QKeySequence.StandardKey.Find, None,
               _tab_has("find"), QT_TRANSLATE_NOOP("Actions", "Filter the list of the tab shown")),
    ActionSpec("export", QT_TRANSLATE_NOOP("Actions", "&Export…"), "run_tab_command:export", "Ctrl+E", None,
               _tab_has("export"), QT_TRANSLATE_NOOP("Actions", "Export the results of the tab shown")),
    ActionSpec("import_model", QT_TRANSLATE_NOOP("Actions", "&Import model…"), "_on_import_model_triggered", "Ctrl+I", None, _unlocked,
               QT_TRANSLATE_NOOP("Actions", "Check and install an ONNX model")),
    ActionSpec("open_data", QT_TRANSLATE_NOOP("Actions", "Open &data folder"), "_on_open_data_folder_triggered", None, None, None,
               QT_TRANSLATE_NOOP("Actions", "Open the folder with the database, models and logs")),
    ActionSpec("app_lock", QT_TRANSLATE_NOOP("Actions", "App &lock…"), "_on_app_lock_triggered", None, None,
               lambda w: _has_db(w) and _unlocked(w), QT_TRANSLATE_NOOP("Actions", "Require a passphrase at every start (or remove it)")),
    ActionSpec("lock_now", QT_TRANSLATE_NOOP("Actions", "Loc&k now"), "lock", "Ctrl+L", None, _has_passphrase,
               QT_TRANSLATE_NOOP("Actions", "Hide results and images until the passphrase is typed")),
    ActionSpec("backup", QT_TRANSLATE_NOOP("Actions", "&Back up the database now"), "_on_backup_triggered", None, None,
               lambda w: _has_db(w) and _unlocked(w), QT_TRANSLATE_NOOP("Actions", "Write an encrypted backup of the database")),
    ActionSpec("restore", QT_TRANSLATE_NOOP("Actions", "&Restore from backup…"), "_on_restore_triggered", None, None, _unlocked,
               QT_TRANSLATE_NOOP("Actions", "Replace the database with a backup")),
    ActionSpec("settings", QT_TRANSLATE_NOOP("Actions", "&Settings…"), "_on_settings_triggered", None, None, _unlocked,
               QT_TRANSLATE_NOOP("Actions", "Language of the interface and the idle lock")),
    ActionSpec("quit", QT_TRANSLATE_NOOP("Actions", "&Quit"), "close", QKeySequence.StandardKey.Quit, None, None, QT_TRANSLATE_NOOP("Actions", "Close AlyesDesk")),
    ActionSpec("messages", QT_TRANSLATE_NOOP("Actions", "&Messages"), "show_messages", "Ctrl+Shift+M", None, None,
               QT_TRANSLATE_NOOP("Actions", "Every notice and error of this session")),
    ActionSpec("guide", QT_TRANSLATE_NOOP("Actions", "&User guide"), "show_user_guide", "F1", None, None,
               QT_TRANSLATE_NOOP("Actions", "How each tab works, on this computer (no internet needed)")),
    ActionSpec("shortcuts", QT_TRANSLATE_NOOP("Actions", "&Keyboard shortcuts…"), "_on_shortcuts_triggered", None, None, None,
               QT_TRANSLATE_NOOP("Actions", "This list")),
    ActionSpec("diagnostics", QT_TRANSLATE_NOOP("Actions", "&Diagnostics…"), "_on_diagnostics_triggered", None, None, None,
               QT_TRANSLATE_NOOP("Actions", "Versions, providers and cameras, to paste into bug reports")),
    ActionSpec("about", QT_TRANSLATE_NOOP("Actions", "&About AlyesDesk…"), "_on_about_triggered", None, None, None, QT_TRANSLATE_NOOP("Actions", "Versions and licences")),
)

MENUS: dict[str, list[str | None]] = {  # None: a separator
    QT_TRANSLATE_NOOP("Actions", "&File"): ["open_files", "export", None, "import_model", "open_data", "app_lock", "lock_now", "backup", "restore", None, "settings", None,
                                            "quit"],
    QT_TRANSLATE_NOOP("Actions", "&Edit"): ["find"],
    QT_TRANSLATE_NOOP("Actions", "&View"): ["messages"],
    QT_TRANSLATE_NOOP("Actions", "&Help"): ["guide", "shortcuts", "diagnostics", "about"],
}

# Shortcuts owned by a tab's own QShortcut (tab key, keys, what it does): listed, never re-bound here.
TAB_SHORTCUTS: tuple[tuple[str, object, str], ...] = (  # keys: text or a QKeySequence.StandardKey
    ("gaze", "Ctrl+Shift+G", QT_TRANSLATE_NOOP("Actions", "Show or hide the on-screen gaze cursor (works from any AlyesDesk window)")),
    ("waste", "Ctrl+V", QT_TRANSLATE_NOOP("Actions", "Paste a photo to classify")),
    ("gaze", "Ctrl+Shift+P", QT_TRANSLATE_NOOP("Actions", "Pause or resume gaze as a pointer")),
    ("documents", "Alt+N", QT_TRANSLATE_NOOP("Actions", "Next document needing review")),
    ("documents", "Alt+A", QT_TRANSLATE_NOOP("Actions", "Accept the selected box (it is a signature)")),
    ("documents", "Alt+X", QT_TRANSLATE_NOOP("Actions", "Reject the selected box (not a signature)")),
    ("documents", "Alt+D", QT_TRANSLATE_NOOP("Actions", "Draw a box around a signature the model missed")),
    ("documents", "Alt+0", QT_TRANSLATE_NOOP("Actions", "Verdict: the model's answer")),
    ("documents", "Alt+1", QT_TRANSLATE_NOOP("Actions", "Verdict: signed")),
    ("documents", "Alt+2", QT_TRANSLATE_NOOP("Actions", "Verdict: unsigned")),
    ("documents", "Alt+3", QT_TRANSLATE_NOOP("Actions", "Verdict: to check")),
    ("waste", "Delete", QT_TRANSLATE_NOOP("Actions", "Remove the selected photo from the list")),
    # One row per key: Ctrl+Z is bound in two tabs, each for its own list.
    ("waste", "Ctrl+Z", QT_TRANSLATE_NOOP("Actions", "Undo the last removal or correction (in History: the last delete)")),
    # Redo is Ctrl+Y on Windows, Ctrl+Shift+Z on most Linux desktops: the platform's own key.
    ("waste", QKeySequence.StandardKey.Redo, QT_TRANSLATE_NOOP("Actions", "Redo what was undone")),
)


def spec(key: str) -> ActionSpec:
    found = next((a for a in ACTIONS if a.key == key), None)
    if found is None:
        raise KeyError(f"unknown action {key!r}; known: {[a.key for a in ACTIONS]}")
    return found


def shortcut_text(shortcut: object) -> str:
    if shortcut is None:
        return ""
    sequence = QKeySequence(shortcut) if not isinstance(shortcut, QKeySequence) else shortcut
    return sequence.toString(QKeySequence.SequenceFormat.PortableText)


def shortcut_table() -> list[tuple[str, str, str]]:
    """(keys, action, where) rows for Help > Keyboard shortcuts."""
    from alyesdesk.ui.tabs import TABS, tab_title

    titles = {t.key: tab_title(t) for t in TABS}
    rows = [(shortcut_text(a.shortcut), tr(a.text).replace("&", ""), titles.get(a.tab, a.tab) if a.tab
             else QCoreApplication.translate("Actions", "everywhere"))
            for a in ACTIONS if a.shortcut is not None]
    rows += [(shortcut_text(keys), tr(what), QCoreApplication.translate("Actions", "{tab} tab").format(tab=titles.get(tab, tab)))
             for tab, keys, what in TAB_SHORTCUTS]
    return rows


def shortcut_html() -> str:
    body = "".join(f"<tr><td><b>{k}</b></td><td>{what}</td><td><small>{where}</small></td></tr>"
                   for k, what, where in shortcut_table())
    return f"<table cellpadding=4>{body}</table>"


class ActionRegistry:
    """The QActions of one window, made from ACTIONS."""

    def __init__(self, window: "MainWindow") -> None:
        self.window = window
        self.actions: dict[str, QAction] = {}
        for a in ACTIONS:
            action = QAction(tr(a.text), window)
            action.setObjectName(f"action_{a.key}")
            if a.shortcut is not None:
                action.setShortcut(QKeySequence(a.shortcut))
            if a.description:
                action.setStatusTip(tr(a.description))
            action.triggered.connect(_caller(window, a.callback))
            window.addAction(action)  # shortcuts work even with the menu bar hidden
            self.actions[a.key] = action

    def __getitem__(self, key: str) -> QAction:
        return self.actions[key]

    def fill_menu(self, menu: QMenu, keys: list[str | None]) -> QMenu:
        for key in keys:
            if key is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions[key])
        return menu

    def refresh(self) -> None:
        """Apply the tab scopes and enabled-when rules."""
        current = self.window.current_tab_key()
        for a in ACTIONS:
            enabled = (a.tab is None or a.tab == current) and (a.enabled_when is None or a.enabled_when(self.window))
            self.actions[a.key].setEnabled(bool(enabled))


def _caller(window: "MainWindow", name: str) -> Callable[..., None]:
    """`name` is a window method, or `method:argument` for one that takes a text argument."""
    method, _, argument = name.partition(":")

    def call(*_: object) -> None:
        if argument:
            getattr(window, method)(argument)
        else:
            getattr(window, method)()
    return call
