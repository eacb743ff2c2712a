"""The gaze part of the encrypted database: calibrations, sessions and their samples.

A mixin of `Database` (it uses the engine and the generic result row that `Database` owns), kept in its
own module so that each capability's storage stays small.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, select, update

from alyesdesk.storage.schema import gaze_calibrations, gaze_samples, gaze_sessions, results
from alyesdesk.storage.schema import json_text as _json

if TYPE_CHECKING:
    from collections.abc import Sequence
    from alyesdesk.storage.database import ModelRef

# Schema 5 (issue 20): who looked, in which study, at which stimulus, shown where on the screen.
MIGRATION_GAZE_STUDIES = (
    "ALTER TABLE gaze_sessions ADD COLUMN participant VARCHAR",
    "ALTER TABLE gaze_sessions ADD COLUMN study VARCHAR",
    "ALTER TABLE gaze_sessions ADD COLUMN stimulus VARCHAR",
    "ALTER TABLE gaze_sessions ADD COLUMN stimulus_geometry TEXT",
    "CREATE INDEX IF NOT EXISTS ix_gaze_sessions_study ON gaze_sessions (study)",
)

# Schema 6 (issue 20): each sample also in the stimulus's pixels (sx, sy) and, for a video stimulus, the
# video time of the frame on screen (st). NULL in older rows: `session_stimulus_samples` maps those from
# the session's placement (a session without a stimulus looked at the screen itself: the identity).
MIGRATION_GAZE_STIMULUS_SAMPLES = (
    "ALTER TABLE gaze_samples ADD COLUMN sx REAL",
    "ALTER TABLE gaze_samples ADD COLUMN sy REAL",
    "ALTER TABLE gaze_samples ADD COLUMN st REAL",
)


class GazeRecords:
    """Calibrations per screen, named recording sessions and their samples."""

    engine: Any
    _insert_result: Any  # Database's generic result row

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

    def calibration(self, calibration_id: int) -> dict | None:
        """One stored calibration by id (valid or not), decoded like `latest_calibration`."""
        with self.engine.connect() as conn:
            row = conn.execute(select(gaze_calibrations).where(gaze_calibrations.c.id == calibration_id)).first()
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
        *,
        participant: str | None = None,
        study: str | None = None,
        stimulus: str | None = None,
        stimulus_geometry: dict | None = None,
        started_at: float | None = None,
    ) -> int:
        """A new session; `stimulus` names what was shown (None: the screen itself) and `stimulus_geometry`
        where (`aoi.Placement.to_dict()`); `started_at` (epoch s) defaults to now.
        """
        with self.engine.begin() as conn:
            rid = self._insert_result(conn, "gaze", name, "recording…", None)
            return int(
                conn.execute(
                    insert(gaze_sessions).values(
                        result_id=rid,
                        name=name,
                        started_at=time.time() if started_at is None else float(started_at),
                        screen=screen,
                        screen_geometry=_json(screen_geometry),
                        calibration_id=calibration_id,
                        screenshot_png=screenshot_png,
                        sample_count=0,
                        participant=_label(participant),
                        study=_label(study),
                        stimulus=_label(stimulus),
                        stimulus_geometry=None if stimulus_geometry is None else _json(stimulus_geometry),
                    )
                ).inserted_primary_key[0]
            )

    def add_samples(self, session_id: int, rows: Sequence[tuple]) -> None:
        """Bulk insert rows in one transaction (Core executemany): (t, x, y, confidence, status), or with
        the stimulus point and video time appended, (t, x, y, confidence, status, sx, sy, st).
        """
        if not rows:
            return
        with self.engine.begin() as conn:
            conn.execute(
                insert(gaze_samples),
                [
                    dict(session_id=session_id, t=r[0], x=r[1], y=r[2], confidence=r[3], status=r[4],
                         sx=r[5] if len(r) > 5 else None, sy=r[6] if len(r) > 6 else None,
                         st=r[7] if len(r) > 7 else None)
                    for r in rows
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

    def sessions(self, study: str | None = None, participant: str | None = None) -> list[dict]:
        """Sessions, newest first; optionally only those of one study and/or one participant."""
        with self.engine.connect() as conn:
            query = (
                select(
                    gaze_sessions.c.id,
                    gaze_sessions.c.name,
                    gaze_sessions.c.started_at,
                    gaze_sessions.c.ended_at,
                    gaze_sessions.c.screen,
                    gaze_sessions.c.sample_count,
                    gaze_sessions.c.calibration_id,
                    gaze_sessions.c.result_id,
                    gaze_sessions.c.participant,
                    gaze_sessions.c.study,
                    gaze_sessions.c.stimulus,
                ).order_by(gaze_sessions.c.started_at.desc(), gaze_sessions.c.id.desc())
            )
            if study is not None:
                query = query.where(gaze_sessions.c.study == study)
            if participant is not None:
                query = query.where(gaze_sessions.c.participant == participant)
            return [dict(r._mapping) for r in conn.execute(query)]

    def set_session_labels(self, session_id: int, *, participant: str | None = None, study: str | None = None,
                           stimulus: str | None = None, stimulus_geometry: dict | None = None,
                           started_at: float | None = None) -> None:
        """Set the given labels of a session (an empty text clears one; None leaves it as it is);
        `started_at` moves its start (to the stimulus onset, which TTFF is measured from).
        """
        values: dict[str, Any] = {}
        for key, value in (("participant", participant), ("study", study), ("stimulus", stimulus)):
            if value is not None:
                values[key] = _label(value)
        if stimulus_geometry is not None:
            values["stimulus_geometry"] = _json(stimulus_geometry)
        if started_at is not None:
            values["started_at"] = float(started_at)
        if values:
            with self.engine.begin() as conn:
                conn.execute(update(gaze_sessions).where(gaze_sessions.c.id == session_id).values(**values))

    def studies(self) -> list[dict]:
        """Per study (None: sessions without one): sessions, participants, samples, recorded seconds."""
        duration = func.max(gaze_sessions.c.ended_at - gaze_sessions.c.started_at, 0.0)
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(
                    gaze_sessions.c.study,
                    func.count(gaze_sessions.c.id).label("sessions"),
                    func.count(func.distinct(gaze_sessions.c.participant)).label("participants"),
                    func.coalesce(func.sum(gaze_sessions.c.sample_count), 0).label("samples"),
                    func.coalesce(func.sum(duration), 0.0).label("seconds"),
                    func.min(gaze_sessions.c.started_at).label("first_started_at"),
                    func.max(gaze_sessions.c.started_at).label("last_started_at"),
                ).group_by(gaze_sessions.c.study).order_by(gaze_sessions.c.study)
            )
            return [dict(r._mapping) for r in rows]

    def session(self, session_id: int) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(gaze_sessions).where(gaze_sessions.c.id == session_id)).first()
        if row is None:
            return None
        out = dict(row._mapping)
        out["screen_geometry"] = json.loads(out["screen_geometry"])
        out["stimulus_geometry"] = json.loads(out["stimulus_geometry"]) if out.get("stimulus_geometry") else None
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

    def session_stimulus_samples(self, session_id: int) -> list[tuple]:
        """The samples in the session's stimulus: (t, sx, sy, confidence, status, st), in time order.

        Rows recorded before schema 6 have no stimulus point: they are mapped from the session's placement
        (`stimulus_geometry`; none means the screen itself, so screen px are stimulus px). `st` is the
        video time for a video stimulus, else None.
        """
        record = self.session(session_id)
        if record is None:
            return []
        to_stimulus = _placement_map(record.get("stimulus_geometry"))
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(gaze_samples.c.t, gaze_samples.c.x, gaze_samples.c.y, gaze_samples.c.confidence,
                       gaze_samples.c.status, gaze_samples.c.sx, gaze_samples.c.sy, gaze_samples.c.st)
                .where(gaze_samples.c.session_id == session_id)
                .order_by(gaze_samples.c.t, gaze_samples.c.id)
            ).all()
        out = []
        for t, x, y, c, s, sx, sy, st in rows:
            if sx is None or sy is None:
                sx, sy = to_stimulus(x, y)
            out.append((t, sx, sy, c, s, st))
        return out

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


def _placement_map(geometry: dict | None) -> Any:
    """(x, y) screen px -> stimulus px for a stored placement (`aoi.Placement.to_dict()`: the stimulus's
    width and height, and the rect it filled on the screen); the identity without one. Written out here,
    not imported: storage is shared by every capability and must not pull in the gaze package.
    """
    if not geometry:
        return lambda x, y: (x, y)
    rx, ry, rw, rh = (float(v) for v in geometry["rect"])
    kx, ky = float(geometry["width"]) / rw, float(geometry["height"]) / rh
    return lambda x, y: ((x - rx) * kx, (y - ry) * ky)


def _label(value: str | None) -> str | None:
    """A participant, study or stimulus label: trimmed, and None when empty."""
    if value is None:
        return None
    value = str(value).strip()
    return value or None
