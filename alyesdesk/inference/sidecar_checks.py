"""The building blocks of sidecar validation: limits, the error type and small typed checkers.

Each checker takes (path, value) and returns the cleaned value or raises `SidecarError` naming the field,
so `sidecar.py` can describe the whole schema as data. Split from `sidecar.py` to keep both short.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from typing import Any
from collections.abc import Callable, Iterable

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
