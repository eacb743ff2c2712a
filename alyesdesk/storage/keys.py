"""Where the database key lives: a random 256-bit key in the OS keyring, or a user passphrase.

The mode is recorded (not the secret) in `keystore.json` beside the database, so that a later start
knows whether to ask the keyring or the user. Nothing secret is ever written to disk in clear.
"""

from __future__ import annotations

import json
import logging
import secrets
from dataclasses import dataclass
from pathlib import Path

import keyring
from keyring.errors import KeyringError

from alyesdesk.fileio import atomic_write_text
from alyesdesk.storage.errors import PassphraseRequired

log = logging.getLogger(__name__)

KEYRING_SERVICE = "AlyesDesk"
MODE_KEYRING = "keyring"
MODE_PASSPHRASE = "passphrase"
MIN_PASSPHRASE_LENGTH = 8


@dataclass(frozen=True)
class DatabaseKey:
    """What opens the database: `secret` is a raw hex key (keyring) or a passphrase."""

    secret: str
    mode: str

    @property
    def pragma_value(self) -> str:
        # SQLCipher takes a raw key as x'hex' (no key derivation); a passphrase goes through PBKDF2.
        return f"x'{self.secret}'" if self.mode == MODE_KEYRING else self.secret


def keystore_path(db_path: Path) -> Path:
    return db_path.with_name("keystore.json")


def read_mode(db_path: Path) -> str | None:
    try:
        data = json.loads(keystore_path(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    mode = data.get("mode") if isinstance(data, dict) else None
    return mode if mode in (MODE_KEYRING, MODE_PASSPHRASE) else None


def write_mode(db_path: Path, mode: str) -> None:
    atomic_write_text(keystore_path(db_path), json.dumps({"mode": mode, "version": 1}, indent=2))


def _account(db_path: Path) -> str:
    return f"database-key:{db_path.resolve()}"


def keyring_backend_name() -> str:
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


def keyring_get(db_path: Path) -> str | None:
    try:
        return keyring.get_password(KEYRING_SERVICE, _account(db_path))
    except KeyringError as exc:
        log.warning("keyring read failed: %s", exc)
        return None


def keyring_store(db_path: Path, secret: str) -> bool:
    """Store and read back; False when the keyring cannot keep it (headless Linux, locked store)."""
    if not keyring_usable():
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, _account(db_path), secret)
        return keyring.get_password(KEYRING_SERVICE, _account(db_path)) == secret
    except KeyringError as exc:
        log.warning("keyring write failed: %s", exc)
        return False


def keyring_delete(db_path: Path) -> None:
    try:
        keyring.delete_password(KEYRING_SERVICE, _account(db_path))
    except KeyringError:
        pass  # nothing stored, or the backend cannot delete: either way no key remains usable here


def new_raw_key() -> str:
    return secrets.token_hex(32)


def check_passphrase_strength(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise ValueError(f"choose a passphrase of at least {MIN_PASSPHRASE_LENGTH} characters")


def resolve_key(db_path: Path, passphrase: str | None) -> tuple[DatabaseKey, bool]:
    """The key to open (or create) `db_path`, and whether it is newly created.

    Raises PassphraseRequired when the user must type a passphrase (the keyring is unusable, or the
    user chose an app lock).
    """
    exists = db_path.exists() and db_path.stat().st_size > 0
    mode = read_mode(db_path) if exists else None
    if passphrase is not None:
        if not exists:
            check_passphrase_strength(passphrase)
        return DatabaseKey(passphrase, MODE_PASSPHRASE), not exists
    if not exists:
        secret = new_raw_key()
        if keyring_store(db_path, secret):
            return DatabaseKey(secret, MODE_KEYRING), True
        raise PassphraseRequired(
            "No usable system keyring was found to keep the database key "
            f"(backend: {keyring_backend_name()}). Choose a passphrase to protect your data; "
            "you will type it at each start (or set ALYESDESK_PASSPHRASE for headless use).",
            first_run=True,
        )
    if mode == MODE_PASSPHRASE:
        raise PassphraseRequired("This database is protected by a passphrase.", first_run=False)
    secret = keyring_get(db_path)
    if secret is None:
        raise PassphraseRequired(
            "The database key is not in the system keyring (was the keyring reset, or the data folder "
            "copied from another computer?). Enter the database passphrase if it has one; otherwise "
            "the data cannot be decrypted. The file is left untouched.",
            first_run=False,
        )
    return DatabaseKey(secret, MODE_KEYRING), False
