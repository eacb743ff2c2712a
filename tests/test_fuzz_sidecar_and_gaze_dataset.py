"""Bounded fuzzing of what AlyesDesk reads from outside: sidecars (parsed and as bytes) and gaze datasets.

The contract under test: whatever the input, only the module's own error escapes (`SidecarError` or
`ModelError` for models, `DatasetError` for datasets), and what is accepted is usable (finite targets,
frames inside frames/, backend settings readable). Each test is capped at a few hundred to a few
thousand examples (about 20 s on a slow 2-core machine); run with `-s` to see how many ran.
"""

from __future__ import annotations

import copy
import json
import math
import random
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from alyesdesk import paths  # noqa: E402
from alyesdesk.inference.errors import ModelError  # noqa: E402
from alyesdesk.inference.gaze.dataset import DatasetError, load_dataset  # noqa: E402
from alyesdesk.inference.registry import backend_class  # noqa: E402
from alyesdesk.inference.sidecar import SidecarError, load_sidecar, validate_sidecar  # noqa: E402

COUNTS: Counter = Counter()


def fuzz(examples: int) -> settings:
    """Bounded, no deadline (the machine is slow and shared), no example database written to the repo."""
    return settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))


def _base_sidecars() -> list[dict]:
    """Every bundled sidecar, plus a gaze one (gaze models live in the database, not in models/)."""
    from alyesdesk.inference.gaze.fit import gaze_sidecar
    from alyesdesk.inference.gaze.screen import ScreenGeometry

    folder = paths.bundled_models_dir()
    found = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))
             if p.with_suffix(".onnx").is_file()]
    gaze = gaze_sidecar(name="g", version="1", kind="calibrated", frontend="haar",
                        feature_names=[f"f{i}" for i in range(16)], screen=ScreenGeometry(),
                        licence="test", description="test")
    return found + [gaze]


BASES = _base_sidecars()
SIDECAR_FILES = [p for p in sorted(paths.bundled_models_dir().glob("*.json")) if p.with_suffix(".onnx").is_file()]


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    print(f"\nfuzz examples run: {dict(COUNTS)}")


# --- strategies ---------------------------------------------------------------------------------------------

