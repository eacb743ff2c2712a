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


def test_partial_label_losses_on_a_hand_made_pixel() -> None:
    from alyesdesk.training.streets.finetune import partial_balanced_loss, partial_ohem_loss

    logits = torch.zeros(1, 8, 1, 2)
    logits[0, 3, 0, 0] = 1.0  # pixel 0 leans to construction
    probs = logits.softmax(1)[0, :, 0, 0]
    allowed = torch.tensor([[[(1 << 3) | (1 << 4), 0]]])  # pixel 0: construction or object; pixel 1: void
    expected = -torch.log(probs[3] + probs[4])
    assert partial_ohem_loss(logits, allowed) == pytest.approx(float(expected), rel=1e-5)
    assert partial_balanced_loss(logits, allowed, torch.ones(8)) == pytest.approx(float(expected), rel=1e-5)


def test_shipped_weights_load_back_from_onnx(tmp_path) -> None:
    from alyesdesk.training.streets.finetune import load_onnx_weights
    from alyesdesk.training.streets.model import StreetNet

    torch.manual_seed(0)
    model = StreetNet(len(CATEGORIES), 4)
    for module in model.modules():  # non-trivial BatchNorm statistics, as after training
        if isinstance(module, torch.nn.BatchNorm2d):
            module.running_mean.uniform_(-0.5, 0.5)
            module.running_var.uniform_(0.5, 2.0)
    torch.save({"model": model.state_dict(), "width": 4, "epoch": 1, "val_iou": {c: 0.5 for c in CATEGORIES[:7]},
                "val_miou": 0.5}, tmp_path / "m.pt")
    out = tmp_path / "m.onnx"
    streets.export(tmp_path / "m.pt", out)
    again = StreetNet(len(CATEGORIES), 4)
    load_onnx_weights(again, out)
    model.eval()
    again.eval()
    x = torch.randn(1, 3, *streets.INPUT_HW)
    assert torch.allclose(model(x), again(x), atol=1e-4)
