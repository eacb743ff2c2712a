"""The calibrated model's distance correction (fit.DistanceCorrection) and the head-movement calibration round."""

from __future__ import annotations

import numpy as np
import pytest

from alyesdesk.inference.gaze import distance as D
from alyesdesk.inference.gaze import fit as F
from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze import targets as T
from alyesdesk.inference.gaze.calibration import FINISHED, CalibrationConfig, CalibrationSession

from gaze_engine_kit import SCREEN, synthetic_sample
from test_gaze_calibration import FPS, drive

SPACING_AT_60 = 0.09  # eye spacing / frame width at 60 cm (the simulator's faces: 0.086-0.094)


def _foot_px() -> np.ndarray:
    # Head centred in the frame: the point straight ahead of the eyes is mid-screen, just above the picture.
    return np.array([0.5 * SCREEN.width_px, -D.CAMERA_GAP_CM / (SCREEN.height_mm / 10.0) * SCREEN.height_px])


def at_distance(x: float, y: float, distance_cm: float, rng: np.random.Generator) -> S.GazeSample:
    """A synthetic eye looking at (x, y) from `distance_cm`: its eyes turn by the angle to the point, so a
    point twice as far from the foot at twice the distance looks the same; the eye spacing shrinks."""
    foot = _foot_px()
    seen = foot + (np.array([x, y]) - foot) * (SCREEN.distance_cm / distance_cm)
    sample = synthetic_sample(float(seen[0]), float(seen[1]), rng, noise=1.0)
    sample.features[9] = SPACING_AT_60 * SCREEN.distance_cm / distance_cm
    return sample


def _fitted(distances=(57.0, 60.0, 63.0), seed: int = 0) -> F.CalibratedGazeModel:
    rng = np.random.default_rng(seed)
    samples, targets, groups = [], [], []
    for g, (x, y) in enumerate(T.sixteen_point(SCREEN)):
        for i in range(12):
            samples.append(at_distance(x, y, distances[i % len(distances)], rng))
            targets.append((x, y))
            groups.append(g)
    return F.fit_calibrated(samples, np.array(targets), SCREEN, "mediapipe", np.array(groups))


def _error_px(model: F.CalibratedGazeModel, distance_cm: float, seed: int = 1) -> float:
    rng = np.random.default_rng(seed)
    points = T.random_points(SCREEN, 30, seed=seed)
    samples = [at_distance(x, y, distance_cm, rng) for x, y in points]
    return float(np.hypot(*(model.predict_px(samples) - np.array(points)).T).mean())


def test_apply_and_invert_are_inverse_and_scale_about_the_point_ahead_of_the_eyes() -> None:
    feats = np.zeros((3, S.FEATURE_COUNT))
    feats[:, 9] = [0.09, 0.09 / 1.25, 0.09 * 1.25]  # at the reference distance, 25% farther, 20% nearer
    d = D.DistanceCorrection.for_session("mediapipe", feats[:1], SCREEN)
    assert d is not None and d.scale_ref == pytest.approx(0.09)
    points = np.array([[0.9, 0.8], [0.9, 0.8], [0.9, 0.8]])
    out = d.apply(points, feats)
    foot = _foot_px() / [SCREEN.width_px, SCREEN.height_px]
    np.testing.assert_allclose(out[0], points[0])
    np.testing.assert_allclose(out[1], foot + (points[1] - foot) * 1.25)
    np.testing.assert_allclose(out[2], foot + (points[2] - foot) * 0.8)
    np.testing.assert_allclose(d.invert(out, feats), points)


def test_a_broken_eye_spacing_is_clipped_not_turned_into_infinity() -> None:
    d = D.DistanceCorrection.for_session("mediapipe", np.full((1, S.FEATURE_COUNT), 0.09), SCREEN)
    feats = np.zeros((2, S.FEATURE_COUNT))
    feats[:, 9] = [0.0, 10.0]
    out = d.apply(np.array([[0.9, 0.8], [0.9, 0.8]]), feats)
    assert np.isfinite(out).all()
    r = (out[:, 0] - 0.5 - feats[:, 7]) / (0.9 - 0.5)
    np.testing.assert_allclose(r, [D.MAX_DISTANCE_RATIO, 1 / D.MAX_DISTANCE_RATIO], rtol=1e-6)


