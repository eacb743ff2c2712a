"""Opening the SQLCipher file: the key is checked on a bare connection before anything can write."""

from __future__ import annotations

import errno
import logging
import os
from typing import TYPE_CHECKING

import sqlcipher3
from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from alyesdesk.storage.errors import StorageError, WrongKeyError
from alyesdesk.texts import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.engine.interfaces import DBAPIConnection
    from sqlalchemy.pool import ConnectionPoolEntry

    from alyesdesk.storage.keys import DatabaseKey

log = logging.getLogger(__name__)


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def probe_key(path: Path, key: DatabaseKey) -> None:
    """Raise WrongKeyError unless `key` decrypts `path`. Reads only: a wrong key changes no byte.

    The probe opens the file `immutable`: SQLite then takes no lock and never opens, checkpoints or
    deletes the -wal and -shm files (an ordinary connection checkpoints the WAL into the file when it
    closes, which rewrote the database on a wrong passphrase). Page 1 of the main file is enough to tell
    whether the key is right: SQLCipher authenticates every page.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StorageError(QT_TRANSLATE_NOOP(
            "Errors", "cannot read {path}: {reason}. Check the file and its folder's permissions.",
        ).format(path=str(path), reason=exc.strerror)) from None
    if size == 0:
        return
    if not os.access(path, os.R_OK):
        raise StorageError(QT_TRANSLATE_NOOP(
            "Errors", "cannot read {path}: permission denied. Check the file's permissions.").format(path=str(path)))
    try:
        conn = sqlcipher3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlcipher3.Error as exc:
        raise StorageError(QT_TRANSLATE_NOOP(
            "Errors", "cannot open {path}: {reason}. Check the file and its folder's permissions.",
        ).format(path=str(path), reason=str(exc))) from None
    try:
        # SQLCipher logs decryption failures to stderr; the caller gets a clear error instead.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {_quote(key.pragma_value)}")
        # Reading the schema forces SQLCipher to decrypt page 1; a wrong key fails here.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        raise _undecryptable(path, size, key) from None
    finally:
        conn.close()


def _undecryptable(path: Path, size: int, key: DatabaseKey) -> StorageError:
    # SQLCipher files are whole pages (1 KiB at the very least): anything else was cut short.
    if size < 1024 or size % 1024:
        return StorageError(QT_TRANSLATE_NOOP(
            "Errors", "{name} is damaged (its size, {size} bytes, is not a whole number of pages: the file was "
                      "cut short, e.g. by a full disk or a failed copy). Nothing was changed. Restore a backup: "
                      "'alyesdesk restore --list', or File > Restore from backup.",
        ).format(name=path.name, size=size))
    if key.mode == "passphrase":
        return WrongKeyError(QT_TRANSLATE_NOOP(
            "Errors", "Wrong passphrase: the database could not be decrypted. Nothing was changed; try again. "
                      "If you are sure of the passphrase, the file may be damaged: restore a backup "
                      "('alyesdesk restore --list').",
        ))
    return WrongKeyError(QT_TRANSLATE_NOOP(
        "Errors", "The key from the system keyring does not open {name}: the file is damaged, was replaced, or "
                  "is protected by a passphrase. Nothing was changed. If you set a passphrase, enter it instead; "
                  "otherwise restore a backup ('alyesdesk restore --list').",
    ).format(name=path.name))


def explain(exc: BaseException, path: Path) -> StorageError:
    """A storage failure in words a user can act on (what is wrong, what to do), from a driver error."""
    text = str(exc).lower()
    folder = path.parent
    if isinstance(exc, StorageError):
        return exc
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return StorageError(QT_TRANSLATE_NOOP(
            "Errors", "the database cannot be written: {folder} or {name} is read-only. "
                      "Check the folder's permissions (or choose another with ALYESDESK_HOME).",
        ).format(folder=str(folder), name=path.name))
    if "disk is full" in text or "no space" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return StorageError(QT_TRANSLATE_NOOP(
            "Errors", "the disk holding {folder} is full: free some space, then try again. "
                      "Nothing already stored was lost.",
        ).format(folder=str(folder)))
    if "file too large" in text or getattr(exc, "errno", None) == errno.EFBIG:
        return StorageError(QT_TRANSLATE_NOOP(
            "Errors", "the system refused to make {name} larger (a file size limit): "
                      "raise the limit or free space, then try again.",
        ).format(name=path.name))
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StorageError(QT_TRANSLATE_NOOP(
            "Errors", "{name} is damaged ({reason}). Restore a backup: 'alyesdesk restore --list', "
                      "or File > Restore from backup.",
        ).format(name=path.name, reason=str(exc)))
    if "unable to open" in text or "is a directory" in text:
        return StorageError(QT_TRANSLATE_NOOP(
            "Errors", "cannot open {path}: check that it is a file and that {folder} is writable.",
        ).format(path=str(path), folder=str(folder)))
    return StorageError(QT_TRANSLATE_NOOP("Errors", "database error: {reason}").format(reason=str(exc)))


def make_engine(path: Path, key: DatabaseKey) -> Engine:
    """A SQLAlchemy engine on the SQLCipher file at `path`, opened with `key`; StorageError without the driver."""
    url = URL.create("sqlite+pysqlcipher", password=key.pragma_value, database=str(path))
    try:
        # The pysqlcipher dialect defaults to SingletonThreadPool, which closes *other threads'*
        # connections once more than pool_size threads have used it: with several workers that is a
        # connection closed under a running query (a segfault). QueuePool lends each connection to one
        # thread at a time instead.
        engine = create_engine(
            url,
            poolclass=QueuePool,
            pool_size=4,
            max_overflow=8,
            connect_args={"check_same_thread": False},
        )
    except Exception as exc:  # a missing sqlcipher3 build shows up here
        raise StorageError(QT_TRANSLATE_NOOP("Errors", "cannot start the encrypted database driver: {reason}").format(
            reason=str(exc))) from None

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        # The dialect's own connect hook has already sent PRAGMA key at this point.
        cursor = dbapi_conn.cursor()
        # WAL + NORMAL: readers never block the sample writer, and a crash loses at most the
        # transactions of the last flush (the writer flushes twice a second).
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.close()

    return engine


def rekey(engine: Engine, new_key: DatabaseKey) -> None:
    """Re-encrypt the whole file with `new_key` (SQLCipher rewrites every page)."""
    with engine.connect() as conn:
        driver = conn.connection.dbapi_connection
        assert driver is not None  # a checked-out connection always has its driver connection
        driver.execute(f"PRAGMA rekey = {_quote(new_key.pragma_value)}")
