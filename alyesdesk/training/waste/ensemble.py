"""Average several trained waste classifiers into one ONNX graph, if the average beats each of them on val.

    python -m alyesdesk.training.waste.ensemble --members A.onnx B.onnx [--out models] [--threads 2]

Each member is an exported classifier with its sidecar (`python -m alyesdesk.training.waste`), trained on
the same split with the same input (size, normalisation, labels): that is checked, not assumed. The
ensemble is one graph whose logits are the mean of the members' logits, so the app loads it like any
classifier. The choice is made on the val split only: the ensemble is written when its val top-1 beats
every member's, and the test split is scored once, afterwards, through the app's own path
(read_image -> to_tensor -> onnxruntime on the original files). Needs the `train` extra (onnx).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from alyesdesk import paths
from alyesdesk.inference.sidecar import validate_sidecar
from alyesdesk.training import common
from alyesdesk.training.waste import train as W

log = logging.getLogger("alyesdesk.training.waste.ensemble")


def _member(onnx_path: Path) -> tuple[Path, dict]:
    sidecar = json.loads(onnx_path.with_suffix(".json").read_text(encoding="utf-8"))
    validate_sidecar(sidecar, source=onnx_path.with_suffix(".json").name)
    return onnx_path, sidecar


def _check_compatible(members: list[tuple[Path, dict]]) -> None:
    first = members[0][1]
    for path, sidecar in members[1:]:
        for key in ("labels", "inputs", "outputs"):
            if sidecar[key] != first[key]:
                raise SystemExit(f"{path.name}: its sidecar's {key} differ from {members[0][0].name}'s; "
                                 "ensemble members need the same input, normalisation and labels")
        if sidecar["training"]["split"] != first["training"]["split"]:
            raise SystemExit(f"{path.name} was trained on another split; its val/test scores would not compare")


def merge_graphs(paths_: list[Path], input_name: str, output_name: str) -> Any:
    """One ModelProto: every member's graph on the shared input, logits averaged."""
    import onnx
    from onnx import compose, helper

    models = [onnx.load(str(p)) for p in paths_]
    opset = max(o.version for m in models for o in m.opset_import if o.domain in ("", "ai.onnx"))
    nodes, inits, outs = [], [], []
    for i, m in enumerate(models):
        m = onnx.version_converter.convert_version(m, opset) if _opset(m) != opset else m
        m = compose.add_prefix(m, f"m{i}_")
        graph = m.graph
        for node in graph.node:
            node.input[:] = [input_name if name == f"m{i}_{input_name}" else name for name in node.input]
        nodes += list(graph.node)
        inits += list(graph.initializer)
        outs.append(f"m{i}_{output_name}")
    nodes.append(helper.make_node("Sum", outs, ["logit_sum"]))
    inits.append(helper.make_tensor("inv_count", onnx.TensorProto.FLOAT, [], [1.0 / len(models)]))
    nodes.append(helper.make_node("Mul", ["logit_sum", "inv_count"], [output_name]))
    base = models[0].graph
    graph = helper.make_graph(nodes, "waste_ensemble", list(base.input), list(base.output), inits)
    merged = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="alyesdesk")
    merged.ir_version = models[0].ir_version
    onnx.checker.check_model(merged)
    return merged


def _opset(model: Any) -> int:
    return max(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))