def test_front_ends_without_a_distance_cue_get_no_correction() -> None:
    feats = np.full((4, S.FEATURE_COUNT), 0.1)
    assert D.DistanceCorrection.for_session("haar", feats, SCREEN) is None
    feats[:, 9] = 0.0  # no eye spacing measured
    assert D.DistanceCorrection.for_session("mediapipe", feats, SCREEN) is None


def test_a_viewer_who_sits_back_is_still_tracked(monkeypatch) -> None:  # noqa: ANN001
    corrected = _fitted()
    monkeypatch.setattr(F, "DISTANCE_CORRECTION", False)
    linear = _fitted()
    assert corrected.distance is not None and linear.distance is None
    # At the calibration distance both are alike; 15 cm farther back the linear model lands short.
    assert _error_px(corrected, 60.0) == pytest.approx(_error_px(linear, 60.0), rel=0.25, abs=5.0)
    far_corrected, far_linear = _error_px(corrected, 75.0), _error_px(linear, 75.0)
    assert far_linear > 60.0, far_linear
    assert far_corrected < 0.5 * far_linear, (far_corrected, far_linear)


def test_onnx_graph_matches_the_numpy_reference_with_the_distance_correction() -> None:
    import onnxruntime as ort

    model = _fitted()
    rng = np.random.default_rng(3)
    samples = [at_distance(x, y, d, rng) for (x, y), d in zip(T.random_points(SCREEN, 12, seed=3),
                                                              np.linspace(45, 90, 12), strict=True)]
    right, left, feats = S.stack(samples)
    session = ort.InferenceSession(model.to_onnx(), providers=["CPUExecutionProvider"])
    (out,) = session.run(None, {"right_eye": right, "left_eye": left, "features": feats})
    np.testing.assert_allclose(out, model.predict(right, left, feats), atol=2e-4)
    onnx = pytest.importorskip("onnx")
    onnx.checker.check_model(onnx.load_from_string(model.to_onnx()), full_check=True)
    assert model.sidecar()["fit"]["distance"]["eye_spacing_ref"] == pytest.approx(SPACING_AT_60, rel=0.05)


def test_head_round_shows_the_nine_points_again_after_the_moving_dot_and_fits_on_them() -> None:
    shown = []
    config = CalibrationConfig(pattern="9+pursuit+head", pursuit_after_s=4.0, validation_points=4)
    session = CalibrationSession(SCREEN, "mediapipe", config, on_target=shown.append)
    first = T.nine_point(SCREEN)[0]

    def look(t):  # noqa: ANN001, ANN202
        target = session.current_target
        if target is None:
            return None
        if target.stage == "pursuit":
            return session.target_position(t)
        showings = sum(1 for s in shown if (s.stage, s.x, s.y) == (target.stage, *first))
        if (target.x, target.y) == first and showings == 1:
            return None  # a blink through the first showing of the first dot, in each round: retried in its round
        return (target.x, target.y)

    drive(session, look, until=200.0)
    assert session.state == FINISHED, session.message
    stages = [t.stage for t in shown]
    assert stages == ["calibrate"] * 10 + ["pursuit"] + ["head"] * 10 + ["validate"] * 4
    assert session.result.skipped_targets == []
    pursuit_frames = (config.pursuit_after_s - config.settle_s) * FPS
    assert session.result.calibration_samples > 18 * 25 + pursuit_frames - 2
    # Each round's dots are their own cross-validation groups (18), besides the moving dot's seconds.
    assert session.result.model.info["points"] >= 18 + int(config.pursuit_after_s - config.settle_s)
    assert config.head_round and not CalibrationConfig(pattern="9+pursuit").head_round
