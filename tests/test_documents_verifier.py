"""The signature verifier: crops, the 'verify' backend, the checker's second look, linking and import."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from alyesdesk.inference.documents.detect import Detections
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.documents.verify import crop_box, crop_window

from model_factory import identity_onnx

IN_SHAPE = ["N", 1, 64, 192]


def _verifier_sidecar(**extra) -> dict:
    data = {
        "schema_version": 1, "task": "verify", "name": "tiny-verifier", "version": "0.0.1", "licence": "test only",
        "inputs": [{"name": "image", "shape": IN_SHAPE, "dtype": "float32", "layout": "NCHW", "color_order": "GRAY",
                    "resize": "letterbox", "normalization": {"scale": 1 / 255, "mean": [0.5], "std": [0.5]}}],
        "outputs": [{"name": "scores", "shape": ["N", 2], "dtype": "float32"}],
        "labels": ["not_signature", "signature"], "positive": "signature", "crop": {"context": 0.15, "pad_px": 4},
    }
    data.update(extra)
    return data


def write_verifier(folder: Path, stem: str = "tiny_verifier", **extra) -> Path:
    """A verifier whose P(signature) grows with the crop's brightness (mean pixel -> 2 logits)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = identity_onnx(folder / f"{stem}.onnx", IN_SHAPE, ["N", 2])
    path.with_suffix(".json").write_text(json.dumps(_verifier_sidecar(**extra)))
    return path


class _Spec:
    """Just ModelSpec.get over a plain dict."""

    def __init__(self, raw: dict) -> None:
        self.raw = raw

    def get(self, dotted: str, default=None):  # noqa: ANN001, ANN201
        node = self.raw
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node


class _TwoBoxDetector:
    """One box on white paper, one on a black blob, both confident."""

    score_threshold, review_threshold = 0.5, 0.3

    def __init__(self, sidecar: dict | None = None, onnx_path: Path | None = None) -> None:
        self.spec = _Spec(sidecar or {})
        self.onnx_path = onnx_path or Path("detector.onnx")

    def detect(self, image, min_score=None):  # noqa: ANN001, ANN201
        h, w = image.shape[:2]
        boxes = np.array([[20, 20, 120, 60], [200, 200, 300, 240]], np.float32)
        return Detections(boxes, np.array([0.9, 0.8], np.float32), w, h)


def _page() -> np.ndarray:
    page = np.full((400, 400, 3), 255, np.uint8)
    page[188:252, 178:322] = 0  # the second box (and its crop margin) sits on solid ink
    return page


# --- crops ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("box, expect", [
    ((10, 10, 50, 30), (0, 3, 60, 37)),        # grown by 15% + 4 px, clipped at the left edge
    ((90, 90, 100, 100), (84, 84, 100, 100)),  # clipped at the right and bottom
    ((150, 150, 160, 160), (98, 98, 100, 100)),  # wholly outside: a 2x2 crop at the nearest corner
    ((40, 40, 40, 40), (36, 36, 44, 44)),      # zero-size box: the fixed margin still gives pixels
])
def test_crop_window_grows_clips_and_is_never_empty(box, expect) -> None:
    assert crop_window((100, 100), np.array(box, np.float32), 0.15, 4) == expect
    crop = crop_box(np.zeros((100, 100), np.uint8), np.array(box, np.float32), 0.15, 4)
    assert crop.shape[0] >= 2 and crop.shape[1] >= 2


def test_crop_window_on_a_one_pixel_image_stays_inside_it() -> None:
    left, top, right, bottom = crop_window((1, 1), np.array([0, 0, 1, 1], np.float32), 0.15, 4)
    assert (left, top) == (0, 0) and np.zeros((1, 1))[top:bottom, left:right].size == 1


# --- backend --------------------------------------------------------------------------------------
def test_verifier_scores_each_box_from_its_own_pixels(tmp_path: Path) -> None:
    from alyesdesk.inference.catalog import load_model

    verifier = load_model(write_verifier(tmp_path))
    p = verifier.probabilities(_page(), np.array([[20, 20, 120, 60], [200, 200, 300, 240]], np.float32))
    assert p.shape == (2,) and p[0] > 0.6 and p[1] < 0.45  # white paper vs solid ink (letterbox adds white)
    assert verifier.probabilities(_page(), np.zeros((0, 4))).shape == (0,)


