"""A database's life: its keyring entry lost, migrations from every older schema, the start-up prompt.

Issue 23, item 9. `test_storage_database.py` covers the v1 -> latest migration of one result, wrong keys
and the passphrase lock; `test_storage_reliability.py` missing files, backups and damaged files. Here:
every older schema with rows in every table it has, a lost keyring entry, and `ui/app.py`
`unlock_database` (the UI is imported inside the tests that need it, so the rest runs without Qt).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from alyesdesk import paths
from alyesdesk.storage import PassphraseRequired, WrongKeyError, open_database
from alyesdesk.storage.migrations import LATEST

PASS = "correct horse battery"


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under the data folder (the database, its WAL, keystore.json, backups), by name."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _app_keys(memory_keyring) -> dict:  # noqa: ANN001
    return {k: v for k, v in memory_keyring.store.items() if k[0] == "AlyesDesk"}


# --- a lost keyring entry ------------------------------------------------------------------------------


@pytest.fixture
def lost_key(db, memory_keyring, isolated_home: Path) -> dict:  # noqa: ANN001
    """A keyring-keyed database with one result, whose keyring entry is then lost (a reset keyring)."""
    rid = db.save_classification("/photos/kept.jpg", "s1", "glass", 0.9, {"glass": 0.9}, None)
    db.close()
    saved = _app_keys(memory_keyring)
    assert len(saved) == 1
    memory_keyring.store.clear()
    return {"rid": rid, "saved": saved, "files": _files(isolated_home)}


def test_a_lost_keyring_entry_asks_for_the_passphrase_and_touches_nothing(lost_key: dict, memory_keyring,
                                                                         isolated_home: Path) -> None:
    with pytest.raises(PassphraseRequired) as info:
        open_database()
    assert info.value.first_run is False  # the database exists: not a first run
    assert "keyring" in str(info.value) and "untouched" in str(info.value)
    assert _files(isolated_home) == lost_key["files"]  # no byte changed, nothing set aside, no backup
    assert _app_keys(memory_keyring) == {}  # no new key was made for the old file
    memory_keyring.store.update(lost_key["saved"])  # the keyring comes back: everything is there
    again = open_database()
    assert [r["id"] for r in again.history()] == [lost_key["rid"]]
    again.close()


def test_a_guessed_passphrase_for_a_lost_key_is_wrong_and_changes_nothing(lost_key: dict,
                                                                         isolated_home: Path) -> None:
    with pytest.raises(WrongKeyError):
        open_database(passphrase="a guess that is long enough")
    assert _files(isolated_home) == lost_key["files"]


class _FakeDialog:
    """Stands in for PassphraseDialog: records what it was told; `answer` plays the user."""

    shown: list = []
    answer = None  # callable() -> Database | None

    def __init__(self, message: str, *, create: bool, parent=None) -> None:  # noqa: ANN001
        _FakeDialog.shown.append({"message": message, "create": create})
        self.database = None

    def exec(self) -> int:
        self.database = _FakeDialog.answer() if _FakeDialog.answer else None
        return int(self.database is not None)


@pytest.fixture
def fake_dialog(monkeypatch: pytest.MonkeyPatch) -> type[_FakeDialog]:
    pytest.importorskip("PySide6", reason="unlock_database lives in the UI layer")
    from alyesdesk.ui.dialogs import passphrase

    monkeypatch.setattr(passphrase, "PassphraseDialog", _FakeDialog)
    monkeypatch.setattr(_FakeDialog, "shown", [])
    monkeypatch.setattr(_FakeDialog, "answer", None)
    return _FakeDialog


@pytest.mark.qt
def test_the_app_says_why_when_the_keyring_entry_is_lost(lost_key: dict, fake_dialog, isolated_home: Path) -> None:
    from alyesdesk.ui.app import unlock_database
    from alyesdesk.ui.i18n import passphrase_message

    with pytest.raises(PassphraseRequired) as info:
        open_database()
    assert unlock_database(interactive=True) is None  # the user chose to go on without storing
    why = passphrase_message(str(info.value))  # the storage reason, in the interface's language
    assert fake_dialog.shown == [{"message": why, "create": False}]
    # It says the key is lost, not merely that a passphrase protects the database or that none is stored.
    assert why not in (passphrase_message("This database is protected by a passphrase."),
                       passphrase_message("No usable system keyring was found (backend: x.Fail)."), "")
    assert _files(isolated_home) == lost_key["files"]
    assert unlock_database(interactive=False) is None  # a screenshot run never asks
    assert len(fake_dialog.shown) == 1
    assert _files(isolated_home) == lost_key["files"]


@pytest.mark.qt
def test_the_real_dialog_refuses_a_wrong_passphrase_for_a_lost_key(lost_key: dict, isolated_home: Path, qtbot,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QDialogButtonBox, QLabel

    from alyesdesk.ui.app import unlock_database
    from alyesdesk.ui.dialogs.passphrase import PassphraseDialog
    from alyesdesk.ui.i18n import passphrase_message

    seen: dict = {}

    def play(self: PassphraseDialog) -> int:
        qtbot.addWidget(self)
        seen["labels"] = [label.text() for label in self.findChildren(QLabel)]
        seen["has_confirm"] = self.confirm.isVisibleTo(self) or self.form.indexOf(self.confirm) != -1
        self.passphrase.setText("a guess that is long enough")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        seen["error"] = self.error.text()
        seen["database"] = self.database
        self.reject()
        return self.result()

    monkeypatch.setattr(PassphraseDialog, "exec", play)
    with pytest.raises(PassphraseRequired) as info:
        open_database()
    assert unlock_database(interactive=True) is None
    assert passphrase_message(str(info.value)) in seen["labels"]  # the reason is shown, word for word
    assert seen["has_confirm"] is False  # unlocking, not creating: one passphrase field
    assert seen["database"] is None and seen["error"] != ""
    assert _files(isolated_home) == lost_key["files"]


# --- the start-up prompt --------------------------------------------------------------------------------


@pytest.mark.qt
def test_startup_unlocks_a_passphrase_database_through_the_dialog(db, fake_dialog, memory_keyring) -> None:
    from alyesdesk.ui.app import unlock_database
    from alyesdesk.ui.i18n import passphrase_message

    rid = db.save_segmentation("/s.png", None, 2, 2, {"sky": 1.0}, None)
    db.set_passphrase(PASS)
    db.close()
    fake_dialog.answer = lambda: open_database(passphrase=PASS)
    opened = unlock_database(interactive=True)
    try:
        assert opened is not None and opened.key_mode == "passphrase"
        assert [r["id"] for r in opened.history()] == [rid]
    finally:
        opened.close()
    assert fake_dialog.shown == [{"message": passphrase_message("This database is protected by a passphrase."),
                                  "create": False}]
    assert _app_keys(memory_keyring) == {}  # the passphrase lock keeps no key in the keyring


@pytest.mark.qt
def test_startup_without_keyring_asks_to_create_and_cancel_makes_nothing(no_keyring, fake_dialog,
                                                                         isolated_home: Path) -> None:
    from alyesdesk.ui.app import unlock_database

    assert unlock_database(interactive=True) is None
    assert len(fake_dialog.shown) == 1 and fake_dialog.shown[0]["create"] is True
    assert not paths.database_path().exists()
    fake_dialog.answer = lambda: open_database(passphrase=PASS)
    created = unlock_database(interactive=True)
    try:
        assert created is not None and created.key_mode == "passphrase"
        assert created.schema_version == LATEST
    finally:
        created.close()
    assert [s["create"] for s in fake_dialog.shown] == [True, True]
    assert json.loads((isolated_home / "keystore.json").read_text())["mode"] == "passphrase"


@pytest.mark.qt
def test_startup_with_the_keyring_never_asks(db, fake_dialog) -> None:
    from alyesdesk.ui.app import unlock_database

    db.close()
    opened = unlock_database(interactive=True)
    assert opened is not None and opened.key_mode == "keyring"
    opened.close()
    assert fake_dialog.shown == []


# --- migrations from every older schema -----------------------------------------------------------------


def _fill(conn, version: int) -> None:  # noqa: ANN001
    """Rows in every table that schema `version` has."""
    sql = conn.exec_driver_sql
    sql("INSERT INTO models (id, name, version, sha256) VALUES (1, 'waste', '1.0', 'abc')")
    for rid, cap in ((1, "waste"), (2, "documents"), (3, "streets"), (4, "gaze"), (5, "gaze")):
        sql("INSERT INTO results (id, created_at, capability, input, input_sha256, outcome, model_id, details) "
            f"VALUES ({rid}, {rid}.5, '{cap}', '/in/{rid}.png', 'sha{rid}', 'outcome {rid} (90%)', 1, '{{}}')")
    sql("INSERT INTO classifications VALUES (1, 'glass', 0.9, '{\"glass\": 0.9}', 'metal', 9.0)")
    sql("INSERT INTO document_checks VALUES (2, 1, 1, 1, 'signed', '[]')")
    sql("INSERT INTO segmentations VALUES (3, 4, 3, '{\"sky\": 1.0}')")
    sql("INSERT INTO gaze_calibrations (id, result_id, created_at, screen, screen_geometry, frontend, model_onnx, "
        "sidecar, mean_px, median_px, mean_deg, median_deg, valid) "
        "VALUES (1, 4, 4.0, 'Screen 1', '{}', 'haar', x'00ff', '{}', 40.0, 35.0, 1.1, 0.9, 1)")
    sql("INSERT INTO gaze_sessions (id, result_id, name, started_at, ended_at, screen, screen_geometry, "
        "calibration_id, screenshot_png, sample_count) "
        "VALUES (1, 5, 'reading', 5.0, 6.0, 'Screen 1', '{}', 1, NULL, 2)")
    sql("INSERT INTO gaze_samples (session_id, t, x, y, confidence, status) VALUES "
        "(1, 0.0, 10.0, 20.0, 0.9, 'ok'), (1, 0.1, 11.0, 21.0, 0.8, 'ok')")
    if version >= 2:
        sql("UPDATE results SET note = 'checked' WHERE id = 1")
    if version >= 3:
        sql("INSERT INTO teach_projects VALUES (1, 'mine', 'custom', '[\"a\"]', 1.0, 2.0, NULL, NULL)")
        sql("INSERT INTO teach_photos VALUES (1, 1, 'a', 'sha', x'89504e47', 'png', NULL, 3.0)")
        sql("INSERT INTO training_images VALUES (1, x'ffd8', 'jpg', 4.0)")
    if version >= 4:
        sql("INSERT INTO document_reviews VALUES (2, 7.0, 'signed', 'ok', '{}')")
    if version >= 5:
        sql("UPDATE gaze_sessions SET participant = 'p1', study = 's1'")
    if version >= 7:
        sql("INSERT INTO result_thumbnails VALUES (1, x'ffd8ff', 'jpeg', 8.0)")


def _tables(conn) -> dict[str, list[str]]:  # noqa: ANN001
    names = [r[0] for r in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {n: [r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({n})")] for n in names}


def _rows(conn, tables: dict[str, list[str]]) -> dict[str, list[tuple]]:  # noqa: ANN001
    return {t: [tuple(r) for r in conn.exec_driver_sql(f"SELECT {', '.join(cols)} FROM {t} ORDER BY rowid")]
            for t, cols in tables.items()}


def _schema(database) -> list[tuple]:  # noqa: ANN001
    with database.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"))]


def _fresh_schema(tmp_path: Path) -> list[tuple]:
    fresh = open_database(tmp_path / "fresh" / "alyesdesk.db", allow_new=True)
    try:
        assert fresh.schema_version == LATEST
        return _schema(fresh)
    finally:
        fresh.close()


@pytest.mark.parametrize("start", range(1, LATEST))
def test_every_older_schema_migrates_with_its_rows(isolated_home: Path, tmp_path: Path, start: int) -> None:
    old = open_database(migrate_to=start)
    assert old.schema_version == start
    with old.engine.begin() as conn:
        _fill(conn, start)
    with old.engine.connect() as conn:
        tables = _tables(conn)
        before = _rows(conn, tables)
    old.close()
    assert all(before[t] for t in tables), "every table of the old schema holds rows"

    new = open_database()
    try:
        assert new.schema_version == LATEST
        assert new.applied_migrations == list(range(start + 1, LATEST + 1))
        with new.engine.connect() as conn:
            assert _rows(conn, tables) == before  # every old row and column, unchanged
            assert set(_tables(conn)) >= set(tables)
        assert _schema(new) == _fresh_schema(tmp_path)
        # The data is usable through the API, not only present.
        assert [r["id"] for r in new.history()] == [5, 4, 3, 2, 1]
        assert new.result(1)["note"] == ("checked" if start >= 2 else None)
        new.set_note(3, "added after the migration")
        assert new.result(3)["note"] == "added after the migration"
    finally:
        new.close()


def test_the_latest_schema_opens_without_migrating(db, tmp_path: Path) -> None:
    assert db.applied_migrations == list(range(1, LATEST + 1))  # a new file runs every step once
    db.close()
    again = open_database()
    try:
        assert again.applied_migrations == []
        assert _schema(again) == _fresh_schema(tmp_path)
    finally:
        again.close()
