"""The calibrated per-user gaze model: ridge regression on eye-crop projections plus features.

Fitting (well under a second, numpy only):

1. Each eye crop is normalised by its own mean and contrast (lighting changes cancel out), weighted by
   an eye-shaped window, and projected on the first principal components of the user's calibration
   crops (the window and projection are one matrix).
2. Features are scaled by fixed, physically typical ranges (not by their spread in this session, so a
   head that stayed still does not get its noise blown up); squares and products of the iris features
   are added (the iris-to-screen mapping bends towards the screen edges).
3. Ridge regression from [features, quadratic terms, crop components] to the normalised screen point,
   starting from a geometric head-movement prior (`head_prior`): calibration with a still head cannot
   teach how a head turn moves the gaze point, geometry can. The regularisation strength and the weight
   of the crop block are chosen by leave-one-target-out cross-validation over the calibration points
   (scored on targets the model has not seen), taking the most regularised setting within 5% of the best.
4. Distance (`distance.DistanceCorrection`): the regression predicts where the gaze would land from the
   calibration's distance; each frame's point is then scaled by its distance ratio (the eyes' spacing).

The fitted model is an ONNX graph (written by `onnxproto`, no `onnx` package needed) with the same three
inputs as the deep model, and a sidecar. `predict()` is the numpy reference the tests compare it with.
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze.distance import DistanceCorrection, position_gain
from alyesdesk.inference.gaze.onnxproto import Node, make_model

if TYPE_CHECKING:
    from collections.abc import Sequence

    from alyesdesk.inference.gaze.screen import ScreenGeometry

EPS = 1e-3  # crop contrast floor (in 0..1 units) so a flat crop does not divide by zero
LAMBDAS = tuple(float(v) for v in np.logspace(-3, 3, 19))
# Chosen on the simulator's choice faces (scripts/bench_gaze_accuracy.py CHOICE_FACES, 7 of them cached,
# seed 1): the crops carry most of the signal (features alone: 2.8 deg still, 4.2 moving), and the CV
# picked the largest weight of the old (0, 1, 3, 10) grid; with the grid (3, 10, 30, 100), the iris-only
# quadratic terms and the wider window below: still 1.85 -> 1.82, moving 2.76 -> 2.44 deg per frame.
CROP_WEIGHTS = (3.0, 10.0, 30.0, 100.0)
# Components: COMPONENTS_PER_POINT per calibration group, at most MAX_COMPONENTS. A 9-point calibration gets
# 27 (24 before: no measurable difference); 9 points + 15 s of smooth pursuit (24 groups) gets 64, which its
# ~700 samples support: choice faces with pursuit, 24 -> 48 -> 64 components: still 1.45 -> 1.35 -> 1.33 deg,
# moving 2.51 -> 2.38 -> 2.33 (offline on cached frames, pipeline output per frame).
MAX_COMPONENTS = 64
# The principal axes come from at most this many samples, evenly spaced: the n x n eigen-decomposition grows
# as n^3, and a smooth-pursuit calibration has ~700 samples (the fit took 30 s on a loaded 2-core machine);
# 300 gave the same accuracy on the choice faces (1.334 -> 1.336 deg still, 2.33 -> 2.35 moving).
PCA_MAX_SAMPLES = 300
COMPONENTS_PER_POINT = 3
CV_TOLERANCE = 1.05

# Which feature pairs get quadratic terms, per front end (indices into the feature vector).
QUADRATIC_PAIRS = {
    # Iris terms only: the iris x yaw products (fitted on a still head, where yaw barely moves) hurt with a
    # moving head on the choice faces (2.67 -> 2.53 deg).
    "mediapipe": ((0, 0), (1, 1), (0, 1), (2, 2), (3, 3), (2, 3)),
    "haar": (),
}


FEATURE_SCALES = {
    # iris u, v (x2), yaw, pitch, roll, head x, y, scale, openness (x2), eye centres (x4)
    "mediapipe": (0.05, 0.02, 0.05, 0.02, 0.1, 0.1, 0.1, 0.05, 0.05, 0.01, 0.03, 0.03, 0.05, 0.05, 0.05, 0.05),
    # face x, y, size, eye x, y, size, side (x2), padding: positions in frame fractions
    "haar": (0.05, 0.05, 0.02, 0.05, 0.05, 0.01, 1.0) * 2 + (1.0, 1.0),
}


class FitError(ValueError):
    """Calibration data cannot produce a model (too few usable samples or targets)."""


@dataclass
class CalibratedGazeModel:
    """One user's fitted model (see the module doc): predicts normalised screen points, exports to ONNX."""

    frontend: str
    feature_names: tuple[str, ...]
    screen: ScreenGeometry
    f_mean: np.ndarray  # (F,)
    f_std: np.ndarray
    pairs: np.ndarray  # (Q, 2) int64
    crop_mean: np.ndarray  # (2048,)
    projection: np.ndarray  # (2048, k)
    v_mean: np.ndarray  # (F + Q + k,)
    v_scale: np.ndarray  # multiplies (v - v_mean): 1/std times the block weight
    weights: np.ndarray  # (F + Q + k, 2)
    bias: np.ndarray  # (2,)
    info: dict = field(default_factory=dict)
    distance: DistanceCorrection | None = None

    # --- numpy reference -------------------------------------------------------------------------
    def predict(self, right: np.ndarray, left: np.ndarray, features: np.ndarray) -> np.ndarray:
        """Normalised screen points (N, 2) from model inputs (crops already scaled to 0..1)."""
        out = _design(self, right, left, features) @ self.weights + self.bias
        return out if self.distance is None else self.distance.apply(out, features)

    def predict_px(self, samples: Sequence[S.GazeSample]) -> np.ndarray:
        if not samples:
            return np.zeros((0, 2))
        out = self.predict(*S.stack(samples))
        return out * np.array([self.screen.width_px, self.screen.height_px])

    # --- drift correction -----------------------------------------------------------------------
    def recentred(self, samples: Sequence[S.GazeSample], target_px: tuple[float, float]) -> CalibratedGazeModel:
        """A copy whose predictions are shifted so `samples` (looking at `target_px`) land on the target."""
        usable = [s for s in samples if s.ok]
        if not usable:
            raise FitError("no usable samples for the drift correction: keep the face in view with eyes open")
        pred = np.median(self.predict(*S.stack(usable)), axis=0)
        target = np.array(target_px, np.float64) / np.array([self.screen.width_px, self.screen.height_px])
        shifted = CalibratedGazeModel(**{**self.__dict__})
        shifted.bias = (self.bias + (target - pred)).astype(np.float32)
        shifted.info = {**self.info, "drift_correction_px": ((target - pred) * [self.screen.width_px, self.screen.height_px]).round(1).tolist()}
        return shifted

    # --- export ------------------------------------------------------------------------------------
    def to_onnx(self) -> bytes:
        def f(a: np.ndarray) -> np.ndarray:
            return np.ascontiguousarray(a, np.float32)

        inits = {
            "f_mean": f(self.f_mean), "f_std": f(self.f_std),
            "crop_mean": f(self.crop_mean), "projection": f(self.projection),
            "v_mean": f(self.v_mean), "v_scale": f(self.v_scale),
            "weights": f(self.weights), "bias": f(self.bias),
            "eps": np.array([EPS * EPS], np.float32),
        }
        nodes: list[Node] = []
        for eye in ("right_eye", "left_eye"):
            e = eye[0]
            nodes += [
                Node("Flatten", [eye], [f"{e}_flat"], {"axis": 1}),
                Node("ReduceMean", [f"{e}_flat"], [f"{e}_mu"], {"axes": [1], "keepdims": 1}),
                Node("Sub", [f"{e}_flat", f"{e}_mu"], [f"{e}_c"]),
                Node("Mul", [f"{e}_c", f"{e}_c"], [f"{e}_sq"]),
                Node("ReduceMean", [f"{e}_sq"], [f"{e}_var"], {"axes": [1], "keepdims": 1}),
                Node("Add", [f"{e}_var", "eps"], [f"{e}_var_eps"]),
                Node("Sqrt", [f"{e}_var_eps"], [f"{e}_sd"]),
                Node("Div", [f"{e}_c", f"{e}_sd"], [f"{e}_n"]),
            ]
        nodes += [
            Node("Concat", ["r_n", "l_n"], ["crops"], {"axis": 1}),
            Node("Sub", ["crops", "crop_mean"], ["crops_c"]),
            Node("MatMul", ["crops_c", "projection"], ["z"]),
            Node("Sub", ["features", "f_mean"], ["f_c"]),
            Node("Div", ["f_c", "f_std"], ["fs"]),
        ]
        parts = ["fs"]
        if len(self.pairs):
            inits["pair_a"] = self.pairs[:, 0].astype(np.int64)
            inits["pair_b"] = self.pairs[:, 1].astype(np.int64)
            nodes += [
                Node("Gather", ["fs", "pair_a"], ["qa"], {"axis": 1}),
                Node("Gather", ["fs", "pair_b"], ["qb"], {"axis": 1}),
                Node("Mul", ["qa", "qb"], ["q"]),
            ]
            parts.append("q")
        parts.append("z")
        nodes += [
            Node("Concat", parts, ["v"], {"axis": 1}),
            Node("Sub", ["v", "v_mean"], ["v_c"]),
            Node("Mul", ["v_c", "v_scale"], ["v_s"]),
            Node("MatMul", ["v_s", "weights"], ["g0"]),
            Node("Add", ["g0", "bias"], ["gaze" if self.distance is None else "g_ref"]),
        ]
        if self.distance is not None:
            more_inits, more_nodes = self.distance.graph("features", "g_ref", "gaze")
            inits.update(more_inits)
            nodes += more_nodes
        crop: tuple[str, list[int | str | None]] = ("float32", ["N", 1, S.CROP_SIZE, S.CROP_SIZE])
        return make_model(
            nodes,
            inputs=[("right_eye", *crop), ("left_eye", *crop), ("features", "float32", ["N", S.FEATURE_COUNT])],
            outputs=[("gaze", "float32", ["N", 2])],
            initializers=inits,
            graph_name="gaze_calibrated",
        )

    def sidecar(self, name: str = "gaze-calibrated", version: str | None = None) -> dict:
        return gaze_sidecar(
            name=name,
            version=version or time.strftime("%Y%m%d-%H%M%S"),
            kind="calibrated",
            frontend=self.frontend,
            feature_names=self.feature_names,
            screen=self.screen,
            licence="personal calibration data (stays on this computer)",
            description="Per-user calibrated gaze model: ridge regression on eye-crop principal components "
            "and face/iris features, fitted by AlyesDesk from a calibration session.",
            metrics=self.info.get("metrics", {}),
            extra={"fit": {k: v for k, v in self.info.items() if k != "metrics"}
                   | ({"distance": self.distance.describe()} if self.distance is not None else {})},
        )

    def save(self, onnx_path: str | Path, name: str = "gaze-calibrated") -> tuple[Path, Path]:
        onnx_path = Path(onnx_path)
        onnx_path.parent.mkdir(parents=True, exist_ok=True)
        onnx_path.write_bytes(self.to_onnx())
        sidecar = onnx_path.with_suffix(".json")
        sidecar.write_text(json.dumps(self.sidecar(name), indent=2), encoding="utf-8")
        return onnx_path, sidecar


