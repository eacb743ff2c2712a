"""Image decoding guards: every bad input gets a clear ImageError, odd formats are normalised."""

from __future__ import annotations

import struct
import zlib

import cv2
import numpy as np
import pytest

from alyesdesk.inference.errors import ImageError
from alyesdesk.inference.images import decode_image, read_image


def _png(image: np.ndarray) -> bytes:
    ok, buf = cv2.imencode(".png", image)
    assert ok
    return buf.tobytes()


def test_empty_and_garbage_and_truncated(tmp_path) -> None:
    with pytest.raises(ImageError, match="empty"):
        decode_image(b"", "zero.png")
    with pytest.raises(ImageError, match="not an image"):
        decode_image(b"hello world" * 10, "notes.png")
    jpeg = cv2.imencode(".jpg", np.full((64, 64, 3), 128, np.uint8))[1].tobytes()
    with pytest.raises(ImageError, match="corrupt or truncated"):
        decode_image(jpeg[:20], "cut.jpg")
    with pytest.raises(ImageError, match="folder"):
        read_image(tmp_path)


def test_decompression_bomb_header_is_refused() -> None:
    # A PNG header claiming 50000x50000 pixels: refused before any pixel is decoded.
    ihdr = struct.pack(">IIBBBBB", 50000, 50000, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    data = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    with pytest.raises(ImageError, match="megapixel"):
        decode_image(data, "bomb.png")


@pytest.mark.parametrize(
    "image",
    [
        np.full((10, 12), 200, np.uint8),  # grey
        np.full((10, 12), 50000, np.uint16),  # 16-bit grey
        np.full((10, 12, 3), 40000, np.uint16),  # 16-bit colour
        np.dstack([np.full((10, 12, 3), 10, np.uint8), np.zeros((10, 12), np.uint8)]),  # transparent
    ],
)
def test_odd_formats_become_bgr8(image) -> None:
    out = decode_image(_png(image), "odd.png")
    assert out.shape == (10, 12, 3) and out.dtype == np.uint8


def test_alpha_composited_on_white() -> None:
    rgba = np.dstack([np.zeros((4, 4, 3), np.uint8), np.zeros((4, 4), np.uint8)])
    assert decode_image(_png(rgba)).min() == 255
