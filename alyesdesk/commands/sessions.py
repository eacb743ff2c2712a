"""`alyesdesk sessions`: the recorded gaze sessions (id, name, start, duration, samples)."""

from __future__ import annotations

import argparse

from alyesdesk.storage.exports import format_time
from alyesdesk.commands._common import open_db, print_json


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("sessions", help="list recorded gaze sessions")
    parser.add_argument("--json", action="store_true", help="print as JSON")
    parser.set_defaults(func=run)


def _duration(row: dict) -> float:
    return max(0.0, (row.get("ended_at") or row["started_at"]) - row["started_at"])


def run(args: argparse.Namespace) -> int:
    db = open_db(required=True)
    rows = db.sessions()
    if args.json:
        print_json([{**r, "duration_s": round(_duration(r), 3)} for r in rows])
        return 0
    if not rows:
        print("no gaze sessions recorded yet (record one in the Gaze tab)")
        return 0
    print(f"{'id':>6}  {'started':19}  {'duration':>9}  {'samples':>8}  name")
    for r in rows:
        d = _duration(r)
        print(f"{r['id']:6}  {format_time(r['started_at'])}  {int(d // 60):4d}m{d % 60:02.0f}s  "
              f"{r['sample_count']:8}  {r['name']}")
    return 0
