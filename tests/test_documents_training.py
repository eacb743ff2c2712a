"""Signature detector training: a tiny end-to-end smoke run (skips without torch or ../shared)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest


def test_training_smoke_exports_a_working_model(shared_data: Path, tmp_path: Path) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("onnx")
    from alyesdesk.training.signatures.train import main

    out = tmp_path / "run"
    code = main(["--smoke", "--data", str(shared_data / "signatures"), "--out", str(out),
                 "--cache", str(tmp_path / "cache")])
    assert code == 0
    assert (out / "last.ckpt").is_file() and (out / "best.ckpt").is_file()
    assert "epoch 0" in (out / "train.log").read_text()
    # The exported graph runs and has the documented outputs: a [N,1,h,w] heatmap in 0..1, ltrb >= 0.
    import onnxruntime as ort

    session = ort.InferenceSession(str(out / "signature_detector.onnx"), providers=["CPUExecutionProvider"])
    heat, ltrb = session.run(None, {"image": np.zeros((2, 1, 128, 128), np.float32)})
    assert heat.shape == (2, 1, 16, 16) and ltrb.shape == (2, 4, 16, 16)
    assert 0.0 <= heat.min() and heat.max() <= 1.0 and ltrb.min() >= 0.0
    # The sidecar the ship step would write for it validates.
    from alyesdesk.training.signatures.ship import make_sidecar

    data = make_sidecar({"size": 128, "stride": 8, "width": 4}, 0.4, 0.2, {"map50": 0.0})
    assert data["inputs"][0]["resize"] == "stretch" and data["thresholds"]["review"] <= data["thresholds"]["score"]


def test_erased_twins_and_composites(shared_data: Path, tmp_path: Path) -> None:
    import random

    from alyesdesk.training.signatures import data as sd

    root = shared_data / "signatures"
    cache = sd.build_cache(root, tmp_path, "val", side=128, limit=3)
    assert cache.pages.shape == (3, 128, 128) and len(cache.boxes) == 3
    for pg, twin, boxes in zip(cache.pages, cache.erased, cache.boxes):
        x1, y1, x2, y2 = (boxes[0] * 128).astype(int)
        inside = (slice(y1 + 1, y2 - 1), slice(x1 + 1, x2 - 1))
        assert twin[inside].min() > pg[inside].min()  # the dark ink is gone
        assert twin[inside].std() < 10  # flat paper colour (plus a little noise)
    crops = sd.load_crops(root, tmp_path, limit=5)
    img, boxes = sd.composite(cache.erased[0], crops, random.Random(0), 2)
    assert 1 <= len(boxes) <= 2 and ((boxes >= 0) & (boxes <= 1)).all()
    out, kept = sd.augment(img, boxes, 96, random.Random(1))
    assert out.shape == (96, 96) and out.dtype == np.uint8 and kept.shape[1] == 4


def test_verifier_training_smoke_exports_a_working_verifier(shared_data: Path, tmp_path: Path) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("onnx")
    from alyesdesk import paths
    from alyesdesk.inference.catalog import load_model
    from alyesdesk.training.signatures.verifier import main

    out = tmp_path / "verifier"
    code = main(["--data", str(shared_data / "signatures"), "--limit", "4", "--epochs", "1", "--width", "4",
                 "--detector", str(paths.bundled_models_dir() / "signature_detector.onnx"),
                 "--out", str(out), "--run-dir", str(tmp_path / "run"), "--no-ship"])
    assert code == 0 and "epoch 0" in (tmp_path / "run" / "train.log").read_text()
    verifier = load_model(out.with_suffix(".onnx"))  # the sidecar it wrote validates and matches the graph
    assert verifier.spec.task == "verify" and verifier.spec.get("metrics.val.candidates") > 0
    p = verifier.probabilities(np.full((300, 300, 3), 255, np.uint8), np.array([[10, 10, 90, 40], [100, 100, 290, 200]]))
    assert p.shape == (2,) and ((0 <= p) & (p <= 1)).all()
