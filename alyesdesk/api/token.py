"""The local API's token: random, made on the first `alyesdesk serve`, kept with the other secrets.

Where the OS keyring works, the token is a random string in it (service "AlyesDesk", account
"api-token:<database id>"). Where it does not (headless Linux, or a keyring that refuses), nothing
secret is written to disk: a random salt goes to `api_token.json` in the data folder, and the token is
derived from it and the database key (the passphrase) with PBKDF2, so only someone who can open the
database can compute it. Changing the database key or `--new-token` gives a new token.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import secrets
from pathlib import Path
from typing import Any

import keyring
from keyring.errors import KeyringError

from alyesdesk import paths
from alyesdesk.fileio import atomic_write_text
from alyesdesk.storage import keys

log = logging.getLogger(__name__)

STATE_FILE = "api_token.json"
DERIVE_ITERATIONS = 200_000
MODE_KEYRING, MODE_DERIVED = "keyring", "derived"


def _state_path() -> Path:
    return paths.data_dir() / STATE_FILE


def _read_state() -> dict:
    try:
        data = json.loads(_state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_state(state: dict) -> None:
    atomic_write_text(_state_path(), json.dumps(state, indent=2))


def _account(db: Any) -> str:
    return f"api-token:{db.db_id}"


def _keyring_get(account: str) -> str | None:
    try:
        return keyring.get_password(keys.KEYRING_SERVICE, account)
    except KeyringError as exc:
        log.warning("keyring read failed: %s", exc)
        return None


def _keyring_put(account: str, token: str) -> bool:
    if not keys.keyring_usable():
        return False
    try:
        keyring.set_password(keys.KEYRING_SERVICE, account, token)
        return keyring.get_password(keys.KEYRING_SERVICE, account) == token
    except KeyringError as exc:
        log.warning("keyring write failed: %s", exc)
        return False


def _derive(db: Any, salt_hex: str) -> str:
    raw = hashlib.pbkdf2_hmac("sha256", db.key.secret.encode("utf-8"),
                              b"alyesdesk-api-token-v1:" + bytes.fromhex(salt_hex), DERIVE_ITERATIONS)
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def api_token(db: Any, *, create: bool = True) -> str | None:
    """The API token of the database `db` (an open `alyesdesk.storage.Database`); made when there is
    none and `create`, else None.
    """
    state = _read_state()
    if state.get("mode") == MODE_DERIVED and state.get("salt"):
        return _derive(db, str(state["salt"]))
    token = _keyring_get(_account(db)) if keys.keyring_usable() else None
    if token:
        return token
    return new_api_token(db) if create else None


def new_api_token(db: Any) -> str:
    """A new random token (the old one stops working): in the keyring, else derived under the key."""
    token = secrets.token_urlsafe(32)
    if _keyring_put(_account(db), token):
        _write_state({"mode": MODE_KEYRING})
        return token
    salt = secrets.token_hex(32)
    _write_state({"mode": MODE_DERIVED, "salt": salt})
    return _derive(db, salt)


def where(db: Any) -> str:
    """Where the token is kept, in words (for `serve --show-token`)."""
    if _read_state().get("mode") == MODE_DERIVED:
        return "derived from the database key (no keyring here); salt in " + str(_state_path())
    return f"OS keyring, service {keys.KEYRING_SERVICE!r}, account {_account(db)!r}"
