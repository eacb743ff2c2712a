"""Reading images safely and turning them into model tensors as the sidecar says."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np

from alyesdesk.inference.errors import ImageError
from alyesdesk.inference.image_headers import ImageHeader, read_header
from alyesdesk.inference.inputs import read_regular_file
from alyesdesk.texts import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from alyesdesk.inference.sidecar import TensorSpec

# Decompression-bomb guard: a 100-megapixel image is ~300 MB decoded; anything larger is refused.
MAX_PIXELS = 100_000_000
MAX_FILE_BYTES = 200 * 1024 * 1024
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp")
SUPPORTED = "PNG, JPEG, BMP, WebP, TIFF"  # the formats `image_headers` can size; nothing else is decoded


def check_header(data: bytes, name: str = "image") -> ImageHeader:
    """The header of `data` when it is an accepted format whose every image is within MAX_PIXELS.

    Nothing is decoded: this is the decompression-bomb guard, so it runs before any decoder sees the
    bytes. An unknown format or a header that cannot be parsed is refused, never decoded blindly.
    """
    header = read_header(data)
    if header is None:
        raise ImageError(QT_TRANSLATE_NOOP(
            "Errors", "{name}: not an image, or the file is corrupt or truncated (supported: {formats})",
        ).format(name=name, formats=SUPPORTED))
    if not header.sizes:
        raise ImageError(QT_TRANSLATE_NOOP(
            "Errors", "{name}: a damaged {kind} file: its header is corrupt or truncated, "
                      "so its size is unknown and it is not decoded",
        ).format(name=name, kind=header.kind))
    for page, (w, h) in enumerate(header.sizes, start=1):
        if w * h > MAX_PIXELS:
            what = (QT_TRANSLATE_NOOP("Errors", "image") if len(header.sizes) == 1
                    else QT_TRANSLATE_NOOP("Errors", "page {page}").format(page=page))
            raise ImageError(QT_TRANSLATE_NOOP(
                "Errors", "{name}: {what} is {width}x{height} pixels, over the {limit} "
                          "megapixel safety limit; scale it down first",
            ).format(name=name, what=what, width=w, height=h, limit=MAX_PIXELS // 1_000_000))
    return header


def decode_image(data: bytes, name: str = "image") -> np.ndarray:
    """Decode bytes to an 8-bit BGR array; ImageError with a plain reason for anything unusable.

    Grey, alpha, 16-bit and CMYK inputs are all normalised to 8-bit BGR.
    """
    if not data:
        raise ImageError(QT_TRANSLATE_NOOP("Errors", "{name}: the file is empty (0 bytes)").format(name=name))
    check_header(data, name)
    buffer = np.frombuffer(data, dtype=np.uint8)
    image = cv2.imdecode(buffer, cv2.IMREAD_UNCHANGED | cv2.IMREAD_ANYDEPTH)
    if image is None:
        raise ImageError(QT_TRANSLATE_NOOP(
            "Errors", "{name}: not an image, or the file is corrupt or truncated").format(name=name))
    if image.size == 0:
        raise ImageError(QT_TRANSLATE_NOOP("Errors", "{name}: the image has no pixels").format(name=name))
    if image.shape[0] * image.shape[1] > MAX_PIXELS:  # the header lied: still refuse what was decoded
        raise ImageError(QT_TRANSLATE_NOOP("Errors", "{name}: image over the {limit} megapixel safety limit").format(
            name=name, limit=MAX_PIXELS // 1_000_000))
    return to_bgr8(image)


def to_bgr8(image: np.ndarray) -> np.ndarray:
    """Any OpenCV image (grey, BGRA, 16-bit, float) as 8-bit, 3-channel BGR."""
    if image.dtype == np.uint16:
        image = (image >> 8).astype(np.uint8)
    elif image.dtype in (np.float32, np.float64):
        image = np.clip(image * (255.0 if image.max() <= 1.0 else 1.0), 0, 255).astype(np.uint8)
    elif image.dtype != np.uint8:
        image = cv2.normalize(image, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)  # type: ignore[call-overload]  # dst=None is fine at runtime, not in OpenCV's stubs
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.shape[2] == 4:
        # Composite transparency on white: transparent product shots then look like their thumbnail.
        alpha = image[:, :, 3:4].astype(np.float32) / 255.0
        rgb = image[:, :, :3].astype(np.float32)
        return (rgb * alpha + 255.0 * (1.0 - alpha)).astype(np.uint8)
    if image.shape[2] == 1:
        return cv2.cvtColor(image[:, :, 0], cv2.COLOR_GRAY2BGR)
    return np.ascontiguousarray(image[:, :, :3])


def read_image(path: str | Path) -> np.ndarray:
    """Read an image file as 8-bit BGR with the same guards as `decode_image` (regular files only:
    a named pipe or a device is refused before it is opened).
    """
    path = Path(path)
    return decode_image(read_regular_file(path, MAX_FILE_BYTES, QT_TRANSLATE_NOOP("Errors", "an image")), path.name)


@dataclass(frozen=True)
class Geometry:
    """How an image was mapped onto the model input, to map results back to image pixels."""

    scale_x: float
    scale_y: float
    pad_x: float
    pad_y: float
    src_w: int
    src_h: int

    def to_source(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (x - self.pad_x) / self.scale_x, (y - self.pad_y) / self.scale_y


def resize_for(image: np.ndarray, spec: TensorSpec) -> tuple[np.ndarray, Geometry]:
    """Resize an image to the input's size using the sidecar's policy."""
    h, w = spec.spatial_size
    src_h, src_w = image.shape[:2]
    policy = spec.resize or "stretch"
    interp = cv2.INTER_AREA if src_w * src_h > w * h else cv2.INTER_LINEAR
    if policy == "stretch" or policy == "none":
        out = cv2.resize(image, (w, h), interpolation=interp)
        return out, Geometry(w / src_w, h / src_h, 0.0, 0.0, src_w, src_h)
    if policy == "letterbox":
        scale = min(w / src_w, h / src_h)
        nw, nh = max(1, round(src_w * scale)), max(1, round(src_h * scale))
        resized = cv2.resize(image, (nw, nh), interpolation=interp)
        fill = 255 if image.ndim == 2 else (255, 255, 255)
        px, py = (w - nw) // 2, (h - nh) // 2
        out = cv2.copyMakeBorder(resized, py, h - nh - py, px, w - nw - px, cv2.BORDER_CONSTANT, value=fill)  # type: ignore[arg-type]  # a grey int is fine at runtime, not in OpenCV's stubs
        return out, Geometry(scale, scale, float(px), float(py), src_w, src_h)
    # center_crop: scale the short side to fit, crop the middle
    scale = max(w / src_w, h / src_h)
    nw, nh = max(w, round(src_w * scale)), max(h, round(src_h * scale))
    resized = cv2.resize(image, (nw, nh), interpolation=interp)
    x0, y0 = (nw - w) // 2, (nh - h) // 2
    return resized[y0 : y0 + h, x0 : x0 + w], Geometry(scale, scale, -float(x0), -float(y0), src_w, src_h)


def to_tensor(image_bgr: np.ndarray, spec: TensorSpec) -> tuple[np.ndarray, Geometry]:
    """An 8-bit BGR image as the batch-of-one tensor `spec` describes (colour, size, scale, layout)."""
    if spec.color_order == "GRAY":
        image = cv2.cvtColor(image_bgr, cv2.COLOR_BGR2GRAY)
    elif spec.color_order == "RGB":
        image = cv2.cvtColor(image_bgr, cv2.COLOR_BGR2RGB)
    else:
        image = image_bgr
    resized, geometry = resize_for(image, spec)
    if resized.ndim == 2:
        resized = resized[:, :, None]
    if spec.dtype == "uint8":
        tensor = resized
    else:
        tensor = resized.astype(np.float32) * spec.scale
        if spec.mean:
            tensor -= np.asarray(spec.mean, dtype=np.float32)
        if spec.std:
            tensor /= np.asarray(spec.std, dtype=np.float32)
    if spec.layout == "NCHW":
        tensor = tensor.transpose(2, 0, 1)
    return np.ascontiguousarray(tensor[None]).astype(spec.dtype, copy=False), geometry
