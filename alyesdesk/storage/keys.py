"""Where the database key lives: a random 256-bit key in the OS keyring, or a user passphrase.

The mode is recorded (not the secret) in `keystore.json` beside the database, so that a later start
knows whether to ask the keyring or the user. Nothing secret is ever written to disk in clear.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import keyring
from keyring.errors import KeyringError

from alyesdesk.fileio import atomic_write_text
from alyesdesk.texts import QT_TRANSLATE_NOOP
from alyesdesk.storage.errors import DatabaseMissingError, StorageError
from alyesdesk.storage.errors import (
    PassphraseRequired as PassphraseRequired,  # re-exported: callers catch keys.PassphraseRequired
)

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger(__name__)

KEYRING_SERVICE = "AlyesDesk"
MODE_KEYRING = "keyring"
MODE_PASSPHRASE = "passphrase"
MIN_PASSPHRASE_LENGTH = 8
_ID_CHARS = re.compile(r"[0-9a-f]{16}")


@dataclass(frozen=True)
class DatabaseKey:
    """What opens the database: `secret` is a raw hex key (keyring) or a passphrase."""

    secret: str
    mode: str
    db_id: str = ""  # names the keyring entry; recorded in keystore.json

    @property
    def pragma_value(self) -> str:
        # SQLCipher takes a raw key as x'hex' (no key derivation); a passphrase goes through PBKDF2.
        return f"x'{self.secret}'" if self.mode == MODE_KEYRING else self.secret


def keystore_path(db_path: Path) -> Path:
    """The `keystore.json` beside the database (which kind of key opens it; never the key)."""
    return db_path.with_name("keystore.json")


def read_keystore(db_path: Path) -> dict | None:
    """What `keystore.json` says about the database beside it (never the key), or None if absent/unreadable."""
    try:
        data = json.loads(keystore_path(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    mode = data.get("mode")
    db_id = data.get("db_id")
    return {
        "mode": mode if mode in (MODE_KEYRING, MODE_PASSPHRASE) else None,
        "db_id": db_id if isinstance(db_id, str) and _ID_CHARS.fullmatch(db_id) else None,
        "created": data.get("created") if isinstance(data.get("created"), str) else None,
    }


def read_mode(db_path: Path) -> str | None:
    """The key mode recorded for the database (keyring or passphrase), None without a keystore."""
    store = read_keystore(db_path)
    return store["mode"] if store else None


def write_keystore(db_path: Path, mode: str, db_id: str, created: str | None = None) -> None:
    """Record which kind of key opens the database and its id (the keyring account is named by the id)."""
    payload = {"version": 2, "mode": mode, "db_id": db_id,
               "created": created or time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    atomic_write_text(keystore_path(db_path), json.dumps(payload, indent=2))


def new_database_id() -> str:
    """A random id for a new database (it names the database's keyring entry)."""
    return secrets.token_hex(8)


def _account(db_id: str) -> str:
    # One keyring entry per database, named by its random id: a new database never reuses (and so never
    # overwrites) the entry of another one, even at the same path.
    return f"database-key:id:{db_id}"


def _legacy_account(db_path: Path) -> str:
    # Before keystore version 2 the entry was named by the database's path.
    return f"database-key:{db_path.resolve()}"


def keyring_backend_name() -> str:
    """The keyring backend in use, as module.Class (for diagnostics)."""
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def keyring_usable() -> bool:
    """True when the keyring backend can really store secrets (the 'fail' backend cannot)."""
    backend = keyring.get_keyring()
    try:
        priority = float(getattr(backend, "priority", 0))
    except Exception:
        priority = 0.0
    return priority > 0 and "fail" not in type(backend).__module__


def _keyring_read(account: str) -> str | None:
    try:
        return keyring.get_password(KEYRING_SERVICE, account)
    except KeyringError as exc:
        log.warning("keyring read failed: %s", exc)
        return None


def keyring_get(db_id: str | None, db_path: Path | None = None) -> str | None:
    """The raw key of database `db_id`; for a database made before ids, the entry named by its path."""
    if db_id:
        secret = _keyring_read(_account(db_id))
        if secret is not None:
            return secret
    if db_path is not None:
        return _keyring_read(_legacy_account(db_path))
    return None


def keyring_store(db_id: str, secret: str) -> bool:
    """Store and read back; False when the keyring cannot keep it (headless Linux, locked store).

    Refuses to replace an existing entry: a key in the keyring may be the only way into a database (or
    into its backups), so it is never overwritten.
    """
    if not keyring_usable():
        return False
    account = _account(db_id)
    try:
        existing = keyring.get_password(KEYRING_SERVICE, account)
        if existing is not None and existing != secret:
            raise StorageError(f"the keyring already holds a different key for database {db_id}; not replaced")
        keyring.set_password(KEYRING_SERVICE, account, secret)
        return keyring.get_password(KEYRING_SERVICE, account) == secret
    except KeyringError as exc:
        log.warning("keyring write failed: %s", exc)
        return False


def keyring_delete(db_id: str) -> None:
    """Forget database `db_id`'s key: only once nothing (the database, a backup) still needs it."""
    try:
        keyring.delete_password(KEYRING_SERVICE, _account(db_id))
    except KeyringError:
        pass  # nothing stored, or the backend cannot delete: either way no key remains usable here


def new_raw_key() -> str:
    """A new random 256-bit database key, as hex."""
    return secrets.token_hex(32)


def check_passphrase_strength(passphrase: str) -> None:
    """ValueError (the message says what to do) when a passphrase is too short."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise ValueError(f"choose a passphrase of at least {MIN_PASSPHRASE_LENGTH} characters")


def database_is_missing(db_path: Path) -> bool:
    """True when no usable file is there: absent, or 0 bytes (SQLite would silently start a new one)."""
    try:
        return db_path.stat().st_size == 0
    except FileNotFoundError:
        return True


def _refuse_to_replace(db_path: Path, store: dict | None) -> None:
    """A database was made here before (keystore.json, or a key in the keyring): never start over silently."""
    legacy = _keyring_read(_legacy_account(db_path)) is not None if keyring_usable() else False
    if store is None and not legacy:
        return
    state = (QT_TRANSLATE_NOOP("Errors", "is empty (0 bytes)") if db_path.exists()
             else QT_TRANSLATE_NOOP("Errors", "is missing"))
    since = (QT_TRANSLATE_NOOP("Errors", ", created {date}").format(date=store["created"])
             if store and store.get("created") else "")
    ident = (QT_TRANSLATE_NOOP("Errors", " (database id {db_id}{since})").format(db_id=store["db_id"], since=since)
             if store and store.get("db_id") else "")
    raise DatabaseMissingError(QT_TRANSLATE_NOOP(
        "Errors", "Your database {path} {state}{ident}, but its key is still kept: results stored before are "
                  "in that file or in a backup of it. Put the file back (it may have been moved, or restored by a "
                  "sync tool), or restore a backup with 'alyesdesk restore --list' / File > Restore from backup. "
                  "To start a new, empty database instead, run 'alyesdesk restore --new-empty' (the old key is "
                  "kept, so the old file and its backups still open later).",
    ).format(path=str(db_path), state=state, ident=ident), path=db_path)


def resolve_key(db_path: Path, passphrase: str | None, *, allow_new: bool = False) -> tuple[DatabaseKey, bool]:
    """The key to open (or create) `db_path`, and whether it is newly created.

    A missing or empty file where a database was made before raises `DatabaseMissingError` unless
    `allow_new`: the key is never replaced. Raises PassphraseRequired when the user must type a
    passphrase (the keyring is unusable, or the user chose an app lock).
    """
    missing = database_is_missing(db_path)
    store = read_keystore(db_path)
    if missing:
        if not allow_new:
            _refuse_to_replace(db_path, store)
        return _new_key(db_path, passphrase)
    db_id = (store or {}).get("db_id")
    mode = (store or {}).get("mode")
    if passphrase is not None:
        return DatabaseKey(passphrase, MODE_PASSPHRASE, db_id or new_database_id()), False
    if mode == MODE_PASSPHRASE:
        raise PassphraseRequired("This database is protected by a passphrase.", first_run=False)
    secret = keyring_get(db_id, db_path)
    if secret is None:
        raise PassphraseRequired(
            "The database key is not in the system keyring (was the keyring reset, or the data folder "
            "copied from another computer?). Enter the database passphrase if it has one; otherwise "
            "the data cannot be decrypted. The file is left untouched.",
            first_run=False,
        )
    return DatabaseKey(secret, MODE_KEYRING, db_id or new_database_id()), False


def _new_key(db_path: Path, passphrase: str | None) -> tuple[DatabaseKey, bool]:
    db_id = new_database_id()
    if passphrase is not None:
        check_passphrase_strength(passphrase)
        return DatabaseKey(passphrase, MODE_PASSPHRASE, db_id), True
    secret = new_raw_key()
    if keyring_store(db_id, secret):
        return DatabaseKey(secret, MODE_KEYRING, db_id), True
    raise PassphraseRequired(
        "No usable system keyring was found to keep the database key "
        f"(backend: {keyring_backend_name()}). Choose a passphrase to protect your data; "
        "you will type it at each start (or set ALYESDESK_PASSPHRASE for headless use).",
        first_run=True,
    )