def gaze_sidecar(
    *, name: str, version: str, kind: str, frontend: str, feature_names: Sequence[str], screen: ScreenGeometry,
    licence: str, description: str, metrics: dict | None = None, extra: dict | None = None,
) -> dict:
    """The sidecar shared by both kinds of gaze model (one input signature)."""
    crop = {
        "shape": ["N", 1, S.CROP_SIZE, S.CROP_SIZE], "dtype": "float32", "layout": "NCHW",
        "color_order": "GRAY", "resize": "stretch",
        "normalization": {"scale": 1.0 / 255.0, "mean": [0.0], "std": [1.0]},
    }
    data = {
        "schema_version": 1,
        "task": "gaze",
        "name": name,
        "version": version,
        "licence": licence,
        "description": description,
        "inputs": [
            {"name": "right_eye", **crop},
            {"name": "left_eye", **crop},
            {"name": "features", "shape": ["N", S.FEATURE_COUNT], "dtype": "float32", "layout": "NC"},
        ],
        "outputs": [{"name": "gaze", "shape": ["N", 2], "dtype": "float32", "layout": "NC"}],
        "gaze": {
            "kind": kind,
            "frontend": frontend,
            "features": list(feature_names),
            "output": "normalised screen point: x / screen width, y / screen height (0..1, top-left origin)",
            "screen": screen.to_dict(),
        },
        "metrics": metrics or {},
    }
    data.update(extra or {})
    return data


