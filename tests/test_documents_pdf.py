"""PDF pages rendered with QtPdf from a PDF the test writes (QPdfWriter), and the PDF error cases."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("PySide6.QtPdf")

from documents_samples import SIGNATURE_BOX, encrypted_pdf, page, pageless_pdf, pdf_with_pages  # noqa: E402

from alyesdesk.inference.errors import ImageError  # noqa: E402
from alyesdesk.ui.documents.pdf_render import MAX_RENDER_PIXELS, render_page, render_pdf, render_size  # noqa: E402


def test_pages_render_at_the_requested_resolution(qapp, tmp_path: Path) -> None:
    pdf = pdf_with_pages(tmp_path / "doc.pdf", [page(True), page(False)], points=(595, 842))
    pages = list(render_pdf(pdf, 1000))
    assert [i for i, _, _ in pages] == [0, 1]
    assert all(err is None for _, _, err in pages)
    first = pages[0][1]
    assert first.shape == (1000, 707, 3)  # A4 portrait, long side 1000
    # White paper (not the transparent-black QtPdf default) and the black block where it was drawn.
    assert first[5, 5].tolist() == [255, 255, 255]
    x1, y1, x2, y2 = SIGNATURE_BOX
    sx, sy = 707 / 600, 1000 / 800
    cy, cx = int((y1 + y2) / 2 * sy), int((x1 + x2) / 2 * sx)
    assert first[cy, cx].max() < 40
    assert pages[1][1][cy, cx].min() > 200  # the unsigned page has no block there
    one = render_page(pdf, 1, 500)
    assert one.shape[0] == 500 and abs(one.shape[1] - 500 * 595 / 842) <= 1


def test_render_size_caps_huge_pages() -> None:
    assert render_size(595, 842, 1000) == (707, 1000)
    w, h = render_size(100_000, 100_000, 50_000)
    assert w * h <= MAX_RENDER_PIXELS
    with pytest.raises(ValueError):
        render_size(0, 100, 1000)


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_bytes(b"%PDF-1.4\n%%garbage"), "not a valid PDF"),
        (encrypted_pdf, "password"),
        (pageless_pdf, "no pages"),
    ],
)
def test_pdf_problems_are_clear_errors(qapp, tmp_path: Path, make, words: str) -> None:
    path = tmp_path / "bad.pdf"
    make(path)
    with pytest.raises(ImageError, match=words):
        list(render_pdf(path))


def test_rendered_pdf_is_checked_like_an_image(qapp, tmp_path: Path) -> None:
    pytest.importorskip("onnx")
    from alyesdesk.inference.catalog import load_model
    from alyesdesk.inference.documents.check import SignatureChecker
    from alyesdesk.training.signatures.tiny import write_tiny_detector

    detector = load_model(write_tiny_detector(tmp_path / "m"))
    pdf = pdf_with_pages(tmp_path / "doc.pdf", [page(False), page(True)])
    doc = SignatureChecker(detector, render_pdf).check(pdf)
    assert doc.status == "ok" and doc.verdict == "signed"
    assert [p.count for p in doc.pages] == [0, 1]
    assert (doc.pages[1].width, doc.pages[1].height) == (283, 400)  # the tiny sidecar asks for 400 px
    assert np.isfinite([b.score for b in doc.pages[1].boxes]).all()
