"""Never lose the key or the database: missing files, wrong passphrases with a WAL, damaged files, backups.

Each test reproduces a defect found by the adversarial run (issue 14, items 1, 4, 12, 13, 15).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from alyesdesk import paths
from alyesdesk.storage import StorageError, WrongKeyError, open_database
from alyesdesk.storage.backup import backup_if_due, list_backups, make_backup, restore_backup
from alyesdesk.storage.engine import explain
from alyesdesk.storage.errors import DatabaseMissingError
from alyesdesk.storage.keys import read_keystore

REPO = Path(__file__).resolve().parent.parent
PASS = "correct horse battery"


def _keys(memory_keyring) -> dict:  # noqa: ANN001
    return {k: v for k, v in memory_keyring.store.items() if k[0] == "AlyesDesk"}


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "alyesdesk", *args], capture_output=True, text=True,
                          timeout=300, cwd=REPO, env={**os.environ, **(env or {})})


# --- item 1: a missing or empty database never replaces the stored key ----------------------------
@pytest.mark.parametrize("how", ["moved", "truncated"])
def test_missing_database_keeps_the_key(db, memory_keyring, how: str) -> None:
    rid = db.save_segmentation("a.png", None, 1, 1, {"sky": 1.0}, None)
    before = _keys(memory_keyring)
    db.close()
    path = paths.database_path()
    if how == "moved":
        path.rename(path.with_name("moved-away.db"))
    else:
        path.write_bytes(b"")
    with pytest.raises(DatabaseMissingError) as err:
        open_database()
    assert str(path) in str(err.value) and "restore" in str(err.value)
    assert _keys(memory_keyring) == before  # the only key is still there, unchanged
    if how == "moved":  # the file comes back: it opens with its key, nothing was lost
        path.with_name("moved-away.db").rename(path)
        again = open_database()
        assert again.result(rid) is not None
        again.close()


def test_a_new_empty_database_gets_its_own_key(db, memory_keyring) -> None:
    old_id = db.db_id
    old_keys = _keys(memory_keyring)
    db.close()
    paths.database_path().unlink()
    fresh = open_database(allow_new=True)
    assert fresh.db_id != old_id
    assert fresh.history() == []
    keys_now = _keys(memory_keyring)
    assert all(keys_now[k] == v for k, v in old_keys.items())  # old entries kept, never overwritten
    assert len(keys_now) == len(old_keys) + 1
    assert read_keystore(paths.database_path())["db_id"] == fresh.db_id
    fresh.close()


def test_cli_refuses_to_start_over_and_restore_new_empty_does(db, memory_keyring) -> None:
    db.close()
    paths.database_path().unlink()
    before = _keys(memory_keyring)
    proc = _cli("history")
    assert proc.returncode != 0
    assert "missing" in proc.stderr and "restore" in proc.stderr
    assert not paths.database_path().exists()
    assert _keys(memory_keyring) == before


def test_a_database_keyed_by_path_opens_and_gets_an_id(isolated_home, memory_keyring) -> None:
    # Before keystore version 2 the keyring entry was named by the database's path.
    db = open_database()
    db_path, secret = db.path, db.key.secret
    db.close()
    memory_keyring.store.clear()
    memory_keyring.store[("AlyesDesk", f"database-key:{db_path.resolve()}")] = secret
    (db_path.with_name("keystore.json")).write_text(json.dumps({"mode": "keyring", "version": 1}))
    again = open_database()
    assert again.key.secret == secret
    store = read_keystore(db_path)
    assert store["db_id"] == again.db_id
    assert memory_keyring.store[("AlyesDesk", f"database-key:id:{again.db_id}")] == secret
    assert memory_keyring.store[("AlyesDesk", f"database-key:{db_path.resolve()}")] == secret  # kept
    again.close()


# --- item 4: a wrong passphrase changes no byte, WAL included -----------------------------------------
def test_wrong_passphrase_leaves_the_wal_and_file_untouched(isolated_home, no_keyring, tmp_path) -> None:
    db = open_database(passphrase=PASS)
    for i in range(50):
        db.save_segmentation(f"{i}.png", None, 1, 1, {"sky": 1.0}, None)
    # Copy the file set while the WAL still holds the rows (as after a crash).
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for name in ("alyesdesk.db", "alyesdesk.db-wal", "alyesdesk.db-shm", "keystore.json"):
        src = db.path.with_name(name)
        if src.exists():
            shutil.copy2(src, crashed / name)
    db.close()
    assert (crashed / "alyesdesk.db-wal").stat().st_size > 0
    before = {p.name: p.read_bytes() for p in crashed.iterdir()}
    with pytest.raises(WrongKeyError):
        open_database(crashed / "alyesdesk.db", passphrase="wrong passphrase!")
    after = {p.name: p.read_bytes() for p in crashed.iterdir()}
    assert after == before
    reopened = open_database(crashed / "alyesdesk.db", passphrase=PASS, auto_backup=False)
    assert len(reopened.history()) == 50  # the rows in the WAL are all there
    reopened.close()


# --- item 13: say what is actually wrong ---------------------------------------------------------------
def test_a_truncated_database_is_called_damaged(db) -> None:
    db.save_segmentation("a.png", None, 1, 1, {"sky": 1.0}, None)
    db.close()
    path = paths.database_path()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])
    with pytest.raises(StorageError) as err:
        open_database()
    assert not isinstance(err.value, WrongKeyError)
    assert "damaged" in str(err.value) and "backup" in str(err.value)


def test_a_folder_at_the_database_path_is_a_clear_error(isolated_home) -> None:
    paths.database_path().mkdir()
    with pytest.raises(StorageError, match="is a folder"):
        open_database()


@pytest.mark.parametrize(("driver_error", "words"), [
    ("attempt to write a readonly database", "read-only"),
    ("database or disk is full", "disk"),
    ("file is not a database", "damaged"),
])
def test_driver_errors_are_explained(driver_error: str, words: str) -> None:
    import sqlcipher3

    message = str(explain(sqlcipher3.OperationalError(driver_error), Path("/data/alyesdesk.db")))
    assert words in message
    assert "Wrong passphrase" not in message


# --- item 15: backups and restore ---------------------------------------------------------------------
def test_backup_and_restore_round_trip(db) -> None:
    rid = db.save_segmentation("kept.png", None, 1, 1, {"sky": 1.0}, None)
    backup = make_backup(db, "manual")
    db.save_segmentation("after.png", None, 1, 1, {"sky": 1.0}, None)
    assert backup.read_bytes()[:16] != b"SQLite format 3\x00"  # encrypted like the database
    [info] = list_backups(db.path)
    assert info.path == backup and info.db_id == db.db_id and info.key_available()
    db.close()
    set_aside = restore_backup(backup, paths.database_path())
    assert set_aside is not None and set_aside.exists()  # the replaced file is kept, not deleted
    restored = open_database(auto_backup=False)
    assert [r["input"] for r in restored.history()] == ["kept.png"]
    assert restored.result(rid) is not None
    assert restored.schema_version == db.schema_version
    restored.close()


def test_daily_backup_once_a_day(db) -> None:
    db.save_segmentation("a.png", None, 1, 1, {"sky": 1.0}, None)
    first = backup_if_due(db)
    assert first is not None
    assert backup_if_due(db) is None  # not due again yet
    assert backup_if_due(db, max_age=0) is not None


def test_a_migration_is_preceded_by_a_backup(isolated_home) -> None:
    old = open_database(migrate_to=1)
    old.close()
    new = open_database(auto_backup=False)
    reasons = [b.reason for b in list_backups(new.path)]
    assert reasons == ["before-migration-v1"]
    new.close()


def test_cli_backup_list_and_restore(isolated_home, no_keyring) -> None:
    db = open_database(passphrase=PASS)
    db.save_segmentation("kept.png", None, 1, 1, {"sky": 1.0}, None)
    db.close()
    # The CLI runs in another process, as a headless user would: the passphrase comes from the environment.
    env = {"ALYESDESK_PASSPHRASE": PASS, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    made = _cli("backup", "--json", env=env)
    assert made.returncode == 0, made.stderr
    backup = Path(json.loads(made.stdout)["path"])
    listed = _cli("restore", "--list", "--json", env=env)
    listed_paths = [Path(b["path"]) for b in json.loads(listed.stdout)]
    assert listed_paths[0] == backup  # newest first; opening the database also made the daily one
    assert {b["reason"] for b in json.loads(listed.stdout)} == {"manual", "daily"}
    again = open_database(passphrase=PASS, auto_backup=False)
    again.save_segmentation("later.png", None, 1, 1, {"sky": 1.0}, None)
    again.close()
    restored = _cli("restore", "--latest", env=env)
    assert restored.returncode == 0, restored.stderr
    assert "previous database was kept" in restored.stdout
    check = open_database(passphrase=PASS, auto_backup=False)
    assert [r["input"] for r in check.history()] == ["kept.png"]
    check.close()


# --- item 12: nothing written outside the data folder ---------------------------------------------------
def test_a_fresh_home_stays_empty(tmp_path: Path) -> None:
    home, data = tmp_path / "home", tmp_path / "data"
    home.mkdir()
    image = tmp_path / "photo.png"
    import cv2
    import numpy as np

    cv2.imwrite(str(image), np.full((64, 64, 3), 120, np.uint8))
    env = {"HOME": str(home), "ALYESDESK_HOME": str(data), "XDG_CACHE_HOME": "", "XDG_CONFIG_HOME": "",
           "XDG_DATA_HOME": "", "ALYESDESK_PASSPHRASE": PASS, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    for command in (["classify", str(image), "--json"], ["segment", str(image), "--out", str(tmp_path / "seg")]):
        proc = _cli(*command, env=env)
        assert proc.returncode in (0, 3), proc.stderr
    assert list(home.rglob("*")) == []
    assert (data / "alyesdesk.db").exists()
