"""Helpers shared by subcommands: opening the database from a terminal, printing JSON, expanding inputs."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path
from typing import Any, Iterable

from ..storage import Database, PassphraseRequired, StorageError, open_database
from ..storage.exports import atomic_write_bytes, atomic_write_text  # noqa: F401 - re-exported for commands


def open_db(required: bool = False) -> Database | None:
    """Open the encrypted database for a command.

    Uses the keyring, else `ALYESDESK_PASSPHRASE`, else asks on the terminal (never when stdin is not
    a TTY). Returns None with a warning when it cannot be opened and `required` is False, so analysis
    commands still work (their results are then not stored).
    """
    try:
        return open_database()
    except PassphraseRequired as exc:
        if sys.stdin is not None and sys.stdin.isatty():
            prompt = "New database passphrase: " if exc.first_run else "Database passphrase: "
            print(exc, file=sys.stderr)
            try:
                return open_database(passphrase=getpass.getpass(prompt))
            except (StorageError, ValueError) as inner:
                message = str(inner)
        else:
            message = f"{exc} (no terminal to ask on: set ALYESDESK_PASSPHRASE)"
    except (StorageError, ValueError) as exc:
        message = str(exc)
    if required:
        raise SystemExit(f"error: {message}")
    print(f"warning: results will not be stored: {message}", file=sys.stderr)
    return None


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def expand_inputs(items: Iterable[str], suffixes: tuple[str, ...]) -> list[tuple[Path, str | None]]:
    """Files and folders (recursed, sorted) -> (path, error or None); unreadable folders are reported."""
    out: list[tuple[Path, str | None]] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            try:
                children = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
            except OSError as exc:
                out.append((path, f"cannot read folder: {exc.strerror or exc}"))
                continue
            out.extend((child, None) for child in children)
        elif path.exists():
            out.append((path, None))
        else:
            out.append((path, "no such file or folder"))
    return out
