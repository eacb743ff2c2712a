"""Object-focused sampling for the street fine-tune: crops that contain the wanted pixels, same-place paste."""

from __future__ import annotations

import numpy as np

from alyesdesk.training.streets.focus import category_bit, focused_augment, images_with, paste_objects

OBJ = category_bit("object")
FLAT = category_bit("flat")


def _frame(pole_x: int) -> tuple[np.ndarray, np.ndarray]:
    """A 360x480 flat frame with one 4-pixel-wide object pole at column `pole_x`."""
    image = np.full((360, 480, 3), 90, np.uint8)
    bits = np.full((360, 480), FLAT, np.uint8)
    image[100:300, pole_x : pole_x + 4] = 220
    bits[100:300, pole_x : pole_x + 4] = OBJ
    return image, bits


def test_focused_crops_always_contain_the_wanted_category() -> None:
    image, bits = _frame(pole_x=470)  # at the very edge: a random crop would usually miss it
    rng = np.random.default_rng(0)
    for _ in range(20):
        crop, crop_bits = focused_augment(image, bits, (192, 256), rng, (0.8, 1.8), OBJ)
        assert crop.shape == (192, 256, 3) and crop_bits.shape == (192, 256)
        assert (crop_bits == OBJ).any()


def test_focused_crop_without_the_category_is_an_ordinary_crop() -> None:
    image = np.zeros((360, 480, 3), np.uint8)
    bits = np.full((360, 480), FLAT, np.uint8)
    crop, crop_bits = focused_augment(image, bits, (192, 256), np.random.default_rng(1), (1.0, 1.2), OBJ)
    assert crop_bits.shape == (192, 256) and set(np.unique(crop_bits)) == {FLAT}


def test_paste_copies_objects_at_the_same_place_and_labels_them() -> None:
    target, target_bits = _frame(pole_x=50)
    source, source_bits = _frame(pole_x=300)
    out, out_bits = paste_objects(target, target_bits, source, source_bits, OBJ)
    assert (out_bits[100:300, 300:304] == OBJ).all()
    assert (out_bits[100:300, 50:54] == OBJ).all()  # its own pole is kept
    assert out[200, 301].tolist() == [220, 220, 220]
    assert (out_bits[:100] == FLAT).all()  # nothing else relabelled


def test_images_with_counts_only_exact_single_category_pixels() -> None:
    _, with_pole = _frame(pole_x=10)
    empty = np.full((360, 480), FLAT, np.uint8)
    assert images_with(np.stack([empty, with_pole]), OBJ).tolist() == [1]


def _fake_pairs(root, split: str, label_dir: str, values: tuple[int, ...]) -> None:
    (root / split / "images").mkdir(parents=True)
    (root / split / label_dir).mkdir(parents=True)
    rng = np.random.default_rng(0)
    for i in range(3):
        label = np.full((72, 96), values[0], np.uint8)
        label[:30] = values[1]
        label[35:70, 40:44] = values[2]  # a pole
        image = (rng.random((72, 96, 3)) * 200).astype(np.uint8)
        import cv2

        cv2.imwrite(str(root / split / "images" / f"seq_f{i}.jpg"), image)
        cv2.imwrite(str(root / split / label_dir / f"seq_f{i}.png"), label)


def test_object_focused_finetune_resumes_from_last_checkpoint(tmp_path) -> None:
    import json

    import pytest

    torch = pytest.importorskip("torch")
    pytest.importorskip("onnx")
    from alyesdesk.training.streets import finetune
    from alyesdesk.training.streets import train as streets
    from alyesdesk.training.streets.model import StreetNet

    camvid, idd = tmp_path / "camvid", tmp_path / "idd"
    (camvid).mkdir()
    (camvid / "CLASS_MAP_8.txt").write_text("3 Road -> flat\n0 Sky -> sky\n5 Pole -> object\n")
    _fake_pairs(camvid, "train", "masks", (3, 0, 5))
    _fake_pairs(idd, "train", "labels", (0, 6, 4))
    torch.manual_seed(0)
    start = StreetNet(8, 4)
    for module in start.modules():  # non-trivial BatchNorm statistics, so every folded conv has its own bias
        if isinstance(module, torch.nn.BatchNorm2d):
            module.running_mean.uniform_(-0.5, 0.5)
    torch.save({"model": start.state_dict(), "width": 4, "epoch": 0, "val_iou": {}, "val_miou": 0.0},
               tmp_path / "start.pt")
    streets.export(tmp_path / "start.pt", tmp_path / "start.onnx")
    common = ["--smoke", "--data", str(camvid), "--idd", str(idd), "--start", str(tmp_path / "start.onnx"),
              "--runs", str(tmp_path / "runs"), "--cache", str(tmp_path / "cache"), "--width", "4", "--batch", "4",
              "--focus", "0.5", "--human-focus", "0.0", "--paste", "0.5", "--object-weight", "2"]
    assert finetune.main(common) == 0
    last = torch.load(tmp_path / "runs" / "last.pt", map_location="cpu", weights_only=False)
    assert last["step"] == 1 and "opt" in last and "rng" in last
    assert finetune.main([*common, "--resume"]) == 0
    events = [json.loads(line) for line in (tmp_path / "runs" / "log.jsonl").read_text().splitlines()]
    assert [e for e in events if e.get("event") == "resume"][0]["step"] == 1
