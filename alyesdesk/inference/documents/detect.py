"""Object detection backend ("detect") for anchor-free centre-heatmap + ltrb-distance models.

The ONNX graph returns a centre heatmap and, per cell, distances to the box edges; peak picking, NMS
and the mapping back to image pixels are numpy/OpenCV here, so the training code scores its
validation set with exactly the decoding the app ships. Everything model-specific comes from the
sidecar:

    "decoder": {"type": "centre_ltrb", "stride": 8, "heatmap": "heatmap", "ltrb": "ltrb", "top_k": 100}
    "thresholds": {"score": 0.4, "review": 0.2, "nms_iou": 0.5}

`score` is the shipped operating point (a box at or above it counts); `review` (<= score) keeps weaker
boxes as "needs review" candidates; boxes below `review` are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from alyesdesk.inference.backend import ModelBackend, require
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.images import Geometry, to_tensor
from alyesdesk.inference.registry import register_backend

DECODER_TYPES = ("centre_ltrb",)
MAX_STRIDE = 1024.0  # decoder.stride, in input pixels per heatmap cell
MAX_TOP_K = 10_000  # decoder.top_k
MAX_PDF_LONG_SIDE = 10_000  # documents.pdf_long_side_px


def decode_centres(
    heatmap: np.ndarray,
    ltrb: np.ndarray,
    stride: float,
    min_score: float,
    top_k: int = 100,
) -> tuple[np.ndarray, np.ndarray]:
    """Peaks of a (H, W) heatmap and their (4, H, W) distances -> boxes (N, 4) in input px, scores (N,).

    A peak is a cell equal to the max of its 3x3 neighbourhood (the CenterNet trick replacing most NMS).
    """
    heat = np.asarray(heatmap, dtype=np.float32)
    peaks = cv2.dilate(heat, np.ones((3, 3), np.uint8))
    keep = (heat >= peaks) & (heat >= min_score)
    ys, xs = np.nonzero(keep)
    if ys.size == 0:
        return np.zeros((0, 4), np.float32), np.zeros((0,), np.float32)
    scores = heat[ys, xs]
    order = np.argsort(-scores)[:top_k]
    ys, xs, scores = ys[order], xs[order], scores[order]
    cx = (xs.astype(np.float32) + 0.5) * stride
    cy = (ys.astype(np.float32) + 0.5) * stride
    d = ltrb[:, ys, xs].astype(np.float32)
    boxes = np.stack([cx - d[0], cy - d[1], cx + d[2], cy + d[3]], axis=1)
    return boxes, scores.astype(np.float32)


def iou_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Pairwise IoU of (N, 4) and (M, 4) x1y1x2y2 boxes."""
    a = np.asarray(a, np.float64).reshape(-1, 4)
    b = np.asarray(b, np.float64).reshape(-1, 4)
    x1 = np.maximum(a[:, None, 0], b[None, :, 0])
    y1 = np.maximum(a[:, None, 1], b[None, :, 1])
    x2 = np.minimum(a[:, None, 2], b[None, :, 2])
    y2 = np.minimum(a[:, None, 3], b[None, :, 3])
    inter = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
    area_a = np.clip(a[:, 2] - a[:, 0], 0, None) * np.clip(a[:, 3] - a[:, 1], 0, None)
    area_b = np.clip(b[:, 2] - b[:, 0], 0, None) * np.clip(b[:, 3] - b[:, 1], 0, None)
    union = area_a[:, None] + area_b[None, :] - inter
    return np.where(union > 0, inter / np.maximum(union, 1e-12), 0.0)


def nms(boxes: np.ndarray, scores: np.ndarray, iou_threshold: float) -> np.ndarray:
    """Indices kept by greedy non-maximum suppression, best score first."""
    order = np.argsort(-np.asarray(scores))
    keep: list[int] = []
    boxes = np.asarray(boxes, np.float64)
    while order.size:
        i = int(order[0])
        keep.append(i)
        if order.size == 1:
            break
        ious = iou_matrix(boxes[i : i + 1], boxes[order[1:]])[0]
        order = order[1:][ious <= iou_threshold]
    return np.asarray(keep, dtype=np.int64)


def postprocess(
    heatmap: np.ndarray,
    ltrb: np.ndarray,
    stride: float,
    min_score: float,
    nms_iou: float,
    input_size: tuple[int, int],
    top_k: int = 100,
) -> tuple[np.ndarray, np.ndarray]:
    """Decode, clip to the input (h, w) and suppress overlaps; boxes stay in model-input pixels."""
    boxes, scores = decode_centres(heatmap, ltrb, stride, min_score, top_k)
    if boxes.shape[0] == 0:
        return boxes, scores
    h, w = input_size
    boxes[:, [0, 2]] = np.clip(boxes[:, [0, 2]], 0, w)
    boxes[:, [1, 3]] = np.clip(boxes[:, [1, 3]], 0, h)
    valid = (boxes[:, 2] - boxes[:, 0] >= 1) & (boxes[:, 3] - boxes[:, 1] >= 1)
    boxes, scores = boxes[valid], scores[valid]
    keep = nms(boxes, scores, nms_iou)
    return boxes[keep], scores[keep]


@dataclass(frozen=True)
class Detections:
    """Boxes (N, 4) x1y1x2y2 in source-image pixels, scores (N,), best first, all >= the review threshold."""

    boxes: np.ndarray
    scores: np.ndarray
    width: int
    height: int

    def confident(self, threshold: float) -> np.ndarray:
        return self.scores >= threshold


