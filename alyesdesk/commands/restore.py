"""`alyesdesk restore`: list the database backups, restore one, or start a new empty database.

Close the app first: restoring replaces the database file (the current one is set aside, never deleted).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from alyesdesk import paths
from alyesdesk.commands._common import print_json
from alyesdesk.storage import PassphraseRequired, StorageError, open_database
from alyesdesk.storage.backup import list_backups, restore_backup
from alyesdesk.storage.keys import database_is_missing


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("restore", help="list database backups, restore one, or start a new database")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("backup", nargs="?", help="the backup file to restore (see --list)")
    what.add_argument("--list", action="store_true", help="list the backups, newest first")
    what.add_argument("--latest", action="store_true", help="restore the newest backup")
    what.add_argument("--new-empty", action="store_true",
                      help="start a new, empty database where the old one is missing (old keys are kept)")
    parser.add_argument("--json", action="store_true", help="with --list: print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db_path = paths.database_path()
    backups = list_backups(db_path)
    if args.list:
        if args.json:
            print_json([b.to_dict() for b in backups])
        elif not backups:
            print(f"no backups in {db_path.parent / 'backups'}")
        for b in backups if not args.json else []:
            d = b.to_dict()
            key = "passphrase" if b.mode == "passphrase" else ("keyring" if d["key_available"] else "key not here")
            print(f"{d['created']}  {d['reason']:20}  {d['size'] / 1e6:7.2f} MB  {key:12}  {b.path}")
        return 0
    if args.new_empty:
        return _new_empty(db_path)
    target = backups[0].path if args.latest and backups else args.backup
    if target is None:
        print("error: there is no backup to restore", file=sys.stderr)
        return 1
    passphrase = os.environ.get("ALYESDESK_PASSPHRASE") or None
    try:
        try:
            set_aside = restore_backup(target, db_path, passphrase)
        except PassphraseRequired:
            if not (sys.stdin and sys.stdin.isatty()):
                raise StorageError("this backup needs its passphrase: set ALYESDESK_PASSPHRASE") from None
            set_aside = restore_backup(target, db_path, getpass.getpass("Backup passphrase: "))
    except StorageError as exc:
        print(f"error: nothing was restored: {exc}", file=sys.stderr)
        return 1
    print(f"restored {target} to {db_path}")
    if set_aside:
        print(f"the previous database was kept as {set_aside}")
    return 0


def _new_empty(db_path: Path) -> int:
    if not database_is_missing(db_path):
        print(f"error: {db_path} exists and is not empty: nothing was done (restore a backup over it instead)",
              file=sys.stderr)
        return 1
    try:
        db = open_database(db_path, allow_new=True, auto_backup=False)
    except PassphraseRequired as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except StorageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    db.close()
    print(f"a new, empty database is ready at {db_path} (database id {db.db_id})")
    return 0
