"""The encrypted database: one object, typed methods per capability, no Qt.

Every method opens its own short transaction, so it may be called from any worker thread.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TYPE_CHECKING

from sqlalchemy import Engine, delete, func, insert, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from alyesdesk import paths
from alyesdesk.pathtext import from_stored
from alyesdesk.storage import keys
from alyesdesk.storage.engine import explain, make_engine, probe_key, rekey
from alyesdesk.storage.errors import StorageError
from alyesdesk.texts import QT_TRANSLATE_NOOP
from alyesdesk.storage.migrations import LATEST, current_version, migrate
from alyesdesk.storage.result_text import LIKE_ESCAPE, escape_like, history_row, input_fields, path_bytes
from alyesdesk.storage.documents_records import DocumentRecords
from alyesdesk.storage.gaze_records import GazeRecords
from alyesdesk.storage.library_records import LibraryRecords
from alyesdesk.storage.teach_records import TeachRecords
from alyesdesk.storage.schema import json_text as _json
from alyesdesk.storage.schema import (
    classifications,
    document_checks,
    models,
    results,
    segmentations,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

log = logging.getLogger(__name__)

CAPABILITIES = ("gaze", "waste", "documents", "streets")


@dataclass(frozen=True)
class ModelRef:
    """The model behind a result: stored once in `models`, referenced by every result."""

    name: str
    version: str
    sha256: str


class Database(GazeRecords, TeachRecords, DocumentRecords, LibraryRecords):
    """An open, migrated, encrypted AlyesDesk database.

    Attributes
    ----------
    path : Path
        The database file.
    key_mode : str
        "keyring" (random key in the OS keyring) or "passphrase" (the user types it).
    """

    def __init__(self, path: Path, key: keys.DatabaseKey, *, migrate_to: int = LATEST) -> None:
        self.path = path
        self._key = key
        probe_key(path, key)
        self.engine: Engine = make_engine(path, key)
        try:
            with self.engine.connect() as conn:
                version = current_version(conn)
                if 0 < version < migrate_to:
                    conn.rollback()
                    # A migration rewrites tables: keep the file as it was first.
                    from alyesdesk.storage.backup import make_backup

                    make_backup(self, reason=f"before-migration-v{version}")
                self.applied_migrations = migrate(conn, migrate_to)
        except (SQLAlchemyError, OSError, StorageError) as exc:
            self.engine.dispose()
            raise explain(getattr(exc, "orig", None) or exc, path) from exc
        store = keys.read_keystore(path) or {}
        if store.get("mode") != key.mode or store.get("db_id") != key.db_id:
            self._record_key()

    def _record_key(self) -> None:
        """keystore.json names the key's kind and id; a database found under the old path-named keyring
        entry gets its own id-named entry too (the old one is left in place)."""
        store = keys.read_keystore(self.path) or {}
        legacy = self._key.mode == keys.MODE_KEYRING and keys.keyring_get(None, self.path) == self._key.secret
        if legacy and keys.keyring_get(self._key.db_id) is None:
            keys.keyring_store(self._key.db_id, self._key.secret)
        keys.write_keystore(self.path, self._key.mode, self._key.db_id, store.get("created"))

    @property
    def db_id(self) -> str:
        return self._key.db_id

    @property
    def key(self) -> keys.DatabaseKey:
        """The key that opens this file (and the backups made from it since the last key change)."""
        return self._key

    @property
    def key_mode(self) -> str:
        return self._key.mode

    @property
    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return current_version(conn)

    def close(self) -> None:
        self.engine.dispose()

    # --- key management (app lock) ---------------------------------------------------------------
    def set_passphrase(self, passphrase: str) -> None:
        """Lock the database with a passphrase asked at every start; the keyring key is removed.

        The re-encrypted file gets a new id. Backups made before stay encrypted with the old key; they
        are listed as needing it (see `storage.backup`).
        """
        keys.check_passphrase_strength(passphrase)
        old = self._key
        self._change_key(keys.DatabaseKey(passphrase, keys.MODE_PASSPHRASE, keys.new_database_id()))
        if old.mode == keys.MODE_KEYRING:
            keys.keyring_delete(old.db_id)

    def remove_passphrase(self) -> None:
        """Go back to a random key kept in the OS keyring (fails clearly where there is none)."""
        secret = keys.new_raw_key()
        db_id = keys.new_database_id()
        if not keys.keyring_store(db_id, secret):
            raise StorageError(QT_TRANSLATE_NOOP(
                "Errors", "no usable system keyring: the passphrase cannot be removed on this computer"))
        self._change_key(keys.DatabaseKey(secret, keys.MODE_KEYRING, db_id))

    def _change_key(self, new_key: keys.DatabaseKey) -> None:
        self.engine.dispose()
        engine = make_engine(self.path, self._key)
        with engine.connect() as conn:
            # SQLCipher rekeys page by page through the rollback journal, not the WAL.
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.exec_driver_sql("PRAGMA journal_mode = DELETE")
        rekey(engine, new_key)
        engine.dispose()
        self._key = new_key
        self._record_key()
        self.engine = make_engine(self.path, new_key)

    # --- models and the generic result row -------------------------------------------------------
    @contextlib.contextmanager
    def _writing(self) -> Iterator[Any]:
        """One write transaction taken with BEGIN IMMEDIATE: the write lock is held from the first read,
        so a look-up followed by an insert is atomic across threads and processes (a deferred
        transaction lets two processes both miss, then both insert). Driver errors become a
        StorageError that says what to do (full disk, read-only file, damaged file)."""
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                yield conn
                conn.commit()
        except SQLAlchemyError as exc:
            raise explain(getattr(exc, "orig", None) or exc, self.path) from exc

    def _model_id(self, conn: Any, model: ModelRef | None) -> int | None:
        if model is None:
            return None
        found = conn.execute(
            select(models.c.id).where(
                models.c.name == model.name,
                models.c.version == model.version,
                models.c.sha256 == model.sha256,
            )
        ).scalar()
        if found is not None:
            return int(found)
        return int(
            conn.execute(
                insert(models).values(name=model.name, version=model.version, sha256=model.sha256)
            ).inserted_primary_key[0]
        )

    def _insert_result(
        self,
        conn: Any,
        capability: str,
        input_path: str,
        outcome: str,
        model: ModelRef | None,
        sha256: str | None = None,
        details: dict | None = None,
    ) -> int:
        if capability not in CAPABILITIES:
            raise ValueError(f"unknown capability {capability!r}; expected one of {CAPABILITIES}")
        row = dict(
            created_at=time.time(),
            capability=capability,
            input=str(input_path),
            input_sha256=sha256,
            outcome=outcome,
            model_id=self._model_id(conn, model),
            details=_json(details) if details is not None else None,
        )
        return int(conn.execute(insert(results).values(**row)).inserted_primary_key[0])

    def history(
        self, capability: str | None = None, text: str | None = None, limit: int | None = None
    ) -> list[dict]:
        """Results newest first, optionally filtered by capability and a case-insensitive text."""
        query = (
            select(
                results.c.id,
                results.c.created_at,
                results.c.capability,
                results.c.input,
                results.c.outcome,
                results.c.note,
                models.c.name.label("model_name"),
                models.c.version.label("model_version"),
                results.c.details,
            )
            .select_from(results.outerjoin(models, results.c.model_id == models.c.id))
            .order_by(results.c.created_at.desc(), results.c.id.desc())
        )
        if capability:
            query = query.where(results.c.capability == capability)
        if text:
            # The user's text is literal: "%" or "_" must not match everything.
            pattern = f"%{escape_like(text.lower())}%"
            query = query.where(
                or_(
                    func.lower(results.c.input).like(pattern, escape=LIKE_ESCAPE),
                    func.lower(results.c.outcome).like(pattern, escape=LIKE_ESCAPE),
                    func.lower(func.coalesce(results.c.note, "")).like(pattern, escape=LIKE_ESCAPE),
                    func.lower(func.coalesce(models.c.name, "")).like(pattern, escape=LIKE_ESCAPE),
                )
            )
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [history_row(dict(r._mapping)) for r in conn.execute(query)]

    def result(self, result_id: int) -> dict | None:
        """One result with its capability-specific details merged in."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(results, models.c.name.label("model_name"), models.c.version.label("model_version"),
                       models.c.sha256.label("model_sha256"))
                .select_from(results.outerjoin(models, results.c.model_id == models.c.id))
                .where(results.c.id == result_id)
            ).first()
            if row is None:
                return None
            out = dict(row._mapping)
            out["details"] = json.loads(out["details"]) if out.get("details") else {}
            for table in (classifications, document_checks, segmentations):
                extra = conn.execute(select(table).where(table.c.result_id == result_id)).first()
                if extra is not None:
                    out.update({k: v for k, v in extra._mapping.items() if k != "result_id"})
            return out

    def delete_result(self, result_id: int) -> bool:
        with self.engine.begin() as conn:
            return conn.execute(delete(results).where(results.c.id == result_id)).rowcount > 0

    def set_note(self, result_id: int, note: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(results).where(results.c.id == result_id).values(note=note))

    def find_by_sha256(self, capability: str, sha256: str) -> dict | None:
        """The newest earlier result for the same file content, to recognise duplicates.

        To store only when there is none, use `save_classification_once` (one transaction): a look-up
        here followed by a save races with other processes."""
        with self.engine.connect() as conn:
            return self._newest_by_sha256(conn, capability, sha256)

    @staticmethod
    def _newest_by_sha256(conn: Any, capability: str, sha256: str) -> dict | None:
        row = conn.execute(
            select(results.c.id, results.c.input, results.c.outcome, results.c.created_at)
            .where(results.c.capability == capability, results.c.input_sha256 == sha256)
            .order_by(results.c.created_at.desc(), results.c.id.desc())
            .limit(1)
        ).first()
        return dict(row._mapping) if row else None

    # --- waste sorting ---------------------------------------------------------------------------
    def save_classification(
        self,
        path: str | os.PathLike | bytes,
        sha256: str,
        label: str,
        confidence: float,
        probabilities: dict[str, float],
        model: ModelRef | None,
    ) -> int:
        """Store one waste classification; returns its result id. Raises StorageError."""
        with self._writing() as conn:
            return self._insert_classification(conn, path, sha256, label, confidence, probabilities, model)

    def save_classification_once(
        self,
        path: str | os.PathLike | bytes,
        sha256: str,
        label: str,
        confidence: float,
        probabilities: dict[str, float],
        model: ModelRef | None,
    ) -> tuple[int, bool]:
        """Store a classification unless the same bytes were classified before: (result id, True when
        this call stored it; False: the earlier result's id). The look-up and the insert are one write
        transaction, so processes classifying the same file at once store it once. Raises StorageError."""
        with self._writing() as conn:
            previous = self._newest_by_sha256(conn, "waste", sha256)
            if previous is not None:
                return int(previous["id"]), False
            return self._insert_classification(conn, path, sha256, label, confidence, probabilities, model), True

    def _insert_classification(
        self,
        conn: Any,
        path: str | os.PathLike | bytes,
        sha256: str,
        label: str,
        confidence: float,
        probabilities: dict[str, float],
        model: ModelRef | None,
    ) -> int:
        text, details = input_fields(path)
        rid = self._insert_result(conn, "waste", text, f"{label} ({confidence:.0%})", model, sha256, details)
        conn.execute(
            insert(classifications).values(
                result_id=rid,
                label=label,
                confidence=float(confidence),
                probabilities=_json({k: float(v) for k, v in probabilities.items()}),
            )
        )
        return rid

    def set_correction(self, result_id: int, label: str | None) -> None:
        """Store the user's label beside the model's (None removes the correction)."""
        with self.engine.begin() as conn:
            row = conn.execute(
                select(classifications.c.label, classifications.c.confidence).where(
                    classifications.c.result_id == result_id
                )
            ).first()
            if row is None:
                raise StorageError(f"no classification result #{result_id}")
            conn.execute(
                update(classifications)
                .where(classifications.c.result_id == result_id)
                .values(correction=label, corrected_at=time.time() if label else None)
            )
            outcome = f"{row.label} ({row.confidence:.0%})"
            if label and label != row.label:
                outcome = f"{label} (corrected from {row.label})"
            conn.execute(update(results).where(results.c.id == result_id).values(outcome=outcome))

    def corrections(self) -> list[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(
                    results.c.id.label("result_id"),
                    results.c.input.label("path"),
                    results.c.input_sha256.label("sha256"),
                    classifications.c.label,
                    classifications.c.correction,
                    results.c.details,
                )
                .select_from(results.join(classifications, classifications.c.result_id == results.c.id))
                .where(classifications.c.correction.is_not(None))
                .order_by(results.c.id)
            )
            # `path` opens the file again, even when its name is not UTF-8 (kept as path_bytes).
            out = []
            for r in rows:
                row = dict(r._mapping)
                row["path"] = from_stored(row["path"], path_bytes(row.pop("details")))
                out.append(row)
            return out

    # --- documents -------------------------------------------------------------------------------
    def save_document_check(
        self,
        path: str | os.PathLike | bytes,
        sha256: str | None,
        pages: list[dict],
        count: int,
        verdict: str,
        expected: int,
        model: ModelRef | None,
    ) -> int:
        """Store one document check; returns its result id. Raises StorageError."""
        text, details = input_fields(path)
        with self._writing() as conn:
            outcome = f"{verdict}: {count} signature(s) on {len(pages)} page(s), {expected} expected"
            rid = self._insert_result(conn, "documents", text, outcome, model, sha256, details)
            conn.execute(
                insert(document_checks).values(
                    result_id=rid,
                    page_count=len(pages),
                    signature_count=int(count),
                    expected=int(expected),
                    verdict=verdict,
                    pages=_json(pages),
                )
            )
            return rid

    # --- street segmentation ---------------------------------------------------------------------
    def save_segmentation(
        self,
        path: str | os.PathLike | bytes,
        sha256: str | None,
        width: int,
        height: int,
        areas: dict[str, float],
        model: ModelRef | None,
    ) -> int:
        """Store one segmentation (an image, or a video's mean areas); returns its result id. Raises
        StorageError."""
        top = sorted(areas.items(), key=lambda kv: -kv[1])[:3]
        outcome = ", ".join(f"{name} {fraction:.0%}" for name, fraction in top)
        text, details = input_fields(path)
        with self._writing() as conn:
            rid = self._insert_result(conn, "streets", text, outcome, model, sha256, details)
            conn.execute(
                insert(segmentations).values(
                    result_id=rid,
                    width=int(width),
                    height=int(height),
                    areas=_json({k: float(v) for k, v in areas.items()}),
                )
            )
            return rid

