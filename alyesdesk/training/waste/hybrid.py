"""One graph that keeps a materials model's answers and adds a "not waste" gate from another model.

    python -m alyesdesk.training.waste.hybrid --materials runs/baseline_1.2.0/waste_classifier.onnx \
        --gate runs/waste_rw_holdout/out/waste_classifier.onnx --out models --version 1.3.0

The exported logits are  a - logsumexp(a) + logsumexp(g),  with `a` the materials model's logits and `g` the
gate's (material logits minus its background logit). A per-photo constant does not change a softmax, so the
9 material probabilities (at the materials model's temperature) are exactly the materials model's; and
sigmoid(logsumexp(logits)) = sigmoid(logsumexp(g)) is exactly the gate's probability that the photo shows a
waste item, compared with the gate's `thresholds.not_waste`. The `embedding` output is the gate's.

Used when a model trained for real photos flags non-waste photos well but is not yet as accurate on
materials as the bundled one: the materials stay as they were (same in-domain numbers), the gate is added.
The test split of the materials model is re-scored through the merged graph (read_image -> to_tensor ->
onnxruntime) to prove the answers are unchanged, and the latency is re-measured.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

import numpy as np

from alyesdesk.inference.images import read_image, to_tensor
from alyesdesk.inference.sidecar import validate_sidecar
from alyesdesk.training import common
from alyesdesk.training.waste.train import input_spec, measure_latency

log = logging.getLogger("alyesdesk.training.waste.hybrid")
STEM = "waste_classifier"


def merge(materials: Path, gate: Path) -> Any:
    import onnx
    from onnx import compose, helper

    a, g = onnx.load(str(materials)), onnx.load(str(gate))
    opset = max(o.version for m in (a, g) for o in m.opset_import if o.domain in ("", "ai.onnx"))
    parts = []
    for prefix, m in (("mat_", a), ("gate_", g)):
        if max(o.version for o in m.opset_import if o.domain in ("", "ai.onnx")) != opset:
            m = onnx.version_converter.convert_version(m, opset)
        m = compose.add_prefix(m, prefix)
        for node in m.graph.node:
            node.input[:] = ["image" if name == f"{prefix}image" else name for name in node.input]
        parts.append(m)
    nodes = [n for m in parts for n in m.graph.node]
    inits = [i for m in parts for i in m.graph.initializer]
    if opset >= 18:
        inits.append(helper.make_tensor("lse_axes", onnx.TensorProto.INT64, [1], [1]))
        lse = lambda x, y: helper.make_node("ReduceLogSumExp", [x, "lse_axes"], [y], keepdims=1)  # noqa: E731
    else:
        lse = lambda x, y: helper.make_node("ReduceLogSumExp", [x], [y], axes=[1], keepdims=1)  # noqa: E731
    nodes += [
        lse("mat_logits", "mat_lse"),
        lse("gate_logits", "gate_lse"),
        helper.make_node("Sub", ["mat_logits", "mat_lse"], ["mat_logprob"]),
        helper.make_node("Add", ["mat_logprob", "gate_lse"], ["logits"]),
        helper.make_node("Identity", ["gate_embedding"], ["embedding"]),
    ]
    outputs = [helper.make_tensor_value_info("logits", onnx.TensorProto.FLOAT, ["batch", 9])]
    emb = next(o for o in g.graph.output if o.name == "embedding")
    width = emb.type.tensor_type.shape.dim[1].dim_value
    outputs.append(helper.make_tensor_value_info("embedding", onnx.TensorProto.FLOAT, ["batch", width]))
    graph = helper.make_graph(nodes, "waste_hybrid", list(a.graph.input), outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="alyesdesk")
    model.ir_version = max(a.ir_version, g.ir_version)
    onnx.checker.check_model(model)
    return model, int(width)


def _logits(path: Path, spec: Any, files: list[Path], threads: int) -> np.ndarray:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    return np.stack([session.run(["logits"], {"image": to_tensor(read_image(f), spec)[0]})[0][0] for f in files])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m alyesdesk.training.waste.hybrid", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--materials", type=Path, required=True, help="the materials model (.onnx, sidecar beside)")
    p.add_argument("--gate", type=Path, required=True, help="a realworld.py export with thresholds.not_waste")
    p.add_argument("--data", type=Path, default=None, help="../shared/data/waste (default)")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--version", default="1.3.0")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    mat = json.loads(args.materials.with_suffix(".json").read_text(encoding="utf-8"))
    gate = json.loads(args.gate.with_suffix(".json").read_text(encoding="utf-8"))
    if mat["inputs"] != gate["inputs"] or mat["labels"] != gate["labels"]:
        raise SystemExit("the two models must share their input (size, normalisation) and labels")
    if "not_waste" not in gate.get("thresholds", {}):
        raise SystemExit(f"{args.gate.name} has no thresholds.not_waste")
    model, width = merge(args.materials, args.gate)
    args.out.mkdir(parents=True, exist_ok=True)
    staging = args.out / f"{STEM}.onnx.tmp"
    staging.write_bytes(model.SerializeToString())

    inp = mat["inputs"][0]
    spec = input_spec(int(inp["shape"][2]), inp["normalization"]["mean"], inp["normalization"]["std"])
    split_path = args.materials.with_name(f"{STEM}.split.json")
    split = json.loads(split_path.read_text(encoding="utf-8"))
    from alyesdesk.training.waste.train import default_data_root

    root = args.data or default_data_root()
    files = [root / e["path"] for e in split["test"]]
    merged = _logits(staging, spec, files, args.threads)
    before = _logits(args.materials, spec, files, args.threads)
    t = mat["calibration"]["temperature"]
    same_probs = float(np.abs(common.softmax(merged, t) - common.softmax(before, t)).max())
    same_top1 = bool((merged.argmax(1) == before.argmax(1)).all())
    log.info("material probabilities vs the materials model: max abs diff %.2e, same top-1 %s", same_probs, same_top1)
    if not same_top1 or same_probs > 1e-4:
        raise SystemExit("the merged graph changed the material answers")
    from alyesdesk.training.waste.ood import waste_probability

    flagged = float((waste_probability(merged) < gate["thresholds"]["not_waste"]).mean())
    metrics = dict(mat["metrics"])
    metrics.update({
        "not_waste_flagged_rate_test": round(flagged, 4),
        "material_answers_identical_to": f"{mat.get('name')} {mat.get('version')} (max abs probability diff "
                                         f"{same_probs:.1e} on the test split)",
        "not_waste": gate["metrics"].get("not_waste"),
        "gate_model": {k: gate["metrics"].get(k) for k in ("top1", "top1_trashnet6", "top1_trashnet_extra_1x_test",
                                                           "held_out", "per_source", "ece_test_calibrated",
                                                           "current_model_same_images", "protocol")},
        "latency": measure_latency(staging, spec, files[:100], 200, args.threads),
        "latency_note": f"median over single images on the training machine (2 shared CPU cores), onnxruntime "
                        f"intra_op threads {args.threads}; scripts/bench_waste.py re-measures",
    })
    sidecar = {
        **{k: mat[k] for k in ("schema_version", "task", "name", "licence", "inputs", "labels", "calibration")},
        "version": args.version,
        "description": f"Material of a photographed waste item (9 classes): the materials of {mat.get('name')} "
                       f"{mat.get('version')} unchanged, plus a 'not a waste item' gate (sigmoid(logsumexp(logits)) "
                       "against thresholds.not_waste) from a network trained for real photos "
                       "(alyesdesk/training/waste/realworld.py); one graph (alyesdesk/training/waste/hybrid.py).",
        "outputs": [{"name": "logits", "shape": ["batch", 9], "dtype": "float32", "layout": "NC"},
                    {"name": "embedding", "shape": ["batch", width], "dtype": "float32", "layout": "NC"}],
        "runtime": {"intra_op_threads": args.threads},
        "thresholds": {"not_sure": mat["thresholds"]["not_sure"], "not_waste": gate["thresholds"]["not_waste"]},
        "not_waste": gate["not_waste"],
        "embedding": {"output": "embedding", "width": width, "from": "the gate network (pooled penultimate features)"},
        "training": {
            "data": gate["training"]["data"],
            "script": "alyesdesk/training/waste/hybrid.py",
            "command": " ".join(["python -m alyesdesk.training.waste.hybrid", *sys.argv[1:]]),
            "materials_model": {k: mat["training"].get(k) for k in ("script", "command", "members", "split",
                                                                    "augmentation")},
            "gate_model": gate["training"],
            "split": mat["training"]["split"],
        },
        "metrics": metrics,
    }
    validate_sidecar(sidecar, source=f"{STEM}.json")
    staging.replace(args.out / f"{STEM}.onnx")
    common.write_json(args.out / f"{STEM}.json", sidecar)
    if split_path.resolve() != (args.out / f"{STEM}.split.json").resolve():
        common.write_json(args.out / f"{STEM}.split.json", split)
    log.info("wrote %s: test flagged not-waste %.4f, latency %s", args.out / f"{STEM}.onnx", flagged,
             metrics["latency"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
