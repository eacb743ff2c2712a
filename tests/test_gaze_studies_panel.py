"""The Studies panel of the Gaze tab: drawing AOIs, stimuli, labels of a recording, metrics table and CSV."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from alyesdesk.inference.gaze.aoi import AOI, load_aois
from alyesdesk.ui.context import AppContext
from alyesdesk.ui.gaze.studies import StudiesPanel
from alyesdesk.ui.gaze.tab import GazeTab
from alyesdesk.ui.gaze.worker import SourceChoice

from gaze_testkit import store_calibration

DT = 0.125


@pytest.fixture
def panel(qtbot, db):  # noqa: ANN001, ANN201
    from alyesdesk.inference.gaze.screen import ScreenGeometry

    widget = StudiesPanel(AppContext(db), lambda: None, lambda: ScreenGeometry())
    widget.resize(900, 700)
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()


def _view_point(canvas, x: float, y: float) -> QPoint:  # noqa: ANN001
    return canvas.mapFromScene(x, y)


def test_rectangles_and_polygons_are_drawn_with_the_mouse_renamed_and_saved(qtbot, panel, tmp_path) -> None:  # noqa: ANN001
    panel.show()
    qtbot.waitExposed(panel)
    canvas = panel.canvas
    canvas.set_mode("rect")
    vp = canvas.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=_view_point(canvas, 100, 100))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=_view_point(canvas, 500, 400))
    (rect,) = canvas.aois()
    assert rect.kind == "rect" and rect.stimulus == "screen"
    x, y, w, h = rect.rect
    assert abs(x - 100) < 5 and abs(y - 100) < 5 and abs(w - 400) < 5 and abs(h - 300) < 5  # view px rounding
    canvas.set_mode("polygon")
    for px, py in ((1000, 100), (1400, 100), (1200, 500)):
        qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=_view_point(canvas, px, py))
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert [a.kind for a in canvas.aois()] == ["rect", "polygon"]
    assert panel.aoi_list.count() == 2
    item = panel.aoi_list.item(0)
    item.setText("headline")  # editing in the list renames the AOI
    assert canvas.names() == ["headline", "AOI 2"]
    panel.aoi_list.item(1).setText("headline")  # a duplicate name is refused
    assert canvas.names() == ["headline", "AOI 2"]
    path = tmp_path / "aois.json"
    assert panel.save_file(str(path))
    assert [a.name for a in load_aois(path)] == ["headline", "AOI 2"]
    canvas.clear_aois()
    assert panel.load_file(str(path)) and canvas.names() == ["headline", "AOI 2"]


def test_stimuli_keep_their_own_aois(qtbot, panel, tmp_path) -> None:  # noqa: ANN001
    import cv2

    image = tmp_path / "ad.png"
    cv2.imwrite(str(image), np.full((300, 400, 3), 200, np.uint8))
    panel.canvas.add_rect((0, 0, 50, 50), "on screen")
    stim = panel.add_stimulus_file(str(image))
    assert stim is not None and panel.canvas.stimulus == "ad.png" and panel.canvas.names() == []
    panel.canvas.add_polygon([(10, 10), (300, 10), (100, 200)], "on ad")
    assert {(a.stimulus, a.name) for a in panel.all_aois()} == {("screen", "on screen"), ("ad.png", "on ad")}
    panel.stimulus_combo.setCurrentIndex(0)
    assert panel.canvas.names() == ["on screen"]
    assert panel.add_stimulus_file(str(tmp_path / "missing.png")) is None


def test_metrics_table_chart_and_csv_from_stored_sessions(qtbot, panel, db, tmp_path) -> None:  # noqa: ANN001
    for n, (participant, where) in enumerate((("p1", (100.0, 100.0)), ("p2", (1000.0, 500.0)))):
        sid = db.create_session(f"s{n}", "screen", {}, None, None, participant=participant, study="pilot",
                                started_at=1000.0)
        db.add_samples(sid, [(1000.0 + DT * i, *where, 1.0, "ok") for i in range(8)])
    panel.set_all_aois([AOI("A", rect=(0, 0, 200, 200)), AOI("B", rect=(900, 400, 200, 200))])
    with qtbot.waitSignal(panel.metrics_ready, timeout=30_000):
        assert panel.compute(study="pilot")
    assert panel.table.rowCount() == 2
    assert [panel.table.item(r, 3).text() for r in range(2)] == ["50%", "50%"]
    assert panel.table.item(0, 6).text() == "0.50 ± 0.71"  # dwell: 1.0 s and 0 s
    assert panel.bars is not None
    out = tmp_path / "m.csv"
    assert panel.export_csv(str(out))
    rows = list(csv.DictReader(out.open()))
    assert [(r["participant"], r["aoi"], r["dwell_s"]) for r in rows] == [
        ("p1", "A", "1.0000"), ("p1", "B", "0.0000"), ("p2", "A", "0.0000"), ("p2", "B", "1.0000")]
    # Where in the stimulus the AOI was first fixated (no video here: no video time).
    assert [(r["first_fixation_sx"], r["first_fixation_sy"], r["first_fixation_st"]) for r in rows] == [
        ("100.0000", "100.0000", ""), ("", "", ""), ("", "", ""), ("1000.0000", "500.0000", "")]


def test_a_recording_from_the_tab_is_labelled_and_shows_the_stimulus(qtbot, db, tmp_path) -> None:  # noqa: ANN001
    import cv2

    tab = GazeTab(AppContext(db))
    qtbot.addWidget(tab)
    try:
        store_calibration(db, tab)
        image = tmp_path / "poster.png"
        cv2.imwrite(str(image), np.full((800, 600, 3), 90, np.uint8))
        tab.studies.add_stimulus_file(str(image))
        tab.studies.participant_edit.setText("P07")
        tab.studies.study_edit.setText("posters")
        with qtbot.waitSignal(tab.tracking_started, timeout=30_000):
            tab.start_tracking(SourceChoice("simulated", realtime=False))
        with qtbot.waitSignals([tab.recording_started, tab.studies.stimulus_shown], timeout=30_000):
            assert tab.start_recording("poster session")
        window = tab.studies.window
        assert window is not None and window.isVisible()
        qtbot.waitUntil(lambda: tab.live_worker.stats.recorded >= 5, timeout=60_000)
        # The sessions list then loads the new session: wait for it (a load cancelled by shutdown would
        # reach SessionsBrowser._on_session_loaded as None).
        with qtbot.waitSignal(tab.sessions.session_loaded, timeout=30_000):
            with qtbot.waitSignal(tab.recording_finished, timeout=30_000) as done:
                qtbot.keyClick(window, Qt.Key.Key_Escape)  # Escape on the stimulus stops the recording
        assert tab.studies.window is None
        record = db.session(done.args[0])
        assert (record["participant"], record["study"], record["stimulus"]) == ("P07", "posters", "poster.png")
        g = tab.current_geometry()
        scale = min(g.width_px / 600, g.height_px / 800)
        assert record["stimulus_geometry"]["rect"][2] == pytest.approx(600 * scale)
    finally:
        tab.shutdown()


def test_a_pdf_page_is_a_stimulus(qtbot, panel, tmp_path) -> None:  # noqa: ANN001
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    path = tmp_path / "doc.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    painter = QPainter(writer)
    painter.drawText(100, 100, "page one")
    writer.newPage()
    painter.drawText(100, 100, "page two")
    painter.end()
    stim = panel.add_stimulus_file(str(path), page=1)
    assert stim is not None and stim.name == "doc.pdf#page 2" and panel.canvas.stimulus == "doc.pdf#page 2"
    assert stim.image.height() > stim.image.width() > 100  # A5 portrait at 110 dpi
    assert panel.add_stimulus_file(str(path), page=5) is None  # no such page: a warning, nothing added
