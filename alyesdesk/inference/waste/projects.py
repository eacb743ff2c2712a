"""Projects (custom classifiers taught from a few photos) and adapting the material model, on top of the
database (`storage.teach_records`, passed in as `db`) and the teaching numerics (`teach.py`). Qt-free:
the Waste tab runs these in workers, `alyesdesk teach` runs them in the terminal.

Photos are kept in the database as downscaled JPEG/PNG bytes (long side <= 512): `encode_photo`.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TYPE_CHECKING

import cv2
import numpy as np

from alyesdesk.inference.errors import ImageError, ModelError
from alyesdesk.inference.waste.embedding import embedding_output
from alyesdesk.inference.waste.teach import Embedder, TeachResult, teach
from alyesdesk.inference.waste.teach_export import safe_name

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

STORED_LONG_SIDE = 512
JPEG_QUALITY = 90
ADAPTED_NAME = "waste_adapted"

_cache_lock = threading.Lock()
_embedding_cache: dict[tuple[str, str], np.ndarray] = {}  # (model sha256, photo sha256) -> embedding


def encode_photo(image_bgr: np.ndarray, fmt: str = "jpeg") -> tuple[bytes, str, str]:
    """(bytes, format, sha256) of `image_bgr` downscaled so its long side is at most 512 px."""
    h, w = image_bgr.shape[:2]
    scale = STORED_LONG_SIDE / max(h, w)
    if scale < 1:
        image_bgr = cv2.resize(image_bgr, (max(1, round(w * scale)), max(1, round(h * scale))),
                               interpolation=cv2.INTER_AREA)
    if fmt == "png":
        ok, buf = cv2.imencode(".png", image_bgr)
    else:
        fmt = "jpeg"
        ok, buf = cv2.imencode(".jpg", image_bgr, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:
        raise ImageError("the photo could not be encoded")
    data = buf.tobytes()
    return data, fmt, hashlib.sha256(data).hexdigest()


def encode_file(path: str | Path) -> tuple[bytes, str, str]:
    """Read a photo safely and encode it for storage (PNG stays PNG, anything else becomes JPEG)."""
    from alyesdesk.inference.images import read_image

    path = Path(path)
    return encode_photo(read_image(path), "png" if path.suffix.lower() == ".png" else "jpeg")


def decode_photo(data: bytes, name: str = "stored photo") -> np.ndarray:
    """A stored photo's bytes as 8-bit BGR (header checks of `decode_image` included); ImageError naming `name`."""
    from alyesdesk.inference.images import decode_image

    return decode_image(bytes(data), name)


# --- the base model --------------------------------------------------------------------------------------
def base_model() -> tuple[Any, Any]:
    """(classifier, ModelInfo) to teach on: the bundled classify model that declares an embedding,
    else any installed one that does (a taught model is never the base of another).
    """
    from alyesdesk.inference import catalog

    candidates = _base_candidates()
    if not candidates:
        raise ModelError("no classify model with an 'embedding' output is installed: teaching needs one "
                         "(`python -m alyesdesk.inference.waste.embedding MODEL.onnx` adds it)")
    return catalog.open_for_task("classify", info=candidates[0])


def _base_candidates() -> list[Any]:
    """Installed classify models that declare an embedding and were not taught, the bundled one first."""
    from alyesdesk.inference import catalog

    candidates = [m for m in catalog.models_for("classify")
                  if embedding_output(m.spec) is not None and m.spec.get("teach") is None]
    return sorted(candidates, key=lambda m: (not m.bundled, m.spec.name != "waste_classifier"))


def base_labels() -> list[str]:
    """The materials of the model projects are taught on (read from its sidecar: no model is opened)."""
    candidates = _base_candidates()
    return list(candidates[0].spec.labels) if candidates else []


