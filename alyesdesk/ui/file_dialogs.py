"""Files like a desktop app: every tab's open and save dialogs start in the folder last used for that kind
of file, remember the files opened (File > Open Recent), and exports offer "Show in folder".

The folders and the recent list are settings (`last_folders`, `recent_files` in settings.json), written
through the settings owner so the running app and this module never overwrite each other.

Usage::

    files = open_files(self, IMAGES, self.tr("Add photos"), filters, recent_tab="waste")
    path = save_file(self, EXPORTS, self.tr("Export history"), "alyesdesk-history.csv", "CSV (*.csv)")
    ctx.notify(text, actions=show_in_folder_action(path))
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from alyesdesk import settings as settings_module

log = logging.getLogger(__name__)

# Kinds of file, each with its own remembered folder.
IMAGES, DOCUMENTS, VIDEOS, MODELS, DATA, EXPORTS = "images", "documents", "videos", "models", "data", "export"
KINDS = (IMAGES, DOCUMENTS, VIDEOS, MODELS, DATA, EXPORTS)
RECENT_LIMIT = 10


# --- remembered folders ---------------------------------------------------------------------------------
def last_folder(kind: str, fallback: str | None = None) -> str:
    """The folder the dialogs for `kind` start in: the last one used while it exists, else the one of
    `fallback`, else the home folder."""
    folders = settings_module.current().last_folders
    for key in (kind, fallback):
        folder = folders.get(key) if key else None
        if folder and os.path.isdir(folder):
            return folder
    return str(Path.home())


def remember_folder(kind: str, path: str | os.PathLike) -> None:
    """Remember the folder of `path` (itself when it is a folder) for `kind`."""
    path = Path(path)
    folder = str(path if path.is_dir() else path.parent)
    current = settings_module.current().last_folders
    if current.get(kind) == folder:
        return
    _save(last_folders={**current, kind: folder})


def suggested_path(kind: str, name: str) -> str:
    """A full path to offer in a save dialog: `name` in the folder last used for `kind`."""
    return str(Path(last_folder(kind)) / Path(name).name)


def _save(**values: object) -> None:
    # A settings file that cannot be written must never stop a file from being opened or saved.
    try:
        settings_module.update_settings(**values)
    except (OSError, ValueError, TypeError) as exc:
        log.warning("file dialog settings not saved: %s", exc)


# --- dialogs ------------------------------------------------------------------------------------------
def open_file(parent: QWidget | None, kind: str, title: str, filters: str = "",
              recent_tab: str | None = None) -> str | None:
    """One file to open, or None; the folder is remembered and, with `recent_tab`, the file is recent."""
    path, _ = QFileDialog.getOpenFileName(parent, title, last_folder(kind), filters)
    if not path:
        return None
    remember_folder(kind, path)
    if recent_tab:
        add_recent(recent_tab, [path])
    return path


def open_files(parent: QWidget | None, kind: str, title: str, filters: str = "",
               recent_tab: str | None = None) -> list[str]:
    """Files to open ([] when cancelled); as `open_file`."""
    paths, _ = QFileDialog.getOpenFileNames(parent, title, last_folder(kind), filters)
    if not paths:
        return []
    remember_folder(kind, paths[0])
    if recent_tab:
        add_recent(recent_tab, paths)
    return list(paths)


def open_folder(parent: QWidget | None, kind: str, title: str) -> str | None:
    """A folder (to read from or write into), or None; remembered for `kind`."""
    folder = QFileDialog.getExistingDirectory(parent, title, last_folder(kind))
    if not folder:
        return None
    remember_folder(kind, folder)
    return folder


def save_file(parent: QWidget | None, kind: str, title: str, name: str, filters: str = "") -> str | None:
    """Where to save, or None: the dialog offers `name` in the folder last used for `kind`."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested_path(kind, name), filters)
    if not path:
        return None
    remember_folder(kind, path)
    return path


# --- File > Open Recent -----------------------------------------------------------------------------------
def recent_files() -> list[tuple[str, str]]:
    """(tab key, path) pairs, newest first."""
    return [(entry[0], entry[1]) for entry in settings_module.current().recent_files if len(entry) == 2]


def add_recent(tab: str, paths: Iterable[str | os.PathLike]) -> None:
    """Put `paths` (opened in `tab`) first in the recent list, without repeats, at most RECENT_LIMIT."""
    new = [[tab, str(Path(p).resolve())] for p in paths][:RECENT_LIMIT]
    if not new:
        return
    seen = {p for _, p in new}
    kept = [[t, p] for t, p in recent_files() if p not in seen]
    _save(recent_files=(new + kept)[:RECENT_LIMIT])


def remove_recent(paths: Iterable[str]) -> None:
    gone = set(paths)
    _save(recent_files=[[t, p] for t, p in recent_files() if p not in gone])


def clear_recent() -> None:
    _save(recent_files=[])


# --- show in folder ----------------------------------------------------------------------------------------
def show_in_folder(path: str | os.PathLike) -> bool:
    """Open the file manager on the folder of `path`, with the file selected where the system allows it
    (Windows Explorer, macOS Finder); elsewhere the folder is opened. False when the folder is gone."""
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    if not folder.is_dir():
        return False
    if path.exists() and not path.is_dir() and _select_in_file_manager(path):
        return True
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _select_in_file_manager(path: Path) -> bool:
    command = ({"win32": ["explorer", f"/select,{path}"], "darwin": ["open", "-R", str(path)]}
               .get(sys.platform))
    if command is None or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return False
    try:
        subprocess.Popen(command)  # noqa: S603 - a fixed program and the user's own file
    except OSError:
        return False
    return True


def show_in_folder_action(path: str | os.PathLike) -> tuple[tuple[str, Callable[[], None]], ...]:
    """The `actions` of a notification about a written file: a "Show in folder" button."""
    target = str(path)
    return ((QCoreApplication.translate("FileDialogs", "Show in folder"), lambda: show_in_folder(target)),)
