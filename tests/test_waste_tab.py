"""The Waste tab: drag and drop through QMimeData, results in the grid, corrections and dataset export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication

from alyesdesk.inference import catalog
from alyesdesk.training.common import find_class_folders
from alyesdesk.ui.context import AppContext
from alyesdesk.ui.waste.tab import WasteTab
from waste_testkit import BLUE, GREEN, RED, solid, tiny_classifier


@pytest.fixture
def tiny_active(isolated_home: Path) -> catalog.ModelInfo:
    from alyesdesk import paths

    tiny_classifier(paths.user_models_dir(), stem="tiny_waste")
    info = next(m for m in catalog.models_for("classify") if m.spec.name == "tiny_waste")
    catalog.set_active("classify", info)
    return info


@pytest.fixture
def tab(qtbot, db, tiny_active) -> WasteTab:  # noqa: ANN001
    widget = WasteTab(AppContext(db))
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    yield widget
    widget.shutdown()


def _drop(widget, mime: QMimeData) -> QDropEvent:  # noqa: ANN001
    pos = QPoint(10, 10)
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return drop


def test_dropping_files_and_folders_classifies_them(qtbot, tab: WasteTab, tmp_path: Path) -> None:  # noqa: ANN001
    solid(tmp_path / "box.jpg", RED)
    solid(tmp_path / "more" / "bottle.png", GREEN)
    solid(tmp_path / "more" / "deeper" / "can.png", BLUE)
    (tmp_path / "more" / "junk.png").write_bytes(b"")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "box.jpg")), QUrl.fromLocalFile(str(tmp_path / "more"))])
    with qtbot.waitSignal(tab.batch_finished, timeout=20_000) as blocker:
        drop = _drop(tab.drop_zone, mime)
    assert drop.isAccepted()
    assert blocker.args == [4]
    results = {r.path.name: r for r in tab.results()}
    assert results["box.jpg"].prediction.label == "cardboard"
    assert results["bottle.png"].bin.container == "Conteneur à verre"
    assert results["can.png"].prediction.label == "metal"
    assert results["junk.png"].status == "error" and "empty" in results["junk.png"].error
    assert all(r.result_id for n, r in results.items() if n != "junk.png")
    assert "3 classified, 1 could not be read" in tab.status.text()


def test_drop_zone_refuses_what_it_cannot_use(tab: WasteTab) -> None:
    mime = QMimeData()
    mime.setText("just some words")
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(tab.drop_zone, enter)
    assert not enter.isAccepted()


def test_pasted_image_data_is_saved_and_classified(qtbot, tab: WasteTab) -> None:  # noqa: ANN001
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.blue)
    QApplication.clipboard().setImage(image)
    with qtbot.waitSignal(tab.batch_finished, timeout=20_000):
        tab.paste()
    (result,) = tab.results()
    assert result.ok and result.prediction.label == "metal"
    assert result.path.is_file() and result.path.parent.name == "pasted"


def test_region_change_updates_bin_advice(qtbot, tab: WasteTab, tmp_path: Path) -> None:  # noqa: ANN001
    with qtbot.waitSignal(tab.batch_finished, timeout=20_000):
        tab.add_paths([str(solid(tmp_path / "bottle.png", GREEN))])
    tab.region.setCurrentIndex(tab.region.findData("fr-paris"))
    assert tab.results()[0].bin.container == "Bac blanc (verre)"
    assert tab.ctx.settings.waste_region == "fr-paris"


def test_correction_round_trip_and_dataset_export(qtbot, tab: WasteTab, db, tmp_path: Path) -> None:  # noqa: ANN001
    with qtbot.waitSignal(tab.batch_finished, timeout=20_000):
        tab.add_paths([str(solid(tmp_path / "in" / "a.png", RED)), str(solid(tmp_path / "in" / "b.png", BLUE))])
    tab.view.select_row(0)
    result = tab.view.model.result(0)
    assert result.prediction.label == "cardboard"
    tab.detail.correction.setCurrentIndex(tab.detail.correction.findData("textiles"))
    with qtbot.waitSignal(tab.correction_saved, timeout=10_000) as blocker:
        tab.detail.correct_button.click()
    assert blocker.args == [result.result_id]
    assert tab.view.model.correction(0) == "textiles"
    assert "Borne textile" in tab.detail.bin_box.text()  # advice follows the corrected label
    rows = db.corrections()
    assert [(r["label"], r["correction"]) for r in rows] == [("cardboard", "textiles")]
    stored = db.result(result.result_id)
    assert stored["label"] == "cardboard" and stored["correction"] == "textiles"

    out = tmp_path / "dataset"
    with qtbot.waitSignal(tab.export_finished, timeout=10_000) as blocker:
        tab.export_corrections(str(out))
    report = blocker.args[0]
    assert report.per_label == {"textiles": 1} and not report.skipped
    exported = list((out / "textiles").iterdir())
    assert len(exported) == 1 and exported[0].read_bytes() == (tmp_path / "in" / "a.png").read_bytes()
    manifest = (out / "corrections.csv").read_text(encoding="utf-8")
    assert "cardboard,textiles" in manifest
    # The export is directly usable as training data (class-per-folder).
    assert {k: len(v) for k, v in find_class_folders([out]).items()} == {"textiles": 1}


def test_export_skips_files_changed_since(qtbot, tab: WasteTab, db, tmp_path: Path) -> None:  # noqa: ANN001
    photo = solid(tmp_path / "c.png", GREEN)
    with qtbot.waitSignal(tab.batch_finished, timeout=20_000):
        tab.add_paths([str(photo)])
    with qtbot.waitSignal(tab.correction_saved, timeout=10_000):
        tab.correct(0, "plastic")
    solid(photo, RED)  # the user edited the photo afterwards
    with qtbot.waitSignal(tab.export_finished, timeout=10_000) as blocker:
        tab.export_corrections(str(tmp_path / "ds"))
    report = blocker.args[0]
    # The photo was kept (encrypted, in the database) when it was corrected: the export writes that one,
    # the green photo the user corrected, not the edited file.
    import cv2

    assert len(report.written) == 1 and not report.skipped
    assert tuple(cv2.imread(str(report.written[0]))[0, 0]) == GREEN


def test_without_database_results_show_but_are_not_stored(qtbot, tiny_active, tmp_path: Path) -> None:  # noqa: ANN001
    tab = WasteTab(AppContext(None))
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.batch_finished, timeout=20_000):
        tab.add_paths([str(solid(tmp_path / "x.png", RED))])
    assert tab.results()[0].ok and tab.results()[0].result_id is None
    assert "not stored" in tab.status.text()
    tab.shutdown()


def test_bins_editor_saves_a_validated_user_copy(qtbot, tab: WasteTab) -> None:  # noqa: ANN001
    from alyesdesk.inference.waste import bins as waste_bins
    from alyesdesk.ui.waste.bins_dialog import BinsDialog

    dialog = BinsDialog(tab.nomenclature, ["glass", "metal"], tab)
    qtbot.addWidget(dialog)
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "glass")
    dialog.table.item(row, 1).setText("Bac vert du quartier")
    dialog.table.item(row, 2).setText("not-a-colour")
    dialog._on_save()
    assert dialog.saved is None and "color" in dialog.error.text()  # refused, says which field
    dialog.table.item(row, 2).setText("#118833")
    dialog._on_save()
    assert dialog.saved is not None
    assert (waste_bins.user_dir() / "fr-national.json").is_file()
    assert waste_bins.resolve("fr-national").advice("glass").container == "Bac vert du quartier"
