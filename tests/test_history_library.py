"""History as a library (issue 22, item 7): versions, date range, readable details, thumbnails, open in
its tab, undoable delete, and "replace or keep both" when a file is checked again."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from sqlalchemy import update

from alyesdesk.storage import ModelRef
from alyesdesk.storage.schema import results
from alyesdesk.ui.app import build_window
from alyesdesk.ui.history.details import HistoryDetailsDialog, summary
from alyesdesk.ui.history.thumbnails import ThumbnailLoader, thumbnail_bytes

SEG = ModelRef("streets", "1.0", "ab" * 32)
WASTE = ModelRef("waste", "1.0", "cd" * 32)


def _image(path: Path, size: tuple[int, int] = (640, 480)) -> Path:
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(0x3366CC)
    assert image.save(str(path))
    return path


def _at(db, rid: int, when: float) -> None:  # noqa: ANN001
    with db.engine.begin() as conn:
        conn.execute(update(results).where(results.c.id == rid).values(created_at=when))


def test_rechecks_show_as_one_row_with_its_versions(window, db, qtbot, monkeypatch) -> None:
    first = db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, SEG)
    second = db.save_segmentation("/s/a.png", "x", 4, 4, {"road": 0.7, "sky": 0.3}, SEG)
    history = window.tab_widgets["history"]
    history.refresh()
    assert history.model.rowCount() == 1 and history.model.item(0, 5).text() == "2 versions"
    shown: list[HistoryDetailsDialog] = []
    monkeypatch.setattr(HistoryDetailsDialog, "exec", lambda self: shown.append(self) or 0)
    history.table.selectRow(0)
    history._on_details_clicked()
    versions = shown[0].versions
    assert [versions.item(i).data(Qt.ItemDataRole.UserRole) for i in range(versions.count())] == [second, first]


def test_date_range_filter(window, db) -> None:
    old = db.save_segmentation("/s/old.png", "x", 4, 4, {"sky": 1.0}, SEG)
    db.save_segmentation("/s/new.png", "y", 4, 4, {"sky": 1.0}, SEG)
    _at(db, old, time.time() - 40 * 86400)
    history = window.tab_widgets["history"]
    history.refresh()
    assert history.model.rowCount() == 2
    history.filters.set_range("week")
    assert [e["input"] for e in history.table.entries()] == ["/s/new.png"]
    history.filters.set_range("custom")
    today = QDate.currentDate()
    history.filters.start.setDate(today.addDays(-45))
    history.filters.end.setDate(today.addDays(-35))
    history.refresh()
    assert [e["input"] for e in history.table.entries()] == ["/s/old.png"]
    assert history.filters.start.isVisibleTo(history)


def test_details_are_words_not_json(db) -> None:
    waste = db.save_classification("/p/bottle.jpg", "s", "glass", 0.91, {"glass": 0.91, "plastic": 0.06}, WASTE)
    doc = db.save_document_check("/d/contract.pdf", "d", [{"size": [10, 10], "boxes": []}], 2, "signed", 2, None)
    street = db.save_segmentation("/s/a.png", "x", 640, 480, {"road": 0.62, "sky": 0.3, "car": 0.08}, SEG)
    sid = db.create_session("reading", "Screen 1", {"px": [1920, 1080]})
    start = db.session(sid)["started_at"]
    db.add_samples(sid, [(start, 1.0, 2.0, 0.9, "ok"), (start + 65.0, 1.0, 2.0, 0.9, "ok")])
    db.end_session(sid)
    gaze = db.session(sid)["result_id"]
    lines = {rid: dict(summary(db.result(rid), db)) for rid in (waste, doc, street, gaze)}
    assert lines[waste]["Material"] == "glass" and lines[waste]["Confidence"] == "91 %"
    assert "Bin" in lines[waste] and "plastic 6 %" in lines[waste]["Next guesses"]
    assert lines[doc]["Verdict"] == "signed" and lines[doc]["Signatures"] == "2 found, 2 expected"
    assert lines[street]["Areas"] == "road 62 %, sky 30 %, car 8 %" and lines[street]["Image size"] == "640 × 480 px"
    assert lines[gaze]["Samples"] == "2" and lines[gaze]["Duration"] == "1 min 5 s"
    for found in lines.values():
        assert not any(v.startswith(("{", "[")) for v in found.values())


def test_thumbnails_are_made_from_the_file_then_kept_in_the_database(window, db, qtbot, tmp_path) -> None:
    photo = _image(tmp_path / "bottle.png")
    rid = db.save_classification(str(photo), "s", "glass", 0.9, {"glass": 0.9}, WASTE)
    history = window.tab_widgets["history"]
    with qtbot.waitSignal(history.thumbnails.thumbnail_ready, timeout=10000) as ready:
        history.refresh()
    assert ready.args[0] == rid and ready.args[1].width() <= 160
    stored = db.thumbnail(rid)
    assert stored is not None and stored[1] == "jpeg"
    icon = history.model.item(0, 2).data(Qt.ItemDataRole.DecorationRole)
    assert not icon.isNull()
    photo.unlink()  # the file is gone: the thumbnail is still there, from the encrypted database
    loader = ThumbnailLoader()
    with qtbot.waitSignal(loader.thumbnail_ready, timeout=10000) as again:
        loader.request(db, [{"id": rid, "input": str(photo), "capability": "waste"}])
    assert again.args[0] == rid
    loader.shutdown()


def test_thumbnail_refuses_what_is_not_a_small_enough_image() -> None:
    assert thumbnail_bytes(b"not an image") is None
    image = QImage(50, 20, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    data, kind = thumbnail_bytes(bytes(buffer.data()))
    assert kind == "png" and QImage.fromData(data).size().width() == 50  # never enlarged


def test_open_in_its_tab(window, db, tmp_path, monkeypatch) -> None:
    street = _image(tmp_path / "street.png")
    db.save_segmentation(str(street), "x", 4, 4, {"sky": 1.0}, SEG)
    opened: list[list[str]] = []
    monkeypatch.setattr(window.tab_widgets["streets"], "open_paths", lambda paths: opened.append(paths))
    history = window.tab_widgets["history"]
    history.refresh()
    history.table.selectRow(0)
    history.open_button.click()
    assert opened == [[str(street)]] and window.current_tab_key() == "streets"
    street.unlink()
    window.select_tab("history")
    history.open_button.click()
    assert len(opened) == 1 and "no longer there" in window.ctx.notifications.records[-1].text()


def test_open_a_gaze_session_in_its_tab(window, db) -> None:
    sid = db.create_session("reading", "Screen 1", {"px": [1920, 1080]})
    history = window.tab_widgets["history"]
    history.refresh()
    history.table.selectRow(0)
    history.open_button.click()
    gaze = window.tab_widgets["gaze"]
    assert window.current_tab_key() == "gaze" and gaze.sessions.selected_id() == sid


def test_delete_undo_with_ctrl_z_and_deleted_for_real_on_close(qtbot, db) -> None:
    a = db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, SEG)
    b = db.save_segmentation("/s/b.png", "x", 4, 4, {"sky": 1.0}, SEG)
    win = build_window(db)
    qtbot.addWidget(win)
    win.show()
    win.select_tab("history")
    history = win.tab_widgets["history"]
    history.table.selectRow(0)
    history.delete_button.click()
    assert [e["id"] for e in history.table.entries()] == [a] and len(db.history()) == 2
    assert [btn.text() for btn in win.notice_actions.buttons] == ["Undo"]
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # shortcuts reach only the active window
    history.table.setFocus()
    QTest.keyClick(history.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sorted(e["id"] for e in history.table.entries()) == [a, b] and not history.undo_bar.isVisible()
    history.table.selectRow(0)
    history.delete_button.click()
    win.close()  # the app closes: the undo time is over
    assert [r["id"] for r in db.history()] == [a]


def test_a_recheck_asks_to_replace_or_keep_and_can_remember(window, db, monkeypatch, qtbot) -> None:
    history = window.tab_widgets["history"]
    first = db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, SEG)
    window.ctx.results_changed.emit("streets")
    assert history.rechecks.check() == []  # a first check: nothing to ask
    asked: list[list[dict]] = []
    monkeypatch.setattr(history.rechecks, "ask", lambda found: (asked.append(found), ("keep", False))[1])
    second = db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, SEG)
    history.rechecks.check()
    assert [f["earlier"] for f in asked[0]] == [[first]] and len(db.history()) == 2  # kept both
    monkeypatch.setattr(history.rechecks, "ask", lambda found: ("replace", True))
    third = db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, SEG)
    history.rechecks.check()
    assert [e["id"] for e in history.table.entries()] == [third]
    assert history.table.entries()[0]["version_count"] == 1 and history.undo_bar.isVisibleTo(history)
    assert window.ctx.settings.recheck_policy == "replace"  # "don't ask again"
    history.undo_delete()
    assert history.table.entries()[0]["version_count"] == 3
    monkeypatch.setattr(history.rechecks, "ask", lambda found: pytest.fail("asked after don't ask again"))
    db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, SEG)
    history.rechecks.check()
    history.pending.commit()
    assert {r["id"] for r in db.history()} == {max(r["id"] for r in db.history())} and second not in {
        r["id"] for r in db.history()}


def test_a_new_file_or_another_model_is_not_a_recheck(window, db, monkeypatch) -> None:
    history = window.tab_widgets["history"]
    monkeypatch.setattr(history.rechecks, "ask", lambda found: pytest.fail("nothing to ask"))
    db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, SEG)
    db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, ModelRef("streets", "2.0", "ef" * 32))
    db.save_segmentation("/s/b.png", "x", 4, 4, {"sky": 1.0}, SEG)
    assert history.rechecks.check() == []
    assert np.all([e["version_count"] == 1 for e in db.library()])


def test_a_video_gets_its_first_frame_as_thumbnail_and_a_pdf_none(db, tmp_path) -> None:
    import cv2

    from alyesdesk.ui.history.thumbnails import find_thumbnail

    video = tmp_path / "street.mp4"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"mp4v"), 12, (64, 48))
    for i in range(3):
        writer.write(np.full((48, 64, 3), 40 * i, np.uint8))
    writer.release()
    rid = db.save_segmentation(str(video), "v", 64, 48, {"road": 1.0}, SEG)
    found_id, data = find_thumbnail(db, {"id": rid, "input": str(video), "capability": "streets"})
    assert found_id == rid and QImage.fromData(data).width() == 64 and db.thumbnail(rid) is not None
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(b"%PDF-1.4 not rendered for a list")
    doc = db.save_document_check(str(pdf), "d", [], 0, "unsigned", 1, None)
    assert find_thumbnail(db, {"id": doc, "input": str(pdf), "capability": "documents"}) == (doc, None)


def test_without_a_window_on_screen_a_recheck_keeps_both(window, db) -> None:
    history = window.tab_widgets["history"]
    db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, SEG)
    db.save_segmentation("/s/a.png", "x", 4, 4, {"sky": 1.0}, SEG)
    assert not window.isVisible()
    assert len(history.rechecks.check()) == 1  # seen, not asked (nobody could answer), nothing deleted
    assert len(db.history()) == 2 and not history.pending.can_undo()


def test_the_recheck_question_names_the_file_and_remembers(qtbot, db) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    win = build_window(db)
    qtbot.addWidget(win)
    win.show()
    history = win.tab_widgets["history"]
    db.save_segmentation("/s/rue.png", "x", 4, 4, {"sky": 1.0}, SEG)
    db.save_segmentation("/s/rue.png", "x", 4, 4, {"sky": 1.0}, SEG)
    seen: list[str] = []

    def answer() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        seen.append(box.text())
        box.checkBox().setChecked(True)
        next(b for b in box.buttons() if b.text() == "Keep both").click()

    QTimer.singleShot(0, answer)
    history.rechecks.check()
    assert "rue.png was already checked with this model" in seen[0]
    assert win.ctx.settings.recheck_policy == "keep" and len(db.history()) == 2
    win.shutdown()


def test_the_remembered_answer_can_be_changed_in_settings(qtbot) -> None:
    from alyesdesk.settings import Settings
    from alyesdesk.ui.dialogs.settings_dialog import SettingsDialog

    settings = Settings()
    settings.recheck_policy = "replace"
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.recheck.currentData() == "replace"
    dialog.recheck.setCurrentIndex(dialog.recheck.findData("ask"))
    dialog.apply()
    assert settings.recheck_policy == "ask"
