"""Builds tiny ONNX models and sidecars for tests (never shipped as real models)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np


def identity_onnx(path: Path, in_shape: list, out_shape: list | None = None, name_in: str = "image",
                  name_out: str = "scores") -> Path:
    """A graph that averages the image to `out_shape` (enough to test I/O checks)."""
    import onnx  # declared in the test extra
    from onnx import TensorProto, helper

    out_shape = out_shape or [1, 3]
    reduce = helper.make_node("ReduceMean", [name_in], ["pooled"], axes=[2, 3], keepdims=0)
    weight = helper.make_tensor(
        "w", TensorProto.FLOAT, [in_shape[1], out_shape[1]],
        np.linspace(0.1, 1.0, in_shape[1] * out_shape[1]).astype(np.float32).tolist(),
    )
    matmul = helper.make_node("MatMul", ["pooled", "w"], [name_out])
    graph = helper.make_graph(
        [reduce, matmul],
        "tiny",
        [helper.make_tensor_value_info(name_in, TensorProto.FLOAT, in_shape)],
        [helper.make_tensor_value_info(name_out, TensorProto.FLOAT, out_shape)],
        initializer=[weight],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, str(path))
    return path


def sidecar(task: str, in_shape: list, out_shape: list, **extra) -> dict:
    data = {
        "schema_version": 1,
        "task": task,
        "name": "tiny-test-model",
        "version": "0.0.1",
        "licence": "test only",
        "inputs": [
            {
                "name": "image",
                "shape": in_shape,
                "dtype": "float32",
                "layout": "NCHW",
                "color_order": "RGB",
                "resize": "stretch",
                "normalization": {"scale": 1 / 255, "mean": [0.5], "std": [0.5]},
            }
        ],
        "outputs": [{"name": "scores", "shape": out_shape, "dtype": "float32"}],
    }
    data.update(extra)
    return data


def write_model(folder: Path, stem: str, task: str, in_shape: list, out_shape: list,
                onnx_in: list | None = None, onnx_out: list | None = None, **extra) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    onnx_path = identity_onnx(folder / f"{stem}.onnx", onnx_in or in_shape, onnx_out or out_shape)
    (folder / f"{stem}.json").write_text(json.dumps(sidecar(task, in_shape, out_shape, **extra)))
    return onnx_path
