"""The teaching part of the encrypted database: projects (custom classifiers) and their photos, and the
photos behind waste corrections (and confirmed answers), so both can be trained on.

Photos are stored as downscaled JPEG or PNG bytes (long side at most 512) inside the SQLCipher file, so
they are encrypted like everything else. A mixin of `Database` (tables created by migration 3).
Deleting a project deletes its photos (foreign key, ON DELETE CASCADE, and explicitly).
"""

from __future__ import annotations

import json
import time
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    select,
    update,
)

from alyesdesk.storage.errors import StorageError
from alyesdesk.texts import QT_TRANSLATE_NOOP
from alyesdesk.storage.schema import classifications, metadata, results
from alyesdesk.storage.schema import json_text as _json

PROJECT_KINDS = ("custom", "extend")
IMAGE_FORMATS = ("jpeg", "png")

teach_projects = Table(
    "teach_projects",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String, nullable=False, unique=True),
    Column("kind", String, nullable=False),
    Column("classes", Text, nullable=False),  # JSON list, in the user's order
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    Column("model_name", String),  # the installed model's sidecar name, once taught
    Column("metrics", Text),  # JSON: the last teach's leave-one-out results
    Column("bins", Text),  # since schema 8, JSON: class -> {"material": X} or {"container": NAME, "color": #RRGGBB}
)

teach_photos = Table(
    "teach_photos",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("teach_projects.id", ondelete="CASCADE"), nullable=False),
    Column("label", String, nullable=False),
    Column("sha256", String, nullable=False),  # of the stored bytes
    Column("image", LargeBinary, nullable=False),
    Column("image_format", String, nullable=False),
    Column("source", Text),  # the file name it came from, as text (or "camera", "clipboard")
    Column("created_at", Float, nullable=False),
)

training_images = Table(
    "training_images",
    metadata,
    Column("result_id", Integer, ForeignKey("results.id", ondelete="CASCADE"), primary_key=True),
    Column("image", LargeBinary, nullable=False),
    Column("image_format", String, nullable=False),
    Column("created_at", Float, nullable=False),
)

