"""The Waste tab at batch scale: list view, sort, filter, per-bin totals, CSV export, remove, undo, confirm."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from alyesdesk.inference import catalog
from alyesdesk.inference.classifier import Prediction
from alyesdesk.inference.waste.classify import FileResult
from alyesdesk.ui.context import AppContext
from alyesdesk.ui.waste.results_filter import FILTER_ALL, FILTER_BIN, FILTER_MATERIAL, FILTER_STATUS
from alyesdesk.ui.waste.results_model import COL_CONFIDENCE, COL_MATERIAL, COL_PHOTO
from alyesdesk.ui.waste.results_view import LIST, ResultsView
from alyesdesk.ui.waste.tab import WasteTab
from waste_testkit import BLUE, GREEN, RED, solid, tiny_classifier


class _Bin:
    def __init__(self, container: str, color: str) -> None:
        self.container, self.color, self.region, self.advice = container, color, "test", ""


YELLOW, GLASS = _Bin("Yellow bin", "#ffd400"), _Bin("Glass bank", "#2e8b57")
BINS = {"plastic": YELLOW, "metal": YELLOW, "glass": GLASS}


def _result(name: str, label: str | None, confidence: float = 0.9, sure: bool = True, waste: bool = True) -> FileResult:
    if label is None:
        return FileResult(path=Path("/photos") / name, status="error", error="empty file")
    p = Prediction(label, confidence, ((label, confidence),), {label: confidence}, sure, in_domain=waste)
    return FileResult(path=Path("/photos") / name, prediction=p, sha256=name * 4,
                      bin=BINS.get(label) if waste else None)


def _batch() -> list[FileResult]:
    return [_result("a.jpg", "plastic", 0.95), _result("b.jpg", "glass", 0.40, sure=False),
            _result("c.jpg", "metal", 0.80), _result("d.jpg", "wood", 0.70, waste=False),
            _result("e.jpg", None), _result("f.jpg", "plastic", 0.60)]


@pytest.fixture
def view(qtbot) -> ResultsView:  # noqa: ANN001
    widget = ResultsView(AppContext(None))
    qtbot.addWidget(widget)
    for r in _batch():
        widget.add_result(r)
    yield widget
    widget.stop()


def _shown(view: ResultsView) -> list[str]:
    return [view.model.result(view.proxy.source_row(r)).path.name for r in range(view.proxy.rowCount())]


def test_sort_by_confidence_material_and_back_to_arrival_order(view: ResultsView) -> None:
    view.sort_by(COL_CONFIDENCE, Qt.SortOrder.AscendingOrder)
    assert _shown(view) == ["e.jpg", "b.jpg", "f.jpg", "d.jpg", "c.jpg", "a.jpg"]  # errors (no confidence) first
    assert view.sort_combo.currentText() == "Confidence, lowest first"
    view.sort_by(COL_CONFIDENCE, Qt.SortOrder.DescendingOrder)
    assert _shown(view)[0] == "a.jpg"
    view.sort_by(COL_MATERIAL)
    assert _shown(view)[1:] == ["b.jpg", "c.jpg", "a.jpg", "f.jpg", "d.jpg"]  # "", glass, metal, plastic x2, not waste "—"
    view.sort_by(COL_PHOTO)
    assert _shown(view) == ["a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg", "f.jpg"]


def test_filters_by_material_bin_and_status(view: ResultsView) -> None:
    view.set_filter(FILTER_MATERIAL, "plastic")
    assert _shown(view) == ["a.jpg", "f.jpg"] and view.count_label.text() == "2 of 6"
    view.set_filter(FILTER_BIN, "Yellow bin")
    assert _shown(view) == ["a.jpg", "c.jpg", "f.jpg"]
    view.set_filter(FILTER_STATUS, "not_sure")
    assert _shown(view) == ["b.jpg"]
    view.set_filter(FILTER_STATUS, "not_waste")
    assert _shown(view) == ["d.jpg"]
    view.set_filter(FILTER_STATUS, "error")
    assert _shown(view) == ["e.jpg"]
    view.refresh_summary()  # the choices are otherwise recounted shortly after the rows change
    assert view.filter_combo.currentText() == "Errors"
    # the combo offers what the batch holds: materials and bins included
    texts = [view.filter_combo.itemText(i) for i in range(view.filter_combo.count())]
    assert {"Material: plastic", "Material: glass", "Material: metal"} <= set(texts)
    assert "Bin: Yellow bin" in texts and "Bin: Glass bank" in texts
    view.set_filter(FILTER_ALL)
    assert len(_shown(view)) == 6 and view.count_label.text() == "6 photo(s)"


def test_per_bin_totals_follow_corrections_and_removals(qtbot, view: ResultsView) -> None:  # noqa: ANN001
    assert view.bin_totals() == {"Yellow bin": 3, "Glass bank": 1, "": 2}  # not waste and the error: no bin
    qtbot.waitUntil(lambda: "<b>3</b>" in view.totals.text())  # recounted shortly after the rows arrived
    assert "Yellow bin" in view.totals.text() and "no bin: <b>2</b>" in view.totals.text()
    row = view.model.row_of(view.model.results()[3])  # the "not waste" photo, corrected into glass
    view.correct(row, "glass", BINS.get, lambda _result, _label: None)
    assert view.bin_totals() == {"Yellow bin": 3, "Glass bank": 2, "": 1}
    view.select_row(0)
    view.remove_current()
    assert view.bin_totals() == {"Yellow bin": 2, "Glass bank": 2, "": 1}
    qtbot.waitUntil(lambda: "no bin: <b>1</b>" in view.totals.text())


def test_remove_and_undo_with_ctrl_z_and_redo(qtbot, view: ResultsView) -> None:  # noqa: ANN001
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)  # shortcuts reach the active window only
    view.select_row(2)
    QTest.keyClick(view.grid, Qt.Key.Key_Delete)
    assert [r.path.name for r in view.model.results()] == ["a.jpg", "b.jpg", "d.jpg", "e.jpg", "f.jpg"]
    assert view.current_row() == 2  # the next photo, so several can be removed in a row
    stored: list = []
    view.correct(0, "metal", BINS.get, lambda result, label: stored.append((result.path.name, label)))
    assert view.model.correction(0) == "metal"
    QTest.keyClick(view.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the correction, in the database too
    assert view.model.correction(0) is None and stored == [("a.jpg", "metal"), ("a.jpg", None)]
    view.undo_stack.undo()  # the removal
    assert [r.path.name for r in view.model.results()] == ["a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg", "f.jpg"]
    view.undo_stack.redo()
    assert view.model.rowCount() == 5


def test_csv_export_has_absolute_paths_bins_and_labels(qtbot, view: ResultsView, tmp_path: Path) -> None:  # noqa: ANN001
    view.correct(1, "plastic", BINS.get, lambda _r, _l: None)  # b.jpg corrected
    view.correct(2, "metal", BINS.get, lambda _r, _l: None)  # c.jpg confirmed
    view.sort_by(COL_CONFIDENCE, Qt.SortOrder.DescendingOrder)
    view.set_filter(FILTER_MATERIAL, "metal")  # the export is the whole batch, whatever is shown
    with qtbot.waitSignal(view.csv_exported, timeout=10_000) as blocker:
        view.export_csv(str(tmp_path / "out.csv"))
    assert Path(blocker.args[0]).is_absolute()
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as handle:
        rows = {Path(r["path"]).name: r for r in csv.DictReader(handle)}
    assert len(rows) == 6 and all(Path(r["path"]).is_absolute() for r in rows.values())
    assert rows["a.jpg"]["material"] == "plastic" and rows["a.jpg"]["confidence"] == "0.9500"
    assert rows["a.jpg"]["bin"] == "Yellow bin" and rows["a.jpg"]["looks_like_waste"] == "true"
    assert rows["b.jpg"]["material"] == "glass" and rows["b.jpg"]["corrected_label"] == "plastic"
    assert rows["b.jpg"]["bin"] == "Yellow bin" and rows["b.jpg"]["final_label"] == "plastic"
    assert rows["c.jpg"]["corrected_label"] == "metal"  # confirmed: the person's label equals the model's
    assert rows["d.jpg"]["looks_like_waste"] == "false" and rows["d.jpg"]["bin"] == ""
    assert rows["e.jpg"]["status"] == "error" and rows["e.jpg"]["error"] == "empty file"


def test_export_button_follows_the_shared_export_pattern(qtbot, view: ResultsView, tmp_path: Path,  # noqa: ANN001
                                                         monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from alyesdesk.ui import file_dialogs

    folder = tmp_path / "exports"
    folder.mkdir()
    file_dialogs.remember_folder("export", folder / "earlier.csv")
    offered: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda _p, _t, suggested, _f: (offered.append(suggested), (str(folder / "batch.csv"), ""))[1]))
    notes: list = []
    view.ctx.notification_added.connect(notes.append)
    with qtbot.waitSignal(view.csv_exported, timeout=10_000):
        view.export_button.click()
    assert offered == [str(folder / "waste-results.csv")]  # a full path in the folder last exported to
    (note,) = [n for n in notes if n.severity == "info"]
    assert note.message == f"Exported to {folder / 'batch.csv'} (6 result(s))"
    assert [label for label, _ in note.actions] == ["Show in folder"]
    assert (folder / "batch.csv").is_file()
    # A failed write says so once, as every export does.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(folder), "")))  # a folder
    view.export_button.click()
    qtbot.waitUntil(lambda: any(n.severity == "error" for n in notes), timeout=10_000)
    assert [n.message for n in notes if n.severity == "error"][0].startswith("Export failed: ")


def test_list_view_shows_the_same_rows_and_selection(qtbot, view: ResultsView) -> None:  # noqa: ANN001
    view.set_view(LIST)
    assert view.stack.currentWidget() is view.table and view.list_button.isChecked()
    view.set_filter(FILTER_STATUS, "not_sure")
    assert view.table.model().rowCount() == 1
    view.set_filter(FILTER_ALL)
    view.select_row(3)
    assert view.table.currentIndex().row() == view.proxy.proxy_row(3)  # one selection for both views
    assert view.model.index(3, 4).data() == "not waste"
    view.table.grab()


# --- in the tab, with the database ---------------------------------------------------------------------
@pytest.fixture
def tab(qtbot, db, isolated_home: Path) -> WasteTab:  # noqa: ANN001
    from alyesdesk import paths

    tiny_classifier(paths.user_models_dir(), stem="tiny_waste")
    catalog.set_active("classify", next(m for m in catalog.models_for("classify") if m.spec.name == "tiny_waste"))
    widget = WasteTab(AppContext(db))
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    yield widget
    widget.shutdown()


def test_dropped_photo_is_confirmed_with_its_photo_and_undone(qtbot, tab: WasteTab, db, tmp_path: Path) -> None:  # noqa: ANN001
    with qtbot.waitSignal(tab.batch_finished, timeout=20_000):
        tab.add_paths([str(solid(tmp_path / "a.png", RED)), str(solid(tmp_path / "b.png", BLUE))])
    tab.view.select_row(0)
    result = tab.view.model.result(0)
    assert tab.detail.correction.currentData() == result.prediction.label == "cardboard"  # pre-selected
    assert tab.detail.correct_button.text() == "Confirm"
    with qtbot.waitSignal(tab.correction_saved, timeout=10_000):
        tab.detail.correct_button.click()
    stored = db.result(result.result_id)
    assert stored["correction"] == "cardboard" and db.training_image(result.result_id) is not None
    assert tab.view.model.index(0, 4).data() == "confirmed"
    tab.detail.correction.setCurrentIndex(tab.detail.correction.findData("metal"))
    assert tab.detail.correct_button.text() == "Save correction"
    with qtbot.waitSignal(tab.correction_saved, timeout=10_000):
        tab.view.undo_stack.undo()  # Ctrl+Z: the confirmation is undone in the database too
    assert db.result(result.result_id)["correction"] is None
    assert tab.view.model.correction(0) is None


def test_duplicates_show_the_thumbnail_of_their_first_copy(qtbot, tab: WasteTab, tmp_path: Path) -> None:  # noqa: ANN001
    first = solid(tmp_path / "one.png", GREEN)
    (tmp_path / "two.png").write_bytes(first.read_bytes())
    with qtbot.waitSignal(tab.batch_finished, timeout=20_000):
        tab.add_paths([str(first), str(tmp_path / "two.png")])
    rows = tab.view.model.rows()
    assert rows[1].result.duplicate_of and all(r.pixmap is not None and not r.pixmap.isNull() for r in rows)
    assert "(duplicate)" in tab.view.model.index(1, 4).data()
