"""Hand-made mutants of the metric and verdict functions: does some test fail when each one breaks?

Each mutant is one small source edit (an IoU union that adds the intersection, an AP without the
precision envelope, an ECE without its absolute value, a verdict with `>` for `>=`...). The edit is made
in a scratch copy of the checkout (never in the tree other people are testing), then the tests that name
the function or import its module run against that copy. A mutant is *killed* when a test fails,
*survived* when they all pass, *n/a* when the code to mutate is not in that tree (an older commit).

Usage::

    python scripts/mutants.py                      # this checkout
    python scripts/mutants.py --tree /tmp/old/main # another checkout (e.g. a `git worktree` of an old commit)
    python scripts/mutants.py --only iou_union_adds_intersection --json /tmp/mutants.json

The tests run with the checkout's pytest options (``-m "not slow and not xvfb"``), offscreen Qt, and
``../shared`` linked beside the scratch copy when the tree has it beside it, so data-backed tests run too.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutant:
    """One source edit: replace `old` by `new` (the first occurrence) in `path`."""

    name: str
    path: str  # relative to the tree root
    old: str
    new: str
    names: tuple[str, ...]  # test files mentioning any of these strings are run


MUTANTS = [
    # IoU of boxes (detector evaluation, NMS, the document verifier's matching)
    Mutant("iou_union_adds_intersection", "alyesdesk/inference/documents/detect.py",
           "union = area_a[:, None] + area_b[None, :] - inter", "union = area_a[:, None] + area_b[None, :] + inter",
           ("iou_matrix", "inference.documents.detect")),
    Mutant("iou_left_edge_uses_min", "alyesdesk/inference/documents/detect.py",
           "x1 = np.maximum(a[:, None, 0], b[None, :, 0])", "x1 = np.minimum(a[:, None, 0], b[None, :, 0])",
           ("iou_matrix", "inference.documents.detect")),
    # AP / matching / F1 (signature detector metrics)
    Mutant("match_ignores_iou_threshold", "alyesdesk/training/signatures/metrics.py",
           "if candidates[j] >= iou:", "if candidates[j] >= 0.0:",
           ("average_precision", "precision_recall_f1", "signatures.metrics")),
    Mutant("ap_precision_ignores_false_positives", "alyesdesk/training/signatures/metrics.py",
           "precision = ctp / np.maximum(ctp + cfp, 1)", "precision = ctp / np.maximum(ctp, 1)",
           ("average_precision", "signatures.metrics")),
    Mutant("ap_without_precision_envelope", "alyesdesk/training/signatures/metrics.py",
           "mpre = np.maximum.accumulate(mpre[::-1])[::-1]", "mpre = mpre",
           ("average_precision", "signatures.metrics")),
    Mutant("f1_without_factor_two", "alyesdesk/training/signatures/metrics.py",
           "f1 = 2 * precision * recall", "f1 = precision * recall",
           ("precision_recall_f1", "best_f1_threshold", "signatures.metrics")),
    # ECE and per-class accuracy (waste classifier training)
    Mutant("ece_without_abs", "alyesdesk/training/common.py",
           "ece += mask.mean() * abs(correct[mask].mean() - conf[mask].mean())",
           "ece += mask.mean() * (correct[mask].mean() - conf[mask].mean())",
           ("calibration_error", "training.common")),
    Mutant("ece_bins_unweighted", "alyesdesk/training/common.py",
           "ece += mask.mean() * abs(", "ece += abs(",
           ("calibration_error", "training.common")),
    Mutant("per_class_accuracy_by_column", "alyesdesk/training/common.py",
           "round(float(confusion[i, i] / confusion[i].sum()), 4)",
           "round(float(confusion[i, i] / max(confusion[:, i].sum(), 1)), 4)",
           ("classification_metrics", "training.common")),
    # AUC (signature verifier)
    Mutant("auc_rank_offset", "alyesdesk/training/signatures/verifier.py",
           "- pos * (pos + 1) / 2) / (pos * neg)", "- pos * (pos - 1) / 2) / (pos * neg)",
           ("auc(", "signatures.verifier")),
    # Segmentation IoU (streets)
    Mutant("seg_iou_ignores_false_positives", "alyesdesk/training/streets/data.py",
           "denom = tp + fn + fp", "denom = tp + fn",
           ("iou_from_confusion", "mean_iou", "streets.data")),
    Mutant("mean_iou_is_median", "alyesdesk/training/streets/data.py",
           "return float(np.mean(values)) if values else", "return float(np.median(values)) if values else",
           ("mean_iou", "streets.data")),
    Mutant("partial_label_miss_not_shared", "alyesdesk/training/streets/data.py",
           "share = 1.0 / members.sum(0)", "share = np.ones(members.shape[1])",
           ("partial_confusion", "streets.data")),
    # Document verdicts
    Mutant("verdict_signed_needs_more", "alyesdesk/inference/documents/check.py",
           "if count >= expected:", "if count > expected:",
           ("verdict_for", "document_verdict", "inference.documents.check")),
    Mutant("verdict_ignores_doubt", "alyesdesk/inference/documents/check.py",
           "if count + review_count >= expected or doubtful:", "if count + review_count >= expected:",
           ("verdict_for", "document_verdict", "inference.documents.check")),
    Mutant("page_rule_takes_mildest", "alyesdesk/inference/documents/check.py",
           "verdict = max(verdict, v, key=_SEVERITY.__getitem__)", "verdict = min(verdict, v, key=_SEVERITY.__getitem__)",
           ("document_verdict", "per_page", "inference.documents.check")),
    Mutant("verdict_accuracy_lenient", "alyesdesk/training/signatures/eval_modern.py",
           "right = sum((v == SIGNED) if t else (v == UNSIGNED)", "right = sum((v != UNSIGNED) if t else (v != SIGNED)",
           ("eval_modern",)),
    # Gaze accuracy and its verdict
    Mutant("gaze_good_up_to_usable", "alyesdesk/inference/gaze/calibration.py",
           "if mean_deg <= VERDICT_GOOD_DEG:", "if mean_deg <= VERDICT_USABLE_DEG:",
           ("gaze.calibration",)),
    Mutant("gaze_verdict_ignores_coverage", "alyesdesk/inference/gaze/calibration.py",
           "if expected > 0 and measured / expected < VERDICT_MIN_MEASURED:", "if False:",
           ("gaze.calibration",)),
    Mutant("gaze_score_mean_is_median", "alyesdesk/inference/gaze/evaluate.py",
           "report.mean_deg, report.median_deg = round(float(deg.mean()), 3)",
           "report.mean_deg, report.median_deg = round(float(np.median(deg)), 3)",
           ("gaze.evaluate", "evaluate import")),
    Mutant("gaze_score_point_mean_not_median", "alyesdesk/inference/gaze/evaluate.py",
           "np.median(pred[groups == g], axis=0)", "np.mean(pred[groups == g], axis=0)",
           ("gaze.evaluate", "evaluate import")),
    # AOI metrics (gaze studies)
    Mutant("aoi_rect_closed_right_edge", "alyesdesk/inference/gaze/aoi.py",
           "(px >= x) & (px < x + w)", "(px >= x) & (px <= x + w)",
           ("gaze.aoi",)),
    Mutant("aoi_revisits_count_first_visit", "alyesdesk/inference/gaze/aoi_metrics.py",
           "revisits=max(0, visits - 1)", "revisits=visits",
           ("aoi_metrics", "session_metrics")),
    Mutant("aoi_dwell_share_of_all_time", "alyesdesk/inference/gaze/aoi_metrics.py",
           "total_looking = float(durations[looking].sum())", "total_looking = float(durations.sum())",
           ("aoi_metrics", "session_metrics")),
]


def select_tests(tree: Path, mutant: Mutant) -> list[str]:
    """Test files of `tree` that mention the function or import its module."""
    module = mutant.path[:-3].replace("/", ".")
    needles = {module, *mutant.names}
    picked = []
    for test in sorted((tree / "tests").glob("test_*.py")):
        text = test.read_text(encoding="utf-8", errors="replace")
        if any(n in text for n in needles):
            picked.append(str(test.relative_to(tree)))
    return picked


def scratch_copy(tree: Path, work: Path) -> Path:
    """Copy the package, tests and pytest config; link ../shared beside it as the tree has it."""
    root = work / "main"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")
    shutil.copytree(tree / "alyesdesk", root / "alyesdesk", ignore=ignore)
    shutil.copytree(tree / "tests", root / "tests", ignore=ignore)
    for name in ("pyproject.toml", "constraints.txt"):
        if (tree / name).is_file():
            shutil.copy2(tree / name, root / name)
    for name in ("models", "assets", "scripts", "docs", "packaging"):  # read, never mutated: linked
        if (tree / name).exists():
            (root / name).symlink_to((tree / name).resolve())
    shared = tree.parent / "shared"
    if not shared.exists():
        shared = ROOT.parent / "shared"
    if shared.exists():
        (work / "shared").symlink_to(shared.resolve())
    return root


def run_tests(root: Path, tests: list[str], timeout_s: int) -> tuple[int, str]:
    env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-W", "ignore::pytest.PytestConfigWarning",
           *tests]
    try:
        proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return 124, "timeout"
    lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if ln.strip()]
    return proc.returncode, lines[-1] if lines else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", default=str(ROOT), help="checkout to mutate (a scratch copy of it is used)")
    parser.add_argument("--only", nargs="*", help="mutant names to run (default: all)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per mutant's test run")
    parser.add_argument("--json", help="write the results here")
    args = parser.parse_args(argv)
    tree = Path(args.tree).resolve()
    chosen = [m for m in MUTANTS if not args.only or m.name in args.only]
    results = []
    with tempfile.TemporaryDirectory(prefix="mutants-") as tmp:
        root = scratch_copy(tree, Path(tmp))
        check = subprocess.run([sys.executable, "-c", "import alyesdesk; print(alyesdesk.__file__)"],
                               cwd=root, env={**os.environ, "PYTHONPATH": str(root)}, capture_output=True, text=True)
        if not check.stdout.strip().startswith(str(root)):
            print(f"the scratch copy is not the one imported: {check.stdout or check.stderr}", file=sys.stderr)
            return 2
        baseline: dict[str, bool] = {}  # a test file that fails unmutated cannot kill anything
        for m in chosen:
            target = root / m.path
            original = target.read_text(encoding="utf-8") if target.is_file() else None
            if original is None or m.old not in original:
                results.append({"mutant": m.name, "status": "n/a", "tests": [], "detail": "code not in this tree"})
                print(f"{m.name:<40} n/a (code not in this tree)", flush=True)
                continue
            tests = select_tests(root, m)
            for t in tests:
                if t not in baseline:
                    rc, _ = run_tests(root, [t], args.timeout)
                    baseline[t] = rc == 0
            usable = [t for t in tests if baseline[t]]
            if not usable:
                results.append({"mutant": m.name, "status": "survived", "tests": [], "detail": "no passing test names it"})
                print(f"{m.name:<40} survived (no passing test names it)", flush=True)
                continue
            target.write_text(original.replace(m.old, m.new, 1), encoding="utf-8")
            started = time.monotonic()
            try:
                rc, last = run_tests(root, usable, args.timeout)
            finally:
                target.write_text(original, encoding="utf-8")
            status = "survived" if rc == 0 else "killed"
            results.append({"mutant": m.name, "status": status, "tests": usable, "detail": last, "rc": rc,
                            "seconds": round(time.monotonic() - started, 1)})
            print(f"{m.name:<40} {status:<8} rc={rc} {len(usable)} test files: {last[:80]}", flush=True)
    killed = sum(r["status"] == "killed" for r in results)
    applicable = sum(r["status"] != "n/a" for r in results)
    broken_baseline = sorted(t for t, ok in baseline.items() if not ok)
    print(f"\n{tree}: killed {killed} of {len(results)} mutants ({applicable} applicable)")
    if broken_baseline:
        print(f"test files failing without any mutant (not used): {', '.join(broken_baseline)}")
    if args.json:
        Path(args.json).write_text(json.dumps({"tree": str(tree), "killed": killed, "total": len(results),
                                               "applicable": applicable, "results": results,
                                               "failing_unmutated": broken_baseline}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
