"""`alyesdesk backup`: write an encrypted copy of the database into the backups folder now."""

from __future__ import annotations

import argparse
import sys

from alyesdesk.commands._common import open_db, print_json
from alyesdesk.storage.backup import make_backup
from alyesdesk.storage.errors import StorageError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "backup", help="back up the encrypted database now (one is also made daily and before upgrades)"
    )
    parser.add_argument("--json", action="store_true", help="print the backup's details as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = open_db(required=True)
    try:
        path = make_backup(db, "manual")
    except StorageError as exc:
        print(f"error: backup not written: {exc}", file=sys.stderr)
        return 1
    finally:
        db.close()
    if args.json:
        print_json({"path": str(path), "db_id": db.db_id, "key": db.key_mode})
    else:
        print(f"backup written: {path}")
    return 0
