"""Recording a session from the Gaze tab, then browsing, renaming, deleting and exporting it."""

from __future__ import annotations

import csv

import cv2
import pytest
from PySide6.QtWidgets import QMessageBox

from alyesdesk.ui.context import AppContext
from alyesdesk.ui.gaze.worker import SourceChoice
from alyesdesk.ui.gaze.tab import GazeTab

from gaze_testkit import store_calibration

FAST_SIM = SourceChoice("simulated", realtime=False)


@pytest.fixture
def tab(qtbot, db):  # noqa: ANN001, ANN201
    widget = GazeTab(AppContext(db))
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()


def record_session(qtbot, tab, name: str, samples: int = 20) -> tuple[int, int]:  # noqa: ANN001
    with qtbot.waitSignal(tab.tracking_started, timeout=30_000):
        tab.start_tracking(FAST_SIM)
    with qtbot.waitSignal(tab.recording_started, timeout=30_000):
        assert tab.start_recording(name)
    qtbot.waitUntil(lambda: tab.live_worker.stats.recorded >= samples, timeout=90_000)
    with qtbot.waitSignal(tab.recording_finished, timeout=30_000) as done:
        tab.stop_recording()
    return done.args[0], done.args[1]


def test_a_recorded_session_exports_a_png_and_a_csv_matching_the_database(  # noqa: ANN001
        qtbot, tab, db, tmp_path) -> None:
    store_calibration(db, tab)
    session_id, written = record_session(qtbot, tab, "reading test")
    handed = tab.live_worker.stats.recorded
    rows = db.session_samples(session_id)
    assert written == len(rows) == handed  # no lost samples between the tracker and the database
    session = db.session(session_id)
    assert session["name"] == "reading test" and session["sample_count"] == len(rows)
    assert session["screenshot_png"], "a screenshot of the tracked screen is taken at the start"
    assert session["ended_at"] == pytest.approx(rows[-1][0])

    browser = tab.sessions
    assert browser.selected_id() == session_id
    png, out_csv = tmp_path / "heat.png", tmp_path / "samples.csv"
    with qtbot.waitSignal(browser.export_finished, timeout=60_000):
        browser.export(session_id, png=str(png), csv=str(out_csv))
    image = cv2.imread(str(png))
    shot = cv2.imdecode(__import__("numpy").frombuffer(session["screenshot_png"], "uint8"), cv2.IMREAD_COLOR)
    assert image is not None and image.shape[1] > shot.shape[1] and image.shape[0] > shot.shape[0]
    with out_csv.open(newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == ["timestamp", "x", "y", "fixation_id", "confidence", "sx", "sy", "st"]
    assert len(table) - 1 == len(rows)
    for line, row in zip(table[1:], rows):
        assert float(line[0]) == pytest.approx(row[0], abs=1e-3)
        assert float(line[1]) == pytest.approx(row[1], abs=0.06)
        assert float(line[2]) == pytest.approx(row[2], abs=0.06)
        assert float(line[4]) == pytest.approx(row[3], abs=1e-3)
    assert not list(tmp_path.glob("*.part")), "atomic writes leave no temporary files"


def test_sessions_browser_renames_replays_and_deletes_only_after_confirmation(  # noqa: ANN001
        qtbot, tab, db, monkeypatch) -> None:
    store_calibration(db, tab)
    session_id, _ = record_session(qtbot, tab, "first", samples=8)
    browser = tab.sessions
    if browser.loaded is None or browser.loaded.session["id"] != session_id:
        with qtbot.waitSignal(browser.session_loaded, timeout=30_000):
            browser.select(session_id)
    assert "samples" in browser.info.text()
    browser.slider.setValue(0)
    early = browser.replay.t
    browser.slider.setValue(browser.slider.maximum())
    assert browser.replay.t >= early
    with qtbot.waitSignal(browser.session_loaded, timeout=30_000):
        assert browser.rename(session_id, "renamed")
    assert db.session(session_id)["name"] == "renamed"
    assert not browser.rename(session_id, "   ")  # a blank name is refused, not stored
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    browser._on_delete_clicked()
    assert db.session(session_id) is not None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    browser._on_delete_clicked()
    assert db.session(session_id) is None and browser.list.count() == 0
