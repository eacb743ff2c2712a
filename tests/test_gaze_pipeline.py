"""Pipeline (frame -> filtered point -> fixations) and the benchmark's plumbing (no timing asserted)."""

from __future__ import annotations

import numpy as np

from alyesdesk.cli import run as cli_run
from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze import targets as T
from alyesdesk.inference.gaze.bench import format_table, run_bench
from alyesdesk.inference.gaze.fit import fit_calibrated
from alyesdesk.inference.gaze.pipeline import GazePipeline

from gaze_engine_kit import SCREEN, calibration_set, synthetic_sample


class ScriptedFrontend:
    """A front end whose 'frames' are (x, y) targets, or None for a blink."""

    name = "mediapipe"
    feature_names = S.MEDIAPIPE_FEATURES

    def __init__(self) -> None:
        self.rng = np.random.default_rng(0)

    def process(self, frame, timestamp=0.0):  # noqa: ANN001, ANN201
        if frame is None:
            return S.failed(S.BLINK, "eyes closed", 1, timestamp)
        return synthetic_sample(*frame, self.rng)

    def reset(self) -> None:
        pass

    def close(self) -> None:
        pass


def test_pipeline_filters_gates_blinks_and_finds_fixations() -> None:
    samples, targets, groups = calibration_set(T.nine_point(SCREEN), per_point=10)
    model = fit_calibrated(samples, targets, SCREEN, "mediapipe", groups)
    pipe = GazePipeline(ScriptedFrontend(), model, SCREEN)
    script = [(400.0, 300.0)] * 15 + [None] * 3 + [(400.0, 300.0)] * 5 + [(1500.0, 800.0)] * 20
    results = [pipe.process(frame, i / 30) for i, frame in enumerate(script)]
    assert all(r.point is not None for r in results)
    assert [r.held for r in results[15:18]] == [True, True, True]
    assert results[16].raw is None and results[16].sample.status == S.BLINK
    end = np.array(results[-1].point)
    raw_end = np.median([r.raw for r in results[-10:]], axis=0)
    assert np.hypot(*(end - raw_end)) < 30  # 0.6 s after the saccade the filter has caught up
    assert np.hypot(*(end - np.array(results[10].point))) > 800  # and it did move across the screen
    fixations = [f for r in results for f in r.fixations]
    assert fixations and np.hypot(fixations[0].x - 400, fixations[0].y - 300) < 120
    assert set(results[0].timings_ms) == {"frontend", "model", "filter", "total"}


def test_bench_runs_and_formats() -> None:
    report = run_bench(frames=4, warmup=1, frontends=("mediapipe",), cal_frames_per_point=3)
    (row,) = report["results"]
    assert row["frontend"] == "mediapipe" and row["frames"] == 4
    # MediaPipe calibrates on the simulated frames: no error, every stage timed, p50 <= p95.
    assert row["error"] == "", row
    assert set(row["p50_ms"]) == {"frontend", "model", "filter", "total"}
    assert 0 < row["usable"] <= row["frames"]
    assert all(0 <= row["p50_ms"][s] <= row["p95_ms"][s] for s in row["p50_ms"]), row  # filter: ~0.00 ms
    assert 0 < row["p50_ms"]["frontend"] <= row["p50_ms"]["total"]
    assert "front end" in format_table(report)


def test_bench_reports_the_speed_up_against_both_baselines() -> None:
    """The prototype's detection parameters are unknown: both readings of its recipe are timed."""
    report = run_bench(frames=3, warmup=1, frontends=("mediapipe", "haar-original", "haar-original-cvdefaults"),
                       cal_frames_per_point=3)
    assert set(report["speedup_mediapipe_vs"]) == {"haar-original", "haar-original-cvdefaults"}
    # Recomputed from the rows: a baseline's p50 total (or front end alone) over MediaPipe's p50 total.
    rows = {r["frontend"]: r for r in report["results"]}
    mp_total = rows["mediapipe"]["p50_ms"]["total"]
    for name, ratio in report["speedup_mediapipe_vs"].items():
        base = rows[name]["p50_ms"]
        assert ratio == round(base.get("total", base["frontend"]) / mp_total, 1) > 0, (name, ratio, rows)
    assert report["speedup_mediapipe_vs_original"] == report["speedup_mediapipe_vs"]["haar-original"]
    table = format_table(report)
    assert "haar-original-cvdefaults (p50)" in table and "10x target" in table


def test_bench_command_rejects_unknown_front_end(capsys) -> None:
    assert cli_run(["bench", "gaze", "--frontends", "nope"]) == 2
    assert "unknown front end" in capsys.readouterr().err
