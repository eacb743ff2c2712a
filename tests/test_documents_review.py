"""A person's review of signature checks: box decisions, drawn boxes, verdicts by hand, the per-page
expectation, storage beside the model's answer (migration 4), History, reports, YOLO training data, and the
Documents tab's review queue (sortable, filterable, summary, keyboard)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from alyesdesk.inference.documents.check import (
    NEEDS_REVIEW,
    SIGNED,
    UNSIGNED,
    Box,
    DocumentCheck,
    PageCheck,
    document_verdict,
)
from alyesdesk.inference.documents.report import report_rows, write_csv, write_json
from alyesdesk.inference.documents.review import (
    Review,
    export_yolo,
    final_verdict,
    needs_review,
    reviewed_page,
    reviewed_verdict,
    summary,
)


def _doc(name: str = "a.png", boxes=((10, 10, 60, 30, 0.9, False),), pages: int = 1, verdict: str = SIGNED,
         status: str = "ok") -> DocumentCheck:
    page_list = []
    for n in range(1, pages + 1):
        bs = [Box(*b) for b in boxes] if n == 1 else []
        page_list.append(PageCheck(page=n, width=100, height=80, boxes=bs))
    return DocumentCheck(path=Path(name), status=status, pages=page_list if status == "ok" else [], verdict=verdict)


# --- logic -------------------------------------------------------------------------------------------
def test_per_page_expectation_takes_the_worst_page() -> None:
    signed = PageCheck(1, boxes=[Box(0, 0, 5, 5, 0.9)])
    empty = PageCheck(2)
    doubtful = PageCheck(3, boxes=[Box(0, 0, 5, 5, 0.3, review=True)])
    assert document_verdict([signed, empty], 1) == SIGNED
    assert document_verdict([signed, empty], 1, expected_per_page=1) == UNSIGNED
    assert document_verdict([signed, doubtful], 1, expected_per_page=1) == NEEDS_REVIEW
    assert document_verdict([signed, PageCheck(2, error="unreadable")], 1, expected_per_page=1) == NEEDS_REVIEW
    with pytest.raises(ValueError):
        document_verdict([signed], 1, expected_per_page=-1)


def test_box_decisions_and_drawn_boxes_make_the_reviewed_verdict() -> None:
    doc = _doc(boxes=((10, 10, 60, 30, 0.9, False), (10, 40, 60, 60, 0.3, True)))
    assert reviewed_verdict(doc) is None and final_verdict(doc) == SIGNED
    doc.review = Review()
    doc.review.decide(1, 0, "reject")
    assert [b.score for b in reviewed_page(doc.pages[0], doc.review).boxes] == [0.3]
    assert reviewed_verdict(doc) == NEEDS_REVIEW  # only the uncertain box is left
    doc.review.decide(1, 1, "accept")
    assert reviewed_verdict(doc) == SIGNED
    doc.review.decide(1, 1, "reject")
    assert reviewed_verdict(doc) == UNSIGNED
    doc.review.add_box(1, 70, 50, 20, 40)  # drawn right to left: normalised
    assert doc.review.added[0] == {"page": 1, "x1": 20.0, "y1": 40.0, "x2": 70.0, "y2": 50.0}
    assert reviewed_verdict(doc) == SIGNED
    doc.review.verdict = NEEDS_REVIEW  # a verdict set by hand wins
    assert final_verdict(doc) == NEEDS_REVIEW and doc.verdict == SIGNED  # the model's answer is kept
    again = Review.from_dict(json.loads(json.dumps(doc.review.to_dict())))
    assert again == doc.review
    with pytest.raises(ValueError):
        Review(verdict="maybe")
    with pytest.raises(ValueError):
        doc.review.decide(1, 0, "perhaps")


def test_needs_review_and_summary() -> None:
    docs = [_doc("s.png"), _doc("u.png", boxes=(), verdict=UNSIGNED), _doc("r.png", verdict=NEEDS_REVIEW),
            _doc("x.png", status="error", verdict=None)]
    assert [needs_review(d) for d in docs] == [False, False, True, True]
    assert summary(docs) == {SIGNED: 1, UNSIGNED: 1, NEEDS_REVIEW: 1, "unreadable": 1, "reviewed": 0, "total": 4}
    docs[2].review = Review(verdict=UNSIGNED, note="only a stamp")
    assert not needs_review(docs[2])
    s = summary(docs)
    assert (s[UNSIGNED], s[NEEDS_REVIEW], s["reviewed"]) == (2, 0, 1)


def test_reports_carry_model_and_reviewed_verdicts(tmp_path: Path) -> None:
    doc = _doc(boxes=((10, 10, 60, 30, 0.9, False),))
    doc.review = Review(note="checked by hand")
    doc.review.decide(1, 0, "reject")
    doc.review.add_box(1, 5, 50, 40, 70)
    rows = report_rows([doc, _doc("b.png")])
    assert [(r["verdict"], r["reviewed_verdict"], r["box_decision"]) for r in rows] == [
        (SIGNED, SIGNED, "reject"), (SIGNED, SIGNED, "drawn"), (SIGNED, "", "")]
    assert rows[0]["review_note"] == "checked by hand"
    write_csv([doc], tmp_path / "r.csv")
    with (tmp_path / "r.csv").open() as f:
        read = list(csv.DictReader(f))
    assert read[1]["box_decision"] == "drawn" and read[1]["x1"] == "5.0"
    write_json([doc], tmp_path / "r.json")
    item = json.loads((tmp_path / "r.json").read_text())[0]
    assert item["verdict"] == SIGNED and item["reviewed_verdict"] == SIGNED
    assert item["review"]["boxes"] == {"1:0": "reject"} and item["review"]["note"] == "checked by hand"


def test_yolo_export_of_reviewed_documents(tmp_path: Path) -> None:
    reviewed = _doc("signed.png", pages=2)
    reviewed.review = Review()
    reviewed.review.decide(1, 0, "accept")
    reviewed.review.add_box(2, 10, 20, 50, 40)
    blank = _doc("blank.png")
    blank.review = Review(verdict=UNSIGNED)
    untouched = _doc("model_only.png")
    n = export_yolo([reviewed, blank, untouched], tmp_path / "yolo", lambda d, i: np.full((80, 100, 3), 255, np.uint8))
    assert n == 3
    labels = {p.name: p.read_text() for p in (tmp_path / "yolo" / "labels").iterdir()}
    assert set(labels) == {"signed_p1.txt", "signed_p2.txt", "blank_p1.txt"}
    assert labels["signed_p1.txt"].strip() == "0 0.350000 0.250000 0.500000 0.250000"
    assert labels["signed_p2.txt"].startswith("0 0.300000 0.375000 0.400000 0.250000")
    assert labels["blank_p1.txt"] == ""
    assert cv2.imread(str(tmp_path / "yolo" / "images" / "signed_p1.jpg")).shape == (80, 100, 3)
    # The training scripts read this layout (`0 xc yc w h`).
    from alyesdesk.training.signatures.data import read_yolo

    assert np.allclose(read_yolo(tmp_path / "yolo" / "labels" / "signed_p1.txt"), [[0.1, 0.125, 0.6, 0.375]])


# --- storage -----------------------------------------------------------------------------------------
def test_reviews_are_stored_beside_the_model_answer(db) -> None:  # noqa: ANN001
    from alyesdesk.storage.migrations import LATEST

    assert db.schema_version == LATEST >= 4
    rid = db.save_document_check("/docs/a.png", None, [{"page": 1, "boxes": []}], 0, UNSIGNED, 1, None)
    assert db.document_review(rid) is None
    review = Review(verdict=SIGNED, note="signature under the stamp")
    review.add_box(1, 1, 2, 30, 40)
    db.save_document_review(rid, review.to_dict())
    stored = db.document_review(rid)
    assert Review.from_dict(stored).added == review.added and stored["verdict"] == SIGNED
    assert stored["reviewed_at"] > 0
    assert db.result(rid)["verdict"] == UNSIGNED  # the model's answer is untouched
    line = db.history("documents")[0]["outcome"]
    assert line.startswith("reviewed signed") and "model: unsigned" in line
    assert db.history(text="reviewed signed")  # History's search finds it
    db.save_document_review(rid, Review(note="second thoughts").to_dict())  # replaces
    assert db.document_review(rid)["verdict"] is None and "(reviewed)" in db.history("documents")[0]["outcome"]
    assert db.document_reviews() == {rid: db.document_review(rid)}
    assert db.clear_document_review(rid) and db.history("documents")[0]["outcome"].startswith("unsigned:")
    db.save_document_review(rid, review.to_dict())
    assert db.delete_result(rid) and db.document_reviews() == {}  # cascades
    from alyesdesk.storage.errors import StorageError

    with pytest.raises(StorageError):
        db.save_document_review(12345, review.to_dict())
    with pytest.raises(ValueError):
        db.save_document_review(rid, {"verdict": "maybe"})


# --- the tab -----------------------------------------------------------------------------------------
pytest.importorskip("onnx")


@pytest.fixture
def tab(qtbot, db):  # noqa: ANN001, ANN201
    from alyesdesk import paths
    from alyesdesk.inference import catalog
    from alyesdesk.training.signatures.tiny import write_tiny_detector
    from alyesdesk.ui.context import AppContext
    from alyesdesk.ui.documents.tab import DocumentsTab

    onnx_path = write_tiny_detector(paths.user_models_dir(), "tiny_signatures")
    info = next(m for m in catalog.models_for("detect") if m.onnx_path == onnx_path)
    catalog.set_active("detect", info)
    widget = DocumentsTab(AppContext(db))
    qtbot.addWidget(widget)
    widget.resize(1300, 900)
    widget.show()
    yield widget
    widget.shutdown()


def _checked(qtbot, tab, paths: list[Path]) -> list:  # noqa: ANN001
    worker_done = []
    tab.check_paths([str(p) for p in paths])
    with qtbot.waitSignal(tab._handle.worker.finished, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: tab._handle is None, timeout=10_000)
    worker_done.append(True)
    return tab.docs


def test_queue_sorts_filters_summarises_and_navigates(qtbot, tab, tmp_path: Path) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    from documents_samples import page, write_png
    from alyesdesk.ui.documents.queue import COUNT_COL, FILE_COL, REVIEW_COL, VERDICT_COL

    files = [write_png(tmp_path / "c_signed.png", page(True)), write_png(tmp_path / "a_blank.png", page(False)),
             tmp_path / "b_broken.png"]
    files[2].write_bytes(b"not an image")
    docs = _checked(qtbot, tab, files)
    q = tab.queue
    assert q.row_count() == 3 and "1 signed" in q.summary_label.text() and "1 unsigned" in q.summary_label.text()
    assert "1 unreadable" in q.summary_label.text()
    q.view.sortByColumn(FILE_COL, Qt.SortOrder.AscendingOrder)
    assert [q.text(r, FILE_COL) for r in range(3)] == ["a_blank.png", "b_broken.png", "c_signed.png"]
    q.view.sortByColumn(COUNT_COL, Qt.SortOrder.DescendingOrder)
    assert q.text(0, FILE_COL) == "c_signed.png"
    assert q.text([q.text(r, FILE_COL) for r in range(3)].index("b_broken.png"), REVIEW_COL) == "yes"
    q.filter_combo.setCurrentIndex(q.filter_combo.findData(UNSIGNED))
    assert q.row_count() == 1 and q.text(0, VERDICT_COL) == "unsigned"
    q.filter_combo.setCurrentIndex(0)
    q.search.setText("SIGNED")  # case-insensitive, on the file name
    assert q.row_count() == 1 and q.doc_at(0) is docs[0]
    q.search.clear()
    # Keyboard: arrows move between documents, Alt+N jumps to the next that needs review.
    q.view.sortByColumn(FILE_COL, Qt.SortOrder.AscendingOrder)
    q.select_row(0)
    q.view.setFocus()
    qtbot.keyClick(q.view, Qt.Key.Key_Down)
    assert tab.current_doc() is docs[2]  # b_broken
    q.select_row(2)
    assert q.next_needing_review() and tab.current_doc().path.name == "b_broken.png"
    q.select_row(0)
    qtbot.keyClick(q.view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert tab.current_doc().path.name == "b_broken.png"


def test_review_box_draw_and_verdict_are_stored_and_exported(qtbot, tab, db, tmp_path: Path) -> None:  # noqa: ANN001
    from PySide6.QtCore import QPoint, Qt

    from documents_samples import page, write_png

    signed = write_png(tmp_path / "signed.png", page(True))
    blank = write_png(tmp_path / "blank.png", page(False))
    docs = _checked(qtbot, tab, [signed, blank])
    changed = []
    tab.ctx.results_changed.connect(changed.append)
    tab.queue.select_doc(docs[0])
    assert tab.review.boxes.count() == 1
    tab.review.select_box(0)
    with qtbot.waitSignal(tab.review.changed):
        tab.review.reject_button.click()
    assert docs[0].review.boxes == {"1:0": "reject"} and reviewed_verdict(docs[0]) == UNSIGNED
    assert "unsigned ✎" in tab.queue.text(0, 0)
    assert "rejected" in tab.review.boxes.item(0).text()
    # Draw the missed box on the blank page: Alt+D, then drag on the boxed view.
    tab.queue.select_doc(docs[1])
    view = tab.viewer.boxed
    qtbot.keyClick(tab.review.boxes, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert view.drawing
    a, b = view.mapFromScene(100, 100), view.mapFromScene(300, 200)
    with qtbot.waitSignal(tab.viewer.box_drawn):
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=a)
        qtbot.mouseMove(view.viewport(), pos=QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2))
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=b)
    added = docs[1].review.added
    assert len(added) == 1 and abs(added[0]["x1"] - 100) < 6 and abs(added[0]["y2"] - 200) < 6
    assert not view.drawing and reviewed_verdict(docs[1]) == SIGNED
    # A verdict by hand with a note.
    tab.review.note.setText("signed on the back")
    tab.review.set_note(tab.review.note.text())
    with qtbot.waitSignal(tab.review.changed):
        tab.review.set_verdict(NEEDS_REVIEW)
    assert tab.review.verdict.currentData() == NEEDS_REVIEW
    stored = db.document_reviews()
    assert stored[docs[1].result_id]["verdict"] == NEEDS_REVIEW
    assert stored[docs[1].result_id]["note"] == "signed on the back"
    assert stored[docs[0].result_id]["boxes"] == {"1:0": "reject"}
    assert "documents" in changed
    outcomes = {r["input"].rsplit("/", 1)[-1]: r["outcome"] for r in db.history("documents")}
    assert outcomes["blank.png"].startswith("reviewed needs_review (model: unsigned")
    # A restarted list takes the stored reviews back.
    docs[1].review = None
    tab.load_reviews()
    assert docs[1].review.verdict == NEEDS_REVIEW
    # Reports: the model's and the reviewed verdicts.
    tab.save_report(str(tmp_path / "r.json"), "json")
    report = {Path(d["path"]).name: d for d in json.loads((tmp_path / "r.json").read_text())}
    assert (report["signed.png"]["verdict"], report["signed.png"]["reviewed_verdict"]) == (SIGNED, UNSIGNED)
    # Annotated export of the whole batch (a folder) and training data.
    tab.whole_batch.setChecked(True)
    out = tmp_path / "annotated"
    out.mkdir()
    tab.export_annotated(str(out), "png")
    assert sorted(p.name for p in out.iterdir()) == ["blank_signatures.png", "signed_signatures.png"]
    assert tab.export_training(str(tmp_path / "yolo")) == 2
    assert (tmp_path / "yolo" / "labels" / "signed_p1.txt").read_text() == ""  # the only box was rejected
    assert (tmp_path / "yolo" / "labels" / "blank_p1.txt").read_text().startswith("0 ")


def test_selection_export_and_viewer_fits_each_new_document(qtbot, tab, tmp_path: Path) -> None:  # noqa: ANN001
    from documents_samples import page, write_png

    docs = _checked(qtbot, tab, [write_png(tmp_path / "one.png", page(True)),
                                 write_png(tmp_path / "two.png", page(False, w=900, h=500))])
    tab.queue.select_doc(docs[0])
    tab.viewer.zoom_in.click()
    tab.viewer.zoom_in.click()
    assert not tab.viewer.original.fit
    tab.queue.select_doc(docs[1])
    assert tab.viewer.original.fit and tab.viewer.boxed.fit
    tab.whole_batch.setChecked(False)
    tab.export_annotated(str(tmp_path / "sel.png"), "png")  # the selection only: one document, one file
    assert (tmp_path / "sel.png").is_file()
    assert cv2.imread(str(tmp_path / "sel.png")).shape[:2] == (500, 900)
