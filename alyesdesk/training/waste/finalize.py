"""Export a realworld.py checkpoint and measure it through the app's own path; write the sidecar.

Val splits choose everything (mirror TTA, temperature, "not sure", "not waste"); then the in-domain test
split, the held-out source (if any), and non-waste test images from sources no threshold was chosen on
(faces, synthetic screenshots / landscapes / walls, plus the held-back halves of streets and documents) are
scored once, with the current bundled model scored on the same images for comparison.
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

from alyesdesk.inference.images import read_image, to_tensor
from alyesdesk.inference.sidecar import validate_sidecar
from alyesdesk.training import common
from alyesdesk.training.waste import augment as A
from alyesdesk.training.waste import ood
from alyesdesk.training.waste import realworld as R
from alyesdesk.training.waste.rw_model import export_logits, export_module
from alyesdesk.training.waste import sources as S
from alyesdesk.training.waste.model import build_model
from alyesdesk.training.waste.train import TRASHNET_LABELS, input_spec, measure_latency

log = logging.getLogger("alyesdesk.training.waste.finalize")
TARGETS = {"in_domain_top1": 0.90, "trashnet6_top1": 0.93, "held_out_top1": 0.70, "ece_in_domain": 0.05,
           "ece_held_out": 0.10, "not_waste_flagged": 0.95, "waste_flagged_max": 0.05}
SYNTH_PER_KIND = 60


class Scorer:
    """Logits of one ONNX model through read_image -> to_tensor -> onnxruntime (first output)."""

    def __init__(self, onnx_path: Path, threads: int) -> None:
        import onnxruntime as ort

        sidecar = json.loads(onnx_path.with_suffix(".json").read_text(encoding="utf-8"))
        inp = sidecar["inputs"][0]
        self.spec = input_spec(int(inp["shape"][2]), inp["normalization"]["mean"], inp["normalization"]["std"])
        self.sidecar = sidecar
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        self.session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self.output = sidecar["outputs"][0]["name"]

    def bgr(self, images: list[np.ndarray]) -> np.ndarray:
        out = [self.session.run([self.output], {self.spec.name: to_tensor(img, self.spec)[0]})[0][0] for img in images]
        return np.stack(out) if out else np.zeros((0, 9), np.float32)

    def files(self, files: list[Path]) -> np.ndarray:
        out = []
        for f in files:
            out.append(self.session.run([self.output], {self.spec.name: to_tensor(read_image(f), self.spec)[0]})[0][0])
        return np.stack(out) if out else np.zeros((0, 9), np.float32)


def _single(allowed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows with one allowed label, their label index) for temperature fitting."""
    sel = allowed.sum(1) == 1
    return sel, allowed[sel].argmax(1)


def scored(logits: np.ndarray, allowed: np.ndarray, temperature: float, not_waste: float | None) -> dict[str, Any]:
    probs = common.softmax(logits, temperature)
    correct = ood.correct_in_set(logits, allowed)
    out = {"top1": round(float(correct.mean()), 4), "count": int(len(correct)),
           "ece_calibrated": round(ood.ece(probs.max(1), correct), 4)}
    if not_waste is not None:
        out["flagged_not_waste_rate"] = round(float((ood.waste_probability(logits) < not_waste).mean()), 4)
    return out


def synthetic_negatives(seed: int = 123) -> dict[str, list[np.ndarray]]:
    rng = np.random.default_rng(seed)
    return {kind: [np.ascontiguousarray(fn(int(rng.integers(160, 320)), rng)[:, :, ::-1])
                   for _ in range(SYNTH_PER_KIND)] for kind, fn in A.SYNTHETIC_TEST_NEGATIVES.items()}


