"""The modern-document verifier training (`verifier_modern`): candidate labels on generated pages, the crop
tensors (grey and colour) the app reads, a tiny train / resume / export round trip."""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import cv2
import numpy as np
import pytest

from alyesdesk.inference.documents.detect import Detections
from alyesdesk.inference.sidecar import validate_sidecar
from alyesdesk.training.signatures import verifier_modern as vm


class _FixedDetector:
    """Stands in for the detector: the same boxes on every page."""

    def __init__(self, boxes: list[list[float]], scores: list[float]) -> None:
        self.boxes, self.scores = np.asarray(boxes, np.float32), np.asarray(scores, np.float32)

    def detect(self, image: np.ndarray, min_score: float = 0.0) -> Detections:
        keep = self.scores >= min_score
        return Detections(self.boxes[keep], self.scores[keep], image.shape[1], image.shape[0])


def _page() -> np.ndarray:
    page = np.full((400, 300, 3), 245, np.uint8)
    cv2.line(page, (40, 300), (140, 330), (150, 40, 10), 2)  # a "signature" in blue
    cv2.circle(page, (230, 80), 30, (40, 30, 190), 2)  # a red stamp alone
    return page


def test_candidates_label_signatures_stamps_and_other_boxes() -> None:
    sig = np.array([[40, 295, 140, 335]], np.float32)
    stamps = np.array([[200, 50, 260, 110], [60, 290, 150, 340]], np.float32)  # the second touches the signature
    detector = _FixedDetector([[42, 297, 138, 333], [200, 50, 260, 110], [10, 10, 80, 30]], [0.8, 0.6, 0.05])
    items = vm.page_candidates(detector, _page(), sig, stamps, with_truth=True)
    detected = [it for it in items if not it["truth"]]
    # The box under 0.1 is no candidate; the one on the signature is positive, the stamp's negative.
    assert [it["label"] for it in detected] == [1, 0]
    truth = [it for it in items if it["truth"]]
    assert [it["label"] for it in truth] == [1, 0]  # the signature, then only the lone stamp
    for it in items:
        x1, y1, x2, y2 = it["box"]
        assert it["crop"].ndim == 3 and 0 <= x1 < x2 <= it["crop"].shape[1] and 0 <= y1 < y2 <= it["crop"].shape[0]
    assert len(vm.page_candidates(detector, _page(), sig, stamps, with_truth=False)) == len(detected)


@pytest.mark.parametrize("colour", [False, True])
def test_tensor_matches_the_sidecar_input(colour: bool) -> None:
    spec = validate_sidecar(vm.make_sidecar(8, colour)).inputs[0]
    assert spec.color_order == ("BGR" if colour else "GRAY")
    grey_item = {"crop": np.full((80, 200), 230, np.uint8), "box": np.array([40, 20, 160, 60], np.float32)}
    colour_item = {"crop": _page()[280:350, 20:160].copy(), "box": np.array([15, 10, 125, 60], np.float32)}
    rng = random.Random(0)
    for item in (grey_item, colour_item):
        plain = vm.tensor(item, spec)
        assert plain.shape == (3 if colour else 1, 64, 192) and plain.dtype == np.float32
        for _ in range(20):  # every augmentation path keeps the shape and the value range
            t = vm.tensor(item, spec, rng, colour)
            assert t.shape == plain.shape and np.isfinite(t).all() and t.min() >= -1.0 and t.max() <= 1.0


def _items(n: int, label: int, seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        crop = np.full((60, 160, 3), 240, np.uint8)
        if label:
            pts = np.cumsum(rng.integers(-8, 9, (12, 2)), axis=0) + [80, 30]
            cv2.polylines(crop, [np.clip(pts, 0, [159, 59]).astype(np.int32)], False, (20, 20, 20), 2)
        else:
            cv2.rectangle(crop, (40, 15), (120, 45), (40, 30, 190), 2)
        out.append({"crop": crop, "box": np.array([20, 10, 140, 50], np.float32), "label": label, "score": 0.5,
                    "truth": False, "source": "modern"})
    return out


def test_train_resume_and_export_round_trip(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("onnxruntime")
    from alyesdesk.inference.catalog import load_model
    from alyesdesk.inference.documents.verify import CropVerifier

    data = {"train": _items(24, 1, 0) + _items(24, 0, 1), "val_tobacco": _items(4, 1, 2) + _items(4, 0, 3),
            "val_generated": _items(4, 1, 4) + _items(4, 0, 5)}
    args = argparse.Namespace(out=tmp_path, colour=True, width=4, epochs=2, lr=2e-3, seed=0, resume=False,
                              max_minutes=60.0, pages=0, tobacco_repeat=1, context=vm.v1.CONTEXT, detector=tmp_path / "signature_detector.onnx")
    spec = validate_sidecar(vm.make_sidecar(args.width, True)).inputs[0]
    lines: list[str] = []
    args.epochs = 1
    vm.train(data, args, spec, lines.append)
    args.epochs, args.resume = 2, True  # the resumed run continues after the checkpointed epoch
    vm.train(data, args, spec, lines.append)
    assert any(line.startswith("resumed after epoch 0") for line in lines)
    assert any(line.startswith("epoch 1 ") for line in lines) and not any(line.startswith("epoch 0 ") for line in lines[2:])
    vm.export(data, args, spec, lines.append)
    verifier = load_model(tmp_path / "signature_verifier.onnx")
    assert isinstance(verifier, CropVerifier) and verifier.input.shape[1] == 3
    p = verifier.probabilities(_page(), np.array([[40, 295, 140, 335], [200, 50, 260, 110]], np.float32))
    assert p.shape == (2,) and ((p >= 0) & (p <= 1)).all()


def test_the_crop_context_is_a_training_choice_the_sidecar_carries() -> None:
    """The app crops what the sidecar says: a verifier trained on wider crops must declare them."""
    wide = validate_sidecar(vm.make_sidecar(16, True, context=0.3))
    assert wide.get("crop.context") == 0.3 and "30% context" in wide.raw["description"]
    assert validate_sidecar(vm.make_sidecar(16, True)).get("crop.context") == vm.v1.CONTEXT
    with pytest.raises(SystemExit):
        vm.main(["--out", "unused", "--context", "0.9"])  # wider than the candidates keep
