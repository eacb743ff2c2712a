"""The bundled models on real pixels, without ../shared (issue 23.4).

`tests/data` holds four small licensed inputs (see its README) and `golden.json` the answers the bundled
models gave on them. A broken ONNX export, sidecar, colour order, resize or threshold changes these
answers, so this fails on every machine. Shipping a new model means regenerating the file on purpose:
`python tests/make_golden.py`.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from make_golden import CLASSIFY, DATA, run_models

GOLDEN = json.loads((DATA / "golden.json").read_text())


@pytest.fixture(scope="module")
def answers() -> dict:
    return run_models()


def test_the_golden_file_is_for_the_bundled_models(answers: dict) -> None:
    assert answers["models"] == GOLDEN["models"], (
        "a bundled model changed: check its outputs, then regenerate tests/data/golden.json "
        "with `python tests/make_golden.py`"
    )


@pytest.mark.parametrize("name", CLASSIFY)
def test_classifier_answers(answers: dict, name: str) -> None:
    got, want = answers["classify"][name], GOLDEN["classify"][name]
    assert got["label"] == want["label"]
    for label, p in want["probabilities"].items():
        assert got["probabilities"][label] == pytest.approx(p, abs=2e-3), label


def _iou(a: list[float], b: list[float]) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def test_signature_check_answers(answers: dict) -> None:
    got, want = answers["document"], GOLDEN["document"]
    assert (got["verdict"], got["count"]) == (want["verdict"], want["count"])
    assert len(got["boxes"]) == len(want["boxes"])
    for g, w in zip(sorted(got["boxes"]), sorted(want["boxes"])):
        assert _iou(g, w) > 0.95 and g[4] == pytest.approx(w[4], abs=5e-3)


def test_street_segmentation_answers(answers: dict) -> None:
    got, want = answers["street"], GOLDEN["street"]
    assert got["size"] == want["size"]
    assert set(got["areas"]) == set(want["areas"])
    for category, area in want["areas"].items():
        assert got["areas"][category] == pytest.approx(area, abs=0.005), category
    assert np.isclose(sum(got["areas"].values()), 1.0)
