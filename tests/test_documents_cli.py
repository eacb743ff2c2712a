"""`alyesdesk check-docs`: exit codes, --json / --jsonl shapes, CSV report, storage, and the bad-input matrix.

Runs on a tiny hand-built detector (fires on solid dark blocks), so it needs neither the bundled model
nor ../shared.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import cv2
import numpy as np
import pytest


from documents_samples import (  # noqa: E402
    SIGNATURE_BOX,
    encrypted_pdf,
    huge_png_header,
    one_bit_tiff,
    page,
    pageless_pdf,
    pdf_with_pages,
    write_png,
)

from alyesdesk.cli import run as cli  # noqa: E402
from alyesdesk.training.signatures.tiny import write_tiny_detector  # noqa: E402



def _has_qtpdf() -> bool:
    try:
        import PySide6.QtPdf  # noqa: F401
    except ImportError:  # also when the Qt-free CI step blocks it
        return False
    return True


HAS_QTPDF = _has_qtpdf()
DOC_KEYS = {"path", "status", "error", "pages", "count", "verdict"}
PAGE_KEYS = {"page", "width", "height", "boxes", "count"}
BOX_KEYS = {"x1", "y1", "x2", "y2", "score"}


@pytest.fixture
def model(tmp_path: Path) -> Path:
    return write_tiny_detector(tmp_path / "model")


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = cli(["check-docs", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_signed_document_exits_0_with_json(tmp_path: Path, model: Path, capsys) -> None:
    doc = write_png(tmp_path / "signed.png", page(True))
    code, out, _ = run_cli(capsys, str(doc), "--model", str(model), "--json", "--no-store")
    assert code == 0
    data = json.loads(out)
    assert isinstance(data, list) and len(data) == 1
    item = data[0]
    assert DOC_KEYS <= set(item)
    assert (item["status"], item["error"], item["verdict"], item["count"]) == ("ok", None, "signed", 1)
    assert PAGE_KEYS <= set(item["pages"][0])
    assert (item["pages"][0]["width"], item["pages"][0]["height"]) == (600, 800)
    box = item["pages"][0]["boxes"][0]
    assert BOX_KEYS <= set(box)
    # The box lies on the signature block, in page pixels.
    cx, cy = (box["x1"] + box["x2"]) / 2, (box["y1"] + box["y2"]) / 2
    x1, y1, x2, y2 = SIGNATURE_BOX
    assert x1 <= cx <= x2 and y1 <= cy <= y2


def test_unsigned_exits_3_and_expected_drives_verdict(tmp_path: Path, model: Path, capsys) -> None:
    signed = write_png(tmp_path / "signed.png", page(True))
    blank = write_png(tmp_path / "blank.png", page(False))
    code, out, _ = run_cli(capsys, str(signed), str(blank), "--model", str(model), "--json", "--no-store")
    assert code == 3
    verdicts = {Path(d["path"]).name: d["verdict"] for d in json.loads(out)}
    assert verdicts == {"signed.png": "signed", "blank.png": "unsigned"}
    code, out, _ = run_cli(capsys, str(signed), "--model", str(model), "--json", "--expected", "2", "--no-store")
    assert code == 3 and json.loads(out)[0]["verdict"] == "unsigned"


@pytest.mark.parametrize(
    "args",
    [
        ["--json", "--jsonl"],  # mutually exclusive
        ["--expected", "0"],
        ["--expected", "two"],
        ["--unknown-flag"],
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, model: Path, args: list[str]) -> None:
    doc = write_png(tmp_path / "signed.png", page(True))
    assert cli(["check-docs", str(doc), "--model", str(model), "--no-store", *args]) == 2


def test_no_documents_or_no_model_exit_2(tmp_path: Path, model: Path, capsys) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run_cli(capsys, str(empty), "--model", str(model), "--no-store")
    assert code == 2 and "no documents" in err
    doc = write_png(tmp_path / "signed.png", page(True))
    code, _, err = run_cli(capsys, str(doc), "--model", str(tmp_path / "missing.onnx"), "--no-store")
    assert code == 2 and "error" in err


def test_jsonl_streams_one_object_per_document_and_csv(tmp_path: Path, model: Path, capsys) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    write_png(folder / "a.png", page(True))
    write_png(folder / "b.png", page(False))
    (folder / "notes.txt").write_text("ignored: not a document suffix")
    report = tmp_path / "report.csv"
    code, out, _ = run_cli(capsys, str(folder), "--model", str(model), "--jsonl", "--csv", str(report), "--no-store")
    assert code == 3
    lines = [json.loads(line) for line in out.splitlines()]
    assert [Path(d["path"]).name for d in lines] == ["a.png", "b.png"]
    assert all(DOC_KEYS <= set(d) for d in lines)
    with report.open() as f:
        rows = list(csv.DictReader(f))
    assert {r["file"].rsplit("/", 1)[-1]: r["verdict"] for r in rows} == {"a.png": "signed", "b.png": "unsigned"}
    assert float(rows[0]["score"]) > 0.5 and rows[0]["x1"] != ""


def test_results_are_stored(tmp_path: Path, model: Path, capsys) -> None:
    doc = write_png(tmp_path / "signed.png", page(True))
    code, out, _ = run_cli(capsys, str(doc), "--model", str(model), "--json")
    assert code == 0
    result_id = json.loads(out)[0]["result_id"]
    assert isinstance(result_id, int)
    from alyesdesk.storage import open_database

    db = open_database()
    try:
        rows = db.history("documents")
    finally:
        db.close()
    assert [r["id"] for r in rows] == [result_id]
    assert "signed" in rows[0]["outcome"]


def test_annotate_writes_pngs(tmp_path: Path, model: Path, capsys) -> None:
    doc = write_png(tmp_path / "signed.png", page(True))
    out_dir = tmp_path / "annotated"
    code, _, _ = run_cli(capsys, str(doc), "--model", str(model), "--annotate", str(out_dir), "--no-store")
    assert code == 0
    written = list(out_dir.glob("*.png"))
    assert len(written) == 1
    image = cv2.imread(str(written[0]))
    assert image.shape == (800, 600, 3) and not np.array_equal(image, page(True))


# --- the bad-input matrix: every file gets a clear status, the batch goes on ------------------------
def test_bad_input_matrix(tmp_path: Path, model: Path, capsys, request) -> None:
    if HAS_QTPDF:
        # The app object must be the test session's (PDF rendering would otherwise make a bare one).
        request.getfixturevalue("qapp")
    d = tmp_path / "in"
    d.mkdir()
    signed = page(True)
    files = {
        "corrupt.pdf": lambda p: p.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog"),
        "encrypted.pdf": encrypted_pdf,
        "empty.pdf": lambda p: p.write_bytes(b""),
        "pageless.pdf": pageless_pdf,
        "huge.png": huge_png_header,
        "truncated.jpg": lambda p: p.write_bytes(cv2.imencode(".jpg", signed)[1].tobytes()[:300]),
        "photo.png": lambda p: write_png(p, np.random.default_rng(0).integers(60, 200, (480, 640, 3), dtype=np.uint8)),
        "rotated.png": lambda p: write_png(p, cv2.rotate(signed, cv2.ROTATE_90_CLOCKWISE)),
        "colour.tiff": lambda p: cv2.imwrite(str(p), cv2.applyColorMap(signed[:, :, 0], cv2.COLORMAP_BONE)),
        "bilevel.tif": lambda p: one_bit_tiff(p, [np.ones((800, 600), bool), signed[:, :, 0] > 127]),
        "fine.png": lambda p: write_png(p, signed),
    }
    for name, make in files.items():
        make(d / name)
    if HAS_QTPDF:
        pdf_with_pages(d / "two_pages.pdf", [page(False), signed])
    code, out, _ = run_cli(capsys, str(d), "--model", str(model), "--json", "--no-store")
    assert code == 3
    by_name = {Path(item["path"]).name: item for item in json.loads(out)}
    assert set(by_name) == set(files) | ({"two_pages.pdf"} if HAS_QTPDF else set()), "no file may be lost"
    for name in ("corrupt.pdf", "encrypted.pdf", "empty.pdf", "pageless.pdf", "huge.png", "truncated.jpg"):
        assert by_name[name]["status"] == "error" and by_name[name]["verdict"] is None, name
        assert by_name[name]["error"], name
    if HAS_QTPDF:
        assert "password" in by_name["encrypted.pdf"]["error"]
        assert "empty" in by_name["empty.pdf"]["error"]
        assert "no pages" in by_name["pageless.pdf"]["error"]
        two = by_name["two_pages.pdf"]
        assert [p["count"] for p in two["pages"]] == [0, 1] and two["verdict"] == "signed"
    else:  # without QtPdf every PDF says why it cannot be read
        assert "QtPdf" in by_name["encrypted.pdf"]["error"]
    assert "megapixel" in by_name["huge.png"]["error"]
    # A photo is not a document: a person must look, never a silent "unsigned".
    photo = by_name["photo.png"]
    assert photo["verdict"] == "needs_review" and photo["pages"][0]["warning"]
    # A scan turned by 90 degrees: the box is in the file's own pixels (turning logic: test_documents_logic).
    rotated = by_name["rotated.png"]
    assert rotated["verdict"] == "signed" and rotated["pages"][0]["rotation"] in (0, 90, 270)
    box = rotated["pages"][0]["boxes"][0]
    x1, y1, x2, y2 = SIGNATURE_BOX  # turned clockwise: x' = 800 - y, y' = x
    assert 800 - y2 - 5 <= (box["x1"] + box["x2"]) / 2 <= 800 - y1 + 5
    assert x1 - 5 <= (box["y1"] + box["y2"]) / 2 <= x2 + 5
    assert by_name["colour.tiff"]["verdict"] == "signed"
    bilevel = by_name["bilevel.tif"]
    assert len(bilevel["pages"]) == 2 and [p["count"] for p in bilevel["pages"]] == [0, 1]
    assert bilevel["verdict"] == "signed"
    assert by_name["fine.png"]["verdict"] == "signed"
