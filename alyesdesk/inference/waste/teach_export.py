"""Writing a taught head as an ordinary `classify` model: backbone + head as one ONNX graph, its sidecar."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import numpy as np

from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.waste.embedding import EMBEDDING, prune_to_outputs

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from alyesdesk.inference.waste.teach import Evaluation, GatedHead, Head

HEAD_LOGITS = "logits"

def head_model(base_onnx: str | Path, embedding_name: str | None, head: Head | GatedHead,
               check: bool = True) -> Any:
    """The base graph with its logits replaced by `head` on its embedding output; outputs: logits, embedding.
    A GatedHead corrects the base's own logits (kept inside the graph). `check=False` leaves the ONNX check
    to the caller (who checks the bytes it writes, instead of serialising 18 MB twice).
    """
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(base_onnx))
    graph = model.graph
    names = {o for n in graph.node for o in n.output}
    if embedding_name is None or embedding_name not in names:
        raise ModelError(f"the base model has no tensor '{embedding_name}'")
    base_logits = graph.output[0].name
    # the base's own output tensors get a prefix, so the head can use the plain names
    rename = {o.name: f"base_{o.name}" for o in graph.output if o.name != embedding_name}
    for node in graph.node:
        for i, out in enumerate(node.output):
            if out in rename:
                node.output[i] = rename[out]
        for i, inp in enumerate(node.input):
            if inp in rename:
                node.input[i] = rename[inp]
    from alyesdesk.inference.waste.teach import GatedHead  # teach.py imports this module: import at call time

    def f32(a: np.ndarray | list[float], n: str) -> onnx.TensorProto:
        return numpy_helper.from_array(np.asarray(a, np.float32), n)

    if isinstance(head, GatedHead):
        k = head.delta.shape[0]
        width = head.basis.shape[0]
        inits = [f32(head.centre[None], "head_centre"), f32(head.basis, "head_basis"),
                 f32(head.gate_w[:, None], "head_gate_w"), f32([head.gate_b], "head_gate_b"),
                 f32(head.delta, "head_delta"), f32(head.delta_bias, "head_delta_b")]
        nodes = [helper.make_node("Sub", [embedding_name, "head_centre"], ["head_centred"], name="head_sub"),
                 helper.make_node("MatMul", ["head_centred", "head_basis"], ["head_f"], name="head_project"),
                 helper.make_node("Gemm", ["head_f", "head_gate_w", "head_gate_b"], ["head_gate_z"], name="head_gate"),
                 helper.make_node("Sigmoid", ["head_gate_z"], ["head_gate_p"], name="head_sigmoid"),
                 helper.make_node("Gemm", ["head_f", "head_delta", "head_delta_b"], ["head_correction"], transB=1,
                                  name="head_correct"),
                 helper.make_node("Mul", ["head_gate_p", "head_correction"], ["head_gated"], name="head_mul"),
                 helper.make_node("Add", [rename[base_logits], "head_gated"], [HEAD_LOGITS], name="head_add")]
    else:
        k = head.weight.shape[0]
        width = head.weight.shape[1]
        inits = [f32(head.weight, "head_weight"), f32(head.bias, "head_bias")]
        source = embedding_name
        nodes = []
        if head.centre is not None:
            inits.append(f32(head.centre[None], "head_centre"))
            nodes += [helper.make_node("Sub", [embedding_name, "head_centre"], ["head_centred"], name="head_sub"),
                      helper.make_node("LpNormalization", ["head_centred"], ["head_normalised"], axis=1, p=2,
                                       name="head_norm")]
            source = "head_normalised"
        nodes.append(helper.make_node("Gemm", [source, "head_weight", "head_bias"], [HEAD_LOGITS], transB=1,
                                      name="head_gemm"))
    graph.node.extend(nodes)
    graph.initializer.extend(inits)
    emb_info = next((o for o in graph.output if o.name == embedding_name), None)
    emb_info = type(emb_info).FromString(emb_info.SerializeToString()) if emb_info is not None else None
    del graph.output[:]
    graph.output.append(helper.make_tensor_value_info(HEAD_LOGITS, TensorProto.FLOAT, ["batch", k]))
    graph.output.append(emb_info or helper.make_tensor_value_info(embedding_name, TensorProto.FLOAT, ["batch", width]))
    prune_to_outputs(model)
    if check:
        onnx.checker.check_model(model)
    return model


def safe_name(name: str) -> str:
    """A model name from a project's name: letters, digits and underscores."""
    text = re.sub(r"[^A-Za-z0-9_]+", "_", name.strip()).strip("_").lower()
    if not text:
        raise ModelError("the name needs at least one letter or digit")
    return text if text[0].isalpha() else f"p_{text}"


