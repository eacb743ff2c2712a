"""Untrusted models, sidecars and gaze datasets: each case here once crashed a command or the import.

Item 9: one broken sidecar in the user's models folder broke every command. Item 10: models passed the
import check and then crashed or exhausted memory. Item 11: hostile gaze datasets escaped DatasetError.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from alyesdesk import paths
from alyesdesk.cli import run as cli_run
from alyesdesk.inference import catalog, importer
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.registry import backend_class
from alyesdesk.inference.sidecar import MAX_SIDECAR_BYTES, SidecarError, load_sidecar, validate_sidecar
from model_factory import sidecar as make_sidecar
from model_factory import write_model
from process_kit import wait_gone

BUNDLED = paths.bundled_models_dir()
import onnx as ONNX  # noqa: N812 - declared in the test extra: a missing one must fail, not skip
from onnx import TensorProto, helper  # noqa: E402

CLASSIFIER = make_sidecar("classify", [1, 3, 8, 8], [1, 3], labels=["a", "b", "c"])
LINUX = sys.platform.startswith("linux")


def _bundled(stem: str) -> dict:
    path = BUNDLED / f"{stem}.json"
    assert path.is_file(), f"the bundled {stem} is committed: its absence is a broken checkout"
    return json.loads(path.read_text(encoding="utf-8"))


def _save_graph(path: Path, nodes: list, out_shape: list, initializers: list | None = None,
                in_shape: list | None = None) -> Path:
    """A model with input `image` (float, [1, 3, 8, 8] by default) and output `scores`."""
    graph = helper.make_graph(
        nodes, "hostile",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, in_shape or [1, 3, 8, 8])],
        [helper.make_tensor_value_info("scores", TensorProto.FLOAT, out_shape)],
        initializer=initializers or [],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    ONNX.save(model, str(path))
    (path.with_suffix(".json")).write_text(json.dumps(CLASSIFIER))
    return path


def _pooled_times(weight_cols: int) -> tuple[list, list]:
    """Nodes and weights: mean over H and W, then a [3, weight_cols] MatMul -> `scores`."""
    reduce = helper.make_node("ReduceMean", ["image"], ["pooled"], axes=[2, 3], keepdims=0)
    weight = helper.make_tensor("w", TensorProto.FLOAT, [3, weight_cols], [0.1] * (3 * weight_cols))
    return [reduce, helper.make_node("MatMul", ["pooled", "w"], ["scores"])], [weight]


def nan_model(path: Path) -> Path:
    """Declares what a classifier should, but every output is NaN (sqrt of a negative number)."""
    nodes, weights = _pooled_times(3)
    nodes[1] = helper.make_node("MatMul", ["pooled", "w"], ["mm"])
    nodes += [helper.make_node("Abs", ["mm"], ["a"]), helper.make_node("Neg", ["a"], ["n"]),
              helper.make_node("Sub", ["n", "one"], ["neg"]), helper.make_node("Sqrt", ["neg"], ["scores"])]
    weights.append(helper.make_tensor("one", TensorProto.FLOAT, [], [1.0]))
    return _save_graph(path, nodes, [1, 3], weights)


def wrong_shape_model(path: Path) -> Path:
    """A dynamic graph whose output length is the image width: it loads (the axis is symbolic), then
    gives 8 values for 3 labels on the declared 8x8 input."""
    reduce = helper.make_node("ReduceMean", ["image"], ["scores"], axes=[1, 2], keepdims=0)
    return _save_graph(path, [reduce], [1, "w"], in_shape=[1, 3, "h", "w"])


def memory_hog_model(path: Path) -> Path:
    """A few hundred bytes that allocate 2.2 GB (a constant of 550 million floats), then look normal."""
    size = helper.make_tensor("size", TensorProto.INT64, [1], [550_000_000])
    nodes, weights = _pooled_times(3)
    nodes[1] = helper.make_node("MatMul", ["pooled", "w"], ["mm"])
    nodes += [
        helper.make_node("ConstantOfShape", ["size"], ["big"]),
        helper.make_node("ReduceSum", ["big"], ["total"], keepdims=0),
        helper.make_node("Add", ["mm", "total"], ["scores"]),
    ]
    return _save_graph(path, nodes, [1, 3], weights + [size])


# --- item 9: one broken sidecar never breaks the others -------------------------------------------------


def _user_model(stem: str | bytes, data: dict | bytes) -> Path:
    folder = paths.user_models_dir()
    onnx = BUNDLED / "waste_classifier.onnx"
    assert onnx.is_file(), "the bundled classifier is committed: its absence is a broken checkout"
    base = os.fsencode(folder) + b"/" + (stem if isinstance(stem, bytes) else stem.encode())
    body = data if isinstance(data, bytes) else json.dumps(data).encode()
    try:
        with open(base + b".json", "wb") as handle:
            handle.write(body)
        with open(base + b".onnx", "wb") as handle:
            handle.write(onnx.read_bytes())
    except OSError:
        pytest.skip("this file system refuses such a file name")
    return Path(os.fsdecode(base + b".json"))


def _assert_others_unaffected(capsys: pytest.CaptureFixture, broken_words: str) -> None:
    found, broken = catalog.scan()
    assert {m.spec.name for m in found if m.bundled} >= {"waste_classifier"}
    assert any(broken_words in b.error for b in broken), [b.error for b in broken]
    assert catalog.active_model("classify").bundled
    backend, _ = catalog.open_for_task("classify")
    assert backend.spec.name == "waste_classifier"
    assert cli_run(["models"]) == 0
    out = capsys.readouterr().out
    assert "BROKEN" in out
    out.encode("utf-8")  # printable on a strict UTF-8 console
    assert cli_run(["models", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert any(broken_words in b["error"] for b in listed["broken"])


def test_a_huge_schema_version_is_listed_as_broken(capsys) -> None:
    data = _bundled("waste_classifier")
    data["schema_version"] = int("9" * 400)
    _user_model("huge", data)
    _assert_others_unaffected(capsys, "digits")


@pytest.mark.skipif(os.name != "posix", reason="POSIX file names are bytes")
def test_a_file_name_that_is_not_utf8_is_listed_as_broken(capsys) -> None:
    path = _user_model(b"bad\xff", _bundled("waste_classifier"))
    _assert_others_unaffected(capsys, "not valid UTF-8")
    broken = [b for b in catalog.scan()[1] if b.sidecar_path == path]
    assert broken and broken[0].display_name.endswith("bad\\xff.json")
    from alyesdesk.diagnostics import check_models

    check_models().detail.encode("utf-8")  # what `selftest` prints


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"schema_version": 1, "task": "classify\xff"}', "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested"),
        (b'{"a": 1e999}', "out of range"),
        (b'{"a": NaN}', "NaN"),
        (b" " * (MAX_SIDECAR_BYTES + 1), "byte limit"),
    ],
)
def test_unreadable_sidecar_files_are_sidecar_errors(tmp_path, content, words) -> None:
    path = tmp_path / "m.json"
    path.write_bytes(content)
    with pytest.raises(SidecarError, match=words):
        load_sidecar(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_like_a_sidecar_does_not_block(tmp_path) -> None:
    os.mkfifo(tmp_path / "m.json")
    with pytest.raises(SidecarError, match="not a regular file"):
        load_sidecar(tmp_path / "m.json")


def _mutated(stem: str, dotted: str, value: object) -> dict:
    data = copy.deepcopy(_bundled(stem))
    *parents, last = dotted.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value
    return data


@pytest.mark.parametrize(
    ("stem", "dotted", "value"),
    [
        ("signature_detector", "decoder.heatmap", ["heatmap"]),  # unhashable: TypeError before
        ("signature_detector", "decoder.stride", "8"),
        ("signature_detector", "decoder.stride", 10**300),  # float() overflow at the first page before
        ("signature_detector", "decoder.top_k", "100"),
        ("signature_detector", "documents.pdf_long_side_px", "big"),
        ("signature_detector", "documents.verifier_threshold", [0.5]),
        ("signature_verifier", "crop.context", "wide"),
        ("signature_verifier", "positive", {"a": 1}),
        ("street_segmenter", "segment.void_category", ["void"]),
        ("street_segmenter", "segment.predict_void", "no"),
        ("street_segmenter", "segment.class_bias", [0.0, 1e300]),
        ("waste_classifier", "runtime.intra_op_threads", 10**15),
        ("waste_classifier", "labels", ["a", "\ud800"]),  # a lone surrogate cannot be printed or stored
    ],
)
def test_bad_task_values_are_sidecar_or_model_errors(stem, dotted, value, tmp_path) -> None:
    data = _mutated(stem, dotted, value)
    with pytest.raises((SidecarError, ModelError)) as info:
        spec = validate_sidecar(data)
        backend_class(spec.task)(spec, tmp_path / "x.onnx")
    assert dotted.split(".")[-1] in str(info.value) or dotted.split(".")[0] in str(info.value)


def test_bad_gaze_values_are_sidecar_or_model_errors(tmp_path) -> None:
    from alyesdesk.inference.gaze.fit import gaze_sidecar
    from alyesdesk.inference.gaze.screen import ScreenGeometry

    good = gaze_sidecar(name="g", version="1", kind="calibrated", frontend="haar",
                        feature_names=[f"f{i}" for i in range(16)], screen=ScreenGeometry(),
                        licence="test", description="test")
    backend_class("gaze")(validate_sidecar(good), tmp_path / "g.onnx")
    for key, value in (("features", 5), ("frontend", ["haar"]), ("offset", ["x", 0]),
                       ("screen", {"width_px": "wide"}), ("screen", {"distance_cm": -1})):
        data = copy.deepcopy(good)
        data["gaze"][key] = value
        with pytest.raises((SidecarError, ModelError), match=key):
            backend_class("gaze")(validate_sidecar(data), tmp_path / "g.onnx")


# --- item 10: what passes the sidecar checks, the app can run ---------------------------------------------


@pytest.mark.parametrize(
    ("mutate", "field", "words"),
    [
        (lambda d: d["inputs"][0].update(shape=["N", 3, "H", "W"]), "inputs[0].shape", "fixed height and width"),
        (lambda d: d["inputs"][0].update(shape=[1, 3, 15000, 15000]), "inputs[0].shape", "4096"),
        (lambda d: d["inputs"][0].update(shape=[8, 3, 8, 8]), "inputs[0].shape", "batch"),
        (lambda d: d.update(thresholds={"not_sure": 2.5}), "thresholds.not_sure", "[0, 1]"),
        (lambda d: d.update(thresholds={"not_sure": -7}), "thresholds.not_sure", "[0, 1]"),
        (lambda d: d.update(calibration={"temperature": 1e-300}), "calibration.temperature", "0.01"),
        (lambda d: d["inputs"][0]["normalization"].update(std=[1e-9]), "inputs[0].normalization.std[0]", "1e-06"),
        (lambda d: d.update(labels=[f"l{i}" for i in range(100_000)]), "labels", "10000"),
        (lambda d: d.update(schema_version=1.5), "schema_version", "whole number"),
    ],
)
def test_sidecar_values_the_app_could_not_run_are_refused(mutate, field, words) -> None:
    data = copy.deepcopy(CLASSIFIER)
    mutate(data)
    start = time.perf_counter()
    with pytest.raises(SidecarError) as info:
        validate_sidecar(data)
    assert info.value.field == field and words in str(info.value)
    assert time.perf_counter() - start < 2.0  # 100,000 labels used to take minutes (quadratic)


def test_ten_thousand_labels_validate_quickly() -> None:
    data = copy.deepcopy(CLASSIFIER)
    data["labels"] = [f"label-{i}" for i in range(10_000)]
    start = time.perf_counter()
    assert len(validate_sidecar(data).labels) == 10_000
    assert time.perf_counter() - start < 2.0


def test_bundled_models_pass_the_import_check() -> None:
    for sidecar in sorted(BUNDLED.glob("*.json")):
        if sidecar.with_suffix(".onnx").is_file():
            verdict = importer.check_here(sidecar.with_suffix(".onnx"), sidecar)
            assert verdict["ok"], sidecar.name


@pytest.mark.parametrize(("build", "words"), [(nan_model, "NaN"), (wrong_shape_model, r"shape \[1, 8\]")])
def test_the_import_check_runs_the_model_and_refuses_bad_outputs(tmp_path, build, words) -> None:
    path = build(tmp_path / "m.onnx")
    catalog.load_model(path)  # loading alone does not see it: only a real inference does
    with pytest.raises(ModelError, match=words):
        importer.check_here(path, path.with_suffix(".json"))


@pytest.mark.skipif(not LINUX, reason="RLIMIT_AS is enforced on Linux")
def test_a_model_that_allocates_gigabytes_is_refused_by_the_child(tmp_path) -> None:
    path = memory_hog_model(tmp_path / "hog.onnx")
    assert path.stat().st_size < 1000
    with pytest.raises(ModelError, match="memory"):
        importer.import_model(path)
    assert list(paths.user_models_dir().iterdir()) == []  # nothing installed, no staging folder left


class _Interrupted(subprocess.Popen):
    """A checker run that the user interrupts (Ctrl+C) once the child has started a grandchild."""

    last: "_Interrupted | None" = None
    grandchild = 0

    def communicate(self, input=None, timeout=None):  # noqa: A002, ANN001, ANN201
        _Interrupted.last = self
        _Interrupted.grandchild = int(self.stdout.readline())
        raise KeyboardInterrupt


def _hanging_checker(*_args: object, **_kwargs: object) -> list[str]:
    code = ("import subprocess, sys, time\n"
            "g = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
            "print(g.pid, flush=True)\n"
            "time.sleep(600)\n")
    return [sys.executable, "-c", code]



@pytest.mark.skipif(not (LINUX and hasattr(os, "pidfd_open")), reason="needs Linux pidfds")
def test_an_interrupted_import_leaves_no_staging_folder_and_no_process(tmp_path, monkeypatch) -> None:
    src = write_model(tmp_path / "src", "m", "classify", [1, 3, 8, 8], [1, 3], labels=["a", "b", "c"])
    stale = paths.user_models_dir() / ".old.abc.importing"
    stale.mkdir()
    os.utime(stale, (0, 0))  # left by an import that was killed outright, long ago
    monkeypatch.setattr(importer, "check_command", _hanging_checker)
    monkeypatch.setattr(importer.subprocess, "Popen", _Interrupted)
    with pytest.raises(KeyboardInterrupt):
        importer.import_model(src)
    child = _Interrupted.last
    assert child is not None and child.returncode is not None  # killed and reaped
    assert wait_gone(_Interrupted.grandchild)  # its whole process group went with it
    assert list(paths.user_models_dir().iterdir()) == []


def test_a_checker_that_hangs_is_killed_at_the_time_limit(tmp_path, monkeypatch) -> None:
    src = write_model(tmp_path / "src", "m", "classify", [1, 3, 8, 8], [1, 3], labels=["a", "b", "c"])
    monkeypatch.setattr(importer, "check_command", _hanging_checker)
    monkeypatch.setattr(importer, "CHECK_TIMEOUT_S", 0.5)
    started: list[subprocess.Popen] = []
    real_popen = subprocess.Popen

    def recording(*args: object, **kwargs: object) -> subprocess.Popen:
        started.append(real_popen(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(importer.subprocess, "Popen", recording)
    with pytest.raises(ModelError, match="longer than"):
        importer.import_model(src)
    assert started and started[0].returncode is not None
    assert list(paths.user_models_dir().iterdir()) == []


# --- item 11: a hostile gaze dataset is a clear error, exit 2 ----------------------------------------------


def _dataset(root: Path, targets: bytes, meta: bytes | None = None) -> Path:
    (root / "frames").mkdir(parents=True)
    (root / "frames" / "a.png").write_bytes(b"not really a png")
    (root / "targets.csv").write_bytes(targets)
    if meta is not None:
        (root / "meta.json").write_bytes(meta)
    return root


def test_dataset_rows_with_bad_targets_or_paths_are_problems(tmp_path) -> None:
    from alyesdesk.inference.gaze.dataset import load_dataset

    rows = ["frame,x,y", "a.png,nan,1", "a.png,1,inf", "a.png,1e999,2", "/etc/hostname,1,2",
            "../frames/a.png,1,2", "x" * 300 + ".png,1,2", "a.png,10,20"]
    data = load_dataset(_dataset(tmp_path / "ds", "\n".join(rows).encode()))
    assert [(i.name, i.x, i.y) for i in data.items] == [("a.png", 10.0, 20.0)]
    assert len(data.problems) == 7, data.problems
    assert any("leaves frames/" in p for p in data.problems)


@pytest.mark.parametrize(
    ("targets", "meta", "words"),
    [
        (b"frame,x,y\na.png,1,2\xff\n", None, "not UTF-8"),
        (b"frame,x,y\n" + b"a" * 200_000 + b",1,2\n", None, "field larger"),
        (b"frame,x,y\n", b"[" * 50_000, None),  # a deep meta.json is a problem, not a crash
        (b"frame,x,y\n", b'{"screen_w_px": 1e999}', None),
    ],
)
def test_unreadable_dataset_files_are_dataset_errors(tmp_path, targets, meta, words) -> None:
    from alyesdesk.inference.gaze.dataset import DatasetError, load_dataset

    root = _dataset(tmp_path / "ds", targets, meta)
    if words is None:
        data = load_dataset(root)
        assert data.problems and data.screen.width_px == 1920
    else:
        with pytest.raises(DatasetError, match=words):
            load_dataset(root)


def test_gaze_fit_exits_2_on_a_hostile_dataset(tmp_path, capsys) -> None:
    bad = _dataset(tmp_path / "bad", b"frame,x,y\n/etc/hostname,1,2\na.png,nan,3\n")
    binary = _dataset(tmp_path / "binary", b"frame,x,y\n\xff\xfe,1,2\n")
    for folder in (bad, binary):
        assert cli_run(["gaze", "fit", "--out", str(tmp_path / "m.onnx"), "--data", str(folder)]) == 2
        err = capsys.readouterr().err
        assert "error:" in err and "Traceback" not in err
    assert not (tmp_path / "m.onnx").exists()
