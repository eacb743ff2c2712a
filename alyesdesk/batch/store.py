"""Storing a runner's record in the encrypted database, through the same `Database.save_*` methods the
commands use (classify: `save_classification_once`, so the same bytes are stored once).
"""

from __future__ import annotations

import logging
from typing import Any

from alyesdesk.batch.tasks import STORE

log = logging.getLogger(__name__)

NOTHING_TO_STORE = {
    "classify": "nothing to store: the file could not be classified",
    "check-docs": "nothing to store: the document could not be checked",
    "segment": "nothing to store: the image could not be segmented",
}


def store_record(db: Any, task: str, record: dict, model_ref: Any, input_path: Any, *,
                 no_db_reason: str = "no database is open", source: str | None = None) -> None:
    """Store an ok `record` as `input_path`; set its `stored`, `store_error`, `result_id` (or, for a
    photo stored before, `previous_result_id`). Never raises: a storage failure is reported on the
    record. `source` (e.g. "api") is recorded in the new row's details.
    """
    payload = record.pop(STORE, None)
    if record.get("status") != "ok" or payload is None:
        record["stored"], record["store_error"] = False, NOTHING_TO_STORE[task]
        return
    if db is None:
        record["stored"], record["store_error"] = False, no_db_reason
        return
    try:
        result_id = _save(db, task, record, payload, model_ref, input_path)
    except Exception as exc:  # noqa: BLE001 - a full disk, a read-only or damaged database...
        record["stored"], record["store_error"] = False, str(exc) or type(exc).__name__
        return
    record["stored"], record["store_error"] = True, None
    if result_id is not None and source:
        try:
            mark_source(db, result_id, source)
        except Exception:  # noqa: BLE001 - the result is stored; only its origin is missing
            log.warning("result #%s stored, but its source %r could not be recorded", result_id, source, exc_info=True)


def _save(db: Any, task: str, record: dict, payload: dict, model_ref: Any, input_path: Any) -> int | None:
    """The new row's id, or None when an earlier row holds the same result (classify)."""
    if task == "classify":
        rid, created = db.save_classification_once(input_path, record["sha256"], record["label"],
                                                   payload["confidence"], payload["probabilities"], model_ref)
        record["result_id" if created else "previous_result_id"] = rid
        return rid if created else None
    if task == "check-docs":
        rid = db.save_document_check(input_path, record["sha256"], record["pages"], record["count"],
                                     record["verdict"], record["expected"], model_ref)
    else:
        rid = db.save_segmentation(input_path, record["sha256"], payload["width"], payload["height"],
                                   payload["areas"], model_ref)
    record["result_id"] = rid
    return rid


def mark_source(db: Any, result_id: int, source: str) -> None:
    """Record where a result came from in its row's details (`{"source": "api"}`), keeping what the
    details already hold. One UPDATE statement (no read-then-write race between threads).
    """
    from sqlalchemy import func, update

    from alyesdesk.storage.schema import results

    with db.engine.begin() as conn:
        conn.execute(update(results).where(results.c.id == result_id)
                     .values(details=func.json_set(func.coalesce(results.c.details, "{}"), "$.source", source)))
