"""Test helpers for the Waste tests: a tiny throwaway ONNX classifier and sample/bad image files.

The tiny model is NOT the bundled one: it averages the image and maps mean red -> cardboard,
green -> glass, blue -> metal, so tests can predict its answers without any trained weights.
"""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np

WASTE_LABELS = ["cardboard", "glass", "metal", "paper", "plastic", "trash", "wood", "textiles", "organic_waste"]


def tiny_classifier(folder: Path, stem: str = "tiny_waste", labels: list[str] | None = None,
                    n_outputs: int | None = None, not_sure: float = 0.6) -> Path:
    """Write `<stem>.onnx` + `<stem>.json` (a valid classify sidecar) into `folder`; return the ONNX path."""

    import onnx  # declared in the test extra
    from onnx import TensorProto, helper

    labels = labels or WASTE_LABELS
    n_out = n_outputs or len(labels)
    weight = np.zeros((3, n_out), np.float32)
    for channel, column in ((0, 0), (1, 1), (2, 2)):  # RGB channel -> label index
        if column < n_out:
            weight[channel, column] = 12.0
    nodes = [
        helper.make_node("ReduceMean", ["image"], ["pooled"], axes=[2, 3], keepdims=0),
        helper.make_node("MatMul", ["pooled", "w"], ["logits"]),
    ]
    graph = helper.make_graph(
        nodes, "tiny_waste",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["batch", 3, 16, 16])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", n_out])],
        initializer=[helper.make_tensor("w", TensorProto.FLOAT, [3, n_out], weight.flatten().tolist())],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.onnx"
    onnx.save(model, str(path))
    sidecar = {
        "schema_version": 1, "task": "classify", "name": stem, "version": "0.0.1", "licence": "test only",
        "inputs": [{"name": "image", "shape": ["batch", 3, 16, 16], "dtype": "float32", "layout": "NCHW",
                    "color_order": "RGB", "resize": "stretch",
                    "normalization": {"scale": 1 / 255, "mean": [0.0], "std": [1.0]}}],
        "outputs": [{"name": "logits", "shape": ["batch", len(labels)], "dtype": "float32", "layout": "NC"}],
        "labels": labels,
        "calibration": {"temperature": 1.0},
        "thresholds": {"not_sure": not_sure},
    }
    (folder / f"{stem}.json").write_text(json.dumps(sidecar), encoding="utf-8")
    return path


def solid(path: Path, bgr: tuple[int, int, int], size: tuple[int, int] = (48, 64)) -> Path:
    """A solid-colour image file (format from the suffix)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = np.zeros((size[0], size[1], 3), np.uint8)
    image[:] = bgr
    assert cv2.imwrite(str(path), image)
    return path


RED, GREEN, BLUE, GREY = (0, 0, 230), (0, 230, 0), (230, 0, 0), (128, 128, 128)
