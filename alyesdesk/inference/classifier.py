"""Image classification backend ("classify"): calibrated probabilities and top-k from any ONNX classifier
whose sidecar lists its labels.

Everything about the model (labels, input size, normalisation, temperature, "not sure" threshold, and the
optional "not in domain" threshold `thresholds.not_waste`) comes from the sidecar, so an imported classifier with a valid sidecar replaces the bundled one unchanged. It is
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
# Optional: with it, sigmoid(logsumexp(raw logits)) is the probability that the image is something the model
# classifies at all (the waste model's logits are material logits minus a background logit); below the
# threshold the prediction is flagged `in_domain=False`. Without it every image is in domain (1.x sidecars).
IN_DOMAIN_THRESHOLD = "not_waste"


@dataclass(frozen=True)
class Prediction:
    """A calibrated prediction: `top` is best first, `probabilities` covers every label."""

    label: str
    confidence: float
    top: tuple[tuple[str, float], ...]
    probabilities: dict[str, float]
    sure: bool
    in_domain: bool = True  # False: the image does not look like anything the model classifies
    in_domain_probability: float | None = None  # None when the sidecar has no in-domain threshold


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Probabilities along the last axis of `logits` divided by `temperature` (float64, max-shifted for stability)."""
    z = np.asarray(logits, dtype=np.float64) / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def in_domain_probability(logits: np.ndarray) -> float:
    """sigmoid(logsumexp(logits)), computed stably: for logits that are class logits minus a background
    logit it is 1 - p(background).
    """
    z = np.asarray(logits, dtype=np.float64).reshape(-1)
    m = float(z.max())
    lse = m + float(np.log(np.exp(z - m).sum()))
    return float(0.5 * (1.0 + np.tanh(lse / 2.0)))


@register_backend("classify")
class Classifier(ModelBackend):
    """One image in, one logit per label out (`outputs[0]` shaped [batch, n_labels]). Further outputs (the
    waste model's `embedding`) are ignored here.
    """

    required_keys = ("labels",)

    def check_spec(self) -> None:
        super().check_spec()
        require(len(self.spec.labels) >= 2, f"a classifier needs at least 2 labels, got {len(self.spec.labels)}")
        self.require_one_image_input()
        # The sidecar checks bound both (temperature in [0.01, 100], thresholds in [0, 1]); read them once
        # here so a bad value is refused when the model is listed, not at the first photo.
        _ = self.spec.temperature, self.not_sure_threshold, self.in_domain_threshold

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

    @property
    def in_domain_threshold(self) -> float | None:
        value = self.spec.thresholds.get(IN_DOMAIN_THRESHOLD)
        return None if value is None else float(value)

    def _first_output(self, outputs: list[np.ndarray]) -> np.ndarray:
        """The declared first output, by name when the model has several (run() keeps the graph's order)."""
        if len(outputs) > 1:
            names = [o.name for o in self.session.get_outputs()]
            name = self.spec.outputs[0].name
            if name in names:
                return outputs[names.index(name)]
        return outputs[0]

    def logits(self, image_bgr: np.ndarray) -> np.ndarray:
        tensor, _ = to_tensor(image_bgr, self.input)
        raw = np.asarray(self._first_output(self.run({self.input.name: tensor})), dtype=np.float32).reshape(-1)
        # A dynamic last axis cannot be checked when the session opens; check the real output instead.
        if raw.size != len(self.spec.labels):
            raise ModelError(
                f"{self.onnx_path.name} returned {raw.size} values for {len(self.spec.labels)} labels"
            )
        return raw

    def predict(self, image_bgr: np.ndarray, top_k: int = 3) -> Prediction:
        raw = self.logits(image_bgr)
        probs = softmax(raw, self.spec.temperature)
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
            **self._in_domain(raw),
        )

    def _in_domain(self, raw: np.ndarray) -> dict:
        threshold = self.in_domain_threshold
        if threshold is None:
            return {}
        p = in_domain_probability(raw)
        return {"in_domain": p >= threshold, "in_domain_probability": p}
