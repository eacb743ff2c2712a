"""The waste ensemble's graph merge (logits averaged in one ONNX graph) and its compatibility checks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import onnxruntime as ort

from onnx import TensorProto, helper  # noqa: E402

from alyesdesk.training.waste.ensemble import _check_compatible, merge_graphs  # noqa: E402


def _classifier(path: Path, weights: np.ndarray) -> Path:
    """image [N,3,4,4] -> global average pool -> linear -> logits [N,C]."""
    nodes = [
        helper.make_node("GlobalAveragePool", ["image"], ["pooled"]),
        helper.make_node("Flatten", ["pooled"], ["flat"], axis=1),
        helper.make_node("MatMul", ["flat", "w"], ["logits"]),
    ]
    graph = helper.make_graph(
        nodes, "tiny",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 3, 4, 4])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", weights.shape[1]])],
        [helper.make_tensor("w", TensorProto.FLOAT, list(weights.shape), weights.ravel().tolist())],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    path.write_bytes(model.SerializeToString())
    return path


def _run(model_bytes: bytes, x: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(model_bytes, providers=["CPUExecutionProvider"])
    return session.run(None, {"image": x})[0]


def test_merged_graph_outputs_the_mean_of_its_members(tmp_path) -> None:
    rng = np.random.default_rng(0)
    wa, wb = rng.normal(size=(3, 5)).astype(np.float32), rng.normal(size=(3, 5)).astype(np.float32)
    a = _classifier(tmp_path / "a.onnx", wa)
    b = _classifier(tmp_path / "b.onnx", wb)
    x = rng.random((2, 3, 4, 4), dtype=np.float32)
    merged = merge_graphs([a, b], "image", "logits")
    out = _run(merged.SerializeToString(), x)
    expected = (_run(a.read_bytes(), x) + _run(b.read_bytes(), x)) / 2
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-6)
    assert [i.name for i in merged.graph.input] == ["image"]
    assert [o.name for o in merged.graph.output] == ["logits"]


def test_members_must_share_input_labels_and_split(tmp_path) -> None:
    base = {"labels": ["a", "b"], "inputs": [{"name": "image"}], "outputs": [{"name": "logits"}],
            "training": {"split": {"seed": 0, "train": 10, "val": 2, "test": 2}}}
    _check_compatible([(tmp_path / "a.onnx", base), (tmp_path / "b.onnx", dict(base))])
    with pytest.raises(SystemExit, match="labels"):
        _check_compatible([(tmp_path / "a.onnx", base), (tmp_path / "b.onnx", {**base, "labels": ["b", "a"]})])
    other_split = {**base, "training": {"split": {"seed": 1, "train": 10, "val": 2, "test": 2}}}
    with pytest.raises(SystemExit, match="another split"):
        _check_compatible([(tmp_path / "a.onnx", base), (tmp_path / "b.onnx", other_split)])
