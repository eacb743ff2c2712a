"""A tiny hand-built ONNX "signature detector" for tests (needs only `onnx`; never shipped).

It fires on dark 8x8 cells of its 64x64 grey input: heatmap = sigmoid(-6 * (mean of the cell + 0.5))
on the normalised image (ink = -1, paper = +1), and every box reaches `half` input pixels from the
cell centre. So a solid black rectangle on white paper becomes one or more confident boxes, and a
blank page none: enough to test decoding, verdicts, the CLI and the tab without the real model.
"""

from __future__ import annotations

import json
from pathlib import Path

SIZE, STRIDE = 64, 8


def tiny_sidecar(score: float = 0.5, review: float = 0.2) -> dict:
    grid = SIZE // STRIDE
    return {
        "schema_version": 1,
        "task": "detect",
        "name": "tiny-signature-test",
        "version": "0.0.1",
        "licence": "test only",
        "description": "test fixture: fires on dark cells",
        "inputs": [{"name": "image", "shape": ["N", 1, SIZE, SIZE], "dtype": "float32", "layout": "NCHW",
                    "color_order": "GRAY", "resize": "stretch",
                    "normalization": {"scale": 1 / 255, "mean": [0.5], "std": [0.5]}}],
        "outputs": [{"name": "heatmap", "shape": ["N", 1, grid, grid], "dtype": "float32"},
                    {"name": "ltrb", "shape": ["N", 4, grid, grid], "dtype": "float32"}],
        "labels": ["signature"],
        "categories": [{"name": "signature", "color": "#e6194b"}],
        "thresholds": {"score": score, "review": review, "nms_iou": 0.3},
        "decoder": {"type": "centre_ltrb", "stride": STRIDE, "heatmap": "heatmap", "ltrb": "ltrb", "top_k": 50},
        "documents": {"pdf_long_side_px": 400},
    }


def write_tiny_detector(folder: Path, stem: str = "tiny_signatures", half: float = 12.0, **thresholds) -> Path:
    import onnx
    from onnx import TensorProto, helper

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    grid = SIZE // STRIDE
    nodes = [
        helper.make_node("AveragePool", ["image"], ["pooled"], kernel_shape=[STRIDE, STRIDE], strides=[STRIDE, STRIDE]),
        helper.make_node("Add", ["pooled", "half_c"], ["shifted"]),
        helper.make_node("Mul", ["shifted", "gain"], ["logit"]),
        helper.make_node("Sigmoid", ["logit"], ["heatmap"]),
        helper.make_node("Mul", ["pooled", "zero"], ["zeros"]),
        helper.make_node("Concat", ["zeros", "zeros", "zeros", "zeros"], ["zeros4"], axis=1),
        helper.make_node("Add", ["zeros4", "reach"], ["ltrb"]),
    ]
    inits = [
        helper.make_tensor("half_c", TensorProto.FLOAT, [], [0.5]),
        helper.make_tensor("gain", TensorProto.FLOAT, [], [-6.0]),
        helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0]),
        helper.make_tensor("reach", TensorProto.FLOAT, [], [half]),
    ]
    graph = helper.make_graph(
        nodes, "tiny_signatures",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 1, SIZE, SIZE])],
        [helper.make_tensor_value_info("heatmap", TensorProto.FLOAT, ["N", 1, grid, grid]),
         helper.make_tensor_value_info("ltrb", TensorProto.FLOAT, ["N", 4, grid, grid])],
        initializer=inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx_path = folder / f"{stem}.onnx"
    onnx.save(model, str(onnx_path))
    (folder / f"{stem}.json").write_text(json.dumps(tiny_sidecar(**thresholds), indent=2))
    return onnx_path
