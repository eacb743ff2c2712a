"""`alyesdesk segment`: outputs, JSON keys, database rows, videos, and bad inputs that must not crash."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

pytest.importorskip("onnx")

from alyesdesk.cli import run as cli  # noqa: E402
from alyesdesk.training.streets.tiny import write_tiny_segmenter  # noqa: E402


def _scene(h: int = 60, w: int = 80) -> np.ndarray:
    image = np.zeros((h, w, 3), np.uint8)
    image[: h // 2] = (255, 0, 0)
    image[h // 2 :] = (0, 0, 255)
    return image


@pytest.fixture
def model(tmp_path) -> Path:
    return write_tiny_segmenter(tmp_path / "model")


def _run_json(capsys, *argv: str) -> tuple[int, list[dict]]:
    code = cli(["segment", *argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_images_write_three_pngs_and_json(tmp_path, model, capsys, db) -> None:
    cv2.imwrite(str(tmp_path / "street.jpg"), _scene(61, 83))
    out = tmp_path / "out"
    code, records = _run_json(capsys, str(tmp_path / "street.jpg"), "--out", str(out), "--model", str(model))
    assert code == 0
    (rec,) = records
    assert {"path", "status", "error", "categories", "labels_png", "overlay_png", "areas"} <= set(rec)
    assert rec["status"] == "ok" and rec["error"] is None
    assert rec["categories"][0] == "flat" and len(rec["categories"]) == 8
    labels = cv2.imread(rec["labels_png"], cv2.IMREAD_UNCHANGED)
    assert labels.shape == (61, 83) and labels.dtype == np.uint8
    assert (out / "street_color.png").is_file() and Path(rec["overlay_png"]).is_file()
    assert rec["areas"]["sky"] == pytest.approx(0.5, abs=0.05)
    assert rec["areas"]["flat"] == pytest.approx(0.5, abs=0.05)
    assert sum(rec["areas"].values()) == pytest.approx(1.0, abs=1e-4)
    rows = db.history("streets")
    assert len(rows) == 1 and rows[0]["input"].endswith("street.jpg")
    stored = db.result(rows[0]["id"])
    assert stored["width"] == 83 and stored["height"] == 61


def test_same_stem_in_two_folders_does_not_overwrite(tmp_path, model, capsys) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        cv2.imwrite(str(tmp_path / sub / "x.png"), _scene())
    code, records = _run_json(capsys, str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(tmp_path / "o"),
                              "--model", str(model), "--no-store")
    assert code == 0
    assert sorted(Path(r["labels_png"]).name for r in records) == ["x-2_labels.png", "x_labels.png"]


def test_bad_inputs_get_per_item_errors(tmp_path, model, capsys) -> None:
    good = tmp_path / "good.png"
    cv2.imwrite(str(good), _scene())
    corrupt = tmp_path / "corrupt.jpg"
    corrupt.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    huge = tmp_path / "huge.png"  # a PNG header claiming 20000 x 20000 px
    huge.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (20000).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00")
    deep = tmp_path / "deep.png"  # 16-bit grey with alpha-free odd format
    cv2.imwrite(str(deep), (np.arange(60 * 80, dtype=np.uint16).reshape(60, 80) * 13))
    rgba = tmp_path / "rgba.png"
    cv2.imwrite(str(rgba), np.dstack([_scene(), np.full((60, 80), 128, np.uint8)]))
    bad_video = tmp_path / "clip.mp4"
    bad_video.write_bytes(b"\x00\x00\x00\x18ftypmp42 garbage" * 4)
    paths = [good, corrupt, empty, huge, deep, rgba, bad_video, tmp_path / "missing.png"]
    code, records = _run_json(capsys, *map(str, paths), "--out", str(tmp_path / "o"), "--model", str(model),
                              "--no-store")
    assert code == 1
    status = {Path(r["path"]).name: (r["status"], r["error"]) for r in records}
    for ok_name in ("good.png", "deep.png", "rgba.png"):
        assert status[ok_name] == ("ok", None)
    assert "corrupt" in status["corrupt.jpg"][1]
    assert "empty" in status["empty.png"][1]
    assert "megapixel" in status["huge.png"][1]
    assert status["clip.mp4"][0] == "error" and "clip.mp4" in status["clip.mp4"][1]
    assert status["missing.png"] == ("error", "no such file or folder")
    assert cv2.imread(str(tmp_path / "o" / "deep_labels.png"), cv2.IMREAD_UNCHANGED).shape == (60, 80)


def test_video_input_writes_an_overlaid_mp4(tmp_path, model, capsys) -> None:
    video = tmp_path / "drive.mp4"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"mp4v"), 10, (80, 60))
    if not writer.isOpened():
        pytest.skip("this OpenCV build cannot write mp4v")
    for _ in range(6):
        writer.write(_scene())
    writer.release()
    code, (rec,) = _run_json(capsys, str(video), "--out", str(tmp_path / "o"), "--model", str(model), "--no-store")
    assert code == 0 and rec["status"] == "ok"
    assert rec["frames"] == 6 and Path(rec["overlay_mp4"]).name == "drive_overlay.mp4"
    cap = cv2.VideoCapture(rec["overlay_mp4"])
    ok, frame = cap.read()
    cap.release()
    assert ok and frame.shape == (60, 80, 3)
    assert rec["areas"]["sky"] == pytest.approx(0.5, abs=0.06)


def test_unknown_hidden_category_and_missing_model(tmp_path, model, capsys) -> None:
    cv2.imwrite(str(tmp_path / "a.png"), _scene())
    assert cli(["segment", str(tmp_path / "a.png"), "--out", str(tmp_path), "--model", str(model),
                "--hide", "unicorn"]) == 2
    assert "unknown categories" in capsys.readouterr().err
    assert cli(["segment", str(tmp_path / "a.png"), "--out", str(tmp_path), "--model", str(tmp_path / "no.onnx")]) == 2
    assert "error" in capsys.readouterr().err