def _files(split_doc: dict, part: str, roots: list[Path]) -> tuple[list[Path], list[str]]:
    out, labels = [], []
    for entry in split_doc[part]:
        candidates = [r / entry["path"] for r in roots]
        path = next((c for c in candidates if c.is_file()), None)
        if path is None:
            raise SystemExit(f"{entry['path']} is missing under {', '.join(map(str, roots))}")
        out.append(path)
        labels.append(entry["label"])
    return out, labels


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m alyesdesk.training.waste.ensemble", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--members", nargs="+", type=Path, required=True, help="member .onnx files (sidecars beside)")
    p.add_argument("--split", type=Path, help="split file (default: the first member's <stem>.split.json)")
    p.add_argument("--data", type=Path, action="append", help="data root(s); default ../shared/data/waste")
    p.add_argument("--out", type=Path, default=paths.bundled_models_dir())
    p.add_argument("--threads", type=int, default=2, help="onnxruntime intra-op threads (recorded in the sidecar)")
    p.add_argument("--version", default="1.1.0")
    p.add_argument("--force", action="store_true", help="write the ensemble even if it does not win on val")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    members = [_member(m) for m in args.members]
    _check_compatible(members)
    first = members[0][1]
    labels = list(first["labels"])
    inp = first["inputs"][0]
    size = int(inp["shape"][2])
    spec = W.input_spec(size, inp["normalization"]["mean"], inp["normalization"]["std"])
    split_path = args.split or members[0][0].with_name(f"{W.STEM}.split.json")
    split_doc = json.loads(split_path.read_text(encoding="utf-8"))
    roots = args.data or [W.default_data_root()]
    index = {l: i for i, l in enumerate(labels)}
    val_files, val_names = _files(split_doc, "val", roots)
    test_files, test_names = _files(split_doc, "test", roots)
    y_val = np.array([index[n] for n in val_names])
    y_test = np.array([index[n] for n in test_names])

    val_logits = [W.evaluate_files(path, spec, val_files, args.threads) for path, _ in members]
    member_val = [float((lg.argmax(1) == y_val).mean()) for lg in val_logits]
    ens_val_logits = np.mean(val_logits, axis=0)
    ens_val = float((ens_val_logits.argmax(1) == y_val).mean())
    for (path, _), acc in zip(members, member_val):
        log.info("val top-1 %.4f  %s", acc, path)
    log.info("val top-1 %.4f  ensemble of %d", ens_val, len(members))
    if ens_val <= max(member_val) and not args.force:
        log.warning("the ensemble does not beat its best member on val: nothing written")
        return 1

    args.out.mkdir(parents=True, exist_ok=True)
    onnx_path = args.out / f"{W.STEM}.onnx"
    merged = merge_graphs([m[0] for m in members], inp["name"], first["outputs"][0]["name"])
    staging = args.out / f"{W.STEM}.onnx.tmp"
    staging.write_bytes(merged.SerializeToString())

    t0 = time.monotonic()
    test_logits = W.evaluate_files(staging, spec, test_files, args.threads)
    log.info("evaluated %d test images in %.1f s", len(test_files), time.monotonic() - t0)
    member_test = [float((W.evaluate_files(path, spec, test_files, args.threads).argmax(1) == y_test).mean())
                   for path, _ in members]
    temperature = common.fit_temperature(ens_val_logits, y_val)
    not_sure = W.choose_threshold(common.softmax(ens_val_logits, temperature), y_val)
    metrics = W.test_metrics(test_logits, y_test, labels, temperature, not_sure)
    metrics.update({
        "top1_val": round(ens_val, 4),
        "members_top1_val": [round(a, 4) for a in member_val],
        "members_top1_test": [round(a, 4) for a in member_test],
        "latency": W.measure_latency(staging, spec, test_files, 200, args.threads),
        "latency_note": f"median over single images on the training machine (2 CPU cores), onnxruntime "
                        f"intra_op threads {args.threads}; scripts/bench_waste.py re-measures through the app",
    })
    sidecar = {
        **{k: first[k] for k in ("schema_version", "task", "name", "licence", "inputs", "outputs", "labels")},
        "version": args.version,
        "description": f"Material of a photographed waste item (9 classes): the mean of {len(members)} compact "
                       "residual CNNs trained from scratch by alyesdesk/training/waste/train.py (one graph).",
        "calibration": {"temperature": round(temperature, 4), "method": "temperature scaling on the val split"},
        "runtime": {"intra_op_threads": args.threads},
        "thresholds": {"not_sure": not_sure},
        "training": {
            "data": first["training"]["data"],
            "script": "alyesdesk/training/waste/train.py, then alyesdesk/training/waste/ensemble.py",
            "command": " ".join(["python -m alyesdesk.training.waste.ensemble", *sys.argv[1:]]),
            "members": [
                {"architecture": s["training"].get("architecture"), "train_command": s["training"].get("train_command")
                 or s["training"].get("command"), "best_epoch": s["training"].get("best_epoch"),
                 "top1_val": round(a, 4), "top1_test": round(t, 4)}
                for (_, s), a, t in zip(members, member_val, member_test)
            ],
            "split": first["training"]["split"],
            "augmentation": first["training"].get("augmentation"),
        },
        "metrics": metrics,
    }
    validate_sidecar(sidecar, source=f"{W.STEM}.json")
    staging.replace(onnx_path)
    common.write_json(args.out / f"{W.STEM}.json", sidecar)
    if split_path.resolve() != (args.out / f"{W.STEM}.split.json").resolve():
        common.write_json(args.out / f"{W.STEM}.split.json", split_doc)
    log.info("ensemble: test top-1 %.4f (members %s), TrashNet-6 %.4f, latency %s", metrics["top1"],
             [round(a, 4) for a in member_test], metrics.get("top1_trashnet6", float("nan")), metrics["latency"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
