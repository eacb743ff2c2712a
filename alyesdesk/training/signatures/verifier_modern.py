"""Retrain the signature verifier for modern documents: candidates from the modern-document detector on
Tobacco800 *and* generated modern pages, grey or colour crops.

    nice -n 15 python -m alyesdesk.training.signatures.verifier_modern --out runs/verifier_modern/grey \
        [--colour] [--detector runs/signatures_modern/cand_v05/signature_detector.onnx] [--max-minutes 60]
    python -m alyesdesk.training.signatures.verifier_modern --out runs/verifier_modern/grey --resume

Why: the first verifier (`verifier`) learned from Tobacco800 candidates only. On generated modern pages
it rejects most real signatures (precision 1.0, recall 0.29 for the chain), which undoes the modern
fine-tune of the detector. This one learns the same modern domain as the detector.

1. candidates (cached in <out>/candidates.pkl, so --resume does not redo them):
   - Tobacco800 train pages + erased twins, as `verifier.candidates` (labelled boxes added as positives);
   - `--pages` generated modern pages (`modern.modern_page`, training crops only, a seed of their own):
     detector boxes >= 0.1 (a signature when IoU >= 0.3 with one, else not: stamps, initials, handwritten
     dates, logos, text lines), the signatures' own boxes as positives and stamps that touch no signature
     as negatives;
   - validation (only to keep the best epoch): Tobacco800 val pages + twins and the first `--val-pages`
     `modern.generated_val` pages (held-out crops; the pages `ship_modern` chooses thresholds on);
2. trains `verifier.build_model` (grey 1 channel, or BGR 3 channels with --colour) on crops letterboxed
   to 64x192, with box jitter, resolution, contrast, colour-cast, blur, JPEG and 1-bit augmentation;
   checkpoints every epoch (<out>/last.ckpt, best.ckpt by the mean of the two val AUCs);
3. exports <out>/signature_verifier.onnx + sidecar. Thresholds are chosen afterwards, with the detector,
   by `ship_modern --verifier <out>/signature_verifier.onnx` (Tobacco800 val + generated val only).
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import time
from pathlib import Path

import cv2
import numpy as np

from alyesdesk.inference.catalog import load_model
from alyesdesk.inference.documents.detect import iou_matrix
from alyesdesk.inference.documents.verify import crop_tensor
from alyesdesk.inference.sidecar import validate_sidecar
from alyesdesk.training.common import export_onnx, log_line, write_json
from alyesdesk.training.signatures import data as sd
from alyesdesk.training.signatures import modern
from alyesdesk.training.signatures import verifier as v1

REPO = Path(__file__).resolve().parents[3]
DEFAULT_DETECTOR = REPO / "runs" / "signatures_modern" / "cand_v05" / "signature_detector.onnx"


# --- candidates -----------------------------------------------------------------------------------
def _item(page: np.ndarray, box: np.ndarray, label: int, score: float, truth: bool, source: str) -> dict:
    crop, rel = v1._cut(page, box)
    return {"crop": crop, "box": rel, "label": label, "score": score, "truth": truth, "source": source}


def page_candidates(detector, page: np.ndarray, sig: np.ndarray, stamps: np.ndarray, with_truth: bool) -> list[dict]:
    """Labelled detector boxes on one generated BGR page (+ its signatures and lone stamps if `with_truth`)."""
    det = detector.detect(page, min_score=v1.MIN_CANDIDATE_SCORE)
    overlap = iou_matrix(det.boxes, sig).max(1) if len(sig) else np.zeros(len(det.boxes))
    items = [_item(page, b, int(o >= 0.3), float(s), False, "modern") for b, s, o in zip(det.boxes, det.scores, overlap)]
    if with_truth:
        items += [_item(page, b, 1, 1.0, True, "modern") for b in sig]
        for b in stamps:  # a stamp a signature crosses is not a clean negative: leave it out
            if not len(sig) or iou_matrix(np.asarray([b]), sig).max() <= 0.0:
                items.append(_item(page, b, 0, 0.0, True, "modern"))
    return items


def modern_candidates(detector, root: Path, cache: Path, n: int, seed: int, log) -> list[dict]:
    crops = modern.all_crops(root, cache, val=False)
    rng = random.Random(seed)
    items: list[dict] = []
    for i in range(n):
        page, sig, stamps = modern.modern_page(rng, crops, n_sign=0 if i % 4 == 0 else None)
        items += page_candidates(detector, page, sig, stamps, with_truth=True)
        if (i + 1) % 250 == 0:
            log(f"modern pages {i + 1}/{n}: {len(items)} crops")
    return items


def generated_val_candidates(detector, root: Path, n: int) -> list[dict]:
    items = []
    for page, sig, stamps in modern.generated_val(root, n):
        items += page_candidates(detector, page, sig, stamps, with_truth=False)
    return items


def build_candidates(detector, args: argparse.Namespace, log) -> dict:
    path = args.out / "candidates.pkl"
    if path.is_file():
        with path.open("rb") as f:
            return pickle.load(f)
    t0 = time.time()
    train = v1.candidates(detector, args.data, "train", with_truth=True)
    for it in train:
        it["source"] = "tobacco"
    log(f"tobacco train: {len(train)} crops ({time.time() - t0:.0f} s)")
    train += modern_candidates(detector, args.data, args.cache, args.pages, args.seed + 4242, log)
    val_t = v1.candidates(detector, args.data, "val", with_truth=False)
    for it in val_t:
        it["source"] = "tobacco"
    val_g = generated_val_candidates(detector, args.data, args.val_pages)
    data = {"train": train, "val_tobacco": val_t, "val_generated": val_g}
    for k, items in data.items():
        log(f"{k}: {len(items)} crops, {sum(it['label'] for it in items)} signatures ({time.time() - t0:.0f} s)")
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return data


# --- model input ----------------------------------------------------------------------------------
def tensor(item: dict, spec, rng: random.Random | None = None, colour: bool = False,
           context: float = v1.CONTEXT) -> np.ndarray:
    """The model input for a candidate (the app's `crop_tensor`), augmented when `rng` is given."""
    crop = item["crop"]
    if crop.ndim == 2:
        crop = cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR)
    x1, y1, x2, y2 = (float(v) for v in item["box"])
    if rng is not None:
        j = v1.JITTER
        w, h = x2 - x1, y2 - y1
        x1, x2 = x1 + rng.uniform(-j, j) * w, x2 + rng.uniform(-j, j) * w
        y1, y2 = y1 + rng.uniform(-j, j) * h, y2 + rng.uniform(-j, j) * h
        if rng.random() < 0.35:  # another scan resolution: generated pages are ~75 dpi, real ones 150-200
            s = rng.uniform(0.5, 2.5)
            ch, cw = crop.shape[:2]
            crop = cv2.resize(crop, (max(2, round(cw * s)), max(2, round(ch * s))),
                              interpolation=cv2.INTER_AREA if s < 1 else cv2.INTER_LINEAR)
            x1, y1, x2, y2 = x1 * s, y1 * s, x2 * s, y2 * s
        f = crop.astype(np.float32)
        if rng.random() < 0.5:  # contrast around mid-grey, then brightness
            a, b = rng.uniform(0.7, 1.3), rng.uniform(-30, 30)
            f = f * a + b + 127.5 * (1 - a)
        if colour and rng.random() < 0.4:  # colour cast
            f *= np.asarray([rng.uniform(0.85, 1.05) for _ in range(3)], np.float32)
        crop = np.clip(f, 0, 255).astype(np.uint8)
        if colour and rng.random() < 0.15:  # ink colour is a weak cue: stamps and signatures share blue
            crop = np.ascontiguousarray(crop[:, :, rng.sample(range(3), 3)])
        if rng.random() < 0.25:
            crop = cv2.GaussianBlur(crop, (3, 3), 0)
        if rng.random() < 0.2:
            ok, enc = cv2.imencode(".jpg", crop, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(30, 85)])
            crop = cv2.imdecode(enc, cv2.IMREAD_COLOR) if ok else crop
        if rng.random() < 0.08:  # 1-bit scans
            grey = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
            _, bw = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
            crop = cv2.cvtColor(bw, cv2.COLOR_GRAY2BGR)
    return crop_tensor(crop, np.array([x1, y1, x2, y2]), spec, context, v1.PAD_PX)[0]


