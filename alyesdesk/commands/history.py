"""`alyesdesk history`: the stored results, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import sys

from alyesdesk.storage import CAPABILITIES
from alyesdesk.storage.exports import atomic_write_text, format_time, history_csv
from alyesdesk.commands._common import open_db, print_json


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("history", help="list stored results")
    parser.add_argument("--capability", choices=CAPABILITIES, help="only this capability")
    parser.add_argument("--search", metavar="TEXT", help="only results whose input, outcome or model contain TEXT")
    parser.add_argument("--json", action="store_true", help="print as JSON")
    parser.add_argument("--csv", metavar="OUT", help="write the list as CSV")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = open_db(required=True)
    rows = db.history(args.capability, args.search)
    if args.csv:
        atomic_write_text(args.csv, history_csv(rows))
        print(f"wrote {len(rows)} rows to {args.csv}", file=sys.stderr)
    if args.json:
        print_json(rows)
    elif not args.csv:
        for r in rows:
            print(f"{r['id']:6}  {format_time(r['created_at'])}  {r['capability']:9}  {r['outcome']}  {r['input']}")
    return 0
