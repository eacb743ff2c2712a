"""History as a library: one entry per file and model (re-checks are its versions), date ranges,
thumbnails, and the look-ups behind "replace or keep both" when a file is checked again. No Qt.

A mixin of `Database`. Thumbnails (migration 6) are small JPEG or PNG bytes (long side <= 160) inside the
SQLCipher file, so they are encrypted like everything else; they are made by the UI (from the file while it
exists, or from what the database already holds: a waste training photo, a gaze session's screenshot) and
kept so History still shows them after the file is moved or deleted.
"""

from __future__ import annotations

import time
from typing import Any, TYPE_CHECKING

from sqlalchemy import Column, Float, ForeignKey, Integer, LargeBinary, String, Table, delete, insert, select

from alyesdesk.storage.result_text import history_row
from alyesdesk.storage.schema import metadata, models, results

if TYPE_CHECKING:
    from collections.abc import Iterable

THUMBNAIL_FORMATS = ("jpeg", "png")
# Re-checks group only where the input is a file: a gaze calibration or session is its own thing, and
# a camera capture is new every time.
VERSIONED_CAPABILITIES = ("waste", "documents", "streets")

result_thumbnails = Table(
    "result_thumbnails",
    metadata,
    Column("result_id", Integer, ForeignKey("results.id", ondelete="CASCADE"), primary_key=True),
    Column("image", LargeBinary, nullable=False),
    Column("image_format", String, nullable=False),
    Column("created_at", Float, nullable=False),
)

MIGRATION_V7 = (
    "CREATE TABLE IF NOT EXISTS result_thumbnails ("
    " result_id INTEGER NOT NULL PRIMARY KEY REFERENCES results (id) ON DELETE CASCADE,"
    " image BLOB NOT NULL,"
    " image_format VARCHAR NOT NULL,"
    " created_at FLOAT NOT NULL)",
    # Versions are looked up by file and model: without it each look-up scans every result.
    "CREATE INDEX IF NOT EXISTS ix_results_capability_input ON results (capability, input)",
)


def version_key(row: dict) -> tuple | None:
    """What makes two results versions of one entry (same capability, file and model), or None when the
    result stands alone (gaze, camera captures).
    """
    if row["capability"] not in VERSIONED_CAPABILITIES or str(row["input"]).startswith("camera"):
        return None
    return row["capability"], row["input"], row.get("model_id")


def group_versions(rows: Iterable[dict]) -> list[dict]:
    """Newest-first rows -> one entry per `version_key`: the newest row with `versions` (the older rows,
    newest first) and `version_count`.
    """
    entries: list[dict] = []
    by_key: dict[tuple, dict] = {}
    for row in rows:
        key = version_key(row)
        if key is not None and key in by_key:
            by_key[key]["versions"].append(row)
            by_key[key]["version_count"] += 1
            continue
        entry = dict(row, versions=[], version_count=1)
        if key is not None:
            by_key[key] = entry
        entries.append(entry)
    return entries


