"""State that is true (issue 22, item 6): what a label or field says matches what is happening.

The Streets Input field (playing / paused / stopped) is checked with real playback in
tests/test_streets_viewer.py (test_timeline_pause_seek_play_and_area_plot,
test_input_field_names_the_webcam_then_images); its wording is checked here.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication

from alyesdesk.ui.context import AppContext


def test_after_stop_tracking_the_gaze_status_says_stopped(qtbot, db) -> None:  # noqa: ANN001
    from gaze_testkit import store_calibration

    from alyesdesk.ui.gaze.tab import GazeTab
    from alyesdesk.ui.gaze.worker import SourceChoice

    tab = GazeTab(AppContext(db))
    qtbot.addWidget(tab)
    try:
        store_calibration(db, tab)
        status = tab.controls.status_label
        with qtbot.waitSignal(tab.tracking_started, timeout=30_000):
            tab.start_tracking(SourceChoice("simulated", realtime=False))
        qtbot.waitUntil(lambda: status.text() == "Tracking", timeout=30_000)  # calibrated frames shown
        tab.controls.start_button.setChecked(False)  # the user's Stop tracking
        QCoreApplication.processEvents()  # anything the stopped worker had queued arrives now
        assert status.text() == "Tracking stopped" and not tab.tracking
        # stopped before the camera even reported its start: the late report does not revive the status
        tab.start_tracking(SourceChoice("simulated", realtime=False))
        tab.stop_tracking()
        for _ in range(5):
            QCoreApplication.processEvents()
        assert status.text() == "Tracking stopped"
    finally:
        tab.shutdown()


def test_streets_input_field_says_whether_the_video_plays() -> None:
    from alyesdesk.ui.streets.display import source_label

    assert source_label("drive.mp4", live=True, paused=False) == "drive.mp4 · playing"
    assert source_label("drive.mp4", live=True, paused=True) == "drive.mp4 · paused"
    assert source_label("drive.mp4", live=False, paused=True) == "drive.mp4 · stopped"


def test_documents_fit_each_new_page_but_keep_the_zoom_on_a_redraw(qtbot) -> None:  # noqa: ANN001
    from alyesdesk.ui.documents.viewer import PageViewer

    viewer = PageViewer()
    qtbot.addWidget(viewer)
    viewer.resize(900, 600)
    page = np.full((800, 600, 3), 255, np.uint8)
    viewer.show_page(0, 3, page, page, "", fit=True)
    viewer.zoom_in.click()
    assert not viewer.original.fit and not viewer.boxed.fit
    viewer.show_page(0, 3, page, page, "")  # the same page redrawn (after a review): the zoom stays
    assert not viewer.original.fit
    viewer.show_page(1, 3, page, page, "")  # Next: a new page is fitted whatever the zoom was
    assert viewer.original.fit and viewer.boxed.fit


def test_app_lock_offers_no_removal_without_a_keyring(qtbot, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QDialogButtonBox

    from alyesdesk.storage import open_database
    from alyesdesk.ui.dialogs import app_lock

    db = open_database(passphrase="a shared computer pass")  # locked: the key is the passphrase
    try:
        monkeypatch.setattr(app_lock, "keyring_usable", lambda: True)
        with_keyring = app_lock.AppLockDialog(db)
        qtbot.addWidget(with_keyring)
        assert with_keyring.can_remove
        assert with_keyring.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Remove lock"

        monkeypatch.setattr(app_lock, "keyring_usable", lambda: False)  # headless Linux: the fail backend
        without = app_lock.AppLockDialog(db)
        qtbot.addWidget(without)
        assert not without.can_remove
        assert without.buttons.button(QDialogButtonBox.StandardButton.Ok) is None  # nothing that would fail
        assert without.buttons.button(QDialogButtonBox.StandardButton.Close) is not None
        assert "no system password store" in without.findChildren(type(without.error))[0].text()
    finally:
        db.close()


def test_a_status_line_does_not_follow_the_user_to_another_tab(window) -> None:  # noqa: ANN001
    """"Checking contract.pdf…" belongs to Documents: shown over Streets it would read as Streets' news."""
    window.tabs.setCurrentWidget(window.tab_widgets["documents"])
    window.statusBar().showMessage("Checking contract.pdf…")
    window.tabs.setCurrentWidget(window.tab_widgets["streets"])
    assert window.statusBar().currentMessage() == ""
