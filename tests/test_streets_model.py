"""The bundled street segmenter: valid sidecar, and its measured IoU is what the sidecar claims.

The headline test fails (never xfails) when the measured mean IoU misses the sidecar's claim by more than
the tolerance or falls under the absolute floor. The scoring code is first checked against an independent
few-line IoU on a hand-made example, so a broken metric cannot make a bad model look good.
The measurements need ../shared/data/streets/{camvid,idd_lite} and skip cleanly without them.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from alyesdesk import paths
from alyesdesk.inference import catalog
from alyesdesk.inference.sidecar import load_sidecar

MODEL = paths.bundled_models_dir() / "street_segmenter.onnx"
FLOOR = 0.70  # CamVid val mean IoU (7 categories) no bundled model may fall under, whatever its sidecar says
TOLERANCE = 0.002  # measured vs claimed (onnxruntime and OpenCV builds differ in the last digits)


def test_bundled_sidecar_is_complete() -> None:
    assert MODEL.is_file(), f"{MODEL} is missing: train it with python -m alyesdesk.training.streets"
    spec = load_sidecar(MODEL.with_suffix(".json"))
    assert spec.task == "segment"
    assert [n for n, _ in spec.categories] == [
        "flat", "human", "vehicle", "construction", "object", "nature", "sky", "void"]
    assert "research" in spec.get("training.data")[0]["licence"] and "CC BY-NC 4.0" in spec.get("training.data")[0]["licence"]
    assert set(spec.metrics["iou"]) == {"flat", "human", "vehicle", "construction", "object", "nature", "sky"}
    assert isinstance(spec.metrics.get("fps_480x360"), (int, float))
    assert MODEL.stat().st_size < 20 * 1024 * 1024
    backend = catalog.load_model(MODEL)
    assert backend.input.spatial_size == tuple(spec.inputs[0].shape[2:])


def _tiny_iou(pred: np.ndarray, truth: np.ndarray, category: int, ignore: int = 7) -> float:
    """IoU of one category, written independently of the app's code: |pred & truth| / |pred | truth|."""
    valid = truth != ignore
    p, t = (pred == category) & valid, (truth == category) & valid
    return float((p & t).sum() / (p | t).sum())


def test_scoring_matches_an_independent_iou_on_a_hand_made_example() -> None:
    from alyesdesk.training.streets.data import allowed_from_categories, mean_iou
    from alyesdesk.training.streets.eval import _score

    truth = np.array([[6, 6, 6, 6],
                      [3, 3, 4, 5],
                      [0, 0, 1, 7],
                      [0, 0, 2, 2]], np.uint8)
    pred = np.array([[6, 6, 6, 3],
                     [3, 4, 4, 5],
                     [0, 0, 0, 2],
                     [0, 0, 2, 1]], np.uint8)
    # by hand: sky 3/4, construction 1/3 (pred 3 at (0,3),(1,0); truth (1,0),(1,1)), object 1/2, nature 1,
    # flat 4/5, human 0/2 (pred (3,3), truth (2,2)), vehicle 1/2; the void pixel (2,3) is ignored
    expected = {"flat": 0.8, "human": 0.0, "vehicle": 0.5, "construction": 1 / 3, "object": 0.5,
                "nature": 1.0, "sky": 0.75}
    for index, name in enumerate(expected):
        assert _tiny_iou(pred, truth, index) == pytest.approx(expected[name]), name
    backend = SimpleNamespace(segment=lambda image: SimpleNamespace(labels=pred))
    result = _score(backend, [np.zeros((4, 4, 3), np.uint8)], allowed_from_categories(truth[None]))
    assert result["iou"] == pytest.approx(expected)
    assert result["mean_iou_7"] == pytest.approx(mean_iou(expected)) == pytest.approx(np.mean(list(expected.values())))


@pytest.fixture(scope="module")
def measured():  # noqa: ANN201
    from alyesdesk.training.streets.eval import DEFAULT_DATA, evaluate_model

    if not DEFAULT_DATA.is_dir():
        pytest.skip("../shared/data/streets/camvid is not present beside the checkout")
    return evaluate_model(MODEL, DEFAULT_DATA)


def test_val_iou_matches_the_sidecar(measured) -> None:  # noqa: ANN001
    spec = load_sidecar(MODEL.with_suffix(".json"))
    assert measured["images"] == 101
    assert measured["mean_iou_7"] == pytest.approx(spec.metrics["mean_iou_7"], abs=TOLERANCE)
    for name, value in spec.metrics["iou"].items():
        assert measured["iou"][name] == pytest.approx(value, abs=TOLERANCE), name


def test_val_mean_iou_meets_the_floor(measured) -> None:  # noqa: ANN001
    spec = load_sidecar(MODEL.with_suffix(".json"))
    floor = max(FLOOR, spec.metrics.get("target_mean_iou_7", FLOOR))
    per = ", ".join(f"{k} {v:.3f}" for k, v in measured["iou"].items())
    assert measured["mean_iou_7"] >= floor, f"mean IoU {measured['mean_iou_7']:.4f} < {floor} ({per})"


def test_idd_lite_iou_matches_the_sidecar() -> None:
    from alyesdesk.training.streets.eval import DEFAULT_IDD, evaluate_idd

    spec = load_sidecar(MODEL.with_suffix(".json"))
    claimed = spec.metrics.get("idd_lite_val")
    assert claimed, "the sidecar must report IDD Lite val (python -m alyesdesk.training.streets.eval --write-sidecar)"
    if not (DEFAULT_IDD / "val" / "images").is_dir():
        pytest.skip("../shared/data/streets/idd_lite is not present beside the checkout")
    result = evaluate_idd(MODEL, DEFAULT_IDD)
    assert result["images"] == 204
    assert result["mean_iou_7"] == pytest.approx(claimed["mean_iou_7"], abs=TOLERANCE)
    for name, value in claimed["iou"].items():
        assert result["iou"][name] == pytest.approx(value, abs=TOLERANCE), name
