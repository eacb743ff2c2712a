"""Measure the signature checker where it matters: Tobacco800 test, generated modern pages, contracts_fr and
staver_colour, all through the app's own `SignatureChecker` (detector + verifier, shipped thresholds).

    python -m alyesdesk.training.signatures.eval_modern [--model models/signature_detector.onnx]
        [--sets tobacco,generated,contracts,staver] [--no-verifier] [--json OUT]

No threshold is chosen here: contracts_fr and staver_colour are measured only.

- contracts_fr (40 modern French pages; class 0 = signature, 1 = initials/paraphe): judged page by page, as
  its README asks (boxes are loose). The primary verdict counts a page as signed when it has >= 1 class-0
  box: a paraphe is not a signature, and the checker is asked for signatures (`signed_by` = "signature").
  The other reading (initials count as signed too: `signed_by` = "signature_or_initials") is reported
  beside it. A page is right when the checker's verdict (1 expected) is "signed" for a signed page and
  "unsigned" for an unsigned one; "needs review" is wrong (strict) or right (lenient). Box recall is also
  given (a labelled signature counts as found when a kept box overlaps it with IoU >= 0.3 or covers its
  centre), since the boxes are loose.
- staver_colour (5 colour pages; class 0 = stamp, 1 = signature): per page, whether the signature was
  found (a confident box matches it) and how many confident boxes fall on a stamp (match the stamp better
  than any signature): those are stamps counted as signatures.
- generated: `modern.generated_val` pages (fixed seed; not used for training), with stamps, initials
  and handwritten dates as negatives; AP@0.5, verdict accuracy and stamps counted as signatures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import cv2
import numpy as np

from alyesdesk.inference.catalog import load_model
from alyesdesk.inference.documents.check import NEEDS_REVIEW, SIGNED, UNSIGNED, SignatureChecker, verdict_for
from alyesdesk.inference.documents.detect import iou_matrix
from alyesdesk.training.signatures import data as sd
from alyesdesk.training.signatures.metrics import PageResult, average_precision, precision_recall_f1

REPO = Path(__file__).resolve().parents[3]
DEFAULT_MODEL = REPO / "models" / "signature_detector.onnx"
SETS = ("tobacco", "generated", "contracts", "staver")
MATCH_IOU = 0.3


def read_yolo_classes(path: Path, w: int, h: int) -> tuple[np.ndarray, np.ndarray]:
    """(N, 4) boxes in pixels and (N,) class ids from a YOLO file (missing file: nothing)."""
    rows, classes = [], []
    if path.is_file():
        for line in path.read_text().splitlines():
            parts = line.split()
            if len(parts) != 5:
                continue
            c = int(float(parts[0]))
            xc, yc, bw, bh = map(float, parts[1:])
            rows.append([(xc - bw / 2) * w, (yc - bh / 2) * h, (xc + bw / 2) * w, (yc + bh / 2) * h])
            classes.append(c)
    return np.asarray(rows, np.float32).reshape(-1, 4), np.asarray(classes, np.int64)


def matches(pred: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """(P, T) bool: pred box matches a (loose) truth box: IoU >= 0.3 or the pred's centre lies inside it."""
    if len(pred) == 0 or len(truth) == 0:
        return np.zeros((len(pred), len(truth)), bool)
    iou = iou_matrix(pred, truth)
    cx, cy = (pred[:, 0] + pred[:, 2]) / 2, (pred[:, 1] + pred[:, 3]) / 2
    inside = ((cx[:, None] >= truth[None, :, 0]) & (cx[:, None] <= truth[None, :, 2])
              & (cy[:, None] >= truth[None, :, 1]) & (cy[:, None] <= truth[None, :, 3]))
    return (iou >= MATCH_IOU) | inside


def _verdict(page) -> str:
    return verdict_for(page.count, page.review_count, 1, bool(page.warning))