@register_backend("detect")
class Detector(ModelBackend):
    """Single-class or class-agnostic detector described by the sidecar's `decoder` block."""

    required_keys = ("decoder.type", "decoder.stride", "thresholds.score", "thresholds.nms_iou")

    def check_spec(self) -> None:
        super().check_spec()
        self.spec.text("decoder.type", choices=DECODER_TYPES)
        self.require_one_image_input()
        _ = self.stride, self.top_k, self.nms_iou
        score, review = self.score_threshold, self.review_threshold
        require(0 < review <= score < 1, f"need 0 < thresholds.review ({review}) <= thresholds.score ({score}) < 1")
        names = {o.name for o in self.spec.outputs}
        for key in ("heatmap", "ltrb"):
            name = self.output_name(key)
            require(name in names, f"decoder.{key} names output '{name}', which the sidecar does not declare")
        self._check_documents_block()

    def _check_documents_block(self) -> None:
        # Read by documents.check.SignatureChecker and the Documents tab: refuse bad values here, when the
        # model is listed, rather than at the first page.
        spec = self.spec
        spec.text("documents.verifier")
        spec.integer("documents.pdf_long_side_px", 1000, low=64, high=MAX_PDF_LONG_SIDE)
        spec.number("documents.upside_down_score_margin", 0.1, low=0.0, high=1.0)
        spec.number("documents.verifier_threshold", 0.5, low=0.0, high=1.0)

    def output_name(self, key: str) -> str:
        """The output that holds the decoder's `key` ("heatmap" or "ltrb")."""
        return str(self.spec.text(f"decoder.{key}", key))

    @property
    def stride(self) -> float:
        return self.spec.number("decoder.stride", 0.0, low=0.0, high=MAX_STRIDE, low_open=True)

    @property
    def top_k(self) -> int:
        return self.spec.integer("decoder.top_k", 100, low=1, high=MAX_TOP_K)

    def check_outputs(self) -> None:
        outs = {o.name: o for o in self.spec.outputs}
        heat = outs[self.output_name("heatmap")]
        ltrb = outs[self.output_name("ltrb")]
        require(len(heat.shape) == 4 and heat.shape[1] == 1, f"output '{heat.name}' must be [N, 1, H, W], got {list(heat.shape)}")
        require(len(ltrb.shape) == 4 and ltrb.shape[1] == 4, f"output '{ltrb.name}' must be [N, 4, H, W], got {list(ltrb.shape)}")

    @property
    def score_threshold(self) -> float:
        return float(self.spec.thresholds["score"])

    @property
    def review_threshold(self) -> float:
        return float(self.spec.thresholds.get("review", self.spec.thresholds["score"]))

    @property
    def nms_iou(self) -> float:
        return float(self.spec.thresholds["nms_iou"])

    @property
    def labels(self) -> tuple[str, ...]:
        return self.spec.labels or ("object",)

    @property
    def colour(self) -> str:
        return self.spec.categories[0][1] if self.spec.categories else "#e6194b"

    def raw(self, image_bgr: np.ndarray) -> tuple[np.ndarray, np.ndarray, Geometry]:
        """The model's (H, W) heatmap and (4, H, W) distances for one image, plus its Geometry."""
        tensor, geometry = to_tensor(image_bgr, self.input)
        outputs = self.session.run(None, {self.input.name: tensor})
        names = [o.name for o in self.session.get_outputs()]
        by_name = dict(zip(names, outputs, strict=True))
        heat, ltrb = self._heat_and_ltrb(by_name)
        return heat[0, 0], ltrb[0], geometry

    def _heat_and_ltrb(self, by_name: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        heat = np.asarray(by_name[self.output_name("heatmap")], np.float32)
        ltrb = np.asarray(by_name[self.output_name("ltrb")], np.float32)
        if heat.ndim != 4 or ltrb.ndim != 4 or heat.shape[2:] != ltrb.shape[2:] or heat.shape[:2] != (1, 1):
            raise ModelError(f"{self.onnx_path.name} returned heatmap {heat.shape} and ltrb {ltrb.shape}")
        return heat, ltrb

    def check_sample_outputs(self, outputs: dict[str, np.ndarray]) -> None:
        self._heat_and_ltrb(outputs)

    def detect(self, image_bgr: np.ndarray, min_score: float | None = None) -> Detections:
        """Boxes at or above `min_score` (default: the review threshold) in the image's own pixels."""
        heat, ltrb, geometry = self.raw(image_bgr)
        threshold = self.review_threshold if min_score is None else float(min_score)
        in_h, in_w = self.input.spatial_size
        boxes, scores = postprocess(heat, ltrb, self.stride, threshold, self.nms_iou, (in_h, in_w), self.top_k)
        src_h, src_w = image_bgr.shape[:2]
        if len(boxes):
            x1, y1 = geometry.to_source(boxes[:, 0], boxes[:, 1])
            x2, y2 = geometry.to_source(boxes[:, 2], boxes[:, 3])
            boxes = np.stack([np.clip(x1, 0, src_w), np.clip(y1, 0, src_h), np.clip(x2, 0, src_w), np.clip(y2, 0, src_h)], 1)
        return Detections(boxes.astype(np.float32), scores, src_w, src_h)
