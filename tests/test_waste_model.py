"""The bundled waste classifier: a valid, honest sidecar, and its accuracy on the saved test split."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from alyesdesk import paths
from alyesdesk.inference import catalog
from alyesdesk.inference.classifier import Classifier
from alyesdesk.inference.images import read_image
from alyesdesk.inference.sidecar import load_sidecar

MODEL = paths.bundled_models_dir() / "waste_classifier.onnx"
TARGET = 0.90  # the target, 9 classes and TrashNet's 6
FLOOR = 0.86  # the original prototype's fine-tuned accuracy on TrashNet's 6 classes: never below it
TRASHNET = ("cardboard", "glass", "metal", "paper", "plastic", "trash")


def test_bundled_sidecar_is_complete() -> None:
    spec = load_sidecar(MODEL.with_suffix(".json"))
    assert spec.task == "classify" and len(spec.labels) == 9
    assert spec.temperature > 0 and 0 < spec.thresholds["not_sure"] < 1
    m = spec.metrics
    assert set(m["per_class_accuracy"]) == set(spec.labels)
    assert np.array(m["confusion_matrix"]["matrix"]).shape == (9, 9)
    assert np.array(m["confusion_matrix"]["matrix"]).sum() == m["count"]
    assert m["latency"]["median_ms_end_to_end"] > 0
    assert {d["licence"] for d in spec.get("training.data")} >= {"MIT"}
    # 1.2.0 averages three 1.5 M-parameter members (6 MB each) in one graph; a single member is 6 MB.
    assert MODEL.stat().st_size < 20 * 1024 * 1024
    split = json.loads(MODEL.with_suffix("").with_suffix(".split.json").read_text(encoding="utf-8"))
    parts = [{e["path"] for e in split[p]} for p in ("train", "val", "test")]
    assert not (parts[0] & parts[2] or parts[1] & parts[2] or parts[0] & parts[1])
    assert len(parts[2]) == m["count"]


def test_bundled_model_meets_its_targets_on_the_saved_test_split(shared_data: Path) -> None:
    root = shared_data / "waste"
    if not root.is_dir():
        pytest.skip("../shared/data/waste is not present")
    classifier = catalog.load_model(MODEL)
    assert isinstance(classifier, Classifier)
    split = json.loads(MODEL.with_suffix("").with_suffix(".split.json").read_text(encoding="utf-8"))
    correct, in6 = [], []
    for entry in split["test"]:
        result = classifier.predict(read_image(root / entry["path"]))
        # 2.x splits give each photo its allowed set (a partial label such as paper|cardboard, right when
        # the prediction is in it) and its source; 1.x entries have one label and are all TrashNet/extra.
        allowed = entry.get("allowed", [entry["label"]])
        correct.append(result.label in allowed)
        in6.append(entry["source"] == "trashnet" if "source" in entry else entry["label"] in TRASHNET)
    correct_a, in6_a = np.array(correct), np.array(in6)
    acc9 = float(correct_a.mean())
    acc6 = float(correct_a[in6_a].mean())
    metrics = classifier.spec.metrics
    # The sidecar reports exactly what this evaluation measures.
    assert abs(acc9 - metrics["top1"]) <= 0.002, (acc9, metrics["top1"])
    assert abs(acc6 - metrics["top1_trashnet6"]) <= 0.002, (acc6, metrics["top1_trashnet6"])
    # Like for like with the original prototype (TrashNet's 6 classes): never below its 0.86.
    assert acc6 >= FLOOR, f"TrashNet-6 accuracy {acc6:.4f} is below the original prototype's {FLOOR}"
    # 1.2.0 measured 0.9025 (463 of 513) and 0.9367: met, the 9-class one by 2 photos.
    assert acc9 >= TARGET and acc6 >= TARGET, f"below the {TARGET} target: 9 classes {acc9:.4f}, TrashNet 6 {acc6:.4f}"


def test_bundled_not_waste_gate_is_declared_and_measured() -> None:
    spec = load_sidecar(MODEL.with_suffix(".json"))
    if "not_waste" not in spec.thresholds:
        pytest.skip("this bundled model has no 'not a waste item' gate (1.x sidecar)")
    assert 0 < spec.thresholds["not_waste"] < 1
    assert [o.name for o in spec.outputs] == ["logits", "embedding"]
    assert spec.get("embedding.output") == "embedding"
    m = spec.metrics
    # the bar: at most 5% of in-domain test photos lose their bin
    assert m["not_waste_flagged_rate_test"] <= 0.05
    tested = m["not_waste"]["test_negatives"]
    assert {"faces", "synthetic_screenshots", "synthetic_landscapes", "synthetic_walls"} <= set(tested)


def test_bundled_gate_flags_faces_as_measured(shared_data: Path) -> None:
    """Faces were never trained on nor used to choose the threshold: the app must flag them as the sidecar says."""
    spec = load_sidecar(MODEL.with_suffix(".json"))
    if "not_waste" not in spec.thresholds:
        pytest.skip("this bundled model has no 'not a waste item' gate (1.x sidecar)")
    faces = sorted((shared_data / "faces" / "people").glob("*.jpg"))
    if not faces:
        pytest.skip("../shared/data/faces/people is not present")
    classifier = catalog.load_model(MODEL)
    flagged = np.mean([not classifier.predict(read_image(f)).in_domain for f in faces])
    recorded = spec.metrics["not_waste"]["test_negatives"]["faces"]
    assert recorded["count"] == len(faces)
    assert abs(flagged - recorded["flagged"]) <= 1.5 / len(faces), (flagged, recorded)
