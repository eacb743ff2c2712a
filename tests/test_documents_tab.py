"""Documents tab: checks run off the GUI thread, the list and viewer fill, results land in the database,
exports are written, cancel stops a batch. Uses the tiny test detector installed as the active model."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import cv2
import pytest
from PySide6.QtCore import Qt

pytest.importorskip("onnx")

from documents_samples import page, pdf_with_pages, write_png  # noqa: E402

from alyesdesk import paths  # noqa: E402
from alyesdesk.inference import catalog  # noqa: E402
from alyesdesk.training.signatures.tiny import write_tiny_detector  # noqa: E402
from alyesdesk.ui.context import AppContext  # noqa: E402
from alyesdesk.ui.documents.queue import VERDICT_COL  # noqa: E402
from alyesdesk.ui.documents.tab import DocumentsTab  # noqa: E402


@pytest.fixture
def tab(qtbot, db):  # noqa: ANN001, ANN201
    onnx_path = write_tiny_detector(paths.user_models_dir(), "tiny_signatures")
    info = next(m for m in catalog.models_for("detect") if m.onnx_path == onnx_path)
    catalog.set_active("detect", info)
    ctx = AppContext(db)
    widget = DocumentsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    yield widget
    widget.shutdown()


def _check(qtbot, tab: DocumentsTab, paths: list) -> list:  # noqa: ANN001
    """Start a check and wait for the tab (GUI thread) to take in its end: no race with a fast worker."""
    before = len(tab.docs)
    tab.check_paths([str(p) for p in paths])
    assert tab.is_busy() or tab._handle is not None
    qtbot.waitUntil(lambda: tab._handle is None, timeout=30_000)
    return tab.docs[before:]


def test_batch_fills_list_viewer_and_database(qtbot, tab: DocumentsTab, db, tmp_path: Path) -> None:
    signed = write_png(tmp_path / "a_signed.png", page(True))
    blank = write_png(tmp_path / "b_blank.png", page(False))
    broken = tmp_path / "c_broken.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    pdf = pdf_with_pages(tmp_path / "d_two.pdf", [page(False), page(True)])
    changed = []
    tab.ctx.results_changed.connect(changed.append)
    docs = _check(qtbot, tab, [signed, blank, broken, pdf])
    qtbot.waitUntil(lambda: tab.queue.row_count() == 4)
    assert [d.verdict for d in docs] == ["signed", "unsigned", None, "signed"]
    texts = [tab.queue.text(r, VERDICT_COL) for r in range(4)]
    assert texts == ["signed", "unsigned", "error", "signed"]
    assert len(docs[3].pages) == 2  # pages of the PDF
    assert "2 signed" in tab.queue.summary_label.text() and "1 unreadable" in tab.queue.summary_label.text()
    # Stored (except the unreadable one) and History told.
    assert sorted(r["input"].rsplit("/", 1)[-1] for r in db.history("documents")) == ["a_signed.png", "b_blank.png", "d_two.pdf"]
    assert changed == ["documents"]
    # The viewer shows the selected document with navigation between its pages.
    tab.queue.select_row(3)
    assert tab.viewer.page_label.text() == "Page 1 of 2"
    assert tab.viewer.next_button.isEnabled() and not tab.viewer.prev_button.isEnabled()
    tab.viewer.next_button.click()
    assert tab.viewer.page_label.text() == "Page 2 of 2"
    assert "this page: 1" in tab.viewer.info_label.text()
    assert not tab.viewer.boxed._item.pixmap().isNull()
    before = (tab.viewer.original.transform().m11(), tab.viewer.boxed.transform().m11())
    tab.viewer.zoom_in.click()
    after = (tab.viewer.original.transform().m11(), tab.viewer.boxed.transform().m11())
    assert after[0] > before[0] * 1.05 and after[1] > before[1] * 1.05, (before, after)  # both views zoom
    assert not tab.viewer.original.fit  # a manual zoom leaves fit-to-page


def test_exports(qtbot, tab: DocumentsTab, tmp_path: Path) -> None:
    pdf = pdf_with_pages(tmp_path / "two.pdf", [page(True), page(False)])
    _check(qtbot, tab, [pdf])
    tab.queue.select_row(0)
    tab.save_report(str(tmp_path / "r.json"), "json")
    tab.save_report(str(tmp_path / "r.csv"), "csv")
    data = json.loads((tmp_path / "r.json").read_text())
    assert data[0]["verdict"] == "signed" and len(data[0]["pages"]) == 2
    assert (tmp_path / "r.csv").read_text().startswith("file,status,error,page")
    tab.export_annotated(str(tmp_path / "out.pdf"), "pdf")
    assert (tmp_path / "out.pdf").read_bytes()[:5] == b"%PDF-"
    from alyesdesk.ui.documents.pdf_render import render_pdf

    assert len(list(render_pdf(tmp_path / "out.pdf"))) == 2
    tab.export_annotated(str(tmp_path / "out.png"), "png")
    pngs = sorted(tmp_path.glob("out_p*.png"))
    assert [p.name for p in pngs] == ["out_p1.png", "out_p2.png"]
    assert cv2.imread(str(pngs[0])).shape[:2] == (400, 283)


def test_expected_spinbox_drives_verdict(qtbot, tab: DocumentsTab, tmp_path: Path) -> None:
    doc = write_png(tmp_path / "one.png", page(True))
    tab.expected.setValue(2)
    docs = _check(qtbot, tab, [doc])
    assert docs[0].expected == 2 and docs[0].verdict == "unsigned"


def test_per_page_spinbox_drives_verdict(qtbot, tab: DocumentsTab, tmp_path: Path) -> None:
    pdf = pdf_with_pages(tmp_path / "two.pdf", [page(True), page(False)])
    docs = _check(qtbot, tab, [pdf])
    assert docs[0].verdict == "signed"  # one signature in the document is enough
    tab.per_page.setValue(1)
    docs = _check(qtbot, tab, [pdf])
    assert docs[0].expected_per_page == 1 and docs[0].verdict == "unsigned"  # page 2 carries none
    assert "1/page" in tab.queue.text(1, 2)


def test_cancel_stops_a_batch(qtbot, tab: DocumentsTab, db, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(40):
        write_png(folder / f"p{i:02d}.png", page(i % 2 == 0))
    tab.check_paths([str(folder)])
    worker = tab._handle.worker
    failures: list = []
    worker.failed.connect(failures.append)
    # Pace the worker to the test: it waits (on its own thread) after its second document until the
    # user has pressed Cancel, so how far it got never depends on the machine's speed.
    reached, cancelled = threading.Event(), threading.Event()

    def hold_after_two(done: int, _total: int) -> None:
        if done == 2:
            reached.set()
            cancelled.wait(30)

    worker.progressed.connect(hold_after_two, Qt.ConnectionType.DirectConnection)
    qtbot.waitUntil(reached.is_set, timeout=30_000)
    tab.cancel()
    cancelled.set()
    qtbot.waitUntil(lambda: tab._handle is None, timeout=30_000)
    assert not failures
    # Exactly the two documents checked before Cancel: shown, in order, and stored (none lost, none more).
    assert [d.path.name for d in tab.docs] == ["p00.png", "p01.png"], "cancel must stop the batch there"
    assert sorted(r["input"].rsplit("/", 1)[-1] for r in db.history("documents")) == ["p00.png", "p01.png"]
    assert not tab.progress.isVisible() and not tab.cancel_button.isVisible()


def test_missing_model_is_reported_not_raised(qtbot, tab: DocumentsTab, tmp_path: Path, monkeypatch) -> None:
    from alyesdesk.inference.errors import ModelError

    def no_model(task: str):  # noqa: ANN202
        raise ModelError("no 'detect' model is installed")

    monkeypatch.setattr(catalog, "active_model", no_model)
    seen = []
    tab.ctx.notified.connect(lambda text, level: seen.append((text, level)))
    tab.check_paths([str(write_png(tmp_path / "x.png", page(True)))])
    assert tab._handle is None and tab.queue.row_count() == 0
    assert seen and seen[-1][1] == "error" and "no 'detect' model" in seen[-1][0]
