"""`alyesdesk aoi-metrics`: area-of-interest metrics of recorded gaze sessions, from their stored samples.

    alyesdesk aoi-metrics (--session ID... | --study S) --aois AOIS.json [--csv OUT] [--json]

Per AOI and session: time to first fixation, first-fixation duration, dwell time and share, fixation
count, revisits; across the sessions: mean and spread, and the share of participants who fixated each
AOI. AOIs apply to the sessions that showed their stimulus (definitions: `inference/gaze/aoi_metrics.py`).
Exit codes: 0 success, 1 nothing to measure, 2 bad arguments or inputs.
"""

from __future__ import annotations

import argparse
import sys

from alyesdesk.commands._common import open_db, print_json, write_failed


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("aoi-metrics", help="AOI metrics (dwell, time to first fixation...) of gaze sessions")
    pick = parser.add_mutually_exclusive_group(required=True)
    pick.add_argument("--session", type=int, nargs="+", metavar="ID", help="session ids (see `alyesdesk sessions`)")
    pick.add_argument("--study", metavar="S", help="every session of this study")
    parser.add_argument("--aois", required=True, metavar="AOIS.json", help="the areas of interest (JSON)")
    parser.add_argument("--csv", metavar="OUT", help="write the per-session metrics as CSV")
    parser.add_argument("--json", action="store_true", help="print per-session metrics and the summary as JSON")
    parser.set_defaults(func=run)


def _fmt(value: object, unit: str = "") -> str:
    if value is None:
        return "-"
    return f"{value:.3f}{unit}" if isinstance(value, float) else f"{value}{unit}"


def run(args: argparse.Namespace) -> int:
    from alyesdesk.inference.gaze.aoi import AOIError, load_aois
    from alyesdesk.inference.gaze.aoi_metrics import CSV_COLUMNS, SessionInput, compute, csv_rows
    from alyesdesk.fileio import atomic_write_text
    from alyesdesk.storage.exports import csv_text

    try:
        aois = load_aois(args.aois)
    except AOIError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    db = open_db(required=True)
    ids = args.session if args.session else [r["id"] for r in reversed(db.sessions(study=args.study))]
    sessions = []
    for sid in ids:
        record = db.session(sid)
        if record is None:
            print(f"error: no gaze session with id {sid} (see `alyesdesk sessions`)", file=sys.stderr)
            return 2
        try:
            sessions.append(SessionInput.from_record(record, db.session_samples(sid), db.session_stimulus_samples(sid)))
        except (AOIError, KeyError, TypeError, ValueError) as exc:
            print(f"error: session {sid}: its stimulus placement is damaged ({exc})", file=sys.stderr)
            return 2
    if not sessions:
        print(f"error: no session in study {args.study!r}", file=sys.stderr)
        return 1
    per_session, summary = compute(sessions, aois)
    if args.csv:
        try:
            atomic_write_text(args.csv, csv_text(CSV_COLUMNS, csv_rows(per_session)))
        except OSError as exc:
            write_failed(exc, args.csv)
            return 1
    unmatched = sorted({s.stimulus for s in sessions} - {a.stimulus for a in aois})
    if args.json:
        print_json({"sessions": [m.to_dict() for m in per_session], "summary": summary,
                    "stimuli_without_aois": unmatched})
        return 0 if per_session else 1
    for stim in unmatched:
        print(f"warning: no AOI is drawn on stimulus {stim!r}: its sessions are not measured", file=sys.stderr)
    if not per_session:
        print("nothing to measure: no AOI is on the stimulus of these sessions")
        return 1
    print(f"{'session':>7}  {'participant':12}  {'aoi':16}  {'TTFF s':>7}  {'first s':>7}  {'dwell s':>7}  "
          f"{'share':>6}  {'fix':>4}  {'revisits':>8}")
    for m in per_session:
        print(f"{m.session_id:7}  {(m.participant or '-')[:12]:12}  {m.aoi[:16]:16}  {_fmt(m.ttff_s):>7}  "
              f"{_fmt(m.first_fixation_s):>7}  {_fmt(m.dwell_s):>7}  {m.dwell_share:6.1%}  {m.fixations:4}  "
              f"{m.revisits:8}")
    print()
    print(f"{'aoi':16}  {'sessions':>8}  {'looked':>9}  {'TTFF mean (sd)':>16}  {'dwell mean (sd)':>16}")
    for s in summary:
        ttff, dwell = s["ttff_s"], s["dwell_s"]
        print(f"{s['aoi'][:16]:16}  {s['sessions']:8}  {s['participants_looked_share']:9.0%}  "
              f"{_fmt(ttff['mean']):>8} ({_fmt(ttff['sd'])})  {_fmt(dwell['mean']):>8} ({_fmt(dwell['sd'])})")
    if args.csv:
        print(f"wrote {args.csv}")
    return 0
