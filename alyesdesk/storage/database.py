"""The encrypted database: one object, typed methods per capability, no Qt.

Every method opens its own short transaction, so it may be called from any worker thread.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from sqlalchemy import Engine, delete, func, insert, or_, select, update

from alyesdesk import paths
from alyesdesk.storage import keys
from alyesdesk.storage.engine import make_engine, probe_key, rekey
from alyesdesk.storage.errors import StorageError
from alyesdesk.storage.migrations import LATEST, current_version, migrate
from alyesdesk.storage.samples import SampleWriter
from alyesdesk.storage.schema import (
    classifications,
    document_checks,
    gaze_calibrations,
    gaze_samples,
    gaze_sessions,
    models,
    results,
    segmentations,
)

log = logging.getLogger(__name__)

CAPABILITIES = ("gaze", "waste", "documents", "streets")


@dataclass(frozen=True)
class ModelRef:
    """The model behind a result: stored once in `models`, referenced by every result."""

    name: str
    version: str
    sha256: str


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Database:
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
        with self.engine.connect() as conn:
            self.applied_migrations = migrate(conn, migrate_to)
        keys.write_mode(path, key.mode)

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
        """Lock the database with a passphrase asked at every start; the keyring key is removed."""
        keys.check_passphrase_strength(passphrase)
        self._change_key(keys.DatabaseKey(passphrase, keys.MODE_PASSPHRASE))
        keys.keyring_delete(self.path)

    def remove_passphrase(self) -> None:
        """Go back to a random key kept in the OS keyring (fails clearly where there is none)."""
        secret = keys.new_raw_key()
        if not keys.keyring_store(self.path, secret):
            raise StorageError(
                "no usable system keyring: the passphrase cannot be removed on this computer"
            )
        self._change_key(keys.DatabaseKey(secret, keys.MODE_KEYRING))

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
        keys.write_mode(self.path, new_key.mode)
        self.engine = make_engine(self.path, new_key)

    # --- models and the generic result row -------------------------------------------------------
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
            )
            .select_from(results.outerjoin(models, results.c.model_id == models.c.id))
            .order_by(results.c.created_at.desc(), results.c.id.desc())
        )
        if capability:
            query = query.where(results.c.capability == capability)
        if text:
            pattern = f"%{text.lower()}%"
            query = query.where(
                or_(
                    func.lower(results.c.input).like(pattern),
                    func.lower(results.c.outcome).like(pattern),
                    func.lower(func.coalesce(results.c.note, "")).like(pattern),
                    func.lower(func.coalesce(models.c.name, "")).like(pattern),
                )
            )
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

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
        """The newest earlier result for the same file content, to recognise duplicates."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(results.c.id, results.c.input, results.c.outcome, results.c.created_at)
                .where(results.c.capability == capability, results.c.input_sha256 == sha256)
                .order_by(results.c.created_at.desc())
                .limit(1)
            ).first()
            return dict(row._mapping) if row else None

    # --- waste sorting ---------------------------------------------------------------------------
    def save_classification(
        self,
        path: str,
        sha256: str,
        label: str,
        confidence: float,
        probabilities: dict[str, float],
        model: ModelRef | None,
    ) -> int:
        with self.engine.begin() as conn:
            rid = self._insert_result(
                conn, "waste", path, f"{label} ({confidence:.0%})", model, sha256
            )
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
                )
                .select_from(results.join(classifications, classifications.c.result_id == results.c.id))
                .where(classifications.c.correction.is_not(None))
                .order_by(results.c.id)
            )
            return [dict(r._mapping) for r in rows]

    # --- documents -------------------------------------------------------------------------------
    def save_document_check(
        self,
        path: str,
        sha256: str | None,
        pages: list[dict],
        count: int,
        verdict: str,
        expected: int,
        model: ModelRef | None,
    ) -> int:
        with self.engine.begin() as conn:
            outcome = f"{verdict}: {count} signature(s) on {len(pages)} page(s), {expected} expected"
            rid = self._insert_result(conn, "documents", path, outcome, model, sha256)
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
        path: str,
        sha256: str | None,
        width: int,
        height: int,
        areas: dict[str, float],
        model: ModelRef | None,
    ) -> int:
        top = sorted(areas.items(), key=lambda kv: -kv[1])[:3]
        outcome = ", ".join(f"{name} {fraction:.0%}" for name, fraction in top)
        with self.engine.begin() as conn:
            rid = self._insert_result(conn, "streets", path, outcome, model, sha256)
            conn.execute(
                insert(segmentations).values(
                    result_id=rid,
                    width=int(width),
                    height=int(height),
                    areas=_json({k: float(v) for k, v in areas.items()}),
                )
            )
            return rid

    # --- gaze: calibrations ----------------------------------------------------------------------
    def save_calibration(
        self,
        screen: str,
        screen_geometry: dict,
        frontend: str,
        model_onnx: bytes,
        sidecar: dict,
        accuracy: dict[str, float],
        model: ModelRef | None = None,
    ) -> int:
        """Store an accepted calibration; `accuracy` has mean_px, median_px, mean_deg, median_deg."""
        with self.engine.begin() as conn:
            outcome = (
                f"calibration on {screen}: {accuracy.get('mean_deg', float('nan')):.2f}° mean, "
                f"{accuracy.get('mean_px', float('nan')):.0f} px"
            )
            rid = self._insert_result(conn, "gaze", f"calibration ({frontend})", outcome, model)
            return int(
                conn.execute(
                    insert(gaze_calibrations).values(
                        result_id=rid,
                        created_at=time.time(),
                        screen=screen,
                        screen_geometry=_json(screen_geometry),
                        frontend=frontend,
                        model_onnx=bytes(model_onnx),
                        sidecar=_json(sidecar),
                        valid=1,
                        **{k: accuracy.get(k) for k in ("mean_px", "median_px", "mean_deg", "median_deg")},
                    )
                ).inserted_primary_key[0]
            )

    def latest_calibration(self, screen: str | None = None) -> dict | None:
        query = select(gaze_calibrations).where(gaze_calibrations.c.valid == 1)
        if screen is not None:
            query = query.where(gaze_calibrations.c.screen == screen)
        with self.engine.connect() as conn:
            row = conn.execute(query.order_by(gaze_calibrations.c.id.desc()).limit(1)).first()
        if row is None:
            return None
        out = dict(row._mapping)
        out["screen_geometry"] = json.loads(out["screen_geometry"])
        out["sidecar"] = json.loads(out["sidecar"])
        return out

    def invalidate_calibration(self, calibration_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(gaze_calibrations).where(gaze_calibrations.c.id == calibration_id).values(valid=0)
            )

    # --- gaze: sessions and samples --------------------------------------------------------------
    def create_session(
        self,
        name: str,
        screen: str,
        screen_geometry: dict,
        screenshot_png: bytes | None = None,
        calibration_id: int | None = None,
    ) -> int:
        with self.engine.begin() as conn:
            rid = self._insert_result(conn, "gaze", name, "recording…", None)
            return int(
                conn.execute(
                    insert(gaze_sessions).values(
                        result_id=rid,
                        name=name,
                        started_at=time.time(),
                        screen=screen,
                        screen_geometry=_json(screen_geometry),
                        calibration_id=calibration_id,
                        screenshot_png=screenshot_png,
                        sample_count=0,
                    )
                ).inserted_primary_key[0]
            )

    def add_samples(self, session_id: int, rows: Sequence[tuple[float, float, float, float, str]]) -> None:
        """Bulk insert (t, x, y, confidence, status) rows in one transaction (Core executemany)."""
        if not rows:
            return
        with self.engine.begin() as conn:
            conn.execute(
                insert(gaze_samples),
                [
                    dict(session_id=session_id, t=t, x=x, y=y, confidence=c, status=s)
                    for t, x, y, c, s in rows
                ],
            )
            conn.execute(
                update(gaze_sessions)
                .where(gaze_sessions.c.id == session_id)
                .values(sample_count=gaze_sessions.c.sample_count + len(rows), ended_at=rows[-1][0])
            )

    def end_session(self, session_id: int) -> None:
        """Close a session at its last sample (or now, if it has none) and update its History row."""
        with self.engine.begin() as conn:
            row = conn.execute(select(gaze_sessions).where(gaze_sessions.c.id == session_id)).first()
            if row is None:
                return
            last = conn.execute(
                select(func.max(gaze_samples.c.t)).where(gaze_samples.c.session_id == session_id)
            ).scalar()
            ended = float(last) if last is not None else time.time()
            conn.execute(update(gaze_sessions).where(gaze_sessions.c.id == session_id).values(ended_at=ended))
            duration = max(0.0, ended - row.started_at)
            outcome = f"{row.sample_count} samples, {duration / 60:.0f} min {duration % 60:.0f} s"
            conn.execute(update(results).where(results.c.id == row.result_id).values(outcome=outcome))

    def sample_writer(self, session_id: int, flush_interval: float = 0.5) -> SampleWriter:
        """A background writer for live recording; `close()` flushes and ends the session."""
        return SampleWriter(self, session_id, flush_interval)

    def sessions(self) -> list[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(
                    gaze_sessions.c.id,
                    gaze_sessions.c.name,
                    gaze_sessions.c.started_at,
                    gaze_sessions.c.ended_at,
                    gaze_sessions.c.screen,
                    gaze_sessions.c.sample_count,
                    gaze_sessions.c.calibration_id,
                    gaze_sessions.c.result_id,
                ).order_by(gaze_sessions.c.started_at.desc(), gaze_sessions.c.id.desc())
            )
            return [dict(r._mapping) for r in rows]

    def session(self, session_id: int) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(gaze_sessions).where(gaze_sessions.c.id == session_id)).first()
        if row is None:
            return None
        out = dict(row._mapping)
        out["screen_geometry"] = json.loads(out["screen_geometry"])
        return out

    def session_samples(self, session_id: int) -> list[tuple[float, float, float, float, str]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(gaze_samples.c.t, gaze_samples.c.x, gaze_samples.c.y, gaze_samples.c.confidence,
                       gaze_samples.c.status)
                .where(gaze_samples.c.session_id == session_id)
                .order_by(gaze_samples.c.t, gaze_samples.c.id)
            )
            return [tuple(r) for r in rows]

    def rename_session(self, session_id: int, name: str) -> None:
        name = name.strip()
        if not name:
            raise ValueError("a session needs a name")
        with self.engine.begin() as conn:
            row = conn.execute(select(gaze_sessions.c.result_id).where(gaze_sessions.c.id == session_id)).first()
            conn.execute(update(gaze_sessions).where(gaze_sessions.c.id == session_id).values(name=name))
            if row is not None:
                conn.execute(update(results).where(results.c.id == row.result_id).values(input=name))

    def delete_session(self, session_id: int) -> None:
        with self.engine.begin() as conn:
            row = conn.execute(select(gaze_sessions.c.result_id).where(gaze_sessions.c.id == session_id)).first()
            conn.execute(delete(gaze_sessions).where(gaze_sessions.c.id == session_id))
            if row is not None and row.result_id is not None:
                conn.execute(delete(results).where(results.c.id == row.result_id))


def open_database(
    path: str | Path | None = None, passphrase: str | None = None, *, migrate_to: int = LATEST
) -> Database:
    """Open (or create) the encrypted database.

    The key comes from the OS keyring; when there is none usable, or the user locked the app with a
    passphrase, `passphrase` (else the `ALYESDESK_PASSPHRASE` variable) is used, and without one
    `PassphraseRequired` is raised so the caller can ask. A wrong key raises `WrongKeyError` and leaves
    the file byte-for-byte as it was.
    """
    db_path = Path(path) if path is not None else paths.database_path()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    if passphrase is None and keys.read_mode(db_path) == keys.MODE_PASSPHRASE:
        passphrase = os.environ.get("ALYESDESK_PASSPHRASE") or None
    try:
        key, created = keys.resolve_key(db_path, passphrase)
    except keys.PassphraseRequired:
        env = os.environ.get("ALYESDESK_PASSPHRASE")
        if passphrase is None and env:
            key, created = keys.resolve_key(db_path, env)
        else:
            raise
    try:
        return Database(db_path, key, migrate_to=migrate_to)
    except Exception:
        if created and key.mode == keys.MODE_KEYRING:
            keys.keyring_delete(db_path)  # do not leave a key for a file that was never made
        raise