def make_sidecar(width: int, colour: bool, metrics: dict | None = None, extra: dict | None = None,
                 context: float = v1.CONTEXT) -> dict:
    data = v1.make_sidecar(width)
    data["crop"]["context"] = context
    data["description"] = data["description"].replace(f"{v1.CONTEXT:.0%} context", f"{context:.0%} context")
    data["version"] = "2.0.0"
    data["inputs"][0]["shape"] = ["N", 3 if colour else 1, v1.INPUT_H, v1.INPUT_W]
    if colour:
        data["inputs"][0]["color_order"] = "BGR"
        data["inputs"][0]["normalization"] = {"scale": 1 / 255, "mean": [0.5] * 3, "std": [0.5] * 3}
    data["description"] = data["description"].replace(" grey;", " BGR colour;" if colour else " grey;").replace(
        "notes, logos)", "notes, logos, stamps, text lines), on 1990s scans and modern colour documents alike")
    data["training"]["data"] = [
        {"name": "Tobacco800 (IIT CDIP subset): detector candidates on 545 train pages and their erased twins, "
                 "plus the labelled boxes", "source": "Rovsi135/Signature_Detection_On_Documents @6e7632c",
         "licence": "none stated; research use"},
        {"name": "generated modern pages (alyesdesk.training.signatures.modern): detector candidates, signature "
                 "boxes, lone stamps; signatures composited from latin_crops (ICDAR SigComp 2011 Dutch, GPDS "
                 "samples, CEDAR) and crops (Chinese signatures)",
         "source": "mapo80/SignatureVerificationSdk @845b855, mapo80/sigver @1cea6e2, fastforwardlabs/signver "
                   "@6fee867; dishangti/Cross-media-Signatures @46ca408",
         "licence": "latin_crops: none stated / non-commercial research; crops: MIT"}]
    data["training"]["script"] = "python -m alyesdesk.training.signatures.verifier_modern"
    data["training"].update(extra or {})
    if metrics:
        data["metrics"] = metrics
    validate_sidecar(data)
    return data


