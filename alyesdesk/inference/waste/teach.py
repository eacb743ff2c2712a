"""Teaching: new classifiers from a few photos per class ("projects"), and adapting the material model.

Both fit a small head on the frozen `embedding` output of the waste model (see `embedding.py`) in numpy,
then write backbone + head as one ONNX graph with its own sidecar, so the result is an ordinary `classify`
model: the same registry, loader checks, History and CLI as any other.

- **Projects** (`fit_ncm`): nearest class mean on centred, L2-normalised embeddings, with a temperature
  learnt by minimising the leave-one-out log loss. Leave-one-out is exact and closed-form (a photo is
  removed from its own class mean), so the accuracy, the confusion table and the ambiguous photos are
  shown as the user teaches.
- **Adapt** (`fit_adapted`): multinomial logistic regression on the raw embedding, started from the
  model's own head and pulled back to it (L2 on W - W0), fitted on the user's photos weighted against
  exemplar embeddings of the original training data (`summary.py`), so the 9 materials are kept. The
  strength is chosen by cross-validation on the user's photos under a cap on the exemplars' accuracy loss.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TYPE_CHECKING

import numpy as np

from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.images import to_tensor
from alyesdesk.inference.waste.embedding import EMBEDDING, embedding_output
from alyesdesk.inference.waste.teach_export import head_model, head_sidecar, safe_name, write_model

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

MIN_PHOTOS_PER_CLASS = 2  # leave-one-out needs one left in each class
TEMPERATURE_GRID = np.exp(np.linspace(np.log(1.0), np.log(200.0), 48))
AMBIGUOUS_MARGIN = 0.15  # leave-one-out: right, but by less than this probability
BATCH = 64  # photos per session.run: larger batches ran ~10% faster here, memory stays small (80 px inputs)


# --- embeddings ------------------------------------------------------------------------------------------
class Embedder:
    """Runs a classify model that declares an embedding output; returns (embeddings, logits) per batch."""

    def __init__(self, classifier: Any) -> None:
        name = embedding_output(classifier.spec)
        if name is None:
            raise ModelError(
                f"{classifier.spec.name} {classifier.spec.version} has no '{EMBEDDING}' output, so it cannot be "
                "taught: add one with `python -m alyesdesk.inference.waste.embedding MODEL.onnx`"
            )
        self.classifier = classifier
        self.output = name
        self.logits_output = classifier.spec.outputs[0].name
        batch_dim = classifier.spec.inputs[0].shape[0]
        self.batched = not isinstance(batch_dim, int)

    def tensors(self, images: Iterable[np.ndarray]) -> np.ndarray:
        return np.concatenate([to_tensor(im, self.classifier.input)[0] for im in images], axis=0)

    def __call__(self, images: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        session = self.classifier.session
        embeddings, logits = [], []
        step = BATCH if self.batched else 1
        for start in range(0, len(images), step):
            feed = self.tensors(images[start:start + step])
            emb, log = session.run([self.output, self.logits_output], {self.classifier.input.name: feed})
            embeddings.append(np.asarray(emb, np.float32).reshape(len(feed), -1))
            logits.append(np.asarray(log, np.float32).reshape(len(feed), -1))
        if not embeddings:
            return np.zeros((0, 0), np.float32), np.zeros((0, 0), np.float32)
        return np.concatenate(embeddings), np.concatenate(logits)


# --- nearest class mean with a learnt temperature (projects) -----------------------------------------------
def normalise(embeddings: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """Embeddings (N, D) minus `centre`, each scaled to unit L2 length (float64; a zero row stays zero)."""
    z = np.asarray(embeddings, np.float64) - centre
    return z / np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-12)


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def ncm_scores(z: np.ndarray, means: np.ndarray) -> np.ndarray:
    """Z . mu_k - |mu_k|^2 / 2: minus half the squared distance to each class mean, up to a constant."""
    return z @ means.T - 0.5 * (means ** 2).sum(axis=1)


def loo_ncm_scores(z: np.ndarray, y: np.ndarray, n_classes: int) -> np.ndarray:
    """The NCM scores of every photo with itself left out of its class mean (exact, closed form)."""
    counts = np.bincount(y, minlength=n_classes).astype(np.float64)
    if (counts < MIN_PHOTOS_PER_CLASS).any():
        raise ModelError(f"every class needs at least {MIN_PHOTOS_PER_CLASS} photos")
    sums = np.zeros((n_classes, z.shape[1]))
    np.add.at(sums, y, z)
    means = sums / counts[:, None]
    scores = ncm_scores(z, means)
    own = (sums[y] - z) / (counts[y] - 1)[:, None]  # each photo's class mean without it
    rows = np.arange(len(y))
    scores[rows, y] = (z * own).sum(axis=1) - 0.5 * (own ** 2).sum(axis=1)
    return scores


def pick_temperature(scores: np.ndarray, y: np.ndarray, grid: np.ndarray = TEMPERATURE_GRID) -> float:
    """The scale of the scores that minimises the log loss of `scores` (leave-one-out scores)."""
    rows = np.arange(len(y))
    losses = [-_log_softmax(t * scores)[rows, y].mean() for t in grid]
    return float(grid[int(np.argmin(losses))])


@dataclass
class Evaluation:
    """Leave-one-out (or cross-validated) results of a head on the user's photos."""

    accuracy: float
    confusion: list[list[int]]  # rows: true class, columns: predicted
    per_class: dict[str, float]
    predicted: list[int]
    probabilities: list[list[float]]
    ambiguous: list[int]  # photos predicted wrongly, or rightly by less than AMBIGUOUS_MARGIN
    method: str = "leave-one-out"

    def to_dict(self, labels: Sequence[str]) -> dict:
        return {"accuracy": round(self.accuracy, 4), "method": self.method, "labels": list(labels),
                "confusion": self.confusion, "per_class": {k: round(v, 4) for k, v in self.per_class.items()},
                "ambiguous": self.ambiguous}