def embed_cached(classifier: Any, model_sha: str, photos: Sequence[tuple[str, np.ndarray | None]],
                 load: Callable[[int], np.ndarray] | None = None) -> np.ndarray:
    """Embeddings of (photo sha256, image or None) pairs, computing only the ones not seen with this model;
    `load(i)` decodes photo i when its image is None.
    """
    with _cache_lock:
        missing = [i for i, (sha, _) in enumerate(photos) if (model_sha, sha) not in _embedding_cache]
    if missing:
        images: list[np.ndarray] = [photos[i][1] if photos[i][1] is not None else load(i) for i in missing]  # type: ignore[misc]
        vectors, _ = Embedder(classifier)(images)
        with _cache_lock:
            for i, v in zip(missing, vectors, strict=True):
                _embedding_cache[(model_sha, photos[i][0])] = v
    with _cache_lock:
        return np.stack([_embedding_cache[(model_sha, sha)] for sha, _ in photos])


# --- projects --------------------------------------------------------------------------------------------
@dataclass
class AddReport:
    """What `add_files` did: photos added, photos already stored under that label, files refused with why."""

    added: int = 0
    duplicates: int = 0
    errors: list[tuple[str, str]] = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.errors = self.errors or []


def add_files(db: Any, project_id: int, label: str, items: Iterable[str | Path],
              should_stop: Callable[[], bool] | None = None) -> AddReport:
    """Store photo files (folders are recursed) as examples of `label`; bad files are reported, skipped."""
    from alyesdesk.inference.images import IMAGE_SUFFIXES
    from alyesdesk.inference.inputs import expand_files
    from alyesdesk.pathtext import display

    report = AddReport()
    for path, problem in expand_files(items, IMAGE_SUFFIXES):
        if should_stop is not None and should_stop():
            break
        if problem:
            report.errors.append((display(path), problem))
            continue
        try:
            data, fmt, sha = encode_file(path)
        except (ImageError, OSError) as exc:
            report.errors.append((display(path), str(exc)))
            continue
        _, added = db.add_project_photo(project_id, label, data, fmt, sha, source=display(Path(path).name))
        report.added += int(added)
        report.duplicates += int(not added)
    return report


def add_image(db: Any, project_id: int, label: str, image_bgr: np.ndarray, source: str) -> bool:
    """Store one image as an example of `label`; False when the same bytes were already stored under it.

    A "clipboard" source is kept as PNG (a screenshot), anything else as JPEG.
    """
    data, fmt, sha = encode_photo(image_bgr, "png" if source == "clipboard" else "jpeg")
    return db.add_project_photo(project_id, label, data, fmt, sha, source=source)[1]


def teach_project(db: Any, project_id: int, base: tuple[Any, Any] | None = None,
                  write: bool = True) -> TeachResult:
    """Fit the project's head on its stored photos and install its model (`<name>.onnx` in the user's
    models folder); the project row remembers the model and the leave-one-out results.
    """
    from alyesdesk.inference.catalog import file_sha256

    project = db.project(project_id)
    if project is None:
        raise ModelError(f"no project #{project_id}")
    classifier, info = base or base_model()
    rows = [r for r in db.project_photos(project_id) if r["label"] in project["classes"]]
    order = {c: i for i, c in enumerate(project["classes"])}
    rows.sort(key=lambda r: (order[r["label"]], r["id"]))
    start = time.perf_counter()
    vectors = embed_cached(classifier, file_sha256(info.onnx_path), [(r["sha256"], None) for r in rows],
                           lambda i: decode_photo(rows[i]["image"], f"photo #{rows[i]['id']}"))
    embed_seconds = time.perf_counter() - start
    examples = [(r["label"], None) for r in rows]
    result = teach(classifier, info, project["name"], examples, kind=project["kind"],  # type: ignore[arg-type]
                   embeddings=vectors, write=write, bins=project.get("bins"),
                   summary=_summary(info) if project["kind"] == "extend" else None)
    result.photo_ids = [r["id"] for r in rows]
    result.embed_seconds = embed_seconds
    result.seconds += embed_seconds
    if write:
        db.set_project_model(project_id, result.name, result.to_dict())
    return result


def _summary(info: Any) -> Any:
    from alyesdesk.inference.waste.summary import load_for

    return load_for(info)


