"""The JSON sidecar that owns every number about a model: validated before anything runs.

A model is `<stem>.onnx` plus `<stem>.json`. The sidecar says what the model does (task), what it eats
(inputs: shape, layout, colour order, resize policy, normalisation), what it returns (outputs), how to
read the result (labels or categories, thresholds, calibration) and where it came from (training data,
licences, metrics reached). Python code never hard-codes any of these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TYPE_CHECKING

from alyesdesk.inference import safejson

from alyesdesk.inference.sidecar_checks import (  # noqa: F401 - public names re-exported
    SIDECAR_SCHEMA_VERSION,
    LAYOUTS,
    COLOR_ORDERS,
    RESIZE_POLICIES,
    DTYPES,
    _HEX_COLOUR,
    _IDENT,
    MAX_SIDECAR_BYTES,
    MAX_JSON_DEPTH,
    MAX_LABELS,
    MAX_TENSORS,
    MAX_THRESHOLDS,
    MAX_NAME_CHARS,
    MAX_TEXT_CHARS,
    MAX_INT,
    MAX_IMAGE_SIDE,
    MAX_DIM,
    MAX_INPUT_VALUES,
    TEMPERATURE_RANGE,
    MIN_STD,
    MAX_NORMALISATION,
    SidecarError as SidecarError,  # re-exported: backends and callers catch it from here
    show,
    _join,
    _check_chars,
    _check_tree,
    Checker,
    _str,
    _name,
    _ident,
    _number,
    _in_range,
    number_in,
    _unit_interval,
    _integer,
    _one_of,
    _dim,
    _list_of,
    _object,
    _thresholds,
    _unique,
    _unique_names,
    _colour,
    _std,
)

if TYPE_CHECKING:
    from collections.abc import Iterable


_NORMALISATION = _object(
    {
        "scale": (_in_range(0.0, MAX_NORMALISATION, low_open=True), True),
        "mean": (_list_of(_in_range(-MAX_NORMALISATION, MAX_NORMALISATION), max_len=64), True),
        "std": (_list_of(_std, max_len=64), True),
    }
)

_TENSOR = _object(
    {
        "name": (_name, True),
        "shape": (_list_of(_dim, min_len=1, max_len=5), True),
        "dtype": (_one_of(DTYPES), False),
        "layout": (_one_of(LAYOUTS), False),
        "color_order": (_one_of(COLOR_ORDERS), False),
        "resize": (_one_of(RESIZE_POLICIES), False),
        "normalization": (_NORMALISATION, False),
    }
)

NOT_WASTE_SCORES = ("sigmoid(logsumexp(logits))",)

_CATEGORY = _object({"name": (_name, True), "color": (_colour, True)})

_DATA_SOURCE = _object({"name": (_str, True), "source": (_str, False), "licence": (_str, True)})

_ROOT = _object(
    {
        "schema_version": (_integer(1, MAX_INT), True),
        "task": (_ident, True),
        "name": (_ident, True),
        "version": (_name, True),
        "description": (_str, False),
        "licence": (_str, True),
        "inputs": (_list_of(_TENSOR, max_len=MAX_TENSORS), True),
        "outputs": (_list_of(_TENSOR, max_len=MAX_TENSORS), True),
        "labels": (_unique_names, False),
        "categories": (_list_of(_CATEGORY, max_len=MAX_LABELS), False),
        "thresholds": (_thresholds, False),
        # optional (classify): how thresholds.not_waste is read; the score is computed from the first output
        "not_waste": (_object({"score": (_one_of(NOT_WASTE_SCORES), True), "output": (_name, False)}), False),
        "calibration": (_object({"temperature": (_in_range(*TEMPERATURE_RANGE), False)}), False),
        "training": (_object({"data": (_list_of(_DATA_SOURCE, max_len=MAX_LABELS), False)}), False),
        "metrics": (_object({}), False),
    }
)


@dataclass(frozen=True)
class TensorSpec:
    """One model input or output as the sidecar declares it.

    For image inputs, `layout` (NCHW/NHWC), `color_order`, `resize` and the normalisation (pixel x `scale`,
    minus `mean`, over `std`) tell `images.to_tensor` how to build it; a named or None dimension is not fixed.
    """

    name: str
    shape: tuple[int | str | None, ...]
    dtype: str = "float32"
    layout: str | None = None
    color_order: str | None = None
    resize: str | None = None
    scale: float = 1.0
    mean: tuple[float, ...] = ()
    std: tuple[float, ...] = ()

    @property
    def spatial_size(self) -> tuple[int, int]:
        """(height, width) of an image input, from its layout."""
        if self.layout == "NCHW":
            h, w = self.shape[2], self.shape[3]
        elif self.layout == "NHWC":
            h, w = self.shape[1], self.shape[2]
        else:
            raise ValueError(f"input '{self.name}' has layout {self.layout}, not an image layout")
        if not isinstance(h, int) or not isinstance(w, int):
            raise ValueError(f"input '{self.name}' has no fixed height and width: {self.shape}")
        return h, w


@dataclass(frozen=True)
class ModelSpec:
    """A validated sidecar. `raw` keeps every field, including task-specific ones."""

    task: str
    name: str
    version: str
    licence: str
    inputs: tuple[TensorSpec, ...]
    outputs: tuple[TensorSpec, ...]
    labels: tuple[str, ...] = ()
    categories: tuple[tuple[str, str], ...] = ()
    thresholds: dict[str, float] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)

    def get(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.raw
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    # Typed reads of task-specific keys for backends: a wrong value is a SidecarError naming the key, never
    # a TypeError or OverflowError at the first image. A missing key gives `default`.
    def number(self, dotted: str, default: float, *, low: float, high: float, low_open: bool = False) -> float:
        value = self.get(dotted)
        return float(default) if value is None else _in_range(low, high, low_open=low_open)(dotted, value)

    def integer(self, dotted: str, default: int, *, low: int, high: int) -> int:
        value = self.get(dotted)
        return int(default) if value is None else _integer(low, high)(dotted, value)

    def text(self, dotted: str, default: str | None = None, choices: Iterable[str] | None = None) -> str | None:
        value = self.get(dotted)
        if value is None:
            return default
        return _one_of(choices)(dotted, value) if choices is not None else _name(dotted, value)

    def flag(self, dotted: str, default: bool) -> bool:
        value = self.get(dotted)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise SidecarError(dotted, f"expected true or false, got {show(value)}")
        return value

    def numbers(self, dotted: str, length: int, *, low: float, high: float) -> list[float] | None:
        """A list of exactly `length` numbers in [low, high], or None when missing."""
        value = self.get(dotted)
        if value is None:
            return None
        numbers = _list_of(_in_range(low, high), min_len=length, max_len=length)(dotted, value)
        return [float(v) for v in numbers]

    def names(self, dotted: str) -> list[str]:
        """A list of names (empty when missing)."""
        value = self.get(dotted)
        return [] if value is None else _list_of(_name, min_len=0, max_len=MAX_LABELS)(dotted, value)

    @property
    def temperature(self) -> float:
        return self.number("calibration.temperature", 1.0, low=TEMPERATURE_RANGE[0], high=TEMPERATURE_RANGE[1])

    @property
    def data_licences(self) -> list[str]:
        return [f"{d['name']}: {d['licence']}" for d in self.get("training.data", []) or []]


def _tensor(d: dict) -> TensorSpec:
    norm = d.get("normalization") or {}
    return TensorSpec(
        name=d["name"],
        shape=tuple(d["shape"]),
        dtype=d.get("dtype", "float32"),
        layout=d.get("layout"),
        color_order=d.get("color_order"),
        resize=d.get("resize"),
        scale=float(norm.get("scale", 1.0)),
        mean=tuple(norm.get("mean", ())),
        std=tuple(norm.get("std", ())),
    )


def validate_sidecar(data: Any, *, source: str | None = None) -> ModelSpec:
    """Check a parsed sidecar and return a ModelSpec; raise SidecarError naming the first bad field.

    Only SidecarError escapes, whatever `data` holds: the checks bound every size and type first.
    """
    try:
        _check_tree("", data)
        clean = _ROOT("", data)
        if clean["schema_version"] > SIDECAR_SCHEMA_VERSION:
            raise SidecarError(
                "schema_version",
                f"this sidecar uses version {clean['schema_version']}, this AlyesDesk reads up to "
                f"{SIDECAR_SCHEMA_VERSION}: update AlyesDesk",
            )
        for i, tensor in enumerate(clean["inputs"]):
            _check_input(f"inputs[{i}]", tensor)
        for kind in ("inputs", "outputs"):
            _unique(kind, [t["name"] for t in clean[kind]])
        if "categories" in clean:
            _unique("categories", [c["name"] for c in clean["categories"]])
    except SidecarError as exc:
        if source and exc.source is None:
            raise SidecarError(exc.field, exc.problem, source) from None
        raise
    return ModelSpec(
        task=clean["task"],
        name=clean["name"],
        version=clean["version"],
        licence=clean["licence"],
        inputs=tuple(_tensor(t) for t in clean["inputs"]),
        outputs=tuple(_tensor(t) for t in clean["outputs"]),
        labels=tuple(clean.get("labels", ())),
        categories=tuple((c["name"], c["color"]) for c in clean.get("categories", ())),
        thresholds=dict(clean.get("thresholds", {})),
        metrics=dict(clean.get("metrics", {})),
        raw=clean,
    )


def _check_input(path: str, tensor: dict) -> None:
    if tensor.get("layout") in ("NCHW", "NHWC"):
        _check_image_input(path, tensor)
    _check_input_size(path, tensor["shape"])


def _check_input_size(path: str, shape: list) -> None:
    # One sample of the input is allocated at its fixed size: keep it within what a desktop can hold.
    values = 1
    for dim in shape[1:]:
        values *= dim if isinstance(dim, int) else 1
    if values > MAX_INPUT_VALUES:
        raise SidecarError(f"{path}.shape", f"one sample would hold {values} values, the limit is {MAX_INPUT_VALUES}")


def _check_image_input(path: str, tensor: dict) -> None:
    layout = tensor["layout"]
    for key in ("color_order", "resize", "normalization"):
        if key not in tensor:
            raise SidecarError(f"{path}.{key}", f"is required for an image input (layout {layout})")
    shape = tensor["shape"]
    if len(shape) != 4:
        raise SidecarError(f"{path}.shape", f"an {layout} input needs 4 dimensions, got {len(shape)}")
    batch, channels = shape[0], (shape[1] if layout == "NCHW" else shape[3])
    if isinstance(batch, int) and batch != 1:
        raise SidecarError(f"{path}.shape", f"the batch axis must be 1 or a name (images go one at a time), got {batch}")
    expected = 1 if tensor["color_order"] == "GRAY" else 3
    if channels != expected:
        raise SidecarError(
            f"{path}.shape",
            f"colour order {tensor['color_order']} needs {expected} channel(s), shape has {show(channels)}",
        )
    sides = (shape[2], shape[3]) if layout == "NCHW" else (shape[1], shape[2])
    for side in sides:
        # Every image is resized to this size before it reaches the model, so it must be fixed.
        if not isinstance(side, int) or not 1 <= side <= MAX_IMAGE_SIDE:
            raise SidecarError(
                f"{path}.shape",
                f"an image input needs a fixed height and width from 1 to {MAX_IMAGE_SIDE} px, got {shape}",
            )
    norm = tensor["normalization"]
    for key in ("mean", "std"):
        if len(norm[key]) not in (1, expected):
            raise SidecarError(
                f"{path}.normalization.{key}", f"needs 1 or {expected} values, got {len(norm[key])}"
            )


def read_sidecar_json(path: str | Path) -> Any:
    """The parsed JSON of a sidecar file, read within the size and depth limits (not yet validated)."""
    path = Path(path)
    source = safejson.display_path(path)
    try:
        text = safejson.read_text(path, MAX_SIDECAR_BYTES)
        return safejson.loads(text, MAX_JSON_DEPTH)
    except OSError as exc:
        raise SidecarError("<file>", f"cannot read sidecar: {exc.strerror or type(exc).__name__}", source) from None
    except safejson.UntrustedJsonError as exc:
        raise SidecarError("<file>", str(exc), source) from None


def load_sidecar(path: str | Path) -> ModelSpec:
    """Read and validate a sidecar file; every failure is a SidecarError with a readable message."""
    return validate_sidecar(read_sidecar_json(path), source=safejson.display_path(Path(path)))