# --------------------------------------------------------------------------------------------------
# Fitting
# --------------------------------------------------------------------------------------------------


def _normalise_crops(right: np.ndarray, left: np.ndarray) -> np.ndarray:
    out = []
    for crops in (right, left):
        flat = crops.reshape(len(crops), -1).astype(np.float64)
        flat = flat - flat.mean(axis=1, keepdims=True)
        flat /= np.sqrt((flat * flat).mean(axis=1, keepdims=True) + EPS * EPS)
        out.append(flat)
    return np.hstack(out)


def _raw_blocks(m: CalibratedGazeModel, right: np.ndarray, left: np.ndarray, features: np.ndarray) -> np.ndarray:
    fs = (np.asarray(features, np.float64) - m.f_mean) / m.f_std
    blocks = [fs]
    if len(m.pairs):
        blocks.append(fs[:, m.pairs[:, 0]] * fs[:, m.pairs[:, 1]])
    blocks.append((_normalise_crops(right, left) - m.crop_mean) @ m.projection)
    return np.hstack(blocks)


def _design(m: CalibratedGazeModel, right: np.ndarray, left: np.ndarray, features: np.ndarray) -> np.ndarray:
    return (_raw_blocks(m, right, left, features) - m.v_mean) * m.v_scale


def fit_calibrated(
    samples: Sequence[S.GazeSample],
    targets_px: np.ndarray,
    screen: ScreenGeometry,
    frontend: str,
    groups: np.ndarray | None = None,
    feature_names: Sequence[str] | None = None,
) -> CalibratedGazeModel:
    """Fit from usable samples and their targets (screen px). `groups`: calibration-point id per sample.

    Samples with a status other than "ok" are ignored. Raises FitError when fewer than 4 distinct targets
    remain (a plane needs 3; the cross-validation needs one more).
    """
    started = time.perf_counter()
    targets_px = np.asarray(targets_px, np.float64).reshape(-1, 2)
    if len(samples) != len(targets_px):
        raise FitError(f"{len(samples)} samples but {len(targets_px)} targets")
    keep = np.array([s.ok for s in samples], bool)
    if groups is None:
        # Samples looking at the same point form one group.
        _, groups = np.unique(np.round(targets_px, 1), axis=0, return_inverse=True)
    groups = np.asarray(groups).reshape(-1)[keep]
    usable = [s for s, k in zip(samples, keep, strict=True) if k]
    y = targets_px[keep] / np.array([screen.width_px, screen.height_px])
    n_groups = len(np.unique(groups))
    if n_groups < 4 or len(usable) < 8:
        raise FitError(
            f"only {len(usable)} usable samples on {n_groups} calibration points; need at least 4 points "
            "(keep the face in view, eyes open, and look at each target)"
        )
    right, left, feats = S.stack(usable)
    feats = feats.astype(np.float64)
    f_mean = feats.mean(axis=0)
    distance = DistanceCorrection.for_session(frontend, feats, screen) if DISTANCE_CORRECTION else None
    if distance is not None:
        # The regression learns where each sample would land from the calibration's (median) distance.
        y = distance.invert(y, feats)
    # Fixed, physically typical scales rather than each feature's spread in this session: a feature that
    # barely moved during calibration (head pose with a still head) must stay small, not be blown up to
    # unit variance where its noise would compete with the iris.
    f_std = np.asarray(FEATURE_SCALES.get(frontend, feats.std(axis=0)), np.float64).copy()
    f_std[f_std < 1e-6] = 1.0  # constant (e.g. padding) features contribute nothing
    pairs = np.array(QUADRATIC_PAIRS.get(frontend, ()), np.int64).reshape(-1, 2)

    crops = _normalise_crops(right, left)
    crop_mean = crops.mean(axis=0)
    centred = crops - crop_mean
    blocks = _crop_blocks(centred, len(usable), n_groups)
    projection = np.hstack(blocks)
    k = projection.shape[1]

    model = CalibratedGazeModel(
        frontend=frontend,
        feature_names=tuple(feature_names or _names(frontend)),
        screen=screen,
        f_mean=f_mean, f_std=f_std, pairs=pairs,
        crop_mean=crop_mean, projection=projection,
        v_mean=np.zeros(1), v_scale=np.ones(1), weights=np.zeros((1, 2)), bias=np.zeros(2),
        distance=distance,
    )
    raw = _raw_blocks(model, right, left, feats)
    v_mean = raw.mean(axis=0)
    # Head movement prior: with a still head during calibration nothing tells the regression how a turn
    # or a shift of the head moves the gaze point, so start from geometry (see `head_prior`) and let the
    # ridge learn only the deviation from it (ridge then shrinks towards the prior instead of zero).
    prior = np.zeros((raw.shape[1], 2))
    if HEAD_PRIOR:
        prior[: feats.shape[1]] = head_prior(frontend, screen) * f_std[:, None]
    y = y - (raw - v_mean) @ prior
    # Features are already on fixed natural scales. Each crop block (darkness moments, principal
    # components) gets one global scale, so that components with little variance stay small (ridge
    # shrinks them most, as it should), and a weight chosen by cross-validation.
    spans, start = [], feats.shape[1] + len(pairs)
    for block in blocks:
        end = start + block.shape[1]
        rms = float(np.sqrt(((raw[:, start:end] - v_mean[start:end]) ** 2).sum(axis=1).mean())) or 1.0
        spans.append((start, end, rms))
        start = end

    trials = []
    for weights in itertools.product(CROP_WEIGHTS, repeat=len(spans)):
        scale = np.ones(raw.shape[1])
        for (a, b_, rms), wgt in zip(spans, weights, strict=True):
            scale[a:b_] = wgt / rms
        x = (raw - v_mean) * scale
        for err, lam in zip(_cv_errors(x, y, groups, screen), LAMBDAS, strict=True):
            trials.append((float(err), lam, weights, scale))
    # Nine held-out points make a noisy score: among the settings within CV_TOLERANCE of the best, take
    # the most regularised (the usual "one standard error" rule), which interpolates more smoothly.
    floor = min(t[0] for t in trials)
    cv_px, lam, weight, scale = max((t for t in trials if t[0] <= floor * CV_TOLERANCE), key=lambda t: t[1])
    x = (raw - v_mean) * scale
    w, b = _ridge(x, y, lam)
    w = w + prior / np.where(scale == 0, 1.0, scale)[:, None]  # back in the model's (scaled) input space
    model.v_mean, model.v_scale, model.weights, model.bias = v_mean, scale, w, b
    elapsed = time.perf_counter() - started
    model.info = {
        "samples": int(len(usable)),
        "points": int(n_groups),
        "components": int(k),
        "lambda": float(lam),
        "crop_weights": [float(v) for v in weight],
        "fit_seconds": round(elapsed, 4),
        "metrics": {
            "cv_mean_px": round(float(cv_px), 1),
            "cv_mean_deg": round(float(screen.px_to_deg(cv_px)), 3),
            "note": "leave-one-calibration-point-out error on the calibration session",
        },
    }
    return model


