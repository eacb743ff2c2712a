"""Second-look backend ("verify"): crops each box a detector found from the full-resolution image and
says how likely the crop really is the object sought.

Why: the signature detector sees a whole page squeezed to 384 px, where a handwritten date or initials
look much like a signature. The verifier sees each candidate at about its scanned size.

The sidecar is a classifier's (labels, one image input, [batch, n_labels] logits) plus:
  crop.context  how much of the box's width/height is added on each side before cropping (default 0.15)
  crop.pad_px   a fixed margin in image pixels added on top (default 4)
  positive      the label whose probability is returned (default: the last label)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TYPE_CHECKING

import numpy as np

from alyesdesk.inference.backend import require
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.classifier import Classifier, softmax
from alyesdesk.inference.images import to_tensor
from alyesdesk.inference.registry import register_backend

if TYPE_CHECKING:
    from alyesdesk.inference.sidecar import TensorSpec

MAX_CONTEXT = 10.0  # crop.context: a fraction of the box's size added on each side
MAX_PAD_PX = 10_000.0  # crop.pad_px


def linked_verifier_path(detector_onnx: Path, spec: Any) -> Path | None:
    """The verifier ONNX a detector's sidecar names (`documents.verifier`), or None if it names none.

    The name must be a bare file name, and the ONNX and its .json sidecar must sit beside the detector;
    ModelError otherwise (the app and the importer both refuse a detector without its verifier).
    """
    name = spec.get("documents.verifier")
    if not name:
        return None
    name = str(name)
    if Path(name).name != name:
        raise ModelError(f"documents.verifier must be a file name beside the detector, got {name!r}")
    path = Path(detector_onnx).parent / name
    if not path.is_file() or not path.with_suffix(".json").is_file():
        raise ModelError(f"{Path(detector_onnx).name} needs its verifier {name}, which is not beside it; put "
                         f"{name} and its .json sidecar beside the model, or remove documents.verifier")
    return path


def crop_window(shape: tuple[int, ...], box: np.ndarray, context: float, pad_px: float) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of the box grown by `context` of its size plus `pad_px` on each side,
    clipped to an image of `shape`; never empty (at least 2x2, at the nearest edge for a box outside).
    """
    h, w = shape[:2]
    x1, y1, x2, y2 = (float(v) for v in box[:4])
    bw, bh = max(0.0, x2 - x1), max(0.0, y2 - y1)
    left = max(0, int(min(max(0.0, x1 - context * bw - pad_px), w - 2)))  # w - 2 < 0 on a 1-px image
    top = max(0, int(min(max(0.0, y1 - context * bh - pad_px), h - 2)))
    right = max(int(min(float(w), x2 + context * bw + pad_px)), left + 2)
    bottom = max(int(min(float(h), y2 + context * bh + pad_px)), top + 2)
    return left, top, right, bottom


def crop_box(image: np.ndarray, box: np.ndarray, context: float, pad_px: float) -> np.ndarray:
    """The pixels of `crop_window` (a view, not a copy)."""
    left, top, right, bottom = crop_window(image.shape, box, context, pad_px)
    return image[top:bottom, left:right]


def crop_tensor(image_bgr: np.ndarray, box: np.ndarray, spec: TensorSpec, context: float, pad_px: float) -> np.ndarray:
    """The batch-of-one model input for one box: its crop, then the sidecar's resize and normalisation.
    The training script calls this too, so training and the app see the same pixels.
    """
    tensor, _ = to_tensor(crop_box(image_bgr, box, context, pad_px), spec)
    return tensor


@register_backend("verify")
class CropVerifier(Classifier):
    """A classifier run on detector boxes; `probabilities()` gives P(positive) per box."""

    required_keys = ("labels",)

    def check_spec(self) -> None:
        super().check_spec()
        require(self.positive in self.spec.labels,
                f"'positive' is '{self.positive}', which is not one of the labels {list(self.spec.labels[:20])}")
        _ = self.context, self.pad_px

    @property
    def positive(self) -> str:
        return str(self.spec.text("positive", self.spec.labels[-1]))

    @property
    def context(self) -> float:
        return self.spec.number("crop.context", 0.15, low=0.0, high=MAX_CONTEXT)

    @property
    def pad_px(self) -> float:
        return self.spec.number("crop.pad_px", 4.0, low=0.0, high=MAX_PAD_PX)

    def tensor(self, image_bgr: np.ndarray, box: np.ndarray) -> np.ndarray:
        return crop_tensor(image_bgr, box, self.input, self.context, self.pad_px)

    def probabilities(self, image_bgr: np.ndarray, boxes: np.ndarray) -> np.ndarray:
        """P(positive) for each (x1, y1, x2, y2) box in `image_bgr`'s pixels; one value per box."""
        boxes = np.asarray(boxes, np.float32).reshape(-1, 4)
        if len(boxes) == 0:
            return np.zeros(0, np.float32)
        index = list(self.spec.labels).index(self.positive)
        batch_fixed = isinstance(self.input.shape[0], int)
        tensors = [self.tensor(image_bgr, b) for b in boxes]
        chunks = [[t] for t in tensors] if batch_fixed else [tensors]
        logits = np.concatenate([self._logits(np.concatenate(c)) for c in chunks])
        return softmax(logits, self.spec.temperature)[:, index].astype(np.float32)

    def _logits(self, batch: np.ndarray) -> np.ndarray:
        out = np.asarray(self.run({self.input.name: batch})[0], np.float32)
        if out.shape != (len(batch), len(self.spec.labels)):
            raise ModelError(f"{self.onnx_path.name} returned shape {list(out.shape)} for {len(batch)} crops; "
                             f"expected [{len(batch)}, {len(self.spec.labels)}]")
        return out