def evaluate(probabilities: np.ndarray, y: np.ndarray, labels: Sequence[str], method: str) -> Evaluation:
    """The Evaluation of held-out `probabilities` (N, K) against true class indices `y` (per-class: recall)."""
    k = len(labels)
    predicted = probabilities.argmax(axis=1)
    confusion = np.zeros((k, k), int)
    np.add.at(confusion, (y, predicted), 1)
    per_class = {labels[c]: float(confusion[c, c] / max(1, confusion[c].sum())) for c in range(k)}
    ordered = np.sort(probabilities, axis=1)
    margin = ordered[:, -1] - (ordered[:, -2] if k > 1 else 0.0)
    ambiguous = [int(i) for i in np.flatnonzero((predicted != y) | (margin < AMBIGUOUS_MARGIN))]
    return Evaluation(float((predicted == y).mean()) if len(y) else 0.0, confusion.tolist(), per_class,
                      predicted.tolist(), probabilities.round(4).tolist(), ambiguous, method)


@dataclass
class Head:
    """logits = scale * (normalise(e - centre) if normalised else e) @ weight.T + bias."""

    weight: np.ndarray  # [K, D]
    bias: np.ndarray  # [K]
    centre: np.ndarray | None = None  # [D]; with it the embedding is centred and L2-normalised first
    info: dict[str, Any] = field(default_factory=dict)

    def logits(self, embeddings: np.ndarray) -> np.ndarray:
        e = np.asarray(embeddings, np.float64)
        z = normalise(e, self.centre) if self.centre is not None else e
        return z @ self.weight.T.astype(np.float64) + self.bias.astype(np.float64)


def fit_ncm(embeddings: np.ndarray, y: np.ndarray, labels: Sequence[str],
            centre: np.ndarray | None = None) -> tuple[Head, Evaluation]:
    """Nearest class mean on centred, normalised embeddings; temperature by leave-one-out log loss."""
    y = np.asarray(y, int)
    e = np.asarray(embeddings, np.float64)
    centre = e.mean(axis=0) if centre is None else np.asarray(centre, np.float64)
    z = normalise(e, centre)
    k = len(labels)
    loo = loo_ncm_scores(z, y, k)
    t = pick_temperature(loo, y)
    counts = np.bincount(y, minlength=k).astype(np.float64)
    means = np.zeros((k, z.shape[1]))
    np.add.at(means, y, z)
    means /= counts[:, None]
    head = Head((t * means).astype(np.float32), (-0.5 * t * (means ** 2).sum(axis=1)).astype(np.float32),
                centre.astype(np.float32), {"head": "nearest class mean", "temperature": round(t, 4)})
    probs = np.exp(_log_softmax(t * loo))
    return head, evaluate(probs, y, labels, "leave-one-out")


