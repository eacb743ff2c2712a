"""`alyesdesk classify PATH...`: material of waste photos, with bin advice, headless.

Folders are recursed; every file gets its own status and the batch goes on after a bad one. Each result
says whether it was stored in the database (`stored`; when false, `store_error` says why: "not asked"
under --no-store). Exit code: 0 when every file was classified and stored, 1 when at least one failed,
2 when no model could be loaded or --csv cannot be written, 4 when a result could not be stored (a full
disk, a read-only or damaged database, a wrong passphrase: fix it and run again). 2 wins over 4, 4 over 1.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys

from alyesdesk.inference import catalog
from alyesdesk.inference.waste import bins as waste_bins
from alyesdesk.inference.waste.class_bins import with_class_bins
from alyesdesk.inference.classifier import Classifier
from alyesdesk.inference.waste.classify import FileResult, classify_paths
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.sidecar import SidecarError
from alyesdesk.fileio import atomic_write_text, check_writable
from alyesdesk.pathtext import clean_text, display
from alyesdesk.commands._common import (
    EXIT_NOT_STORED,
    open_db_for_results,
    print_json,
    report_not_stored,
    say,
    write_failed,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
CSV_COLUMNS = ("path", "status", "error", "label", "confidence", "sure", "looks_like_waste", "top", "bin", "region", "sha256",
               "duplicate_of", "previous_result_id", "result_id", "stored", "store_error", "path_bytes")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "classify", help="classify waste photos by material, with bin advice",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="image files or folders (recursed)")
    parser.add_argument("--json", action="store_true", help="print a JSON list, one object per file")
    parser.add_argument("--csv", metavar="OUT", help="also write the results as CSV")
    parser.add_argument("--region", help="bin nomenclature region id (default: the one chosen in the app)")
    parser.add_argument("--model", metavar="ONNX", help="use this classifier (sidecar beside it), or an installed model by name (e.g. one taught with `alyesdesk teach`), instead of the active one")
    parser.add_argument("--top", type=int, default=3, help="how many labels to list per file (default 3)")
    parser.add_argument("--no-store", action="store_true",
                        help='do not save results in the database (each says stored: false, "not asked")')
    parser.set_defaults(func=run)


def _load_classifier(model_path: str | None) -> tuple[Classifier, catalog.ModelInfo]:
    from alyesdesk.inference.waste.projects import resolve_model  # --model NAME: an installed (taught) model

    return catalog.open_for_task("classify", resolve_model(model_path))  # type: ignore[return-value]


def run(args: argparse.Namespace) -> int:
    if args.csv:
        try:
            check_writable(args.csv)  # fail now, not after the whole batch
        except OSError as exc:
            write_failed(exc, args.csv)
            return EXIT_USAGE
    try:
        classifier, info = _load_classifier(args.model)
    except (ModelError, SidecarError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    nomenclature = waste_bins.resolve(args.region)
    if args.region and (nomenclature is None or nomenclature.region != args.region):
        known = ", ".join(sorted(waste_bins.load_all()[0])) or "none"
        print(f"error: unknown region '{args.region}' (known: {known})", file=sys.stderr)
        return EXIT_USAGE
    # a project's classes may carry their own bins (its sidecar's "bins"); materials use the region's
    bin_for = with_class_bins(info.spec, nomenclature.advice if nomenclature is not None else None)
    db, no_db_reason = open_db_for_results(args.no_store)
    model = catalog.model_ref(info) if db is not None else None

    def report(result: FileResult, done: int, total: int) -> None:
        if not args.json:
            say(f"[{done}/{total}] {_line(result, args.no_store)}")

    try:
        results = classify_paths(classifier, args.paths, bin_for=bin_for, db=db, model=model,
                                 top_k=max(1, args.top), on_result=report, no_db_reason=no_db_reason)
    finally:
        if db is not None:
            db.close()
    rows = [r.to_dict() for r in results]
    if args.json:
        print_json(rows)
    code = _write_csv(args.csv, rows) if args.csv else EXIT_OK
    failed = sum(1 for r in results if not r.ok)
    unsaved = 0 if args.no_store else sum(1 for r in results if r.ok and not r.stored)
    if not args.json:
        print(f"{len(results) - failed} classified, {failed} failed, {unsaved} not stored", file=sys.stderr)
    report_not_stored(unsaved, args.no_store)
    if code != EXIT_OK:
        return code
    return EXIT_NOT_STORED if unsaved else (EXIT_FAILED if failed else EXIT_OK)


def _line(result: FileResult, no_store: bool) -> str:
    """One human-readable line per file; says so when an ok result was not stored."""
    where = display(result.path)
    if not (result.ok and result.prediction):
        return f"{where}: ERROR {result.error}"
    p = result.prediction
    if result.looks_like_waste is False:  # the model says it is not a waste item: no material, no bin
        dup = f"  [same file as {result.duplicate_of}]" if result.duplicate_of else ""
        lost = "" if result.stored or no_store else f"  NOT STORED: {result.store_error}"
        return f"{where}: this does not look like a waste item (no bin){dup}{lost}"
    bin_text = f" -> {result.bin.container}" if result.bin else ""
    doubt = "" if p.sure else "  (not sure: " + ", ".join(f"{l} {c:.0%}" for l, c in p.top) + ")"
    dup = f"  [same file as {result.duplicate_of}]" if result.duplicate_of else ""
    lost = "" if result.stored or no_store else f"  NOT STORED: {result.store_error}"
    return f"{where}: {p.label} {p.confidence:.0%}{bin_text}{doubt}{dup}{lost}"


def _write_csv(path: str, rows: list[dict]) -> int:
    try:
        atomic_write_text(path, to_csv(rows))
    except OSError as exc:
        write_failed(exc, path)
        return EXIT_USAGE
    print(f"wrote {len(rows)} rows to {display(path)}", file=sys.stderr)
    return EXIT_OK


def to_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        flat = dict(row)
        flat["top"] = "; ".join(f"{t['label']}:{t['confidence']:.4f}" for t in row["top"])
        writer.writerow(flat)
    return clean_text(buffer.getvalue())  # an error message may quote a name that is not UTF-8
