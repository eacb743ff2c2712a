"""Helpers shared by training scripts: deterministic splits, a wall-clock budget, numpy/OpenCV
augmentation, temperature scaling and ONNX export. Torch is imported lazily (only where needed).

Never imported by the app: `alyesdesk/training/` is for the `train` extra only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import time
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Sequence

import cv2
import numpy as np

from alyesdesk.fileio import atomic_write_text

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp")


# --- data ------------------------------------------------------------------------------------------
def find_class_folders(roots: Iterable[Path]) -> dict[str, list[Path]]:
    """Class name -> image files, for every folder (at any depth under a root) that holds images.

    The folder name is the class, so `trashnet/glass/` and an exported `corrections/glass/` merge.
    """
    classes: dict[str, list[Path]] = {}
    for root in roots:
        root = Path(root)
        for folder in sorted([root, *[p for p in root.rglob("*") if p.is_dir()]]):
            files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
            if files:
                classes.setdefault(folder.name, []).extend(files)
    return classes


def stable_key(text: str, seed: int) -> str:
    """A platform-independent shuffle key (Python's hash() is salted per process)."""
    return hashlib.sha1(f"{seed}:{text}".encode()).hexdigest()


def stratified_split(
    items_by_class: dict[str, list[str]], fractions: Sequence[float] = (0.7, 0.15, 0.15), seed: int = 0
) -> dict[str, list[str]]:
    """Deterministic stratified train/val/test split of string ids (e.g. relative paths).

    Order inside a class comes from a seeded sha1 of each id, so the split does not depend on the
    file system's listing order or platform; adding files to one class only moves files of that class.
    """
    names = ("train", "val", "test")
    out: dict[str, list[str]] = {n: [] for n in names}
    for label in sorted(items_by_class):
        ids = sorted(items_by_class[label], key=lambda s: stable_key(s, seed))
        n = len(ids)
        n_val = int(round(n * fractions[1]))
        n_test = int(round(n * fractions[2]))
        n_train = n - n_val - n_test
        out["train"] += ids[:n_train]
        out["val"] += ids[n_train : n_train + n_val]
        out["test"] += ids[n_train + n_val :]
    return {k: sorted(v) for k, v in out.items()}


# --- budget ----------------------------------------------------------------------------------------
class TimeBudget:
    """Wall-clock budget that survives --resume: `elapsed` includes time spent before the restart."""

    def __init__(self, minutes: float, already_spent_s: float = 0.0) -> None:
        self.total_s = max(1.0, minutes * 60.0)
        self._start = time.monotonic() - already_spent_s

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._start

    @property
    def progress(self) -> float:
        return min(1.0, self.elapsed / self.total_s)

    def left(self) -> float:
        return self.total_s - self.elapsed


def cosine_lr(base: float, progress: float, warmup: float = 0.03, floor: float = 0.01) -> float:
    """Warm-up then cosine decay driven by the fraction of the time budget spent (not by epochs),
    so a run ends with a small learning rate whatever the machine's load was.
    """
    if progress < warmup:
        return base * max(0.05, progress / warmup)
    p = (progress - warmup) / max(1e-9, 1.0 - warmup)
    return base * (floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * min(1.0, p))))


# --- augmentation (numpy / OpenCV only) ------------------------------------------------------------
def augment_batch(images: np.ndarray, rng: np.random.Generator, *, rot90: bool = True) -> np.ndarray:
    """Random affine (scale, rotation, shift), flips, 90-degree turns and colour jitter.

    `images` is uint8 NHWC; returns float32 NHWC in [0, 255]. Geometry uses reflected borders so no
    black corners teach the model a shortcut.
    """
    n, h, w, _ = images.shape
    out = np.empty((n, h, w, 3), dtype=np.float32)
    for i in range(n):
        img = images[i]
        if rot90 and rng.random() < 0.5:
            img = np.rot90(img, k=int(rng.integers(1, 4)))
            if img.shape[:2] != (h, w):
                img = cv2.resize(np.ascontiguousarray(img), (w, h), interpolation=cv2.INTER_LINEAR)
        if rng.random() < 0.5:
            img = img[:, ::-1]
        if rng.random() < 0.2:
            img = img[::-1, :]
        angle = rng.uniform(-20, 20)
        scale = math.exp(rng.uniform(math.log(0.8), math.log(1.25)))
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, scale)
        matrix[0, 2] += rng.uniform(-0.1, 0.1) * w
        matrix[1, 2] += rng.uniform(-0.1, 0.1) * h
        img = cv2.warpAffine(
            np.ascontiguousarray(img), matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT_101
        )
        out[i] = img
    # Colour jitter, vectorised: brightness, contrast, saturation, per-channel gain.
    brightness = rng.uniform(-25, 25, size=(n, 1, 1, 1)).astype(np.float32)
    contrast = rng.uniform(0.75, 1.3, size=(n, 1, 1, 1)).astype(np.float32)
    saturation = rng.uniform(0.7, 1.3, size=(n, 1, 1, 1)).astype(np.float32)
    gains = rng.uniform(0.92, 1.08, size=(n, 1, 1, 3)).astype(np.float32)
    mean = out.mean(axis=(1, 2, 3), keepdims=True)
    out = (out - mean) * contrast + mean + brightness
    grey = out.mean(axis=3, keepdims=True)
    out = (out - grey) * saturation + grey
    out *= gains
    if rng.random() < 0.3:  # occasional blur: phone photos are rarely sharp
        for i in np.flatnonzero(rng.random(n) < 0.3):
            out[i] = cv2.GaussianBlur(out[i], (3, 3), 0)
    return np.clip(out, 0, 255, out=out)


