"""The waste training script: deterministic split, and a tiny end-to-end smoke run (skips without torch)."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from alyesdesk.training.common import augment_batch, fit_temperature, softmax, stratified_split


def test_split_is_stratified_deterministic_and_disjoint() -> None:
    items = {"a": [f"a/{i}.jpg" for i in range(100)], "b": [f"b/{i}.jpg" for i in range(20)]}
    first = stratified_split(items, seed=0)
    assert first == stratified_split({k: list(reversed(v)) for k, v in items.items()}, seed=0)
    assert first != stratified_split(items, seed=1)
    sets = [set(first[p]) for p in ("train", "val", "test")]
    assert not (sets[0] & sets[1] or sets[0] & sets[2] or sets[1] & sets[2])
    assert sum(len(s) for s in sets) == 120
    assert sum(1 for x in first["test"] if x.startswith("a/")) == 15
    assert sum(1 for x in first["test"] if x.startswith("b/")) == 3
    assert sum(1 for x in first["val"] if x.startswith("b/")) == 3


def test_augmentation_keeps_shape_and_range() -> None:
    rng = np.random.default_rng(0)
    batch = rng.integers(0, 255, size=(6, 24, 24, 3), dtype=np.uint8)
    out = augment_batch(batch, rng)
    assert out.shape == (6, 24, 24, 3) and out.dtype == np.float32
    assert 0 <= out.min() and out.max() <= 255
    assert not np.allclose(out, batch)  # something actually changed


def test_temperature_fit_cools_an_overconfident_model() -> None:
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 3, 400)
    logits = rng.normal(0, 1, (400, 3))
    logits[np.arange(400), labels] += 1.0
    logits *= 6  # overconfident: ~70% right but near-certain
    t = fit_temperature(logits, labels)
    assert t > 2
    assert softmax(logits, t).max(1).mean() < softmax(logits, 1.0).max(1).mean()


def _synthetic_dataset(root: Path) -> None:
    rng = np.random.default_rng(0)
    colours = {"glass": (40, 200, 40), "metal": (200, 40, 40), "paper": (220, 220, 220)}
    for label, colour in colours.items():
        for i in range(10):
            image = np.clip(rng.normal(colour, 30, (60, 45, 3)), 0, 255).astype(np.uint8)
            (root / "set" / label).mkdir(parents=True, exist_ok=True)
            cv2.imwrite(str(root / "set" / label / f"{label}{i}.jpg"), image)


def test_smoke_training_exports_a_usable_model(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("onnx")
    from alyesdesk.inference import catalog
    from alyesdesk.inference.sidecar import load_sidecar
    from alyesdesk.training.waste import train as waste

    _synthetic_dataset(tmp_path / "data")
    out, run_dir = tmp_path / "out", tmp_path / "run"
    argv = ["--smoke", "--data", str(tmp_path / "data"), "--out", str(out), "--run-dir", str(run_dir),
            "--cache-dir", str(tmp_path / "cache"), "--max-minutes", "2"]
    assert waste.main(argv) == 0
    spec = load_sidecar(out / "waste_classifier.json")
    assert spec.labels == ("glass", "metal", "paper")  # known names first, in the bundled order
    assert spec.inputs[0].spatial_size == (32, 32)
    assert spec.temperature > 0 and "not_sure" in spec.thresholds
    metrics = spec.metrics
    assert set(metrics["per_class_accuracy"]) == {"glass", "metal", "paper"}
    assert np.array(metrics["confusion_matrix"]["matrix"]).sum() == metrics["count"] == 3
    assert metrics["latency"]["median_ms_end_to_end"] > 0
    assert metrics["onnx_vs_torch_max_abs_logit_diff"] < 1e-3
    split = json.loads((out / "waste_classifier.split.json").read_text())
    assert (len(split["train"]), len(split["val"]), len(split["test"])) == (18, 3, 3)  # 8 per class in smoke
    assert (run_dir / "best.pt").is_file() and (run_dir / "last.pt").is_file()
    classifier = catalog.load_model(out / "waste_classifier.onnx")
    image = cv2.imread(str(tmp_path / "data" / "set" / "glass" / "glass0.jpg"))
    prediction = classifier.predict(image)
    assert prediction.label in spec.labels and abs(sum(prediction.probabilities.values()) - 1) < 1e-5
    # --resume continues from last.pt instead of starting again
    assert waste.main([*argv, "--resume", "--no-finalize"]) == 0
    assert "resumed at epoch" in (run_dir / "train.log").read_text()
