"""`inference/gaze/evaluate.py` `score`: the error maths on hand-made predictions (issue 23, item 9).

The screen is 1000 x 1000 px on 500 x 500 mm, seen from 50 cm: one pixel is 0.5 mm, so an error of
`e` px is atan(e / 1000) degrees (1000 px = 50 cm = the viewing distance = exactly 45 degrees).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from alyesdesk.inference.gaze.evaluate import score
from alyesdesk.inference.gaze.screen import ScreenGeometry

SCREEN = ScreenGeometry(width_px=1000, height_px=1000, width_mm=500.0, height_mm=500.0, distance_cm=50.0)


def deg(error_px: float) -> float:
    return math.degrees(math.atan(error_px / 1000.0))


# Target A (100, 100): three frames, errors 0, 500 (300-400-500) and 1000 (along x).
# Target B (500, 500): two frames, errors 1000 (600-800-1000) and 50 (30-40-50).
# Target C (900, 100): one frame, error 0.
# Target D (900, 900): one frame that is not usable; its prediction (0, 0) must be ignored.
PREDICTED = np.array([
    [100, 100], [400, 500], [1100, 100],
    [1100, 1300], [530, 540],
    [900, 100],
    [0, 0],
], dtype=float)
TARGETS = np.array([
    [100, 100], [100, 100], [100, 100],
    [500, 500], [500, 500],
    [900, 100],
    [900, 900],
], dtype=float)
USABLE = np.array([True, True, True, True, True, True, False])
STATUSES = ["ok", "ok", "ok", "ok", "ok", "ok", "no_face"]
FRAME_ERRORS = [0.0, 500.0, 1000.0, 1000.0, 50.0, 0.0]
# Per target, the median prediction per axis (not the median of the errors):
# A: median x of (100, 400, 1100) = 400, median y of (100, 500, 100) = 100 -> error 300 (median error: 500)
# B: two frames: their mean (815, 920) -> (315, 420) from the target -> error 525
# C: 0
POINT_ERRORS = [300.0, 525.0, 0.0]


def test_geometry_gives_exactly_45_degrees_for_the_viewing_distance() -> None:
    assert SCREEN.mm_per_px == 0.5
    assert SCREEN.px_to_deg(1000.0) == pytest.approx(45.0, abs=1e-12)
    assert SCREEN.px_to_deg(0.0) == 0.0
    assert SCREEN.deg_to_px(45.0) == pytest.approx(1000.0, abs=1e-9)


def test_frame_errors_in_px_and_degrees() -> None:
    report = score(PREDICTED, TARGETS, USABLE, SCREEN, STATUSES, note="hand-made")
    assert (report.frames, report.usable) == (7, 6)
    assert report.mean_px == 425.0  # 2550 / 6: the unusable frame (error 1273 px) is left out
    assert report.median_px == 275.0  # (50 + 500) / 2
    degrees = [deg(e) for e in FRAME_ERRORS]
    assert report.mean_deg == round(sum(degrees) / 6, 3) == 19.905
    assert report.median_deg == round((deg(50) + deg(500)) / 2, 3) == 14.714
    assert report.statuses == {"ok": 6, "no_face": 1}
    assert report.screen == SCREEN.to_dict()
    assert report.note == "hand-made"


def test_per_target_errors_use_the_median_prediction_per_axis() -> None:
    report = score(PREDICTED, TARGETS, USABLE, SCREEN, STATUSES)
    assert report.points == 3  # the target of the unusable frame is not a point
    assert report.point_mean_px == 275.0  # (300 + 525 + 0) / 3
    assert report.point_mean_deg == round((deg(300) + deg(525) + 0.0) / 3, 3) == 14.8
    assert report.point_median_deg == round(deg(300), 3) == 16.699


def test_degrees_follow_the_viewing_distance() -> None:
    far = ScreenGeometry(width_px=1000, height_px=1000, width_mm=500.0, height_mm=500.0, distance_cm=100.0)
    report = score([[1100.0, 100.0]], [[100.0, 100.0]], [True], far)
    assert report.mean_px == report.median_px == 1000.0
    assert report.mean_deg == report.median_deg == round(math.degrees(math.atan(0.5)), 3) == 26.565
    assert (report.points, report.point_mean_px, report.point_median_deg) == (1, 1000.0, 26.565)


def test_targets_equal_to_two_decimals_are_one_point() -> None:
    targets = [[200.001, 300.0], [200.004, 300.0], [600.0, 300.0]]
    predicted = [[200.0, 340.0], [200.0, 260.0], [600.0, 330.0]]
    report = score(predicted, targets, [True, True, True], SCREEN)
    assert report.points == 2
    # The first point's median prediction (200, 300) is on the target (200.00); the second is 30 px off.
    assert report.point_mean_px == 15.0
    assert report.mean_px == round((40 + 40 + 30) / 3, 1) == 36.7


def test_no_usable_frame_gives_no_numbers() -> None:
    report = score(np.full((3, 2), np.nan), [[1, 2], [3, 4], [5, 6]], [False, False, False], SCREEN,
                   ["no_face", "blink", "no_face"])
    assert (report.frames, report.usable, report.points) == (3, 0, 0)
    assert (report.mean_px, report.median_px, report.mean_deg, report.median_deg) == (None, None, None, None)
    assert (report.point_mean_px, report.point_mean_deg, report.point_median_deg) == (None, None, None)
    assert report.statuses == {"no_face": 2, "blink": 1}
