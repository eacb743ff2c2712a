"""Hostile inputs found by an adversarial run: each used to hang, loop or eat memory; now each is refused
with a clear per-item message and the batch goes on.

- PDFs: a page tree that refers to itself (hung `QPdfDocument.load` forever) and content-stream bombs
  (26 s for one page) are rendered in a child process with time and page budgets.
- Folders: symbolic-link loops (every file 41 times; two self-links never ended) and FIFOs, sockets and
  devices (a FIFO hung `classify` in `open`).
- Decompression bombs in every accepted image format, refused from the header before decoding.

Every hostile file is built here, by hand, in a few hundred bytes. The Qt-free CI run collects this
file too: PDF tests reach QtPdf only through the CLI's renderer factory (its child process loads Qt,
this process never does), and skip where it reports PDF support missing.
"""

from __future__ import annotations

import json
import os
import struct
import sys
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from alyesdesk.commands import check_docs
from alyesdesk.inference.documents.pages import expand_documents, load_pages
from alyesdesk.inference.errors import ImageError
from alyesdesk.inference.image_headers import read_header
from alyesdesk.inference.images import IMAGE_SUFFIXES, decode_image, read_image
from alyesdesk.inference.inputs import expand_files

# How long a hostile input may take before the test calls it a hang (it takes milliseconds when fixed;
# starting a PDF child process takes ~0.5 s, more on a busy machine).
HANG_SECONDS = 20.0


