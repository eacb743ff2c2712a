"""Calibrated model: fit, ONNX round trip (numpy reference vs onnxruntime), sidecar, backend, drift."""

from __future__ import annotations

import json

import numpy as np
import pytest

from alyesdesk.inference import catalog
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze import targets as T
from alyesdesk.inference.gaze.fit import FitError, fit_calibrated
from alyesdesk.inference.gaze.model import GazeModel
from alyesdesk.inference.registry import backend_class
from alyesdesk.inference.sidecar import validate_sidecar

from gaze_engine_kit import SCREEN, calibration_set, synthetic_sample


@pytest.fixture(scope="module")
def fitted():
    samples, targets, groups = calibration_set(T.nine_point(SCREEN), per_point=12)
    return fit_calibrated(samples, targets, SCREEN, "mediapipe", groups)


def test_fit_generalises_between_points(fitted) -> None:
    rng = np.random.default_rng(5)
    pts = T.random_points(SCREEN, 20, seed=3, margin=0.1)
    pred = fitted.predict_px([synthetic_sample(x, y, rng) for x, y in pts])
    err = np.hypot(*(pred - np.array(pts)).T)
    assert err.mean() < 80, err.mean()  # px on a 1920x1080 screen (~2 degrees); a broken fit is ~500


def test_onnx_matches_numpy_reference(fitted) -> None:
    import onnxruntime as ort

    rng = np.random.default_rng(2)
    batch = [synthetic_sample(*p, rng) for p in T.random_points(SCREEN, 7, seed=9)]
    right, left, feats = S.stack(batch)
    session = ort.InferenceSession(fitted.to_onnx(), providers=["CPUExecutionProvider"])
    (onnx_out,) = session.run(None, {"right_eye": right, "left_eye": left, "features": feats})
    np.testing.assert_allclose(onnx_out, fitted.predict(right, left, feats), atol=2e-4)


def test_onnx_file_is_valid_for_the_onnx_checker(fitted) -> None:
    onnx = pytest.importorskip("onnx")
    model = onnx.load_from_string(fitted.to_onnx())
    onnx.checker.check_model(model, full_check=True)
    assert [i.name for i in model.graph.input] == ["right_eye", "left_eye", "features"]


def test_saved_model_loads_through_the_registry(fitted, tmp_path) -> None:
    onnx_path, sidecar_path = fitted.save(tmp_path / "me.onnx")
    spec = validate_sidecar(json.loads(sidecar_path.read_text()))
    assert spec.task == "gaze" and spec.get("gaze.frontend") == "mediapipe"
    assert backend_class("gaze") is GazeModel
    model = catalog.load_model(onnx_path)
    assert isinstance(model, GazeModel)
    rng = np.random.default_rng(3)
    batch = [synthetic_sample(300, 200, rng), S.failed(S.BLINK, "eyes closed"), synthetic_sample(1500, 900, rng)]
    out = model.predict_samples(batch)
    assert np.isnan(out[1]).all() and np.isfinite(out[[0, 2]]).all()
    np.testing.assert_allclose(out[[0, 2]], fitted.predict(*S.stack([batch[0], batch[2]])), atol=2e-4)


def test_model_from_bytes_and_drift_correction(fitted) -> None:
    model = GazeModel.from_bytes(fitted.to_onnx(), fitted.sidecar())
    model.verify()
    rng = np.random.default_rng(4)
    # The user's head moved: every prediction is now off by a constant; one point fixes it.
    target = (960.0, 540.0)
    looking = [synthetic_sample(*target, rng) for _ in range(10)]
    shifted = fitted.recentred(looking, (target[0] + 120, target[1] - 60))
    pred = np.median(shifted.predict_px(looking), axis=0)
    assert np.hypot(pred[0] - 1080, pred[1] - 480) < 5
    sidecar = model.recentred_sidecar(looking, (1080.0, 480.0))
    moved = GazeModel.from_bytes(fitted.to_onnx(), sidecar)
    p = np.median(moved.predict(*S.stack(looking)), axis=0) * [SCREEN.width_px, SCREEN.height_px]
    assert np.hypot(p[0] - 1080, p[1] - 480) < 5


def test_fit_refuses_too_few_points() -> None:
    samples, targets, groups = calibration_set(T.nine_point(SCREEN)[:3], per_point=5)
    with pytest.raises(FitError, match="need at least 4 points"):
        fit_calibrated(samples, targets, SCREEN, "mediapipe", groups)
    blinks = [S.failed(S.BLINK, "closed") for _ in range(40)]
    with pytest.raises(FitError):
        fit_calibrated(blinks, np.zeros((40, 2)), SCREEN, "mediapipe")


def test_backend_rejects_wrong_inputs_and_frontend(fitted) -> None:
    sidecar = fitted.sidecar()
    sidecar["gaze"]["features"] = ["a"]
    with pytest.raises(ModelError):
        GazeModel.from_bytes(fitted.to_onnx(), sidecar)
    model = GazeModel.from_bytes(fitted.to_onnx(), fitted.sidecar())
    with pytest.raises(ModelError, match="recalibrate"):
        model.check_frontend("haar")
