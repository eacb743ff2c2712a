"""Qt-free helpers for live gaze tracking: a newest-wins slot and a calibration loaded from the database.

- `LatestSlot`: a one-slot buffer between a producer thread (camera + inference) and a consumer that pulls
  at its own rate (the GUI at display rate). A new item replaces an unread one and counts as dropped, so
  a slow consumer never makes anything queue up.
- `StoredCalibration`: a calibrated gaze model rebuilt from what `Database.save_calibration` stored (ONNX
  bytes + sidecar), run with onnxruntime from memory (the model never touches the disk unencrypted). It
  has the `predict` of `pipeline.Predictor` and the `recentred`/`screen` that `calibration.DriftCorrection`
  uses, so a 1-point re-centre works on a loaded calibration too: the shift is the engine's `gaze.offset`
  in the sidecar (the ONNX graph is unchanged).
- `TargetLog`, `worst_calibration_targets`, `refit`: what the wizard's "redo the worst points" needs.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Generic, TypeVar

import numpy as np

from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze.fit import FitError
from alyesdesk.inference.gaze.screen import ScreenGeometry

if TYPE_CHECKING:
    from collections.abc import Sequence
    from alyesdesk.inference.gaze.calibration import CalibrationResult, ValidationReport

T = TypeVar("T")



class LatestSlot(Generic[T]):
    """Holds at most one item; `put` overwrites (counting the unread item as dropped), `take` empties.

    Attributes
    ----------
    put_count : int
        Items offered by the producer.
    dropped : int
        Items overwritten before the consumer took them (stale frames skipped, never queued).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._item: T | None = None
        self.put_count = 0
        self.dropped = 0

    def put(self, item: T) -> bool:
        """Store `item`; returns True when it replaced an item nobody took (a dropped frame)."""
        with self._lock:
            replaced = self._item is not None
            self._item = item
            self.put_count += 1
            if replaced:
                self.dropped += 1
            return replaced

    def take(self) -> T | None:
        with self._lock:
            item, self._item = self._item, None
            return item

    def __len__(self) -> int:
        with self._lock:
            return 0 if self._item is None else 1


class StoredCalibration:
    """A calibration from the database (or fresh from the wizard), run from its ONNX bytes.

    A thin layer over the engine's `GazeModel.from_bytes` that adds what the tab and the engine's
    `DriftCorrection` need: the screen, the front end, the database id, the stored accuracy, `predict_px`
    and `recentred` (the shift is the engine's `gaze.offset`, in normalised units, kept in the sidecar).

    Parameters
    ----------
    onnx : bytes
        The fitted model (`CalibratedGazeModel.to_onnx()`).
    sidecar : dict
        Its sidecar; `gaze.frontend`, `gaze.screen` and optionally `gaze.offset` are read.
    calibration_id : int, optional
        The database row, if stored.
    accuracy : dict, optional
        mean_px, median_px, mean_deg, median_deg as stored with the calibration.
    """

    def __init__(self, onnx: bytes, sidecar: dict, calibration_id: int | None = None,
                 accuracy: dict | None = None) -> None:
        from alyesdesk.inference.gaze.model import GazeModel

        gaze = sidecar.get("gaze") or {}
        if "frontend" not in gaze:
            raise ModelError("the stored calibration has no gaze.frontend in its sidecar: recalibrate")
        try:
            self.backend = GazeModel.from_bytes(onnx, sidecar)
            self.backend.verify()  # open and check the graph now, not on the first camera frame
        except ModelError:
            raise
        except Exception as exc:  # a corrupt row or a sidecar that no longer validates
            raise ModelError(f"the stored calibration cannot be loaded ({exc}): recalibrate") from exc
        self.onnx = bytes(onnx)
        self.sidecar = sidecar
        self.calibration_id = calibration_id
        self.accuracy = dict(accuracy or {})
        self.frontend = str(gaze["frontend"])
        self.screen = ScreenGeometry.from_dict(gaze.get("screen") or {})
        self.info: dict = {}

    @classmethod
    def from_record(cls, record: dict) -> StoredCalibration:
        """From a `Database.latest_calibration()` row."""
        accuracy = {k: record.get(k) for k in ("mean_px", "median_px", "mean_deg", "median_deg")}
        return cls(record["model_onnx"], record["sidecar"], record.get("id"), accuracy)

    @property
    def _scale(self) -> np.ndarray:
        return np.array([self.screen.width_px, self.screen.height_px], np.float64)

    @property
    def offset_px(self) -> np.ndarray:
        return self.backend.offset * self._scale

    @property
    def shift_px(self) -> float:
        return float(np.hypot(*self.offset_px))

    def predict(self, right: np.ndarray, left: np.ndarray, features: np.ndarray) -> np.ndarray:
        """Normalised screen points (N, 2), the re-centring offset included."""
        return self.backend.predict(right.astype(np.float32), left.astype(np.float32), features.astype(np.float32))

    def predict_px(self, samples: Sequence[S.GazeSample]) -> np.ndarray:
        if not samples:
            return np.zeros((0, 2))
        return self.predict(*S.stack(samples)) * self._scale

    def recentred(self, samples: Sequence[S.GazeSample], target_px: tuple[float, float]) -> StoredCalibration:
        """A copy shifted so the median prediction of `samples` lands on `target_px` (1-point re-centre)."""
        before = self.offset_px
        try:
            sidecar = self.backend.recentred_sidecar(samples, target_px)
        except ModelError as exc:  # DriftCorrection expects the engine's FitError for "no usable samples"
            raise FitError(str(exc)) from exc
        out = StoredCalibration(self.onnx, sidecar, None, self.accuracy)
        out.info = {"drift_correction_px": [round(float(v), 1) for v in out.offset_px - before]}
        return out


