"""Calibration state machine driven by a fake clock and synthetic samples (no camera, no sleeping)."""

from __future__ import annotations

import numpy as np
import pytest

from alyesdesk.inference.gaze import targets as T
from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze.calibration import (
    FAILED,
    FINISHED,
    TARGET_MEAN_DEG,
    VERDICT_GOOD_DEG,
    VERDICT_TEXT,
    VERDICT_USABLE_DEG,
    VERDICTS,
    CalibrationConfig,
    CalibrationSession,
    DriftCorrection,
    reject_outliers,
    verdict,
)

from gaze_engine_kit import SCREEN, synthetic_sample

FPS = 30.0


def drive(session, look, until: float = 120.0, start: float = 100.0) -> None:
    """Feed one frame per 1/30 s where `look(now)` says where the eyes are (None: a blink)."""
    rng = np.random.default_rng(0)
    session.start(start)
    t = start
    while session.state not in (FINISHED, FAILED) and t < start + until:
        t += 1 / FPS
        point = look(t)
        sample = synthetic_sample(*point, rng) if point else S.failed(S.BLINK, "closed")
        session.update(t, sample)


def test_nine_point_calibration_runs_to_a_validated_model() -> None:
    shown, progress, finished = [], [], []
    session = CalibrationSession(SCREEN, "mediapipe", CalibrationConfig(pattern="9", validation_points=4),
                                 on_target=shown.append, on_progress=lambda d, n: progress.append((d, n)),
                                 on_finished=finished.append)
    # The eye follows the dot after a 0.3 s saccade latency (during settle): that is what settle is for.
    def look(t):
        target = session.current_target
        if target is None or t - session._target_started < 0.3:
            return (SCREEN.width_px / 2, SCREEN.height_px / 2)
        return (target.x, target.y)

    drive(session, look)
    assert session.state == FINISHED, session.message
    assert [t.stage for t in shown] == ["calibrate"] * 9 + ["validate"] * 4
    assert progress[-1] == (13, 13)
    result = finished[0]
    assert result.validation is not None and len(result.validation.points) == 4
    # These synthetic eyes respond linearly up to the screen edges, so the inner calibration grid
    # (targets.CALIBRATION_MARGIN) costs them accuracy: 69 px at a 0.08 margin, 91 px at 0.16. On the
    # simulator's rendered eyes the inner grid is the better one; see targets.py.
    assert result.validation.mean_px < 100
    assert result.validation.mean_deg == pytest.approx(SCREEN.px_to_deg(result.validation.mean_px))
    assert "deg mean" in session.message
    assert result.model.info["metrics"]["validation_mean_px"] == round(result.validation.mean_px, 1)


def test_target_with_blinks_is_retried_then_skipped() -> None:
    shown = []
    session = CalibrationSession(SCREEN, "mediapipe", CalibrationConfig(pattern="9", validation_points=2),
                                 on_target=shown.append)
    first = T.nine_point(SCREEN)[0]

    def look(t):
        target = session.current_target
        if target is None:
            return None
        if (target.x, target.y) == first:
            return None  # the user blinks through the first target every time
        return (target.x, target.y)

    drive(session, look)
    assert session.state == FINISHED
    assert sum(1 for t in shown if (t.x, t.y) == first) == 2  # shown, then once more
    assert [(t.x, t.y) for t in session.result.skipped_targets] == [first]


def test_no_usable_samples_fails_with_a_clear_message() -> None:
    failures = []
    session = CalibrationSession(SCREEN, "mediapipe", CalibrationConfig(pattern="5"), on_failed=failures.append)
    drive(session, lambda t: None)
    assert session.state == FAILED
    assert failures and "usable samples" in failures[0]


def test_smooth_pursuit_calibration() -> None:
    session = CalibrationSession(SCREEN, "mediapipe", CalibrationConfig(pattern="pursuit", pursuit_duration_s=12.0,
                                                                        validation_points=3))
    drive(session, lambda t: session.target_position(t - 0.1) if session.current_target else None)
    assert session.state == FINISHED, session.message
    assert session.result.validation.mean_px < 120


def test_nine_points_then_a_moving_dot_measure_the_eyes_lag_and_fit_on_both() -> None:
    shown = []
    config = CalibrationConfig(pattern="9+pursuit", pursuit_after_s=8.0, validation_points=4)
    session = CalibrationSession(SCREEN, "mediapipe", config, on_target=shown.append)
    lag = 0.15  # this eye follows the moving dot 0.15 s late; the session must not assume its default 0.1

    def look(t):
        target = session.current_target
        if target is None:
            return None
        if target.stage == "pursuit":
            return session.target_position(t - lag)
        return (target.x, target.y)

    drive(session, look)
    assert session.state == FINISHED, session.message
    assert [t.stage for t in shown] == ["calibrate"] * 9 + ["pursuit"] + ["validate"] * 4
    model = session.result.model
    assert model.info["pursuit_lag_s"] == pytest.approx(lag, abs=0.03)
    # The fit saw the fixed points and every usable pursuit frame after the settle time.
    pursuit_frames = (config.pursuit_after_s - config.settle_s) * FPS
    assert session.result.calibration_samples > 9 * 25 + pursuit_frames - 2
    assert model.info["samples"] == session.result.calibration_samples
    assert session.result.validation.mean_px < 60, session.message


