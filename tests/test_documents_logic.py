"""Qt-free logic of signature checking: verdicts, decoding, rotation mapping, metrics, reports, TIFF guard."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from alyesdesk.inference.documents.detect import decode_centres, iou_matrix, nms, postprocess
from alyesdesk.inference.documents.check import (
    NEEDS_REVIEW,
    SIGNED,
    UNSIGNED,
    Box,
    DocumentCheck,
    PageCheck,
    verdict_for,
)
from alyesdesk.inference.documents.pages import _tiff_sizes, unrotate_boxes
from alyesdesk.inference.documents.report import annotate, report_rows, write_csv, write_json
from alyesdesk.training.signatures.metrics import PageResult, average_precision, precision_recall_f1


@pytest.mark.parametrize(
    "count, review, expected, doubtful, verdict",
    [
        (1, 0, 1, False, SIGNED),
        (2, 0, 1, False, SIGNED),
        (0, 0, 1, False, UNSIGNED),
        (0, 1, 1, False, NEEDS_REVIEW),  # only a low-confidence box: a person decides
        (1, 0, 2, False, UNSIGNED),
        (1, 1, 2, False, NEEDS_REVIEW),
        (2, 0, 2, False, SIGNED),
        (0, 0, 1, True, NEEDS_REVIEW),  # unreadable page or non-document: never a plain "unsigned"
        (1, 0, 1, True, SIGNED),  # enough confident signatures stay signed
        (0, 0, 0, False, SIGNED),
    ],
)
def test_verdict_for(count, review, expected, doubtful, verdict) -> None:
    assert verdict_for(count, review, expected, doubtful) == verdict


def test_verdict_rejects_negative_expectation() -> None:
    with pytest.raises(ValueError):
        verdict_for(0, 0, -1)


def test_page_counts_split_confident_and_review_boxes() -> None:
    page = PageCheck(1, 100, 100, [Box(0, 0, 10, 10, 0.9), Box(20, 20, 30, 30, 0.3, review=True)])
    doc = DocumentCheck(Path("a.png"), pages=[page, PageCheck(2, 100, 100, [Box(0, 0, 5, 5, 0.8)])])
    assert (page.count, page.review_count) == (1, 1)
    assert (doc.count, doc.review_count) == (2, 1)
    d = doc.to_dict()
    assert set(d) >= {"path", "status", "error", "pages", "count", "verdict"}
    assert set(d["pages"][0]) >= {"page", "width", "height", "boxes", "count"}
    assert set(d["pages"][0]["boxes"][0]) >= {"x1", "y1", "x2", "y2", "score"}


def test_decode_finds_peak_and_box() -> None:
    heat = np.zeros((8, 8), np.float32)
    heat[3, 4] = 0.9
    heat[3, 5] = 0.5  # a neighbour of the peak: suppressed by the 3x3 max rule
    ltrb = np.full((4, 8, 8), 4.0, np.float32)
    boxes, scores = decode_centres(heat, ltrb, stride=8, min_score=0.1)
    assert scores.tolist() == pytest.approx([0.9])
    assert boxes[0].tolist() == pytest.approx([36 - 4, 28 - 4, 36 + 4, 28 + 4])


def test_nms_and_postprocess_clip() -> None:
    boxes = np.array([[0, 0, 10, 10], [1, 1, 10, 10], [20, 20, 30, 30]], np.float32)
    keep = nms(boxes, np.array([0.9, 0.8, 0.7]), 0.5)
    assert keep.tolist() == [0, 2]
    assert iou_matrix(boxes[:1], boxes[:1])[0, 0] == pytest.approx(1.0)
    heat = np.zeros((4, 4), np.float32)
    heat[0, 0] = 0.8
    ltrb = np.full((4, 4, 4), 50.0, np.float32)
    b, s = postprocess(heat, ltrb, 8, 0.5, 0.5, (32, 32))
    assert b.min() >= 0 and b.max() <= 32 and len(s) == 1


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_unrotate_maps_boxes_back(rotation: int) -> None:
    import cv2

    h, w = 60, 100
    image = np.zeros((h, w), np.uint8)
    image[10:20, 30:70] = 255  # the "signature" in the original frame
    code = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}[rotation]
    turned = cv2.rotate(image, code)
    ys, xs = np.nonzero(turned)
    found = np.array([[xs.min(), ys.min(), xs.max() + 1, ys.max() + 1]], np.float32)
    back = unrotate_boxes(found, rotation, w, h)
    assert back[0].tolist() == pytest.approx([30, 10, 70, 20])


def test_average_precision_and_f1() -> None:
    truth = np.array([[0, 0, 10, 10], [20, 20, 30, 30]], np.float32)
    perfect = PageResult(truth.copy(), np.array([0.9, 0.8], np.float32), truth)
    assert average_precision([perfect]) == pytest.approx(1.0)
    half = PageResult(np.array([[0, 0, 10, 10], [50, 50, 60, 60]], np.float32), np.array([0.9, 0.8], np.float32), truth)
    assert average_precision([half]) == pytest.approx(0.5)
    m = precision_recall_f1([half], 0.5)
    assert (m["precision"], m["recall"]) == (0.5, 0.5)
    assert precision_recall_f1([half], 0.85)["precision"] == 1.0


def test_reports_csv_and_json(tmp_path: Path) -> None:
    ok = DocumentCheck(Path("a.pdf"), pages=[PageCheck(1, 700, 1000, [Box(1, 2, 3, 4, 0.91)]), PageCheck(2, 700, 1000)],
                       verdict=SIGNED)
    bad = DocumentCheck(Path("b.pdf"), status="error", error="encrypted")
    rows = report_rows([ok, bad])
    assert len(rows) == 3  # one box row, one empty page row, one error row
    write_csv([ok, bad], tmp_path / "r.csv")
    with (tmp_path / "r.csv").open() as f:
        read = list(csv.DictReader(f))
    assert float(read[0]["x1"]) == 1.0 and read[0]["score"] == "0.91" and read[0]["verdict"] == "signed"
    assert read[2]["status"] == "error" and read[2]["error"] == "encrypted"
    write_json([ok, bad], tmp_path / "r.json")
    data = json.loads((tmp_path / "r.json").read_text())
    assert data[0]["count"] == 1 and data[1]["verdict"] is None


def test_annotate_draws_in_colour() -> None:
    image = np.full((200, 200, 3), 255, np.uint8)
    out = annotate(image, PageCheck(1, 200, 200, [Box(50, 50, 150, 100, 0.9)]), "#ff0000")
    assert (image == 255).all()  # the original is untouched
    assert (out[50, 100] == [0, 0, 255]).all()  # red in BGR on the box edge


def test_tiff_header_sizes() -> None:
    import cv2

    ok, data = cv2.imencode(".tiff", np.zeros((30, 40), np.uint8))
    assert ok
    assert _tiff_sizes(data.tobytes()) == [(40, 30)]
    assert _tiff_sizes(b"not a tiff") == []


class _PortraitOnlyDetector:
    """Finds one 'signature' only on portrait pages (like a model that needs upright text)."""

    score_threshold, review_threshold = 0.5, 0.3

    class spec:  # noqa: N801 - mimics ModelSpec.get
        @staticmethod
        def get(key: str, default=None):  # noqa: ANN001, ANN205
            return default

    def detect(self, image):  # noqa: ANN001, ANN201
        from alyesdesk.inference.documents.detect import Detections

        h, w = image.shape[:2]
        if h > w:
            return Detections(np.array([[w * 0.5, h * 0.7, w * 0.8, h * 0.8]], np.float32), np.array([0.9], np.float32), w, h)
        return Detections(np.zeros((0, 4), np.float32), np.zeros(0, np.float32), w, h)


@pytest.mark.parametrize("turn", ["cw", "ccw"])
def test_turned_scan_is_read_upright_and_boxes_map_back(turn: str) -> None:
    import cv2

    from alyesdesk.inference.documents.check import SignatureChecker

    upright = np.full((800, 600, 3), 255, np.uint8)
    for y in range(60, 740, 22):  # lines of text
        for x in range(40, 540, 70):
            cv2.line(upright, (x, y), (x + 50, y), (30, 30, 30), 2)
    code = cv2.ROTATE_90_CLOCKWISE if turn == "cw" else cv2.ROTATE_90_COUNTERCLOCKWISE
    scan = cv2.rotate(upright, code)  # what the scanner produced: 800 wide, 600 high
    page = SignatureChecker(_PortraitOnlyDetector()).check_page(scan, 1)
    assert page.rotation in (90, 270) and page.count == 1
    # Whichever way up it was read, the box must sit on the scan where the detector saw it.
    read = cv2.ROTATE_90_CLOCKWISE if page.rotation == 90 else cv2.ROTATE_90_COUNTERCLOCKWISE
    undo = cv2.ROTATE_90_COUNTERCLOCKWISE if page.rotation == 90 else cv2.ROTATE_90_CLOCKWISE
    seen = cv2.rotate(scan, read)
    h, w = seen.shape[:2]
    marker = np.zeros((h, w), np.uint8)
    marker[int(h * 0.7) : int(h * 0.8), int(w * 0.5) : int(w * 0.8)] = 1
    ys, xs = np.nonzero(cv2.rotate(marker, undo))
    b = page.boxes[0]
    assert (b.x1, b.y1, b.x2, b.y2) == pytest.approx((xs.min(), ys.min(), xs.max() + 1, ys.max() + 1), abs=2)


def _typed_page() -> np.ndarray:
    """A white page with lines of real Latin text (ascenders and descenders in their usual proportions)."""
    import cv2

    text = ("The board asked for the signed contract by Friday; please keep a copy of the draft.",
            "Delivery of the goods is subject to the terms agreed in the attached schedule.",
            "Kindly return both pages with the date and the name of the authorised party.")
    page = np.full((1000, 800, 3), 255, np.uint8)
    for i, y in enumerate(range(80, 900, 28)):
        cv2.putText(page, text[i % 3][:70], (40, y), cv2.FONT_HERSHEY_SIMPLEX, 0.55, (20, 20, 20), 1, cv2.LINE_AA)
    return page


def test_upside_down_text_is_recognised() -> None:
    import cv2

    from alyesdesk.inference.documents.pages import looks_upside_down

    page = _typed_page()
    assert not looks_upside_down(page)
    assert looks_upside_down(cv2.rotate(page, cv2.ROTATE_180))
    blank = np.full((1000, 800, 3), 255, np.uint8)
    assert not looks_upside_down(blank)  # no text: no hint either way


def test_upside_down_hint_on_real_scans(shared_data) -> None:
    """On Tobacco800 pages the hint is right most of the time (it only gates a second reading)."""
    import cv2

    from alyesdesk.inference.documents.pages import looks_upside_down
    from alyesdesk.training.signatures import data as sd

    files = sd.split_files(shared_data / "signatures", "val")[:40]
    if not files:
        pytest.skip("no Tobacco800 val pages")
    right = 0
    for img_path, _ in files:
        grey = cv2.imread(str(img_path), cv2.IMREAD_GRAYSCALE)
        right += (not looks_upside_down(grey)) + looks_upside_down(cv2.rotate(grey, cv2.ROTATE_180))
    assert right / (2 * len(files)) >= 0.75, right


class _UprightOnlyDetector(_PortraitOnlyDetector):
    """Finds one 'signature' only when the page's text reads upright (its mark is in the lower right)."""

    def detect(self, image):  # noqa: ANN001, ANN201
        from alyesdesk.inference.documents.detect import Detections
        from alyesdesk.inference.documents.pages import looks_upside_down

        h, w = image.shape[:2]
        if not looks_upside_down(image):
            return Detections(np.array([[w * 0.6, h * 0.85, w * 0.9, h * 0.95]], np.float32), np.array([0.9], np.float32), w, h)
        return Detections(np.zeros((0, 4), np.float32), np.zeros(0, np.float32), w, h)


