"""The documents part of the encrypted database: a person's review of a signature check.

A mixin of `Database` (it uses the engine and the generic result row that `Database` owns). The review is
stored beside the model's answer, never over it: `document_checks.verdict` keeps the model's verdict and
`document_reviews` (migration 4) holds the reviewed verdict, the note, the per-box decisions and the boxes
drawn by hand (JSON). The result's History line is rewritten to show both verdicts; the model's own line
can always be rebuilt from `document_checks`. Everything lives in the SQLCipher file, so it is encrypted
like the rest.
"""

from __future__ import annotations

import json
import time
from typing import Any, TYPE_CHECKING

from sqlalchemy import delete, insert, select, update

from alyesdesk.storage.errors import StorageError
from alyesdesk.storage.schema import document_checks, document_reviews, results
from alyesdesk.storage.schema import json_text as _json

if TYPE_CHECKING:
    from collections.abc import Iterable

REVIEW_VERDICTS = ("signed", "unsigned", "needs_review")

MIGRATION_V4 = (
    "CREATE TABLE IF NOT EXISTS document_reviews ("
    " result_id INTEGER NOT NULL PRIMARY KEY REFERENCES results (id) ON DELETE CASCADE,"
    " reviewed_at FLOAT NOT NULL,"
    " verdict VARCHAR,"
    " note TEXT,"
    " review TEXT NOT NULL)",
)


def review_outcome(model_outcome: str, model_verdict: str, verdict: str | None) -> str:
    """The History line of a reviewed check: the person's verdict first, the model's kept beside it."""
    if verdict is None:
        return f"{model_outcome} (reviewed)"
    return f"reviewed {verdict} (model: {model_outcome})"


class DocumentRecords:
    """Reviews of document checks: save, read, list, remove."""

    engine: Any

    def save_document_review(self, result_id: int, review: dict) -> None:
        """Store (or replace) the review of a stored check. `review` is `documents.review.Review.to_dict()`:
        verdict (None or one of REVIEW_VERDICTS), note, boxes, added. Raises StorageError.
        """
        verdict = review.get("verdict")
        if verdict is not None and verdict not in REVIEW_VERDICTS:
            raise ValueError(f"unknown verdict {verdict!r}; expected one of {REVIEW_VERDICTS}")
        note = str(review.get("note") or "")
        with self.engine.begin() as conn:
            check = conn.execute(
                select(document_checks.c.verdict, document_checks.c.signature_count, document_checks.c.page_count,
                       document_checks.c.expected).where(document_checks.c.result_id == result_id)
            ).first()
            if check is None:
                raise StorageError(f"no stored document check {result_id}")
            model_line = (f"{check.verdict}: {check.signature_count} signature(s) on {check.page_count} page(s), "
                          f"{check.expected} expected")
            now = time.time()
            values = dict(reviewed_at=now, verdict=verdict, note=note, review=_json({**review, "reviewed_at": now}))
            conn.execute(delete(document_reviews).where(document_reviews.c.result_id == result_id))
            conn.execute(insert(document_reviews).values(result_id=result_id, **values))
            conn.execute(update(results).where(results.c.id == result_id)
                         .values(outcome=review_outcome(model_line, check.verdict, verdict)))

    def document_review(self, result_id: int) -> dict | None:
        """The stored review (its dict, with `reviewed_at`) or None."""
        return self.document_reviews([result_id]).get(result_id)

    def document_reviews(self, result_ids: Iterable[int] | None = None) -> dict[int, dict]:
        """Reviews by result id (all of them when `result_ids` is None)."""
        query = select(document_reviews.c.result_id, document_reviews.c.review, document_reviews.c.reviewed_at)
        if result_ids is not None:
            ids = [int(i) for i in result_ids]
            if not ids:
                return {}
            query = query.where(document_reviews.c.result_id.in_(ids))
        with self.engine.connect() as conn:
            out = {}
            for row in conn.execute(query):
                data = json.loads(row.review)
                data["reviewed_at"] = row.reviewed_at
                out[int(row.result_id)] = data
            return out

    def clear_document_review(self, result_id: int) -> bool:
        """Forget a review; the History line goes back to the model's answer."""
        with self.engine.begin() as conn:
            gone = conn.execute(delete(document_reviews).where(document_reviews.c.result_id == result_id)).rowcount > 0
            check = conn.execute(select(document_checks).where(document_checks.c.result_id == result_id)).first()
            if gone and check is not None:
                conn.execute(update(results).where(results.c.id == result_id).values(
                    outcome=f"{check.verdict}: {check.signature_count} signature(s) on {check.page_count} page(s), "
                            f"{check.expected} expected"))
            return gone