def open_database(
    path: str | Path | None = None,
    passphrase: str | None = None,
    *,
    migrate_to: int = LATEST,
    allow_new: bool = False,
    auto_backup: bool = True,
) -> Database:
    """Open (or create) the encrypted database.

    The key comes from the OS keyring; when there is none usable, or the user locked the app with a
    passphrase, `passphrase` (else the `ALYESDESK_PASSPHRASE` variable) is used, and without one
    `PassphraseRequired` is raised so the caller can ask. A wrong key raises `WrongKeyError` and leaves
    the file byte-for-byte as it was. A missing or empty file where a database was made before raises
    `DatabaseMissingError` unless `allow_new`. Once a day the opened database is backed up.
    """
    db_path = Path(path) if path is not None else paths.database_path()
    if db_path.is_dir():
        raise StorageError(QT_TRANSLATE_NOOP(
            "Errors", "{path} is a folder, not a database file: move it away and start again").format(path=str(db_path)))
    db_path.parent.mkdir(parents=True, exist_ok=True)
    if passphrase is None and keys.read_mode(db_path) == keys.MODE_PASSPHRASE:
        passphrase = os.environ.get("ALYESDESK_PASSPHRASE") or None
    try:
        key, created = keys.resolve_key(db_path, passphrase, allow_new=allow_new)
    except keys.PassphraseRequired:
        env = os.environ.get("ALYESDESK_PASSPHRASE")
        if passphrase is None and env:
            key, created = keys.resolve_key(db_path, env, allow_new=allow_new)
        else:
            raise
    if created:
        _set_aside_empty_file(db_path)
    try:
        db = Database(db_path, key, migrate_to=migrate_to)
    except Exception:
        if created and key.mode == keys.MODE_KEYRING:
            keys.keyring_delete(key.db_id)  # do not leave a key for a file that was never made
        raise
    if auto_backup and not created:
        from alyesdesk.storage.backup import backup_if_due

        backup_if_due(db)
    return db


def _set_aside_empty_file(db_path: Path) -> None:
    """A 0-byte file (and a stale WAL) is renamed, not reused, so nothing of the old state is mixed in."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for suffix in ("", "-wal", "-shm"):
        old = Path(f"{db_path}{suffix}")
        if old.exists():
            old.replace(old.with_name(f"{old.name}.set-aside-{stamp}"))
