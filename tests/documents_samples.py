"""Sample documents for the Documents tests, made on the fly (nothing binary is committed).

The tiny test detector (alyesdesk.training.signatures.tiny) fires on large solid dark blobs, so a
"signed" page here is a page of thin text lines plus one black block where the signature would be.
"""

from __future__ import annotations

import struct
from pathlib import Path

import cv2
import numpy as np

SIGNATURE_BOX = (300, 560, 520, 680)  # x1, y1, x2, y2 on the 600x800 sample page


def page(signed: bool = True, w: int = 600, h: int = 800) -> np.ndarray:
    """A white portrait page with lines of "text" and, when signed, a solid black signature block."""
    img = np.full((h, w, 3), 255, np.uint8)
    for y in range(60, h - 60, 22):
        for x in range(40, w - 60, 70):
            cv2.line(img, (x, y), (x + 50, y), (30, 30, 30), 2)
    img[SIGNATURE_BOX[1] - 20 : SIGNATURE_BOX[3] + 20, SIGNATURE_BOX[0] - 20 : SIGNATURE_BOX[2] + 20] = 255
    if signed:
        x1, y1, x2, y2 = SIGNATURE_BOX
        img[y1:y2, x1:x2] = 0
    return img


def write_png(path: Path, image: np.ndarray) -> Path:
    assert cv2.imwrite(str(path), image)
    return path


def one_bit_tiff(path: Path, pages: list[np.ndarray]) -> Path:
    """An uncompressed multi-page 1-bit (bilevel, BlackIsZero) TIFF written by hand; pages are bool (True = white)."""
    out = bytearray(b"II*\x00" + struct.pack("<I", 0))
    prev_next = 4
    for bits in pages:
        h, w = bits.shape
        strip = np.packbits(bits.astype(np.uint8), axis=1).tobytes()
        strip_offset = len(out)
        out += strip
        if len(out) % 2:
            out += b"\x00"
        ifd_offset = len(out)
        entries = [(256, 3, 1, w), (257, 3, 1, h), (258, 3, 1, 1), (259, 3, 1, 1), (262, 3, 1, 1),
                   (273, 4, 1, strip_offset), (277, 3, 1, 1), (278, 3, 1, h), (279, 4, 1, len(strip))]
        out += struct.pack("<H", len(entries))
        for tag, typ, count, value in entries:
            out += struct.pack("<HHI", tag, typ, count) + (struct.pack("<HH", value, 0) if typ == 3 else struct.pack("<I", value))
        struct.pack_into("<I", out, prev_next, ifd_offset)
        prev_next = len(out)
        out += struct.pack("<I", 0)
    path.write_bytes(bytes(out))
    return path


def pdf_with_pages(path: Path, images: list[np.ndarray], points: tuple[float, float] = (595, 842)) -> Path:
    """A PDF (QPdfWriter) with one image per page filling an A4-sized page. Needs a Gui application."""
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setResolution(72)
    size = QPageSize(QSizeF(*points), QPageSize.Unit.Point, "custom")
    writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter(writer)
    for i, image in enumerate(images):
        if i:
            writer.newPage()
        h, w = image.shape[:2]
        rgb = np.ascontiguousarray(image[:, :, ::-1])
        qimage = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888)
        vp = painter.viewport()
        painter.drawImage(QRectF(0, 0, vp.width(), vp.height()), qimage)
    painter.end()
    return path


def encrypted_pdf(path: Path) -> Path:
    """A minimal PDF whose trailer names a Standard security handler with an unknown user password."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -44 >>",
    ]
    return _write_pdf(path, objects, b"/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]")


def pageless_pdf(path: Path) -> Path:
    """A well-formed PDF with zero pages."""
    return _write_pdf(path, [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"], b"")


def _write_pdf(path: Path, objects: list[bytes], trailer_extra: bytes) -> Path:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R ".encode() + trailer_extra + b" >>\n"
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def huge_png_header(path: Path, w: int = 30000, h: int = 30000) -> Path:
    """A PNG whose header declares an enormous page (the body is junk: the guard must refuse it first)."""
    import zlib

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    data = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    path.write_bytes(data + b"\x00" * 64)
    return path
