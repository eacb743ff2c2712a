"""Opening the SQLCipher file: the key is checked on a bare connection before anything can write."""

from __future__ import annotations

import logging
from pathlib import Path

import sqlcipher3
from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from alyesdesk.storage.errors import StorageError, WrongKeyError
from alyesdesk.storage.keys import DatabaseKey

log = logging.getLogger(__name__)


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def probe_key(path: Path, key: DatabaseKey) -> None:
    """Raise WrongKeyError unless `key` decrypts `path`. Reads only: a wrong key changes no byte."""
    if not path.exists() or path.stat().st_size == 0:
        return
    conn = sqlcipher3.connect(str(path))
    try:
        # SQLCipher logs decryption failures to stderr; the caller gets a clear error instead.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {_quote(key.pragma_value)}")
        # Reading the schema forces SQLCipher to decrypt page 1; a wrong key fails here.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        if key.mode == "passphrase":
            raise WrongKeyError(
                "Wrong passphrase: the database could not be decrypted. Nothing was changed; try again."
            ) from None
        raise WrongKeyError(
            f"The key from the system keyring does not open {path.name}, or the file is not an "
            "AlyesDesk database. Nothing was changed. If you set a passphrase, enter it instead."
        ) from None
    finally:
        conn.close()


def make_engine(path: Path, key: DatabaseKey) -> Engine:
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
        raise StorageError(f"cannot start the encrypted database driver: {exc}") from None

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API objects
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
        driver.execute(f"PRAGMA rekey = {_quote(new_key.pragma_value)}")