MIGRATION_V3 = (
    """CREATE TABLE IF NOT EXISTS teach_projects (
        id INTEGER PRIMARY KEY, name VARCHAR NOT NULL UNIQUE, kind VARCHAR NOT NULL, classes TEXT NOT NULL,
        created_at FLOAT NOT NULL, updated_at FLOAT NOT NULL, model_name VARCHAR, metrics TEXT)""",
    """CREATE TABLE IF NOT EXISTS teach_photos (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES teach_projects (id) ON DELETE CASCADE,
        label VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, image BLOB NOT NULL, image_format VARCHAR NOT NULL,
        source TEXT, created_at FLOAT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS ix_teach_photos_project ON teach_photos (project_id, label)",
    """CREATE TABLE IF NOT EXISTS training_images (
        result_id INTEGER NOT NULL PRIMARY KEY REFERENCES results (id) ON DELETE CASCADE,
        image BLOB NOT NULL, image_format VARCHAR NOT NULL, created_at FLOAT NOT NULL)""",
)


MIGRATION_V8 = ("ALTER TABLE teach_projects ADD COLUMN bins TEXT",)


def _project(row: Any) -> dict:
    out = dict(row._mapping)
    out["classes"] = json.loads(out["classes"])
    out["metrics"] = json.loads(out["metrics"]) if out.get("metrics") else None
    out["bins"] = json.loads(out["bins"]) if out.get("bins") else {}
    return out


class TeachRecords:
    """Projects, their photos, and the photos of corrections."""

    engine: Any
    _writing: Any  # Database's BEGIN IMMEDIATE transaction

    # --- projects ----------------------------------------------------------------------------------
    def create_project(self, name: str, classes: list[str] | None = None, kind: str = "custom") -> int:
        name = str(name).strip()
        if not name:
            raise StorageError(QT_TRANSLATE_NOOP("Errors", "a project needs a name"))
        if kind not in PROJECT_KINDS:
            raise ValueError(f"kind must be one of {PROJECT_KINDS}")
        now = time.time()
        with self._writing() as conn:
            if conn.execute(select(teach_projects.c.id).where(teach_projects.c.name == name)).first():
                raise StorageError(QT_TRANSLATE_NOOP("Errors", "there is already a project named '{name}'").format(name=name))
            return int(conn.execute(insert(teach_projects).values(
                name=name, kind=kind, classes=_json(list(classes or [])), created_at=now, updated_at=now,
            )).inserted_primary_key[0])

    def projects(self) -> list[dict]:
        """Every project with its photo count per class, oldest first."""
        with self.engine.connect() as conn:
            rows = [_project(r) for r in conn.execute(select(teach_projects).order_by(teach_projects.c.id))]
            counts = conn.execute(
                select(teach_photos.c.project_id, teach_photos.c.label, func.count())
                .group_by(teach_photos.c.project_id, teach_photos.c.label)
            ).all()
        for row in rows:
            row["counts"] = {label: n for pid, label, n in counts if pid == row["id"]}
        return rows

    def project(self, project_id: int) -> dict | None:
        return next((p for p in self.projects() if p["id"] == project_id), None)

    def project_by_name(self, name: str) -> dict | None:
        return next((p for p in self.projects() if p["name"] == name), None)

    def set_project_classes(self, project_id: int, classes: list[str]) -> None:
        """Rename/reorder/add classes; photos of a class that is no longer listed are deleted."""
        with self._writing() as conn:
            conn.execute(update(teach_projects).where(teach_projects.c.id == project_id)
                         .values(classes=_json(list(classes)), updated_at=time.time()))
            conn.execute(delete(teach_photos).where(teach_photos.c.project_id == project_id,
                                                    teach_photos.c.label.not_in(list(classes))))

    def rename_project_class(self, project_id: int, old: str, new: str) -> None:
        project = self.project(project_id)
        if project is None:
            raise StorageError(f"no project #{project_id}")
        classes = [new if c == old else c for c in project["classes"]]
        bins = {(new if c == old else c): entry for c, entry in project["bins"].items()}  # the bin follows
        with self._writing() as conn:
            conn.execute(update(teach_photos).where(teach_photos.c.project_id == project_id,
                                                    teach_photos.c.label == old).values(label=new))
            conn.execute(update(teach_projects).where(teach_projects.c.id == project_id)
                         .values(classes=_json(classes), bins=_json(bins), updated_at=time.time()))

    def set_project_bins(self, project_id: int, bins: dict[str, dict[str, str]]) -> None:
        """Each class's bin ({"material": X} or {"container": NAME, "color": #RRGGBB}); a class left out
        has none. The caller validates the entries (`inference.waste.class_bins.clean_bins`)."""
        with self._writing() as conn:
            if conn.execute(update(teach_projects).where(teach_projects.c.id == project_id)
                            .values(bins=_json(dict(bins)), updated_at=time.time())).rowcount == 0:
                raise StorageError(f"no project #{project_id}")

    def set_project_model(self, project_id: int, model_name: str | None, metrics: dict | None) -> None:
        with self._writing() as conn:
            conn.execute(update(teach_projects).where(teach_projects.c.id == project_id).values(
                model_name=model_name, metrics=_json(metrics) if metrics is not None else None,
                updated_at=time.time()))

    def delete_project(self, project_id: int) -> bool:
        """Delete a project and all its photos; True when it existed."""
        with self._writing() as conn:
            conn.execute(delete(teach_photos).where(teach_photos.c.project_id == project_id))
            return conn.execute(delete(teach_projects).where(teach_projects.c.id == project_id)).rowcount > 0

    # --- project photos ------------------------------------------------------------------------------
    def add_project_photo(self, project_id: int, label: str, image: bytes, image_format: str, sha256: str,
                          source: str | None = None) -> tuple[int, bool]:
        """Store one photo of `label`; the same bytes under the same label are kept once.
        Returns (photo id, True when it was added).
        """
        if image_format not in IMAGE_FORMATS:
            raise ValueError(f"image_format must be one of {IMAGE_FORMATS}")
        with self._writing() as conn:
            if conn.execute(select(teach_projects.c.id).where(teach_projects.c.id == project_id)).first() is None:
                raise StorageError(f"no project #{project_id}")
            found = conn.execute(select(teach_photos.c.id).where(
                teach_photos.c.project_id == project_id, teach_photos.c.label == label,
                teach_photos.c.sha256 == sha256)).scalar()
            if found is not None:
                return int(found), False
            return int(conn.execute(insert(teach_photos).values(
                project_id=project_id, label=label, sha256=sha256, image=bytes(image), image_format=image_format,
                source=source, created_at=time.time())).inserted_primary_key[0]), True

    def project_photos(self, project_id: int, with_images: bool = True) -> list[dict]:
        columns = [teach_photos.c.id, teach_photos.c.label, teach_photos.c.sha256, teach_photos.c.image_format,
                   teach_photos.c.source, teach_photos.c.created_at]
        if with_images:
            columns.append(teach_photos.c.image)
        with self.engine.connect() as conn:
            rows = conn.execute(select(*columns).where(teach_photos.c.project_id == project_id)
                                .order_by(teach_photos.c.id))
            return [dict(r._mapping) for r in rows]

    def delete_project_photo(self, photo_id: int) -> bool:
        with self._writing() as conn:
            return conn.execute(delete(teach_photos).where(teach_photos.c.id == photo_id)).rowcount > 0

    def count_project_photos(self, project_id: int | None = None) -> int:
        query = select(func.count()).select_from(teach_photos)
        if project_id is not None:
            query = query.where(teach_photos.c.project_id == project_id)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    # --- photos of corrections and confirmed answers -------------------------------------------------
    def save_training_image(self, result_id: int, image: bytes, image_format: str) -> None:
        """Keep the (downscaled) photo of a classification result, replacing an earlier one."""
        if image_format not in IMAGE_FORMATS:
            raise ValueError(f"image_format must be one of {IMAGE_FORMATS}")
        with self._writing() as conn:
            if conn.execute(select(results.c.id).where(results.c.id == result_id)).first() is None:
                raise StorageError(f"no result #{result_id}")
            conn.execute(delete(training_images).where(training_images.c.result_id == result_id))
            conn.execute(insert(training_images).values(result_id=result_id, image=bytes(image),
                                                        image_format=image_format, created_at=time.time()))

    def training_image(self, result_id: int) -> tuple[bytes, str] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(training_images.c.image, training_images.c.image_format)
                               .where(training_images.c.result_id == result_id)).first()
        return (bytes(row.image), row.image_format) if row else None

    def labelled_images(self) -> list[dict]:
        """Corrected (and confirmed) waste results that kept their photo: result_id, label (the model's),
        correction (the user's), image, image_format, path. Confirmed answers have correction == label.
        """
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(results.c.id.label("result_id"), results.c.input.label("path"),
                       results.c.input_sha256.label("sha256"), classifications.c.label,
                       classifications.c.correction, training_images.c.image, training_images.c.image_format)
                .select_from(results.join(classifications, classifications.c.result_id == results.c.id)
                             .join(training_images, training_images.c.result_id == results.c.id))
                .where(classifications.c.correction.is_not(None))
                .order_by(results.c.id)
            )
            return [dict(r._mapping) for r in rows]

    def corrections_with_images(self) -> list[dict]:
        """`corrections()` rows, each with `image` / `image_format` when its photo was kept (else None)."""
        rows = self.corrections()  # type: ignore[attr-defined]
        with self.engine.connect() as conn:
            kept = {int(r.result_id): (bytes(r.image), r.image_format) for r in conn.execute(
                select(training_images.c.result_id, training_images.c.image, training_images.c.image_format))}
        for row in rows:
            image = kept.get(int(row["result_id"]))
            row["image"], row["image_format"] = image if image else (None, None)
        return rows
