"""`alyesdesk batch (classify | check-docs | segment) INPUTS... --out RESULTS.jsonl`: big batches, on
local processes or on a Ray cluster.

Each input gets one JSON line in RESULTS.jsonl, in input order, the same object as the command's own
`--json`/`--jsonl` (segment: areas only, no PNG files). Each worker (a local process, or a Ray actor)
opens the model once; results are stored in the encrypted database by this process, unless --no-store.
`--engine local` and `--engine ray` run the same per-file code, so a result never depends on the engine.

Ray (the `scale` extra): without --address a local Ray is started for the batch and stopped after;
`--address auto` joins the cluster running on this machine; `--address ray://HOST:PORT` a remote one.
On a cluster, every node needs AlyesDesk with the same model, and the inputs at the same paths (a
shared folder).

Exit codes: 0 every input done (and stored); 1 some inputs failed (check-docs: 3 when some documents
are not signed, need review or failed); 4 some results could not be stored; 2 usage errors (bad
options, no usable model, RESULTS.jsonl not writable, the scale extra missing).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alyesdesk.commands._common import EXIT_NOT_STORED, open_db_for_results, positive_int, report_not_stored

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_NOT_MET = 0, 1, 2, 3
CLI_PDF_RENDERER = "alyesdesk.commands.check_docs:pdf_renderer"  # built in each worker (QtPdf)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "batch", help="classify, check or segment many files on local processes or a Ray cluster",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("task", choices=("classify", "check-docs", "segment"))
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (recursed)")
    parser.add_argument("--out", required=True, type=Path, metavar="RESULTS.jsonl", help="one JSON object per input")
    parser.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="local processes (default) or Ray (the `scale` extra)")
    parser.add_argument("--address", metavar="ADDR",
                        help="Ray cluster: auto (the one on this machine) or ray://HOST:PORT; default: a local Ray")
    parser.add_argument("--workers", type=positive_int, default=1, metavar="N",
                        help="processes or Ray actors, each with its own model session (default 1)")
    parser.add_argument("--model", type=Path, metavar="ONNX", help="this model (sidecar beside it) instead of the active one")
    parser.add_argument("--region", help="classify: bin nomenclature region id")
    parser.add_argument("--top", type=positive_int, default=3, help="classify: labels listed per file (default 3)")
    parser.add_argument("--expected", type=int, default=1, metavar="N", help="check-docs: signatures expected (default 1)")
    parser.add_argument("--no-store", action="store_true", help="do not save results in the database")
    parser.add_argument("-q", "--quiet", action="store_true", help="no line per file on stderr")
    parser.set_defaults(func=run)


def _options(args: argparse.Namespace) -> dict:
    if args.task == "classify":
        return {"region": args.region, "top": args.top}
    if args.task == "check-docs":
        return {"expected": args.expected, "pdf_renderer": CLI_PDF_RENDERER}
    return {}


def run(args: argparse.Namespace) -> int:
    from alyesdesk.batch.driver import BatchJob, describe, run_batch
    from alyesdesk.batch.ray_engine import MissingExtra
    from alyesdesk.batch.tasks import OptionError
    from alyesdesk.inference.errors import ModelError
    from alyesdesk.inference.sidecar import SidecarError

    if args.address and args.engine != "ray":
        print("error: --address is for --engine ray", file=sys.stderr)
        return EXIT_USAGE
    job = BatchJob(task=args.task, inputs=args.inputs, engine=args.engine, workers=args.workers,
                   address=args.address, model=args.model, options=_options(args))
    try:
        out = open(args.out, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    db, no_db_reason = open_db_for_results(args.no_store)

    def progress(record: dict, done: int, total: int) -> None:
        if not args.quiet:
            print(f"[{done}/{total}] {describe(record)}", file=sys.stderr, flush=True)

    try:
        summary = run_batch(job, out, db=db, store=not args.no_store, no_db_reason=no_db_reason, on_record=progress)
    except (OptionError, ModelError, SidecarError, MissingExtra, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        out.close()
        if db is not None:
            db.close()
    if summary.total == 0:
        print("error: no inputs", file=sys.stderr)
        return EXIT_USAGE
    rate = summary.total / summary.seconds if summary.seconds else 0.0
    print(f"{summary.ok} done, {summary.failed} failed, {summary.not_stored} not stored; {summary.total} line(s) "
          f"in {args.out} ({args.engine}, {args.workers} worker(s), {summary.seconds:.1f} s, {rate:.1f} files/s)",
          file=sys.stderr)
    report_not_stored(summary.not_stored, args.no_store)
    if summary.not_stored:
        return EXIT_NOT_STORED
    if args.task == "check-docs" and summary.not_met:
        return EXIT_NOT_MET
    return EXIT_FAILED if summary.failed else EXIT_OK
