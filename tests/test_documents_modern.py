"""Modern documents: the generated pages, the eval on contracts_fr / staver_colour (skips without
../shared), starting a network from the shipped ONNX, threshold choice, and `check-docs --expected-per-page`."""

from __future__ import annotations

import json
import random
from pathlib import Path

import cv2
import numpy as np
import pytest

from alyesdesk.training.signatures import modern
from alyesdesk.training.signatures.eval_modern import _accuracy, matches, read_yolo_classes

REPO = Path(__file__).resolve().parents[1]


def _crops(n: int = 6) -> list[np.ndarray]:
    rng = np.random.default_rng(0)
    out = []
    for _ in range(n):
        c = np.zeros((40, 120), np.uint8)
        pts = np.clip(np.cumsum(rng.integers(-6, 7, (30, 2)), axis=0) + [60, 20], 0, [119, 39])
        for a, b in zip(pts, pts[1:]):
            cv2.line(c, (int(a[0]), int(a[1])), (int(b[0]), int(b[1])), 255, 2)
        out.append(c)
    return out


def test_generated_pages_have_signatures_stamps_and_negatives() -> None:
    rng = random.Random(3)
    crops = _crops()
    seen_signed = seen_stamp = 0
    for i in range(8):
        page, boxes, stamps = modern.modern_page(rng, crops, n_sign=0 if i == 0 else None)
        assert page.shape == (modern.PAGE_H, modern.PAGE_W, 3) and page.dtype == np.uint8
        if i == 0:
            assert len(boxes) == 0
        for b in np.concatenate([boxes, stamps]):
            assert 0 <= b[0] < b[2] <= modern.PAGE_W and 0 <= b[1] < b[3] <= modern.PAGE_H
        seen_signed += len(boxes) > 0
        seen_stamp += len(stamps) > 0
        grey, norm = modern.square_grey(page, boxes, 512)
        assert grey.shape == (512, 512) and ((norm >= 0) & (norm <= 1)).all() and len(norm) == len(boxes)
        for x1, y1, x2, y2 in boxes.astype(int):  # ink is there
            assert page[y1:y2, x1:x2].min() < 200
    assert seen_signed >= 3 and seen_stamp >= 1


def test_held_out_crops_never_train() -> None:
    crops = [np.full((2, 2), i, np.uint8) for i in range(10)]
    val, train = modern.split_crops(crops, True), modern.split_crops(crops, False)
    assert [int(c[0, 0]) for c in val] == [0, 5] and len(train) == 8


def test_eval_helpers(tmp_path: Path) -> None:
    (tmp_path / "l.txt").write_text("0 0.5 0.5 0.2 0.1\n1 0.1 0.1 0.1 0.1\nbad line\n")
    boxes, classes = read_yolo_classes(tmp_path / "l.txt", 1000, 500)
    assert classes.tolist() == [0, 1] and np.allclose(boxes[0], [400, 225, 600, 275])
    assert read_yolo_classes(tmp_path / "missing.txt", 10, 10)[0].shape == (0, 4)
    # Loose truth: a centre inside it is a match even at a low IoU.
    m = matches(np.array([[450, 240, 470, 260], [0, 0, 10, 10]], np.float32), boxes[:1])
    assert m[:, 0].tolist() == [True, False]
    acc = _accuracy(["signed", "needs_review", "unsigned", "signed"], [True, True, False, False])
    assert acc["verdict_accuracy"] == 0.5 and acc["verdict_accuracy_review_as_right"] == 0.75
    assert acc["signed_called_signed"] == "1/2" and acc["unsigned_called_signed"] == "1/2"


def test_thresholds_are_chosen_on_val_readings() -> None:
    from alyesdesk.training.signatures.ship_modern import choose_thresholds

    readings = [("tobacco", True, np.array([0.9]), np.array([0.9])), ("tobacco", False, np.array([0.3]), np.array([0.9])),
                ("generated", True, np.array([0.5]), np.array([0.8])),
                ("generated", False, np.array([0.7]), np.array([0.05]))]  # a stamp the verifier rejects
    chosen = choose_thresholds(readings)
    assert chosen["val_verdict_tobacco"] == 1.0 and chosen["val_verdict_generated"] == 1.0
    assert 0.3 < chosen["score"] <= 0.5 and chosen["verifier_threshold"] >= 0.1


def test_network_starts_from_the_shipped_onnx() -> None:
    torch = pytest.importorskip("torch")
    ort = pytest.importorskip("onnxruntime")
    from alyesdesk.training.signatures.from_onnx import freeze_bn, load_from_onnx

    onnx_path = REPO / "models" / "signature_detector.onnx"
    model = load_from_onnx(onnx_path)
    x = np.random.default_rng(0).standard_normal((1, 1, 384, 384)).astype(np.float32)
    heat, ltrb = ort.InferenceSession(str(onnx_path)).run(None, {"image": x})
    with torch.no_grad():
        th, tl = model(torch.from_numpy(x))
    assert np.abs(th.numpy() - heat).max() < 1e-4 and np.abs(tl.numpy() - ltrb).max() < 1e-2
    model.train()
    freeze_bn(model)
    assert not any(m.training for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d))


def test_bundled_model_on_modern_documents(shared_data: Path) -> None:
    """The shipped checker on contracts_fr and staver_colour (numbers in the README)."""
    pytest.importorskip("onnxruntime")
    from alyesdesk.training.signatures.eval_modern import evaluate_all

    root = shared_data / "signatures"
    if not (root / "contracts_fr").is_dir() or not (root / "staver_colour").is_dir():
        pytest.skip("contracts_fr / staver_colour are not in ../shared/data/signatures")
    result = evaluate_all(REPO / "models" / "signature_detector.onnx", root, ("contracts", "staver"))
    c = result["contracts_fr"]["signed_by_signature"]
    assert c["pages"] == 40 and c["signed_pages"] == 22
    assert c["verdict_accuracy"] >= 0.775  # 0.80 with 1.3.0 + verifier 2.1.0 (0.75 with 1.2.0 + 2.0.0, 0.60 with 1.1.0)
    s = result["staver_colour"]
    assert int(s["signature_found"].split("/")[0]) >= 4 and s["stamps_counted_as_signatures"] == 0  # 4/5; 3/5 with 1.2.0, 1/5 with 1.1.0


def test_cli_expected_per_page(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    pytest.importorskip("onnx")
    from documents_samples import page, write_png

    from alyesdesk.cli import run as cli
    from alyesdesk.training.signatures.tiny import write_tiny_detector

    model = write_tiny_detector(tmp_path / "model")
    tiff = tmp_path / "two.tiff"
    assert cv2.imwritemulti(str(tiff), [page(True), page(False)])
    code = cli(["check-docs", str(tiff), "--model", str(model), "--json", "--no-store"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out[0]["verdict"] == "signed" and out[0]["expected_per_page"] == 0
    code = cli(["check-docs", str(tiff), "--model", str(model), "--json", "--no-store", "--expected-per-page", "1"])
    out = json.loads(capsys.readouterr().out)
    assert code == 3 and out[0]["verdict"] == "unsigned" and out[0]["expected_per_page"] == 1
    signed = write_png(tmp_path / "one.png", page(True))
    csv_path = tmp_path / "r.csv"
    assert cli(["check-docs", str(signed), "--model", str(model), "--no-store", "--expected-per-page", "1",
                "--csv", str(csv_path)]) == 0
    assert "expected_per_page" in csv_path.read_text().splitlines()[0]
    assert cli(["check-docs", str(signed), "--model", str(model), "--no-store", "--expected-per-page", "0"]) == 2
