"""`alyesdesk export-session ID --png PATH --csv PATH`: heatmap PNG and/or CSV of a recorded session."""

from __future__ import annotations

import argparse
import sys

from alyesdesk.storage.gaze_exports import export_session
from alyesdesk.commands._common import open_db


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export-session", help="export a gaze session as a heatmap PNG and/or a CSV of samples",
        description="Write the heatmap over the session's screenshot (PNG, with colour bar and legend) and/or "
        "its samples (CSV: timestamp,x,y,fixation_id,confidence). Files are written atomically.")
    parser.add_argument("id", type=int, help="session id (see `alyesdesk sessions`)")
    parser.add_argument("--png", metavar="PATH", help="heatmap image to write")
    parser.add_argument("--csv", metavar="PATH", help="CSV of the samples to write")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.png and not args.csv:
        print("error: nothing to export: give --png PATH and/or --csv PATH", file=sys.stderr)
        return 2
    db = open_db(required=True)
    try:
        result = export_session(db, args.id, args.png, args.csv)
    except KeyError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: cannot write the export: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for path in (result.png, result.csv):
        if path is not None:
            print(f"wrote {path}")
    print(f"{result.rows} samples, {result.fixations} fixations", file=sys.stderr)
    return 0
