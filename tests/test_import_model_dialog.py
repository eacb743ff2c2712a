"""File > Import model (`ui/dialogs/import_model.py`): choosing a file, describing a model without a
sidecar, and the worker that installs it (issue 23, item 9).

File dialogs are patched; the model check itself really runs in its child process. Nothing here reads
a translated text: widgets are reached by attribute and results are data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("PySide6", reason="the import dialog needs Qt (skipped when ALYESDESK_BLOCK_QT=1)")

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget  # noqa: E402

from alyesdesk import paths  # noqa: E402
from alyesdesk.inference.errors import ModelError  # noqa: E402
from alyesdesk.ui.dialogs import import_model  # noqa: E402
from alyesdesk.ui.dialogs.import_model import ImportWorker, SidecarForm, choose_model  # noqa: E402
from alyesdesk.ui.workers import start_worker  # noqa: E402
from model_factory import identity_onnx, sidecar, write_model  # noqa: E402

LABELS = ["a", "b", "c"]
CHECK_TIMEOUT_MS = 120_000  # the check starts a Python child process: slow on a loaded machine


@pytest.fixture
def parent(qtbot) -> QWidget:  # noqa: ANN001
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def pick(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """pick(path or "") sets what the file dialog returns; the calls are recorded."""
    calls: list[tuple] = []

    def choose(value: str) -> list[tuple]:
        def fake(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            calls.append((args, kwargs))
            return value, "ONNX models (*.onnx)"

        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
        return calls

    return choose


@pytest.fixture
def no_describe(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("a model with a sidecar (or no model) needs no description")

    monkeypatch.setattr(import_model, "describe_in_subprocess", fail)


# --- choose_model ---------------------------------------------------------------------------------------


def test_a_cancelled_file_dialog_chooses_nothing(parent: QWidget, pick, no_describe) -> None:
    calls = pick("")
    assert choose_model(parent) is None
    assert len(calls) == 1 and calls[0][0][0] is parent
    assert "*.onnx" in calls[0][0][3]  # the filter offers ONNX files


def test_a_model_with_a_sidecar_is_chosen_as_is(tmp_path: Path, parent: QWidget, pick, no_describe) -> None:
    model = write_model(tmp_path, "m", "classify", [1, 3, 8, 8], [1, 3], labels=LABELS)
    pick(str(model))
    assert choose_model(parent) == (model, None)


def _answer_form(monkeypatch: pytest.MonkeyPatch, fill, seen: dict) -> None:  # noqa: ANN001
    """SidecarForm.exec plays the user: `fill(form)` edits the fields, then OK is pressed."""

    def exec_(self: SidecarForm) -> int:
        seen["form"] = self
        seen["tasks"] = [self.task.itemText(i) for i in range(self.task.count())]
        if fill is None:
            self.reject()
        else:
            fill(self)
            self._on_accepted()
            seen["error"] = self.error.text()
            if self.result() != QDialog.DialogCode.Accepted:
                self.reject()
        return self.result()

    monkeypatch.setattr(SidecarForm, "exec", exec_)


def _classify_form(form: SidecarForm) -> None:
    form.task.setCurrentText("classify")
    form.name.setText("described")
    form.labels.setText(" a, b ,c,")
    form.mean.setText("0.5")
    form.std.setText("0.25")


def test_a_model_without_sidecar_is_described_in_the_form(tmp_path: Path, parent: QWidget, pick,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    model = identity_onnx(tmp_path / "bare.onnx", [1, 3, 8, 8], [1, 3])
    pick(str(model))
    seen: dict = {}
    _answer_form(monkeypatch, _classify_form, seen)
    chosen = choose_model(parent)
    assert chosen is not None
    path, data = chosen
    assert path == model
    assert seen["error"] == ""
    assert "classify" in seen["tasks"] and "gaze" not in seen["tasks"] and "verify" not in seen["tasks"]
    assert (data["task"], data["name"], data["labels"]) == ("classify", "described", LABELS)
    (tensor,) = data["inputs"]
    assert (tensor["name"], tensor["shape"], tensor["dtype"], tensor["layout"]) == ("image", [1, 3, 8, 8], "float32", "NCHW")
    assert tensor["normalization"] == {"scale": pytest.approx(1 / 255, abs=1e-6), "mean": [0.5], "std": [0.25]}
    assert data["outputs"] == [{"name": "scores", "shape": [1, 3], "dtype": "float32"}]
    assert seen["form"].parent() is parent


def test_cancelling_the_form_chooses_nothing(tmp_path: Path, parent: QWidget, pick, monkeypatch) -> None:
    pick(str(identity_onnx(tmp_path / "bare.onnx", [1, 3, 8, 8], [1, 3])))
    _answer_form(monkeypatch, None, {})
    assert choose_model(parent) is None


def test_a_mean_that_is_not_numbers_is_explained_and_not_accepted(tmp_path: Path, parent: QWidget, pick,
                                                                   monkeypatch) -> None:
    pick(str(identity_onnx(tmp_path / "bare.onnx", [1, 3, 8, 8], [1, 3])))
    seen: dict = {}

    def bad_mean(form: SidecarForm) -> None:
        _classify_form(form)
        form.mean.setText("half, 0.4")

    _answer_form(monkeypatch, bad_mean, seen)
    assert choose_model(parent) is None
    assert seen["error"] != "" and "half" in seen["error"]  # the reason quotes the bad value
    assert seen["form"].sidecar is None


def test_a_file_that_is_not_onnx_is_refused_before_the_form(tmp_path: Path, parent: QWidget, pick,
                                                            monkeypatch) -> None:
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"\x00garbage" * 100)
    pick(str(junk))
    seen: dict = {}
    _answer_form(monkeypatch, _classify_form, seen)
    with pytest.raises(ModelError, match="junk.onnx is not a usable ONNX model"):
        choose_model(parent)
    assert "form" not in seen


# --- ImportWorker ---------------------------------------------------------------------------------------


def _wait(qtbot, worker: ImportWorker, signal: str):  # noqa: ANN001, ANN202
    ended: list[tuple[str, object]] = []
    worker.finished.connect(lambda value: ended.append(("finished", value)))
    worker.failed.connect(lambda failure: ended.append(("failed", failure)))
    with qtbot.waitSignal(getattr(worker, signal), timeout=CHECK_TIMEOUT_MS) as blocker:
        handle = start_worker(worker)
    # The thread's quit is queued to this (the GUI) thread: wait with the event loop running.
    qtbot.waitUntil(handle.thread.isFinished, timeout=10_000)
    assert [name for name, _ in ended] == [signal]  # exactly one signal, the expected one
    return blocker.args[0]


def test_a_good_model_is_installed(qtbot, tmp_path: Path) -> None:
    model = write_model(tmp_path / "src", "m", "classify", [1, 3, 8, 8], [1, 3], labels=LABELS)
    installed = _wait(qtbot, ImportWorker(model, None), "finished")
    folder = paths.user_models_dir()
    assert installed == folder / "classify-tiny-test-model-0.0.1.onnx"
    assert installed.read_bytes() == model.read_bytes()
    assert json.loads(installed.with_suffix(".json").read_text(encoding="utf-8"))["labels"] == LABELS
    assert sorted(p.name for p in folder.iterdir()) == sorted([installed.name, installed.with_suffix(".json").name])
    from alyesdesk.inference import catalog

    assert any(m.onnx_path == installed for m in catalog.scan()[0])


def test_a_described_model_is_installed_with_the_forms_sidecar(qtbot, tmp_path: Path) -> None:
    model = identity_onnx(tmp_path / "bare.onnx", [1, 3, 8, 8], [1, 3])
    data = sidecar("classify", [1, 3, 8, 8], [1, 3], labels=LABELS, name="described", version="2")
    installed = _wait(qtbot, ImportWorker(model, data), "finished")
    assert installed == paths.user_models_dir() / "classify-described-2.onnx"
    assert json.loads(installed.with_suffix(".json").read_text(encoding="utf-8")) == data


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("no sidecar", "has no sidecar"),
        ("wrong labels", "gives 3 logits but the sidecar lists 4 labels"),
        ("not onnx", "is not a usable ONNX model"),
    ],
)
def test_a_bad_model_fails_with_a_clear_message_and_installs_nothing(qtbot, tmp_path: Path, case: str,
                                                                     words: str) -> None:
    if case == "no sidecar":
        model, data = identity_onnx(tmp_path / "bare.onnx", [1, 3, 8, 8], [1, 3]), None
    elif case == "wrong labels":  # three outputs, four labels
        model = identity_onnx(tmp_path / "bare.onnx", [1, 3, 8, 8], [1, 3])
        data = sidecar("classify", [1, 3, 8, 8], [1, 3], labels=LABELS + ["d"])
    else:
        model = tmp_path / "junk.onnx"
        model.write_bytes(b"\x00garbage" * 100)
        data = sidecar("classify", [1, 3, 8, 8], [1, 3], labels=LABELS)
    failure = _wait(qtbot, ImportWorker(model, data), "failed")
    assert isinstance(failure, str) and isinstance(failure.exception, ModelError)
    assert str(failure) == str(failure.exception) != ""
    assert words in str(failure)
    assert "Traceback" not in str(failure) and len(str(failure).splitlines()) == 1  # a message, not a dump
    assert "ModelError" in failure.details  # the traceback is kept for a bug report
    assert list(paths.user_models_dir().iterdir()) == []
