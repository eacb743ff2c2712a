"""Opening a file, or a stored result, in the tab it belongs to: File > Open Recent and History's
"Open in its tab" both come here, so a tab is asked the same way whatever asked it.

`install(window)` adds what the main window needs for this: the Open Recent submenu at the top of the
File menu, the status bar's notice buttons ("Show in folder"), and History's open requests.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from alyesdesk.pathtext import from_stored
from alyesdesk.ui.context import WARNING
from alyesdesk.ui.recent_menu import RecentMenu
from alyesdesk.ui.widgets.notice_actions import NoticeActions

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls

if TYPE_CHECKING:
    from alyesdesk.ui.main_window import MainWindow

# The method each tab opens files with (a list of paths).
OPENERS = {"waste": "add_paths", "documents": "check_paths", "streets": "open_paths"}



def open_in_tab(window: "MainWindow", tab: str, paths: list[str]) -> bool:
    """Show `tab` and hand it `paths`; False (and a notice) when a file is gone or the tab cannot open files."""
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        text = translate("TabOpeners", "{file} is no longer there (moved or deleted)").format(file=missing[0])
        window.ctx.notify(text, WARNING)
        return False
    widget = window.tab_widgets.get(tab)
    opener = getattr(widget, OPENERS.get(tab, ""), None)
    if widget is None or opener is None:
        window.ctx.notify(translate("TabOpeners", "This tab cannot open files"), WARNING)
        return False
    window.select_tab(tab)
    opener(list(paths))
    return True


def open_result_in_tab(window: "MainWindow", result: dict) -> bool:
    """A History entry in its tab: the file again for waste, documents and streets (checked afresh), the
    recorded session in the Gaze tab's Sessions view."""
    capability = result.get("capability", "")
    if capability == "gaze":
        return _show_gaze_session(window, int(result["id"]))
    details = result.get("details")
    raw = result.get("input_bytes") or (details.get("path_bytes") if isinstance(details, dict) else None)
    return open_in_tab(window, capability, [from_stored(result["input"], raw)])


def _show_gaze_session(window: "MainWindow", result_id: int) -> bool:
    gaze = window.tab_widgets.get("gaze")
    sessions = getattr(gaze, "sessions", None)
    found = None
    if window.ctx.db is not None and sessions is not None:
        found = next((s["id"] for s in window.ctx.db.sessions() if s.get("result_id") == result_id), None)
    window.select_tab("gaze")
    if found is None:  # a calibration, or a tab without its sessions view: the tab is the place
        return sessions is not None or gaze is not None
    views = getattr(gaze, "views", None)
    if views is not None:
        views.setCurrentWidget(sessions)
    sessions.refresh(select=found)
    return True


def install(window: "MainWindow") -> None:
    """Open Recent (after File > Open…), the notice buttons in the status bar, History's open requests."""
    file_menu = window.menuBar().actions()[0].menu()
    window.recent_menu = RecentMenu(window)
    window.recent_menu.file_chosen.connect(lambda tab, path: open_in_tab(window, tab, [path]))
    # Right after File > Open… where there is one (as in every desktop app), else first.
    actions = file_menu.actions()
    opener = next((i for i, a in enumerate(actions) if a.objectName() == "action_open_files"), None)
    before = actions[opener + 1] if opener is not None and opener + 1 < len(actions) else (
        actions[0] if actions and opener is None else None)
    file_menu.insertMenu(before, window.recent_menu)
    if opener is None and before is not None:
        file_menu.insertSeparator(before)
    window.notice_actions = NoticeActions()
    window.statusBar().insertPermanentWidget(0, window.notice_actions)
    window.ctx.notification_added.connect(window.notice_actions.show_record)
    history = window.tab_widgets.get("history")
    if hasattr(history, "open_requested"):
        history.open_requested.connect(lambda result: open_result_in_tab(window, result))
