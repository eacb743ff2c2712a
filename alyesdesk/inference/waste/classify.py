"""The Qt-free per-file waste pipeline shared by the CLI and the Waste tab: read, classify, advise a bin,
store; and the export of corrections as a class-per-folder dataset.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TYPE_CHECKING


from alyesdesk.pathtext import absolute, display, json_fields
from alyesdesk.inference.errors import ImageError, ModelError
from alyesdesk.inference.images import IMAGE_SUFFIXES
from alyesdesk.inference.inputs import expand_files
from alyesdesk.texts import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from alyesdesk.inference.classifier import Classifier, Prediction
    import numpy as np
    from collections.abc import Callable, Iterable


class BinLookup(Protocol):
    """Gives the bin advice for a model label (e.g. a bound `Nomenclature.advice`), or None without advice."""

    def __call__(self, label: str) -> Any: ...


NOTHING_TO_STORE = "nothing to store: the file could not be classified"
NO_DATABASE = "no database is open"


@dataclass
class FileResult:
    """What happened to one input file. `status` is "ok" or "error" (then `error` says why).

    `stored` is True only once the result is in the database (a new row, or an earlier row for the same
    bytes); otherwise `store_error` says why not ("not asked", a full disk, a wrong passphrase...).
    """

    path: Path
    status: str = "ok"
    error: str | None = None
    sha256: str | None = None
    prediction: Prediction | None = None
    bin: Any = None  # a waste_bins.BinAdvice, or None without advice
    duplicate_of: str | None = None  # an earlier file of this batch with the same bytes
    previous_result_id: int | None = None  # an earlier stored result for the same bytes
    result_id: int | None = None
    stored: bool = False
    store_error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def looks_like_waste(self) -> bool | None:
        """False when the model says the photo is not a waste item at all (then there is no bin)."""
        return self.prediction.in_domain if self.prediction is not None else None

    def not_stored(self, reason: str) -> None:
        self.stored, self.store_error = False, reason

    def to_dict(self) -> dict[str, Any]:
        """The `--json` object: path (display text; `path_bytes`: base64 of a name that is not UTF-8),
        status, error, label, confidence, top, looks_like_waste, bin (null when it is not waste), stored,
        store_error (+ details).
        """
        p = self.prediction
        advice = self.bin if self.looks_like_waste is not False else None
        return {
            **json_fields(self.path),
            "status": self.status,
            "error": self.error,
            "label": p.label if p else None,
            "confidence": round(p.confidence, 4) if p else None,
            "sure": p.sure if p else None,
            "top": [{"label": l, "confidence": round(c, 4)} for l, c in p.top] if p else [],
            "looks_like_waste": self.looks_like_waste,
            "waste_probability": (round(p.in_domain_probability, 4)
                                  if p is not None and p.in_domain_probability is not None else None),
            "bin": advice.container if advice is not None else None,
            "bin_color": advice.color if advice is not None else None,
            "region": advice.region if advice is not None else None,
            "sha256": self.sha256,
            "duplicate_of": self.duplicate_of,
            "previous_result_id": self.previous_result_id,
            "result_id": self.result_id,
            "stored": self.stored,
            "store_error": None if self.stored else (self.store_error or NO_DATABASE),
        }


def sha256_bytes(data: bytes) -> str:
    """The SHA-256 of `data` as hex: how results and corrections recognise the same photo."""
    return hashlib.sha256(data).hexdigest()


def expand_paths(items: Iterable[str | Path]) -> list[tuple[Path, str | None]]:
    """Image files and folders of images (recursed, sorted) -> (path, error or None)."""
    return expand_files(items, IMAGE_SUFFIXES)


def classify_file(
    classifier: Classifier,
    path: Path,
    *,
    seen: dict[str, FileResult] | None = None,
    bin_for: BinLookup | None = None,
    top_k: int = 3,
    on_image: Callable[[FileResult, np.ndarray], None] | None = None,
) -> FileResult:
    """Read, hash and classify one file; every problem becomes `status="error"`, never an exception.

    `seen` maps sha256 -> earlier result of this batch: a duplicate reuses that prediction.
    `on_image` sees the decoded image so nothing is decoded twice (e.g. to put a thumbnail in
    `result.extra["thumb"]`, which duplicates then share).
    """
    from alyesdesk.inference.images import MAX_FILE_BYTES, decode_image

    result = FileResult(path=Path(path))
    try:
        size = result.path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImageError(QT_TRANSLATE_NOOP("Errors", "{name}: file over {size} MB").format(
                name=result.path.name, size=MAX_FILE_BYTES // (1024 * 1024)))
        data = result.path.read_bytes()
    except ImageError as exc:
        return _error(result, str(exc))
    except IsADirectoryError:
        return _error(result, QT_TRANSLATE_NOOP("Errors", "is a folder, not an image"))
    except OSError as exc:
        return _error(result, QT_TRANSLATE_NOOP("Errors", "cannot read file: {reason}").format(
            reason=exc.strerror or str(exc)))
    result.sha256 = sha256_bytes(data)
    if seen is not None and result.sha256 in seen:
        first = seen[result.sha256]
        result.status, result.error, result.prediction, result.bin = first.status, first.error, first.prediction, first.bin
        result.duplicate_of = display(first.path)
        result.previous_result_id = first.result_id or first.previous_result_id
        result.stored, result.store_error = first.stored, first.store_error  # same bytes, same row
        if "thumb" in first.extra:  # what on_image made for the first copy
            result.extra["thumb"] = first.extra["thumb"]
        return result
    if seen is not None:
        seen[result.sha256] = result
    try:
        image = decode_image(data, result.path.name)
        result.prediction = classifier.predict(image, top_k=top_k)
        if on_image is not None:
            on_image(result, image)
    except ImageError as exc:
        return _error(result, str(exc))
    except ModelError as exc:
        return _error(result, QT_TRANSLATE_NOOP("Errors", "model failed: {reason}").format(reason=str(exc)))
    if bin_for is not None and result.prediction.in_domain:  # not a waste item: no bin to advise
        result.bin = bin_for(result.prediction.label)
    return result


def _error(result: FileResult, message: str) -> FileResult:
    result.status, result.error = "error", message
    result.not_stored(NOTHING_TO_STORE)
    return result


def store_result(db: Any, result: FileResult, model: Any) -> None:
    """Save an ok, not-yet-stored result through `db` (alyesdesk.storage.Database); skip known bytes.

    Sets `result.result_id` (new row) or `result.previous_result_id` (same sha256 stored before), and
    `result.stored`. The path is stored absolute and resolved. Raises the database's error.
    """
    if not result.ok or result.prediction is None or result.duplicate_of or result.sha256 is None:
        return
    p = result.prediction
    # One transaction: two processes classifying the same photo at once must not both store it.
    rid, created = db.save_classification_once(
        absolute(result.path), result.sha256, p.label, p.confidence, p.probabilities, model
    )
    if created:
        result.result_id = rid
    else:
        result.previous_result_id = rid
    result.stored, result.store_error = True, None


def _store(db: Any, result: FileResult, model: Any, no_db_reason: str) -> None:
    """Store `result` when there is a database; record on it why not otherwise. Never raises: a
    storage failure must not lose the prediction, it is reported per file instead.
    """
    if not result.ok or result.duplicate_of:
        return  # errors have nothing to store; a duplicate shares its first copy's row (and status)
    if db is None:
        result.not_stored(no_db_reason)
        return
    try:
        store_result(db, result, model)
    except Exception as exc:  # noqa: BLE001 - any failure: the database is full, read-only, damaged...
        result.not_stored(str(exc) or type(exc).__name__)
        result.extra["storage_error"] = result.store_error  # read by the Waste tab's warning


def classify_paths(
    classifier: Classifier,
    items: Iterable[str | Path],
    *,
    bin_for: BinLookup | None = None,
    db: Any = None,
    model: Any = None,
    top_k: int = 3,
    on_image: Callable[[FileResult, np.ndarray], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    on_result: Callable[[FileResult, int, int], None] | None = None,
    no_db_reason: str = NO_DATABASE,
) -> list[FileResult]:
    """Expand `items`, classify each file, store ok results when `db` is given; stops early on request.

    Every result says whether it was stored (`stored`, `store_error`); without `db`, `no_db_reason`
    says why not ("not asked" for --no-store, or why the database could not be opened).
    """
    entries = expand_paths(items)
    seen: dict[str, FileResult] = {}
    results: list[FileResult] = []
    for n, (path, problem) in enumerate(entries, start=1):
        if should_stop is not None and should_stop():
            break
        if problem:
            result = _error(FileResult(path=path), problem)
        else:
            result = classify_file(classifier, path, seen=seen, bin_for=bin_for, top_k=top_k, on_image=on_image)
            _store(db, result, model, no_db_reason)
        results.append(result)
        if on_result is not None:
            on_result(result, n, len(entries))
    return results


# --- corrections -> dataset --------------------------------------------------------------------------
@dataclass
class ExportReport:
    """What `export_corrections` did: files written, rows skipped with why, images per (sanitised) label folder."""

    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    per_label: dict[str, int] = field(default_factory=dict)


def export_corrections(corrections: Iterable[dict], out_dir: str | Path) -> ExportReport:
    """Copy corrected images into `out_dir/<corrected label>/`, ready for `alyesdesk.training.waste.train --data`.

    `corrections` are `Database.corrections()` rows (path, sha256, label, correction); a row with `image`
    bytes (`Database.corrections_with_images()`: the photo kept in the database) is written from them. A file that is
    gone or whose bytes changed since it was classified is skipped with a reason; the same bytes
    corrected twice are written once. A `corrections.csv` manifest keeps both labels.
    """
    import csv
    import io
    import re
    import shutil

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = ExportReport()
    manifest = io.StringIO()
    writer = csv.writer(manifest, lineterminator="\n")
    writer.writerow(["file", "original_path", "sha256", "model_label", "corrected_label"])
    done: set[str] = set()
    for row in corrections:
        label = str(row.get("correction") or "").strip()
        source = Path(str(row.get("path", "")))
        if not label:
            report.skipped.append((str(source), "no corrected label"))
            continue
        folder_name = re.sub(r"[^A-Za-z0-9_.-]+", "_", label).strip("._") or "unlabelled"
        sha = row.get("sha256") or ""
        if sha and sha in done:
            continue
        kept = row.get("image")  # the photo kept in the database (downscaled): the file may be gone
        if kept:
            suffix = ".png" if row.get("image_format") == "png" else ".jpg"
            target = out / folder_name / f"{(sha or sha256_bytes(kept))[:12]}_{Path(source.name).stem}{suffix}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(bytes(kept))
        else:
            try:
                data = source.read_bytes()
            except OSError as exc:
                report.skipped.append((str(source), f"cannot read: {exc.strerror or exc}"))
                continue
            if sha and sha256_bytes(data) != sha:
                report.skipped.append((str(source), "file changed since it was classified"))
                continue
            target = out / folder_name / f"{(sha or sha256_bytes(data))[:12]}_{source.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        done.add(sha)
        report.written.append(target)
        report.per_label[folder_name] = report.per_label.get(folder_name, 0) + 1
        # Display text: a name that is not UTF-8 must not make the manifest unwritable.
        writer.writerow([display(target.relative_to(out).as_posix()), display(source), sha, row.get("label", ""), label])
    (out / "corrections.csv").write_text(manifest.getvalue(), encoding="utf-8")
    return report