# --- training -------------------------------------------------------------------------------------
def _scores(model, xs) -> np.ndarray:
    import torch

    model.eval()
    with torch.no_grad():
        return np.concatenate([torch.softmax(model(xs[k : k + 256]), 1)[:, 1].numpy() for k in range(0, len(xs), 256)])


def train(data: dict, args: argparse.Namespace, spec, log) -> None:
    import torch

    torch.manual_seed(args.seed)
    model = v1.build_model(args.width, 3 if args.colour else 1)
    # --tobacco-repeat: Tobacco800's candidates drawn that many times per epoch (its test verdict must hold).
    items = data["train"] + [it for it in data["train"] if it["source"] == "tobacco"] * (args.tobacco_repeat - 1)
    labels = np.array([it["label"] for it in items])
    batch = 64
    steps_per_epoch = len(items) // batch + 1
    opt = torch.optim.AdamW(model.parameters(), args.lr, weight_decay=1e-3)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, args.lr, total_steps=args.epochs * steps_per_epoch)
    val = {k: (torch.from_numpy(np.stack([tensor(it, spec, context=args.context) for it in data[k]])), np.array([it["label"] for it in data[k]]))
           for k in ("val_tobacco", "val_generated")}
    start, best, spent = 0, -1.0, 0.0
    last = args.out / "last.ckpt"
    if args.resume and last.is_file():
        ck = torch.load(last, map_location="cpu", weights_only=False)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        # The schedule is rebuilt for this run's --epochs (a resumed run may be given more), at the step reached.
        done = ck["steps"] if "steps" in ck else ck["sched"]["last_epoch"]  # older checkpoints kept the scheduler
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, args.lr, total_steps=max(args.epochs * steps_per_epoch, done + 1),
                                                    last_epoch=done - 1)
        start, best, spent = ck["epoch"] + 1, ck["best"], ck["spent"]
        log(f"resumed after epoch {ck['epoch']} ({spent / 60:.1f} min spent)")
    t_run = time.time()
    for epoch in range(start, args.epochs):
        if spent + time.time() - t_run >= args.max_minutes * 60:
            log(f"time budget ({args.max_minutes} min) spent; stopping before epoch {epoch}")
            break
        rng = random.Random(args.seed * 1000 + epoch)
        t0 = time.time()
        loss = v1.train_epoch(model, opt, sched, items, labels, rng, batch,
                              lambda item, r: tensor(item, spec, r, args.colour, args.context))
        aucs = {k: v1.auc(y, _scores(model, x)) for k, (x, y) in val.items()}
        score = float(np.mean(list(aucs.values())))
        spent += time.time() - t_run
        t_run = time.time()
        is_best = score > best
        best = max(best, score)
        ck = {"model": model.state_dict(), "opt": opt.state_dict(), "steps": sched.last_epoch, "epoch": epoch,
              "best": best, "spent": spent}
        torch.save(ck, args.out / "last.tmp")
        (args.out / "last.tmp").replace(last)
        if is_best:
            torch.save({"model": model.state_dict(), "epoch": epoch, "val_auc": aucs}, args.out / "best.ckpt")
        log(f"epoch {epoch} {time.time() - t0:.0f}s total {spent / 60:.1f}m loss {loss:.4f} "
            f"val auc tobacco {aucs['val_tobacco']:.4f} generated {aucs['val_generated']:.4f}{' *' if is_best else ''}")


