"""The JSON sidecar that owns every number about a model: validated before anything runs.

A model is `<stem>.onnx` plus `<stem>.json`. The sidecar says what the model does (task), what it eats
(inputs: shape, layout, colour order, resize policy, normalisation), what it returns (outputs), how to
read the result (labels or categories, thresholds, calibration) and where it came from (training data,
licences, metrics reached). Python code never hard-codes any of these.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from alyesdesk.inference import safejson

SIDECAR_SCHEMA_VERSION = 1

LAYOUTS = ("NCHW", "NHWC", "NC", "NCL")
COLOR_ORDERS = ("RGB", "BGR", "GRAY")
RESIZE_POLICIES = ("stretch", "letterbox", "center_crop", "none")
DTYPES = ("float32", "uint8", "int64")
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_IDENT = re.compile(r"^[A-Za-z0-9_.:/-]+$")

# Sidecars come from users and the internet: every size is capped so that a hostile or broken one is
# refused with a SidecarError instead of exhausting memory or time (the bundled ones are a few KB).
MAX_SIDECAR_BYTES = 4 * 1024 * 1024
MAX_JSON_DEPTH = 32
MAX_LABELS = 10_000  # labels and categories
MAX_TENSORS = 16  # inputs and outputs, each
MAX_THRESHOLDS = 64
MAX_NAME_CHARS = 200  # names, labels, versions, tensor and axis names, object keys
MAX_TEXT_CHARS = 20_000  # descriptions, licences, notes: any other string
MAX_INT = 2**53  # every integer converts to float exactly, and numpy casts cannot overflow
MAX_IMAGE_SIDE = 4096  # per spatial side of an image input: 4096x4096x3 float32 is 200 MB already
MAX_DIM = 1_000_000  # any other fixed axis
MAX_INPUT_VALUES = 64 * 1024 * 1024  # values in one sample of one input (fixed axes multiplied)
TEMPERATURE_RANGE = (0.01, 100.0)
MIN_STD = 1e-6  # a smaller std blows normalised pixels up to inf and confidences to NaN
MAX_NORMALISATION = 1e6  # |mean|, std and scale


class SidecarError(ValueError):
    """A sidecar field is missing or wrong; `field` is a dotted path such as `inputs[0].shape`."""

    def __init__(self, field_path: str, problem: str, source: str | None = None) -> None:
        self.field = field_path
        self.problem = problem
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"{where}field '{field_path}': {problem}")


def show(value: Any) -> str:
    """A short, always printable description of an untrusted value, for error messages.

    `repr` itself can fail (integers over 4300 digits), be huge (a 1 MB string) or recurse deeply.
    """
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return repr(value) if abs(value) < 10**15 else f"an integer of {value.bit_length()} bits"
    if isinstance(value, str):
        # ascii(): lone surrogates and control characters come out escaped, so the message always prints.
        return ascii(value) if len(value) <= 40 else f"{ascii(value[:40])}... ({len(value)} characters)"
    if isinstance(value, (list, tuple, dict)):
        return f"a {type(value).__name__} of {len(value)} items"
    return f"a {type(value).__name__}"


# --- the whole tree: JSON types only, bounded sizes ------------------------------------------------


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _check_chars(path: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise SidecarError(path, f"is {len(value)} characters long, the limit is {limit}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates (JSON escapes like \\ud800) cannot be printed, stored or shown by Qt.
        raise SidecarError(path, f"contains characters that are not valid Unicode: {show(value)}") from None


def _check_tree(path: str, value: Any, depth: int = 0) -> None:
    """Every value is plain JSON: finite numbers, bounded integers and strings, at most MAX_JSON_DEPTH deep.

    Runs on the whole sidecar, task-specific blocks included, so nothing a backend reads later can hold a
    value that makes float(), int(), repr() or printing fail. Recursion is bounded by the depth limit.
    """
    where = path or "<root>"
    if depth > MAX_JSON_DEPTH:
        raise SidecarError(where, f"is nested deeper than {MAX_JSON_DEPTH} levels")
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, int):
        if abs(value) > MAX_INT:
            raise SidecarError(where, f"integer {show(value)} is out of range (at most 2**53 in size)")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise SidecarError(where, f"expected a finite number, got {show(value)}")
    elif isinstance(value, str):
        _check_chars(where, value, MAX_TEXT_CHARS)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _check_tree(f"{path}[{i}]", item, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise SidecarError(where, f"object keys must be strings, got {show(key)}")
            _check_chars(_join(path, "<key>"), key, MAX_NAME_CHARS)
            _check_tree(_join(path, key), item, depth + 1)
    else:
        raise SidecarError(where, f"expected a JSON value, got {show(value)}")


# --- small checkers: each returns the cleaned value or raises SidecarError ---------------------------

Checker = Callable[[str, Any], Any]


def _str(path: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SidecarError(path, f"expected a non-empty string, got {show(value)}")
    _check_chars(path, value, MAX_TEXT_CHARS)
    return value


def _name(path: str, value: Any) -> str:
    """A short single-line name (label, category, tensor, version): shown in lists and stored."""
    value = _str(path, value)
    _check_chars(path, value, MAX_NAME_CHARS)
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise SidecarError(path, f"contains control characters: {show(value)}")
    return value


def _ident(path: str, value: Any) -> str:
    value = _name(path, value)
    if not _IDENT.match(value):
        raise SidecarError(path, f"expected letters, digits, '_', '.', ':', '/' or '-', got {show(value)}")
    return value


def _number(path: str, value: Any) -> float:
    # The int bound comes first: math.isfinite() and float() raise OverflowError on a 400-digit integer.
    usable = (
        not isinstance(value, bool)
        and isinstance(value, (int, float))
        and (abs(value) <= MAX_INT if isinstance(value, int) else math.isfinite(value))
    )
    if not usable:
        raise SidecarError(path, f"expected a finite number, got {show(value)}")
    return float(value)


def _in_range(low: float, high: float, *, low_open: bool = False) -> Checker:
    """A number in [low, high] (or (low, high] when `low_open`)."""

    def check(path: str, value: Any) -> float:
        number = _number(path, value)
        too_low = number <= low if low_open else number < low
        if too_low or number > high:
            span = f"{'(' if low_open else '['}{low:g}, {high:g}]"
            raise SidecarError(path, f"expected a number in {span}, got {show(value)}")
        return number

    return check


def number_in(path: str, value: Any, low: float, high: float, *, low_open: bool = False) -> float:
    """`value` as a float in [low, high] (or (low, high]); SidecarError naming `path` otherwise."""
    return _in_range(low, high, low_open=low_open)(path, value)


_unit_interval = _in_range(0.0, 1.0)


def _integer(low: int, high: int) -> Checker:
    def check(path: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise SidecarError(path, f"expected a whole number from {low} to {high}, got {show(value)}")
        return value

    return check


def _one_of(choices: Iterable[str]) -> Checker:
    allowed = tuple(choices)

    def check(path: str, value: Any) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise SidecarError(path, f"expected one of {list(allowed)}, got {show(value)}")
        return value

    return check


def _dim(path: str, value: Any) -> int | str | None:
    # A fixed size, or a symbolic/None dimension such as the batch axis.
    if value is None:
        return value
    if isinstance(value, str):
        return _name(path, value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_DIM:
        raise SidecarError(path, f"expected a whole number from 1 to {MAX_DIM}, a name or null, got {show(value)}")
    return value


def _list_of(item: Checker, *, min_len: int = 1, max_len: int | None = None) -> Checker:
    def check(path: str, value: Any) -> list:
        if not isinstance(value, list):
            raise SidecarError(path, f"expected a list, got {show(value)}")
        if len(value) < min_len or (max_len is not None and len(value) > max_len):
            span = f"{min_len}..{max_len}" if max_len is not None else f"at least {min_len}"
            raise SidecarError(path, f"expected {span} items, got {len(value)}")
        return [item(f"{path}[{i}]", v) for i, v in enumerate(value)]

    return check


def _object(fields: dict[str, tuple[Checker, bool]], *, allow_extra: bool = True) -> Checker:
    """`fields` maps key -> (checker, required)."""

    def check(path: str, value: Any) -> dict:
        if not isinstance(value, dict):
            raise SidecarError(path or "<root>", f"expected an object, got {show(value)}")
        out = dict(value) if allow_extra else {}
        for key, (checker, required) in fields.items():
            sub = _join(path, key)
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


def _thresholds(path: str, value: Any) -> dict[str, float]:
    # Every threshold is compared with a probability, a score or an IoU: all live in [0, 1].
    if not isinstance(value, dict):
        raise SidecarError(path, f"expected an object of numbers, got {show(value)}")
    if len(value) > MAX_THRESHOLDS:
        raise SidecarError(path, f"expected at most {MAX_THRESHOLDS} thresholds, got {len(value)}")
    return {k: _unit_interval(f"{path}.{k}", v) for k, v in value.items()}


def _unique(path: str, names: list[str]) -> None:
    # Counter, not list.count: 10,000 labels must not cost 10^8 comparisons.
    dupes = sorted(name for name, n in Counter(names).items() if n > 1)
    if dupes:
        raise SidecarError(path, f"duplicate entries {', '.join(show(d) for d in dupes[:10])}")


def _unique_names(path: str, value: Any) -> list[str]:
    items = _list_of(_name, max_len=MAX_LABELS)(path, value)
    _unique(path, items)
    return items


def _colour(path: str, value: Any) -> str:
    if not isinstance(value, str) or not _HEX_COLOUR.match(value):
        raise SidecarError(path, f"expected a colour like '#1f77b4', got {show(value)}")
    return value


def _std(path: str, value: Any) -> float:
    number = _number(path, value)
    if not MIN_STD < number <= MAX_NORMALISATION:
        raise SidecarError(
            path, f"expected a standard deviation > 0, above {MIN_STD:g} (a smaller one turns pixels into "
            f"inf and confidences into NaN) and at most {MAX_NORMALISATION:g}, got {show(value)}",
        )
    return number


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
