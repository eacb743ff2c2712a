"""Forward-only schema migrations keyed on SQLite's `PRAGMA user_version`.

Rules: never edit a released step; add a new function and append it to STEPS. A step runs inside the
transaction that bumps the version, so a failed step leaves the previous schema and its data intact.
"""

from __future__ import annotations

from importlib import resources

from sqlalchemy import Connection, text
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable


def _run_script(conn: Connection, name: str) -> None:
    script = resources.files("alyesdesk.storage").joinpath("sql").joinpath(name).read_text(encoding="utf-8")
    body = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("--"))
    for statement in body.split(";"):
        if statement.strip():
            conn.exec_driver_sql(statement)


def _v1_initial(conn: Connection) -> None:
    # The first release's schema, frozen as SQL so later edits of schema.py cannot change it.
    _run_script(conn, "v1.sql")


def _v2_notes_and_sample_index(conn: Connection) -> None:
    # Users asked to annotate results in History; replays read samples by session in time order.
    conn.exec_driver_sql("ALTER TABLE results ADD COLUMN note TEXT")
    conn.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_gaze_samples_session_t ON gaze_samples (session_id, t)"
    )


def _v3_teaching(conn: Connection) -> None:
    # Projects (custom classifiers) and their photos, and the photos of corrections (issue 16).
    from alyesdesk.storage.teach_records import MIGRATION_V3

    for statement in MIGRATION_V3:
        conn.exec_driver_sql(statement)


def _v4_document_reviews(conn: Connection) -> None:
    # A person's review of each document check, beside the model's answer (issue 17).
    from alyesdesk.storage.documents_records import MIGRATION_V4

    for statement in MIGRATION_V4:
        conn.exec_driver_sql(statement)


def _v5_gaze_studies(conn: Connection) -> None:
    # Participants, studies and stimuli of gaze sessions (issue 20).
    from alyesdesk.storage.gaze_records import MIGRATION_GAZE_STUDIES

    for statement in MIGRATION_GAZE_STUDIES:
        conn.exec_driver_sql(statement)


def _v6_gaze_stimulus_samples(conn: Connection) -> None:
    # Gaze in stimulus pixels and video time, so AOIs drawn on a stimulus apply directly (issue 20).
    from alyesdesk.storage.gaze_records import MIGRATION_GAZE_STIMULUS_SAMPLES

    for statement in MIGRATION_GAZE_STIMULUS_SAMPLES:
        conn.exec_driver_sql(statement)


def _v7_history_library(conn: Connection) -> None:
    # History as a library: thumbnails kept after the file is gone, versions looked up by file (issue 22).
    from alyesdesk.storage.library_records import MIGRATION_V7

    for statement in MIGRATION_V7:
        conn.exec_driver_sql(statement)


def _v8_project_bins(conn: Connection) -> None:
    # A project's classes may each carry a bin, or "same as material X" (issue 16).
    from alyesdesk.storage.teach_records import MIGRATION_V8

    for statement in MIGRATION_V8:
        conn.exec_driver_sql(statement)


STEPS: list[Callable[[Connection], None]] = [_v1_initial, _v2_notes_and_sample_index, _v3_teaching,
                                             _v4_document_reviews,
                                             _v5_gaze_studies,
                                             _v6_gaze_stimulus_samples,
                                             _v7_history_library,
                                             _v8_project_bins]
LATEST = len(STEPS)


def current_version(conn: Connection) -> int:
    """The schema version the file says it has (SQLite's user_version)."""
    return int(conn.execute(text("PRAGMA user_version")).scalar_one())


def migrate(conn: Connection, target: int = LATEST) -> list[int]:
    """Bring the schema to `target`; returns the versions applied. Refuses a newer-than-known file."""
    version = current_version(conn)
    conn.rollback()  # end the read's implicit transaction so each step gets its own
    if version > LATEST:
        from alyesdesk.storage.errors import StorageError

        from alyesdesk.texts import QT_TRANSLATE_NOOP

        raise StorageError(QT_TRANSLATE_NOOP(
            "Errors", "this database has schema version {version}, newer than this AlyesDesk knows ({latest}): "
                      "update AlyesDesk; the file was not changed",
        ).format(version=version, latest=LATEST))
    applied = []
    for number in range(version + 1, target + 1):
        with conn.begin():
            STEPS[number - 1](conn)
            conn.exec_driver_sql(f"PRAGMA user_version = {number}")
        applied.append(number)
    return applied
