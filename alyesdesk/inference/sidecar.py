"""The JSON sidecar that owns every number about a model: validated before anything runs.

A model is `<stem>.onnx` plus `<stem>.json`. The sidecar says what the model does (task), what it eats
(inputs: shape, layout, colour order, resize policy, normalisation), what it returns (outputs), how to
read the result (labels or categories, thresholds, calibration) and where it came from (training data,
licences, metrics reached). Python code never hard-codes any of these.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

SIDECAR_SCHEMA_VERSION = 1

LAYOUTS = ("NCHW", "NHWC", "NC", "NCL")
COLOR_ORDERS = ("RGB", "BGR", "GRAY")
RESIZE_POLICIES = ("stretch", "letterbox", "center_crop", "none")
DTYPES = ("float32", "uint8", "int64")
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_IDENT = re.compile(r"^[A-Za-z0-9_.:/-]+$")


class SidecarError(ValueError):
    """A sidecar field is missing or wrong; `field` is a dotted path such as `inputs[0].shape`."""

    def __init__(self, field_path: str, problem: str, source: str | None = None) -> None:
        self.field = field_path
        self.problem = problem
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"{where}field '{field_path}': {problem}")


# --- small checkers: each returns the cleaned value or raises SidecarError ---------------------------

Checker = Callable[[str, Any], Any]


def _str(path: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SidecarError(path, f"expected a non-empty string, got {value!r}")
    return value


def _ident(path: str, value: Any) -> str:
    value = _str(path, value)
    if not _IDENT.match(value):
        raise SidecarError(path, f"expected letters, digits, '_', '.', ':', '/' or '-', got {value!r}")
    return value


def _number(path: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise SidecarError(path, f"expected a finite number, got {value!r}")
    return float(value)


def _positive(path: str, value: Any) -> float:
    number = _number(path, value)
    if number <= 0:
        raise SidecarError(path, f"expected a number > 0, got {value!r}")
    return number


def _unit_interval(path: str, value: Any) -> float:
    number = _number(path, value)
    if not 0.0 <= number <= 1.0:
        raise SidecarError(path, f"expected a number between 0 and 1, got {value!r}")
    return number


def _one_of(choices: Iterable[str]) -> Checker:
    allowed = tuple(choices)

    def check(path: str, value: Any) -> str:
        if value not in allowed:
            raise SidecarError(path, f"expected one of {list(allowed)}, got {value!r}")
        return value

    return check


def _dim(path: str, value: Any) -> int | str | None:
    # A fixed size, or a symbolic/None dimension such as the batch axis.
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise SidecarError(path, f"expected a positive integer, a name or null, got {value!r}")
    return value


def _list_of(item: Checker, *, min_len: int = 1, max_len: int | None = None) -> Checker:
    def check(path: str, value: Any) -> list:
        if not isinstance(value, list):
            raise SidecarError(path, f"expected a list, got {type(value).__name__}")
        if len(value) < min_len or (max_len is not None and len(value) > max_len):
            span = f"{min_len}..{max_len}" if max_len is not None else f"at least {min_len}"
            raise SidecarError(path, f"expected {span} items, got {len(value)}")
        return [item(f"{path}[{i}]", v) for i, v in enumerate(value)]

    return check


def _object(fields: dict[str, tuple[Checker, bool]], *, allow_extra: bool = True) -> Checker:
    """`fields` maps key -> (checker, required)."""

    def check(path: str, value: Any) -> dict:
        if not isinstance(value, dict):
            raise SidecarError(path, f"expected an object, got {type(value).__name__}")
        out = dict(value) if allow_extra else {}
        for key, (checker, required) in fields.items():
            sub = f"{path}.{key}" if path else key
            if key not in value:
                if required:
                    raise SidecarError(sub, "is required but missing")
                continue
            out[key] = checker(sub, value[key])
        if not allow_extra:
            unknown = sorted(set(value) - set(fields))
            if unknown:
                raise SidecarError(path or "<root>", f"unknown keys {unknown}")
        return out

    return check


def _dict_of_numbers(path: str, value: Any) -> dict[str, float]:
    if not isinstance(value, dict):
        raise SidecarError(path, f"expected an object of numbers, got {type(value).__name__}")
    return {k: _number(f"{path}.{k}", v) for k, v in value.items()}


def _unique_strings(path: str, value: Any) -> list[str]:
    items = _list_of(_str)(path, value)
    dupes = sorted({v for v in items if items.count(v) > 1})
    if dupes:
        raise SidecarError(path, f"duplicate entries {dupes}")
    return items


def _colour(path: str, value: Any) -> str:
    if not isinstance(value, str) or not _HEX_COLOUR.match(value):
        raise SidecarError(path, f"expected a colour like '#1f77b4', got {value!r}")
    return value


_NORMALISATION = _object(
    {
        "scale": (_positive, True),
        "mean": (_list_of(_number), True),
        "std": (_list_of(_positive), True),
    }
)

_TENSOR = _object(
    {
        "name": (_str, True),
        "shape": (_list_of(_dim, min_len=1, max_len=5), True),
        "dtype": (_one_of(DTYPES), False),
        "layout": (_one_of(LAYOUTS), False),
        "color_order": (_one_of(COLOR_ORDERS), False),
        "resize": (_one_of(RESIZE_POLICIES), False),
        "normalization": (_NORMALISATION, False),
    }
)

_CATEGORY = _object({"name": (_str, True), "color": (_colour, True)})

_DATA_SOURCE = _object({"name": (_str, True), "source": (_str, False), "licence": (_str, True)})

_ROOT = _object(
    {
        "schema_version": (_number, True),
        "task": (_ident, True),
        "name": (_ident, True),
        "version": (_str, True),
        "description": (_str, False),
        "licence": (_str, True),
        "inputs": (_list_of(_TENSOR), True),
        "outputs": (_list_of(_TENSOR), True),
        "labels": (_unique_strings, False),
        "categories": (_list_of(_CATEGORY), False),
        "thresholds": (_dict_of_numbers, False),
        "calibration": (_object({"temperature": (_positive, False)}), False),
        "training": (_object({"data": (_list_of(_DATA_SOURCE), False)}), False),
        "metrics": (_object({}), False),
    }
)


@dataclass(frozen=True)
class TensorSpec:
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

    @property
    def temperature(self) -> float:
        return float(self.get("calibration.temperature", 1.0))

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
    """Check a parsed sidecar and return a ModelSpec; raise SidecarError naming the first bad field."""
    try:
        clean = _ROOT("", data)
        if int(clean["schema_version"]) > SIDECAR_SCHEMA_VERSION:
            raise SidecarError(
                "schema_version",
                f"this sidecar uses version {clean['schema_version']}, this AlyesDesk reads up to "
                f"{SIDECAR_SCHEMA_VERSION}: update AlyesDesk",
            )
        for i, tensor in enumerate(clean["inputs"]):
            _check_image_input(f"inputs[{i}]", tensor)
        if "categories" in clean:
            names = [c["name"] for c in clean["categories"]]
            _unique_strings("categories", names)
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


def _check_image_input(path: str, tensor: dict) -> None:
    layout = tensor.get("layout")
    if layout not in ("NCHW", "NHWC"):
        return
    for key in ("color_order", "resize", "normalization"):
        if key not in tensor:
            raise SidecarError(f"{path}.{key}", f"is required for an image input (layout {layout})")
    shape = tensor["shape"]
    if len(shape) != 4:
        raise SidecarError(f"{path}.shape", f"an {layout} input needs 4 dimensions, got {len(shape)}")
    channels = shape[1] if layout == "NCHW" else shape[3]
    expected = 1 if tensor["color_order"] == "GRAY" else 3
    if channels != expected:
        raise SidecarError(
            f"{path}.shape",
            f"colour order {tensor['color_order']} needs {expected} channel(s), shape has {channels}",
        )
    norm = tensor["normalization"]
    for key in ("mean", "std"):
        if len(norm[key]) not in (1, expected):
            raise SidecarError(
                f"{path}.normalization.{key}", f"needs 1 or {expected} values, got {len(norm[key])}"
            )


def load_sidecar(path: str | Path) -> ModelSpec:
    """Read and validate a sidecar file; every failure is a SidecarError with a readable message."""
    path = Path(path)
    try:
        # utf-8-sig: sidecars edited on Windows may carry a BOM that would corrupt the first key.
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise SidecarError("<file>", f"cannot read sidecar: {exc.strerror or exc}", str(path)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SidecarError("<file>", f"not valid JSON (line {exc.lineno}: {exc.msg})", str(path)) from None
    return validate_sidecar(data, source=str(path))
