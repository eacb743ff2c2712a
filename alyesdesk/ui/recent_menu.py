"""File > Open Recent: the last files opened in any tab, each opened again in its tab.

Rebuilt each time it opens, so it always shows the current list; a file that is gone is greyed out with
"(missing)", and "Remove missing files" drops those (with a message saying how many).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QMenu, QWidget

from alyesdesk.ui import file_dialogs
from alyesdesk.ui.tabs import TABS, tab_title

TITLE = QT_TRANSLATE_NOOP("RecentMenu", "Open &Recent")


class RecentMenu(QMenu):
    """Signals: file_chosen(tab key, path)."""

    file_chosen = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr(TITLE), parent)
        self.setObjectName("recent_menu")
        self.removed_message = ""
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        titles = {t.key: tab_title(t) for t in TABS}
        entries = file_dialogs.recent_files()
        missing = []
        for number, (tab, path) in enumerate(entries, start=1):
            name = Path(path).name
            prefix = f"&{number % 10} " if number <= 10 else ""
            if os.path.exists(path):
                action = self.addAction(self.tr("{prefix}{name}  ({tab})").format(
                    prefix=prefix, name=name, tab=titles.get(tab, tab)))
                action.triggered.connect(lambda _=False, t=tab, p=path: self.file_chosen.emit(t, p))
            else:
                missing.append(path)
                action = self.addAction(self.tr("{prefix}{name}  (missing)").format(prefix=prefix, name=name))
                action.setEnabled(False)
            action.setToolTip(path)
            action.setStatusTip(path)
        if not entries:
            self.addAction(self.tr("No recent files")).setEnabled(False)
        self.addSeparator()
        if missing:
            self.addAction(self.tr("Remove missing files")).triggered.connect(
                lambda _=False, gone=tuple(missing): self.remove_missing(gone))
        clear = self.addAction(self.tr("Clear list"))
        clear.setEnabled(bool(entries))
        clear.triggered.connect(self.clear_list)

    def remove_missing(self, paths: tuple[str, ...]) -> None:
        file_dialogs.remove_recent(paths)
        self.removed_message = self.tr("{count} missing file(s) removed from the recent list").format(count=len(paths))
        window = self.parent()
        ctx = getattr(window, "ctx", None)
        if ctx is not None:
            ctx.notify(self.removed_message)
        self.rebuild()

    def clear_list(self) -> None:
        file_dialogs.clear_recent()
        self.rebuild()
