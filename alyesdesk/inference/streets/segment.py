"""The "segment" backend: an image in, a category index per pixel of that image out.

Reads everything from the sidecar: categories (names and colours, in output-channel order), the input
geometry and normalisation (through `images.to_tensor`), and `segment.void_category` /
`segment.predict_void` (a "void" class that the model may emit but that the app should not show as an
answer), and `segment.class_bias` (optional per-category offsets added to the scores before the argmax).
Two output forms are accepted so imported segmenters work too:

- logits or probabilities, rank 4: (1, C, h, w), or (1, h, w, C) when the output's layout is NHWC;
- a label map, rank 3 (1, h, w) or rank 4 with one channel, integer class indices.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import cv2
import numpy as np

from alyesdesk.inference.backend import ModelBackend, require
from alyesdesk.inference.errors import ImageError, ModelError
from alyesdesk.inference.images import Geometry, to_tensor
from alyesdesk.inference.registry import register_backend

# Logits are warped to the image size before the argmax (smooth edges); above this many pixels the
# argmax runs at this size and the labels are scaled up by nearest neighbour (bounded memory).
MAX_LOGIT_PIXELS = 2_000_000
# Offsets beyond this would not nudge a trade between categories but overrule the model.
MAX_CLASS_BIAS = 10.0


@dataclass(frozen=True)
class Segmentation:
    """Labels at the input image's size, and the category names/colours they index."""

    labels: np.ndarray  # (H, W) uint8 category indices
    categories: tuple[str, ...]
    colours: tuple[str, ...]  # "#rrggbb", same order

    @property
    def size(self) -> tuple[int, int]:
        """(width, height)."""
        return int(self.labels.shape[1]), int(self.labels.shape[0])


@register_backend("segment")
class Segmenter(ModelBackend):
    """The "segment" backend (see the module doc): `segment(image)` labels every pixel of an 8-bit BGR image.

    Scores get `class_bias` added and the void category dropped (unless `predict_void`) before the argmax;
    a label-map output is only clipped to the categories and resized to the image (neither applies).
    """

    required_keys = ("categories",)

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.spec.categories)

    @property
    def colours(self) -> tuple[str, ...]:
        return tuple(colour for _, colour in self.spec.categories)

    @property
    def void_index(self) -> int | None:
        name = self.spec.text("segment.void_category")
        return self.categories.index(name) if name in self.categories else None

    @property
    def predict_void(self) -> bool:
        return self.spec.flag("segment.predict_void", True)

    @cached_property
    def class_bias(self) -> np.ndarray | None:
        """Per-category offsets added to the scores before the argmax (`segment.class_bias`), or None.

        Why: a compact model trades one category against another at the argmax; offsets chosen on held-out
        training images move that trade without retraining (see `training/streets/bias.py`).
        """
        bias = self.spec.numbers("segment.class_bias", len(self.categories), low=-MAX_CLASS_BIAS, high=MAX_CLASS_BIAS)
        return None if bias is None else np.asarray(bias, np.float32)

    def check_spec(self) -> None:
        super().check_spec()
        require(len(self.spec.categories) <= 255, "a segmenter may have at most 255 categories")
        # One fixed-size image input (the sidecar checks guarantee the fixed size of image inputs).
        self.require_one_image_input()
        void = self.spec.text("segment.void_category")
        require(void is None or void in self.categories,
                f"segment.void_category is {void!r}, which is not one of the categories")
        _ = self.predict_void
        _ = self.class_bias

    def check_outputs(self) -> None:
        # The declared output shape was just compared with the model's by the base class.
        shape = list(self.spec.outputs[0].shape)
        require(len(shape) in (3, 4), f"segment output must have rank 3 or 4, got shape {shape}")
        if len(shape) == 4:
            layout = self.spec.outputs[0].layout or "NCHW"
            channels = shape[3] if layout == "NHWC" else shape[1]
            if isinstance(channels, int) and channels != 1:
                require(
                    channels == len(self.categories),
                    f"segment output has {channels} channels but the sidecar lists "
                    f"{len(self.categories)} categories",
                )

    def check_sample_outputs(self, outputs: dict[str, np.ndarray]) -> None:
        # The label map or scores the post-processing expects: (1, C, h, w) with C the categories (or 1),
        # or a (1, h, w) label map.
        output = outputs[self.spec.outputs[0].name]
        layout = self.spec.outputs[0].layout or "NCHW"
        channels = (output.shape[3] if layout == "NHWC" else output.shape[1]) if output.ndim == 4 else 1
        if output.ndim not in (3, 4) or output.shape[0] != 1 or channels not in (1, len(self.categories)):
            raise ModelError(f"output '{self.spec.outputs[0].name}' has shape {list(output.shape)} for one image; "
                             f"expected (1, {len(self.categories)}, h, w) scores or a (1, h, w) label map")
        if 0 in output.shape:
            raise ModelError(f"output '{self.spec.outputs[0].name}' is empty: shape {list(output.shape)}")

    def segment(self, image_bgr: np.ndarray) -> Segmentation:
        """Label every pixel of an 8-bit BGR image (any size)."""
        if image_bgr is None or image_bgr.ndim != 3 or image_bgr.shape[2] != 3 or image_bgr.size == 0:
            raise ImageError("segmentation needs an 8-bit BGR image with 3 channels")
        tensor, geometry = to_tensor(image_bgr, self.input)
        output = self.run({self.input.name: tensor})[0]
        labels = self.labels_from_output(output, geometry)
        return Segmentation(labels, self.categories, self.colours)

    # --- post-processing (public for tests and training evaluation) ------------------------------
    def labels_from_output(self, output: np.ndarray, geometry: Geometry) -> np.ndarray:
        output = np.asarray(output)
        layout = self.spec.outputs[0].layout or "NCHW"
        if output.ndim == 4 and layout == "NHWC":
            output = output.transpose(0, 3, 1, 2)
        if output.ndim == 4 and output.shape[1] == 1:
            output = output[:, 0]
        if output.ndim == 3:  # already a label map
            labels = np.clip(output[0], 0, len(self.categories) - 1).astype(np.uint8)
            return warp_to_source(labels, geometry, nearest=True)
        scores = output[0]
        bias = self.class_bias
        if bias is not None and len(bias) == scores.shape[0]:
            scores = scores + bias[:, None, None]
        allowed = np.arange(scores.shape[0], dtype=np.uint8)
        if self.void_index is not None and not self.predict_void:
            # Drop the void plane before the argmax: cheaper than masking it, and never chosen.
            allowed = np.delete(allowed, self.void_index)
            scores = scores[allowed]
        return allowed[labels_from_scores(scores, geometry)]