def _finishes(call: Callable[[], Any], unblock: Callable[[], None] | None = None) -> Any:
    """`call()`'s result (or exception, re-raised), failing the test when it has not returned within
    HANG_SECONDS: unfixed code hangs here, and a failing test beats a stuck run. `unblock` is then
    used to release the stuck thread (e.g. open a FIFO's other end)."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_SECONDS)
    if thread.is_alive():
        if unblock is not None:
            unblock()
        pytest.fail(f"did not finish within {HANG_SECONDS:g} s (hangs)")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


# --- 6. PDFs: hostile page trees and content streams ------------------------------------------------
def _pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF with a correct cross-reference table; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _looping_pdf(path: Path) -> Path:
    """244 bytes: the page tree lists itself as its own kids (pdfium's loader never returns)."""
    return _pdf(path, [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 2 >>"])


def _stream(content: bytes) -> bytes:
    packed = zlib.compress(content, 9)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"


# 200 000 full-page fills: ~10 KB compressed, well over 10 s to render.
BOMB = _stream(b"0 0 600 800 re f\n" * 200_000)
# A black block on a white page: a page that renders at once.
PLAIN = _stream(b"0 g 100 100 200 100 re f\n")


def _pages_pdf(path: Path, pages: list[tuple[bytes, bytes]]) -> Path:
    """One page per (MediaBox, content stream object); objects: catalog, page tree, then page + stream pairs."""
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(len(pages)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages))]
    for i, (box, stream) in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents %d 0 R >>" % (box, 4 + 2 * i))
        objects.append(stream)
    return _pdf(path, objects)


A4ISH = b"[0 0 600 800]"


def _renderer(**limits: float):  # noqa: ANN202 - the CLI's PdfRenderer
    """The renderer `alyesdesk check-docs` uses, with test-sized budgets; skips where there is no QtPdf."""
    renderer = check_docs.pdf_renderer(**limits)
    problem = renderer.support_problem()
    if problem:
        pytest.skip(f"PDF support is not available here: {problem}")
    return renderer


def _render(renderer, path: Path, long_side: int = 1000) -> tuple[list, float]:  # noqa: ANN001
    start = time.monotonic()
    pages = _finishes(lambda: list(renderer(path, long_side)))
    return pages, time.monotonic() - start


def test_pdf_whose_page_tree_refers_to_itself_is_a_file_error_within_the_budget(tmp_path: Path) -> None:
    path = _looping_pdf(tmp_path / "loop.pdf")
    assert len(path.read_bytes()) == 244
    start = time.monotonic()
    with pytest.raises(ImageError, match=r"loop\.pdf: opening it took longer than 1 s.*damaged or hostile"):
        _render(_renderer(page_seconds=1.0), path)
    assert time.monotonic() - start < HANG_SECONDS


def test_bomb_page_is_skipped_and_the_next_page_renders_at_a_bounded_size(tmp_path: Path) -> None:
    # The second page declares 200000 x 500 points (a 230-foot strip): rendered by its long side, never
    # at its size in points.
    path = _pages_pdf(tmp_path / "bomb.pdf", [(A4ISH, BOMB), (b"[0 0 200000 500]", PLAIN)])
    pages, seconds = _render(_renderer(page_seconds=1.0), path)
    assert [index for index, _, _ in pages] == [0, 1]
    assert pages[0][1] is None and "page 1 took longer than 1 s to render and was skipped" in pages[0][2]
    image, error = pages[1][1], pages[1][2]
    assert error is None and image.dtype == np.uint8 and image.shape == (2, 1000, 3)
    assert seconds < HANG_SECONDS


def test_a_file_full_of_bomb_pages_is_given_up_on(tmp_path: Path) -> None:
    path = _pages_pdf(tmp_path / "bombs.pdf", [(A4ISH, BOMB)] * 6)
    with pytest.raises(ImageError, match="3 pages could not be rendered in time"):
        _render(_renderer(page_seconds=0.5), path)


def test_document_budget_covers_all_pages_together(tmp_path: Path) -> None:
    path = _pages_pdf(tmp_path / "slow.pdf", [(A4ISH, BOMB)] * 2)
    with pytest.raises(ImageError, match="took longer than 1 s in all, the limit for one PDF"):
        _render(_renderer(page_seconds=30.0, document_seconds=1.0), path)


def test_page_count_limit(tmp_path: Path) -> None:
    path = _pages_pdf(tmp_path / "long.pdf", [(A4ISH, PLAIN)] * 3)
    with pytest.raises(ImageError, match="3 pages, over the 2-page limit"):
        _render(_renderer(max_pages=2), path)
    pages, _ = _render(_renderer(max_pages=3), path)
    # The block (x 100-300, y 100-200 pt from the bottom) at 1.25 px a point: rows 750-875, columns 125-375.
    assert len(pages) == 3 and pages[2][1][850, 200].max() < 40 and pages[2][1][50, 50].min() == 255


def test_check_docs_batch_goes_on_past_hostile_pdfs(tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    pytest.importorskip("onnx")
    from alyesdesk.cli import run as cli
    from alyesdesk.training.signatures.tiny import write_tiny_detector

    _renderer()  # skips without QtPdf
    model = write_tiny_detector(tmp_path / "model")
    folder = tmp_path / "in"
    folder.mkdir()
    _looping_pdf(folder / "a_loop.pdf")
    _pages_pdf(folder / "b_bomb.pdf", [(A4ISH, BOMB), (A4ISH, PLAIN)])
    cv2.imwrite(str(folder / "c_fine.png"), np.full((800, 600, 3), 255, np.uint8))
    fast = check_docs.pdf_renderer
    monkeypatch.setattr(check_docs, "pdf_renderer", lambda: fast(page_seconds=1.0))
    code = _finishes(lambda: cli(["check-docs", str(folder), "--model", str(model), "--json", "--no-store"]))
    by_name = {Path(d["path"]).name: d for d in json.loads(capsys.readouterr().out)}
    assert code == 3 and sorted(by_name) == ["a_loop.pdf", "b_bomb.pdf", "c_fine.png"]
    assert by_name["a_loop.pdf"]["status"] == "error" and "took longer" in by_name["a_loop.pdf"]["error"]
    bomb = by_name["b_bomb.pdf"]
    assert bomb["status"] == "ok" and bomb["verdict"] is not None  # checked, on the pages that rendered
    assert "took longer" in bomb["pages"][0]["error"] and bomb["pages"][1]["error"] is None
    assert by_name["c_fine.png"]["status"] == "ok"


# --- 7. folders: link loops, FIFOs, sockets, devices ------------------------------------------------
def _symlink(link: Path, target: str | Path) -> None:
    try:
        link.symlink_to(target, target_is_directory=Path(link.parent, target).is_dir())
    except OSError as exc:  # Windows without the privilege
        pytest.skip(f"cannot create symbolic links here: {exc}")


def _png(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    assert cv2.imwrite(str(path), np.full((8, 8, 3), 128, np.uint8))
    return path


def test_a_link_back_up_the_tree_lists_every_file_once(tmp_path: Path) -> None:
    top = tmp_path / "top"
    _png(top / "a.png")
    _png(top / "sub" / "b.png")
    _symlink(top / "sub" / "up", top)  # used to list every file 41 times
    entries = _finishes(lambda: expand_files([top], IMAGE_SUFFIXES))
    assert entries == [(top / "a.png", None), (top / "sub" / "b.png", None)]


def test_two_self_links_end_and_list_every_file_once(tmp_path: Path) -> None:
    _png(tmp_path / "a.png")
    _symlink(tmp_path / "x", ".")  # `ln -s . x; ln -s . y`: 2**40 paths
    _symlink(tmp_path / "y", ".")
    entries = _finishes(lambda: expand_documents([tmp_path, tmp_path / "x"]))
    assert entries == [(tmp_path / "a.png", None)]  # the same real folder given twice is walked once


def test_link_to_itself_and_broken_link_get_messages(tmp_path: Path) -> None:
    _symlink(tmp_path / "self.png", "self.png")
    _symlink(tmp_path / "gone.png", "nowhere.png")
    given = [tmp_path / "self.png", tmp_path / "gone.png", tmp_path / "missing.png"]
    entries = dict(expand_files(given, IMAGE_SUFFIXES))
    assert "loops back on itself" in entries[tmp_path / "self.png"]
    assert "broken symbolic link" in entries[tmp_path / "gone.png"]
    assert entries[tmp_path / "missing.png"] == "no such file or folder"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_fifo_is_reported_and_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "in" / "pipe.png"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    _png(tmp_path / "in" / "z.png")

    def release() -> None:  # opening the other end lets a blocked reader through
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    for given in ([fifo], [fifo.parent]):  # passed by name, and found in a folder
        entries = dict(_finishes(lambda given=given: expand_files(given, IMAGE_SUFFIXES), release))
        assert "is a named pipe (FIFO), not a regular file: skipped" in entries[fifo]
    assert entries[tmp_path / "in" / "z.png"] is None
    with pytest.raises(ImageError, match="named pipe"):
        _finishes(lambda: read_image(fifo), release)
    tif = tmp_path / "pipe.tif"
    os.mkfifo(tif)
    with pytest.raises(ImageError, match="named pipe"):
        _finishes(lambda: list(load_pages(tif)), lambda: os.close(os.open(tif, os.O_WRONLY | os.O_NONBLOCK)))


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_devices_and_sockets_are_skipped_with_a_message(tmp_path: Path) -> None:
    import socket

    entries = dict(expand_files(["/dev/null"], IMAGE_SUFFIXES))
    assert "is a character device, not a regular file" in entries[Path("/dev/null")]
    with pytest.raises(ImageError, match="character device"):
        read_image("/dev/null")
    sock_path = tmp_path / "s.png"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        assert "is a socket" in dict(expand_files([tmp_path], IMAGE_SUFFIXES))[sock_path]


# --- 8. decompression bombs in every accepted format -------------------------------------------------
def _riff(fourcc: bytes, chunk: bytes) -> bytes:
    body = b"WEBP" + fourcc + struct.pack("<I", len(chunk)) + chunk + b"\0" * (len(chunk) % 2)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _webp_vp8x(w: int, h: int) -> bytes:
    return _riff(b"VP8X", b"\0" * 4 + (w - 1).to_bytes(3, "little") + (h - 1).to_bytes(3, "little")) + bytes(200)


def _webp_vp8(w: int, h: int) -> bytes:
    return _riff(b"VP8 ", b"\x50\x02\x00\x9d\x01\x2a" + struct.pack("<HH", w, h) + bytes(200))


def _webp_vp8l(w: int, h: int) -> bytes:
    return _riff(b"VP8L", b"\x2f" + struct.pack("<I", (w - 1) | (h - 1) << 14) + bytes(200))


def _bmp(w: int, h: int, rle: bool = False) -> bytes:
    """An 8-bit bitmap; with `rle`, 64 bytes that OpenCV really decodes to w x h (RLE8 'end of bitmap')."""
    palette, pixels = b"\xff\xff\xff\x00\x00\x00\x00\x00", b"\x00\x01" if rle else bytes(200)
    info = struct.pack("<IiiHHIIiiII", 40, w, h, 1, 8, 1 if rle else 0, len(pixels), 2835, 2835, 2, 2)
    offset = 14 + len(info) + len(palette)
    return b"BM" + struct.pack("<IHHI", offset + len(pixels), 0, 0, offset) + info + palette + pixels


def _tiff(sizes: list[tuple[int, int]], big: bool = False) -> bytes:
    """A little-endian TIFF (or BigTIFF) whose IFDs give these page sizes (the pixel data is junk)."""
    entry, count, offset = ("<HHQQ", "<Q", "<Q") if big else ("<HHII", "<H", "<I")
    out = bytearray(b"II+\x00" + struct.pack("<HHQ", 8, 0, 0) if big else b"II*\x00" + struct.pack("<I", 0))
    link = 8 if big else 4  # where the previous "next IFD" offset goes
    for w, h in sizes:
        struct.pack_into(offset, out, link, len(out))
        tags = [(256, 4, 1, w), (257, 4, 1, h), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1), (273, 4, 1, 0),
                (277, 3, 1, 1), (278, 4, 1, h), (279, 4, 1, w * h)]
        out += struct.pack(count, len(tags)) + b"".join(struct.pack(entry, *tag) for tag in tags)
        link = len(out)
        out += struct.pack(offset, 0)
    return bytes(out + bytes(100))


BOMBS = {
    "vp8x.webp": (_webp_vp8x(20000, 20000), "20000x20000"),
    "vp8.webp": (_webp_vp8(16383, 16383), "16383x16383"),
    "vp8l.webp": (_webp_vp8l(16384, 16384), "16384x16384"),
    "plain.bmp": (_bmp(20000, 20000), "20000x20000"),
    "rle.bmp": (_bmp(20000, 20000, rle=True), "20000x20000"),
    "one.tif": (_tiff([(20000, 20000)]), "20000x20000"),
    "big.tif": (_tiff([(20000, 20000)], big=True), "20000x20000"),
    "second_page.tif": (_tiff([(100, 100), (20000, 20000)]), "page 2 is 20000x20000"),
}


def _peak_rss_bytes() -> int | None:
    """This process's peak resident memory so far, or None where `resource` is missing (Windows)."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # macOS counts bytes, Linux KiB


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_bomb_headers_are_refused_before_decoding(name: str, tmp_path: Path) -> None:
    data, size = BOMBS[name]
    assert len(data) < 600
    before = _peak_rss_bytes()
    with pytest.raises(ImageError, match=f"{size} pixels, over the 100 megapixel safety limit"):
        decode_image(data, name)
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ImageError, match=size):
        list(load_pages(path))
    # A decoder that believed the header would take 0.4-1.2 GB (the RLE bitmap really decodes).
    if before is not None:
        assert _peak_rss_bytes() - before < 150 * 1024 * 1024


def test_every_accepted_format_has_its_size_read_and_still_decodes() -> None:
    image = np.random.default_rng(1).integers(0, 255, (20, 30, 3), dtype=np.uint8)
    for suffix in (".png", ".jpg", ".bmp", ".webp", ".tiff"):
        data = cv2.imencode(suffix, image)[1].tobytes()
        assert read_header(data).sizes == ((30, 20),), suffix
        assert decode_image(data, f"x{suffix}").shape == (20, 30, 3), suffix
    lossless = cv2.imencode(".webp", image, [cv2.IMWRITE_WEBP_QUALITY, 101])[1].tobytes()
    assert read_header(lossless).sizes == ((30, 20),)
    assert read_header(_tiff([(40, 30), (50, 60)], big=True)).sizes == ((40, 30), (50, 60))


def test_unknown_or_damaged_headers_are_refused_not_decoded() -> None:
    ppm = cv2.imencode(".ppm", np.zeros((4, 4, 3), np.uint8))[1].tobytes()  # OpenCV would decode it
    with pytest.raises(ImageError, match=r"not an image.*supported: PNG, JPEG, BMP, WebP, TIFF"):
        decode_image(ppm, "photo.png")
    webp = cv2.imencode(".webp", np.zeros((4, 4, 3), np.uint8))[1].tobytes()
    with pytest.raises(ImageError, match="damaged WebP file: its header is corrupt or truncated"):
        decode_image(webp[:22], "cut.webp")
    with pytest.raises(ImageError, match="damaged TIFF file"):
        decode_image(_tiff([(0, 10)]), "no_width.tif")
