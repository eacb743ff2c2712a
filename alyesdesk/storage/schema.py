"""Tables of the encrypted database (SQLAlchemy Core: bulk gaze samples need Core speed).

Every stored result has a row in `results` (what History lists) and, per capability, a detail row keyed
by `result_id`. Deleting a result cascades to its details.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

models = Table(
    "models",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String, nullable=False),
    Column("version", String, nullable=False),
    Column("sha256", String, nullable=False),
    UniqueConstraint("name", "version", "sha256"),
)

results = Table(
    "results",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("created_at", Float, nullable=False),
    Column("capability", String, nullable=False),
    Column("input", Text, nullable=False),
    Column("input_sha256", String),
    Column("outcome", Text, nullable=False),
    Column("model_id", Integer, ForeignKey("models.id")),
    Column("details", Text),  # JSON
    Column("note", Text),  # since schema 2
)
Index("ix_results_capability_time", results.c.capability, results.c.created_at)
Index("ix_results_sha", results.c.input_sha256)

classifications = Table(
    "classifications",
    metadata,
    Column("result_id", Integer, ForeignKey("results.id", ondelete="CASCADE"), primary_key=True),
    Column("label", String, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("probabilities", Text, nullable=False),  # JSON label -> p
    Column("correction", String),
    Column("corrected_at", Float),
)

document_checks = Table(
    "document_checks",
    metadata,
    Column("result_id", Integer, ForeignKey("results.id", ondelete="CASCADE"), primary_key=True),
    Column("page_count", Integer, nullable=False),
    Column("signature_count", Integer, nullable=False),
    Column("expected", Integer, nullable=False),
    Column("verdict", String, nullable=False),
    Column("pages", Text, nullable=False),  # JSON: per page size and boxes
)

# A person's review of a document check (schema 4): kept beside the model's answer in document_checks.
document_reviews = Table(
    "document_reviews",
    metadata,
    Column("result_id", Integer, ForeignKey("results.id", ondelete="CASCADE"), primary_key=True),
    Column("reviewed_at", Float, nullable=False),
    Column("verdict", String),  # the person's verdict, or NULL (box decisions only)
    Column("note", Text),
    Column("review", Text, nullable=False),  # JSON: verdict, note, boxes {"page:index": accept|reject}, added
)

segmentations = Table(
    "segmentations",
    metadata,
    Column("result_id", Integer, ForeignKey("results.id", ondelete="CASCADE"), primary_key=True),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("areas", Text, nullable=False),  # JSON category -> fraction
)

gaze_calibrations = Table(
    "gaze_calibrations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("result_id", Integer, ForeignKey("results.id", ondelete="CASCADE")),
    Column("created_at", Float, nullable=False),
    Column("screen", String, nullable=False),
    Column("screen_geometry", Text, nullable=False),  # JSON: px, mm, distance
    Column("frontend", String, nullable=False),
    Column("model_onnx", LargeBinary, nullable=False),
    Column("sidecar", Text, nullable=False),
    Column("mean_px", Float),
    Column("median_px", Float),
    Column("mean_deg", Float),
    Column("median_deg", Float),
    Column("valid", Integer, nullable=False, default=1),
)

gaze_sessions = Table(
    "gaze_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("result_id", Integer, ForeignKey("results.id", ondelete="CASCADE")),
    Column("name", String, nullable=False),
    Column("started_at", Float, nullable=False),
    Column("ended_at", Float),
    Column("screen", String, nullable=False),
    Column("screen_geometry", Text, nullable=False),
    Column("calibration_id", Integer, ForeignKey("gaze_calibrations.id", ondelete="SET NULL")),
    Column("screenshot_png", LargeBinary),
    Column("sample_count", Integer, nullable=False, default=0),
    # since schema 5 (gaze studies): who looked, in which study, at what and where it was on the screen
    Column("participant", String),
    Column("study", String),
    Column("stimulus", String),
    Column("stimulus_geometry", Text),  # JSON: stimulus width, height and its rect on the screen (px)
)
Index("ix_gaze_sessions_study", gaze_sessions.c.study)

gaze_samples = Table(
    "gaze_samples",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", Integer, ForeignKey("gaze_sessions.id", ondelete="CASCADE"), nullable=False),
    Column("t", Float, nullable=False),
    Column("x", Float, nullable=False),
    Column("y", Float, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("status", String, nullable=False),
    # since schema 6: the point in the stimulus's pixels and, for a video stimulus, its time (s)
    Column("sx", Float),
    Column("sy", Float),
    Column("st", Float),
)


def json_text(value: Any) -> str:
    """How a JSON column's value is stored: compact, and non-ASCII kept as is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
