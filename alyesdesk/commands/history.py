"""`alyesdesk history`: the stored results, as a table, JSON or CSV.

`input` is the file name as text (U+FFFD where a name is not UTF-8; `input_bytes` then holds its exact
bytes, base64). --search matches TEXT literally (`%` and `_` are not wildcards). Exit code 2 when the
--csv file cannot be written (nothing is half-written).
"""

from __future__ import annotations

import argparse
import sys

from alyesdesk.storage import CAPABILITIES
from alyesdesk.storage.exports import atomic_write_text, format_time, history_csv
from alyesdesk.pathtext import display
from alyesdesk.commands._common import open_db, print_json, say, write_failed

EXIT_OK, EXIT_USAGE = 0, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("history", help="list stored results", description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--capability", choices=CAPABILITIES, help="only this capability")
    parser.add_argument("--search", metavar="TEXT", help="only results whose input, outcome or model contain TEXT")
    parser.add_argument("--json", action="store_true", help="print as JSON")
    parser.add_argument("--csv", metavar="OUT", help="write the list as CSV")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = open_db(required=True)
    try:
        rows = db.history(args.capability, args.search)
    finally:
        db.close()
    if args.csv:
        try:
            atomic_write_text(args.csv, history_csv(rows))
        except OSError as exc:
            write_failed(exc, args.csv)
            return EXIT_USAGE
        print(f"wrote {len(rows)} rows to {display(args.csv)}", file=sys.stderr)
    if args.json:
        print_json(rows)
    elif not args.csv:
        for r in rows:
            say(f"{r['id']:6}  {format_time(r['created_at'])}  {r['capability']:9}  {r['outcome']}  {r['input']}")
    return EXIT_OK
