"""Image classification backend ("classify"): calibrated probabilities and top-k from any ONNX classifier
whose sidecar lists its labels. Also the Qt-free per-file pipeline shared by the CLI and the Waste tab.

Everything about the model (labels, input size, normalisation, temperature, "not sure" threshold) comes
from the sidecar, so an imported classifier with a valid sidecar replaces the bundled one unchanged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Protocol

import numpy as np

from alyesdesk.inference.backend import ModelBackend, require
from alyesdesk.inference.errors import ImageError, ModelError
from alyesdesk.inference.images import IMAGE_SUFFIXES, to_tensor
from alyesdesk.inference.inputs import expand_files
from alyesdesk.inference.registry import register_backend

DEFAULT_NOT_SURE = 0.5  # used only when a sidecar has no thresholds.not_sure


@dataclass(frozen=True)
class Prediction:
    """A calibrated prediction: `top` is best first, `probabilities` covers every label."""

    label: str
    confidence: float
    top: tuple[tuple[str, float], ...]
    probabilities: dict[str, float]
    sure: bool


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = np.asarray(logits, dtype=np.float64) / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@register_backend("classify")
class Classifier(ModelBackend):
    """One image in, one logit per label out (`outputs[0]` shaped [batch, n_labels])."""

    required_keys = ("labels",)

    def check_spec(self) -> None:
        super().check_spec()
        require(len(self.spec.labels) >= 2, f"a classifier needs at least 2 labels, got {len(self.spec.labels)}")
        require(
            self.input.layout in ("NCHW", "NHWC"),
            f"input '{self.input.name}' must be an image (layout NCHW or NHWC), got {self.input.layout}",
        )
        temperature = self.spec.temperature
        require(temperature > 0, f"calibration.temperature must be > 0, got {temperature}")

    def check_outputs(self) -> None:
        # The session is being opened here: compare the sidecar's output (already matched against the
        # ONNX file's own shape by the base class) with the label list.
        out = self.spec.outputs[0]
        n = out.shape[-1]
        require(
            len(out.shape) == 2,
            f"output '{out.name}' must be [batch, {len(self.spec.labels)}] logits, sidecar says {list(out.shape)}",
        )
        require(
            n == len(self.spec.labels),
            f"output '{out.name}' gives {n} logits but the sidecar lists {len(self.spec.labels)} labels; "
            "fix 'labels' or the output shape",
        )

    @property
    def not_sure_threshold(self) -> float:
        return float(self.spec.thresholds.get("not_sure", DEFAULT_NOT_SURE))

    def logits(self, image_bgr: np.ndarray) -> np.ndarray:
        tensor, _ = to_tensor(image_bgr, self.input)
        raw = np.asarray(self.run({self.input.name: tensor})[0], dtype=np.float32).reshape(-1)
        # A dynamic last axis cannot be checked when the session opens; check the real output instead.
        if raw.size != len(self.spec.labels):
            raise ModelError(
                f"{self.onnx_path.name} returned {raw.size} values for {len(self.spec.labels)} labels"
            )
        return raw

    def predict(self, image_bgr: np.ndarray, top_k: int = 3) -> Prediction:
        probs = softmax(self.logits(image_bgr), self.spec.temperature)
        order = np.argsort(-probs)
        labels = self.spec.labels
        top = tuple((labels[i], float(probs[i])) for i in order[: max(1, top_k)])
        best, confidence = top[0]
        return Prediction(
            label=best,
            confidence=confidence,
            top=top,
            probabilities={labels[i]: float(probs[i]) for i in range(len(labels))},
            sure=confidence >= self.not_sure_threshold,
        )


# --- per-file pipeline (CLI and tab) -----------------------------------------------------------------
class BinLookup(Protocol):
    def __call__(self, label: str) -> Any: ...


@dataclass
class FileResult:
    """What happened to one input file. `status` is "ok" or "error" (then `error` says why)."""

    path: Path
    status: str = "ok"
    error: str | None = None
    sha256: str | None = None
    prediction: Prediction | None = None
    bin: Any = None  # a waste_bins.BinAdvice, or None without advice
    duplicate_of: str | None = None  # an earlier file of this batch with the same bytes
    previous_result_id: int | None = None  # an earlier stored result for the same bytes
    result_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict[str, Any]:
        """The `--json` object: path, status, error, label, confidence, top, bin (+ details)."""
        p = self.prediction
        return {
            "path": str(self.path),
            "status": self.status,
            "error": self.error,
            "label": p.label if p else None,
            "confidence": round(p.confidence, 4) if p else None,
            "sure": p.sure if p else None,
            "top": [{"label": l, "confidence": round(c, 4)} for l, c in p.top] if p else [],
            "bin": self.bin.container if self.bin is not None else None,
            "bin_color": self.bin.color if self.bin is not None else None,
            "region": self.bin.region if self.bin is not None else None,
            "sha256": self.sha256,
            "duplicate_of": self.duplicate_of,
            "previous_result_id": self.previous_result_id,
            "result_id": self.result_id,
        }


def sha256_bytes(data: bytes) -> str:
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
            raise ImageError(f"{result.path.name}: file over {MAX_FILE_BYTES // (1024 * 1024)} MB")
        data = result.path.read_bytes()
    except ImageError as exc:
        return _error(result, str(exc))
    except IsADirectoryError:
        return _error(result, "is a folder, not an image")
    except OSError as exc:
        return _error(result, f"cannot read file: {exc.strerror or exc}")
    result.sha256 = sha256_bytes(data)
    if seen is not None and result.sha256 in seen:
        first = seen[result.sha256]
        result.status, result.error, result.prediction, result.bin = first.status, first.error, first.prediction, first.bin
        result.duplicate_of = str(first.path)
        result.previous_result_id = first.result_id or first.previous_result_id
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
        return _error(result, f"model failed: {exc}")
    if bin_for is not None:
        result.bin = bin_for(result.prediction.label)
    return result


def _error(result: FileResult, message: str) -> FileResult:
    result.status, result.error = "error", message
    return result


def store_result(db: Any, result: FileResult, model: Any, capability: str = "waste") -> None:
    """Save an ok, not-yet-stored result through `db` (alyesdesk.storage.Database); skip known bytes.

    Sets `result.result_id` (new row) or `result.previous_result_id` (same sha256 stored before).
    """
    if not result.ok or result.prediction is None or result.duplicate_of or result.sha256 is None:
        return
    previous = db.find_by_sha256(capability, result.sha256)
    if previous is not None:
        result.previous_result_id = int(previous["id"])
        return
    p = result.prediction
    result.result_id = db.save_classification(
        str(result.path), result.sha256, p.label, p.confidence, p.probabilities, model
    )


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
) -> list[FileResult]:
    """Expand `items`, classify each file, store ok results when `db` is given; stops early on request."""
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
            if db is not None:
                try:
                    store_result(db, result, model)
                except Exception as exc:  # storage failure must not lose the prediction
                    result.extra["storage_error"] = str(exc)
        results.append(result)
        if on_result is not None:
            on_result(result, n, len(entries))
    return results


# --- corrections -> dataset --------------------------------------------------------------------------
@dataclass
class ExportReport:
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    per_label: dict[str, int] = field(default_factory=dict)


def export_corrections(corrections: Iterable[dict], out_dir: str | Path) -> ExportReport:
    """Copy corrected images into `out_dir/<corrected label>/`, ready for `alyesdesk.training.waste --data`.

    `corrections` are `Database.corrections()` rows (path, sha256, label, correction). A file that is
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
        writer.writerow([target.relative_to(out).as_posix(), str(source), sha, row.get("label", ""), label])
    (out / "corrections.csv").write_text(manifest.getvalue(), encoding="utf-8")
    return report
