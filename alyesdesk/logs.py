"""Logging: a rotating file in the data folder for every run, the console only for the CLI."""

from __future__ import annotations

from typing import TYPE_CHECKING

import logging
import logging.handlers

from alyesdesk import paths

if TYPE_CHECKING:
    from pathlib import Path

LOG_FILE = "alyesdesk.log"
_configured = False


def setup_logging(verbose: bool = False, console: bool = False) -> None:
    global _configured
    if _configured:
        return
    _configured = True
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        handler = logging.handlers.RotatingFileHandler(
            paths.log_dir() / LOG_FILE, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
        root.addHandler(handler)
    except OSError as exc:
        # Never refuse to start because the log folder is unwritable.
        logging.basicConfig()
        logging.getLogger(__name__).warning("cannot write log file: %s", exc)
    if console or verbose:
        stream = logging.StreamHandler()
        stream.setLevel(logging.DEBUG if verbose else logging.WARNING)
        stream.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        root.addHandler(stream)


def log_path() -> Path:
    return paths.log_dir() / LOG_FILE
