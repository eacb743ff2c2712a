"""Where AlyesDesk keeps its files: one place decides, everything else asks."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "AlyesDesk"


def package_root() -> Path:
    """The folder holding `alyesdesk/`, `models/` and `assets/` (source tree or frozen bundle)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """Per-user data folder: `ALYESDESK_HOME`, else the OS's app-data location. Created on demand."""
    override = os.environ.get("ALYESDESK_HOME")
    if override:
        path = Path(override).expanduser()
    elif sys.platform.startswith("win"):
        path = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / APP_DIR_NAME
    elif sys.platform == "darwin":
        path = Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        path = Path(base) / "alyesdesk"
    path.mkdir(parents=True, exist_ok=True)
    return path


def bundled_models_dir() -> Path:
    return package_root() / "models"


def user_models_dir() -> Path:
    path = data_dir() / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


def assets_dir() -> Path:
    return package_root() / "assets"


def database_path() -> Path:
    return data_dir() / "alyesdesk.db"


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