def _accuracy(verdicts: list[str], truth: list[bool]) -> dict:
    n = len(truth)
    right = sum((v == SIGNED) if t else (v == UNSIGNED) for v, t in zip(verdicts, truth))
    lenient = sum((v != UNSIGNED) if t else (v != SIGNED) for v, t in zip(verdicts, truth))
    signed = [v for v, t in zip(verdicts, truth) if t]
    unsigned = [v for v, t in zip(verdicts, truth) if not t]
    return {
        "pages": n, "signed_pages": len(signed),
        "verdict_accuracy": round(right / n, 4) if n else None,
        "verdict_accuracy_review_as_right": round(lenient / n, 4) if n else None,
        "needs_review": sum(v == NEEDS_REVIEW for v in verdicts),
        "signed_called_signed": f"{sum(v == SIGNED for v in signed)}/{len(signed)}",
        "signed_called_unsigned": f"{sum(v == UNSIGNED for v in signed)}/{len(signed)}",
        "unsigned_called_unsigned": f"{sum(v == UNSIGNED for v in unsigned)}/{len(unsigned)}",
        "unsigned_called_signed": f"{sum(v == SIGNED for v in unsigned)}/{len(unsigned)}",
    }


def confident_boxes(page) -> np.ndarray:
    return np.asarray([[b.x1, b.y1, b.x2, b.y2] for b in page.boxes if not b.review], np.float32).reshape(-1, 4)


def eval_contracts(checker: SignatureChecker, root: Path) -> dict:
    folder = root / "contracts_fr"
    images = sorted((folder / "images").glob("*.jpg"), key=lambda p: (len(p.stem), p.stem))
    if not images:
        raise FileNotFoundError(f"no pages under {folder / 'images'}")
    verdicts, sig_truth, any_truth, rows = [], [], [], []
    found = total = initials_as_sig = 0
    for img in images:
        image = cv2.imread(str(img), cv2.IMREAD_COLOR)
        h, w = image.shape[:2]
        boxes, classes = read_yolo_classes(folder / "labels" / f"{img.stem}.txt", w, h)
        page = checker.check_page(image, 1)
        v = _verdict(page)
        pred = confident_boxes(page)
        sig, ini = boxes[classes == 0], boxes[classes == 1]
        m_sig = matches(pred, sig)
        found += int(m_sig.any(axis=0).sum())
        total += len(sig)
        if len(ini):
            on_ini = matches(pred, ini).any(axis=1) & ~m_sig.any(axis=1) if len(pred) else np.zeros(0, bool)
            initials_as_sig += int(on_ini.sum())
        verdicts.append(v)
        sig_truth.append(bool(len(sig)))
        any_truth.append(bool(len(sig) or len(ini)))
        rows.append({"page": img.name, "signatures": len(sig), "initials": len(ini), "verdict": v,
                     "boxes": len(pred), "review_boxes": page.review_count})
    return {
        "set": "contracts_fr",
        "signed_by_signature": _accuracy(verdicts, sig_truth),
        "signed_by_signature_or_initials": _accuracy(verdicts, any_truth),
        "signature_boxes_found": f"{found}/{total}",
        "confident_boxes_on_initials_only": initials_as_sig,
        "per_page": rows,
    }


def eval_staver(checker: SignatureChecker, root: Path) -> dict:
    folder = root / "staver_colour"
    images = sorted((folder / "images").glob("*.jpg"))
    if not images:
        raise FileNotFoundError(f"no pages under {folder / 'images'}")
    rows, found, stamps = [], 0, 0
    verdicts = []
    for img in images:
        image = cv2.imread(str(img), cv2.IMREAD_COLOR)
        h, w = image.shape[:2]
        boxes, classes = read_yolo_classes(folder / "labels" / f"{img.stem}.txt", w, h)
        page = checker.check_page(image, 1)
        pred = confident_boxes(page)
        sig, stamp = boxes[classes == 1], boxes[classes == 0]
        hit = bool(matches(pred, sig).any()) if len(sig) else False
        on_stamp = 0
        if len(pred) and len(stamp):
            ms, mt = matches(pred, sig), matches(pred, stamp)
            iou_s = iou_matrix(pred, sig).max(axis=1) if len(sig) else np.zeros(len(pred))
            iou_t = iou_matrix(pred, stamp).max(axis=1)
            on_stamp = int(np.sum(mt.any(axis=1) & (~ms.any(axis=1) | (iou_t > iou_s))))
        found += hit
        stamps += on_stamp
        verdicts.append(_verdict(page))
        rows.append({"page": img.name, "signature_found": hit, "stamps_counted": on_stamp, "boxes": len(pred),
                     "verdict": verdicts[-1]})
    return {"set": "staver_colour", "signature_found": f"{found}/{len(images)}",
            "stamps_counted_as_signatures": stamps, "verdicts_signed": f"{sum(v == SIGNED for v in verdicts)}/{len(images)}",
            "per_page": rows}