# The eye window: a Gaussian over the eye opening, wide along the eye and narrower across it, so that brows
# and cheeks (which move with head pitch, not with gaze) weigh less in the crop projection. Measured on
# one face, a narrow (12, 4) window helped with head movement (2.9 -> 2.5 degrees); over the choice faces,
# whose eyes differ in height (narrow, smiling), the wider (18, 10) is better (moving 2.53 -> 2.44).
WINDOW = (18.0, 10.0)  # sigma x, sigma y in crop pixels


def _window(size: int = S.CROP_SIZE) -> np.ndarray:
    """The eye window for both crops, flattened (2048,)."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float64)
    c = (size - 1) / 2.0
    w = np.exp(-0.5 * (((xx - c) / WINDOW[0]) ** 2 + ((yy - c) / WINDOW[1]) ** 2)).reshape(-1)
    return np.concatenate([w, w])


def _crop_blocks(centred: np.ndarray, n: int, n_groups: int) -> list[np.ndarray]:
    """Crop projections as blocks that get separate weights (one block today: windowed PCA).

    The window is folded into the projection matrix (z = (w * x) @ P = x @ (w[:, None] * P)), so the
    ONNX graph is unchanged.
    """
    window = _window()
    return [window[:, None] * _pca(centred * window, n, n_groups)]


def _pca(centred: np.ndarray, n: int, n_groups: int) -> np.ndarray:
    k = int(min(MAX_COMPONENTS, n - 1, max(n_groups * COMPONENTS_PER_POINT, 4)))
    if len(centred) > PCA_MAX_SAMPLES:
        centred = centred[np.linspace(0, len(centred) - 1, PCA_MAX_SAMPLES).round().astype(int)]
    # Principal axes through the small n x n Gram matrix (n samples << 2048 pixels): much faster than
    # an SVD of the data matrix.
    evals, evecs = np.linalg.eigh(centred @ centred.T)
    order = np.argsort(evals)[::-1][:k]
    axes = centred.T @ evecs[:, order]
    return axes / np.maximum(np.linalg.norm(axes, axis=0), 1e-12)  # (2048, k)


HEAD_PRIOR = True
# Distance correction (module doc, step 4). Offline on the 12 choice faces (9 points + moving dot, per frame):
# moving head 2.40 -> 2.25 deg (better on all 12), still head unchanged (1.382 -> 1.382).
DISTANCE_CORRECTION = True


def head_prior(frontend: str, screen: ScreenGeometry) -> np.ndarray:
    """(F, 2): expected change of the normalised gaze point per unit of each raw feature.

    Geometry with the camera above the screen centre, the viewer at `screen.distance_cm`:
    a head turned by a small yaw (rad) moves the gaze point by distance * yaw sideways; a head moved by
    dx cm moves it by dx (the camera's X is mirrored with respect to the screen's x); head position
    features are fractions of the frame, converted to cm with the assumed field of view.
    """
    out = np.zeros((S.FEATURE_COUNT, 2))
    d = screen.distance_cm
    gain = position_gain(screen)  # per frame fraction of head position
    if frontend == "mediapipe":
        out[4, 0] = -d / (screen.width_mm / 10.0)  # yaw
        out[5, 1] = d / (screen.height_mm / 10.0)  # pitch
        out[7, 0], out[8, 1] = gain  # head_x, head_y
    elif frontend == "haar":
        for i in (0, 7):  # face centre x and y, repeated for each eye: share the effect
            out[i, 0], out[i + 1, 1] = 0.5 * gain
    return out


def _names(frontend: str) -> tuple[str, ...]:
    return S.HAAR_FEATURES if frontend == "haar" else S.MEDIAPIPE_FEATURES


def _ridge(x: np.ndarray, y: np.ndarray, lam: float) -> tuple[np.ndarray, np.ndarray]:
    # x is centred, so the intercept is the mean target and is not penalised.
    y_mean = y.mean(axis=0)
    gram = x.T @ x
    w = np.linalg.solve(gram + lam * np.eye(len(gram)), x.T @ (y - y_mean))
    return w, y_mean


def _cv_errors(x: np.ndarray, y: np.ndarray, groups: np.ndarray, screen: ScreenGeometry) -> np.ndarray:
    """Mean held-out error in px for every lambda, leaving one calibration point out at a time.

    Each held-out point is scored by the median of its predictions (what a fixation gives), so
    frame-level noise does not dominate the choice. One eigen-decomposition of the small (d x d)
    covariance per fold gives the ridge solution for every lambda.
    """
    scale = np.array([screen.width_px, screen.height_px])
    totals = np.zeros(len(LAMBDAS))
    ids = np.unique(groups)
    for g in ids:
        test = groups == g
        train = ~test
        xt = x[train]
        mu = xt.mean(axis=0)
        y_mean = y[train].mean(axis=0)
        xc = xt - mu
        evals, evecs = np.linalg.eigh(xc.T @ xc)
        evals = np.maximum(evals, 0.0)
        vty = evecs.T @ (xc.T @ (y[train] - y_mean))  # (d, 2)
        proj = (x[test] - mu) @ evecs  # (n_test, d)
        moving = np.ptp(y[test], axis=0).max() >= 1e-9
        for i, lam in enumerate(LAMBDAS):
            pred = proj @ (vty / (evals + lam)[:, None]) + y_mean
            if not moving:
                err = (np.median(pred, axis=0) - y[test][0]) * scale
                totals[i] += float(np.hypot(*err))
            else:  # a moving target (smooth pursuit segment): mean per-sample error
                totals[i] += float(np.hypot(*((pred - y[test]) * scale).T).mean())
    return totals / len(ids)
