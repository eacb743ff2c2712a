"""`alyesdesk classify PATH...`: material of waste photos, with bin advice, headless.

Folders are recursed; every file gets its own status and the batch goes on after a bad one. Exit code:
0 when every file was classified, 1 when at least one failed, 2 when no model could be loaded.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys

from alyesdesk.inference import catalog, waste_bins
from alyesdesk.inference.classify import Classifier, FileResult, classify_paths
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.sidecar import SidecarError
from alyesdesk.fileio import atomic_write_text
from alyesdesk.commands._common import open_db, print_json

CSV_COLUMNS = ("path", "status", "error", "label", "confidence", "sure", "top", "bin", "region", "sha256",
               "duplicate_of", "previous_result_id", "result_id")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("classify", help="classify waste photos by material, with bin advice")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="image files or folders (recursed)")
    parser.add_argument("--json", action="store_true", help="print a JSON list, one object per file")
    parser.add_argument("--csv", metavar="OUT", help="also write the results as CSV")
    parser.add_argument("--region", help="bin nomenclature region id (default: the one chosen in the app)")
    parser.add_argument("--model", metavar="ONNX", help="use this classifier (sidecar beside it) instead of the active one")
    parser.add_argument("--top", type=int, default=3, help="how many labels to list per file (default 3)")
    parser.add_argument("--no-store", action="store_true", help="do not save results in the database")
    parser.set_defaults(func=run)


def _load_classifier(model_path: str | None) -> tuple[Classifier, catalog.ModelInfo]:
    return catalog.open_for_task("classify", model_path)  # type: ignore[return-value]


def run(args: argparse.Namespace) -> int:
    try:
        classifier, info = _load_classifier(args.model)
    except (ModelError, SidecarError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    nomenclature = waste_bins.resolve(args.region)
    if args.region and (nomenclature is None or nomenclature.region != args.region):
        known = ", ".join(sorted(waste_bins.load_all()[0])) or "none"
        print(f"error: unknown region '{args.region}' (known: {known})", file=sys.stderr)
        return 2
    bin_for = nomenclature.advice if nomenclature is not None else None
    db = None if args.no_store else open_db(required=False)
    model = catalog.model_ref(info) if db is not None else None

    def report(result: FileResult, done: int, total: int) -> None:
        if args.json:
            return
        if result.ok and result.prediction:
            p = result.prediction
            where = f" -> {result.bin.container}" if result.bin else ""
            doubt = "" if p.sure else "  (not sure: " + ", ".join(f"{l} {c:.0%}" for l, c in p.top) + ")"
            dup = f"  [same file as {result.duplicate_of}]" if result.duplicate_of else ""
            print(f"[{done}/{total}] {result.path}: {p.label} {p.confidence:.0%}{where}{doubt}{dup}")
        else:
            print(f"[{done}/{total}] {result.path}: ERROR {result.error}")

    try:
        results = classify_paths(classifier, args.paths, bin_for=bin_for, db=db, model=model,
                                 top_k=max(1, args.top), on_result=report)
    finally:
        if db is not None:
            db.close()
    rows = [r.to_dict() for r in results]
    if args.json:
        print_json(rows)
    if args.csv:
        atomic_write_text(args.csv, to_csv(rows))
        print(f"wrote {len(rows)} rows to {args.csv}", file=sys.stderr)
    storage_errors = {r.extra["storage_error"] for r in results if "storage_error" in r.extra}
    for message in storage_errors:
        print(f"warning: a result was not stored: {message}", file=sys.stderr)
    failed = sum(1 for r in results if not r.ok)
    if not args.json:
        print(f"{len(results) - failed} classified, {failed} failed", file=sys.stderr)
    return 1 if failed else 0


def to_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        flat = dict(row)
        flat["top"] = "; ".join(f"{t['label']}:{t['confidence']:.4f}" for t in row["top"])
        writer.writerow(flat)
    return buffer.getvalue()