def eval_generated(checker: SignatureChecker, root: Path, n: int = 80) -> dict:
    from alyesdesk.training.signatures import modern

    pages, verdicts, truth = [], [], []
    stamps = 0
    for image, boxes, stamp_boxes in modern.generated_val(root, n):
        page = checker.check_page(image, 1)
        det = checker.read(image, min_score=min(0.05, checker.detector.review_threshold))
        pages.append(PageResult(det.boxes, det.scores, boxes))
        verdicts.append(_verdict(page))
        truth.append(bool(len(boxes)))
        pred = confident_boxes(page)
        if len(pred) and len(stamp_boxes):
            on = matches(pred, stamp_boxes).any(axis=1) & ~(iou_matrix(pred, boxes).max(axis=1) >= 0.5
                                                             if len(boxes) else np.zeros(len(pred), bool))
            stamps += int(on.sum())
    prf = precision_recall_f1(pages, checker.detector.score_threshold)
    return {"set": "generated_val", "map50": round(average_precision(pages), 4), "precision": round(prf["precision"], 4),
            "recall": round(prf["recall"], 4), **_accuracy(verdicts, truth), "stamps_counted_as_signatures": stamps}


def evaluate_all(model: Path, root: Path, sets: tuple[str, ...] = SETS, verifier: bool = True) -> dict:
    detector = load_model(model)
    checker = SignatureChecker(detector, verifier=True if verifier else None)
    out: dict = {"model": str(model), "verifier": checker.verifier is not None,
                 "score_threshold": detector.score_threshold, "review_threshold": detector.review_threshold}
    t0 = time.time()
    if "tobacco" in sets:
        from alyesdesk.training.signatures.eval import evaluate

        out["tobacco800_test"] = evaluate(detector, root, "test", checker=checker)
    if "generated" in sets:
        out["generated_val"] = eval_generated(checker, root)
    if "contracts" in sets:
        out["contracts_fr"] = eval_contracts(checker, root)
    if "staver" in sets:
        out["staver_colour"] = eval_staver(checker, root)
    out["seconds"] = round(time.time() - t0, 1)
    return out


def summary(result: dict) -> str:
    lines = []
    if "tobacco800_test" in result:
        t = result["tobacco800_test"]
        lines.append(f"tobacco800 test: map50 {t['map50']} f1 {t['f1']} verdict {t['verdict_accuracy']}")
    if "generated_val" in result:
        g = result["generated_val"]
        lines.append(f"generated val: map50 {g['map50']} verdict {g['verdict_accuracy']} stamps {g['stamps_counted_as_signatures']}")
    if "contracts_fr" in result:
        c = result["contracts_fr"]
        a, b = c["signed_by_signature"], c["signed_by_signature_or_initials"]
        lines.append(f"contracts_fr: verdict {a['verdict_accuracy']} (lenient {a['verdict_accuracy_review_as_right']}, "
                     f"signed->signed {a['signed_called_signed']}, unsigned->unsigned {a['unsigned_called_unsigned']}); "
                     f"initials count: {b['verdict_accuracy']}; boxes found {c['signature_boxes_found']}")
    if "staver_colour" in result:
        s = result["staver_colour"]
        lines.append(f"staver_colour: signature found {s['signature_found']}, stamps counted {s['stamps_counted_as_signatures']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    p.add_argument("--data", type=Path, default=sd.default_data_root())
    p.add_argument("--sets", default=",".join(SETS))
    p.add_argument("--no-verifier", action="store_true")
    p.add_argument("--json", type=Path, help="also write the full result here")
    args = p.parse_args(argv)
    cv2.setNumThreads(1)
    sets = tuple(s.strip() for s in args.sets.split(",") if s.strip())
    result = evaluate_all(args.model, args.data, sets, verifier=not args.no_verifier)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2))
    print(summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
