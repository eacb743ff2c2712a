"""Helpers shared by subcommands: opening the database from a terminal, printing JSON."""

from __future__ import annotations

import getpass
import json
import sys
from typing import Any

from alyesdesk.storage import Database, PassphraseRequired, StorageError, open_database


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
