"""`alyesdesk gaze record` (headless, every frame a row), `sessions` with studies, and `aoi-metrics` on a
session recorded from the simulator following a known path."""

from __future__ import annotations

import json

import cv2
import pytest

from alyesdesk.cli import run as cli
from alyesdesk.inference.gaze.aoi import AOI, save_aois
from alyesdesk.inference.gaze.headless import PathError, parse_path
from alyesdesk.inference.gaze.screen import ScreenGeometry

from gaze_testkit import _fit

SCREEN = ScreenGeometry()
FRAME = 1 / 30


@pytest.fixture
def calibrated(db) -> int:  # noqa: ANN001
    s = SCREEN
    onnx, sidecar, accuracy = _fit((s.width_px, s.height_px, s.width_mm, s.height_mm, s.distance_cm))
    return db.save_calibration("test-screen", s.to_dict(), "mediapipe", onnx, sidecar, accuracy)


def _json_out(capsys) -> object:  # noqa: ANN001
    return json.loads(capsys.readouterr().out)


def test_a_simulated_path_2_s_in_a_then_3_s_in_b_gives_dwell_within_one_frame(
        db, calibrated, capsys, tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "path.csv"
    path.write_text("t,x,y\n0,480,540\n2,1440,540\n")
    rc = cli(["gaze", "record", "--source", "simulated", "--calibration", "latest", "--seconds", "5",
              "--name", "known path", "--path", str(path), "--blink-every", "0", "--participant", "P01",
              "--study", "pilot", "--json"])
    assert rc == 0
    summary = _json_out(capsys)
    assert summary["frames"] == 150 and summary["written"] == 150  # every frame a row, none lost
    sid = summary["session_id"]
    assert len(db.session_samples(sid)) == 150

    assert cli(["sessions", "--json"]) == 0
    (row,) = [r for r in _json_out(capsys) if r["name"] == "known path"]
    assert (row["id"], row["participant"], row["study"], row["stimulus"]) == (sid, "P01", "pilot", None)
    assert row["duration_s"] == pytest.approx(149 / 30, abs=1e-3)

    aois = save_aois(tmp_path / "aois.json", [AOI("A", rect=(0, 0, 960, 1080)), AOI("B", rect=(960, 0, 960, 1080))])
    out_csv = tmp_path / "metrics.csv"
    assert cli(["aoi-metrics", "--session", str(sid), "--aois", str(aois), "--csv", str(out_csv), "--json"]) == 0
    result = _json_out(capsys)
    m = {x["aoi"]: x for x in result["sessions"]}
    assert m["A"]["dwell_s"] == pytest.approx(2.0, abs=FRAME)
    assert m["B"]["dwell_s"] == pytest.approx(3.0, abs=FRAME)
    assert m["A"]["ttff_s"] == pytest.approx(0.0, abs=3 * FRAME)
    assert m["B"]["ttff_s"] == pytest.approx(2.0, abs=0.2)  # a fixation needs 100 ms and the filter to settle
    assert m["A"]["looked"] and m["B"]["looked"]
    assert out_csv.read_text().splitlines()[0].startswith("session_id,session,participant,study")

    # The study filters and aggregates.
    assert cli(["aoi-metrics", "--study", "pilot", "--aois", str(aois), "--json"]) == 0
    assert [s["participants_looked_share"] for s in _json_out(capsys)["summary"]] == [1.0, 1.0]
    assert cli(["sessions", "--studies", "--json"]) == 0
    (study,) = [s for s in _json_out(capsys) if s["study"] == "pilot"]
    assert (study["sessions"], study["participants"], study["samples"]) == (1, 1, 150)
    assert cli(["sessions", "--study", "nope", "--json"]) == 0
    assert _json_out(capsys) == []


def test_a_video_file_is_recorded_with_its_own_frame_times_and_a_stimulus(
        db, calibrated, capsys, tmp_path) -> None:  # noqa: ANN001
    from alyesdesk.inference.gaze.simconfig import SimConfig
    from alyesdesk.inference.gaze.simulator import make_simulator

    sim = make_simulator(config=SimConfig(screen=SCREEN), seed=3)
    video = tmp_path / "face.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 30.0, (640, 480))
    for i in range(45):
        writer.write(sim.render(960.0, 540.0, i / 30).image)
    writer.release()
    stimulus = tmp_path / "ad.png"
    cv2.imwrite(str(stimulus), __import__("numpy").zeros((1000, 500, 3), "uint8"))
    rc = cli(["gaze", "record", "--source", f"video:{video}", "--calibration", str(calibrated), "--seconds", "60",
              "--name", "from video", "--stimulus", str(stimulus), "--json"])
    assert rc == 0
    summary = _json_out(capsys)
    assert summary["ended"] == "end of source" and summary["frames"] == 45 and summary["written"] == 45
    assert summary["media_s"] == pytest.approx(1.5)
    record = db.session(summary["session_id"])
    assert record["ended_at"] - record["started_at"] == pytest.approx(44 / 30, abs=1e-6)  # video time
    assert record["stimulus"] == "ad.png"
    # 500x1000 shown fullscreen on 1920x1080: scaled 1.08, centred.
    assert record["stimulus_geometry"] == {"width": 500.0, "height": 1000.0, "rect": [690.0, 0.0, 540.0, 1080.0]}
    statuses = {r[4] for r in db.session_samples(summary["session_id"])}
    assert statuses <= {"ok", "no_face", "blink", "low_confidence", "held"}
    # Every row is also stored in the stimulus's pixels: (x - 690) / 1.08, y / 1.08 (issue 20).
    screen_rows = db.session_samples(summary["session_id"])
    stimulus_rows = db.session_stimulus_samples(summary["session_id"])
    assert [r[0] for r in stimulus_rows] == [r[0] for r in screen_rows]
    for (_, x, y, *_), (_, sx, sy, *_) in zip(screen_rows, stimulus_rows):
        assert (sx, sy) == pytest.approx(((x - 690.0) / 1.08, y / 1.08))
    with db.engine.connect() as conn:  # stored with each row, not mapped when read
        assert conn.exec_driver_sql("SELECT count(*) FROM gaze_samples WHERE session_id = ? AND sx IS NOT NULL",
                                    (summary["session_id"],)).scalar() == 45


def test_a_video_stimulus_ends_the_session_when_it_ends(db, calibrated, capsys, tmp_path) -> None:  # noqa: ANN001
    clip = tmp_path / "clip.avi"  # 1 s: 30 frames at 30 fps, shorter than the 5 s asked for
    writer = cv2.VideoWriter(str(clip), cv2.VideoWriter_fourcc(*"MJPG"), 30.0, (320, 240))
    for i in range(30):
        writer.write(__import__("numpy").full((240, 320, 3), i * 8, "uint8"))
    writer.release()
    rc = cli(["gaze", "record", "--source", "simulated", "--calibration", "latest", "--seconds", "5",
              "--name", "over a clip", "--stimulus", str(clip), "--blink-every", "0", "--json"])
    assert rc == 0
    summary = _json_out(capsys)
    assert summary["ended"] == "end of stimulus" and summary["frames"] == summary["written"] == 30
    rows = db.session_stimulus_samples(summary["session_id"])
    assert len(rows) == 30 and rows[-1][5] == pytest.approx(29 / 30)  # video time of the last frame
    assert db.session(summary["session_id"])["stimulus"] == "clip.avi"


def test_bad_arguments_exit_2_without_creating_a_session(db, calibrated, tmp_path, capsys) -> None:  # noqa: ANN001
    base = ["gaze", "record", "--seconds", "1", "--name", "x"]
    assert cli(base + ["--source", "floppy:0"]) == 2
    assert cli(base + ["--source", "video:/nope.mp4"]) == 2
    assert cli(base + ["--source", "simulated", "--calibration", "999"]) == 2
    assert cli(base + ["--source", "simulated", "--calibration", str(tmp_path / "none.onnx")]) == 2
    (tmp_path / "p.csv").write_text("0,1\n")
    assert cli(base + ["--source", "simulated", "--path", str(tmp_path / "p.csv")]) == 2
    assert db.sessions() == []
    assert "error:" in capsys.readouterr().err


def test_paths_are_validated_and_step_between_rows() -> None:
    p = parse_path("t,x,y\n0,1,2\n1.5,3,4\n")
    assert p.at(0.0) == (1.0, 2.0) and p.at(1.49) == (1.0, 2.0) and p.at(1.5) == (3.0, 4.0) and p.at(99) == (3.0, 4.0)
    for bad in ("", "0,1\n", "1,1,1\n0,2,2\n", "0,a,1\n", "0,nan,1\n"):
        with pytest.raises(PathError):
            parse_path(bad)


def test_record_publishes_every_frame_to_the_gaze_stream() -> None:
    from alyesdesk.api.gaze_stream import GazePublisher
    from alyesdesk.inference.gaze.headless import GazePath, PathSimulatedSource, record
    from alyesdesk.inference.gaze.sample import GazeSample  # noqa: F401

    class FakePipeline:  # the loop's contract only: process(image, t) -> result with sample, point, held
        def __init__(self) -> None:
            self.n = 0

        def process(self, image, t):  # noqa: ANN001, ANN202
            from types import SimpleNamespace

            self.n += 1
            ok = self.n % 3 != 0
            return SimpleNamespace(sample=SimpleNamespace(status="ok" if ok else "no_face"),
                                   point=(10.0, 20.0) if ok else None, held=False)

    class Flat:
        def render(self, x, y, t):  # noqa: ANN001, ANN202
            import numpy as np
            from types import SimpleNamespace

            return SimpleNamespace(image=np.zeros((4, 4, 3), np.uint8), truth={"target": [x, y]})

    rows, sent = [], []
    publisher = GazePublisher()
    publish = lambda *a, **k: sent.append((a, k)) or publisher.publish(*a, **k)  # noqa: E731
    stats = record(PathSimulatedSource(Flat(), GazePath((0.0,), ((5.0, 5.0),)), fps=10), FakePipeline(), 3.0,
                   lambda *r: rows.append(r), started_at=100.0, publish=publish)
    assert stats.frames == 30 == len(rows) == len(sent) == publisher.published
    assert rows[0][0] == 100.0 and rows[-1][0] == pytest.approx(102.9)
    assert stats.statuses == {"ok": 20, "no_face": 10}
    assert sent[2][0] == (None, None) and sent[2][1]["status"] == "lost"
    assert sent[0][0] == (10.0, 20.0) and sent[0][1]["status"] == "tracking"


def test_stream_is_skipped_cleanly_without_the_serve_extra(db, calibrated, capsys, monkeypatch) -> None:  # noqa: ANN001
    import sys

    monkeypatch.setitem(sys.modules, "fastapi", None)  # `import fastapi` now raises ImportError
    rc = cli(["gaze", "record", "--source", "simulated", "--seconds", "0.2", "--name", "no stream", "--stream",
              "--json"])
    out = capsys.readouterr()
    assert rc == 0 and "--stream skipped" in out.err
    assert json.loads(out.out)["frames"] == 6