def export(data: dict, args: argparse.Namespace, spec, log, detector=None) -> None:
    """ONNX + sidecar with the val AUCs (and Tobacco800 test's, measured only, when `detector` is given)."""
    import torch

    model = v1.build_model(args.width, 3 if args.colour else 1)
    ck = torch.load(args.out / "best.ckpt", map_location="cpu", weights_only=False)
    model.load_state_dict(ck["model"])
    onnx_path = args.out / "signature_verifier.onnx"
    export_onnx(model, torch.zeros(1, 3 if args.colour else 1, v1.INPUT_H, v1.INPUT_W), onnx_path, "image", "logits")
    extra = {"epochs": args.epochs, "best_epoch": ck["epoch"], "seed": args.seed,
             "candidates_min_score": v1.MIN_CANDIDATE_SCORE, "train_crops": len(data["train"]),
             "modern_pages": args.pages, "tobacco_repeat": args.tobacco_repeat, "detector": str(args.detector.relative_to(REPO) if args.detector.is_relative_to(REPO)
                                                         else args.detector.name)}
    json_path = onnx_path.with_suffix(".json")
    write_json(json_path, make_sidecar(args.width, args.colour, None, extra, args.context))
    verifier = load_model(onnx_path, json_path)
    metrics = {}
    sets = dict(data)
    if detector is not None:  # measured, never used to choose anything
        sets["test"] = v1.candidates(detector, args.data, "test", with_truth=False)
    for k in ("val_tobacco", "val_generated", "test")[: 3 if detector is not None else 2]:
        items = sets[k]
        p = verifier.probabilities  # the app's own path: crop, letterbox, softmax
        scores = np.array([p(cv2.cvtColor(it["crop"], cv2.COLOR_GRAY2BGR) if it["crop"].ndim == 2 else it["crop"],
                             np.asarray([it["box"]]))[0] for it in items])
        y = np.array([it["label"] for it in items])
        metrics[k] = {"candidates": len(items), "signatures": int(y.sum()), "auc": round(v1.auc(y, scores), 4),
                      "accuracy_at_0.5": round(float(np.mean((scores >= 0.5) == y)), 4),
                      "detector_score_auc": round(v1.auc(y, np.array([it["score"] for it in items])), 4)}
    metrics["note"] = ("on every detector box >= 0.1 on Tobacco800 val (val_tobacco) or test (test) pages + erased "
                       "twins and on the generated validation pages; the whole chain is measured by eval_modern")
    write_json(json_path, make_sidecar(args.width, args.colour, metrics, extra, args.context))
    log(f"exported {onnx_path}: {json.dumps(metrics)}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--detector", type=Path, default=DEFAULT_DETECTOR)
    p.add_argument("--out", type=Path, required=True, help="run folder (candidates, checkpoints, log, ONNX)")
    p.add_argument("--data", type=Path, default=sd.default_data_root())
    p.add_argument("--cache", type=Path, default=REPO / ".cache" / "signatures")
    p.add_argument("--colour", action="store_true", help="3-channel BGR crops instead of grey")
    p.add_argument("--context", type=float, default=v1.CONTEXT,
                   help=f"page around each box the verifier sees, as a share of its size (<= {v1.STORE_CONTEXT}: "
                        "the candidates keep that much)")
    p.add_argument("--pages", type=int, default=1600, help="generated modern training pages")
    p.add_argument("--val-pages", type=int, default=40, help="generated validation pages")
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--tobacco-repeat", type=int, default=1, help="Tobacco800 candidates seen N times per epoch")
    p.add_argument("--width", type=int, default=16)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--max-minutes", type=float, default=60.0, help="training time budget (across resumes)")
    p.add_argument("--resume", action="store_true")
    p.add_argument("--export-only", action="store_true")
    args = p.parse_args(argv)
    if not 0 <= args.context <= v1.STORE_CONTEXT:
        p.error(f"--context must be between 0 and {v1.STORE_CONTEXT}")
    import torch

    torch.set_num_threads(args.threads)
    cv2.setNumThreads(1)
    args.out.mkdir(parents=True, exist_ok=True)

    def log(text: str) -> None:
        log_line(args.out, text)

    spec = validate_sidecar(make_sidecar(args.width, args.colour, context=args.context)).inputs[0]
    detector = load_model(args.detector)
    log(f"args {json.dumps({k: str(v) for k, v in vars(args).items()})}")
    data = build_candidates(detector, args, log)
    if not args.export_only:
        train(data, args, spec, log)
    export(data, args, spec, log, detector)
    return 0


if __name__ == "__main__":
    sys.exit(main())