def test_pursuit_lag_estimate_finds_the_lag_of_synthetic_pursuit() -> None:
    from alyesdesk.inference.gaze import pursuit as P
    from alyesdesk.inference.gaze.fit import fit_calibrated

    from gaze_engine_kit import calibration_set

    samples, targets, groups = calibration_set(T.nine_point(SCREEN))
    model = fit_calibrated(samples, targets, SCREEN, "mediapipe", groups)
    path = T.pursuit_path(SCREEN, 15.0)
    rng = np.random.default_rng(3)
    for lag in (0.0, 0.2):
        recorded = [(t, synthetic_sample(*path(max(0.0, t - lag)), rng)) for t in np.arange(0.8, 10.0, 1 / FPS)]
        assert P.estimate_lag(model, recorded, path) == pytest.approx(lag, abs=0.03)
    assert P.estimate_lag(model, recorded[:10], path) is None  # too few samples to tell


def test_outlier_rejection_drops_a_look_away() -> None:
    rng = np.random.default_rng(1)
    samples = [synthetic_sample(500, 500, rng) for _ in range(12)] + [synthetic_sample(1800, 100, rng)]
    kept = reject_outliers(samples)
    assert len(kept) == 12


def test_drift_correction_recentres() -> None:
    session = CalibrationSession(SCREEN, "mediapipe", CalibrationConfig(pattern="9", validation_points=0))
    drive(session, lambda t: (session.current_target.x, session.current_target.y) if session.current_target else None)
    model = session.result.model
    done = []
    drift = DriftCorrection(model, on_finished=done.append)
    # After a head move the model reads 100 px too far right: simulate by looking 100 px left of centre.
    rng = np.random.default_rng(2)
    drift.start(0.0)
    t = 0.0
    while drift.state != FINISHED and t < 5:
        t += 1 / FPS
        drift.update(t, synthetic_sample(SCREEN.width_px / 2 - 100, SCREEN.height_px / 2, rng))
    assert drift.state == FINISHED and done
    shift = done[0].info["drift_correction_px"]
    assert 60 < shift[0] < 140 and abs(shift[1]) < 40


def test_unknown_pattern_is_refused() -> None:
    with pytest.raises(ValueError, match="pattern"):
        CalibrationSession(SCREEN, "mediapipe", CalibrationConfig(pattern="7"))


def test_validation_points_cover_the_whole_screen_off_the_calibration_grids() -> None:
    points = T.validation_points(SCREEN, 9)
    assert len(points) == 9 == CalibrationConfig().validation_points
    xs = np.array([p[0] for p in points]) / SCREEN.width_px
    ys = np.array([p[1] for p in points]) / SCREEN.height_px
    # Corners and edges included: the spread reaches within 10% of every edge, not just the centre.
    assert xs.min() < 0.1 and xs.max() > 0.9 and ys.min() < 0.1 and ys.max() > 0.9
    grids = set(T.nine_point(SCREEN)) | set(T.sixteen_point(SCREEN))
    assert not any(np.hypot(p[0] - g[0], p[1] - g[1]) < 20 for p in points for g in grids)
    assert len(set(points)) == 9


@pytest.mark.parametrize(
    ("mean_deg", "measured", "expected", "want"),
    [
        (0.8, 9, 9, "good"),
        (VERDICT_GOOD_DEG, 9, 9, "good"),
        (VERDICT_GOOD_DEG + 0.01, 9, 9, "usable"),
        (VERDICT_USABLE_DEG, 9, 9, "usable"),
        (VERDICT_USABLE_DEG + 0.01, 9, 9, "redo"),
        (0.8, 5, 9, "redo"),  # too few points measured: the accuracy over the screen is unknown
        (0.8, 6, 9, "good"),
        (float("nan"), 9, 9, "redo"),
        (None, 0, 9, "redo"),
    ],
)
def test_verdict_thresholds(mean_deg, measured, expected, want) -> None:
    assert verdict(mean_deg, measured, expected) == want
    assert VERDICT_GOOD_DEG == TARGET_MEAN_DEG < VERDICT_USABLE_DEG
    assert set(VERDICT_TEXT) == set(VERDICTS)


def test_validation_report_carries_its_verdict() -> None:
    session = CalibrationSession(SCREEN, "mediapipe", CalibrationConfig(pattern="9"))
    drive(session, lambda t: (session.current_target.x, session.current_target.y) if session.current_target else None)
    report = session.result.validation
    assert report.expected_points == 9 and len(report.points) == 9
    assert report.verdict == verdict(report.mean_deg, 9, 9)
    assert report.verdict in session.message
    assert session.result.model.info["metrics"]["verdict"] == report.verdict
