"""Training smoke test on a synthetic CamVid-shaped folder: trains one step, exports a valid ONNX + sidecar."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("onnx")

import cv2  # noqa: E402

from alyesdesk.inference import catalog  # noqa: E402
from alyesdesk.inference.sidecar import load_sidecar  # noqa: E402
from alyesdesk.training.streets import train as streets  # noqa: E402
from alyesdesk.training.streets.data import CATEGORIES, read_class_map  # noqa: E402

CLASS_MAP = """# id -> category
0  Sky         -> sky
1  Building    -> construction
3  Road        -> flat
8  Car         -> vehicle
9  Pedestrian  -> human
11 Unlabelled  -> void
"""


def _fake_camvid(root) -> None:
    (root / "CLASS_MAP_8.txt").parent.mkdir(parents=True, exist_ok=True)
    (root / "CLASS_MAP_8.txt").write_text(CLASS_MAP)
    rng = np.random.default_rng(0)
    for split, n in (("train", 6), ("val", 2)):
        (root / split / "images").mkdir(parents=True)
        (root / split / "masks").mkdir(parents=True)
        for i in range(n):
            mask = np.full((72, 96), 3, np.uint8)
            mask[:30] = 0
            mask[30:40, 10:40] = 8
            mask[-3:] = 11
            image = (rng.random((72, 96, 3)) * 60).astype(np.uint8) + (mask[:, :, None] * 15).astype(np.uint8)
            cv2.imwrite(str(root / split / "images" / f"f{i}.jpg"), image)
            cv2.imwrite(str(root / split / "masks" / f"f{i}.png"), mask)


def test_class_map_parsing(tmp_path) -> None:
    (tmp_path / "m.txt").write_text(CLASS_MAP)
    table = read_class_map(tmp_path / "m.txt")
    assert table[0] == CATEGORIES.index("sky") and table[3] == CATEGORIES.index("flat")
    assert table[11] == CATEGORIES.index("void") and table[200] == CATEGORIES.index("void")


def test_smoke_training_exports_a_loadable_model(tmp_path, capsys) -> None:
    data = tmp_path / "camvid"
    _fake_camvid(data)
    out = tmp_path / "models" / "street_smoke.onnx"
    code = streets.main(["--smoke", "--data", str(data), "--runs", str(tmp_path / "runs"),
                         "--cache", str(tmp_path / "cache"), "--out", str(out), "--width", "8"])
    assert code == 0
    assert (tmp_path / "runs" / "last.pt").is_file() and (tmp_path / "runs" / "best.pt").is_file()
    spec = load_sidecar(out.with_suffix(".json"))
    assert spec.task == "segment" and [c for c, _ in spec.categories] == list(CATEGORIES)
    assert "CC BY-NC 4.0" in spec.get("training.data")[0]["licence"]
    assert set(spec.metrics["iou"]) == set(CATEGORIES) - {"void"}
    seg = catalog.load_model(out).segment(np.zeros((50, 70, 3), np.uint8))
    assert seg.labels.shape == (50, 70)
    # resuming continues from last.pt instead of starting over
    code = streets.main(["--smoke", "--resume", "--data", str(data), "--runs", str(tmp_path / "runs"),
                         "--cache", str(tmp_path / "cache"), "--out", str(out), "--width", "8"])
    assert code == 0
    assert "resumed at epoch 1" in capsys.readouterr().out
