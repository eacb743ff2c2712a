"""Sidecar validation, the backend registry and ONNX/sidecar mismatch checks."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest

from alyesdesk.inference import catalog
from alyesdesk.inference.backend import ModelBackend, require
from alyesdesk.inference.errors import ModelError, ModelMismatchError
from alyesdesk.inference.images import to_tensor
from alyesdesk.inference.registry import available_tasks, backend_class, register_backend
from alyesdesk.inference.sidecar import SidecarError, load_sidecar, validate_sidecar
from model_factory import sidecar, write_model


@register_backend("unit-test-scores")
class ScoresBackend(ModelBackend):
    """A minimal backend for registry tests: one score per label."""

    required_keys = ("labels",)

    def check_outputs(self) -> None:
        n = self.spec.outputs[0].shape[-1]
        require(n == len(self.spec.labels), f"{n} scores for {len(self.spec.labels)} labels")


GOOD = sidecar("unit-test-scores", [1, 3, 8, 8], [1, 3], labels=["a", "b", "c"])


def test_valid_sidecar_parses() -> None:
    spec = validate_sidecar(copy.deepcopy(GOOD))
    assert spec.task == "unit-test-scores"
    assert spec.inputs[0].spatial_size == (8, 8)
    assert spec.labels == ("a", "b", "c")


@pytest.mark.parametrize(
    ("mutate", "field", "words"),
    [
        (lambda d: d.pop("task"), "task", "required"),
        (lambda d: d["inputs"][0].update(shape="8x8"), "inputs[0].shape", "list"),
        (lambda d: d["inputs"][0].update(color_order="CMYK"), "inputs[0].color_order", "one of"),
        (lambda d: d["inputs"][0].pop("normalization"), "inputs[0].normalization", "image input"),
        (lambda d: d["inputs"][0].update(shape=[1, 1, 8, 8]), "inputs[0].shape", "3 channel"),
        (lambda d: d["inputs"][0]["normalization"].update(std=[0.0]), "inputs[0].normalization.std[0]", "> 0"),
        (lambda d: d.update(labels=["a", "a"]), "labels", "duplicate"),
        (lambda d: d.update(categories=[{"name": "sky", "color": "blue"}]), "categories[0].color", "colour"),
        (lambda d: d.update(thresholds={"score": "high"}), "thresholds.score", "number"),
        (lambda d: d.update(schema_version=99), "schema_version", "update AlyesDesk"),
    ],
)
def test_sidecar_errors_name_the_field(mutate, field, words) -> None:
    data = copy.deepcopy(GOOD)
    mutate(data)
    with pytest.raises(SidecarError) as info:
        validate_sidecar(data)
    assert info.value.field == field
    assert words in str(info.value)


def test_sidecar_file_errors(tmp_path) -> None:
    bad = tmp_path / "m.json"
    bad.write_text("{not json")
    with pytest.raises(SidecarError, match="not valid JSON"):
        load_sidecar(bad)
    with pytest.raises(SidecarError, match="cannot read"):
        load_sidecar(tmp_path / "missing.json")
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode())
    assert load_sidecar(bom).name == "tiny-test-model"


def test_registry_lists_and_refuses_unknown() -> None:
    assert "unit-test-scores" in available_tasks()
    assert backend_class("unit-test-scores") is ScoresBackend
    with pytest.raises(ModelError, match="Available"):
        backend_class("no-such-task")


def test_backend_requires_its_keys(tmp_path) -> None:
    data = copy.deepcopy(GOOD)
    data.pop("labels")
    with pytest.raises(SidecarError, match="labels"):
        ScoresBackend(validate_sidecar(data), tmp_path / "x.onnx")


def test_matching_model_loads_and_runs(tmp_path) -> None:
    path = write_model(tmp_path, "ok", "unit-test-scores", [1, 3, 8, 8], [1, 3], labels=["a", "b", "c"])
    backend = catalog.load_model(path)
    tensor, _ = to_tensor(np.full((20, 30, 3), 255, np.uint8), backend.input)
    assert tensor.shape == (1, 3, 8, 8)
    (scores,) = backend.run({"image": tensor})
    assert scores.shape == (1, 3)


def test_input_shape_mismatch_is_refused(tmp_path) -> None:
    path = write_model(
        tmp_path, "bad", "unit-test-scores", [1, 3, 16, 16], [1, 3], onnx_in=[1, 3, 8, 8], labels=["a", "b", "c"]
    )
    with pytest.raises(ModelMismatchError) as info:
        catalog.load_model(path)
    message = str(info.value)
    assert "input 'image' axis 2" in message and "[1, 3, 16, 16]" in message and "[1, 3, 8, 8]" in message


def test_output_count_mismatch_is_refused(tmp_path) -> None:
    path = write_model(tmp_path, "bad", "unit-test-scores", [1, 3, 8, 8], [1, 4], labels=["a", "b", "c"])
    with pytest.raises(ModelMismatchError, match="4 scores for 3 labels"):
        catalog.load_model(path)


def test_not_an_onnx_file_is_refused(tmp_path) -> None:
    (tmp_path / "junk.onnx").write_bytes(b"\x00garbage")
    (tmp_path / "junk.json").write_text(json.dumps(GOOD))
    with pytest.raises(ModelError, match="not a usable ONNX model"):
        catalog.load_model(tmp_path / "junk.onnx")


def test_scan_separates_broken_models(isolated_home) -> None:
    from alyesdesk import paths

    user = paths.user_models_dir()
    write_model(user, "good", "unit-test-scores", [1, 3, 8, 8], [1, 3], labels=["a", "b", "c"])
    write_model(user, "wrongtask", "unit-test-scores", [1, 3, 8, 8], [1, 3], labels=["a", "b", "c"])
    data = json.loads((user / "wrongtask.json").read_text())
    data["task"] = "telepathy"
    (user / "wrongtask.json").write_text(json.dumps(data))
    found, broken = catalog.scan()
    assert [m.onnx_path.name for m in found if not m.bundled] == ["good.onnx"]
    assert any("telepathy" in b.error for b in broken)
    info = catalog.active_model("unit-test-scores")
    assert info.onnx_path.name == "good.onnx"
    assert catalog.open_model(info) is catalog.open_model(info)  # cached


def test_letterbox_geometry_maps_back(tmp_path) -> None:
    data = copy.deepcopy(GOOD)
    data["inputs"][0]["resize"] = "letterbox"
    spec = validate_sidecar(data).inputs[0]
    tensor, geo = to_tensor(np.zeros((40, 80, 3), np.uint8), spec)
    assert tensor.shape == (1, 3, 8, 8)
    x, y = geo.to_source(np.array([4.0]), np.array([4.0]))
    assert x[0] == pytest.approx(40.0) and y[0] == pytest.approx(20.0)
