"""Offline evaluation: run a front end over a dataset, predict, and score in px and degrees."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze.filters import BlinkGate, PointFilter
from alyesdesk.inference.gaze.frontends import make_frontend

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from alyesdesk.inference.gaze.dataset import GazeDataset
    from alyesdesk.inference.gaze.pipeline import Predictor
    from alyesdesk.inference.gaze.screen import ScreenGeometry


@dataclass
class EvalReport:
    """Errors of a model on a dataset, per frame and per target point, in screen px and degrees.

    The error fields are None when no frame was usable; `statuses` counts the samples' statuses.
    """

    frames: int
    usable: int
    mean_px: float | None
    median_px: float | None
    mean_deg: float | None
    median_deg: float | None
    # Per target: the median prediction over the target's frames (what a fixation gives).
    points: int = 0
    point_mean_px: float | None = None
    point_mean_deg: float | None = None
    point_median_deg: float | None = None
    # Sequential datasets: the error of the One Euro filtered point the app would show (frames in order).
    filtered_mean_px: float | None = None
    filtered_mean_deg: float | None = None
    statuses: dict = field(default_factory=dict)
    screen: dict = field(default_factory=dict)
    note: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def extract(dataset: GazeDataset, frontend_name: str, progress: Callable[[int, int], None] | None = None) -> list[S.GazeSample]:
    """Samples for every dataset item (unreadable frames give a no_face sample with the reason)."""
    frontend = make_frontend(frontend_name, static=not dataset.sequential)
    out: list[S.GazeSample] = []
    try:
        for i, (item, image, error) in enumerate(dataset.images()):
            t = item.truth.get("t", i / 30.0) if item.truth else i / 30.0
            if image is None:
                out.append(S.failed(S.NO_FACE, error, timestamp=t))
            else:
                out.append(frontend.process(image, t))
            if progress:
                progress(i + 1, len(dataset))
    finally:
        frontend.close()
    return out


def score(
    predicted_px: np.ndarray,
    targets_px: np.ndarray,
    usable: np.ndarray,
    screen: ScreenGeometry,
    statuses: Sequence[str] = (),
    note: str = "",
) -> EvalReport:
    """Errors of the usable rows. `predicted_px` rows of unusable frames are ignored."""
    targets_px = np.asarray(targets_px, np.float64).reshape(-1, 2)
    usable = np.asarray(usable, bool)
    report = EvalReport(frames=len(targets_px), usable=int(usable.sum()), mean_px=None, median_px=None,
                        mean_deg=None, median_deg=None, statuses=dict(Counter(statuses)),
                        screen=screen.to_dict(), note=note)
    if not usable.any():
        return report
    pred, tgt = np.asarray(predicted_px, np.float64)[usable], targets_px[usable]
    err = np.hypot(*(pred - tgt).T)
    deg = np.asarray(screen.px_to_deg(err))
    report.mean_px, report.median_px = round(float(err.mean()), 1), round(float(np.median(err)), 1)
    report.mean_deg, report.median_deg = round(float(deg.mean()), 3), round(float(np.median(deg)), 3)
    keys, groups = np.unique(np.round(tgt, 2), axis=0, return_inverse=True)
    groups = groups.reshape(-1)
    point_err = np.array([np.hypot(*(np.median(pred[groups == g], axis=0) - keys[g])) for g in range(len(keys))])
    point_deg = np.asarray(screen.px_to_deg(point_err))
    report.points = int(len(keys))
    report.point_mean_px = round(float(point_err.mean()), 1)
    report.point_mean_deg = round(float(point_deg.mean()), 3)
    report.point_median_deg = round(float(np.median(point_deg)), 3)
    return report


def evaluate(model: Predictor, dataset: GazeDataset, frontend_name: str | None = None,
             progress: Callable[[int, int], None] | None = None) -> EvalReport:
    """`model`: a GazeModel backend or a CalibratedGazeModel (anything with predict(right, left, features))."""
    name = frontend_name or str(getattr(model, "frontend", "mediapipe"))
    samples = extract(dataset, name, progress)
    return evaluate_samples(model, samples, dataset)


def evaluate_samples(model: Predictor, samples: Sequence[S.GazeSample], dataset: GazeDataset) -> EvalReport:
    """Score `model` on already extracted samples (one per dataset item, in the same order).

    The model predicts normalised screen coordinates, scaled here to the dataset's screen px. On a sequential
    dataset the point the app would show (blink gate and One Euro filter) is scored too.
    """
    screen = dataset.screen
    usable = np.array([s.ok for s in samples], bool)
    pred = np.full((len(samples), 2), np.nan)
    if usable.any():
        out = model.predict(*S.stack([s for s in samples if s.ok]))
        pred[usable] = np.asarray(out, np.float64) * [screen.width_px, screen.height_px]
    note = "simulated data: simulator numbers, not accuracy on people" if dataset.meta.get("simulated") else ""
    if dataset.screen_assumed:
        note = (note + "; " if note else "") + "screen size assumed (no meta.json)"
    report = score(pred, dataset.targets(), usable, screen, [s.status for s in samples], note)
    if dataset.sequential and usable.any():
        gate = BlinkGate(PointFilter())
        filtered = np.full_like(pred, np.nan)
        for i, s in enumerate(samples):
            g = gate.update(s.timestamp, tuple(pred[i]) if usable[i] else None)
            if g is not None and usable[i]:
                filtered[i] = (g.x, g.y)
        ok = ~np.isnan(filtered[:, 0])
        err = np.hypot(*(filtered[ok] - dataset.targets()[ok]).T)
        report.filtered_mean_px = round(float(err.mean()), 1)
        report.filtered_mean_deg = round(float(screen.px_to_deg(err.mean())), 3)
    return report