def delete_project(db: Any, project_id: int) -> list[Path]:
    """Delete the project, its photos and its installed model files; returns the files removed."""
    from alyesdesk import paths
    from alyesdesk.inference import catalog

    project = db.project(project_id)
    removed: list[Path] = []
    if project is not None and project.get("model_name"):
        folder = paths.user_models_dir()
        for suffix in (".onnx", ".json"):
            path = folder / f"{project['model_name']}{suffix}"
            try:
                path.unlink()
                removed.append(path)
            except FileNotFoundError:
                pass
        catalog.clear_cache()
    db.delete_project(project_id)
    return removed


def project_model_name(name: str) -> str:
    """The file name of a project's model (see `teach_export.safe_name`); ModelError with no letter or digit."""
    return safe_name(name)


# --- adapting the material model to the user's corrections ---------------------------------------------
def adapt_from_corrections(db: Any, name: str = ADAPTED_NAME, base: tuple[Any, Any] | None = None) -> TeachResult:
    """Refit the material head with every corrected (or confirmed) photo kept in the database."""
    from alyesdesk.inference.catalog import file_sha256

    classifier, info = base or base_model()
    labels = set(info.spec.labels)
    rows = [r for r in db.labelled_images() if r["correction"] in labels]
    if not rows:
        raise ModelError("no corrected photo is stored yet: correct a few results first (their photos are kept)")
    # Keyed by the stored bytes (what is embedded), so photos embedded when they were kept are not redone.
    start = time.perf_counter()
    vectors = embed_cached(classifier, file_sha256(info.onnx_path), [(stored_key(r["image"]), None) for r in rows],
                           lambda i: decode_photo(rows[i]["image"], f"result #{rows[i]['result_id']}"))
    embed_seconds = time.perf_counter() - start
    examples = [(r["correction"], None) for r in rows]
    result = teach(classifier, info, name, examples, kind="extend", summary=_summary(info),  # type: ignore[arg-type]
                   embeddings=vectors)
    result.photo_ids = [r["result_id"] for r in rows]
    result.embed_seconds = embed_seconds
    result.seconds += embed_seconds
    return result


def stored_key(data: bytes) -> str:
    """The embedding cache's key for a kept photo: the sha256 of its stored bytes."""
    return hashlib.sha256(bytes(data)).hexdigest()


def warm_embeddings(photos: Iterable[bytes], base: tuple[Any, Any] | None = None) -> int:
    """Embed kept photos (stored bytes) now, while the person adds them, so Teach and Adapt then only fit;
    returns how many were computed. Without a model to teach on it does nothing (teaching will say why).
    """
    from alyesdesk.inference.catalog import file_sha256

    try:
        classifier, info = base or base_model()
    except ModelError:
        return 0
    model_sha = file_sha256(info.onnx_path)
    items = [(stored_key(data), bytes(data)) for data in photos]
    with _cache_lock:
        missing = [(key, data) for key, data in items if (model_sha, key) not in _embedding_cache]
    if missing:
        embed_cached(classifier, model_sha, [(key, None) for key, _ in missing],
                     lambda i: decode_photo(missing[i][1]))
    return len(missing)


def warm_project(db: Any, project_id: int) -> int:
    """`warm_embeddings` for every photo of a project (only the new ones are computed)."""
    return warm_embeddings(r["image"] for r in db.project_photos(project_id))


def resolve_model(name_or_path: str | None) -> str | None:
    """An installed model's ONNX path from its name (e.g. a project's), else the argument unchanged."""
    if not name_or_path or Path(name_or_path).is_file():
        return name_or_path
    from alyesdesk.inference import catalog

    found = [m for m in catalog.models_for("classify") if m.spec.name in (name_or_path, safe_name_or_none(name_or_path))]
    found.sort(key=lambda m: m.bundled)  # the user's own first
    return str(found[0].onnx_path) if found else name_or_path


def safe_name_or_none(name: str) -> str | None:
    """`safe_name(name)`, or None when the name has no letter or digit to make one from."""
    try:
        return safe_name(name)
    except ModelError:
        return None