# --- calibration -----------------------------------------------------------------------------------
def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def nll(logits: np.ndarray, labels: np.ndarray, temperature: float) -> float:
    p = softmax(logits, temperature)
    return float(-np.log(np.clip(p[np.arange(len(labels)), labels], 1e-12, 1.0)).mean())


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """Temperature minimising validation NLL (Guo et al. 2017), by a log-spaced grid then refinement."""
    grid = np.exp(np.linspace(math.log(0.25), math.log(8.0), 200))
    best = min(grid, key=lambda t: nll(logits, labels, t))
    fine = np.linspace(best * 0.95, best * 1.05, 41)
    return float(min(fine, key=lambda t: nll(logits, labels, t)))


def calibration_error(conf: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    """ECE from each prediction's confidence and whether it was right (equal-width confidence bins)."""
    conf, correct = np.asarray(conf), np.asarray(correct)
    ece = 0.0
    edges = np.linspace(0, 1, bins + 1)
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (conf > lo) & (conf <= hi)
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - conf[mask].mean())
    return float(ece)


def expected_calibration_error(probs: np.ndarray, labels: np.ndarray, bins: int = 10) -> float:
    return calibration_error(probs.max(axis=1), probs.argmax(axis=1) == labels, bins)


def classification_metrics(pred: np.ndarray, labels: np.ndarray, names: Sequence[str]) -> dict[str, Any]:
    k = len(names)
    confusion = np.zeros((k, k), dtype=int)
    for t, p in zip(labels, pred):
        confusion[t, p] += 1
    per_class = {
        names[i]: round(float(confusion[i, i] / confusion[i].sum()), 4) if confusion[i].sum() else None
        for i in range(k)
    }
    return {
        "top1": round(float((pred == labels).mean()), 4) if len(labels) else None,
        "count": int(len(labels)),
        "per_class_accuracy": per_class,
        "confusion_matrix": {"rows_true_cols_pred": list(names), "matrix": confusion.tolist()},
    }


# --- export ----------------------------------------------------------------------------------------
def export_onnx(model: Any, example: Any, path: Path, input_name: str, output_name: str) -> None:
    """Export with a dynamic batch axis; the legacy exporter (opset 17) first, dynamo (opset 18) if absent."""
    import torch

    path.parent.mkdir(parents=True, exist_ok=True)
    model.eval()
    try:
        torch.onnx.export(
            model,
            (example,),
            str(path),
            input_names=[input_name],
            output_names=[output_name],
            dynamic_axes={input_name: {0: "batch"}, output_name: {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
    except TypeError:
        torch.onnx.export(
            model,
            (example,),
            str(path),
            input_names=[input_name],
            output_names=[output_name],
            dynamic_shapes=({0: torch.export.Dim("batch")},),
            opset_version=18,
        )


def write_json(path: Path, data: Any) -> None:
    atomic_write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def log_line(run_dir: Path, text: str) -> None:
    """A timestamped line on the console and appended to `<run_dir>/train.log` (a resumed run continues it)."""
    line = f"{time.strftime('%H:%M:%S')} {text}"
    print(line, flush=True)
    with (run_dir / "train.log").open("a", encoding="utf-8") as f:
        f.write(line + "\n")


def log_to_run_dir(run_dir: str | Path) -> None:
    """Log to the console and to `<run_dir>/train.log` (a resumed run appends to the same file)."""
    Path(run_dir).mkdir(parents=True, exist_ok=True)
    handlers = [logging.StreamHandler(), logging.FileHandler(Path(run_dir) / "train.log")]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", handlers=handlers, force=True)
