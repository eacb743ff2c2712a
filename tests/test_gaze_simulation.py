"""Simulator (determinism, honest geometry) and the calibrate -> fit -> ONNX -> evaluate round trip.

Uses a real face photo from ../shared/data/faces when present; the drawn fallback face otherwise.
Errors measured here are simulator numbers, not accuracy on people.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from alyesdesk.cli import run as cli_run
from alyesdesk.inference.gaze import targets as T
from alyesdesk.inference.gaze.evaluate import score
from alyesdesk.inference.gaze.fit import fit_calibrated
from alyesdesk.inference.gaze.frontends import make_frontend
from alyesdesk.inference.gaze.model import GazeModel
from alyesdesk.inference.gaze.simdata import record
from alyesdesk.inference.gaze.simulator import GazeSimulator, make_simulator
from alyesdesk.inference.gaze.simconfig import SimConfig

REPO = Path(__file__).resolve().parent.parent
PHOTO = REPO.parent / "shared" / "data" / "faces" / "dlib" / "Tom_Cruise_avp_2014_4.jpg"

# The targets for a 9-point calibration, MediaPipe front end, whole-screen held-out targets.
TARGET_STILL_DEG = 1.5


def _face() -> str | None:
    return str(PHOTO) if PHOTO.is_file() else None


@pytest.fixture(scope="module")
def still_sim() -> GazeSimulator:
    return make_simulator(_face(), SimConfig(head_motion="still"), seed=11)


@pytest.fixture(scope="module")
def photo_sim() -> GazeSimulator:
    """The real photo the 1.5-degree target was set on: the target test needs this face, not another."""
    if not PHOTO.is_file():
        pytest.skip(f"needs the face photo {PHOTO.name} from ../shared/data/faces")
    return make_simulator(str(PHOTO), SimConfig(head_motion="still"), seed=11)


@pytest.fixture(scope="module")
def drawn_sim() -> GazeSimulator:
    return make_simulator(None, SimConfig(head_motion="still"), seed=11)


def test_rendering_is_deterministic_given_the_seed(still_sim) -> None:
    again = make_simulator(_face(), SimConfig(head_motion="still"), seed=11)
    a = still_sim.render(300, 200, 1.0)
    b = again.render(300, 200, 1.0)
    assert np.array_equal(a.image, b.image)
    assert a.truth == b.truth
    other = make_simulator(_face(), SimConfig(head_motion="still"), seed=12).render(300, 200, 1.0)
    assert not np.array_equal(a.image, other.image)
    assert a.image.shape == (480, 640, 3) and a.image.dtype == np.uint8


def test_geometry_is_webcam_like(still_sim) -> None:
    """~60 px between the eyes, ~25-30 px eyes, and only a few px of iris travel across the screen."""
    with make_frontend("mediapipe") as fe:
        samples = {}
        for i, x in enumerate((0.0, 1920.0)):
            for k in range(6):
                s = fe.process(still_sim.render(x, 540, 2.0 + i + k / 30).image, 2.0 + i + k / 30)
            samples[x] = s
    left, right = samples[0.0], samples[1920.0]
    assert left.ok and right.ok
    corners = np.array(left.overlay["eye_corners"])
    eye_w = np.linalg.norm(corners[1] - corners[0])
    iod = np.linalg.norm(corners[2:].mean(0) - corners[:2].mean(0))
    assert 18 < eye_w < 34, eye_w
    assert 48 < iod < 70, iod
    travel = np.array(right.overlay["iris"]) - np.array(left.overlay["iris"])
    assert np.all(np.abs(travel[:, 0]) < 14), travel  # +-5 px or so, never a close-up of the eye
    assert np.all(np.abs(travel[:, 0]) > 2), travel


def test_blinks_are_rendered_and_detected() -> None:
    sim = make_simulator(_face(), SimConfig(blink_every_s=1.5), seed=3)
    first = next(b for b in sim._blinks if b > 0.5)  # the front end needs ~10 open frames as a baseline
    statuses = []
    with make_frontend("mediapipe") as fe:
        t = first - 0.5
        while t < first + sim.config.blink_s:
            statuses.append((sim.blink_closure(t) > 0.9, fe.process(sim.render(960, 540, t).image, t).status))
            t += 1 / 30
    closed = [status for shut, status in statuses if shut]
    assert closed, "the blink was not rendered"
    assert sum(s == "blink" for s in closed) >= len(closed) * 0.7, statuses
    assert statuses[0] == (False, "ok")


def _nine_point_round_trip(sim: GazeSimulator):  # noqa: ANN202 - an evaluate.Report
    screen = sim.config.screen
    with make_frontend("mediapipe") as fe:
        # ~0.7 s per calibration point at 30 fps (the app collects 1 s), held-out points over the whole screen.
        cal = [(fe.process(f.image, f.t), f) for f in record(sim, T.nine_point(screen), 20, 6, 0.0)]
        val = [(fe.process(f.image, f.t), f) for f in record(sim, T.random_points(screen, 20, seed=4), 4, 6, 40.0)]
    model = fit_calibrated([s for s, _ in cal], np.array([(f.x, f.y) for _, f in cal]), screen, "mediapipe",
                           np.array([f.point for _, f in cal]))
    backend = GazeModel.from_bytes(model.to_onnx(), model.sidecar())
    samples = [s for s, _ in val]
    pred = backend.predict_samples(samples) * [screen.width_px, screen.height_px]
    np.testing.assert_allclose(pred[~np.isnan(pred[:, 0])], model.predict_px([s for s in samples if s.ok]), atol=0.5)
    report = score(pred, np.array([(f.x, f.y) for _, f in val]), ~np.isnan(pred[:, 0]), screen)
    assert report.usable >= 0.95 * report.frames, report  # measured 79 of 80 on both faces
    return report


def test_nine_point_calibration_round_trip_meets_the_still_head_target(photo_sim) -> None:
    report = _nine_point_round_trip(photo_sim)
    # Per target = median over the target's frames, as a fixation gives (simulator numbers).
    assert report.point_mean_deg < TARGET_STILL_DEG, report
    # Single frames, no averaging: measured 1.23 degrees (1.13 per target); the bar was 2.5, twice that,
    # which a fit or front end gone half wrong still met.
    assert report.mean_deg < 1.6, report


# The drawn fallback face (a fresh clone without ../shared) is a cartoon: its eyes are not a person's, and
# the 1.5-degree target was never set on it. This bar guards the round trip itself: it measured 1.59 degrees
# per target, and a broken fit, export or front end lands far above 2.
DRAWN_FACE_BAR_DEG = 2.0


def test_nine_point_round_trip_on_the_drawn_face(drawn_sim) -> None:
    report = _nine_point_round_trip(drawn_sim)
    assert report.point_mean_deg < DRAWN_FACE_BAR_DEG, report


def test_cli_simulate_fit_evaluate(tmp_path, capsys) -> None:
    face = ["--face", _face()] if _face() else []
    assert cli_run(["gaze", "simulate", *face, "--points", "9", "--frames-per-point", "4",
                    "--out", str(tmp_path / "cal"), "--seed", "1"]) == 0
    assert cli_run(["gaze", "simulate", *face, "--points", "5", "--frames-per-point", "3",
                    "--out", str(tmp_path / "val"), "--seed", "2"]) == 0
    assert len(list((tmp_path / "cal" / "frames").iterdir())) == 36
    assert cli_run(["gaze", "fit", "--data", str(tmp_path / "cal"), "--out", str(tmp_path / "m.onnx")]) == 0
    sidecar = json.loads((tmp_path / "m.json").read_text())
    assert sidecar["task"] == "gaze" and sidecar["gaze"]["frontend"] == "mediapipe"
    capsys.readouterr()
    assert cli_run(["gaze", "evaluate", "--model", str(tmp_path / "m.onnx"), "--data", str(tmp_path / "val"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    for key in ("frames", "usable", "mean_px", "median_px", "mean_deg", "median_deg"):
        assert key in report
    assert report["frames"] == 15 and report["usable"] >= 10
    assert 0 < report["mean_deg"] < 6
    assert "simulator" in report["note"]


def test_cli_reports_bad_inputs(tmp_path, capsys) -> None:
    assert cli_run(["gaze", "simulate", "--face", str(tmp_path / "none.jpg"), "--points", "4", "--out", str(tmp_path / "x")]) == 2
    assert cli_run(["gaze", "fit", "--data", str(tmp_path), "--out", str(tmp_path / "m.onnx")]) == 2
    assert cli_run(["gaze", "evaluate", "--model", str(tmp_path / "m.onnx"), "--data", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "face photo not found" in err and "not a gaze dataset" in err