class LibraryRecords:
    """History's library view, thumbnails and version look-ups."""

    engine: Any

    def _library_query(self) -> Any:
        return (
            select(results.c.id, results.c.created_at, results.c.capability, results.c.input, results.c.outcome,
                   results.c.note, results.c.model_id, models.c.name.label("model_name"),
                   models.c.version.label("model_version"), results.c.details)
            .select_from(results.outerjoin(models, results.c.model_id == models.c.id))
            .order_by(results.c.created_at.desc(), results.c.id.desc())
        )

    def library(self, capability: str | None = None, text: str | None = None, since: float | None = None,
                until: float | None = None, exclude: Iterable[int] = ()) -> list[dict]:
        """History entries newest first, one per file and model (see `group_versions`), filtered like
        `Database.history` and by a time range [since, until). `exclude`: ids hidden (a delete that can
        still be undone). The text filter matches any version, and the entry then shows all of them.
        """
        hidden = set(exclude)
        matching = {r["id"] for r in self.history(capability, text)} if text else None  # type: ignore[attr-defined]
        query = self._library_query()
        if capability:
            query = query.where(results.c.capability == capability)
        if since is not None:
            query = query.where(results.c.created_at >= since)
        if until is not None:
            query = query.where(results.c.created_at < until)
        with self.engine.connect() as conn:
            rows = [history_row(dict(r._mapping)) for r in conn.execute(query) if r.id not in hidden]
        entries = group_versions(rows)
        if matching is not None:
            entries = [e for e in entries if e["id"] in matching or any(v["id"] in matching for v in e["versions"])]
        return entries

    def versions_of(self, result_id: int) -> list[dict]:
        """Every result with the same file and model as `result_id`, newest first (itself included);
        just itself when it stands alone; [] when it does not exist.
        """
        with self.engine.connect() as conn:
            row = conn.execute(select(results.c.capability, results.c.input, results.c.model_id)
                               .where(results.c.id == result_id)).first()
            if row is None:
                return []
            query = self._library_query()
            if version_key(dict(row._mapping)) is None:
                query = query.where(results.c.id == result_id)
            else:
                model = results.c.model_id.is_(None) if row.model_id is None else results.c.model_id == row.model_id
                query = query.where(results.c.capability == row.capability, results.c.input == row.input, model)
            return [history_row(dict(r._mapping)) for r in conn.execute(query)]

    def rechecks_since(self, after_id: int, up_to: int | None = None) -> list[dict]:
        """Results stored after `after_id` (up to `up_to`, when given) that repeat an earlier file and model: each as
        {"id", "input", "capability", "earlier": [older ids that may be replaced, newest first]}.

        Older versions a person worked on (a note, a review, a correction) are never offered for
        replacing: that work would go with them."""
        out = []
        query = select(results.c.id, results.c.capability, results.c.input, results.c.model_id).where(results.c.id > after_id)
        if up_to is not None:
            query = query.where(results.c.id <= up_to)
        with self.engine.connect() as conn:
            new = conn.execute(query.order_by(results.c.id)).all()
        for row in new:
            if version_key(dict(row._mapping)) is None:
                continue
            older = [v["id"] for v in self.versions_of(row.id) if v["id"] < row.id]
            worked_on = self.annotated(older)
            earlier = [rid for rid in older if rid not in worked_on]
            if earlier:
                out.append({"id": row.id, "input": row.input, "capability": row.capability, "earlier": earlier})
        return out

    def annotated(self, result_ids: Iterable[int]) -> set[int]:
        """Those of `result_ids` that hold a person's work: a note, a document review, a waste correction."""
        from alyesdesk.storage.schema import classifications, document_reviews

        ids = [int(i) for i in result_ids]
        if not ids:
            return set()
        with self.engine.connect() as conn:
            noted = conn.execute(select(results.c.id).where(results.c.id.in_(ids), results.c.note.is_not(None),
                                                            results.c.note != "")).scalars().all()
            reviewed = conn.execute(select(document_reviews.c.result_id)
                                    .where(document_reviews.c.result_id.in_(ids))).scalars().all()
            corrected = conn.execute(select(classifications.c.result_id)
                                     .where(classifications.c.result_id.in_(ids),
                                            classifications.c.correction.is_not(None))).scalars().all()
        return {int(i) for i in (*noted, *reviewed, *corrected)}

    def last_result_id(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(results.c.id).order_by(results.c.id.desc()).limit(1)).scalar() or 0)

    def delete_results(self, result_ids: Iterable[int]) -> int:
        """Delete several results in one transaction (details, thumbnails and reviews cascade); returns
        how many existed.
        """
        ids = [int(i) for i in result_ids]
        if not ids:
            return 0
        with self.engine.begin() as conn:
            return int(conn.execute(delete(results).where(results.c.id.in_(ids))).rowcount or 0)

    # --- thumbnails --------------------------------------------------------------------------------
    def thumbnail(self, result_id: int) -> tuple[bytes, str] | None:
        """(bytes, "jpeg"|"png") of the stored thumbnail, else None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(result_thumbnails.c.image, result_thumbnails.c.image_format)
                               .where(result_thumbnails.c.result_id == result_id)).first()
        return (bytes(row.image), row.image_format) if row else None

    def set_thumbnail(self, result_id: int, image: bytes, image_format: str) -> bool:
        """Store (or replace) a result's thumbnail; False when the result no longer exists."""
        if image_format not in THUMBNAIL_FORMATS:
            raise ValueError(f"unknown thumbnail format {image_format!r}; expected one of {THUMBNAIL_FORMATS}")
        with self.engine.begin() as conn:
            if conn.execute(select(results.c.id).where(results.c.id == result_id)).first() is None:
                return False
            conn.execute(delete(result_thumbnails).where(result_thumbnails.c.result_id == result_id))
            conn.execute(insert(result_thumbnails).values(result_id=result_id, image=bytes(image),
                                                          image_format=image_format, created_at=time.time()))
            return True

    def stored_picture(self, result_id: int) -> tuple[bytes, str] | None:
        """A picture the database already holds for a result, to make a thumbnail from when there is none
        yet: the waste photo kept for training, or a gaze session's screenshot.
        """
        from alyesdesk.storage.schema import gaze_sessions
        from alyesdesk.storage.teach_records import training_images

        with self.engine.connect() as conn:
            row = conn.execute(select(training_images.c.image, training_images.c.image_format)
                               .where(training_images.c.result_id == result_id)).first()
            if row is not None:
                return bytes(row.image), row.image_format
            shot = conn.execute(select(gaze_sessions.c.screenshot_png)
                                .where(gaze_sessions.c.result_id == result_id,
                                       gaze_sessions.c.screenshot_png.is_not(None))).first()
            return (bytes(shot.screenshot_png), "png") if shot is not None else None
