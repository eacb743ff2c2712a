"""A tiny, hand-weighted ONNX segmenter for tests (never bundled): red -> flat, green -> nature, blue -> sky.

It is a single 1x1 convolution over the RGB input, so tests can predict its answer exactly without
torch and without ../shared.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from alyesdesk.training.streets.data import CATEGORIES, COLOURS


def tiny_sidecar(h: int, w: int, output_layout: str | None = None) -> dict:
    return {
        "schema_version": 1,
        "task": "segment",
        "name": "tiny_street_test",
        "version": "0.0.1",
        "licence": "test fixture",
        "inputs": [{"name": "image", "shape": [1, 3, h, w], "dtype": "float32", "layout": "NCHW",
                    "color_order": "RGB", "resize": "stretch",
                    "normalization": {"scale": 1 / 255, "mean": [0.0], "std": [1.0]}}],
        "outputs": [{"name": "logits", "shape": [1, len(CATEGORIES), h, w], "dtype": "float32"}],
        "categories": [{"name": n, "color": c} for n, c in zip(CATEGORIES, COLOURS)],
        "segment": {"void_category": "void", "predict_void": False},
    }


def write_tiny_segmenter(folder: str | Path, h: int = 24, w: int = 32, stem: str = "tiny_segmenter") -> Path:
    """Write `<stem>.onnx` + `<stem>.json` into `folder` and return the ONNX path (needs the onnx package)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    weight = np.zeros((len(CATEGORIES), 3, 1, 1), np.float32)
    bias = np.full(len(CATEGORIES), -5.0, np.float32)
    weight[CATEGORIES.index("flat"), 0] = 10.0  # R
    weight[CATEGORIES.index("nature"), 1] = 10.0  # G
    weight[CATEGORIES.index("sky"), 2] = 10.0  # B
    bias[[CATEGORIES.index(c) for c in ("flat", "nature", "sky")]] = 0.0
    graph = helper.make_graph(
        [helper.make_node("Conv", ["image", "W", "B"], ["logits"], kernel_shape=[1, 1])],
        "tiny_street",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, [1, 3, h, w])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, len(CATEGORIES), h, w])],
        [numpy_helper.from_array(weight, "W"), numpy_helper.from_array(bias, "B")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    path = folder / f"{stem}.onnx"
    onnx.save(model, str(path))
    path.with_suffix(".json").write_text(json.dumps(tiny_sidecar(h, w), indent=2), encoding="utf-8")
    return path
