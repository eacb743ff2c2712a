"""Headless commands of the foundation: models, selftest, history, import-model, diagnostics."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from alyesdesk.cli import run
from alyesdesk.storage import ModelRef
from model_factory import write_model


def _cli(*args: str, env_home=None) -> subprocess.CompletedProcess:  # noqa: ANN001
    return subprocess.run([sys.executable, "-m", "alyesdesk", *args], capture_output=True, text=True, timeout=300)


def test_models_json_lists_bundled_models(capsys) -> None:
    assert run(["models", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"models", "broken"}
    for model in data["models"]:
        assert model["bundled"] and len(model["sha256"]) == 64
    assert data["broken"] == [], data["broken"]


def test_selftest_passes_here(capsys) -> None:
    qt_blocked = os.environ.get("ALYESDESK_BLOCK_QT") == "1"  # the Qt-free CI step
    code = run(["selftest", "--json", "--skip", "cameras"] + (["--skip", "qt"] if qt_blocked else []))
    report = json.loads(capsys.readouterr().out)
    names = {c["name"]: c for c in report["checks"]}
    assert {"imports", "models", "mediapipe", "keyring", "database"} <= set(names)
    assert qt_blocked or names["qt"]["status"] == "ok"
    assert names["database"]["status"] == "ok"
    assert names["mediapipe"]["status"] == "ok"
    assert code == (0 if report["ok"] else 1)
    assert report["ok"], [c for c in report["checks"] if c["status"] == "fail"]


def test_selftest_fails_on_a_broken_model(capsys, isolated_home) -> None:
    from alyesdesk import paths

    folder = paths.user_models_dir()
    (folder / "broken.onnx").write_bytes(b"not onnx")
    (folder / "broken.json").write_text("{}")
    assert run(["selftest", "--json", "--skip", "cameras", "--skip", "mediapipe"]) == 1
    report = json.loads(capsys.readouterr().out)
    models = next(c for c in report["checks"] if c["name"] == "models")
    assert models["status"] == "fail" and "broken.json" in models["detail"]


def test_history_command(db, capsys, tmp_path) -> None:
    db.save_classification("/a/bottle.jpg", "s", "glass", 0.9, {"glass": 0.9}, ModelRef("m", "1", "x"))
    assert run(["history", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["input"] == "/a/bottle.jpg"
    out = tmp_path / "h.csv"
    assert run(["history", "--csv", str(out), "--capability", "waste"]) == 0
    assert "/a/bottle.jpg" in out.read_text()


def test_usage_error_exit_code() -> None:
    assert run(["history", "--capability", "astrology"]) == 2


def test_import_model_checks_in_a_child_process(tmp_path, capsys) -> None:
    from alyesdesk.inference import catalog

    src = tmp_path / "src"
    good = write_model(src, "mine", "unit-test-scores", [1, 3, 8, 8], [1, 3], labels=["a", "b", "c"])
    # unit-test-scores is registered in the test process only; the child knows the real tasks.
    with pytest.raises(Exception, match="unknown model task"):
        from alyesdesk.inference.importer import import_model

        import_model(good)
    assert [m for m in catalog.scan()[0] if not m.bundled] == []  # nothing half-installed


def test_diagnostics_command(capsys) -> None:
    assert run(["diagnostics", "--no-cameras"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["versions"]["AlyesDesk"] and data["keyring_backend"]


def test_import_model_installs_and_activates_a_checked_model(tmp_path, capsys) -> None:
    import shutil

    from alyesdesk import paths
    from alyesdesk.inference import catalog

    bundled = paths.bundled_models_dir() / "waste_classifier.onnx"
    assert bundled.is_file(), "the bundled classifier is committed: its absence is a broken checkout"
    src = tmp_path / "my_classifier.onnx"
    shutil.copyfile(bundled, src)
    shutil.copyfile(bundled.with_suffix(".json"), src.with_suffix(".json"))
    assert run(["import-model", str(src), "--activate"]) == 0
    assert "imported classify model" in capsys.readouterr().out
    active = catalog.active_model("classify")
    assert not active.bundled and active.onnx_path.parent == paths.user_models_dir()
    assert catalog.open_model(active).spec.labels == catalog.load_model(bundled).spec.labels


def test_import_model_refuses_a_mismatched_sidecar(tmp_path, capsys) -> None:
    import shutil

    from alyesdesk import paths

    bundled = paths.bundled_models_dir() / "waste_classifier.onnx"
    assert bundled.is_file(), "the bundled classifier is committed: its absence is a broken checkout"
    src = tmp_path / "wrong.onnx"
    shutil.copyfile(bundled, src)
    data = json.loads(bundled.with_suffix(".json").read_text())
    data["labels"] = data["labels"][:3]  # the graph still outputs 9 logits
    src.with_suffix(".json").write_text(json.dumps(data))
    assert run(["import-model", str(src)]) == 1
    assert "logits" in capsys.readouterr().err
    assert list(paths.user_models_dir().glob("*.onnx")) == []