def recalibrated_bn(model: Any, st: dict, size: int, n: int = 1536, seed: int = 0) -> Any:
    """A copy of `model` whose BatchNorm running statistics are the exact averages over `n` clean training
    photos (and a share of non-waste ones, as in training), at the model's input size.
    """
    import copy

    import cv2
    import torch

    from alyesdesk.training.waste.model import to_input

    rng = np.random.default_rng(seed)
    x = st["x_train"][rng.choice(len(st["x_train"]), min(n, len(st["x_train"])), replace=False)]
    neg = st["neg_train"][rng.choice(len(st["neg_train"]), int(0.15 * len(x)), replace=False)]
    images = np.stack([cv2.resize(i, (size, size), interpolation=cv2.INTER_AREA) for i in np.concatenate([x, neg])])
    images = images[rng.permutation(len(images))]
    out = copy.deepcopy(model)
    for m in out.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.reset_running_stats()
            m.momentum = None  # cumulative average
    out.train()
    with torch.no_grad():
        for i in range(0, len(images), 128):
            out(to_input(images[i:i + 128], np.array(R.MEAN, np.float32), np.array(R.STD, np.float32)))
    return out.eval()


def finalize(args: argparse.Namespace) -> Path:
    import torch

    torch.set_num_threads(args.threads)
    run_dir = Path(args.run_dir)
    ckpt = torch.load(run_dir / "best.pt", map_location="cpu", weights_only=False)
    config = ckpt["config"]
    args.size, args.width = config["size"], config["width"]
    args.holdout = config.get("holdout", args.holdout)
    st = R.prepare(args)
    root = st["root"]
    split_doc = st["split"]
    model = build_model(len(R.ALL_LABELS), config["width"])
    model.load_state_dict(ckpt["model"])
    model.eval()

    # BatchNorm statistics re-estimated on clean (unaugmented) training photos, kept only if val improves:
    # the running statistics were gathered on heavily augmented batches, the app sees plain photos.
    m_val = st["m_val"][:, :-1]
    base_acc = float(ood.correct_in_set(export_logits(model, st["x_val"], False)[0], m_val).mean())
    recal = recalibrated_bn(model, st, args.size)
    recal_acc = float(ood.correct_in_set(export_logits(recal, st["x_val"], False)[0], m_val).mean())
    bn_recalibrated = recal_acc > base_acc
    log.info("val top-1 %.4f as trained, %.4f with BN statistics from clean photos -> %s", base_acc, recal_acc,
             "recalibrated" if bn_recalibrated else "as trained")
    if bn_recalibrated:
        model = recal
    # mirror TTA only if it helps on val
    plain, _ = export_logits(model, st["x_val"], False)
    mirrored, _ = export_logits(model, st["x_val"], True)
    acc_plain = float(ood.correct_in_set(plain, m_val).mean())
    acc_mirror = float(ood.correct_in_set(mirrored, m_val).mean())
    mirror = acc_mirror > acc_plain + 0.002 and not args.no_tta
    log.info("val top-1 %.4f plain, %.4f mirror -> %s", acc_plain, acc_mirror, "mirror" if mirror else "plain")

    exp = export_module(model, mirror)
    staging = run_dir / "export" / f"{R.STEM}.onnx"
    staging.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(exp, (torch.zeros(1, 3, args.size, args.size),), str(staging), input_names=["image"],
                      output_names=["logits", "embedding"],
                      dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}, "embedding": {0: "batch"}},
                      opset_version=17, dynamo=False)
    emb_dim = int(exp.head.in_features)
    inputs = [{"name": "image", "shape": ["batch", 3, args.size, args.size], "dtype": "float32", "layout": "NCHW",
               "color_order": "RGB", "resize": "stretch",
               "normalization": {"scale": 1 / 255, "mean": list(R.MEAN), "std": list(R.STD)}}]
    outputs = [{"name": "logits", "shape": ["batch", 9], "dtype": "float32", "layout": "NC"},
               {"name": "embedding", "shape": ["batch", emb_dim], "dtype": "float32", "layout": "NC"}]
    common.write_json(staging.with_suffix(".json"), {"inputs": inputs, "outputs": outputs})
    new = Scorer(staging, args.ort_threads)
    old = Scorer(Path(args.compare), args.ort_threads) if args.compare and Path(args.compare).is_file() else None

    def files_of(samples: list[S.Sample]) -> list[Path]:
        return [root / s.path for s in samples]

    negs = split_doc["negatives"]
    t0 = time.monotonic()
    # --- val: temperature, not sure, not waste ---
    val_logits = new.files(files_of(st["val_samples"]))
    neg_val_logits = new.files([root / p for g in ("streets", "documents") for p in negs[g]["val"]])
    sel, y = _single(m_val)
    temperature = common.fit_temperature(val_logits[sel], y)
    from alyesdesk.training.waste.train import choose_threshold

    not_sure = choose_threshold(common.softmax(val_logits[sel], temperature), y)
    not_waste = ood.choose_not_waste(ood.waste_probability(val_logits), ood.waste_probability(neg_val_logits))
    log.info("val: T=%.3f not_sure=%.2f not_waste=%.3f (%.1f s)", temperature, not_sure, not_waste,
             time.monotonic() - t0)

    # --- test: in domain ---
    test_samples = st["test_samples"]
    m_test = st["m_test"][:, :-1]
    test_logits = new.files(files_of(test_samples))
    x_t = st["x_test"]
    torch_logits, _ = export_logits(model, x_t, mirror)
    in_domain = scored(test_logits, m_test, temperature, not_waste)
    per_source = {}
    for src in st["train_sources"]:
        idx = np.array([s.source == src for s in test_samples])
        if idx.any():
            per_source[src] = scored(test_logits[idx], m_test[idx], temperature, not_waste)
    legacy = np.array([s.source in ("trashnet", "extra") for s in test_samples])
    tn6 = np.array([s.source == "trashnet" for s in test_samples])
    labels9 = list(S.MATERIALS)
    y_single = np.array([labels9.index(s.allowed[0]) if len(s.allowed) == 1 else -1 for s in test_samples])
    pred = test_logits.argmax(1)
    conf = common.classification_metrics(pred[y_single >= 0], y_single[y_single >= 0], labels9)
    trash_idx = [labels9.index(l) for l in TRASHNET_LABELS]

    def tn6_top1(lg: np.ndarray) -> float:
        return round(float(ood.correct_in_set(lg[tn6], m_test[tn6]).mean()), 4)

    metrics: dict[str, Any] = {
        "protocol": "in-domain: test split of every training source " + ",".join(st["train_sources"]),
        "top1": in_domain["top1"], "count": in_domain["count"],
        "top1_trashnet6": tn6_top1(test_logits), "trashnet6_count": int(tn6.sum()),
        "top1_trashnet6_restricted": round(float((np.array(trash_idx)[test_logits[tn6][:, trash_idx].argmax(1)]
                                                  == m_test[tn6].argmax(1)).mean()), 4),
        "top1_trashnet_extra_1x_test": round(float(ood.correct_in_set(test_logits[legacy], m_test[legacy]).mean()), 4),
        "trashnet_extra_1x_test_count": int(legacy.sum()),
        "per_source": per_source,
        "per_class_accuracy": conf["per_class_accuracy"],
        "confusion_matrix": {**conf["confusion_matrix"], "note": "single-label test photos only"},
        "split": "test", "split_file": f"{R.STEM}.split.json",
        "scoring": "a prediction is correct when it is in the photo's allowed set (partial labels)",
        "evaluated_with": "read_image -> to_tensor -> onnxruntime on the original files",
        "ece_test_calibrated": in_domain["ece_calibrated"],
        "not_waste_flagged_rate_test": in_domain["flagged_not_waste_rate"],
        "top1_val": round(float(ood.correct_in_set(val_logits, m_val).mean()), 4),
        "onnx_vs_torch_max_abs_logit_diff": round(float(np.abs(torch_logits - test_logits).max()), 6),
    }
    sure = common.softmax(test_logits, temperature).max(1) >= not_sure
    metrics["not_sure_rate_test"] = round(float(1 - sure.mean()), 4)
    metrics["top1_when_sure_test"] = round(float(ood.correct_in_set(test_logits[sure], m_test[sure]).mean()), 4)

    # --- held-out source ---
    held = st["held_samples"]
    comparison: dict[str, Any] = {}
    if held:
        m_held = R.allowed_matrix(held)[:, :-1]
        held_logits = new.files(files_of(held))
        h = scored(held_logits, m_held, temperature, not_waste)
        by_folder = {}
        for folder in sorted({s.folder for s in held}):
            idx = np.array([s.folder == folder for s in held])
            by_folder[folder] = {"count": int(idx.sum()),
                                 "top1": round(float(ood.correct_in_set(held_logits[idx], m_held[idx]).mean()), 4),
                                 "predicted": dict(zip(*np.unique(np.array(labels9)[held_logits[idx].argmax(1)],
                                                                   return_counts=True)))}
        for v in by_folder.values():
            v["predicted"] = {k: int(c) for k, c in v["predicted"].items()}
        metrics["held_out"] = {"sources": list(args.holdout), "protocol": "leave-one-source-out: never trained on, "
                               "no choice made on it; every image of the source, mapped to materials (sources.py)",
                               **h, "temperature_from": "in-domain val", "per_folder": by_folder}
        if old is not None:
            ol = old.files(files_of(held))
            comparison["held_out"] = {"top1": round(float(ood.correct_in_set(ol, m_held).mean()), 4),
                                      "ece_calibrated": round(ood.ece(common.softmax(ol, old.sidecar["calibration"]
                                                              ["temperature"]).max(1),
                                                              ood.correct_in_set(ol, m_held)), 4)}
    if old is not None:
        ol = old.files(files_of(test_samples))
        comparison["in_domain_test"] = {"top1": round(float(ood.correct_in_set(ol, m_test).mean()), 4),
                                        "top1_trashnet6": tn6_top1(ol),
                                        "top1_trashnet_extra_1x_test": round(float(ood.correct_in_set(
                                            ol[legacy], m_test[legacy]).mean()), 4),
                                        **{f"top1_{src}": round(float(ood.correct_in_set(
                                            ol[[s.source == src for s in test_samples]],
                                            m_test[[s.source == src for s in test_samples]]).mean()), 4)
                                           for src in per_source}}

    # --- not waste ---
    groups: dict[str, list] = {
        "streets_test_half": [root / p for p in negs["streets"]["test"]],
        "documents_test": [root / p for p in negs["documents"]["test"]],
        "faces": [root / p for p in negs["faces"]["test"]],
    }
    synth = synthetic_negatives()
    rates, all_flags = {}, []
    for name, files in groups.items():
        pw = ood.waste_probability(new.files(files))
        rates[name] = {"count": len(files), "flagged": round(float((pw < not_waste).mean()), 4)}
        all_flags += list(pw < not_waste)
    for name, imgs in synth.items():
        pw = ood.waste_probability(new.bgr(imgs))
        rates[f"synthetic_{name}"] = {"count": len(imgs), "flagged": round(float((pw < not_waste).mean()), 4)}
        all_flags += list(pw < not_waste)
    unseen = [k for k in rates if k == "faces" or k.startswith("synthetic_")] + ["documents_test (contracts_fr part)"]
    pw_val_neg = ood.waste_probability(neg_val_logits)
    metrics["not_waste"] = {
        "score": "sigmoid(logsumexp(logits)) = 1 - p(background class); flagged when below thresholds.not_waste",
        "threshold": not_waste,
        "chosen_on": "val: in-domain waste val photos (at most 3% flagged) and streets (CamVid/IDD val, even "
                     "hash half) + Tobacco800 val pages",
        "val_waste_flagged": round(float((ood.waste_probability(val_logits) < not_waste).mean()), 4),
        "val_negatives_flagged": round(float((pw_val_neg < not_waste).mean()), 4),
        "test_negatives": rates,
        "test_negatives_flagged_overall": round(float(np.mean(all_flags)), 4),
        "sources_never_trained_or_tuned_on": unseen,
        "in_domain_test_flagged": in_domain["flagged_not_waste_rate"],
        **({"held_out_flagged": metrics["held_out"]["flagged_not_waste_rate"]} if held else {}),
    }
    if comparison:
        comparison["note"] = (f"{Path(args.compare).name} ({old.sidecar.get('version')}) scored on the same images; "
                              "it has no not-waste flag (every photo gets a bin)")
        metrics["current_model_same_images"] = comparison
    metrics["latency"] = measure_latency(staging, new.spec, files_of(test_samples)[:100], 200, args.ort_threads)
    metrics["latency_note"] = (f"median over single images on the training machine (2 shared CPU cores), "
                               f"onnxruntime intra_op threads {args.ort_threads}; scripts/bench_waste.py re-measures")
    extra = Path(args.protocol_metrics) if getattr(args, "protocol_metrics", None) else None
    if extra and extra.is_file():
        metrics["leave_one_source_out"] = json.loads(extra.read_text(encoding="utf-8"))
    met = {
        "in_domain_top1": metrics["top1"] >= TARGETS["in_domain_top1"],
        "trashnet6_top1": metrics["top1_trashnet6"] >= TARGETS["trashnet6_top1"],
        "ece_in_domain": metrics["ece_test_calibrated"] <= TARGETS["ece_in_domain"],
        "not_waste_flagged": metrics["not_waste"]["test_negatives_flagged_overall"] >= TARGETS["not_waste_flagged"],
        "waste_flagged_max": metrics["not_waste_flagged_rate_test"] <= TARGETS["waste_flagged_max"],
    }
    if held:
        met["held_out_top1"] = metrics["held_out"]["top1"] >= TARGETS["held_out_top1"]
        met["ece_held_out"] = metrics["held_out"]["ece_calibrated"] <= TARGETS["ece_held_out"]
    metrics["targets"] = TARGETS
    metrics["targets_met"] = met
    metrics["meets_target"] = bool(metrics["top1"] >= 0.90 and metrics["top1_trashnet6"] >= 0.90)

    n_params = sum(p.numel() for p in model.parameters())
    sidecar = {
        "schema_version": 1, "task": "classify", "name": "waste_classifier", "version": args.version,
        "description": "Material of a photographed waste item (9 classes), trained for real photos (every waste "
                       "source, items pasted onto other surfaces, a not-waste class); compact residual CNN by "
                       "alyesdesk/training/waste/realworld.py. Outputs: logits (material logits minus the "
                       "not-waste logit) and embedding (pooled penultimate features, for few-shot heads).",
        "licence": "weights: MIT (AlyesDesk); trained partly on images with no stated licence (research use) and on "
                   "CC BY-SA 4.0 photos: see training.data",
        "inputs": inputs, "outputs": outputs, "labels": labels9,
        "calibration": {"temperature": round(temperature, 4), "method": "temperature scaling on the val split "
                        "(single-label photos)"},
        "runtime": {"intra_op_threads": args.ort_threads},
        "thresholds": {"not_sure": not_sure, "not_waste": not_waste},
        "embedding": {"output": "embedding", "width": emb_dim},
        "not_waste": {"score": "sigmoid(logsumexp(logits))", "output": "logits",
                      "meaning": "probability the photo shows a waste item at all (1 - p(background class)); "
                                 "below thresholds.not_waste the app answers 'not a waste item' and gives no bin"},
        "training": {
            "data": R.DATA_SOURCES,
            "mapping": {"note": "source folder -> allowed materials; two materials = a partial label (trained with "
                                "-log of the summed probability of the set, scored correct if the prediction is in "
                                "the set). web carton (drink cartons) -> cardboard: ~75% paperboard and box-shaped; "
                                "restaurant sauce_packets -> {plastic, trash}: flexible plastic or plastic/foil "
                                "laminate sachets, which TrashNet files under trash",
                        **S.MAPPING_NOTE},
            "held_out_sources": list(args.holdout),
            "script": "alyesdesk/training/waste/realworld.py (+ sources.py, augment.py, copypaste.py, ood.py, "
                      "finalize.py)",
            "command": " ".join(["python -m alyesdesk.training.waste.realworld", *sys.argv[1:]]),
            **({"train_command": args.train_command} if getattr(args, "train_command", None) else {}),
            "architecture": f"residual CNN (model.build_model), width {config['width']}, {n_params} parameters, "
                            "9 materials + a training-only not-waste class"
                            + (", logits averaged with the mirrored image (in the graph)" if mirror else ""),
            "initialisation": getattr(args, "init_note", None) or "see train_command",
            "batchnorm_recalibrated_on_clean_photos": {"used": bn_recalibrated, "val_top1_as_trained": round(base_acc, 4),
                                                       "val_top1_recalibrated": round(recal_acc, 4)},
            "test_time_augmentation": {"mirror": mirror, "val_top1_plain": round(acc_plain, 4),
                                       "val_top1_mirror": round(acc_mirror, 4)},
            "best_step": int(ckpt["step"]), "best_val": ckpt.get("val"),
            "split": {"seed": split_doc["seed"], "train": len(st["train_samples"]), "val": len(st["val_samples"]),
                      "test": len(test_samples)},
            "augmentation": "TrashNet items cut off the white board (colour-distance mask + GrabCut) and pasted, "
                            "scaled/rotated/relit with a contact shadow, onto synthetic surfaces (wood grain, tiles, "
                            "kraft paper, table colours, mats, noise) or crops of street scenes and document pages "
                            "(no faces); random resized crops, 90-degree turns, flips, rotation; colour temperature, "
                            "exposure, gamma, contrast, saturation, shadow/light gradients, blur, motion blur, "
                            "noise, JPEG 25-90, cutout (numpy/OpenCV)",
            "negatives": "15% of each batch: CamVid + IDD Lite train scenes, Tobacco800 train pages (whole and "
                         "zoomed), bare synthetic surfaces (tiles, table, mat, noise)",
        },
        "metrics": metrics,
    }
    validate_sidecar(sidecar, source=f"{R.STEM}.json")
    common.write_json(run_dir / "metrics.json", metrics)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    import shutil

    shutil.copyfile(staging, out_dir / f"{R.STEM}.onnx")
    common.write_json(out_dir / f"{R.STEM}.json", sidecar)
    common.write_json(out_dir / f"{R.STEM}.split.json", shipped_split(split_doc, st["train_sources"]))
    log.info("in-domain %s; TrashNet-6 %.4f; held-out %s; not-waste %s; latency %s", in_domain,
             metrics["top1_trashnet6"], metrics.get("held_out", {}).get("top1"),
             metrics["not_waste"]["test_negatives_flagged_overall"], metrics["latency"])
    log.info("targets met: %s", met)
    log.info("current model on the same images: %s", comparison)
    return out_dir / f"{R.STEM}.onnx"


def shipped_split(split_doc: dict, train_sources: tuple[str, ...]) -> dict:
    """The split as the model's .split.json: waste paths relative to ../shared/data/waste (like 1.x), each
    entry with its source, folder, allowed materials and a `label` ("a|b" for a partial label).
    """
    out = {k: v for k, v in split_doc.items() if k not in ("train", "val", "test")}
    out["root"] = "../shared/data/waste"
    out["negatives_root"] = "../shared/data"
    out["training_sources"] = list(train_sources)
    for part in ("train", "val", "test"):
        out[part] = [{"path": e["path"].removeprefix("waste/"), "label": "|".join(e["allowed"]),
                      "source": e["source"], "folder": e["folder"], "allowed": e["allowed"]}
                     for e in split_doc[part] if e["source"] in train_sources]
    return out
