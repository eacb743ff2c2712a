"""`alyesdesk check-model`, and the importer's time limit, crash handling and name cleaning (issue 23, item 9).

`tests/test_untrusted_models.py` covers hostile models (NaN, wrong shapes, memory hogs), an interrupted
import and a hanging checker seen from `import_model`; this file covers the check-model command itself,
the child's own watchdog, a timeout that ends the child's whole process group, crashed children, the
verdict parsing, and how untrusted names become file names.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from alyesdesk import paths
from alyesdesk.cli import run as cli_run
from alyesdesk.inference import importer
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.sidecar import validate_sidecar
from model_factory import identity_onnx
from model_factory import sidecar as make_sidecar
from model_factory import write_model
from process_kit import wait_gone

REPO = Path(__file__).resolve().parent.parent
LINUX = sys.platform.startswith("linux")
LABELS = ["a", "b", "c"]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write_model(tmp_path / "src", "m", "classify", [1, 3, 8, 8], [1, 3], labels=LABELS)


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


# --- alyesdesk check-model ----------------------------------------------------------------------------


def test_check_model_in_a_child_process_prints_one_json_verdict(good: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "alyesdesk", "check-model", str(good), "--time-limit", "120"],
                          capture_output=True, text=True, timeout=300, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    verdict = json.loads(proc.stdout.strip().splitlines()[-1])
    assert verdict == {"ok": True, "task": "classify", "outputs": {"scores": [1, 3]}}


@pytest.fixture
def in_process(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Run check-model in this process: the memory limit and the watchdog are recorded, not applied (they
    would cap, or end, the test runner itself)."""
    calls: dict = {"limit": [], "watchdog": []}
    monkeypatch.setattr(importer, "limit_memory", lambda extra: calls["limit"].append(extra) or True)
    monkeypatch.setattr(importer, "start_watchdog", lambda seconds: calls["watchdog"].append(seconds))
    return calls


def _check_model(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, dict]:
    code = cli_run(["check-model", *argv])
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1, out  # exactly one line: the parent reads the last JSON line
    return code, json.loads(out[0])


def test_check_model_applies_the_memory_budget_and_the_time_limit(good: Path, in_process: dict, capsys) -> None:
    code, verdict = _check_model(capsys, str(good), str(good.with_suffix(".json")), "--time-limit", "7.5")
    assert (code, verdict["ok"], verdict["task"]) == (0, True, "classify")
    assert in_process["watchdog"] == [7.5]
    assert in_process["limit"] == [importer.CHECK_MEMORY_BYTES + importer.MODEL_MEMORY_FACTOR * good.stat().st_size]


def test_check_model_without_time_limit_starts_no_watchdog(good: Path, in_process: dict, capsys) -> None:
    code, _ = _check_model(capsys, str(good))
    assert code == 0 and in_process["watchdog"] == []


def test_check_model_refusals_are_one_line_verdicts_with_exit_1(tmp_path: Path, good: Path, in_process: dict,
                                                                capsys) -> None:
    lonely = identity_onnx(tmp_path / "lonely.onnx", [1, 3, 8, 8], [1, 3])
    code, verdict = _check_model(capsys, str(lonely))
    assert code == 1 and verdict["ok"] is False
    assert "lonely.json" in verdict["error"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(make_sidecar("classify", [1, 3, 8, 8], [1, 4], labels=LABELS)))
    code, verdict = _check_model(capsys, str(good), str(bad))
    assert code == 1 and verdict["ok"] is False and verdict["error"]
    assert set(verdict) == {"ok", "error"}


def test_check_model_describe(tmp_path: Path, good: Path, in_process: dict, capsys) -> None:
    code, verdict = _check_model(capsys, str(good), "--describe")
    assert code == 0
    assert verdict == {
        "ok": True,
        "inputs": [{"name": "image", "shape": [1, 3, 8, 8], "dtype": "float32"}],
        "outputs": [{"name": "scores", "shape": [1, 3], "dtype": "float32"}],
    }
    assert in_process["limit"] == [importer.memory_budget(good)]
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"this is not a protobuf" * 10)
    code, verdict = _check_model(capsys, str(junk), "--describe")
    assert code == 1 and verdict["ok"] is False
    assert verdict["error"].startswith("junk.onnx is not a usable ONNX model: ")


# --- time limits ----------------------------------------------------------------------------------------


def test_the_childs_own_watchdog_ends_it_with_124() -> None:
    start = time.monotonic()
    proc = subprocess.run(_python("from alyesdesk.inference.importer import start_watchdog\n"
                                  "import time\nstart_watchdog(0.5)\ntime.sleep(120)\n"),
                          capture_output=True, text=True, timeout=150, cwd=REPO)
    assert proc.returncode == 124
    assert time.monotonic() - start < 60  # not the 120 s it asked to sleep



@pytest.mark.skipif(not (LINUX and hasattr(os, "pidfd_open")), reason="needs Linux pidfds")
def test_a_hanging_describe_is_killed_with_its_process_group(tmp_path: Path, good: Path, monkeypatch) -> None:
    pid_file = tmp_path / "grandchild.pid"
    code = ("import subprocess, sys, time\n"
            "g = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
            f"open({str(pid_file)!r}, 'w').write(str(g.pid))\n"
            "time.sleep(600)\n")
    monkeypatch.setattr(importer, "check_command", lambda *a, **k: _python(code))
    start = time.monotonic()
    with pytest.raises(ModelError) as info:
        importer.describe_in_subprocess(good, timeout=3)
    assert str(info.value) == "checking m.onnx took longer than 3 s; not imported"
    assert time.monotonic() - start < 30
    assert pid_file.is_file(), "the child started its grandchild before the time limit"
    assert wait_gone(int(pid_file.read_text()))


