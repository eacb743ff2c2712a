"""The smooth-pursuit part of a calibration: its samples as training data, and the eye's lag behind the dot.

A dot moving slowly along a path (`targets.pursuit_path`) gives a sample at a new screen point every
frame: 15 s of it is ~400 samples spread over the whole screen, against 9 fixed points. Measured on the
simulator's 12 choice faces (scripts/bench_gaze_accuracy.py --subset choice --pattern 9+pursuit, seed 1,
20 points x 4 frames), adding 15 s of pursuit after the 9 points took the per-frame error from 1.97 to
1.38 deg with a still head and from 2.74 to 2.33 deg with a moving one (with the larger crop projection it
supports, fit.MAX_COMPONENTS). The simulated eye follows the dot perfectly; labels made wrong by a slowly
wandering 1 deg (rms) still gave 1.42 / 2.36 deg offline, and 2 deg gave 1.64 / 2.51.

The eye follows a moving dot a little late (about 0.1 s, varying between people and with the speed), and a
sample labelled with the wrong dot position teaches the model a shift along the path: on the simulator a
0.1 s mislabel cost about 0.25 deg. When a calibration also has fixed points, the lag is measured instead
of assumed: the model fitted on the fixed points alone predicts the pursuit samples, and the lag that
brings the dot's path closest to those predictions is used (exact to one grid step on every choice face,
for lags of 0, 0.1 and 0.2 s).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from alyesdesk.inference.gaze.fit import CalibratedGazeModel
    from alyesdesk.inference.gaze.sample import GazeSample

LAG_GRID_S = tuple(round(float(v), 3) for v in np.arange(-0.1, 0.3001, 0.025))  # anticipation to slow pursuit
GROUP_OFFSET = 1000  # pursuit cross-validation groups (one per second) never collide with fixed-point ids


def training_set(
    recorded: Sequence[tuple[float, GazeSample]],
    path: Callable[[float], tuple[float, float]],
    lag_s: float,
) -> tuple[list[GazeSample], np.ndarray, np.ndarray]:
    """Usable samples, their dot positions (px, `lag_s` earlier) and one group per second of the path.

    `recorded`: (seconds since the dot started moving, sample) pairs.
    """
    samples, targets, groups = [], [], []
    for elapsed, sample in recorded:
        if sample.ok:
            samples.append(sample)
            targets.append(path(max(0.0, elapsed - lag_s)))
            groups.append(GROUP_OFFSET + int(elapsed))  # one-second segments: neighbours are near-copies
    return samples, np.array(targets, np.float64).reshape(-1, 2), np.array(groups, np.int64)


def estimate_lag(
    model: CalibratedGazeModel,
    recorded: Sequence[tuple[float, GazeSample]],
    path: Callable[[float], tuple[float, float]],
    grid: Sequence[float] = LAG_GRID_S,
) -> float | None:
    """The lag (s) of the eye behind the dot that best explains `model`'s predictions of the pursuit samples.

    `model` must not have seen the pursuit samples (fit it on the fixed points). None when too few samples.
    The median error is used: a blink or a glance away must not move the estimate.
    """
    usable = [(t, s) for t, s in recorded if s.ok]
    if len(usable) < 30:
        return None
    times = np.array([t for t, _ in usable])
    pred = model.predict_px([s for _, s in usable])
    errors = []
    for lag in grid:
        dots = np.array([path(max(0.0, t - lag)) for t in times])
        errors.append(float(np.median(np.hypot(*(pred - dots).T))))
    return float(grid[int(np.argmin(errors))])