class TargetLog:
    """Samples collected per calibration/validation target, kept so the worst points can be redone.

    The wizard feeds it alongside `CalibrationSession`: `show(target, now)` when a dot appears, `add(now,
    sample)` per frame; samples in the first `settle_s` seconds of a dot are ignored, as the session does.
    A target shown twice (retried after a blink) keeps its last showing.
    """

    def __init__(self, settle_s: float) -> None:
        self.settle_s = settle_s
        self.cal: dict[tuple[float, float], list[S.GazeSample]] = {}
        self.val: dict[tuple[float, float], list[S.GazeSample]] = {}
        self._current: tuple[str, tuple[float, float]] | None = None
        self._started = 0.0

    def show(self, stage: str, point: tuple[float, float], now: float) -> None:
        key = (float(point[0]), float(point[1]))
        self._current = (stage, key)
        self._started = now
        book = self.cal if stage in ("calibrate", "redo") else self.val if stage == "validate" else None
        if book is not None:
            book[key] = []

    def add(self, now: float, sample: S.GazeSample) -> None:
        if self._current is None or now - self._started < self.settle_s:
            return
        stage, key = self._current
        book = self.cal if stage in ("calibrate", "redo") else self.val if stage == "validate" else None
        if book is not None:
            book[key].append(sample)

    def stop(self) -> None:
        self._current = None


def worst_calibration_targets(report: ValidationReport, cal_points: Sequence[tuple[float, float]],
                              worst: int = 2, nearest: int = 2) -> list[tuple[float, float]]:
    """Calibration targets to redo: the `nearest` ones around each of the `worst` validation points."""
    ranked = sorted(report.points, key=lambda p: -p.error_px)[:worst]
    chosen: list[tuple[float, float]] = []
    pts = np.array(cal_points, np.float64).reshape(-1, 2)
    for p in ranked:
        order = np.argsort(np.hypot(*(pts - np.array(p.target)).T))[:nearest]
        for i in order:
            point = (float(pts[i, 0]), float(pts[i, 1]))
            if point not in chosen:
                chosen.append(point)
    return chosen


def refit(log: TargetLog, screen: ScreenGeometry, frontend: str, outlier_z: float = 3.5) -> CalibrationResult:
    """Fit on the logged calibration targets and validate on the logged validation targets."""
    from alyesdesk.inference.gaze.calibration import CalibrationResult, reject_outliers, validate
    from alyesdesk.inference.gaze.fit import fit_calibrated

    samples, targets, groups, rejected = [], [], [], 0
    for g, (point, got) in enumerate(log.cal.items()):
        usable = [s for s in got if s.ok]
        kept = reject_outliers(usable, outlier_z)
        rejected += len(usable) - len(kept)
        samples += kept
        targets += [point] * len(kept)
        groups += [g] * len(kept)
    model = fit_calibrated(samples, np.array(targets, np.float64).reshape(-1, 2), screen, frontend, np.array(groups))
    val_points = list(log.val)
    val_samples = [reject_outliers([s for s in log.val[p] if s.ok], outlier_z) for p in val_points]
    report = validate(model, val_points, val_samples, screen)
    if report is not None:
        model.info.setdefault("metrics", {}).update(
            validation_mean_px=round(report.mean_px, 1), validation_median_px=round(report.median_px, 1),
            validation_mean_deg=round(report.mean_deg, 3), validation_median_deg=round(report.median_deg, 3),
        )
    return CalibrationResult(model=model, validation=report, calibration_samples=len(samples),
                             rejected_samples=rejected)