def test_verifier_sidecar_must_name_a_known_positive_label(tmp_path: Path) -> None:
    from alyesdesk.inference.catalog import load_model

    path = write_verifier(tmp_path, positive="autograph")
    with pytest.raises(ModelError, match="autograph"):
        load_model(path)


# --- the checker's second look --------------------------------------------------------------------
def test_checker_drops_boxes_the_verifier_rejects(tmp_path: Path) -> None:
    from alyesdesk.inference.catalog import load_model
    from alyesdesk.inference.documents.check import SignatureChecker

    verifier = load_model(write_verifier(tmp_path))
    alone = SignatureChecker(_TwoBoxDetector(), verifier=None).check_page(_page(), 1)
    assert alone.count == 2 and all(b.verifier is None for b in alone.boxes)
    checker = SignatureChecker(_TwoBoxDetector(), verifier=verifier)
    page = checker.check_page(_page(), 1)
    assert page.count == 1 and page.boxes[0].x1 == 20 and page.boxes[0].verifier > 0.6
    assert page.to_dict()["boxes"][0]["verifier"] == pytest.approx(page.boxes[0].verifier, abs=1e-4)
    checker.verifier_threshold = 0.0  # nothing rejected: the detector's verdict comes back
    assert checker.check_page(_page(), 1).count == 2


def test_detector_sidecar_links_its_verifier(tmp_path: Path) -> None:
    from alyesdesk.inference.documents.check import SignatureChecker

    write_verifier(tmp_path, stem="v")
    sidecar = {"documents": {"verifier": "v.onnx", "verifier_threshold": 0.5}}
    checker = SignatureChecker(_TwoBoxDetector(sidecar, tmp_path / "detector.onnx"))
    assert checker.verifier is not None and checker.check_page(_page(), 1).count == 1


@pytest.mark.parametrize("name, message", [
    ("missing.onnx", "not beside it"),
    ("../v.onnx", "file name beside the detector"),
    ("classifier.onnx", "not a 'verify' model"),
])
def test_a_broken_verifier_link_is_a_clear_model_error(tmp_path: Path, name: str, message: str) -> None:
    from alyesdesk.inference.documents.check import SignatureChecker

    from model_factory import write_model

    write_verifier(tmp_path / "models", stem="v")
    write_model(tmp_path / "models", "classifier", "classify", [1, 3, 8, 8], [1, 2], labels=["a", "b"])
    detector = _TwoBoxDetector({"documents": {"verifier": name}}, tmp_path / "models" / "detector.onnx")
    with pytest.raises(ModelError, match=message):
        SignatureChecker(detector)


# --- import ---------------------------------------------------------------------------------------
def test_importing_a_detector_brings_its_verifier(tmp_path: Path, capsys) -> None:
    from alyesdesk import paths
    from alyesdesk.inference import catalog
    from alyesdesk.inference.documents.check import SignatureChecker
    from alyesdesk.inference.importer import import_model

    bundled = paths.bundled_models_dir() / "signature_detector.onnx"
    spec = json.loads(bundled.with_suffix(".json").read_text())
    verifier = spec.get("documents", {}).get("verifier")
    assert verifier, "the bundled detector names its verifier (documents.verifier)"
    src = tmp_path / "src"
    src.mkdir()
    shutil.copyfile(bundled, src / "my_detector.onnx")
    shutil.copyfile(bundled.with_suffix(".json"), src / "my_detector.json")
    with pytest.raises(ModelError, match="beside the model"):
        import_model(src / "my_detector.onnx")
    assert not list(paths.user_models_dir().glob("*.onnx"))  # nothing half-installed
    for suffix in (".onnx", ".json"):
        shutil.copyfile((bundled.parent / verifier).with_suffix(suffix), (src / verifier).with_suffix(suffix))
    installed = import_model(src / "my_detector.onnx")
    backend = catalog.load_model(installed)
    linked = backend.spec.get("documents.verifier")
    assert linked != verifier and (installed.parent / linked).is_file()
    assert SignatureChecker(backend).verifier is not None
