"""Penultimate features ("embeddings") of a classify model, as a second ONNX output declared in its sidecar.

A classify model may declare an output named `embedding` (shape [batch, D]) beside its logits; the
`Classifier` ignores it, the teaching code (`teach.py`) fits new heads on it. `add_embedding_output`
adds such an output to an existing graph by naming an intermediate tensor: by default the input of the
last Gemm/MatMul on the way to the logits, once per member when the graph is an ensemble (the members'
features are concatenated). Ops that sit between a member's last linear layer and the point where the
members merge and that are linear over the batch (the mirror pass's Slice + Add + Div) are replayed on
the features, so the logits are exactly an affine function of the embedding.

Usage::

    python -m alyesdesk.inference.waste.embedding models/waste_classifier.onnx   # adds it, updates the sidecar
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TYPE_CHECKING

import numpy as np

from alyesdesk.inference.errors import ModelError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

EMBEDDING = "embedding"
_LINEAR_OPS = ("Gemm", "MatMul")
# Ops replayed on a member's features between its last linear layer and the ensemble merge.
_BATCH_OPS = ("Slice", "Add", "Sub", "Div", "Mul", "Identity")


def embedding_output(spec: Any) -> str | None:
    """The name of the sidecar's embedding output (`embedding.output`, else an output named `embedding`),
    or None for a model that has none (older sidecars).
    """
    declared = spec.get("embedding.output") if hasattr(spec, "get") else None
    names = [o.name for o in spec.outputs]
    if isinstance(declared, str) and declared in names:
        return declared
    return EMBEDDING if EMBEDDING in names else None


# --- graph surgery -------------------------------------------------------------------------------------
def _producers(graph: Any) -> dict[str, Any]:
    return {out: node for node in graph.node for out in node.output}


def _consumers(graph: Any) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for node in graph.node:
        for name in node.input:
            found.setdefault(name, []).append(node)
    return found


def _ancestors(graph: Any, tensor: str) -> set[int]:
    """Indices (in graph.node) of the nodes `tensor` depends on."""
    producers = {out: i for i, node in enumerate(graph.node) for out in node.output}
    seen: set[int] = set()
    stack = [tensor]
    while stack:
        index = producers.get(stack.pop())
        if index is None or index in seen:
            continue
        seen.add(index)
        stack.extend(graph.node[index].input)
    return seen


def find_feature_tensors(graph: Any, logits: str) -> list[str]:
    """The inputs of the last Gemm/MatMul of each branch leading to `logits` (one per ensemble member)."""
    producers = {out: i for i, node in enumerate(graph.node) for out in node.output}
    found: set[int] = set()
    stack, seen = [logits], set()
    while stack:  # walk back from the logits; stop each path at its first linear layer
        index = producers.get(stack.pop())
        if index is None or index in seen:
            continue
        seen.add(index)
        node = graph.node[index]
        if node.op_type in _LINEAR_OPS:
            found.add(index)
            continue
        stack.extend(node.input)
    if not found:
        raise ModelError(f"no Gemm or MatMul leads to '{logits}': name the feature tensor explicitly")
    finals = [graph.node[i] for i in sorted(found)]
    for node in finals:
        if node.op_type == "Gemm" and any(a.name == "transA" and a.i for a in node.attribute):
            raise ModelError(f"Gemm '{node.name}' transposes its input: name the feature tensor explicitly")
    return [node.input[0] for node in finals]


def _scalar_initialiser(graph: Any, name: str, producers: dict[str, Any]) -> bool:
    from onnx import numpy_helper

    for init in graph.initializer:
        if init.name == name:
            return numpy_helper.to_array(init).size == 1
    node = producers.get(name)
    if node is not None and node.op_type == "Constant":
        for attr in node.attribute:
            if attr.name == "value":
                return numpy_helper.to_array(attr.t).size == 1
    return False


def _replay_branch(graph: Any, feature: str, linear_out: str, prefix: str) -> tuple[str, list[Any]]:
    """Copy the batch-linear ops that follow one member's last linear layer, fed with its features.

    Returns the name of the resulting feature tensor and the new nodes (in order).
    """
    from onnx import helper

    producers = _producers(graph)
    consumers = _consumers(graph)
    derived = {linear_out: feature}  # logits tensor of this branch -> its feature twin
    new_nodes: list[Any] = []
    current = feature
    frontier = [linear_out]
    while frontier:
        name = frontier.pop(0)
        for node in consumers.get(name, []):
            if any(o in derived for o in node.output):
                continue
            ins_derived = [i in derived for i in node.input]
            if node.op_type not in _BATCH_OPS:
                continue  # a non-linear op or a merge (Sum, Concat...) ends this member's branch
            if node.op_type in ("Add", "Sub"):
                if not all(ins_derived):
                    others = [i for i in node.input if i not in derived]
                    # another member's logits (a merge, or a twin not replayed yet) vs a bias
                    if any(_is_branch_output(producers, o) for o in others):
                        continue
                    derived[node.output[0]] = derived[next(i for i in node.input if i in derived)]
                    frontier.append(node.output[0])
                    continue
            elif node.op_type in ("Mul", "Div"):
                others = [i for i in node.input if i not in derived]
                if others and not all(_scalar_initialiser(graph, o, producers) for o in others):
                    derived[node.output[0]] = derived[next(i for i in node.input if i in derived)]
                    frontier.append(node.output[0])
                    continue
            elif not ins_derived[0]:
                continue  # Slice/Identity: only its data input counts
            out = f"{prefix}{node.output[0]}"
            inputs = [derived.get(i, i) if i else i for i in node.input]
            copy = helper.make_node(node.op_type, inputs, [out], name=f"{prefix}{node.name or node.output[0]}")
            copy.attribute.extend(node.attribute)
            new_nodes.append(copy)
            derived[node.output[0]] = out
            current = out
            frontier.append(node.output[0])
    # the deepest replayed tensor whose logits twin is still one member's own
    return (current if new_nodes else feature), new_nodes


def _is_branch_output(producers: dict[str, Any], name: str) -> bool:
    """True when `name` is computed (another member's logits), not a constant bias."""
    node = producers.get(name)
    if node is None:
        return False  # an initializer or graph input: a bias
    return node.op_type not in ("Constant",)


def add_embedding_output(model: Any, tensors: Sequence[str] | None = None, *, logits: str | None = None,
                         name: str = EMBEDDING) -> tuple[Any, int]:
    """Return (a copy of `model` with an extra output `name` [batch, D], D).

    `tensors`: intermediate tensors to expose (concatenated along axis 1 when several); by default the
    features before each member's last linear layer (see the module docstring). The original outputs are
    unchanged. The width D is found by running shape inference (or onnxruntime when it cannot tell).
    """
    import onnx
    from onnx import TensorProto, helper

    model = onnx.ModelProto.FromString(model.SerializeToString())
    graph = model.graph
    if any(o.name == name for o in graph.output):
        raise ModelError(f"the model already has an output named '{name}'")
    logits = logits or graph.output[0].name
    new_nodes: list[Any] = []
    if tensors:
        parts = list(tensors)
        known = {o for n in graph.node for o in n.output} | {i.name for i in graph.input}
        missing = [t for t in parts if t not in known]
        if missing:
            raise ModelError(f"no tensor named {missing} in the graph")
    else:
        parts = []
        for i, feature in enumerate(find_feature_tensors(graph, logits)):
            linear = next(n for n in graph.node if n.op_type in _LINEAR_OPS and n.input and n.input[0] == feature)
            out, nodes = _replay_branch(graph, feature, linear.output[0], f"emb{i}_")
            parts.append(out)
            new_nodes += nodes
    if len(parts) == 1:
        new_nodes.append(helper.make_node("Identity", parts, [name], name=f"{name}_identity"))
    else:
        new_nodes.append(helper.make_node("Concat", parts, [name], axis=1, name=f"{name}_concat"))
    graph.node.extend(new_nodes)
    graph.output.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", None]))
    width = _output_width(model, name)
    graph.output[-1].CopyFrom(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", width]))
    onnx.checker.check_model(model)
    return model, width


def _output_width(model: Any, name: str) -> int:
    import onnxruntime as ort

    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    feeds = {}
    for inp in session.get_inputs():
        shape = [d if isinstance(d, int) else 1 for d in inp.shape]
        feeds[inp.name] = np.zeros(shape, np.float32)
    out = session.run([name], feeds)[0]
    if out.ndim != 2:
        raise ModelError(f"the embedding '{name}' has shape {list(out.shape)}, expected [batch, D]")
    return int(out.shape[1])


def prune_to_outputs(model: Any) -> Any:
    """Drop the nodes and initializers no output depends on (in place; returns the model)."""
    graph = model.graph
    needed: set[int] = set()
    for out in graph.output:
        needed |= _ancestors(graph, out.name)
    # Deleted in place, last first: copying every kept node and weight through SerializeToString cost
    # ~0.2 s per taught model for an 18 MB base.
    for i in sorted(set(range(len(graph.node))) - needed, reverse=True):
        del graph.node[i]
    used = {i for n in graph.node for i in n.input}
    for i in reversed(range(len(graph.initializer))):
        if graph.initializer[i].name not in used:
            del graph.initializer[i]
    return model


def affine_head(embeddings: np.ndarray, logits: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """(W [K, D], b [K], max abs residual): logits ~= embeddings @ W.T + b by least squares. A tiny
    residual proves the model's head is affine in its embedding (what `--extend` starts from).
    """
    e = np.asarray(embeddings, np.float64)
    a = np.hstack([e, np.ones((len(e), 1))])
    coef, *_ = np.linalg.lstsq(a, np.asarray(logits, np.float64), rcond=None)
    residual = float(np.abs(a @ coef - logits).max()) if len(e) else 0.0
    return coef[:-1].T.astype(np.float32), coef[-1].astype(np.float32), residual


def declare_in_sidecar(sidecar: dict, width: int, name: str = EMBEDDING) -> dict:
    """A copy of `sidecar` that declares the embedding output (after the existing outputs)."""
    out = json.loads(json.dumps(sidecar))
    out["outputs"] = [o for o in out.get("outputs", []) if o.get("name") != name]
    out["outputs"].append({"name": name, "shape": ["batch", int(width)], "dtype": "float32", "layout": "NC"})
    out["embedding"] = {"output": name, "width": int(width),
                        "what": "features before the last linear layer (members concatenated)"}
    return out


def main(argv: Iterable[str] | None = None) -> int:
    """Command line: add the embedding output to a classify model and declare it in its sidecar; returns 0.

    Needs the `onnx` package (the "train" extra). Without --out the model is rewritten in place.
    """
    import onnx

    from alyesdesk.fileio import atomic_write_text

    parser = argparse.ArgumentParser(description="add an 'embedding' output to a classify ONNX model")
    parser.add_argument("onnx", type=Path)
    parser.add_argument("--tensor", action="append", help="feature tensor(s) to expose (default: found)")
    parser.add_argument("--out", type=Path, help="where to write (default: in place, sidecar updated)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    model, width = add_embedding_output(onnx.load(str(args.onnx)), args.tensor)
    target = args.out or args.onnx
    onnx.save(model, str(target))
    sidecar_path = args.onnx.with_suffix(".json")
    if sidecar_path.is_file():
        sidecar = json.loads(sidecar_path.read_text(encoding="utf-8"))
        atomic_write_text(target.with_suffix(".json"), json.dumps(declare_in_sidecar(sidecar, width), indent=2) + "\n")
    print(f"{target}: output '{EMBEDDING}' [batch, {width}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