def test_upside_down_scan_is_read_turned_and_boxes_map_back() -> None:
    import cv2

    from alyesdesk.inference.documents.check import SignatureChecker

    scan = cv2.rotate(_typed_page(), cv2.ROTATE_180)
    page = SignatureChecker(_UprightOnlyDetector()).check_page(scan, 1)
    assert page.rotation == 180 and page.count == 1
    h, w = scan.shape[:2]
    b = page.boxes[0]  # the upright page's lower right is the scan's upper left
    assert (b.x1, b.y1, b.x2, b.y2) == pytest.approx((w * 0.1, h * 0.05, w * 0.4, h * 0.15), abs=1)


def test_weak_upside_down_reading_does_not_replace_the_upright_one() -> None:
    import cv2

    from alyesdesk.inference.documents.detect import Detections
    from alyesdesk.inference.documents.check import SignatureChecker

    class Weak(_PortraitOnlyDetector):
        def detect(self, image):  # noqa: ANN001, ANN201
            h, w = image.shape[:2]
            # Just above the threshold, below threshold + margin: not convincing enough to turn the page.
            return Detections(np.array([[1, 1, 50, 20]], np.float32), np.array([0.55], np.float32), w, h) \
                if image[0, 0, 0] == 254 else Detections(np.zeros((0, 4), np.float32), np.zeros(0, np.float32), w, h)

    scan = cv2.rotate(_typed_page(), cv2.ROTATE_180)
    scan[-1, -1] = 254  # after turning, this pixel is at (0, 0): the turned reading is the weak one
    page = SignatureChecker(Weak()).check_page(scan, 1)
    assert page.rotation == 0 and page.count == 0
