"""The Waste tab's Teach page: a project created, photos added, taught in a worker (the GUI stays free),
its leave-one-out confusion shown, and deleted with its photos."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("onnx")

from test_teach import _class_folder, bundled  # noqa: E402,F401 - the tiny base model fixture


def test_teach_page_creates_teaches_and_deletes_a_project(qtbot, tmp_path: Path, db, bundled) -> None:  # noqa: ANN001, F811
    from alyesdesk.ui.context import AppContext
    from alyesdesk.ui.waste.tab import WasteTab

    folder = _class_folder(tmp_path / "photos", per_class=3)
    ctx = AppContext(db)
    tab = WasteTab(ctx)
    qtbot.addWidget(tab)
    panel = tab.projects
    assert tab.pages.tabText(2) == "Teach" and tab.pages.tabText(1) == "Camera"
    with qtbot.waitSignal(panel.projects_changed, timeout=10_000):
        panel.create_project("Colours", ["red_thing", "green_thing", "blue_thing"])
    assert panel.current["name"] == "Colours"
    for label in ("red_thing", "green_thing", "blue_thing"):
        with qtbot.waitSignal(panel.projects_changed, timeout=10_000):
            panel.add_paths([str(folder / label)], label)
    assert panel.current["counts"] == {"red_thing": 3, "green_thing": 3, "blue_thing": 3}
    with qtbot.waitSignal(panel.taught, timeout=30_000) as taught:
        panel.teach()
        assert panel.result_label.text() == "Teaching…"  # the fit runs in a worker
    assert taught.args[0].evaluation.accuracy == 1.0
    assert panel.confusion.rowCount() == 3 and panel.confusion.item(0, 0).text() == "3"
    assert "100%" in panel.result_label.text()
    with qtbot.waitSignal(panel.projects_changed, timeout=10_000):
        panel.delete_current()
    assert panel.current is None and db.count_project_photos() == 0
    tab.shutdown()
