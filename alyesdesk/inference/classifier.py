"""Image classification backend ("classify"): calibrated probabilities and top-k from any ONNX classifier
whose sidecar lists its labels.

Everything about the model (labels, input size, normalisation, temperature, "not sure" threshold) comes
from the sidecar, so an imported classifier with a valid sidecar replaces the bundled one unchanged. It is
shared machinery: the Waste tab classifies with it and the documents verifier subclasses it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from alyesdesk.inference.backend import ModelBackend, require
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.images import to_tensor
from alyesdesk.inference.registry import register_backend

DEFAULT_NOT_SURE = 0.5  # used only when a sidecar has no thresholds.not_sure


@dataclass(frozen=True)
class Prediction:
    """A calibrated prediction: `top` is best first, `probabilities` covers every label."""

    label: str
    confidence: float
    top: tuple[tuple[str, float], ...]
    probabilities: dict[str, float]
    sure: bool


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = np.asarray(logits, dtype=np.float64) / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@register_backend("classify")
class Classifier(ModelBackend):
    """One image in, one logit per label out (`outputs[0]` shaped [batch, n_labels])."""

    required_keys = ("labels",)

    def check_spec(self) -> None:
        super().check_spec()
        require(len(self.spec.labels) >= 2, f"a classifier needs at least 2 labels, got {len(self.spec.labels)}")
        self.require_one_image_input()
        # The sidecar checks bound both (temperature in [0.01, 100], thresholds in [0, 1]); read them once
        # here so a bad value is refused when the model is listed, not at the first photo.
        _ = self.spec.temperature, self.not_sure_threshold

    def check_sample_outputs(self, outputs: dict[str, np.ndarray]) -> None:
        logits = outputs[self.spec.outputs[0].name]
        if logits.size != len(self.spec.labels):
            raise ModelError(f"output '{self.spec.outputs[0].name}' gave {logits.size} values for one image, "
                             f"the sidecar lists {len(self.spec.labels)} labels")

    def check_outputs(self) -> None:
        # The session is being opened here: compare the sidecar's output (already matched against the
        # ONNX file's own shape by the base class) with the label list.
        out = self.spec.outputs[0]
        n = out.shape[-1]
        require(
            len(out.shape) == 2,
            f"output '{out.name}' must be [batch, {len(self.spec.labels)}] logits, sidecar says {list(out.shape)}",
        )
        require(
            n == len(self.spec.labels),
            f"output '{out.name}' gives {n} logits but the sidecar lists {len(self.spec.labels)} labels; "
            "fix 'labels' or the output shape",
        )

    @property
    def not_sure_threshold(self) -> float:
        return float(self.spec.thresholds.get("not_sure", DEFAULT_NOT_SURE))

    def logits(self, image_bgr: np.ndarray) -> np.ndarray:
        tensor, _ = to_tensor(image_bgr, self.input)
        raw = np.asarray(self.run({self.input.name: tensor})[0], dtype=np.float32).reshape(-1)
        # A dynamic last axis cannot be checked when the session opens; check the real output instead.
        if raw.size != len(self.spec.labels):
            raise ModelError(
                f"{self.onnx_path.name} returned {raw.size} values for {len(self.spec.labels)} labels"
            )
        return raw

    def predict(self, image_bgr: np.ndarray, top_k: int = 3) -> Prediction:
        probs = softmax(self.logits(image_bgr), self.spec.temperature)
        order = np.argsort(-probs)
        labels = self.spec.labels
        top = tuple((labels[i], float(probs[i])) for i in order[: max(1, top_k)])
        best, confidence = top[0]
        return Prediction(
            label=best,
            confidence=confidence,
            top=top,
            probabilities={labels[i]: float(probs[i]) for i in range(len(labels))},
            sure=confidence >= self.not_sure_threshold,
        )
