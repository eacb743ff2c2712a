"""The deep gaze model trains, exports to ONNX with the shared signature and loads as a 'gaze' model."""

from __future__ import annotations

import json

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from alyesdesk.inference import catalog  # noqa: E402
from alyesdesk.inference.gaze import targets as T  # noqa: E402
from alyesdesk.inference.gaze.model import GazeModel  # noqa: E402
from alyesdesk.inference.gaze.simdata import write_dataset  # noqa: E402
from alyesdesk.inference.gaze.simconfig import SimConfig
from alyesdesk.inference.gaze.simulator import make_simulator  # noqa: E402


def test_train_exports_a_gaze_model(tmp_path) -> None:
    from alyesdesk.training.gaze.train import train

    sim = make_simulator(None, SimConfig(), seed=0)  # the drawn face: no photo needed
    write_dataset(tmp_path / "data", sim, T.nine_point(sim.config.screen), frames_per_point=3, settle_frames=0)
    metrics = train([str(tmp_path / "data")], tmp_path / "deep.onnx", epochs=2, seed=0)
    assert metrics["frames"] >= 20 and np.isfinite(metrics["validation_mean_px"])
    sidecar = json.loads((tmp_path / "deep.json").read_text())
    assert sidecar["gaze"]["kind"] == "deep"
    model = catalog.load_model(tmp_path / "deep.onnx")
    assert isinstance(model, GazeModel)
    rng = np.random.default_rng(0)
    r, l = rng.random((2, 3, 1, 32, 32)).astype(np.float32)
    f = rng.normal(0, 0.1, (3, 16)).astype(np.float32)
    out = model.predict(r, l, f)
    assert out.shape == (3, 2) and np.isfinite(out).all()


def test_onnx_export_matches_torch(tmp_path) -> None:
    import onnxruntime as ort

    from alyesdesk.training.gaze.train import GazeNet, export

    torch.manual_seed(0)
    net = GazeNet().eval()
    export(net, tmp_path / "fresh.onnx")
    rng = np.random.default_rng(1)
    r, l = rng.random((2, 4, 1, 32, 32)).astype(np.float32)
    f = rng.normal(0, 0.1, (4, 16)).astype(np.float32)
    with torch.no_grad():
        expected = net(torch.tensor(r), torch.tensor(l), torch.tensor(f)).numpy()
    session = ort.InferenceSession(str(tmp_path / "fresh.onnx"), providers=["CPUExecutionProvider"])
    (got,) = session.run(None, {"right_eye": r, "left_eye": l, "features": f})
    np.testing.assert_allclose(got, expected, atol=1e-4)
