"""Image sizes read from file headers, without decoding a pixel: what the decompression-bomb guard needs.

A few hundred bytes can claim 20000 x 20000 pixels (an RLE bitmap, a lossless WebP of one colour), and
a decoder allocates whatever the header claims before it finds out. So every format the app accepts
(`images.IMAGE_SUFFIXES`: PNG, JPEG, BMP, WebP with VP8, VP8L or VP8X, TIFF and BigTIFF with all their
pages) has its size read here first; a format not listed here, or a header that cannot be parsed, gives
no size, and the caller refuses the file instead of decoding it blindly. Qt-free, numpy-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Size = tuple[int, int]  # (width, height) in pixels

# Stop walking a TIFF's page chain here (the page loader reads at most 2000 pages), and look at most at
# this many entries of one IFD (real ones hold 10-30): a crafted file must not make parsing the slow part.
MAX_TIFF_PAGES = 2000
MAX_TIFF_ENTRIES = 256

_JPEG_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
_JPEG_STANDALONE = frozenset({0x01, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8})


@dataclass(frozen=True)
class ImageHeader:
    """The accepted image format `read_header` found, and the (width, height) in pixels of each image."""

    kind: str  # "PNG", "JPEG", "BMP", "WebP" or "TIFF"
    sizes: tuple[Size, ...]  # one per image; several for a multi-page TIFF; empty when unparseable


def read_header(data: bytes) -> ImageHeader | None:
    """The format and the size of every image `data` holds; None when it is none of the accepted formats.

    A known format whose header is damaged or truncated comes back with no sizes.
    """
    for kind, magic, parse in _FORMATS:
        if magic(data):
            sizes = parse(data)
            valid = bool(sizes) and all(w > 0 and h > 0 for w, h in sizes)
            return ImageHeader(kind, tuple(sizes) if valid else ())
    return None


def _u(data: bytes, offset: int, size: int, order: str = "little") -> int:
    """An unsigned integer of `size` bytes at `offset` (0 past the end: callers check lengths first)."""
    byteorder: Literal["little", "big"] = "big" if order == "big" else "little"
    return int.from_bytes(data[offset : offset + size], byteorder)


# --- PNG, JPEG, BMP ----------------------------------------------------------------------------------
def _png_sizes(data: bytes) -> list[Size]:
    if len(data) < 24 or data[12:16] != b"IHDR":
        return []
    return [(_u(data, 16, 4, "big"), _u(data, 20, 4, "big"))]


def _jpeg_sizes(data: bytes) -> list[Size]:
    """The first frame header (SOFn); none before the scan data (SOS) or the end means unparseable."""
    i = 2
    while True:
        i = data.find(b"\xff", i)  # skips fill bytes without a Python loop over a hostile file
        if i < 0 or i + 1 >= len(data):
            return []
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
        elif marker in _JPEG_SOF:
            if i + 9 > len(data):
                return []
            return [(_u(data, i + 7, 2, "big"), _u(data, i + 5, 2, "big"))]
        elif marker in (0xDA, 0xD9):  # scan data or end of image: the frame header never came
            return []
        elif marker in _JPEG_STANDALONE or marker == 0x00:
            i += 2
        else:
            i += 2 + _u(data, i + 2, 2, "big")


def _bmp_sizes(data: bytes) -> list[Size]:
    """BITMAPCOREHEADER (12 bytes, 16-bit sizes) or any later header (signed 32-bit; negative height
    means top-down rows).
    """
    info = _u(data, 14, 4)
    if info == 12 and len(data) >= 22:
        return [(_u(data, 18, 2), _u(data, 20, 2))]
    if info >= 16 and len(data) >= 26:
        w = int.from_bytes(data[18:22], "little", signed=True)
        h = int.from_bytes(data[22:26], "little", signed=True)
        return [(w, abs(h))]
    return []


# --- WebP --------------------------------------------------------------------------------------------
def _webp_sizes(data: bytes) -> list[Size]:
    """The first chunk says it: VP8 (lossy key frame), VP8L (lossless) or VP8X (extended: the canvas,
    which bounds every frame and what the decoder allocates).
    """
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        return [(_u(data, 26, 2) & 0x3FFF, _u(data, 28, 2) & 0x3FFF)]
    if chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        bits = _u(data, 21, 4)
        return [((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)]
    if chunk == b"VP8X" and len(data) >= 30:
        return [(_u(data, 24, 3) + 1, _u(data, 27, 3) + 1)]
    return []


# --- TIFF --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _TiffLayout:
    order: str  # "little" or "big"
    offset_size: int  # 4 (classic) or 8 (BigTIFF): IFD offsets, entry counts and values
    count_size: int  # bytes of an IFD's entry count: 2 or 8
    entry_size: int  # 12 or 20


def _tiff_layout(data: bytes) -> _TiffLayout | None:
    if len(data) < 8 or data[:2] not in (b"II", b"MM"):
        return None
    order = "little" if data[:2] == b"II" else "big"
    version = _u(data, 2, 2, order)
    if version == 42:
        return _TiffLayout(order, 4, 2, 12)
    if version == 43 and len(data) >= 16 and _u(data, 4, 2, order) == 8:
        return _TiffLayout(order, 8, 8, 20)
    return None


def tiff_sizes(data: bytes, max_pages: int = MAX_TIFF_PAGES) -> list[Size]:
    """Width x height of every page (IFD) of a TIFF or BigTIFF, in order, without decoding pixels.

    [] when `data` is not a TIFF or its first IFD cannot be read; a page whose IFD gives no width or
    height is (0, 0), which `read_header` reports as unparseable.
    """
    layout = _tiff_layout(data)
    if layout is None:
        return []
    sizes: list[Size] = []
    seen: set[int] = set()
    offset = _u(data, 4 if layout.offset_size == 4 else 8, layout.offset_size, layout.order)
    while 0 < offset < len(data) and offset not in seen and len(sizes) < max_pages:
        seen.add(offset)  # a chain that loops back is read once
        size, offset = _tiff_ifd(data, offset, layout)
        if size is None:
            break
        sizes.append(size)
    return sizes


def _tiff_ifd(data: bytes, offset: int, layout: _TiffLayout) -> tuple[Size | None, int]:
    """One IFD's (width, height) and the offset of the next IFD (0 at the end); None if it is cut off."""
    n = _u(data, offset, layout.count_size, layout.order)
    first = offset + layout.count_size
    end = first + n * layout.entry_size
    if end > len(data):
        return None, 0
    found: dict[int, int] = {}
    for e in range(first, min(end, first + MAX_TIFF_ENTRIES * layout.entry_size), layout.entry_size):
        tag = _u(data, e, 2, layout.order)
        if tag in (256, 257):  # ImageWidth, ImageLength
            found[tag] = _tiff_value(data, e, layout)
            if len(found) == 2:
                break
    size = (found.get(256, 0), found.get(257, 0))
    return size, _u(data, end, layout.offset_size, layout.order) if end + layout.offset_size <= len(data) else 0


def _tiff_value(data: bytes, entry: int, layout: _TiffLayout) -> int:
    """A SHORT, LONG or LONG8 value stored inline in an IFD entry (left-justified in the value field)."""
    typ = _u(data, entry + 2, 2, layout.order)
    value = entry + 4 + layout.offset_size  # after tag, type and count
    width = {3: 2, 4: 4, 16: 8}.get(typ, 0)
    return _u(data, value, width, layout.order) if width else 0


def _is_webp(data: bytes) -> bool:
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP"


_FORMATS = (
    ("PNG", lambda d: d[:8] == b"\x89PNG\r\n\x1a\n", _png_sizes),
    ("JPEG", lambda d: d[:2] == b"\xff\xd8", _jpeg_sizes),
    ("BMP", lambda d: d[:2] == b"BM", _bmp_sizes),
    ("WebP", _is_webp, _webp_sizes),
    ("TIFF", lambda d: _tiff_layout(d) is not None, tiff_sizes),
)
