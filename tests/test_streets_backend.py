"""The "segment" backend with a tiny hand-weighted ONNX (red -> flat, green -> nature, blue -> sky)."""

from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("onnx")

from alyesdesk.inference import catalog  # noqa: E402
from alyesdesk.inference.errors import ImageError, ModelMismatchError  # noqa: E402
from alyesdesk.inference.streets.segment import Segmenter  # noqa: E402
from alyesdesk.training.streets.tiny import write_tiny_segmenter  # noqa: E402

FLAT, NATURE, SKY = 0, 5, 6


@pytest.fixture
def tiny(tmp_path):
    return write_tiny_segmenter(tmp_path / "m")


def _scene(h: int, w: int) -> np.ndarray:
    image = np.zeros((h, w, 3), np.uint8)
    image[: h // 2] = (255, 0, 0)  # BGR blue: sky
    image[h // 2 :, : w // 2] = (0, 0, 255)  # red: flat
    image[h // 2 :, w // 2 :] = (0, 255, 0)  # green: nature
    return image


@pytest.mark.parametrize("size", [(360, 480), (7, 5), (1000, 90), (1500, 2000)])  # last: > 2 MP path
def test_labels_have_the_input_size(tiny, size) -> None:
    h, w = size
    seg = catalog.load_model(tiny).segment(_scene(h, w))
    assert seg.labels.shape == (h, w) and seg.labels.dtype == np.uint8
    assert seg.categories[SKY] == "sky" and len(seg.colours) == 8
    if h >= 100:
        assert seg.labels[h // 4, w // 2] == SKY
        assert seg.labels[3 * h // 4, w // 4] == FLAT
        assert seg.labels[3 * h // 4, 3 * w // 4] == NATURE


def test_void_is_never_predicted_when_sidecar_says_so(tiny) -> None:
    seg = catalog.load_model(tiny).segment(np.zeros((30, 40, 3), np.uint8))  # all logits tie or lose
    assert 7 not in np.unique(seg.labels)


def test_letterbox_maps_back_to_the_source(tmp_path) -> None:
    path = write_tiny_segmenter(tmp_path / "m")
    sidecar = json.loads(path.with_suffix(".json").read_text())
    sidecar["inputs"][0]["resize"] = "letterbox"  # white padding would read as "all colours": must be cut
    path.with_suffix(".json").write_text(json.dumps(sidecar))
    image = np.zeros((100, 400, 3), np.uint8)
    image[:, :200] = (255, 0, 0)
    image[:, 200:] = (0, 0, 255)
    seg = catalog.load_model(path).segment(image)
    assert seg.labels.shape == (100, 400)
    assert (seg.labels[:, :190] == SKY).all() and (seg.labels[:, 210:] == FLAT).all()


def test_wrong_channel_count_is_rejected(tmp_path) -> None:
    path = write_tiny_segmenter(tmp_path / "m")
    sidecar = json.loads(path.with_suffix(".json").read_text())
    # five categories, void kept (a sidecar naming a void category it lacks is refused before the graph)
    sidecar["categories"] = sidecar["categories"][:4] + sidecar["categories"][-1:]
    path.with_suffix(".json").write_text(json.dumps(sidecar))
    with pytest.raises(ModelMismatchError, match="8 channels but the sidecar lists 5"):
        catalog.load_model(path)


def test_bad_arrays_raise_image_error(tiny) -> None:
    backend = catalog.load_model(tiny)
    assert isinstance(backend, Segmenter)
    with pytest.raises(ImageError):
        backend.segment(np.zeros((10, 10), np.uint8))
    with pytest.raises(ImageError):
        backend.segment(np.zeros((0, 10, 3), np.uint8))


def test_label_map_outputs_are_accepted(tiny) -> None:
    backend = catalog.load_model(tiny)
    from alyesdesk.inference.images import to_tensor

    _, geometry = to_tensor(np.zeros((48, 64, 3), np.uint8), backend.input)
    label_map = np.zeros((1, 24, 32), np.int64)
    label_map[:, 12:] = SKY
    labels = backend.labels_from_output(label_map, geometry)
    assert labels.shape == (48, 64)
    assert (labels[:20] == 0).all() and (labels[28:] == SKY).all()


def _with_bias(path, bias):
    sidecar = json.loads(path.with_suffix(".json").read_text())
    sidecar["segment"]["class_bias"] = bias
    path.with_suffix(".json").write_text(json.dumps(sidecar))
    return path


def test_class_bias_moves_close_calls_only(tmp_path) -> None:
    """Half-bright green scores nature 0.02 against -5 for the rest: a +6 sky offset wins it, but a
    full-bright green pixel (nature 5) keeps its label."""
    image = np.zeros((40, 40, 3), np.uint8)
    image[:, :20] = (0, 128, 0)
    image[:, 20:] = (0, 255, 0)
    plain = catalog.load_model(write_tiny_segmenter(tmp_path / "a")).segment(image).labels
    assert (plain == NATURE).all()
    bias = [0.0] * 8
    bias[SKY] = 6.0
    shifted = catalog.load_model(_with_bias(write_tiny_segmenter(tmp_path / "b"), bias)).segment(image).labels
    assert (shifted[:, :18] == SKY).all() and (shifted[:, 22:] == NATURE).all()


@pytest.mark.parametrize("bias", [[0.0, 1.0], [0.0] * 7 + [50.0], "high", [0.0] * 7 + ["x"]])
def test_a_bad_class_bias_is_refused_at_load(tmp_path, bias) -> None:
    from alyesdesk.inference.sidecar import SidecarError

    path = _with_bias(write_tiny_segmenter(tmp_path / "m"), bias)
    with pytest.raises(SidecarError, match="class_bias"):
        catalog.load_model(path)
