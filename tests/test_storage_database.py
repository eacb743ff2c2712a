"""Encrypted database: round trips, encryption at rest, wrong keys, passphrases, migrations."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from alyesdesk.storage import ModelRef, PassphraseRequired, WrongKeyError, open_database
from alyesdesk.storage.migrations import LATEST
from alyesdesk.storage.samples import SampleWriter

MODEL = ModelRef("waste", "1.0", "ab" * 32)


def test_round_trip_every_capability(db) -> None:
    cid = db.save_classification("/tmp/a.jpg", "sha-a", "glass", 0.91, {"glass": 0.91, "paper": 0.09}, MODEL)
    did = db.save_document_check("/tmp/c.pdf", "sha-c", [{"page": 1, "boxes": []}], 0, "unsigned", 1, None)
    sid = db.save_segmentation("/tmp/s.png", "sha-s", 480, 360, {"sky": 0.3, "flat": 0.5}, None)
    rows = db.history()
    assert [r["id"] for r in rows] == [sid, did, cid]
    assert {r["capability"] for r in rows} == {"waste", "documents", "streets"}
    detail = db.result(cid)
    assert detail["label"] == "glass" and detail["model_name"] == "waste"
    assert db.result(did)["verdict"] == "unsigned"
    assert db.result(sid)["width"] == 480


def test_history_filters_and_delete(db) -> None:
    a = db.save_classification("/data/bottle.jpg", "s1", "glass", 0.9, {"glass": 0.9}, MODEL)
    db.save_segmentation("/data/street.png", "s2", 10, 10, {"sky": 1.0}, None)
    assert [r["id"] for r in db.history(capability="waste")] == [a]
    assert [r["id"] for r in db.history(text="BOTTLE")] == [a]
    assert db.history(text="no such thing") == []
    assert db.delete_result(a)
    assert db.result(a) is None
    assert not db.delete_result(a)


def test_correction_keeps_both_labels(db) -> None:
    rid = db.save_classification("/x.jpg", "sha", "plastic", 0.6, {"plastic": 0.6, "glass": 0.4}, MODEL)
    db.set_correction(rid, "glass")
    row = db.result(rid)
    assert (row["label"], row["correction"]) == ("plastic", "glass")
    assert db.corrections()[0]["correction"] == "glass"
    assert "corrected from plastic" in db.history()[0]["outcome"]
    assert db.find_by_sha256("waste", "sha")["id"] == rid


def test_file_is_encrypted_at_rest(db) -> None:
    db.save_classification("/secret/name.jpg", "s", "glass", 0.9, {"glass": 0.9}, MODEL)
    db.close()
    raw = db.path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert b"/secret/name.jpg" not in raw
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db.path).execute("SELECT * FROM sqlite_master").fetchall()


def test_key_lives_in_keyring(db, memory_keyring) -> None:
    stored = [v for (service, _), v in memory_keyring.store.items() if service == "AlyesDesk"]
    assert len(stored) == 1 and len(stored[0]) == 64  # 256-bit key, hex
    assert db.key_mode == "keyring"


def test_wrong_key_is_refused_and_file_untouched(db, memory_keyring) -> None:
    db.save_classification("/x.jpg", "s", "glass", 0.9, {"glass": 0.9}, MODEL)
    db.close()
    before = db.path.read_bytes()
    account = next(iter(memory_keyring.store))
    memory_keyring.store[account] = "00" * 32
    with pytest.raises(WrongKeyError, match="does not open"):
        open_database()
    assert db.path.read_bytes() == before


def test_passphrase_lock_round_trip(db) -> None:
    db.save_segmentation("/s.png", "s", 1, 1, {"sky": 1.0}, None)
    db.set_passphrase("correct horse battery")
    db.close()
    with pytest.raises(PassphraseRequired):
        open_database()
    before = db.path.read_bytes()
    with pytest.raises(WrongKeyError, match="Wrong passphrase"):
        open_database(passphrase="not the passphrase")
    assert db.path.read_bytes() == before
    reopened = open_database(passphrase="correct horse battery")
    assert len(reopened.history()) == 1
    reopened.remove_passphrase()
    reopened.close()
    assert len(open_database().history()) == 1


def test_headless_without_keyring_asks_for_passphrase(no_keyring, monkeypatch) -> None:
    with pytest.raises(PassphraseRequired) as info:
        open_database()
    assert info.value.first_run
    monkeypatch.setenv("ALYESDESK_PASSPHRASE", "a long enough passphrase")
    database = open_database()
    assert database.key_mode == "passphrase"
    database.close()
    monkeypatch.delenv("ALYESDESK_PASSPHRASE")
    with pytest.raises(PassphraseRequired):
        open_database()


def test_short_passphrase_refused_on_creation(no_keyring) -> None:
    with pytest.raises(ValueError, match="at least"):
        open_database(passphrase="short")


def test_migration_from_v1_keeps_rows(isolated_home: Path) -> None:
    old = open_database(migrate_to=1)
    assert old.schema_version == 1
    with old.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO results (created_at, capability, input, outcome) "
                "VALUES (1.0, 'waste', '/old.jpg', 'glass (90%)')"
            )
        )
    old.close()
    new = open_database()
    assert new.schema_version == LATEST
    assert new.applied_migrations == list(range(2, LATEST + 1))
    rows = new.history()
    assert [r["input"] for r in rows] == ["/old.jpg"]
    new.set_note(rows[0]["id"], "checked by hand")  # the column version 2 added
    assert new.result(rows[0]["id"])["note"] == "checked by hand"


def test_migrated_schema_matches_current_tables(db) -> None:
    from alyesdesk.storage.schema import metadata

    with db.engine.connect() as conn:
        for table in metadata.sorted_tables:
            live = {row[1] for row in conn.execute(text(f"PRAGMA table_info({table.name})"))}
            assert live == set(table.columns.keys()), table.name


def test_newer_schema_is_refused(db) -> None:
    from alyesdesk.storage import StorageError

    with db.engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA user_version = {LATEST + 5}")
    db.close()
    with pytest.raises(StorageError, match="newer"):
        open_database()


def test_sample_writer_bulk_and_session_end(db) -> None:
    sid = db.create_session("reading", "Screen 1", {"w_px": 1920, "h_px": 1080})
    writer = SampleWriter(db, sid, flush_interval=0.05)
    t0 = time.time()
    for i in range(5000):
        writer.add(t0 + i / 30, float(i % 1920), float(i % 1080), 0.9)
    assert writer.close() == 5000
    samples = db.session_samples(sid)
    assert len(samples) == 5000
    assert samples[10][1] == 10.0
    session = db.session(sid)
    assert session["sample_count"] == 5000
    assert session["ended_at"] == pytest.approx(t0 + 4999 / 30)
    assert "5000 samples" in db.history(capability="gaze")[0]["outcome"]


def test_session_rename_and_delete_cascade(db) -> None:
    sid = db.create_session("first", "S", {})
    db.add_samples(sid, [(1.0, 2.0, 3.0, 1.0, "ok")])
    db.rename_session(sid, "renamed")
    assert db.sessions()[0]["name"] == "renamed"
    assert db.history()[0]["input"] == "renamed"
    db.delete_session(sid)
    assert db.sessions() == [] and db.session_samples(sid) == [] and db.history() == []


def test_calibration_latest_valid(db) -> None:
    acc = {"mean_px": 50.0, "median_px": 40.0, "mean_deg": 1.2, "median_deg": 1.0}
    first = db.save_calibration("S1", {"w_px": 1920}, "mediapipe", b"onnx1", {"task": "gaze"}, acc)
    second = db.save_calibration("S1", {"w_px": 1920}, "mediapipe", b"onnx2", {"task": "gaze"}, acc)
    assert db.latest_calibration("S1")["id"] == second
    db.invalidate_calibration(second)
    latest = db.latest_calibration("S1")
    assert latest["id"] == first and latest["model_onnx"] == b"onnx1"
    assert db.latest_calibration("other screen") is None


def test_many_threads_query_at_once(db) -> None:
    """More threads than any pool size read and write together (a thread-bound pool used to close
    connections under running queries and crash)."""
    import threading

    sid = db.create_session("busy", "S", {})
    db.add_samples(sid, [(float(i), 1.0, 2.0, 1.0, "ok") for i in range(200)])
    errors: list[BaseException] = []

    def hammer(n: int) -> None:
        try:
            for _ in range(30):
                assert db.session(sid)["name"] == "busy"
                assert len(db.session_samples(sid)) >= 200
                db.save_segmentation(f"/t{n}.png", None, 1, 1, {"sky": 1.0}, None)
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(db.history(capability="streets")) == 12 * 30
