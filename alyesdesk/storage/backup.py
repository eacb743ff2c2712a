"""Rotating encrypted backups of the database, and restoring one.

SQLite drops WAL frames after a bad checksum without a word, so a damaged WAL silently loses committed
rows; trusted local apps keep copies. A backup is a complete, encrypted copy made with SQLCipher's
`sqlcipher_export` (same key as the database at that moment), plus a small JSON file beside it that says
which key opens it (kind and database id: never the key itself). Backups are made once a day when the
database is opened, before every schema migration, before a restore, and on demand (`alyesdesk backup`).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from alyesdesk.fileio import atomic_write_text
from alyesdesk.storage import keys
from alyesdesk.storage.engine import explain, probe_key
from alyesdesk.storage.errors import StorageError
from alyesdesk.texts import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from alyesdesk.storage.database import Database

log = logging.getLogger(__name__)

DAILY_SECONDS = 24 * 3600
KEEP = {"daily": 7, "migration": 3, "manual": 10, "restore": 3, "key-change": 3}  # newest kept per reason


@dataclass(frozen=True)
class BackupInfo:
    """One backup on disk and what its sidecar says."""

    path: Path
    created: float
    reason: str
    db_id: str
    mode: str
    schema_version: int | None

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    def key_available(self) -> bool:
        """Whether this computer can open it without asking (a keyring key) or only with a passphrase."""
        return self.mode == keys.MODE_PASSPHRASE or keys.keyring_get(self.db_id) is not None

    def to_dict(self) -> dict:
        return {"path": str(self.path), "created": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.created)),
                "reason": self.reason, "db_id": self.db_id, "key": self.mode, "schema_version": self.schema_version,
                "size": self.size, "key_available": self.key_available()}


def backups_dir(db_path: Path) -> Path:
    """The folder beside the database where its backups go."""
    return db_path.parent / "backups"


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def make_backup(db: Database, reason: str = "manual") -> Path:
    """Write an encrypted copy of `db` into the backups folder; returns its path. Raises StorageError."""
    folder = backups_dir(db.path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = folder / f"alyesdesk-{stamp}-{reason}.db"
    n = 1
    while target.exists() or target.with_suffix(".json").exists():
        n += 1
        target = folder / f"alyesdesk-{stamp}-{reason}-{n}.db"
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    try:
        with db.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None  # a checked-out connection always has its driver connection
            version = int(raw.execute("PRAGMA user_version").fetchone()[0])
            raw.execute(f"ATTACH DATABASE {_quote(str(partial))} AS backup KEY {_quote(db.key.pragma_value)}")
            try:
                raw.execute("SELECT sqlcipher_export('backup')")
                # sqlcipher_export copies tables and rows, not the schema version the migrations read.
                raw.execute(f"PRAGMA backup.user_version = {version}")
            finally:
                raw.execute("DETACH DATABASE backup")
        os.replace(partial, target)
    except Exception as exc:
        partial.unlink(missing_ok=True)
        raise explain(exc, target) from exc
    sidecar = {"version": 1, "created": time.time(), "reason": reason, "db_id": db.key.db_id,
               "mode": db.key.mode, "schema_version": version, "source": str(db.path)}
    atomic_write_text(target.with_suffix(".json"), json.dumps(sidecar, indent=2))
    _rotate(folder, reason)
    log.info("backup written: %s", target)
    return target


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Every backup beside `db_path`, newest first (files whose sidecar is unreadable are skipped)."""
    found = []
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    for sidecar in folder.glob("alyesdesk-*.json"):
        file = sidecar.with_suffix(".db")
        try:
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
            info = BackupInfo(file, float(meta["created"]), str(meta["reason"]), str(meta["db_id"]),
                              str(meta["mode"]), meta.get("schema_version"))
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            continue
        if file.is_file():
            found.append(info)
    return sorted(found, key=lambda b: b.created, reverse=True)


def _rotate(folder: Path, reason: str) -> None:
    same = [b for b in list_backups(folder / "x.db") if b.reason == reason]
    for old in same[KEEP.get(reason, 5):]:
        old.path.unlink(missing_ok=True)
        old.path.with_suffix(".json").unlink(missing_ok=True)


def backup_if_due(db: Database, max_age: float = DAILY_SECONDS) -> Path | None:
    """The daily backup, if the newest one is older than `max_age`. Never raises: a failed backup is
    logged and the app goes on (the next start tries again).
    """
    try:
        newest = next(iter(list_backups(db.path)), None)
        if newest is not None and time.time() - newest.created < max_age:
            return None
        return make_backup(db, "daily")
    except Exception as exc:  # a backup must never stop the app from starting
        log.warning("daily backup failed: %s", exc)
        return None


def restore_backup(backup: Path, db_path: Path, passphrase: str | None = None) -> Path | None:
    """Replace the database at `db_path` with `backup` (the app must not have it open).

    The backup is checked first with its own key (keyring entry named in its sidecar, or `passphrase`);
    the current file, if any, is set aside as `alyesdesk.db.before-restore-<time>` (never deleted).
    Returns that set-aside path (None when there was no current file).
    """
    info = next((b for b in list_backups(db_path) if b.path.resolve() == Path(backup).resolve()), None)
    if info is None:
        raise StorageError(QT_TRANSLATE_NOOP(
            "Errors", "{backup} is not one of the backups in {folder} ('alyesdesk restore --list')",
        ).format(backup=str(backup), folder=str(backups_dir(db_path))))
    key = _backup_key(info, passphrase)
    probe_key(info.path, key)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    set_aside = None
    for suffix in ("", "-wal", "-shm"):
        current = Path(f"{db_path}{suffix}")
        if current.exists():
            moved = current.with_name(f"{current.name}.before-restore-{stamp}")
            current.replace(moved)
            set_aside = set_aside or moved
    partial = db_path.with_name(db_path.name + ".restoring")
    try:
        shutil.copyfile(info.path, partial)
        os.replace(partial, db_path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise explain(exc, db_path) from exc
    keys.write_keystore(db_path, key.mode, key.db_id)
    return set_aside


def _backup_key(info: BackupInfo, passphrase: str | None) -> keys.DatabaseKey:
    if info.mode == keys.MODE_PASSPHRASE:
        if passphrase is None:
            raise keys.PassphraseRequired("This backup is protected by a passphrase.", first_run=False)
        return keys.DatabaseKey(passphrase, keys.MODE_PASSPHRASE, info.db_id)
    secret = keys.keyring_get(info.db_id)
    if secret is None:
        raise StorageError(QT_TRANSLATE_NOOP(
            "Errors", "the key of this backup (database {db_id}) is not in this computer's keyring: it was made "
                      "before an app-lock change or on another computer, and cannot be opened here",
        ).format(db_id=info.db_id))
    return keys.DatabaseKey(secret, keys.MODE_KEYRING, info.db_id)