def labels_from_scores(scores: np.ndarray, geometry: Geometry) -> np.ndarray:
    """(C, h, w) scores in model-input pixels -> (H, W) uint8 argmax in source pixels."""
    src_w, src_h = geometry.src_w, geometry.src_h
    shrink = min(1.0, (MAX_LOGIT_PIXELS / max(1, src_w * src_h)) ** 0.5)
    # Channels-last: one warp call for all planes and a contiguous argmax (about 3x faster than planes).
    hwc = np.ascontiguousarray(scores.transpose(1, 2, 0), dtype=np.float32)
    work = warp_to_source(hwc, geometry, shrink=shrink)
    labels = work.argmax(-1).astype(np.uint8) if work.ndim == 3 else np.zeros(work.shape, np.uint8)
    if labels.shape != (src_h, src_w):
        labels = cv2.resize(labels, (src_w, src_h), interpolation=cv2.INTER_NEAREST)
    return labels


def warp_to_source(image: np.ndarray, geometry: Geometry, *, shrink: float = 1.0, nearest: bool = False) -> np.ndarray:
    """Map an (h, w[, C]) array in model-input pixels back onto the source image (any resize policy).

    Model pixel centre = (source pixel centre) * scale + pad, the inverse of `images.resize_for`; outside
    the model's view (centre crop) the nearest edge value is repeated.
    """
    out_w = max(1, round(geometry.src_w * shrink))
    out_h = max(1, round(geometry.src_h * shrink))
    sx, sy = geometry.scale_x / shrink, geometry.scale_y / shrink
    matrix = np.array(
        [[sx, 0.0, 0.5 * sx - 0.5 + geometry.pad_x], [0.0, sy, 0.5 * sy - 0.5 + geometry.pad_y]],
        dtype=np.float64,
    )
    flags = (cv2.INTER_NEAREST if nearest else cv2.INTER_LINEAR) | cv2.WARP_INVERSE_MAP
    channels = image.shape[2] if image.ndim == 3 else 1
    if geometry.pad_x == 0 and geometry.pad_y == 0 and channels <= 32:
        # stretch: the same mapping as a plain resize, which has a much faster multi-channel path
        interp = cv2.INTER_NEAREST if nearest else cv2.INTER_LINEAR
        out = cv2.resize(image, (out_w, out_h), interpolation=interp)
        return out[:, :, None] if image.ndim == 3 and out.ndim == 2 else out
    if channels <= 32:
        out = cv2.warpAffine(image, matrix, (out_w, out_h), flags=flags, borderMode=cv2.BORDER_REPLICATE)
        return out[:, :, None] if image.ndim == 3 and out.ndim == 2 else out
    # very many categories: warp in chunks OpenCV handles
    return np.concatenate(
        [warp_to_source(image[:, :, i : i + 32], geometry, shrink=shrink, nearest=nearest) for i in range(0, channels, 32)],
        axis=2,
    )
