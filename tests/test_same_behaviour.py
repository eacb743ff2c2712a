"""Same action, same behaviour, in every tab that takes files (issue 22, item 2).

- Clicking the drop zone opens the file chooser.
- A bad file (truncated JPEG, random bytes, wrong type, a header declaring a huge image) is reported once,
  inline (the tab's `FileProblems` strip), with its name once; no modal dialog, no error notification.
- Exports go through one helper: a suggested full path, "Exported to <path>".
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

import cv2
import numpy as np
import pytest

pytest.importorskip("onnx")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel, QWidget  # noqa: E402

from documents_samples import huge_png_header  # noqa: E402

from alyesdesk import paths  # noqa: E402
from alyesdesk.inference import catalog  # noqa: E402
from alyesdesk.ui.context import AppContext  # noqa: E402
from alyesdesk.ui.widgets.drop_zone import DropZone  # noqa: E402
from alyesdesk.ui.widgets.file_problems import FileProblems, problem_reason, problem_text  # noqa: E402


def _waste(ctx: AppContext) -> QWidget:
    from waste_testkit import tiny_classifier

    from alyesdesk.ui.waste.tab import WasteTab

    tiny_classifier(paths.user_models_dir(), stem="tiny_waste")
    catalog.set_active("classify", next(m for m in catalog.models_for("classify") if m.spec.name == "tiny_waste"))
    return WasteTab(ctx)


def _documents(ctx: AppContext) -> QWidget:
    from alyesdesk.training.signatures.tiny import write_tiny_detector
    from alyesdesk.ui.documents.tab import DocumentsTab

    onnx_path = write_tiny_detector(paths.user_models_dir(), "tiny_signatures")
    catalog.set_active("detect", next(m for m in catalog.models_for("detect") if m.onnx_path == onnx_path))
    return DocumentsTab(ctx)


def _streets(ctx: AppContext) -> QWidget:
    from alyesdesk.training.streets.tiny import write_tiny_segmenter
    from alyesdesk.ui.streets.tab import StreetsTab

    write_tiny_segmenter(paths.user_models_dir(), stem="tiny_streets")
    catalog.set_active("segment", next(m for m in catalog.models_for("segment") if m.spec.name == "tiny_street_test"))
    return StreetsTab(ctx)


TABS: dict[str, Callable[[AppContext], QWidget]] = {"waste": _waste, "documents": _documents, "streets": _streets}
OPEN_METHOD = {"waste": "add_paths", "documents": "check_paths", "streets": "open_paths"}


@pytest.fixture(params=sorted(TABS))
def tab(request, qtbot, db) -> Any:  # noqa: ANN001
    widget = TABS[request.param](AppContext(db))
    widget.key = request.param
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    yield widget
    widget.shutdown()


def _bad_files(folder: Path) -> list[Path]:
    folder.mkdir()
    ok, jpeg = cv2.imencode(".jpg", np.full((120, 160, 3), 90, np.uint8))
    truncated = folder / "truncated.jpg"
    truncated.write_bytes(jpeg.tobytes()[: len(jpeg) // 3])
    noise = folder / "noise.png"
    noise.write_bytes(os.urandom(4096))
    text = folder / "notes.txt"
    text.write_text("not a picture", encoding="utf-8")
    return [truncated, noise, text, huge_png_header(folder / "huge.png")]


def _idle(tab) -> bool:  # noqa: ANN001
    if tab.key == "waste":
        return tab.batches._handle is None
    if tab.key == "documents":
        return not tab.is_busy()
    return tab._segmenting is None


def test_clicking_the_drop_zone_opens_the_file_chooser(qtbot, tab, monkeypatch) -> None:  # noqa: ANN001
    asked: list[str] = []

    def fake_open(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        asked.append(args[1] if len(args) > 1 else "")
        return [], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake_open))
    zones = tab.findChildren(DropZone)
    assert len(zones) == 1, f"{tab.key}: one drop zone"
    tab.show()
    qtbot.waitExposed(tab)
    qtbot.mouseClick(zones[0], Qt.MouseButton.LeftButton)
    assert len(asked) == 1, f"{tab.key}: clicking the drop zone opened no file chooser"


def test_bad_files_are_reported_inline_once_with_their_name_once(qtbot, tab, tmp_path) -> None:  # noqa: ANN001
    bad = _bad_files(tmp_path / "bad")
    notes: list[tuple[str, str]] = []
    tab.ctx.notified.connect(lambda text, level: notes.append((text, level)))
    tab.ctx.store_failed.connect(lambda what, reason: notes.append((f"{what}: {reason}", "not stored")))
    problems = tab.findChild(FileProblems)
    assert problems is not None and problems.isHidden()
    tab.show()
    getattr(tab, OPEN_METHOD[tab.key])([str(p) for p in bad])
    qtbot.waitUntil(lambda: len(problems.lines) == len(bad), timeout=30_000)
    qtbot.waitUntil(lambda: _idle(tab), timeout=10_000)
    assert problems.isVisible()
    for path in bad:
        lines = [line for line in problems.lines if path.name in line]
        assert len(lines) == 1 and lines[0].count(path.name) == 1, (tab.key, lines)
        assert lines[0].startswith(f"{path.name}: ")
        # nothing else repeats it: no label shows a name twice, no warning or error names the file
        for label in tab.findChildren(QLabel):
            assert label.text().count(path.name) <= 1, (tab.key, label.text())
        # ... and neither a warning, an error nor the "not stored" banner names the file again
        assert not [n for n in notes if path.name in n[0] and n[1] != "info"], (tab.key, notes)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    # a new batch starts a new list
    problems.clear()
    assert problems.isHidden() and problems.lines == []


def test_problem_text_names_the_file_once() -> None:
    assert problem_text("/x/truncated.jpg", "truncated.jpg: truncated.jpg: corrupt") == "truncated.jpg: corrupt"
    assert problem_text("/x/a.png", "/x/a.png: missing") == "a.png: missing"
    assert problem_reason("/x/a.png", "a.png:") == "the file could not be read"


def test_exports_share_one_dialog_and_one_message(qtbot, db, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from alyesdesk.ui.widgets import exporting

    ctx = AppContext(db)
    parent = QWidget()
    qtbot.addWidget(parent)
    offered: list[str] = []

    def fake_save(_parent, _title, suggested, _filters):  # noqa: ANN001, ANN202
        offered.append(suggested)
        return str(tmp_path / "out" / "report.csv"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    (tmp_path / "out").mkdir()
    assert exporting.ask_save_path(parent, "Export", "report.csv", "CSV (*.csv)") == str(tmp_path / "out" / "report.csv")
    assert Path(offered[0]).is_absolute() and Path(offered[0]).name == "report.csv"
    exporting.ask_save_path(parent, "Export", "next.csv", "CSV (*.csv)")
    assert Path(offered[1]) == tmp_path / "out" / "next.csv"  # the folder used last is offered next
    label = QLabel()
    with qtbot.waitSignal(ctx.notified) as note:
        exporting.report_exported(ctx, tmp_path / "out" / "report.csv", label)
    assert note.args == [f"Exported to {tmp_path / 'out' / 'report.csv'}", "info"] and label.text() == note.args[0]