_TRICKY_NUMBERS = st.sampled_from([
    0, 1, -1, 2, 3, 8, 255, 256, 4096, 4097, 15000, 10**15, 2**53 + 1, 2**63, 10**400, -(10**30),
    0.0, 0.5, 1.0, 2.5, -7.0, 1e-300, 1e-9, 1e300, float("nan"), float("inf"), -float("inf"),
])
_TRICKY_STRINGS = st.sampled_from([
    "", " ", "N", "batch", "H", "W", "NCHW", "NHWC", "NC", "GRAY", "RGB", "BGR", "stretch", "letterbox",
    "float32", "uint8", "int64", "classify", "detect", "verify", "segment", "gaze", "heatmap", "ltrb",
    "logits", "image", "scores", "signature", "void", "#ffffff", "blue", "centre_ltrb", "mediapipe",
    "haar", "../v.onnx", "/etc/hostname", "a\x00b", "\ud800", "x" * 5000, "é" * 300, "1e999",
])
_TEXT = st.text(st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=30)
_LEAF = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), _TRICKY_NUMBERS, _TRICKY_STRINGS, _TEXT)
JSONISH = st.recursive(
    _LEAF,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(st.one_of(_TRICKY_STRINGS, _TEXT), inner, max_size=5)),
    max_leaves=12,
)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path (keys and indexes) in a JSON tree, the root included."""
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, prefix + (i,))
    return out


def _mutate(data: Any, draw: Any) -> Any:
    """Replace, delete or add one value somewhere in `data` (a deep copy)."""
    spots = _paths(data)
    where = draw(st.sampled_from(spots))
    action = draw(st.sampled_from(["replace", "replace", "delete", "add", "deepen"]))
    if not where:
        return draw(JSONISH) if action == "replace" else data
    parent = data
    for part in where[:-1]:
        parent = parent[part]
    last = where[-1]
    if action == "replace":
        parent[last] = draw(JSONISH)
    elif action == "delete":
        del parent[last]
    elif action == "add" and isinstance(parent, dict):
        parent[draw(st.one_of(_TRICKY_STRINGS, _TEXT))] = draw(JSONISH)
    elif action == "deepen":
        depth = draw(st.sampled_from([2, 30, 40, 200]))
        value: Any = parent[last]
        for _ in range(depth):
            value = [value]
        parent[last] = value
    return data


def _use_backend(spec: Any) -> None:
    """Construct the backend (its check_spec) and read what the app reads later from the sidecar."""
    backend = backend_class(spec.task)(spec, Path("fuzz.onnx"))
    for name in ("temperature", "not_sure_threshold", "score_threshold", "review_threshold", "nms_iou", "stride",
                 "top_k", "positive", "context", "pad_px", "void_index", "predict_void", "frontend", "kind",
                 "offset", "labels", "colour", "categories"):
        if hasattr(type(backend), name):
            getattr(backend, name)
    for tensor in spec.inputs:
        if tensor.layout in ("NCHW", "NHWC"):
            h, w = tensor.spatial_size
            assert 1 <= h <= 4096 and 1 <= w <= 4096
            assert all(s > 1e-6 for s in tensor.std) and math.isfinite(tensor.scale)
    assert 0.01 <= spec.temperature <= 100
    assert all(0 <= t <= 1 for t in spec.thresholds.values())
    json.dumps(spec.raw).encode("utf-8")  # printable and storable


# --- sidecars -----------------------------------------------------------------------------------------------


@fuzz(1500)
@given(st.data())
def test_fuzzed_sidecars_raise_only_sidecar_or_model_errors(data: st.DataObject) -> None:
    sidecar = copy.deepcopy(data.draw(st.sampled_from(BASES)))
    for _ in range(data.draw(st.integers(1, 3))):
        sidecar = _mutate(sidecar, data.draw)
    COUNTS["sidecar (parsed)"] += 1
    try:
        _use_backend(validate_sidecar(sidecar, source="fuzz"))
    except (SidecarError, ModelError) as exc:
        str(exc).encode("utf-8")  # the message itself always prints


def _write_and_load(folder: Path, content: bytes) -> None:
    path = folder / "fuzz.json"
    path.write_bytes(content)
    try:
        _use_backend(load_sidecar(path))
    except (SidecarError, ModelError) as exc:
        str(exc).encode("utf-8")


_TOKENS = [b"[" * 40, b"{" * 40, b"[" * 5000, b"9" * 400, b"1e999", b"NaN", b"-Infinity", b'"\\ud800"',
           b"\xff", b"\xef\xbb\xbf", b"\x00", b'"', b",", b"null", b"true", b"{}", b"[]", b"-0", b"1.5"]


@fuzz(600)
@given(st.sampled_from(SIDECAR_FILES or [None]), st.lists(
    st.tuples(st.floats(0, 1), st.sampled_from(["flip", "insert", "delete", "token"]), st.binary(max_size=8),
              st.sampled_from(_TOKENS)), min_size=1, max_size=4))
def test_fuzzed_sidecar_bytes_raise_only_sidecar_or_model_errors(source: Path | None, edits: list) -> None:
    if source is None:
        pytest.skip("no bundled sidecar")
    content = bytearray(source.read_bytes())
    for where, action, noise, token in edits:
        at = int(where * len(content))
        if action == "flip" and content:
            content[min(at, len(content) - 1)] ^= (noise[:1] or b"\x01")[0] or 1
        elif action == "insert":
            content[at:at] = noise
        elif action == "delete":
            del content[at:at + len(noise) + 1]
        else:
            content[at:at] = token
    COUNTS["sidecar (bytes, hypothesis)"] += 1
    with tempfile.TemporaryDirectory() as folder:
        _write_and_load(Path(folder), bytes(content))


def test_seeded_byte_mutations_of_real_sidecars(tmp_path: Path) -> None:
    """A plain, reproducible mutation fuzzer (no hypothesis): 1,500 mutants of the bundled sidecars."""
    if not SIDECAR_FILES:
        pytest.skip("no bundled sidecar")
    rng = random.Random(20240611)
    originals = [p.read_bytes() for p in SIDECAR_FILES]
    escapes = []
    for n in range(1500):
        content = bytearray(rng.choice(originals))
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(content) + 1)
            kind = rng.randrange(5)
            if kind == 0 and content:
                content[min(at, len(content) - 1)] = rng.randrange(256)
            elif kind == 1:
                del content[at:at + rng.randint(1, 40)]
            elif kind == 2:
                content[at:at] = rng.choice(_TOKENS)
            elif kind == 3:
                start = rng.randrange(len(content) + 1)
                content[at:at] = content[start:start + rng.randint(1, 200)]  # duplicate a chunk
            else:
                content[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        try:
            _write_and_load(tmp_path, bytes(content))
        except Exception as exc:  # noqa: BLE001 - the point: nothing else may escape
            escapes.append(f"mutant {n}: {type(exc).__name__}: {exc}")
        COUNTS["sidecar (bytes, seeded)"] += 1
    assert escapes == [], escapes[:5]


# --- gaze datasets ------------------------------------------------------------------------------------------

_FRAME_NAMES = st.one_of(
    st.sampled_from(["a.png", " a.png ", "", "/etc/hostname", "../a.png", "frames/../../a.png", "sub/../a.png",
                     "link.png", "x" * 300 + ".png", "a\x00.png", "C:/Windows/a.png", "\\\\server\\a.png", "."]),
    st.text(max_size=40),
)
_NUMBERS = st.one_of(
    st.sampled_from(["nan", "NaN", "inf", "-inf", "1e999", "9" * 400, "1_0", "", " 3 ", "0x10", "1e308", "-0"]),
    st.floats().map(repr), st.integers().map(str), st.text(max_size=10),
)
_ROWS = st.lists(st.tuples(_FRAME_NAMES, _NUMBERS, _NUMBERS), max_size=8)
_FILE_BYTES = st.one_of(st.binary(max_size=200), st.sampled_from([b"[" * 5000, b"\xff\xfe", b'"' + b"a" * 200_000,
                                                                    b"a" * 200_000 + b",1,2", b"\x00,1,2"]))
_SCREEN_KEYS = st.sampled_from(["screen_w_px", "screen_h_px", "width_px", "height_px", "screen_w_mm", "width_mm",
                                 "distance_cm", "camera", "sequential"])
_META = st.one_of(
    st.none(), _FILE_BYTES,
    st.one_of(JSONISH, st.dictionaries(_SCREEN_KEYS, st.one_of(_TRICKY_NUMBERS, _LEAF), max_size=5)).map(
        lambda v: json.dumps(v).encode("utf-8", "surrogatepass")),
)


def _csv_bytes(header: bytes, rows: list) -> bytes:
    lines = [header] + [",".join(f'"{c}"' if "," in c or "\n" in c else c for c in row).encode("utf-8", "surrogatepass")
                        for row in rows]
    return b"\n".join(lines)


def _check_loaded(root: Path) -> None:
    try:
        data = load_dataset(root)
    except DatasetError as exc:
        str(exc).encode("utf-8", "backslashreplace")
        return
    frames = (root / "frames").resolve()
    for item in data.items:
        assert math.isfinite(item.x) and math.isfinite(item.y)
        if data.format == "alyesdesk":
            item.path.resolve().relative_to(frames)  # never outside frames/
    data.targets()


@fuzz(300)
@given(
    header=st.sampled_from([b"frame,x,y", b"\xef\xbb\xbfframe,x,y", b"x,y", b"frame,x,y,frame", b""]),
    rows=_ROWS,
    raw_targets=st.one_of(st.none(), _FILE_BYTES),
    meta=_META,
    truth=st.one_of(st.none(), _FILE_BYTES, JSONISH.map(lambda v: json.dumps(v).encode("utf-8", "surrogatepass"))),
)
def test_fuzzed_gaze_datasets_raise_only_dataset_errors(header, rows, raw_targets, meta, truth) -> None:
    COUNTS["gaze dataset (alyesdesk format)"] += 1
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "ds"
        (root / "frames" / "sub").mkdir(parents=True)
        (root / "frames" / "a.png").write_bytes(b"png?")
        (root / "frames" / "link.png").symlink_to("/etc/hostname")
        (root / "targets.csv").write_bytes(raw_targets if raw_targets is not None else _csv_bytes(header, rows))
        if meta is not None:
            (root / "meta.json").write_bytes(meta)
        if truth is not None:
            (root / "truth.jsonl").write_bytes(truth)
        _check_loaded(root)


@fuzz(200)
@given(st.lists(st.tuples(st.from_regex(r"\A\d{1,60}\Z"), st.from_regex(r"\A-?\d{1,120}(\.\d{1,40})?\Z"),
                          st.from_regex(r"\A-?\d{1,60}\Z")), min_size=1, max_size=4), _META)
def test_fuzzed_original_format_datasets_raise_only_dataset_errors(names: list, meta: bytes | None) -> None:
    COUNTS["gaze dataset (original format)"] += 1
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for ident, x, y in names:
            name = f"opencv_frame_{ident}-{x}-{y}.png"
            if len(name.encode()) < 250:
                (root / name).write_bytes(b"png?")
        if meta is not None:
            (root / "meta.json").write_bytes(meta)
        _check_loaded(root)