# --- logistic regression pulled towards the original head (adapt) ------------------------------------------
def fit_logreg(x: np.ndarray, y: np.ndarray, n_classes: int, *, lam: float | np.ndarray, w0: np.ndarray | None = None,
               b0: np.ndarray | None = None, sample_weight: np.ndarray | None = None,
               iterations: int = 300, offset: np.ndarray | None = None,
               gate: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Weighted multinomial logistic regression, penalty lam/2 |W - W0|^2 (bias free), by Nesterov gradient
    descent with a step from the Lipschitz bound, started from W0. Returns (W [K, D], b [K]).

    `lam` [m] and/or `sample_weight` [m, n] may hold m problems on the same rows (cross-validation folds
    are weights with zeros on the held-out rows): they are fitted together, one matrix product per step
    for all of them, and (W [m, K, D], b [m, K]) is returned.
    """
    x = np.asarray(x, np.float64)
    n, d = x.shape
    w0 = np.zeros((n_classes, d)) if w0 is None else np.asarray(w0, np.float64)
    b0 = np.zeros(n_classes) if b0 is None else np.asarray(b0, np.float64)
    sw = np.ones(n) if sample_weight is None else np.asarray(sample_weight, np.float64)
    many = sw.ndim == 2 or np.ndim(lam) == 1
    lams = np.atleast_1d(np.asarray(lam, np.float64))
    sw = np.atleast_2d(sw)
    m = max(len(sw), len(lams))
    sw = np.broadcast_to(sw, (m, n))
    sw = sw / sw.sum(axis=1, keepdims=True)
    lams = np.broadcast_to(lams, (m,))[:, None, None]
    onehot = np.eye(n_classes)[y]
    xb = np.hstack([x, np.ones((n, 1))])
    if gate is not None:  # logits = offset + gate * (x W^T + b): a head that acts only where gate > 0
        xb = xb * np.asarray(gate, np.float64)[:, None]
    theta0 = np.vstack([w0.T, b0[None]])  # [D+1, K]
    # softmax Hessian <= 1/2 I: L <= 1/2 * max eigenvalue of X^T diag(sw) X + lam (per problem)
    gram = (sw[:, None, :] * xb.T) @ xb  # [m, D+1, D+1]: its eigenvalues, not an SVD of the data
    step = (1.0 / (0.5 * np.linalg.eigvalsh(gram)[:, -1] + lams[:, 0, 0]))[None, :, None]  # [1, m, 1]
    # The m problems side by side as [D+1, m, K] (one GEMM per product for all of them, not m small ones),
    # in float32: twice the arithmetic per cycle, and 150 steps of a convex fit do not need more digits.
    f32 = np.float32
    xb32, xt32 = xb.astype(f32), np.ascontiguousarray(xb.T, dtype=f32)
    theta0_m = np.repeat(theta0[:, None, :], m, axis=1).astype(f32)  # [D+1, m, K]
    theta, velocity, previous = theta0_m.copy(), theta0_m.copy(), theta0_m.copy()
    penalty = (lams[:, 0, 0][None, :, None] * np.ones((d + 1, 1, 1))).astype(f32)
    penalty[-1] = 0.0  # the bias is free
    step32 = step.astype(f32)
    # fixed logits added to the model's, the same for every problem: [n, 1, K]
    base = f32(0.0) if offset is None else np.asarray(offset, f32)[:, None, :]
    target = (onehot[:, None, :] * sw.T[:, :, None]).astype(f32)  # [n, m, K]
    weights = sw.T[:, :, None].astype(f32)
    cols = m * n_classes
    for it in range(iterations):
        z = (xb32 @ velocity.reshape(d + 1, cols)).reshape(n, m, n_classes) + base
        z -= z.max(axis=2, keepdims=True)
        p = np.exp(z)
        p *= weights / p.sum(axis=2, keepdims=True)  # softmax times the row's weight in its problem
        grad = (xt32 @ (p - target).reshape(n, cols)).reshape(d + 1, m, n_classes) + penalty * (velocity - theta0_m)
        theta = velocity - step32 * grad
        velocity = theta + f32(it / (it + 3)) * (theta - previous)
        previous = theta
    theta64 = theta.astype(np.float64).transpose(1, 0, 2)  # [m, D+1, K]
    w, b = theta64[:, :-1].transpose(0, 2, 1).copy(), theta64[:, -1].copy()
    return (w, b) if many else (w[0], b[0])


@dataclass
class Summary:
    """What adapting needs from the model's original data (see summary.py): anchor embeddings of held-out
    photos the model was not trained on (its val split), the test split's embeddings, and its own head.
    """

    labels: list[str]
    anchor_x: np.ndarray
    anchor_y: np.ndarray
    test_x: np.ndarray
    test_y: np.ndarray
    weight: np.ndarray
    bias: np.ndarray
    model_sha256: str
    path: Path | None = None

    @classmethod
    def load(cls, path: str | Path) -> Summary:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            return cls(list(meta["labels"]), data["anchor_x"].astype(np.float32), data["anchor_y"].astype(int),
                       data["test_x"].astype(np.float32), data["test_y"].astype(int),
                       data["weight"].astype(np.float32), data["bias"].astype(np.float32),
                       str(meta["model_sha256"]), Path(path))

    def base_logits(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(x, np.float64) @ self.weight.T.astype(np.float64) + self.bias

    def accuracy(self, head: GatedHead | None = None) -> float:
        """Top-1 on the test split's embeddings: exactly the model's test accuracy for that head."""
        base = self.base_logits(self.test_x)
        logits = base if head is None else head.logits(self.test_x, base)
        return float((logits.argmax(axis=1) == self.test_y).mean())


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


@dataclass
class GatedHead:
    """logits = base_logits + gate(e) * (f @ delta.T + delta_bias), f = (e - centre) @ basis,
    gate = sigmoid(f @ gate_w + gate_b): a correction that acts on photos that look like the user's
    (gate near 1) and leaves the others (the original data: gate near 0) as they were.
    """

    centre: np.ndarray  # [D]
    basis: np.ndarray  # [D, r]
    gate_w: np.ndarray  # [r]
    gate_b: float
    delta: np.ndarray  # [K, r]
    delta_bias: np.ndarray  # [K]
    info: dict[str, Any] = field(default_factory=dict)

    def gate(self, embeddings: np.ndarray) -> np.ndarray:
        f = (np.asarray(embeddings, np.float64) - self.centre) @ self.basis
        return _sigmoid(f @ self.gate_w + self.gate_b)

    def logits(self, embeddings: np.ndarray, base_logits: np.ndarray) -> np.ndarray:
        f = (np.asarray(embeddings, np.float64) - self.centre) @ self.basis
        gate = _sigmoid(f @ self.gate_w + self.gate_b)
        return np.asarray(base_logits, np.float64) + gate[:, None] * (f @ self.delta.T + self.delta_bias)


LAMBDA_GRID = (1e-2, 1e-3)
USER_WEIGHT = 0.5  # the user's photos, together, weigh this fraction of the fit (the anchors the rest)
GATE_LAMBDA = 1e-2
BASIS_RANK = 64
FIT_ITERATIONS = 150


def principal_basis(centred: np.ndarray, rank: int, seed: int = 0) -> np.ndarray:
    """[D, rank] orthonormal basis of the top principal directions (randomised range finder with two
    power iterations: a full SVD of a few hundred x 768 is needlessly slow on a busy 2-core machine).
    """
    rank = min(rank, *centred.shape)
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(centred.T @ rng.normal(size=(centred.shape[0], rank + 8)))
    for _ in range(2):
        q, _ = np.linalg.qr(centred.T @ (centred @ q))
    small = centred @ q  # [n, rank + 8]
    _, _, vt = np.linalg.svd(small, full_matrices=False)
    return q @ vt[:rank].T


def fit_adapted(summary: Summary, x: np.ndarray, y: np.ndarray, *, folds: int = 3,
                seed: int = 0) -> tuple[GatedHead, Evaluation, dict]:
    """Refit the material head with the user's photos (embeddings `x`, label indices `y` into
    `summary.labels`) weighted against the anchors: a gate learns which photos look like the user's
    (user photos vs anchors), and a correction of the logits is fitted under that gate (the anchors keep
    their original logits). The strength by cross-validation on the user's photos (the basis and the gate
    are fitted once, on all photos). Returns (head, cross-validated evaluation, report).
    """
    x = np.asarray(x, np.float64)
    y = np.asarray(y, int)
    k = len(summary.labels)
    ax, ay = summary.anchor_x.astype(np.float64), summary.anchor_y
    every = np.vstack([ax, x])
    centre = every.mean(axis=0)
    basis = principal_basis(every - centre, BASIS_RANK, seed)
    fa, fu = (ax - centre) @ basis, (x - centre) @ basis
    domain = np.concatenate([np.zeros(len(ay), int), np.ones(len(y), int)])
    balance = np.concatenate([np.full(len(ay), 0.5 / len(ay)), np.full(len(y), 0.5 / len(y))])
    g, gb = fit_logreg(np.vstack([fa, fu]), domain, 2, lam=GATE_LAMBDA, sample_weight=balance, iterations=200)
    gate_w, gate_b = g[1] - g[0], float(gb[1] - gb[0])
    gate_a, gate_u = _sigmoid(fa @ gate_w + gate_b), _sigmoid(fu @ gate_w + gate_b)
    base_a, base_u = summary.base_logits(ax), summary.base_logits(x)

    def make_head(m: np.ndarray, d: np.ndarray, lam: float) -> GatedHead:
        return GatedHead(centre, basis, gate_w, gate_b, m, d, {"head": "gated correction of the model's logits",
                                                              "lambda": lam, "rank": int(basis.shape[1])})

    def weights(rows: np.ndarray) -> np.ndarray:  # the anchors, then the user's photos (0 for held-out ones)
        return np.concatenate([np.full(len(ay), (1 - USER_WEIGHT) / len(ay)),
                               np.where(rows, USER_WEIGHT / max(1, int(rows.sum())), 0.0)])

    fit_x, fit_y = np.vstack([fa, fu]), np.concatenate([ay, y])
    fit_offset, fit_gate = np.vstack([base_a, base_u]), np.concatenate([gate_a, gate_u])
    rng = np.random.default_rng(seed)
    fold_of = np.empty(len(y), int)
    for c in np.unique(y):  # stratified folds
        idx = rng.permutation(np.flatnonzero(y == c))
        fold_of[idx] = np.arange(len(idx)) % folds
    # Every (strength, fold) problem and the fits on all photos, in one batched fit: same rows, different
    # weights (0 on the held-out fold) and penalties. Each fold starts from the model's own head, never
    # from a fit that saw its held-out photos (that leaks: a warm start from the full fit is not cheaper CV).
    problems: list[tuple[float, int | None]] = [(lam, f) for lam in LAMBDA_GRID for f in range(folds) if (fold_of == f).any()]
    problems += [(lam, None) for lam in LAMBDA_GRID]
    ms, ds = fit_logreg(fit_x, fit_y, k, lam=np.array([lam for lam, _ in problems]),
                        sample_weight=np.stack([weights(fold_of != f if f is not None else np.ones(len(y), bool))
                                                for _, f in problems]),
                        offset=fit_offset, gate=fit_gate, iterations=FIT_ITERATIONS)
    results = {}
    for lam in LAMBDA_GRID:
        probs = np.zeros((len(y), k))
        for i, (problem_lam, f) in enumerate(problems):
            if problem_lam == lam and f is not None:
                held = fold_of == f
                probs[held] = np.exp(_log_softmax(make_head(ms[i], ds[i], lam).logits(x[held], base_u[held])))
        results[lam] = (float((probs.argmax(axis=1) == y).mean()), probs)
    lam = max(LAMBDA_GRID, key=lambda l: (round(results[l][0], 6), l))  # ties: the stronger penalty
    final = problems.index((lam, None))
    head = make_head(ms[final], ds[final], lam)
    cv_acc, probs = results[lam]
    anchors_before = float((base_a.argmax(axis=1) == ay).mean())
    anchors_after = float((head.logits(ax, base_a).argmax(axis=1) == ay).mean())
    report = {"lambda": lam, "cv_accuracy": round(cv_acc, 4),
              "user_accuracy_before": round(float((base_u.argmax(axis=1) == y).mean()), 4),
              "anchor_accuracy_before": round(anchors_before, 4), "anchor_accuracy_after": round(anchors_after, 4),
              "test_accuracy_before": round(summary.accuracy(), 4),
              "test_accuracy_after": round(summary.accuracy(head), 4),
              "test_gate_mean": round(float(head.gate(summary.test_x).mean()), 4),
              "candidates": {str(l): round(r[0], 4) for l, r in results.items()}}
    return head, evaluate(probs, y, summary.labels, f"{folds}-fold cross-validation"), report


# --- the whole thing: photos in, model out -----------------------------------------------------------------
@dataclass
class TeachResult:
    """A taught model: its labels, evaluation, ONNX file (None when not written) and timings in seconds."""

    name: str
    labels: list[str]
    evaluation: Evaluation
    onnx_path: Path | None
    seconds: float
    embed_seconds: float
    kind: str = "custom"
    report: dict = field(default_factory=dict)
    photo_ids: list[Any] = field(default_factory=list)  # the caller's ids, in the order of `evaluation`

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "labels": self.labels,
                "model": str(self.onnx_path) if self.onnx_path else None,
                "seconds": round(self.seconds, 3), "embed_seconds": round(self.embed_seconds, 3),
                **self.evaluation.to_dict(self.labels), **self.report}


def teach(classifier: Any, base_info: Any, name: str, examples: Sequence[tuple[str, np.ndarray]], *,
          kind: str = "custom", summary: Summary | None = None, folder: Path | None = None,
          version: str | None = None, write: bool = True,
          embeddings: np.ndarray | None = None,
          on_step: Callable[[str], None] | None = None, bins: dict | None = None) -> TeachResult:
    """Fit and (when `write`) install a taught model from (label, BGR image) pairs.

    kind "custom": the labels are the user's classes (at least 2, each with >= 2 photos).
    kind "extend": the labels must be the base model's; `summary` holds its training exemplars.
    `embeddings` (one row per example) skips the embedding step (e.g. cached). `bins` (class -> bin, see
    class_bins.py) go into the sidecar of a project's model.
    """
    from alyesdesk import paths
    from alyesdesk.inference.catalog import file_sha256

    start = time.perf_counter()
    stem = safe_name(name)
    if embeddings is None:
        embedder = Embedder(classifier)
        embeddings, _ = embedder([im for _, im in examples])
    embed_seconds = time.perf_counter() - start
    raw_labels = [label for label, _ in examples]
    report: dict = {}
    head: Head | GatedHead
    if kind == "extend":
        if summary is None:
            raise ModelError("adapting needs the training summary of the model (see summary.py)")
        labels = list(summary.labels)
        unknown = sorted(set(raw_labels) - set(labels))
        if unknown:
            raise ModelError(f"not materials of {classifier.spec.name}: {', '.join(unknown)}")
        y = np.array([labels.index(l) for l in raw_labels], int)
        head, evaluation, report = fit_adapted(summary, embeddings, y)
    else:
        labels = sorted(set(raw_labels), key=raw_labels.index)
        if len(labels) < 2:
            raise ModelError("a project needs at least two classes")
        y = np.array([labels.index(l) for l in raw_labels], int)
        counts = np.bincount(y, minlength=len(labels))
        few = [labels[i] for i in np.flatnonzero(counts < MIN_PHOTOS_PER_CLASS)]
        if few:
            raise ModelError(f"add at least {MIN_PHOTOS_PER_CLASS} photos to: {', '.join(few)}")
        head, evaluation = fit_ncm(embeddings, y, labels)
    fit_seconds = time.perf_counter() - start
    onnx_path = None
    if write:
        emb_name = embedding_output(classifier.spec)
        model = head_model(base_info.onnx_path, emb_name, head, check=False)
        photos = {l: int((y == i).sum()) for i, l in enumerate(labels)}
        sidecar = head_sidecar(base_info.spec, name=stem, version=version or time.strftime("%Y.%m.%d.%H%M%S"),
                               labels=labels, head=head, evaluation=evaluation, kind=kind, photos=photos,
                               extra_metrics=report, base_sha256=file_sha256(base_info.onnx_path), bins=bins)
        import onnx

        data = model.SerializeToString()  # once: the check and the file use the same bytes (18 MB)
        onnx.checker.check_model(data)
        onnx_path = write_model(folder or paths.user_models_dir(), stem, data, sidecar)
    return TeachResult(stem, labels, evaluation, onnx_path, time.perf_counter() - start, embed_seconds, kind,
                       {**report, "fit_seconds": round(fit_seconds - embed_seconds, 4)})