def head_sidecar(base_spec: Any, *, name: str, version: str, labels: Sequence[str], head: Head | GatedHead,
                 evaluation: Evaluation, kind: str, photos: dict[str, int], extra_metrics: dict | None = None,
                 base_sha256: str = "", bins: dict | None = None) -> dict:
    """The sidecar of a taught model: the base's input, the new labels and head, what it measured, and
    the bins of its classes when the project gave some (see class_bins.py)."""
    raw = json.loads(json.dumps(base_spec.raw))
    inputs = raw["inputs"]
    from alyesdesk.inference.waste.teach import GatedHead  # teach.py imports this module: import at call time

    width = head.basis.shape[0] if isinstance(head, GatedHead) else head.weight.shape[1]
    extend = kind == "extend"
    sidecar: dict[str, Any] = {
        "schema_version": raw.get("schema_version", 1),
        "task": "classify",
        "name": name,
        "version": version,
        "licence": "weights: the base model's licence; head taught from the user's own photos",
        "description": (f"{base_spec.name} {base_spec.version} adapted to the user's photos (same materials)"
                        if extend else f"taught by the user: {', '.join(labels)}"),
        "inputs": inputs,
        "outputs": [{"name": HEAD_LOGITS, "shape": ["batch", len(labels)], "dtype": "float32", "layout": "NC"},
                    {"name": EMBEDDING, "shape": ["batch", width], "dtype": "float32", "layout": "NC"}],
        "embedding": {"output": EMBEDDING, "width": width},
        "labels": list(labels),
        "calibration": {"temperature": raw.get("calibration", {}).get("temperature", 1.0) if extend else 1.0},
        "thresholds": {"not_sure": float(raw.get("thresholds", {}).get("not_sure", 0.5))} if extend
        else {"not_sure": 0.5},
        "runtime": raw.get("runtime", {"intra_op_threads": 2}),
        "training": {
            "data": [{"name": f"{sum(photos.values())} photos taught by the user", "licence": "the user's own photos"}]
            + (raw.get("training", {}).get("data", []) if extend else []),
            "base_model": {"name": base_spec.name, "version": base_spec.version, "sha256": base_sha256},
            "head": head.info,
            "photos_per_class": photos,
        },
        "teach": {"kind": kind, "project": name},
        "metrics": {**evaluation.to_dict(labels), **(extra_metrics or {})},
    }
    from alyesdesk.inference.waste.class_bins import clean_bins

    class_bins = clean_bins(bins, list(labels)) if not extend else {}
    if class_bins:
        sidecar["bins"] = class_bins
    if extend and "not_waste" in raw.get("thresholds", {}):
        sidecar["thresholds"]["not_waste"] = raw["thresholds"]["not_waste"]
        if "not_waste" in raw:
            sidecar["not_waste"] = raw["not_waste"]
    return sidecar


def write_model(folder: Path, stem: str, model: Any, sidecar: dict) -> Path:
    """Write `<stem>.onnx` (a ModelProto, or its bytes) then `<stem>.json` atomically (the catalog lists a
    pair once the sidecar exists)."""
    import os

    from alyesdesk.fileio import atomic_write_text

    folder.mkdir(parents=True, exist_ok=True)
    onnx_path = folder / f"{stem}.onnx"
    tmp = folder / f".{stem}.onnx.tmp"
    tmp.write_bytes(model if isinstance(model, bytes) else model.SerializeToString())
    os.replace(tmp, onnx_path)
    atomic_write_text(folder / f"{stem}.json", json.dumps(sidecar, indent=2) + "\n")
    return onnx_path