# --- crashed children -----------------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("import os, sys\nprint('loading', flush=True)\nsys.stderr.write('warning\\nboom in op Foo\\n')\n"
         "sys.stderr.flush()\nos.abort()\n", "m.onnx crashed the model checker (exit -6): boom in op Foo"),
        ("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n",
         "m.onnx crashed the model checker (exit -9): no output"),
        ("print('half a verdict {')\nraise SystemExit(1)\n",
         "m.onnx crashed the model checker (exit 1): half a verdict {"),
    ],
)
def test_a_crashed_checker_is_a_model_error_naming_the_exit(good: Path, monkeypatch, code: str, message: str) -> None:
    monkeypatch.setattr(importer, "check_command", lambda *a, **k: _python(code))
    with pytest.raises(ModelError) as info:
        importer.check_in_subprocess(good, good.with_suffix(".json"))
    assert str(info.value) == message


def test_a_crash_during_import_installs_nothing(good: Path, monkeypatch) -> None:
    monkeypatch.setattr(importer, "check_command", lambda *a, **k: _python("import os; os._exit(139)"))
    with pytest.raises(ModelError, match=r"crashed the model checker \(exit 139\)"):
        importer.import_model(good)
    assert list(paths.user_models_dir().iterdir()) == []


def test_verdict_parsing() -> None:
    ok = importer._verdict('noise\n{"ok": false}\n{"ok": true, "task": "t"}\n', "", 0, "m.onnx")
    assert ok == {"ok": True, "task": "t"}  # the last JSON line wins; other lines are ignored
    with pytest.raises(ModelError) as info:
        importer._verdict('{"ok": false, "error": "labels: 3 declared, 4 outputs"}\n', "", 1, "m.onnx")
    assert str(info.value) == "labels: 3 declared, 4 outputs"
    with pytest.raises(ModelError) as info:
        importer._verdict('{"ok": false}\n', "", 1, "m.onnx")
    assert str(info.value) == "m.onnx was refused"
    with pytest.raises(ModelError) as info:
        importer._verdict("", "x" * 2000 + "\n", -11, "m.onnx")
    assert str(info.value) == "m.onnx crashed the model checker (exit -11): " + "x" * 500
    with pytest.raises(ModelError, match=r"crashed the model checker \(exit 0\): \[1, 2\]"):
        importer._verdict("[1, 2]\n", "", 0, "m.onnx")  # a JSON line that is not an object


# --- names from an untrusted sidecar become safe file names ----------------------------------------------


def _spec(name: str = "m", version: str = "1.0"):  # noqa: ANN202
    return validate_sidecar(make_sidecar("classify", [1, 3, 8, 8], [1, 3], labels=LABELS, name=name,
                                         version=version))


@pytest.mark.parametrize(
    ("name", "version", "stem"),
    [
        ("../../etc/passwd", "1.0", "classify-.._.._etc_passwd-1.0"),
        ("m", "1.0 beta 2", "classify-m-1.0_beta_2"),
        ("m", "été 2024", "classify-m-_t_2024"),
        ("m", "モデル/../x", "classify-m-_.._x"),
        ("m", "1...", "classify-m-1"),
        ("a:b", "v\\1", "classify-a_b-v_1"),
    ],
)
def test_target_stem_cleans_untrusted_names(tmp_path: Path, name: str, version: str, stem: str) -> None:
    assert importer._target_stem(_spec(name, version), tmp_path) == stem


def test_target_stem_cuts_over_long_names(tmp_path: Path) -> None:
    stem = importer._target_stem(_spec("n" * 200, "v" * 200), tmp_path)
    assert stem == "classify-" + "n" * 111 and len(stem) == importer.MAX_STEM_CHARS
    # A cut that ends on a dot does not leave a name ending with one.
    stem = importer._target_stem(_spec("a" * 110 + "." * 50), tmp_path)
    assert stem == "classify-" + "a" * 110


def test_target_stem_never_reuses_an_installed_name(tmp_path: Path) -> None:
    (tmp_path / "classify-m-1.0.onnx").write_bytes(b"")
    assert importer._target_stem(_spec(), tmp_path) == "classify-m-1.0-2"
    (tmp_path / "classify-m-1.0-2.onnx").write_bytes(b"")
    assert importer._target_stem(_spec(), tmp_path) == "classify-m-1.0-3"


def test_a_model_named_with_dot_dot_is_installed_inside_the_models_folder(tmp_path: Path) -> None:
    src = write_model(tmp_path / "src", "m", "classify", [1, 3, 8, 8], [1, 3], labels=LABELS,
                      name="../../../escape", version="../1 ü")
    installed = importer.import_model(src)
    folder = paths.user_models_dir()
    assert installed == folder / "classify-.._.._.._escape-.._1.onnx"
    assert sorted(p.name for p in folder.iterdir()) == sorted([installed.name, installed.with_suffix(".json").name])
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", installed.stem)
    assert [p for p in tmp_path.rglob("*") if p.name.startswith("escape")] == []
    assert json.loads(installed.with_suffix(".json").read_text(encoding="utf-8"))["name"] == "../../../escape"
