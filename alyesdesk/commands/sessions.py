"""`alyesdesk sessions`: the recorded gaze sessions (id, name, start, duration, samples, participant, study).

alyesdesk sessions [--study S] [--participant P] [--json]
alyesdesk sessions --studies [--json]          (per study: sessions, participants, samples, time)
"""

from __future__ import annotations

import argparse

from alyesdesk.storage.exports import format_time
from alyesdesk.commands._common import open_db, print_json


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("sessions", help="list recorded gaze sessions")
    parser.add_argument("--json", action="store_true", help="print as JSON")
    parser.add_argument("--study", metavar="S", help="only the sessions of this study")
    parser.add_argument("--participant", metavar="P", help="only the sessions of this participant")
    parser.add_argument("--studies", action="store_true", help="list the studies with their totals instead")
    parser.set_defaults(func=run)


def _duration(row: dict) -> float:
    return max(0.0, (row.get("ended_at") or row["started_at"]) - row["started_at"])


def run(args: argparse.Namespace) -> int:
    db = open_db(required=True)
    if args.studies:
        return _studies(db.studies(), args.json)
    rows = db.sessions(study=args.study, participant=args.participant)
    if args.json:
        print_json([{**r, "duration_s": round(_duration(r), 3)} for r in rows])
        return 0
    if not rows:
        print("no gaze sessions recorded yet (record one in the Gaze tab)")
        return 0
    print(f"{'id':>6}  {'started':19}  {'duration':>9}  {'samples':>8}  name")
    for r in rows:
        d = _duration(r)
        labels = ", ".join(f"{k} {r[k]}" for k in ("participant", "study", "stimulus") if r.get(k))
        print(f"{r['id']:6}  {format_time(r['started_at'])}  {int(d // 60):4d}m{d % 60:02.0f}s  "
              f"{r['sample_count']:8}  {r['name']}" + (f"  ({labels})" if labels else ""))
    return 0


def _studies(rows: list[dict], as_json: bool) -> int:
    if as_json:
        print_json(rows)
        return 0
    if not rows:
        print("no gaze sessions recorded yet")
        return 0
    print(f"{'sessions':>8}  {'participants':>12}  {'samples':>9}  {'recorded':>9}  study")
    for r in rows:
        d = float(r["seconds"] or 0.0)
        print(f"{r['sessions']:8}  {r['participants']:12}  {r['samples']:9}  {int(d // 60):4d}m{d % 60:02.0f}s  "
              f"{r['study'] if r['study'] is not None else '(no study)'}")
    return 0
