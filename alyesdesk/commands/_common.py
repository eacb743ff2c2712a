"""Helpers shared by subcommands: opening the database from a terminal, printing JSON, exit codes."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from alyesdesk.fileio import describe_write_error
from alyesdesk.pathtext import clean_text
from alyesdesk.storage import Database, PassphraseRequired, StorageError, open_database

# Exit code of the analysis commands (classify, check-docs, segment) when at least one result that
# should have been stored was not (full disk, read-only or damaged database, wrong passphrase...).
EXIT_NOT_STORED = 4
NOT_ASKED = "not asked"  # the `store_error` of every result under --no-store


def open_db(required: bool = False) -> Database | None:
    """Open the encrypted database for a command.

    Uses the keyring, else `ALYESDESK_PASSPHRASE`, else asks on the terminal (never when stdin is not
    a TTY). Returns None with a warning when it cannot be opened and `required` is False, so analysis
    commands still work (their results are then not stored).
    """
    db, message = _open()
    if db is not None:
        return db
    if required:
        raise SystemExit(f"error: {message}")
    print(f"warning: results will not be stored: {message}", file=sys.stderr)
    return None


def open_db_for_results(no_store: bool) -> tuple[Database | None, str]:
    """The database an analysis command stores into, and why there is none: "not asked" under
    --no-store, else why it could not be opened (then every result says so, and the exit code is 4).
    """
    if no_store:
        return None, NOT_ASKED
    db, message = _open()
    if db is None:
        print(f"warning: no result will be stored: {message}", file=sys.stderr)
        return None, f"database not opened: {message}"
    return db, ""


def _open() -> tuple[Database | None, str]:
    try:
        return open_database(), ""
    except PassphraseRequired as exc:
        if sys.stdin is not None and sys.stdin.isatty():
            prompt = "New database passphrase: " if exc.first_run else "Database passphrase: "
            print(exc, file=sys.stderr)
            try:
                return open_database(passphrase=getpass.getpass(prompt)), ""
            except Exception as inner:  # noqa: BLE001 - reported, never a traceback
                return None, _reason(inner)
        return None, f"{exc} (no terminal to ask on: set ALYESDESK_PASSPHRASE)"
    except Exception as exc:  # noqa: BLE001 - a damaged file or a driver error must not end the batch
        return None, _reason(exc)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, (StorageError, ValueError)):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def report_not_stored(count: int, no_store: bool) -> None:
    """The closing line of a batch where results were lost, on stderr."""
    if count and not no_store:
        print(f"warning: {count} result(s) were NOT stored in the database (see 'not stored' above); "
              f"fix the cause, then run the same command again (exit code {EXIT_NOT_STORED})", file=sys.stderr)


def write_failed(exc: OSError, path: str | Path) -> None:
    print(f"error: {describe_write_error(exc, path)}", file=sys.stderr)


def json_text(data: Any, indent: int | None = 2) -> str:
    """JSON that is valid UTF-8 even when a message quotes a file name that is not (paths themselves
    come as `path` + `path_bytes`, see alyesdesk.pathtext).
    """
    return clean_text(json.dumps(data, indent=indent, ensure_ascii=False, default=str))


def print_json(data: Any) -> None:
    sys.stdout.write(json_text(data) + "\n")


def say(line: str) -> None:
    """Print one human-readable line (flushed: batches report as they go), printable whatever it quotes."""
    print(clean_text(line), flush=True)


def positive_int(text: str) -> int:
    """Argparse `type=` for a count that must be a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value
