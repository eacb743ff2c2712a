"""Passphrase, app-lock and details dialogs: wrong input is refused clearly and nothing is damaged."""

from __future__ import annotations

from alyesdesk.storage import open_database
from alyesdesk.ui.dialogs.app_lock import AppLockDialog
from alyesdesk.ui.dialogs.passphrase import PassphraseDialog
from alyesdesk.ui.history.details import HistoryDetailsDialog


def test_first_run_passphrase_must_match_and_be_long(qtbot, no_keyring) -> None:
    dialog = PassphraseDialog("no keyring here", create=True)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("long enough phrase")
    dialog.confirm.setText("something else")
    dialog._on_accepted()
    assert "differ" in dialog.error.text() and dialog.database is None
    dialog.confirm.setText("short")
    dialog.passphrase.setText("short")
    dialog._on_accepted()
    assert "at least" in dialog.error.text() and dialog.database is None
    dialog.passphrase.setText("long enough phrase")
    dialog.confirm.setText("long enough phrase")
    dialog._on_accepted()
    assert dialog.database is not None and dialog.database.key_mode == "passphrase"
    dialog.database.close()


def test_unlock_refuses_a_wrong_passphrase_without_touching_the_file(qtbot, no_keyring) -> None:
    db = open_database(passphrase="the right passphrase")
    db.save_segmentation("/a.png", None, 1, 1, {"sky": 1.0}, None)
    db.close()
    before = db.path.read_bytes()
    dialog = PassphraseDialog("locked", create=False)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("the wrong passphrase")
    dialog._on_accepted()
    assert "Wrong passphrase" in dialog.error.text() and dialog.database is None
    assert db.path.read_bytes() == before
    dialog.passphrase.setText("the right passphrase")
    dialog._on_accepted()
    assert len(dialog.database.history()) == 1
    dialog.database.close()


def test_app_lock_round_trip(qtbot, db) -> None:
    lock = AppLockDialog(db)
    qtbot.addWidget(lock)
    lock.passphrase.setText("shared computer pass")
    lock.confirm.setText("shared computer pass")
    lock._on_accepted()
    assert db.key_mode == "passphrase"
    unlock = AppLockDialog(db)
    qtbot.addWidget(unlock)
    assert unlock.locked
    unlock._on_accepted()
    assert db.key_mode == "keyring"


def test_details_dialog_hides_blobs_and_edits_the_note(qtbot, db) -> None:
    from PySide6.QtWidgets import QPlainTextEdit

    rid = db.save_classification("/x.jpg", "s", "glass", 0.9, {"glass": 0.9}, None)
    result = db.result(rid)
    result["screenshot_png"] = "iVBORw0KGgo-a-large-blob"  # blobs stored with gaze sessions and models
    result["model_onnx"] = "onnx-bytes-blob"
    dialog = HistoryDetailsDialog(result, [result])  # History's details dialog (issue 22)
    qtbot.addWidget(dialog)
    shown = dialog.findChild(QPlainTextEdit).toPlainText()
    assert "glass" in shown and "/x.jpg" in shown
    assert "screenshot_png" not in shown and "a-large-blob" not in shown and "model_onnx" not in shown
    assert not dialog.note_changed
    dialog._note_edit.setText("checked")
    assert dialog.note_changed and dialog.note == "checked"
    db.set_note(rid, dialog.note)  # what History does when the dialog is saved
    assert db.result(rid)["note"] == "checked"
    again = HistoryDetailsDialog(db.result(rid), [])
    qtbot.addWidget(again)
    assert again.note == "checked" and not again.note_changed

